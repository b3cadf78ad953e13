"""Coverage-guided fuzzing of one ipmplint parser with atheris (libFuzzer). Run by hand:

    .venv/bin/pip install atheris
    .venv/bin/python fuzz/fuzz_parser.py --list                  # the parser names
    .venv/bin/python fuzz/fuzz_parser.py ifconfig -runs=1000000  # libFuzzer options after the name
    .venv/bin/python fuzz/fuzz_parser.py all -runs=1000000       # every parser, one after the other

Each input is decoded as the loader decodes a capture (UTF-8, undecodable bytes
replaced) and parsed; the harness fails on any exception and on any broken promise of a
``ParseResult`` (the tests' ``assert_accounted``): every line is in the accounting,
the four counts add up, every warning points at a line of the file. The seed corpus is
every fixture and sample of the parser's kinds (copied to a temporary folder, or give
corpus folders after the options, as libFuzzer takes them). A crash is written where
libFuzzer writes it (``crash-<sha1>``, or ``-artifact_prefix=``); turn it into a test in
``tests/parsers/test_fuzz_regressions.py``.
"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

import atheris  # noqa: E402

with atheris.instrument_imports(include=["ipmplint"]):  # lark itself is trusted: faster runs
    import importlib

    from ipmplint.capture import discovery, kinds, loader
    from ipmplint.parsers.base import decode  # noqa: E402

    for _kind in kinds.KINDS:  # every parser module, instrumented for coverage
        importlib.import_module(_kind.parser.partition(":")[0])
    import ipmplint.parsers.ldm_parseable  # noqa: E402,F401  (list-services -p is handed to it)


def parsers() -> dict[str, list[kinds.Kind]]:
    """Each parser function by a short name (``ldm_long``, ``ldm_long.parse_services``),
    with the kinds that use it."""
    out: dict[str, list[kinds.Kind]] = {}
    for kind in kinds.KINDS:
        module, _, function = kind.parser.partition(":")
        name = module.rsplit(".", 1)[-1] + ("" if function in ("", "parse") else f".{function}")
        out.setdefault(name, []).append(kind)
    return out


def seeds(kind_names: set[str], folder: Path) -> int:
    count = 0
    for top in (REPO / "fixtures", REPO / "tests" / "data" / "samples"):
        for root in discovery.discover([str(top)]).roots:
            for cf in [*root.files, *(f for d in root.domains for f in d.files)]:
                if cf.kind in kind_names:
                    (folder / f"seed-{count}").write_bytes(cf.path.read_bytes())
                    count += 1
    return count


def harness(kind: kinds.Kind):
    parse = loader.parser_of(kind)
    hints = {"interface": "vnet0", "family": "inet"} if kind.name == "hostname" else {}

    def test_one_input(data: bytes) -> None:
        text, _ = decode(data)
        result = parse(text, "fuzz", **hints)
        account = result.account
        lines = len(text.split("\n")) - (1 if text.endswith("\n") else 0)
        if not account.balanced:
            raise AssertionError(f"unbalanced accounting: {account}")
        if account.total != lines and text != "":
            raise AssertionError(f"{account.total} lines accounted, the text has {lines}")
        for w in result.warnings:
            if w.source.file != "fuzz" or not 0 <= w.source.line <= max(lines, 1) or w.source.col < 1:
                raise AssertionError(f"warning outside the file: {w}")

    return test_one_input


def main(argv: list[str]) -> int:
    table = parsers()
    if len(argv) < 2 or argv[1] in ("-h", "--help", "--list"):
        print(__doc__.split("\n\n")[0] + "\n\nparsers: " + ", ".join(sorted(table)) + ", all")
        return 0
    name, rest = argv[1], argv[2:]
    if name == "all":  # one process per parser: libFuzzer runs once per process
        for each in sorted(table):
            print(f"== {each}", flush=True)
            code = subprocess.call([sys.executable, __file__, each, *rest])
            if code:
                return code
        return 0
    if name not in table:
        print(f"fuzz_parser: no parser {name!r}; one of {', '.join(sorted(table))}", file=sys.stderr)
        return 2
    corpus = [a for a in rest if not a.startswith("-")]
    options = [a for a in rest if a.startswith("-")]
    if not corpus:
        folder = Path(tempfile.mkdtemp(prefix=f"ipmplint-fuzz-{name}-"))
        print(f"seed corpus: {seeds({k.name for k in table[name]}, folder)} files in {folder}", flush=True)
        corpus = [str(folder)]
    atheris.Setup([argv[0], *options, *corpus], harness(table[name][0]))
    atheris.Fuzz()
    return 0


if __name__ == "__main__":
    os.environ.setdefault("IPMPLINT_CACHE_DIR", tempfile.mkdtemp(prefix="ipmplint-fuzz-cache-"))
    sys.exit(main(sys.argv))
