"""The GitLab Code Quality reporter: the field contract GitLab reads, and stable fingerprints."""

from __future__ import annotations

import json

import attrs

from ipmplint.findings import Severity, fingerprint
from ipmplint.model import Source
from ipmplint.reporters import gitlab, sarif

#: GitLab's Code Quality severities (the Code Climate ones).
SEVERITIES = {"info", "minor", "major", "critical", "blocker"}


def issues(report, srcroot=None) -> list[dict]:
    return json.loads(gitlab.render(report, srcroot=srcroot))


def check_contract(data) -> None:
    """What docs.gitlab.com's "Code Quality report format" requires of every issue."""
    assert isinstance(data, list)
    for issue in data:
        assert list(issue) == ["description", "check_name", "fingerprint", "severity", "location"]
        assert isinstance(issue["description"], str) and issue["description"]
        assert isinstance(issue["check_name"], str) and issue["check_name"]
        assert isinstance(issue["fingerprint"], str) and issue["fingerprint"]
        assert issue["severity"] in SEVERITIES
        assert list(issue["location"]) == ["path", "lines"]
        path = issue["location"]["path"]
        assert path and not path.startswith(("/", "./")) and "\\" not in path
        begin = issue["location"]["lines"]["begin"]
        assert isinstance(begin, int) and begin >= 1
    prints = [issue["fingerprint"] for issue in data]
    assert len(prints) == len(set(prints)), "GitLab shows one issue per fingerprint"


def test_field_contract(report, clean_report):
    check_contract(issues(report))
    assert issues(clean_report) == []


def test_exact_issue(report):
    data = issues(report)
    assert len(data) == 4
    assert data[2] == {
        "description": "IPMP102: vnet0 and vnet1 of group ipmp0 both reach vswitches in service domain primary",
        "check_name": "IPMP102",
        "fingerprint": fingerprint.fingerprint(report.servers[0].findings[1]),
        "severity": "critical",
        "location": {"path": "fleet/t5-2-a/ldm-list-l.txt", "lines": {"begin": 41}},
    }


def test_severity_mapping(report):
    assert [i["severity"] for i in issues(report)] == ["major", "major", "critical", "info"]
    assert gitlab.SEVERITY == {Severity.ERROR: "critical", Severity.WARNING: "major", Severity.INFO: "info"}


def test_whole_file_finding_is_on_line_1(report):
    assert issues(report)[3]["location"] == {"path": "fleet/t5-2-b/guest3/netstat-rn.txt", "lines": {"begin": 1}}


def test_fingerprint_is_sarifs_and_survives_a_line_move(report):
    data = issues(report)
    results = sarif.to_dict(report)["runs"][0]["results"]
    assert [i["fingerprint"] for i in data] == [r["partialFingerprints"][fingerprint.FINGERPRINT_KEY] for r in results]
    moved = attrs.evolve(
        report,
        servers=tuple(
            attrs.evolve(
                s,
                findings=tuple(
                    attrs.evolve(f, location=attrs.evolve(f.location, line=f.location.line + 10)) for f in s.findings
                ),
            )
            for s in report.servers
        ),
    )
    assert [i["fingerprint"] for i in issues(moved)] == [i["fingerprint"] for i in data]


def test_repeated_identity_gets_a_unique_fingerprint(report):
    """The same parse warning on two lines is two issues, not one."""
    cap = report.servers[0].findings[0]
    twice = (cap, attrs.evolve(cap, location=attrs.evolve(cap.location, line=9)))
    server = attrs.evolve(report.servers[0], findings=twice)
    data = issues(attrs.evolve(report, servers=(server,)))
    check_contract(data)
    assert [i["fingerprint"] for i in data] == [
        fingerprint.fingerprint(cap, "fleet/t5-2-a"),
        fingerprint.fingerprint(cap, "fleet/t5-2-a") + ":2",
    ]


def test_paths_relative_to_srcroot(report):
    finding = attrs.evolve(
        report.servers[0].findings[1], location=Source("/srv/captures/fleet/t5-2-a/ldm-list-l.txt", 41, 5)
    )
    server = attrs.evolve(report.servers[0], findings=(finding,))
    data = issues(attrs.evolve(report, servers=(server,)), srcroot="/srv/captures")
    assert data[0]["location"]["path"] == "fleet/t5-2-a/ldm-list-l.txt"
