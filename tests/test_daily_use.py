"""Daily use at the terminal, in an editor and in CI: widths, colour conventions,
the concise format as an editor reads it, --exit-zero, --quiet, --category, the
progress line, and messages that say only what happened."""

from __future__ import annotations

import io
import json
import re
import subprocess

import pytest
from testpaths import REPO

from ipmplint import cli
from ipmplint.cli import progress
from ipmplint.cli.reflow import reflow
from ipmplint.rules import builtin

FIG_7_3 = "fixtures/fig-7-3-two-vsw-one-service-domain"
FIG_7_4 = "fixtures/fig-7-4-vsw-in-two-service-domains"
IPMP101 = "fixtures/ipmp101-vnets-share-vswitch"
ANSI = re.compile(r"\x1b\[[0-9;]*[A-Za-z]")

#: Vim's errorformat for the concise format, ``%f:%l:%c: %t%*[a-z] %m``, as a regex:
#: file, line, column, the severity (its first letter is the quickfix type), message.
ERRORFORMAT = re.compile(r"^(?P<f>[^:]+):(?P<l>\d+):(?P<c>\d+): (?P<t>[ewi])[a-z]* (?P<m>.+)$")


@pytest.fixture(autouse=True)
def in_repo(monkeypatch):
    monkeypatch.chdir(REPO)
    for name in ("NO_COLOR", "FORCE_COLOR", "COLUMNS", "TERM"):
        monkeypatch.delenv(name, raising=False)


def run(capsys, *argv: str) -> tuple[int, str, str]:
    code = cli.main(list(argv))
    captured = capsys.readouterr()
    return code, captured.out, captured.err


# ------------------------------------------------------------------ widths
@pytest.mark.parametrize("width", [80, 120, 200])
def test_text_fits_the_terminal(width, capsys, monkeypatch):
    monkeypatch.setenv("COLUMNS", str(width))
    code, out, _ = run(capsys, "check", FIG_7_3, IPMP101)
    assert code == 1
    lines = out.splitlines()
    assert max(len(line) for line in lines) <= width
    # every word of every finding is still there, and each location once
    for word in ("primary-vsw0@primary;", "IPMP101", "IPMP102", "vswitches-share-service-domain"):
        assert word in out
    assert out.count(f"{FIG_7_3}/ldm-list-l.txt:50:5") == 1
    assert out.count(f"{IPMP101}/ldm-list-l.txt:49:5") == 1


def test_narrow_terminal_gives_a_block_per_finding(capsys, monkeypatch):
    monkeypatch.setenv("COLUMNS", "80")
    out = run(capsys, "check", FIG_7_3)[1]
    assert out.splitlines()[:3] == [
        f"{FIG_7_3}/ldm-list-l.txt:50:5:",
        "    warning IPMP102 vswitches-share-service-domain",
        "    group ipmp0 in ldg1: its vsws (primary-vsw0, primary-vsw1) are all in",
    ]


def test_wide_terminal_gives_a_table_with_the_message_wrapped(capsys, monkeypatch):
    monkeypatch.setenv("COLUMNS", "200")
    lines = run(capsys, "check", FIG_7_3)[1].splitlines()
    assert re.match(r"^severity +rule +location +message$", lines[0])
    assert lines[2].startswith("warning     IPMP102 vswitches-share-service-domain  ")
    assert len(lines) > 4 and lines[3].startswith(" " * 40)  # the message's second line, under its column


def test_a_file_or_pipe_gets_one_unwrapped_table(capsys, tmp_path):
    out = run(capsys, "check", FIG_7_3)[1]  # captured: not a terminal, no COLUMNS
    (row,) = [line for line in out.splitlines() if line.startswith("warning")]
    assert row.endswith("Put one vsw in a second service domain")


def test_absolute_paths_under_the_working_folder_are_shown_relative(capsys, monkeypatch):
    monkeypatch.setenv("COLUMNS", "80")
    out = run(capsys, "check", str(REPO / FIG_7_3))[1]
    assert out.startswith(f"{FIG_7_3}/ldm-list-l.txt:50:5:")


# ------------------------------------------------------------------ colour
def test_colour_conventions(capsys, monkeypatch):
    monkeypatch.setattr("sys.stdout.isatty", lambda: True, raising=False)
    assert ANSI.search(run(capsys, "check", FIG_7_3)[1])
    monkeypatch.setenv("TERM", "dumb")
    assert not ANSI.search(run(capsys, "check", FIG_7_3)[1])
    monkeypatch.setenv("FORCE_COLOR", "1")  # forces it, even on a dumb terminal
    assert ANSI.search(run(capsys, "check", FIG_7_3)[1])
    monkeypatch.setenv("NO_COLOR", "1")  # and NO_COLOR wins over everything but --color always
    assert not ANSI.search(run(capsys, "check", FIG_7_3)[1])
    assert ANSI.search(run(capsys, "check", "--color", "always", FIG_7_3)[1])


def test_force_color_reaches_a_pipe(capsys, monkeypatch):
    monkeypatch.setenv("FORCE_COLOR", "1")
    assert "\x1b[33mwarning\x1b[0m" in run(capsys, "check", FIG_7_3)[1]


# ------------------------------------------------------------------ concise
def test_concise_is_what_an_editor_reads(capsys):
    code, out, err = run(capsys, "check", "--format", "concise", FIG_7_3, IPMP101, FIG_7_4)
    assert code == 1 and err == ""
    lines = out.splitlines()
    parsed = [m for m in map(ERRORFORMAT.match, lines) if m]
    summary = lines[-1]
    # what is not a finding (what skipped checks lacked, the summary) never looks like one
    assert all(
        line.startswith(("skipped ", f"{len(lines)}")) or not ERRORFORMAT.match(line) for line in lines[len(parsed) :]
    )
    assert lines[: len(parsed)] == [m.group(0) for m in parsed]
    assert [(m["f"], int(m["l"]), int(m["c"]), m["t"], m["m"].split()[0]) for m in parsed] == [
        (f"{FIG_7_3}/ldm-list-l.txt", 50, 5, "w", "IPMP102"),
        (f"{IPMP101}/ldm-list-l.txt", 49, 5, "e", "IPMP101"),
    ]
    assert summary.startswith("2 findings (1 error, 1 warning, 0 info) in 3 servers")
    assert not ERRORFORMAT.match(summary)


def test_concise_keeps_a_finding_on_one_line_and_gives_whole_file_findings_a_line():
    import attrs

    from ipmplint.findings import Finding, Severity
    from ipmplint.model import Source
    from ipmplint.reporters import concise

    finding = Finding(
        server="s",
        location=Source("s/notes.txt", 0, 1),
        rule_id="CAP002",
        rule_name="unrecognised-file",
        severity=Severity.WARNING,
        message="two\nlines",
    )
    assert concise.line(finding) == "s/notes.txt:1:1: warning CAP002 two lines"
    assert ERRORFORMAT.match(concise.line(attrs.evolve(finding, location=Source("/abs/x", 7, 3))))


# ------------------------------------------------------------------ conventions
def test_exit_zero_keeps_findings_and_error_exits(capsys):
    code, out, _ = run(capsys, "check", "--exit-zero", IPMP101)
    assert code == 0 and "IPMP101" in out
    assert run(capsys, "check", "--exit-zero", "no/such/folder")[0] == 2


def test_quiet_prints_findings_only(capsys, tmp_path):
    code, out, err = run(capsys, "check", "--quiet", FIG_7_4)
    assert (code, out, err) == (0, "", "")
    code, out, err = run(capsys, "check", "-q", "--format", "concise", FIG_7_3)
    assert code == 1 and out.count("IPMP102") == 1 and err == ""
    baseline = tmp_path / "baseline.json"
    code, out, err = run(capsys, "check", "-q", "--write-baseline", str(baseline), FIG_7_3)
    assert (code, out, err) == (0, "", "") and baseline.exists()


def test_nothing_readable_says_so_once_and_no_report(capsys):
    code, out, err = run(capsys, "check", "nosuchdir")
    assert (code, out) == (2, "")
    assert err == "ipmplint: nosuchdir: no such file or directory\n"


def test_an_unreadable_input_beside_a_readable_one_is_said_once(capsys, monkeypatch):
    monkeypatch.setenv("COLUMNS", "80")
    code, out, err = run(capsys, "check", FIG_7_3, "nosuchdir")
    assert code == 2 and "nosuchdir" not in out and err.count("nosuchdir") == 1


def test_an_unknown_rule_is_one_line_not_the_usage(capsys):
    code, out, err = run(capsys, "check", "--select", "IPMP9", FIG_7_3)
    assert (code, out) == (2, "")
    assert err == "ipmplint: error: unknown rule or prefix 'IPMP9' (did you mean IPMP309?)\n"


def test_help_points_only_at_what_a_pip_install_has(capsys):
    for argv in (["--help"], ["check", "--help"], ["graph", "--help"], ["rules", "--help"]):
        with pytest.raises(SystemExit):
            cli.main(argv)
        out = capsys.readouterr().out
        assert "docs/" not in out and "ipmplint.engine.cache" not in out and ".md" not in out


def test_graph_refuses_binary_to_a_terminal(capsys, monkeypatch):
    from ipmplint.drawing import render

    monkeypatch.setattr(render, "dot_program", lambda: "/usr/bin/dot")  # refused before any drawing
    monkeypatch.setattr("sys.stdout.isatty", lambda: True, raising=False)
    code, out, err = run(capsys, "graph", "--format", "png", FIG_7_3)
    assert (code, out) == (2, "") and "--output FILE" in err


# ------------------------------------------------------------------ SARIF category
def test_sarif_category_is_the_same_however_the_path_was_typed(capsys, monkeypatch):
    def category(*argv: str) -> str:
        out = run(capsys, "check", "--format", "sarif", *argv)[1]
        return json.loads(out)["runs"][0]["automationDetails"]["id"]

    assert category(FIG_7_3) == category(f"./{FIG_7_3}/") == category(str(REPO / FIG_7_3)) == (f"ipmplint/{FIG_7_3}/")
    monkeypatch.chdir(REPO / "fixtures")
    assert category(".") == category(str(REPO / "fixtures")) == "ipmplint/./"
    assert category("--category", "fleet-a", ".") == "ipmplint/fleet-a/"


# ------------------------------------------------------------------ rules, rule
def test_rules_and_every_rule_doc_fit_80_columns(capsys, monkeypatch):
    monkeypatch.setenv("COLUMNS", "200")  # never wider than 80, even on a wide terminal
    out = run(capsys, "rules")[1]
    assert max(len(line) for line in out.splitlines()) <= 80
    for rule in builtin():
        doc = run(capsys, "rule", rule.id)[1]
        fenced = False
        for line in doc.splitlines():
            fenced ^= line.strip().startswith("```")
            # only verbatim examples, table rows and words longer than a line (URLs) may be wider
            if len(line) > 80 and not fenced and not line.lstrip().startswith("|"):
                assert " " not in line.strip(), (rule.id, line)


def test_reflow_refills_prose_and_keeps_code_and_lists():
    text = (
        "## What it checks\nA paragraph that goes on\nand on over lines that are\nshort.\n\n"
        "- an item whose words run on well past the width we ask for here\n"
        "  and continue\n\n```\ncolumns   must   stay   exactly   as   they   are   written\n```\n"
    )
    out = reflow(text, 30)
    assert out == (
        "## What it checks\nA paragraph that goes on and\non over lines that are short.\n\n"
        "- an item whose words run on\n  well past the width we ask\n  for here and continue\n\n"
        "```\ncolumns   must   stay   exactly   as   they   are   written\n```\n"
    )


# ------------------------------------------------------------------ progress
class _Clock:
    def __init__(self) -> None:
        self.now = 0.0

    def __call__(self) -> float:
        return self.now


def test_progress_redraws_in_place_at_a_bounded_rate_and_erases_itself():
    stream, clock = io.StringIO(), _Clock()
    shown = progress.Progress(1000, stream=stream, clock=clock)
    for _ in range(999):
        shown.step()  # the clock stands still: only the first is drawn
    clock.now = 1.0
    shown.step()  # the last is always drawn
    shown.close()
    assert stream.getvalue() == ("\r\x1b[Kchecked 1/1000 servers\r\x1b[Kchecked 1000/1000 servers\r\x1b[K")


def test_progress_of_a_fleet_still_being_walked_counts_without_a_total():
    stream, clock = io.StringIO(), _Clock()
    shown = progress.Progress(None, stream=stream, clock=clock)
    shown.step()  # one server may be all there is: nothing shown yet
    assert stream.getvalue() == ""
    shown.step()
    clock.now = 1.0
    shown.step()
    shown.close()
    assert stream.getvalue() == "\r\x1b[Kchecked 2 servers\r\x1b[Kchecked 3 servers\r\x1b[K"


def test_progress_only_on_a_terminal_and_not_when_quiet(monkeypatch):
    class Tty(io.StringIO):
        def isatty(self) -> bool:
            return True

    assert progress.wanted(Tty(), quiet=False)
    assert not progress.wanted(Tty(), quiet=True)
    assert not progress.wanted(io.StringIO(), quiet=False)
    monkeypatch.setenv("TERM", "dumb")
    assert not progress.wanted(Tty(), quiet=False)
    silent = io.StringIO()
    one = progress.Progress(1, stream=silent)
    one.step()
    one.close()
    assert silent.getvalue() == ""  # one server: nothing to show progress of


def test_no_progress_when_stderr_is_not_a_terminal(capsys):
    code, _, err = run(capsys, "check", FIG_7_3, FIG_7_4)
    assert "checked" not in err


def test_text_report_columns_never_exceed_the_terminal_for_the_whole_fixture_set(capsys, monkeypatch):
    monkeypatch.setenv("COLUMNS", "80")
    out = run(capsys, "check", "--no-cache", "fixtures")[1]
    for line in out.splitlines():
        # a path longer than the terminal cannot be broken; everything else fits
        assert len(line) <= 80 or " " not in line.strip().rstrip(":"), line


# ------------------------------------------------------------------ standard input
def _piped(*argv: str, stdin: bytes) -> "subprocess.CompletedProcess[str]":
    import subprocess
    import sys

    done = subprocess.run(
        [sys.executable, "-m", "ipmplint", "check", "--no-cache", *argv],
        input=stdin,
        capture_output=True,
        cwd=REPO,
        timeout=120,
    )
    return subprocess.CompletedProcess(done.args, done.returncode, done.stdout.decode(), done.stderr.decode())


def test_a_capture_on_standard_input():
    """``ssh ldg1 ifconfig -a | ipmplint check -``: recognised by its content, named -."""
    ifconfig = REPO / "fixtures" / "ipmp301-single-member-group" / "ifconfig-a.txt"
    done = _piped("--format", "concise", "-", stdin=ifconfig.read_bytes())
    assert done.returncode == 1, done.stderr
    assert re.search(r"^-:\d+:\d+: warning IPMP301 ", done.stdout, re.M)


def test_a_tar_stream_on_standard_input(tmp_path):
    """``ssh host tar cf - capture | ipmplint check -``: the archive read in memory."""
    import tarfile

    stream = tmp_path / "capture.tar.gz"
    with tarfile.open(stream, "w:gz") as tar:
        tar.add(REPO / IPMP101, arcname="ipmp101")
    done = _piped("--format", "concise", "-", stdin=stream.read_bytes())
    assert done.returncode == 1, done.stderr
    assert done.stdout.startswith("-/ipmp101/ldm-list-l.txt:49:5: error IPMP101 ")
    plain = tmp_path / "capture.tar"
    with tarfile.open(plain, "w") as tar:
        tar.add(REPO / IPMP101, arcname="ipmp101")
    assert _piped("--format", "concise", "-", stdin=plain.read_bytes()).stdout == done.stdout


def test_standard_input_with_paths_and_its_errors():
    both = _piped("--format", "concise", FIG_7_3, "-", stdin=(REPO / IPMP101 / "ldm-list-l.txt").read_bytes())
    assert "IPMP102" in both.stdout and "-:3:1: info CAP003" in both.stdout
    nothing = _piped("-", stdin=b"hello\n")
    assert nothing.returncode == 2 and "standard input is no capture ipmplint recognises" in nothing.stderr
    assert _piped("-", stdin=b"").returncode == 2
    big = _piped("--max-file-size", "1K", "-", stdin=b"x" * 2048)
    assert big.returncode == 2 and "over the 1024-byte limit" in big.stderr
    changed = _piped("--changed", "-", stdin=b"")
    assert changed.returncode == 2 and "--changed takes the changed files' names" in changed.stderr


def test_standard_input_from_a_terminal_is_refused_not_waited_for(capsys, monkeypatch):
    monkeypatch.setattr("sys.stdin.isatty", lambda: True, raising=False)
    code, out, err = run(capsys, "check", "-")
    assert (code, out) == (2, "") and "standard input, which is a terminal here" in err
