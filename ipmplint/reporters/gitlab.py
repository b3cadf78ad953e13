"""GitLab Code Quality: the JSON array a job publishes as ``artifacts:reports:codequality``.

GitLab reads a subset of the Code Climate issue format (docs.gitlab.com, "Code
Quality", "Code Quality report format"): an array of objects with ``description``,
``check_name``, ``fingerprint``, ``severity`` and ``location`` (``path`` and
``lines.begin``). Those are exactly the keys written, in that order:

- ``description``: the rule id and the finding's message (``IPMP102: group ipmp0 …``),
  since the merge request widget shows the description and not the check;
- ``check_name``: the rule id;
- ``fingerprint``: the SARIF fingerprint (``findings.fingerprint``): a hash of what the
  finding is about and never of its line, so an issue stays the same issue when a
  capture is taken again and its lines move; made unique within the report (GitLab
  shows one issue per fingerprint) by ``:2``, ``:3`` … on repeats;
- ``severity``: ``critical`` for error (failover will not happen), ``major`` for
  warning (only for some failures, or until the next reboot), ``info`` for info. Code
  Climate's ``blocker`` and ``minor`` are not used: ipmplint has no severity for them;
- ``location.path``: the capture file relative to ``srcroot`` (the CLI passes the
  working directory, the repository the job checked out) when it can be, with ``/``;
- ``location.lines.begin``: the finding's line; 1 for a finding about the whole file
  (line 0), since GitLab needs a line.

Inputs that could not be read at all are not issues of any file and are not written
(the exit code, 2, and stderr say so). Deterministic: sorted like every other output,
two-space indent, ASCII only, one trailing newline. Nothing is filtered here.
"""

from __future__ import annotations

import json
from typing import Any, Optional

from ipmplint.findings import Finding, Report, Severity
from ipmplint.findings.fingerprint import capture_roots, fingerprints
from ipmplint.findings.paths import display_path
from ipmplint.findings.sorting import order

#: Our severity → Code Climate / GitLab severity (docs/rules.md and README say the same).
SEVERITY = {Severity.ERROR: "critical", Severity.WARNING: "major", Severity.INFO: "info"}


def render(report: Report, *, srcroot: Optional[str] = None, color: bool = False, width: Optional[int] = None) -> str:
    """The report as a GitLab Code Quality JSON array (``[]`` when nothing was found)."""
    return json.dumps(to_list(report, srcroot=srcroot), indent=2) + "\n"


def to_list(report: Report, *, srcroot: Optional[str] = None) -> list[dict[str, Any]]:
    findings = sorted(report.findings, key=order)
    return [_issue(f, fp, srcroot) for f, fp in zip(findings, fingerprints(findings, capture_roots(report)))]


def _issue(finding: Finding, fingerprint: str, srcroot: Optional[str]) -> dict[str, Any]:
    return {
        "description": f"{finding.rule_id}: {finding.message}",
        "check_name": finding.rule_id,
        "fingerprint": fingerprint,
        "severity": SEVERITY[finding.severity],
        "location": {
            "path": display_path(finding.location.file, srcroot),
            "lines": {"begin": max(finding.location.line, 1)},
        },
    }
