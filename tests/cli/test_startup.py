"""Start-up: ``ipmplint check`` of one server imports what its files and the run need,
and nothing else, so a fleet of one stays close to the time it takes to read the files.

Each test runs the console's ``main`` in a fresh interpreter, from an empty folder (no
configuration file found), and reads ``sys.modules`` at its end: what any code path
imported, deferred imports included (``-X importtime`` would say the same, less
directly). A module named here costs a measurable part of a one-server run: networkx
only draws; tarfile (with bz2, lzma) reads archives; importlib.metadata (with email,
csv, zipfile, socket) lists plugins and versions; each parser module, its format.
"""

from __future__ import annotations

import argparse
import contextlib
import io
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from testpaths import FIXTURES

from ipmplint.capture import discovery, kinds
from ipmplint.cli import build_parser

#: Runs ``main(argv)`` and writes the modules imported by then, one a line.
_PROBE = """
import sys
from ipmplint.cli import main
try:
    code = main(sys.argv[2:])
finally:
    with open(sys.argv[1], "w") as out:
        out.write("\\n".join(sorted(sys.modules)))
sys.exit(code)
"""

ONE = FIXTURES / "fig-7-3-two-vsw-one-service-domain"


def imported(tmp_path: Path, *argv: str, env: dict[str, str] | None = None) -> set[str]:
    listing = tmp_path / "modules.txt"
    proc = subprocess.run(
        [sys.executable, "-c", _PROBE, str(listing), *argv],
        capture_output=True,
        text=True,
        cwd=tmp_path,
        env={**os.environ, **(env or {})},
    )
    assert proc.returncode in (0, 1), proc.stderr[-2000:]
    return set(listing.read_text().split())


def parser_modules(root: Path) -> tuple[set[str], set[str]]:
    """The parser modules of the kinds present in ``root``, and those of every other kind."""
    (found,) = discovery.discover([str(root)]).roots
    present = {cf.kind for cf in found.files} | {cf.kind for d in found.domains for cf in d.files}
    modules = {k.name: k.parser.partition(":")[0] for k in kinds.KINDS}
    used = {modules[k] for k in present if k in modules}
    return used, set(modules.values()) - used


#: What a check of one server never needs: drawing, archives, plugin discovery, workers.
NEVER = {"networkx", "tarfile", "importlib.metadata", "multiprocessing"}


@pytest.mark.parametrize("fmt", ["text", "json"])
@pytest.mark.parametrize("cached", [False, True], ids=["no-cache", "cache"])
def test_check_of_one_server_imports_what_its_files_need(tmp_path, private_cache, cached, fmt):
    used, unused = parser_modules(ONE)
    assert "ipmplint.parsers.ldm_long" in used and "ipmplint.parsers.ldm_parseable" in unused
    argv = ["check", "--format", fmt, "-o", str(tmp_path / "report"), str(ONE)]
    modules = imported(tmp_path, *argv, *([] if cached else ["--no-cache"]))
    report = (tmp_path / "report").read_text()
    assert json.loads(report)["findings"] if fmt == "json" else "IPMP102" in report  # the run did check
    assert used <= modules  # each file read by its own parser...
    # The text table is laid out by tabulate, which reads its own version through
    # importlib.metadata when imported: the default format pays for it, json does not.
    never = NEVER - {"importlib.metadata"} if fmt == "text" else NEVER
    assert (never | unused) & modules == set()  # ...and only by those


def test_a_warm_check_imports_no_parser(tmp_path, private_cache):
    argv = ["check", "--format", "json", "-o", str(tmp_path / "report.json"), str(ONE)]
    imported(tmp_path, *argv)
    modules = imported(tmp_path, *argv)
    parsers = {m for m in modules if m.startswith("ipmplint.parsers.") or m == "lark"}
    assert parsers == {"ipmplint.parsers.grammar_files"}  # hashed into the cache's keys, not parsed
    assert NEVER & modules == set()


def test_an_archive_imports_tarfile(tmp_path, private_cache):
    """The check above can fail: reading an archive does import tarfile."""
    import tarfile

    archive = tmp_path / "one.tar"
    with tarfile.open(archive, "w") as tar:
        tar.add(ONE, arcname=ONE.name)
    modules = imported(tmp_path, "check", "--no-cache", "--format", "json", str(archive))
    assert "tarfile" in modules


def test_version_and_rules_import_no_parser(tmp_path):
    for argv in (["--version"], ["rules"]):
        proc = subprocess.run(
            [sys.executable, "-c", _PROBE, str(tmp_path / "m.txt"), *argv],
            capture_output=True,
            text=True,
            cwd=tmp_path,
        )
        modules = set((tmp_path / "m.txt").read_text().split())
        assert proc.returncode == 0, proc.stderr
        assert {"lark", "networkx", "tarfile", "importlib.metadata"} & modules == set(), argv


def _helps(parser: argparse.ArgumentParser) -> dict[str, str]:
    """The top-level help and each subcommand's, by command ("" for the top)."""
    (sub,) = [a for a in parser._actions if isinstance(a, argparse._SubParsersAction)]
    return {"": parser.format_help(), **{name: p.format_help() for name, p in sub.choices.items()}}


def test_a_command_builds_its_own_options_and_reads_the_same(monkeypatch):
    """``main`` builds the options of the command it runs only: every help reads as
    with all of them built, and so does a usage error."""
    monkeypatch.setenv("COLUMNS", "100")
    full = _helps(build_parser())
    bare = _helps(build_parser(()))
    assert bare[""] == full[""] and set(bare) == set(full)
    for command in full:
        if command:
            assert _helps(build_parser({command}))[command] == full[command]
            assert bare[command] != full[command]  # every command has options of its own
    for argv in (["check"], ["chek", "x"], [], ["check", "--format", "xml", "x"], ["rule"]):
        outcomes = []
        for parser in (build_parser(), build_parser({argv[0]} if argv else ())):
            with pytest.raises(SystemExit) as exc, contextlib.redirect_stderr(io.StringIO()) as err:
                parser.parse_args(argv)
            outcomes.append((exc.value.code, err.getvalue()))
        assert outcomes[0] == outcomes[1], argv
