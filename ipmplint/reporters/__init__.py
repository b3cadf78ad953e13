"""The report formats: each module renders the one ``Report`` (findings.py) as text.

``render(format, report)`` is how the CLI picks one. Every format shows the same
findings in the same order; none filters, and none decides a severity.
"""

from __future__ import annotations

import importlib
from typing import Optional

from ipmplint.findings import Finding, Report

#: Every ``--format``, in the order ``--help`` lists them.
FORMATS = ("text", "json", "sarif", "github", "junit", "gitlab")


def order(finding: Finding) -> tuple:
    """The one sort key of every format: server, file, line, col, rule id, message
    (``Finding.sort_key``), then whatever else tells two findings apart, so that ties
    cannot fall back on the order the runner happened to produce them in."""
    return (*finding.sort_key, -finding.severity.rank, finding.domain or "", finding.group or "",
            finding.object or "", finding.nodes)


def render(fmt: str, report: Report, *, srcroot: Optional[str] = None, color: bool = False) -> str:
    """The report in format ``fmt``.

    ``srcroot``: the folder paths are made relative to (sarif, github, gitlab; the CLI
    passes the working directory). ``color``: ANSI colour (text only).
    """
    if fmt not in FORMATS:
        raise ValueError(f"unknown report format {fmt!r}; one of {', '.join(FORMATS)}")
    # Imported on use: the text format needs tabulate, the others should not pay for it.
    module = importlib.import_module(f"{__name__}.{fmt}")
    if fmt == "text":
        return module.render(report, color=color)
    if fmt in ("sarif", "github", "gitlab"):
        return module.render(report, srcroot=srcroot)
    return module.render(report)
