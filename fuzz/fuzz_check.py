"""Coverage-guided fuzzing of the whole ``ipmplint check`` path with atheris. Run by hand:

    .venv/bin/pip install atheris
    .venv/bin/python fuzz/fuzz_check.py -runs=20000           # libFuzzer options
    .venv/bin/python fuzz/fuzz_check.py -max_total_time=300 CORPUS_DIR
    .venv/bin/python fuzz/fuzz_check.py --mutations=CRLF,trailing-blanks -runs=2000   # BOM set aside

Each input is a small capture root packed in bytes (``unpack``): up to four files, each
a name taken from the captures ipmplint reads (or any name), in the server's folder or a
domain's, or the same files in a tar archive. It is written to a temporary folder and
checked by ``ipmplint.cli.main`` in this process, every format in turn. The harness
fails on

- any exit code but 0, 1 or 2: 3 is an internal error (a bug), and no exception may
  escape ``main`` at all;
- machine output that does not parse (JSON, SARIF, GitLab, JUnit XML), a control
  character on the terminal report, a stderr line starting with ``::``;
- a mutation that must not matter changing the findings: the same files with CRLF line
  ends, with a UTF-8 byte-order mark, or with blanks at the ends of lines must give the
  same findings (rule, file, line, message).

The seed corpus is every fixture root, packed, and the hostile inputs of issue 15
(``benchmarks/hostile_inputs.py``, made small); give corpus folders to add your own.
A crash is written where libFuzzer writes it (``crash-<sha1>``); ``--replay FILE``
unpacks one into a folder and prints the command that shows it.
"""

from __future__ import annotations

import contextlib
import io
import json
import os
import shutil
import struct
import sys
import tarfile
import tempfile
import xml.dom.minidom
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(REPO / "benchmarks"))

import atheris  # noqa: E402

with atheris.instrument_imports(include=["ipmplint"]):  # every module the check path uses, for coverage
    import importlib

    from ipmplint import cli
    from ipmplint.capture import filenames, kinds

    for _kind in kinds.KINDS:
        importlib.import_module(_kind.parser.partition(":")[0])
    for _format in ("text", "json", "sarif", "github", "junit", "gitlab"):
        importlib.import_module(f"ipmplint.reporters.{_format}")

#: Names a fuzzed file may take: the canonical capture names, then any name.
NAMES = (
    "ldm-list-l.txt",
    "ldm-list-p.txt",
    "ifconfig-a.txt",
    "netstat-rn.txt",
    "ipadm-show-addr.txt",
    "ipmpstat-g.txt",
    "ipmpstat-i.txt",
    "dladm-show-link.txt",
    "routeadm.txt",
    "etc/hostname.vnet0",
    "etc/inet/hosts",
    "etc/inet/netmasks",
    "etc/default/mpathd",
    "virtinfo.txt",
    "notes.txt",
)
FORMATS = ("text", "json", "sarif", "github", "junit", "gitlab")
MAX_FILES = 4


def unpack(data: bytes) -> tuple[bool, list[tuple[str, bytes]]]:
    """(as a tar archive?, [(relative path, bytes)]) from fuzzer bytes: a flag byte,
    then per file a name byte, a domain byte and a 2-byte length."""
    if not data:
        return False, []
    archive, rest, files = bool(data[0] & 1), data[1:], []
    while rest and len(files) < MAX_FILES:
        if len(rest) < 4:
            break
        name, domain, length = rest[0], rest[1], struct.unpack(">H", rest[2:4])[0]
        body, rest = rest[4 : 4 + length], rest[4 + length :]
        path = NAMES[name % len(NAMES)]
        if domain % 3 == 1:
            path = f"ldg{domain % 2}/{path}"
        files.append((path, body))
    return archive, files


def pack(archive: bool, files: list[tuple[str, bytes]]) -> bytes:
    """The inverse of ``unpack`` (for seeds): names not in ``NAMES`` become notes.txt."""
    out = bytearray([1 if archive else 0])
    for path, body in files[:MAX_FILES]:
        domain, _, name = path.rpartition("/") if path.startswith("ldg") else ("", "", path)
        index = NAMES.index(name) if name in NAMES else NAMES.index("notes.txt")
        body = body[:65535]
        out += bytes([index, 1 if domain else 0]) + struct.pack(">H", len(body)) + body
    return bytes(out)


def write_root(top: Path, archive: bool, files: list[tuple[str, bytes]]) -> Path:
    root = top / "server"
    for path, body in files:
        target = root / path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(body)
    root.mkdir(parents=True, exist_ok=True)
    if not archive:
        return root
    with tarfile.open(top / "server.tar.gz", "w:gz") as tar:
        tar.add(root, arcname="server")
    shutil.rmtree(root)
    return top / "server.tar.gz"


def check(path: Path, fmt: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = cli.main(["check", "--no-cache", "--isolated", "--jobs", "1", "--format", fmt, str(path)])
    return code, out.getvalue(), err.getvalue()


def findings(path: Path) -> list[tuple]:
    code, out, err = check(path, "json")
    if code not in (0, 1, 2):
        raise AssertionError(f"exit {code}: {err[-2000:]}")
    return (
        sorted(
            (f["rule_id"], os.path.basename(f["file"]), f["line"], f["message"]) for f in json.loads(out)["findings"]
        )
        if out
        else []
    )


def _crlf(body: bytes) -> bytes:
    return body.replace(b"\r\n", b"\n").replace(b"\n", b"\r\n")


def _bom(body: bytes) -> bytes:
    return body if body.startswith(b"\xef\xbb\xbf") else b"\xef\xbb\xbf" + body


def _trailing(body: bytes) -> bytes:
    return b"\n".join(line + b"  " if line.strip() else line for line in body.split(b"\n"))


MUTATIONS = {"CRLF": _crlf, "BOM": _bom, "trailing blanks": _trailing}


def test_one_input(data: bytes) -> None:
    archive, files = unpack(data)
    with tempfile.TemporaryDirectory(prefix="ipmplint-fuzz-check-") as tmp:
        top = Path(tmp)
        path = write_root(top / "plain", archive, files)
        for fmt in FORMATS:
            code, out, err = check(path, fmt)
            if code not in (0, 1, 2):
                raise AssertionError(f"--format {fmt}: exit {code}: {err[-2000:]}")
            if any(line.lstrip().startswith("::") for line in err.splitlines()):
                raise AssertionError(f"--format {fmt}: a stderr line starts with '::': {err[-500:]}")
            if fmt in ("json", "sarif", "gitlab") and out:
                json.loads(out)
            if fmt == "junit" and out:
                xml.dom.minidom.parseString(out)
            if fmt == "text" and any(ord(c) < 32 and c not in "\n\t" for c in out):
                raise AssertionError("a control character on the terminal report")
        expected = findings(path)
        for name, mutate in MUTATIONS.items():
            mutated = write_root(top / name.replace(" ", "-"), archive, [(p, mutate(b)) for p, b in files])
            got = findings(mutated)
            if got != expected:
                raise AssertionError(f"{name} changed the findings:\n  {expected}\n  {got}")


def seeds(folder: Path) -> int:
    """Every fixture root and every hostile input, packed into the corpus."""
    from hostile_inputs import LOOPBACK

    count = 0
    for root in sorted(p for p in (REPO / "fixtures").iterdir() if p.is_dir()):
        files = [
            (str(f.relative_to(root)), f.read_bytes())
            for f in sorted(root.rglob("*"))
            if f.is_file() and filenames.kind_of(f.name) is not None
        ]
        for archive in (False, True):
            (folder / f"seed-{count}").write_bytes(pack(archive, files))
            count += 1
    hostile = [
        [("ifconfig-a.txt", b"<b" * 20_000 + b"\n")],
        [("routeadm.txt", b"<b" * 9_000 + b"\n")],
        [("ifconfig-a.txt", b"x\n" * 20_000)],
        [("ifconfig-a.txt", LOOPBACK), ("notes.txt", b"\xff\x1b]0;t\x07")],
    ]
    for files in hostile:
        (folder / f"seed-{count}").write_bytes(pack(False, files))
        count += 1
    return count


def main(argv: list[str]) -> int:
    if argv[1:2] == ["--replay"]:
        archive, files = unpack(Path(argv[2]).read_bytes())
        path = write_root(Path(tempfile.mkdtemp(prefix="ipmplint-fuzz-replay-")), archive, files)
        print(f"ipmplint check --no-cache --isolated --jobs 1 {path}")
        test_one_input(Path(argv[2]).read_bytes())
        return 0
    chosen = [a.split("=", 1)[1] for a in argv[1:] if a.startswith("--mutations=")]
    if chosen:  # e.g. --mutations=CRLF,trailing-blanks: only these (a known difference set aside)
        keep = {m.replace("-", " ") for m in chosen[0].split(",") if m}
        for name in [m for m in MUTATIONS if m not in keep]:
            del MUTATIONS[name]
    argv = [a for a in argv if not a.startswith("--mutations=")]
    corpus = [a for a in argv[1:] if not a.startswith("-")]
    options = [a for a in argv[1:] if a.startswith("-")]
    if not corpus:
        folder = Path(tempfile.mkdtemp(prefix="ipmplint-fuzz-check-seeds-"))
        print(f"seed corpus: {seeds(folder)} inputs in {folder}", flush=True)
        corpus = [str(folder)]
    atheris.Setup([argv[0], "-rss_limit_mb=4096", *options, *corpus], test_one_input)
    atheris.Fuzz()
    return 0


if __name__ == "__main__":
    os.environ.setdefault("IPMPLINT_CACHE_DIR", tempfile.mkdtemp(prefix="ipmplint-fuzz-cache-"))
    sys.exit(main(sys.argv))
