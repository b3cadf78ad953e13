"""The one order every report, the baseline and a merge of shards list findings in."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:  # `ipmplint --version` imports the reporters' registry and must not import the model
    from ipmplint.findings import Finding


def order(finding: "Finding") -> tuple:
    """The one sort key of every format: server, file, line, col, rule id, message
    (``Finding.sort_key``), then whatever else tells two findings apart, so that ties
    cannot fall back on the order the runner happened to produce them in."""
    return (
        *finding.sort_key,
        -finding.severity.rank,
        finding.domain or "",
        finding.group or "",
        finding.object or "",
        finding.nodes,
    )
