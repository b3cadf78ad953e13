"""The report formats: each module renders the one ``Report`` (findings.py) as text.

Every reporter module has the same ``render(report, *, srcroot, color, width)``;
``FORMATS`` is the registry the CLI's ``--format`` reads. Every format shows the same
findings in the same order; none filters, and none decides a severity.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Optional

if TYPE_CHECKING:  # `ipmplint --version` reads FORMATS and must not import the model
    from ipmplint.findings import Report

#: Every ``--format`` and what it is for, in the order ``--help`` lists them.
FORMATS: dict[str, str] = {
    "text": "a table for people, fitted to the terminal (default)",
    "concise": "one line per finding, path:line:col: severity RULE message (editors, grep)",
    "json": "every finding, skipped check and line account, with a schema_version",
    "sarif": "SARIF 2.1.0, for code scanning",
    "github": "GitHub Actions workflow commands (annotations)",
    "junit": "JUnit XML, one test case per rule and server (Jenkins, GitLab)",
    "gitlab": "GitLab Code Quality JSON",
    "html": "one self-contained page for a browser: fleet summary, filterable findings, each server's picture",
}


def render(
    fmt: str, report: "Report", *, srcroot: Optional[str] = None, color: bool = False, width: Optional[int] = None
) -> str:
    """The report in format ``fmt``.

    ``srcroot``: the folder paths are made relative to (the CLI passes the working
    directory). ``color``: ANSI colour (text formats). ``width``: the terminal's width
    the text format fits itself to (None: one unwrapped table, as for a file).
    """
    if fmt not in FORMATS:
        raise ValueError(f"unknown report format {fmt!r}; one of {', '.join(FORMATS)}")
    # Imported on use: the text format needs tabulate, the others should not pay for it.
    module = importlib.import_module(f"{__name__}.{fmt}")
    return module.render(report, srcroot=srcroot, color=color, width=width)
