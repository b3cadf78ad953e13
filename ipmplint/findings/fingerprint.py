"""A finding's fingerprint: a hash of what it is about, not where it was printed.

One definition for every place that names a finding across runs: the SARIF
``partialFingerprints`` (code scanning keeps an alert open while its fingerprint is
found), GitLab Code Quality's ``fingerprint``, and the baseline file
(ipmplint.engine.suppression), which stores these hashes. Changing what is hashed
changes every one of them: bump ``FINGERPRINT_KEY`` when it does.
"""

from __future__ import annotations

import hashlib
from typing import Mapping, Optional

from ipmplint.findings import Finding, Report
from ipmplint.findings.paths import capture_path

#: The partialFingerprints key; bump the suffix if the hashed identity ever changes,
#: so old and new alerts are not matched by accident.
FINGERPRINT_KEY = "ipmplint/v2"


def fingerprints(findings: list[Finding], roots: Optional[Mapping[Finding, str]] = None) -> list[str]:
    """``fingerprint`` of each finding (in the order given), made unique in the list.

    ``roots``: each finding's capture root (``capture_roots(report)``).

    Two findings with one identity (say, the same parse warning on two lines of one
    file) would otherwise be one alert to GitHub and one issue to GitLab: the second
    gets ``:2`` appended, the third ``:3``, counted in the order given (sort the
    findings first, so the suffixes follow the files and lines).
    """
    seen: dict[str, int] = {}
    unique = []
    for finding in findings:
        fp = fingerprint(finding, (roots or {}).get(finding))
        seen[fp] = seen.get(fp, 0) + 1
        unique.append(fp if seen[fp] == 1 else f"{fp}:{seen[fp]}")
    return unique


def fingerprint(finding: Finding, root: Optional[str] = None) -> str:
    """A hash of what the finding is about, not where: rule, server, domain, group, object.

    Line numbers are left out so an alert stays the same alert when a capture is taken
    again and lines move. A finding with no object (a parse warning) is told apart by
    its file, relative to its server's capture root ``root`` (so one warning in two
    domains' files is two alerts, wherever the captures are checked out), and its
    message. The baseline (ipmplint.engine.suppression) stores these fingerprints.
    """
    identity: list[Optional[str]] = [
        finding.rule_id,
        finding.server,
        finding.domain,
        finding.group,
        finding.object,
    ]
    if finding.object is None:
        identity.append(capture_path(finding.location.file, root))
        identity.append(finding.message)
    import json  # deferred: start-up (a report with no baseline, ignores or fingerprints needs none)

    # JSON keeps None apart from "" and cannot be confused by separators in the values.
    data = json.dumps(identity, ensure_ascii=False, separators=(",", ":"))
    # surrogateescape: a file name's bytes that are not UTF-8 hash as those bytes.
    return hashlib.sha256(data.encode("utf-8", "surrogateescape")).hexdigest()


def capture_roots(report: Report) -> dict[Finding, str]:
    """Each finding of the report → the capture root (``ServerReport.path``) it was found in."""
    return {f: server.path for server in report.servers for f in server.findings}
