"""The machine report: a documented, versioned JSON document (docs/json-schema.md).

Scripts and dashboards read this, so its shape is a contract: ``schema_version`` says
which contract, keys always appear in the same order (and with ``null`` rather than
missing when a value is unknown), and two runs over the same captures give the same
bytes, so the report can be diffed and cached. docs/report.schema.json describes it
exactly and the tests validate real output against it.

``findings`` holds every finding, CAP001 parse warnings included, so its length is
what the exit code judges; ``parse_warnings`` repeats the CAP001 ones on their own so
a consumer can tell a clean verdict from a verdict on a half-read capture without
knowing rule ids. A finding's ``nodes`` name the topology nodes it is about (as
``ipmplint.topology`` names them), so a drawing of the topology can mark them. Nothing
is filtered and no severity is decided here.
"""

from __future__ import annotations

from typing import Any, Iterable, Optional

from ipmplint.findings import BaselineEntry, Finding, Report, ServerReport, Severity, SkippedCheck
from ipmplint.findings.sorting import order
from ipmplint.model import LineAccount
from ipmplint.reporters import jsontext

#: Bumped only for a change that can break a reader (a key removed, renamed or retyped,
#: a meaning changed); adding a key keeps the version (docs/json-schema.md).
SCHEMA_VERSION = 1

#: The rule whose findings are parse warnings (rules/cap001_parse_warning.py).
PARSE_WARNING_RULE = "CAP001"


def render(report: Report, *, srcroot: Optional[str] = None, color: bool = False, width: Optional[int] = None) -> str:
    """The report as JSON text: two-space indent, ASCII only (any terminal or file
    encoding reads it), trailing newline."""
    return jsontext.dumps(to_dict(report)) + "\n"


def to_dict(report: Report) -> dict[str, Any]:
    """The report as plain JSON-able data, keys in their documented order."""
    findings = _sorted_findings(report.findings)
    skipped = _sorted_skipped(report.skipped)
    return {
        "schema_version": SCHEMA_VERSION,
        "tool": {"name": "ipmplint", "version": report.tool_version},
        "inputs": list(report.inputs),
        "summary": {
            "findings": len(findings),
            "by_severity": {
                s.value: sum(1 for f in findings if f.severity is s) for s in sorted(Severity, key=lambda s: -s.rank)
            },
            "parse_warnings": sum(1 for f in findings if f.rule_id == PARSE_WARNING_RULE),
            "servers": len(report.servers),
            "skipped": len(skipped),
            "errors": len(report.problems),
        },
        "servers": [_server(s) for s in report.servers],
        "findings": [_finding(f) for f in findings],
        "parse_warnings": [_finding(f) for f in findings if f.rule_id == PARSE_WARNING_RULE],
        "skipped": [_skipped(k) for k in skipped],
        "errors": list(report.problems),
        "suppression": {
            "baseline": report.suppression.baseline,
            "hidden_by_baseline": report.suppression.by_baseline,
            "hidden_by_per_path_ignores": report.suppression.by_path,
            "stale_baseline_entries": [_stale(e) for e in report.suppression.stale],
        },
    }


def _stale(entry: BaselineEntry) -> dict[str, Any]:
    return {
        "fingerprint": entry.fingerprint,
        "rule_id": entry.rule_id,
        "server": entry.server,
        "domain": entry.domain,
        "group": entry.group,
        "object": entry.object,
        "file": entry.file,
        "message": entry.message,
    }


def _server(server: ServerReport) -> dict[str, Any]:
    return {
        "name": server.name,
        "path": server.path,
        "findings": [_finding(f) for f in _sorted_findings(server.findings)],
        "skipped": [_skipped(k) for k in _sorted_skipped(server.skipped)],
        "line_accounting": [_account(a) for a in server.accounts],
    }


def _finding(finding: Finding) -> dict[str, Any]:
    return {
        "rule_id": finding.rule_id,
        "rule_name": finding.rule_name,
        "severity": finding.severity.value,
        "server": finding.server,
        "domain": finding.domain,
        "group": finding.group,
        "object": finding.object,
        "file": finding.location.file,
        "line": finding.location.line,
        "col": finding.location.col,
        "message": finding.message,
        "nodes": list(finding.nodes),
    }


def _skipped(skip: SkippedCheck) -> dict[str, Any]:
    return {
        "server": skip.server,
        "rule_id": skip.rule_id,
        "domain": skip.domain,
        "reason": skip.reason,
        "missing": list(skip.missing),
    }


def _account(account: LineAccount) -> dict[str, Any]:
    return {
        "file": account.file,
        "kind": account.kind,
        "total": account.total,
        "consumed": account.consumed,
        "skipped": account.skipped,
        "warned": account.warned,
        "blank": account.blank,
        "balanced": account.balanced,
    }


def _sorted_findings(findings: Iterable[Finding]) -> list[Finding]:
    return sorted(findings, key=order)


def _sorted_skipped(skipped: Iterable[SkippedCheck]) -> list[SkippedCheck]:
    return sorted(skipped, key=lambda k: (k.server, k.rule_id, k.domain or "", k.reason, k.missing))
