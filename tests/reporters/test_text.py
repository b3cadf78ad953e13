"""The text reporter: the exact table, the summary's grammar, colour only when asked."""

from __future__ import annotations

import re
from pathlib import Path

import attrs

from ipmplint.findings import Report, ServerReport, Severity, SkippedCheck
from ipmplint.reporters import text

GOLDEN_FILE = Path(__file__).parent / "golden" / "text.txt"


def golden_text() -> str:
    return GOLDEN_FILE.read_text(encoding="utf-8")


ANSI = re.compile(r"\x1b\[[0-9;]*m")


def test_golden_output(report):
    """The whole table (test_golden.py checks the file byte for byte; this is its shape)."""
    out = text.render(report)
    assert out == golden_text()
    assert out.splitlines()[2].split() == [
        "warning",
        "CAP001",
        "parse-warning",
        "fleet/t5-2-a/guest1/ifconfig-a.txt:7:7",
        "'10.888.999.133'",
        "is",
        "not",
        "a",
        "valid",
        "IPv4",
        "address",
    ]
    assert "\n4 findings (1 error, 2 warnings, 1 info) in 2 servers; 2 checks skipped\n" in out


def test_clean_report_says_no_findings(clean_report):
    assert text.render(clean_report) == "No findings.\n"


def test_clean_but_skipped_says_so(clean_report):
    server = attrs.evolve(clean_report.servers[0], skipped=(SkippedCheck("t5-2-a", "IPMP102", "needs ldm-list-l.txt"),))
    assert text.render(attrs.evolve(clean_report, servers=(server,))) == (
        "skipped IPMP102: needs ldm-list-l.txt\nNo findings; 1 check skipped.\n"
    )


def test_skips_are_named_under_the_summary_grouped_by_what_they_lacked(clean_report):
    """A run that skipped checks for want of a capture cannot read as a clean verdict:
    what each skipped rule lacked is above the summary; skips of single domains are counted."""
    lacking = "no vnet/vsw bindings: capture `ldm list -l` on the control domain"
    skips = (
        SkippedCheck("t5-2-a", "IPMP102", lacking),
        SkippedCheck("t5-2-a", "IPMP101", lacking),
        SkippedCheck("t5-2-a", "IPMP207", "no mpathd", domain="ldg1"),
        SkippedCheck("t5-2-a", "IPMP307", "no eeprom", domain="ldg1"),
    )
    server = attrs.evolve(clean_report.servers[0], skipped=skips)
    assert text.render(attrs.evolve(clean_report, servers=(server,))) == (
        f"skipped IPMP101, IPMP102: {lacking}\n"
        "2 checks skipped for single domains (--verbose says why)\n"
        "No findings; 4 checks skipped.\n"
    )


def _one_server(report: Report, *severities: Severity, skipped: int = 0) -> Report:
    base = report.servers[0].findings[1]
    findings = tuple(
        attrs.evolve(base, severity=s, location=attrs.evolve(base.location, line=i + 1))
        for i, s in enumerate(severities)
    )
    skips = tuple(SkippedCheck("t5-2-a", f"IPMP{300 + i}", "needs x") for i in range(skipped))
    server = ServerReport("t5-2-a", "fleet/t5-2-a", findings, skips)
    return attrs.evolve(report, servers=(server,), errors=())


def test_summary_singular(report):
    one = _one_server(report, Severity.ERROR, skipped=1)
    assert text.summary(one) == "1 finding (1 error, 0 warnings, 0 info) in 1 server; 1 check skipped"


def test_summary_plural(report):
    many = _one_server(
        report, Severity.ERROR, Severity.ERROR, Severity.WARNING, Severity.INFO, Severity.INFO, skipped=2
    )
    assert text.summary(many) == "5 findings (2 errors, 1 warning, 2 info) in 1 server; 2 checks skipped"


def test_summary_without_skips_says_nothing_of_them(report):
    assert text.summary(_one_server(report, Severity.WARNING)) == (
        "1 finding (0 errors, 1 warning, 0 info) in 1 server"
    )


def test_no_colour_codes_by_default(report):
    assert "\x1b[" not in text.render(report)


def test_colour_only_on_the_severity_cell(report):
    coloured = text.render(report, color=True)
    assert ANSI.sub("", coloured) == golden_text()  # same layout, widths not thrown off by escapes
    lines = coloured.splitlines()
    assert lines[2].startswith("\x1b[33mwarning\x1b[0m ")
    assert lines[4].startswith("\x1b[1;31merror\x1b[0m ")
    assert lines[5].startswith("\x1b[36minfo\x1b[0m ")
    for line in lines:
        # at most one coloured span per line, and it is the first cell
        assert len(ANSI.findall(line)) in (0, 2)
        if ANSI.search(line):
            assert line.startswith("\x1b[")
    assert "\x1b[" not in "\n".join(lines[6:])  # summary and errors stay plain


def test_errors_listed_after_summary(report):
    out = text.render(attrs.evolve(report, errors=("b: unreadable", "a: unreadable")))
    assert out.endswith("\n2 inputs could not be read:\n  b: unreadable\n  a: unreadable\n")


def test_statistics_counts_per_rule_most_first(report):
    assert text.statistics(report) == (
        "2  IPMP102  vswitches-share-service-domain\n1  CAP001   parse-warning\n1  IPMP202  no-probe-targets\n"
    )


def test_statistics_ties_by_id_and_wide_counts(report):
    many = _one_server(report, *([Severity.ERROR] * 12))
    cap = attrs.evolve(report.servers[0].findings[0], server="t5-2-a")
    server = attrs.evolve(many.servers[0], findings=many.servers[0].findings + (cap,))
    assert text.statistics(attrs.evolve(many, servers=(server,))) == (
        "12  IPMP102  vswitches-share-service-domain\n 1  CAP001   parse-warning\n"
    )


def test_statistics_empty_when_nothing_found(clean_report):
    assert text.statistics(clean_report) == ""
