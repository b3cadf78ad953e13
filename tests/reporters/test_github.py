"""The GitHub workflow-command reporter: one annotation per finding, escaped as the runner parses."""

from __future__ import annotations

import re
from urllib.parse import unquote

import attrs

from ipmplint.findings import Severity
from ipmplint.model import Source
from ipmplint.reporters import github

#: What the runner accepts: ::command key=value,key=value::message, nothing else on the line.
COMMAND = re.compile(r"^::(error|warning|notice)( [a-zA-Z]+=[^,:\r\n]*(,[a-zA-Z]+=[^,:\r\n]*)*)?::([^\r\n]*)$")


def _parse(line: str) -> tuple[str, dict[str, str], str]:
    """A workflow command taken apart and unescaped, as the Actions runner does it."""
    match = COMMAND.match(line)
    assert match, line
    props = {}
    if match.group(2):
        for pair in match.group(2).strip().split(","):
            key, value = pair.split("=", 1)
            props[key] = unquote(value)
    return match.group(1), props, unquote(match.group(4))


def test_one_command_per_finding_then_errors(report):
    lines = github.render(report).splitlines()
    assert len(lines) == 5
    assert [_parse(line)[0] for line in lines] == ["warning", "warning", "error", "notice", "error"]


def test_exact_lines(report):
    lines = github.render(report).splitlines()
    assert lines[2] == (
        "::error file=fleet/t5-2-a/ldm-list-l.txt,line=41,col=5,"
        "title=IPMP102 vswitches-share-service-domain::"
        "vnet0 and vnet1 of group ipmp0 both reach vswitches in service domain primary"
    )
    # a whole-file finding: no line, no column
    assert lines[3] == (
        "::notice file=fleet/t5-2-b/guest3/netstat-rn.txt,title=IPMP202 no-probe-targets::"
        "group ipmp0 is probe-based but the routing table has no usable route"
    )
    # an unreadable input: an error without a file
    assert lines[4] == "::error title=ipmplint::fleet/t5-2-c: cannot read: [Errno 13] Permission denied"


def test_severity_picks_the_command(report):
    base = report.servers[0].findings[1]
    for severity, command in ((Severity.ERROR, "error"), (Severity.WARNING, "warning"), (Severity.INFO, "notice")):
        assert github.annotation(attrs.evolve(base, severity=severity)).startswith(f"::{command} ")


def test_escaping_message_and_properties(report):
    evil = attrs.evolve(
        report.servers[0].findings[1],
        location=Source("fleet/a,b/c:d/50%.txt", 3, 2),
        rule_name="x",
        message="100% down:\r\nsecond line, with comma :: and colons",
    )
    line = github.annotation(evil)
    assert "\n" not in line and "\r" not in line
    assert line == (
        "::error file=fleet/a%2Cb/c%3Ad/50%25.txt,line=3,col=2,title=IPMP102 x::"
        "100%25 down:%0D%0Asecond line, with comma :: and colons"
    )
    command, props, message = _parse(line)
    assert props == {"file": "fleet/a,b/c:d/50%.txt", "line": "3", "col": "2", "title": "IPMP102 x"}
    assert message == evil.message


def test_percent_escaped_first_so_escapes_are_not_doubled():
    assert github.escape_data("%0A\n") == "%250A%0A"
    assert github.escape_property("a%2Cb,c") == "a%252Cb%2Cc"


def test_paths_relative_to_srcroot_and_with_slashes(report):
    finding = attrs.evolve(
        report.servers[0].findings[1], location=Source("/srv/captures/fleet/t5-2-a/ldm-list-l.txt", 41, 5)
    )
    assert "file=fleet/t5-2-a/ldm-list-l.txt," in github.annotation(finding, "/srv/captures")
    # outside srcroot: as given, normalised
    outside = attrs.evolve(finding, location=Source("./other//x/../ldm-list-l.txt", 1, 1))
    assert "file=other/ldm-list-l.txt," in github.annotation(outside, "/srv/captures")


def test_clean_report_prints_nothing(clean_report):
    assert github.render(clean_report) == ""
