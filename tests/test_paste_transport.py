"""How a capture travelled must not change what ipmplint finds in it.

A file saved by a Windows editor starts with a byte-order mark and ends its lines with
``\\r\\n``; a terminal copy or a mail adds blanks at line ends; an editor or a pager
turns the blanks that align columns into tabs (at tab stops of 8, as ``unexpand -a``
does). For every fixture, each of these (and all of them at once) must give the same
findings on the same lines, and the same line accounting.
"""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from testpaths import FIXTURES

from ipmplint.capture import discovery, loader
from ipmplint.engine import runner
from ipmplint.rules import builtin

ROOTS = sorted(p.name for p in FIXTURES.iterdir() if p.is_dir())


def bom(text: str) -> str:
    return text if text.startswith("\ufeff") else "\ufeff" + text


def crlf(text: str) -> str:
    return text.replace("\n", "\r\n")


def trailing_blanks(text: str) -> str:
    return "\n".join(line + (" \t " if line else "") for line in text.split("\n"))


def tabs(text: str) -> str:
    """Runs of two or more blanks that end on a tab stop become a tab (``unexpand -a``)."""
    return "\n".join(_unexpand(line) for line in text.split("\n"))


def _unexpand(line: str) -> str:
    out: list[str] = []
    col = 0
    for m in re.finditer(r" +|[^ ]+", line):
        piece, end = m.group(0), col + len(m.group(0))
        stops = range((col // 8 + 1) * 8, end + 1, 8)
        if piece.startswith("  ") and stops:
            out.append("\t" * len(stops) + " " * (end - stops[-1]))
        else:
            out.append(piece)
        col = end
    return "".join(out)


CHANGES = {"bom": bom, "crlf": crlf, "trailing-blanks": trailing_blanks, "tabs": tabs}


def verdict(root: Path) -> tuple:
    """What a run finds: each finding's rule, file, line and message; each file's accounting."""
    found = discovery.discover([str(root)])
    assert found.errors == ()
    (capture,) = found.roots
    server = loader.load(capture)
    report = runner.check_server(server, builtin())
    findings = sorted(
        (f.rule_id, _rel(f.location.file, root), f.location.line, _rel(f.message, root)) for f in report.findings
    )
    accounts = sorted(
        (_rel(a.file, root), a.kind, a.total, a.consumed, a.skipped, a.warned, a.blank) for a in server.accounts
    )
    files = sorted((_rel(f.display, root), f.kind) for f in capture.files)
    return findings, accounts, files


def _rel(text: str, root: Path) -> str:
    """A path or message without the copy's folder, and without the columns of the
    locations it names: a column counts characters, and a tab is one."""
    return re.sub(r"(:\d+):\d+\b", r"\1", text.replace(str(root), "<root>"))


def transported(name: str, tmp: Path, changes: tuple[str, ...]) -> Path:
    """A copy of fixture ``name`` whose every file went through ``changes``."""
    dest = tmp / name
    shutil.copytree(FIXTURES / name, dest)
    for path in dest.rglob("*"):
        if path.is_file():
            text = path.read_text(encoding="utf-8")
            for change in changes:
                text = CHANGES[change](text)
            path.write_bytes(text.encode("utf-8"))
    return dest


def test_unexpand_keeps_the_columns_tabs_expand_to():
    line = "primary          active   -n-cv           4     4G"
    assert "\t" in _unexpand(line) and _unexpand(line).expandtabs(8) == line


@pytest.mark.parametrize("name", ROOTS)
def test_every_change_at_once_finds_the_same(name, tmp_path):
    original = verdict(transported(name, tmp_path / "a", ()))
    assert verdict(transported(name, tmp_path / "b", tuple(CHANGES))) == original


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(name=st.sampled_from(ROOTS), changes=st.lists(st.sampled_from(sorted(CHANGES)), unique=True, min_size=1))
def test_any_change_finds_the_same(name, changes, tmp_path_factory):
    tmp = tmp_path_factory.mktemp("transport")
    assert verdict(transported(name, tmp / "b", tuple(changes))) == verdict(transported(name, tmp / "a", ()))


def _sniffable() -> list[Path]:
    from testpaths import SAMPLES

    from ipmplint.capture import kinds

    files = [p for p in sorted(FIXTURES.rglob("*")) + sorted(SAMPLES.rglob("*.txt")) if p.is_file()]
    return [p for p in files if kinds.sniff(p.read_text(encoding="utf-8", errors="replace"))]


PASTED = {
    "bom": bom,
    "crlf": crlf,
    "tabs": tabs,
    "trailing-blanks": trailing_blanks,
    "elided-head": lambda text: "...\n" + text,
    "prompt-head": lambda text: "root@host:~# \n" + text,
    "other-command-head": lambda text: "# if_mpadm -d vnic0\n" + text,
    "indented": lambda text: "".join("    " + line for line in text.splitlines(True)),
}


@pytest.mark.parametrize("change", sorted(PASTED))
def test_a_pasted_capture_is_recognised_as_the_clean_one(change):
    from ipmplint.capture import kinds

    files = _sniffable()
    assert len(files) > 50
    for path in files:
        text = path.read_text(encoding="utf-8", errors="replace")
        assert kinds.sniff(PASTED[change](text)) == kinds.sniff(text), path
