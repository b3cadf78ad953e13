"""The human report: every finding, what skipped checks lacked, a summary line, then
unreadable inputs.

One listing for the whole run (not one per server) so a fleet's findings line up and
sort the same way as every other output: by server, file, line, column, rule id. The
location already names the server's capture path, so there is no server column;
paths are relative to the folder ipmplint runs in when the capture is under it.

It fits the terminal: given its ``width``, a table whose message column is wrapped to
what is left, when that leaves a readable message column (``MIN_MESSAGE``); on a
narrower terminal, one header line per finding (``path:line:col: severity RULE
name``) with its message wrapped and indented below it. Without a width (a file, a
pipe), one table, nothing wrapped. Colour, when asked for, is on the severity word
only: the rest of the line must stay grep-able and copy-pasteable as ``file:line:col``.

This module renders a ``Report``; it does not decide severity, filter, or read files.
"""

from __future__ import annotations

import textwrap
from typing import Optional

from ipmplint import escaping
from ipmplint.findings import Finding, Report, Severity
from ipmplint.findings.paths import display_location, display_path
from ipmplint.findings.sorting import order
from ipmplint.reporters.summary import plural as _plural
from ipmplint.reporters.summary import skipped_lines, summary

HEADERS = ("severity", "rule", "location", "message")

#: The narrowest message column a table may have; below it, one block per finding.
MIN_MESSAGE = 40
#: How far a block's message is indented under its header line.
INDENT = "    "

#: ANSI SGR codes for the severity cell (bold red, yellow, cyan).
_COLOURS = {
    Severity.ERROR: "\x1b[1;31m",
    Severity.WARNING: "\x1b[33m",
    Severity.INFO: "\x1b[36m",
}
_RESET = "\x1b[0m"


def render(report: Report, *, srcroot: Optional[str] = None, color: bool = False, width: Optional[int] = None) -> str:
    """The report as plain text (ANSI colour on the severity word when ``color``),
    fitted to ``width`` columns when given."""
    findings = sorted(report.findings, key=order)
    lines: list[str] = []
    if findings:
        rows = [_row(f, srcroot) for f in findings]
        table = _table(rows, color, width)
        lines.extend(table if table is not None else _blocks(rows, findings, color, width or 80))
        lines.append("")
    for line in skipped_lines(report):
        lines.extend(_wrap(escaping.printable(line), width, "", INDENT))
    lines.extend(_wrap(summary(report), width))
    for problems, what in ((report.rule_errors, "rule"), (report.errors, "input")):
        if problems:
            lines.append("")
            lines.append(f"{_plural(len(problems), what)} could not be {'loaded' if what == 'rule' else 'read'}:")
            for problem in problems:  # names and text from captures: controls shown, never obeyed
                lines.extend(_wrap(escaping.printable(problem), width, "  ", INDENT))
    return "\n".join(lines) + "\n"


def statistics(report: Report) -> str:
    """Findings per rule, like ruff's ``--statistics``: count, rule id, rule name.

    One line per rule that found something, most findings first, then by rule id;
    columns aligned, no header, no colour. "" when nothing was found.
    """
    counts: dict[tuple[str, str], int] = {}
    for f in report.findings:
        counts[(f.rule_id, f.rule_name)] = counts.get((f.rule_id, f.rule_name), 0) + 1
    rows = sorted(counts.items(), key=lambda item: (-item[1], item[0]))
    if not rows:
        return ""
    count_width = max(len(str(n)) for _, n in rows)
    id_width = max(len(rule_id) for (rule_id, _), _ in rows)
    return "".join(f"{n:>{count_width}}  {rule_id:<{id_width}}  {name}\n" for (rule_id, name), n in rows)


def _row(finding: Finding, srcroot: Optional[str]) -> tuple[str, str, str, str]:
    """One finding's cells. A file name holding controls is quoted with them shown, and
    the message's controls are shown: a terminal must not obey what a capture says."""
    location = finding.location
    where = display_location(location.file, location.line, location.col, srcroot)
    path = display_path(location.file, srcroot)
    if escaping.name(path) != path:
        where = where.replace(path, escaping.name(path), 1)
    return (
        finding.severity.value,
        f"{finding.rule_id} {finding.rule_name}",
        where,
        escaping.printable(finding.message),
    )


def _table(rows: list[tuple[str, str, str, str]], color: bool, width: Optional[int]) -> Optional[list[str]]:
    """The findings as one table, its message column wrapped to fit ``width``; None
    when the table would leave the message less than ``MIN_MESSAGE`` columns."""
    # Imported here: tabulate is only needed when there is something to show, and
    # `ipmplint --version` / the json and sarif formats should not pay for it.
    from tabulate import tabulate

    message_width = None
    if width is not None:
        # tabulate's "simple" format: a column is at least its header plus 2, then 2 between columns.
        fixed = sum(max(len(HEADERS[i]) + 2, *(len(r[i]) for r in rows)) for i in range(3)) + 3 * 2
        message_width = width - fixed
        if message_width < MIN_MESSAGE:
            return None
    cells = [
        (
            _severity(Severity(sev), color),
            rule,
            where,
            message if message_width is None else "\n".join(textwrap.wrap(message, message_width) or [""]),
        )
        for sev, rule, where, message in rows
    ]
    # disable_numparse: a message or path that looks like a number stays as written.
    table = tabulate(cells, headers=HEADERS, tablefmt="simple", disable_numparse=True)
    # tabulate pads the last column; trailing blanks only get in the way of diff and grep.
    return [line.rstrip() for line in table.splitlines()]


def _blocks(rows: list[tuple[str, str, str, str]], findings: list[Finding], color: bool, width: int) -> list[str]:
    """One header line per finding, its message wrapped and indented below it."""
    lines: list[str] = []
    for (_, rule, where, message), finding in zip(rows, findings):
        what = f"{_severity(finding.severity, color)} {rule}"
        if len(where) + 2 + len(finding.severity.value) + 1 + len(rule) <= width:
            lines.append(f"{where}: {what}")
        else:  # a long path: the rule on a line of its own, so nothing runs past the width
            lines.extend((f"{where}:", INDENT + what))
        lines.extend(_wrap(message, width, INDENT, INDENT))
    return lines


def _wrap(text: str, width: Optional[int], first: str = "", rest: str = "") -> list[str]:
    """``text`` wrapped to ``width`` (as is when None), long words (paths) unbroken."""
    if width is None:
        return [first + text]
    return textwrap.wrap(
        text,
        max(width, 20),
        initial_indent=first,
        subsequent_indent=rest,
        break_long_words=False,
        break_on_hyphens=False,
    ) or [first]


def _severity(severity: Severity, color: bool) -> str:
    if not color:
        return severity.value
    return f"{_COLOURS[severity]}{severity.value}{_RESET}"
