"""The human report: one table of every finding, a summary line, then unreadable inputs.

One table for the whole run (not one per server) so a fleet's findings line up and
sort the same way as every other output: by server, file, line, column, rule id. The
location column already names the server's capture path, so there is no server
column. Colour, when asked for, is on the severity cell only: the rest of the line
must stay grep-able and copy-pasteable as ``file:line:col``.

This module renders a ``Report``; it does not decide severity, filter, or read files.
"""

from __future__ import annotations

from ipmplint import escaping
from ipmplint.findings import Finding, Report, Severity
from ipmplint.reporters import order

HEADERS = ("severity", "rule", "location", "message")

#: ANSI SGR codes for the severity cell (bold red, yellow, cyan).
_COLOURS = {
    Severity.ERROR: "\x1b[1;31m",
    Severity.WARNING: "\x1b[33m",
    Severity.INFO: "\x1b[36m",
}
_RESET = "\x1b[0m"


def render(report: Report, *, color: bool = False) -> str:
    """The report as plain text (ANSI colour on the severity cell when ``color``)."""
    findings = sorted(report.findings, key=order)
    lines: list[str] = []
    if findings:
        lines.extend(_table(findings, color))
        lines.append("")
    lines.append(summary(report))
    if report.errors:
        lines.append("")
        lines.append(f"{_plural(len(report.errors), 'input')} could not be read:")
        lines.extend(f"  {escaping.printable(error)}" for error in report.errors)
    return "\n".join(lines) + "\n"


def summary(report: Report) -> str:
    """``3 findings (1 error, 2 warnings, 0 info) in 2 servers; 1 check skipped``.

    The skipped part appears only when a check was skipped: then a clean-looking run
    says that it is not a complete verdict. Likewise ``; 2 findings hidden by the
    baseline`` (and ``by per-path ignores``) only when some were (ipmplint.suppression).
    """
    findings = report.findings
    skipped = len(report.skipped)
    tail = f"; {_plural(skipped, 'check')} skipped" if skipped else ""
    hidden = report.suppression
    if hidden.by_baseline:
        tail += f"; {_plural(hidden.by_baseline, 'finding')} hidden by the baseline"
    if hidden.by_path:
        tail += f"; {_plural(hidden.by_path, 'finding')} hidden by per-path ignores"
    if not findings:
        return f"No findings{tail}."
    count = {s: sum(1 for f in findings if f.severity is s) for s in Severity}
    return (
        f"{_plural(len(findings), 'finding')} ("
        f"{_plural(count[Severity.ERROR], 'error')}, "
        f"{_plural(count[Severity.WARNING], 'warning')}, "
        f"{count[Severity.INFO]} info) "
        f"in {_plural(len(report.servers), 'server')}{tail}"
    )


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
    return "".join(
        f"{n:>{count_width}}  {rule_id:<{id_width}}  {name}\n" for (rule_id, name), n in rows
    )


def _table(findings: list[Finding], color: bool) -> list[str]:
    # Imported here: tabulate is only needed when there is something to show, and
    # `ipmplint --version` / the json and sarif formats should not pay for it.
    from tabulate import tabulate

    rows = [
        (
            _severity(f.severity, color),
            f"{f.rule_id} {f.rule_name}",
            _where(f),
            escaping.printable(f.message),
        )
        for f in findings
    ]
    # disable_numparse: a message or path that looks like a number stays as written.
    table = tabulate(rows, headers=HEADERS, tablefmt="simple", disable_numparse=True)
    # tabulate pads the last column; trailing blanks only get in the way of diff and grep.
    return [line.rstrip() for line in table.splitlines()]


def _where(finding: Finding) -> str:
    """``file:line:col``, the file quoted when its name holds controls (a terminal must
    not run what a capture's folder name says)."""
    location = finding.location
    shown = escaping.name(location.file)
    return str(location) if shown == location.file else str(location).replace(location.file, shown, 1)


def _severity(severity: Severity, color: bool) -> str:
    if not color:
        return severity.value
    return f"{_COLOURS[severity]}{severity.value}{_RESET}"


def _plural(n: int, noun: str) -> str:
    return f"{n} {noun}" if n == 1 else f"{n} {noun}s"
