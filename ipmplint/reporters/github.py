"""GitHub Actions workflow commands: one annotation per finding, on the capture's line.

Run inside a workflow step, each line the step prints that looks like
``::error file=F,line=L,col=C,title=T::MESSAGE`` becomes an annotation on file F at
line L (docs.github.com, "Workflow commands for GitHub Actions"). The command is
``error``, ``warning`` or ``notice`` after the finding's severity (error, warning,
info); the title is the rule (``IPMP102 vswitches-share-service-domain``) and the
message is the finding's.

Escaping follows the runner's parser (as @actions/core does it): in the message ``%``,
CR and LF become ``%25``, ``%0D``, ``%0A``; in a property value ``:`` and ``,`` also
become ``%3A`` and ``%2C``, since they end a property. A finding about a whole file
(line 0) has no ``line``/``col``; an input that could not be read at all is an
``::error`` without a file.

Paths are as the user's command line reached them, made relative to ``srcroot`` (the
CLI passes the working directory, where a workflow checks the repository out) when
they are absolute and under it, and written with ``/``: GitHub matches an annotation to
a file of the repository by that relative path.

Only workflow commands are printed, one per line, sorted like every other output:
nothing is filtered and no severity is decided here. GitHub shows only the first few
annotations of each kind per step; for a fleet, upload the SARIF report to code
scanning instead.
"""

from __future__ import annotations

from typing import Optional

from ipmplint import escaping
from ipmplint.findings import Finding, Report, Severity
from ipmplint.findings.paths import display_path
from ipmplint.findings.sorting import order

#: The workflow command for each severity.
COMMAND = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "notice"}


def render(report: Report, *, srcroot: Optional[str] = None, color: bool = False, width: Optional[int] = None) -> str:
    """Every finding as a workflow command, then every unreadable input; "" when none."""
    lines = [annotation(f, srcroot) for f in sorted(report.findings, key=order)]
    lines += [
        f"::error title={escape_property('ipmplint')}::{escape_data(escaping.printable(error, newlines=True))}"
        for error in report.problems
    ]
    return "".join(line + "\n" for line in lines)


def annotation(finding: Finding, srcroot: Optional[str] = None) -> str:
    """``::error file=…,line=…,col=…,title=…::message`` for one finding."""
    properties = [("file", display_path(finding.location.file, srcroot))]
    if finding.location.line >= 1:
        properties.append(("line", str(finding.location.line)))
        if finding.location.col >= 1:
            properties.append(("col", str(finding.location.col)))
    properties.append(("title", f"{finding.rule_id} {finding.rule_name}"))
    props = ",".join(f"{key}={escape_property(escaping.printable(value, newlines=True))}" for key, value in properties)
    return f"::{COMMAND[finding.severity]} {props}::{escape_data(escaping.printable(finding.message, newlines=True))}"


def escape_data(text: str) -> str:
    """A command's message: ``%``, CR and LF escaped (``%`` first, so it is not doubled)."""
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(text: str) -> str:
    """A property value: as a message, and ``:`` and ``,`` too."""
    return escape_data(text).replace(":", "%3A").replace(",", "%2C")
