"""The JUnit reporter, read back with xml.etree as Jenkins and GitLab read it."""

from __future__ import annotations

import xml.etree.ElementTree as ET

import attrs

from ipmplint.findings import ServerReport, SkippedCheck
from ipmplint.model import Source
from ipmplint.reporters import junit


def parse(report) -> ET.Element:
    out = junit.render(report)
    assert out.startswith('<?xml version="1.0" encoding="UTF-8"?>\n<testsuites ')
    return ET.fromstring(out.encode("utf-8"))


def cases(suite: ET.Element) -> dict[str, ET.Element]:
    return {case.get("name"): case for case in suite.findall("testcase")}


def outcome(case: ET.Element) -> str:
    for tag in ("failure", "error", "skipped"):
        if case.find(tag) is not None:
            return tag
    return "passed"


def test_structure_one_suite_per_server_one_case_per_rule(report):
    root = parse(report)
    assert root.tag == "testsuites"
    suites = root.findall("testsuite")
    assert [s.get("name") for s in suites] == ["t5-2-a", "t5-2-b", "unreadable inputs"]
    for suite in suites[:2]:
        assert list(cases(suite)) == [
            "CAP001 parse-warning",
            "IPMP102 vswitches-share-service-domain",
            "IPMP202 no-probe-targets",
        ]
        assert {c.get("classname") for c in suite.findall("testcase")} == {f"ipmplint.{suite.get('name')}"}


def test_outcomes(report):
    a, b, errors = parse(report).findall("testsuite")
    assert {n: outcome(c) for n, c in cases(a).items()} == {
        "CAP001 parse-warning": "failure",
        "IPMP102 vswitches-share-service-domain": "failure",
        "IPMP202 no-probe-targets": "passed",  # skipped for guest2 only: it still ran
    }
    assert {n: outcome(c) for n, c in cases(b).items()} == {
        "CAP001 parse-warning": "passed",
        "IPMP102 vswitches-share-service-domain": "skipped",  # needs ldm-list-l.txt
        "IPMP202 no-probe-targets": "failure",
    }
    assert [outcome(c) for c in errors.findall("testcase")] == ["error"]


def test_totals_add_up(report):
    root = parse(report)
    for element in [root, *root.findall("testsuite")]:
        all_cases = element.iter("testcase")
        counted = {"tests": 0, "failures": 0, "errors": 0, "skipped": 0}
        for case in all_cases:
            counted["tests"] += 1
            kind = outcome(case)
            if kind != "passed":
                counted[{"failure": "failures", "error": "errors", "skipped": "skipped"}[kind]] += 1
        assert {k: int(element.get(k)) for k in counted} == counted
    assert (root.get("tests"), root.get("failures"), root.get("errors"), root.get("skipped")) == ("7", "3", "1", "1")


def test_failure_lists_the_rules_findings_on_that_server(report):
    a = parse(report).findall("testsuite")[0]
    failure = cases(a)["IPMP102 vswitches-share-service-domain"].find("failure")
    assert failure.get("message") == "2 findings (1 error, 1 warning)"
    assert failure.get("type") == "error"  # the highest severity of the two
    assert failure.text.splitlines() == [
        "fleet/t5-2-a/ldm-list-l.txt:12:3: warning: vnet0 and vnet1 of group ipmp1 both reach "
        "vswitches in service domain primary",
        "fleet/t5-2-a/ldm-list-l.txt:41:5: error: vnet0 and vnet1 of group ipmp0 both reach "
        "vswitches in service domain primary",
    ]


def test_skipped_and_partial_skip_say_why(report):
    a, b, _ = parse(report).findall("testsuite")
    skipped = cases(b)["IPMP102 vswitches-share-service-domain"].find("skipped")
    assert skipped.get("message") == "needs ldm-list-l.txt (missing: ldm-list-l.txt)"
    partial = cases(a)["IPMP202 no-probe-targets"]
    assert partial.find("system-out").text == "skipped for guest2: needs netstat-rn.txt (missing: netstat-rn.txt)"


def test_unreadable_inputs_are_errors(report):
    errors = parse(report).findall("testsuite")[2]
    (case,) = errors.findall("testcase")
    assert case.find("error").get("message") == "fleet/t5-2-c: cannot read: [Errno 13] Permission denied"
    assert case.find("error").get("type") == "unreadable-input"


def test_clean_report_passes_everything(clean_report):
    root = parse(clean_report)
    assert [s.get("name") for s in root.findall("testsuite")] == ["t5-2-a"]
    assert {outcome(c) for c in root.iter("testcase")} == {"passed"}
    assert (root.get("tests"), root.get("failures"), root.get("skipped")) == ("3", "0", "0")


def test_xml_escaping_and_characters_xml_cannot_carry(report):
    nasty = "a <b> & \"c\" 'd'\x1b[31m\x00 é"
    finding = attrs.evolve(report.servers[0].findings[1], message=nasty, location=Source("fleet/<&>.txt", 1, 1))
    server = ServerReport(
        "srv&<1>",
        "fleet/x",
        (attrs.evolve(finding, server="srv&<1>"),),
        (SkippedCheck("srv&<1>", "IPMP202", 'needs "x" & <y>', (), "d&1"),),
    )
    out = junit.render(attrs.evolve(report, servers=(server,), errors=()))
    assert out.isascii() and "\x1b" not in out and "\x00" not in out
    root = ET.fromstring(out.encode("utf-8"))
    suite = root.find("testsuite")
    assert suite.get("name") == "srv&<1>"
    failure = cases(suite)["IPMP102 vswitches-share-service-domain"].find("failure")
    assert failure.text == "fleet/<&>.txt:1:1: error: a <b> & \"c\" 'd'\\x1b[31m\\x00 é"
    assert cases(suite)["IPMP202 no-probe-targets"].find("system-out").text == 'skipped for d&1: needs "x" & <y>'


def test_dotted_server_name_keeps_jenkins_package(report):
    server = ServerReport("host.example.com", "fleet/host.example.com")
    root = parse(attrs.evolve(report, servers=(server,), errors=()))
    suite = root.find("testsuite")
    assert suite.get("name") == "host.example.com"
    assert {c.get("classname") for c in suite.iter("testcase")} == {"ipmplint.host_example_com"}


def test_a_finding_of_an_undescribed_rule_is_not_lost(report):
    stray = attrs.evolve(report.servers[0].findings[1], rule_id="SITE900", rule_name="site-rule")
    server = attrs.evolve(report.servers[0], findings=(stray,))
    root = parse(attrs.evolve(report, servers=(server,), errors=()))
    assert outcome(cases(root.find("testsuite"))["SITE900 site-rule"]) == "failure"
