"""One line per finding: ``path:line:col: severity RULE message``.

For editors and the shell. Vim reads it with ``:cfile`` / ``:cexpr`` through the
errorformat ``%f:%l:%c: %t%*[a-z] %m`` (the first letter of the severity is the
quickfix type: e, w, i), Emacs' compilation mode and VS Code's problem matchers read
the same shape, and ``grep``/``awk`` find a rule or a file in it. A finding about a
whole file (line 0) is written ``path:1:1:`` so that every line has the one shape.
Paths are relative to the folder ipmplint runs in when the capture is under it; the
message is kept on its one line (a line break in it becomes a space). After the
findings, what skipped checks lacked and the summary line of the text format (none
starts with a path), so a clean-looking run still says what was skipped. Unreadable inputs go to stderr (the CLI
says them), as for every format.
"""

from __future__ import annotations

from typing import Optional

from ipmplint.findings import Finding, Report
from ipmplint.findings.paths import display_path
from ipmplint.findings.sorting import order
from ipmplint.reporters.summary import skipped_lines, summary


def render(report: Report, *, srcroot: Optional[str] = None, color: bool = False, width: Optional[int] = None) -> str:
    """Every finding on a line of its own, then the summary."""
    lines = [line(f, srcroot) for f in sorted(report.findings, key=order)]
    lines.extend(skipped_lines(report))
    lines.append(summary(report))
    return "".join(text + "\n" for text in lines)


def line(finding: Finding, srcroot: Optional[str] = None) -> str:
    """``path:line:col: severity RULE message`` for one finding."""
    where = finding.location
    row, col = (where.line, where.col) if where.line >= 1 else (1, 1)
    message = " ".join(finding.message.split())
    return (
        f"{display_path(where.file, srcroot)}:{row}:{max(col, 1)}: {finding.severity.value} {finding.rule_id} {message}"
    )
