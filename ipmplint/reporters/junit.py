"""JUnit XML: every rule on every server as a test case, for Jenkins and GitLab.

The de facto JUnit format (Ant's, as Jenkins' ``junit`` step and GitLab's
``artifacts:reports:junit`` read it):

- ``<testsuites>`` with the run's totals (``tests``, ``failures``, ``errors``,
  ``skipped``);
- one ``<testsuite name=SERVER>`` per server, by name (then path), and its totals;
- one ``<testcase classname="ipmplint.SERVER" name="RULE_ID rule-name">`` per rule
  that was selected, in the report's rule order:

  - ``<failure>`` when the rule found something on that server: ``message`` counts the
    findings by severity, ``type`` is the highest of their severities, and the text
    lists them one a line (``file:line:col: severity: message``);
  - ``<skipped>`` when the rule could not run on that server at all (a skipped check
    for the whole server, e.g. ``needs ldm-list-l.txt``), its ``message`` the reason;
  - passed (empty) otherwise. A rule skipped for some domains only still ran: it
    passes or fails on the rest, and ``<system-out>`` names the domains left out.

- inputs that could not be read at all: one more suite, ``unreadable inputs``, with one
  ``<error>`` test case each.

Severity is not judged here: any finding of a rule is a failure of its test case,
whatever ``--fail-on`` says about the exit code. ``classname`` is prefixed and keeps
no dot of the server's name, so Jenkins (which splits a class name at its last dot
into package and class) shows package ``ipmplint`` and class = the server.
GitLab shows ``classname`` as the suite and ``name`` as the test.

Deterministic: no time stamps, host names or durations; attributes in a fixed order;
two-space indent; ASCII only (other characters as character references); characters
XML 1.0 cannot carry at all (control characters, lone surrogates) as ``\\xNN``/``\\uNNNN``
text; one trailing newline.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from typing import Iterable, Optional

from ipmplint.findings import Finding, Report, ServerReport, Severity, SkippedCheck
from ipmplint.findings.sorting import order

DECLARATION = '<?xml version="1.0" encoding="UTF-8"?>\n'
ERRORS_SUITE = "unreadable inputs"

# Characters XML 1.0 does not allow in a document, even as a character reference.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def render(report: Report, *, srcroot: Optional[str] = None, color: bool = False, width: Optional[int] = None) -> str:
    """The report as a JUnit XML document."""
    rules = _rules(report)  # once: per server it made the report quadratic in servers
    suites = [_server_suite(server, rules) for server in report.servers]
    if report.problems:
        suites.append(_errors_suite(report.problems))
    return document(suites)


def document(suites: list[ET.Element]) -> str:
    """The XML text of these suites under one ``testsuites`` (``ipmplint merge`` joins
    shards' suites with it too): indented, ASCII only, one trailing newline."""
    root = _root(suites)
    ET.indent(root, space="  ")
    body = ET.tostring(root, encoding="unicode")
    return DECLARATION + body.encode("ascii", "xmlcharrefreplace").decode("ascii") + "\n"


def _rules(report: Report) -> list[tuple[str, str]]:
    """(id, name) of every rule the report ran, in its order, each once; then any rule
    a finding names that the report does not list (sorted), so no finding is lost."""
    rules: dict[str, str] = {}
    for rule in report.rules:
        rules.setdefault(rule.id, rule.name)
    for finding in sorted(report.findings, key=lambda f: f.rule_id):
        rules.setdefault(finding.rule_id, finding.rule_name)
    return list(rules.items())


def _server_suite(server: ServerReport, rules: list[tuple[str, str]]) -> ET.Element:
    findings: dict[str, list[Finding]] = {}
    for finding in server.findings:
        findings.setdefault(finding.rule_id, []).append(finding)
    skips: dict[str, list[SkippedCheck]] = {}
    for skip in server.skipped:
        skips.setdefault(skip.rule_id, []).append(skip)
    classname = _clean(f"ipmplint.{server.name.replace('.', '_')}")
    return suite(
        server.name,
        [_case(classname, rule_id, name, findings.get(rule_id, []), skips.get(rule_id, [])) for rule_id, name in rules],
    )


def _case(
    classname: str, rule_id: str, rule_name: str, found: list[Finding], skipped: list[SkippedCheck]
) -> ET.Element:
    case = ET.Element("testcase", {"classname": classname, "name": _clean(f"{rule_id} {rule_name}")})
    findings = sorted(found, key=order)
    skips = sorted(skipped, key=lambda k: (k.domain or "", k.reason, k.missing))
    whole = [k for k in skips if k.domain is None]
    if findings:
        worst = max((f.severity for f in findings), key=lambda s: s.rank)
        failure = ET.SubElement(case, "failure", {"message": _clean(_count(findings)), "type": worst.value})
        failure.text = _clean("\n".join(_line(f) for f in findings))
    elif whole:
        ET.SubElement(case, "skipped", {"message": _clean("; ".join(_reason(k) for k in whole))})
    # What was left out of a verdict that was still given (a skipped case says it itself).
    notes = skips if findings or not whole else []
    if notes:
        out = ET.SubElement(case, "system-out")
        out.text = _clean("\n".join(f"skipped{' for ' + k.domain if k.domain else ''}: {_reason(k)}" for k in notes))
    return case


def _errors_suite(errors: Iterable[str]) -> ET.Element:
    cases = []
    for error in errors:
        case = ET.Element("testcase", {"classname": "ipmplint.inputs", "name": _clean(error)})
        ET.SubElement(case, "error", {"message": _clean(error), "type": "unreadable-input"})
        cases.append(case)
    return suite(ERRORS_SUITE, cases)


def suite(name: str, cases: list[ET.Element]) -> ET.Element:
    """A testsuite of these cases, with their totals."""
    suite = ET.Element(
        "testsuite",
        {
            "name": _clean(name),
            "tests": str(len(cases)),
            "failures": str(sum(1 for c in cases if c.find("failure") is not None)),
            "errors": str(sum(1 for c in cases if c.find("error") is not None)),
            "skipped": str(sum(1 for c in cases if c.find("skipped") is not None)),
        },
    )
    suite.extend(cases)
    return suite


def _root(suites: list[ET.Element]) -> ET.Element:
    """The testsuites element: the suites' totals summed."""
    root = ET.Element(
        "testsuites",
        {"name": "ipmplint"}
        | {key: str(sum(int(s.get(key, "0")) for s in suites)) for key in ("tests", "failures", "errors", "skipped")},
    )
    root.extend(suites)
    return root


def _count(findings: list[Finding]) -> str:
    """``2 findings (1 error, 1 warning)``: only the severities present, worst first."""
    parts = []
    for severity in sorted(Severity, key=lambda s: -s.rank):
        n = sum(1 for f in findings if f.severity is severity)
        if n:
            parts.append(f"{n} {severity.value}" + ("s" if n > 1 and severity is not Severity.INFO else ""))
    noun = "finding" if len(findings) == 1 else "findings"
    return f"{len(findings)} {noun} ({', '.join(parts)})"


def _line(finding: Finding) -> str:
    return f"{finding.location}: {finding.severity.value}: {finding.message}"


def _reason(skip: SkippedCheck) -> str:
    missing = f" (missing: {', '.join(skip.missing)})" if skip.missing else ""
    return f"{skip.reason}{missing}"


def _clean(text: str) -> str:
    """Text XML 1.0 can carry: each character it cannot becomes a visible escape."""
    return _NOT_XML.sub(lambda m: _escape(m.group()), text)


def _escape(char: str) -> str:
    code = ord(char)
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"
