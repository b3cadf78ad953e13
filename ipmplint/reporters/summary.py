"""The one-line summary every human-facing format ends with (text, concise).

It says a run's verdict in words: how many findings of each severity in how many
servers, and — because a clean-looking run may not be a complete verdict — how many
checks were skipped and how many findings a baseline or per-path ignore hid.
"""

from __future__ import annotations

from ipmplint.findings import Report, Severity


def summary(report: Report) -> str:
    """``3 findings (1 error, 2 warnings, 0 info) in 2 servers; 1 check skipped``.

    The skipped part appears only when a check was skipped: then a clean-looking run
    says that it is not a complete verdict. Likewise ``; 2 findings hidden by the
    baseline`` (and ``by per-path ignores``) only when some were (ipmplint.engine.suppression).
    """
    findings = report.findings
    skipped = len(report.skipped)
    tail = f"; {plural(skipped, 'check')} skipped" if skipped else ""
    hidden = report.suppression
    if hidden.by_baseline:
        tail += f"; {plural(hidden.by_baseline, 'finding')} hidden by the baseline"
    if hidden.by_path:
        tail += f"; {plural(hidden.by_path, 'finding')} hidden by per-path ignores"
    if not findings:
        return f"No findings{tail}."
    count = {s: sum(1 for f in findings if f.severity is s) for s in Severity}
    return (
        f"{plural(len(findings), 'finding')} ("
        f"{plural(count[Severity.ERROR], 'error')}, "
        f"{plural(count[Severity.WARNING], 'warning')}, "
        f"{count[Severity.INFO]} info) "
        f"in {plural(len(report.servers), 'server')}{tail}"
    )


def skipped_lines(report: Report) -> list[str]:
    """What the skipped checks lacked, just above the summary line (which stays the last
    line, for scripts), so a run that skipped checks for want of a capture cannot read as
    a clean verdict: each reason a whole rule was skipped for (``no vnet/vsw bindings:
    capture `ldm list -l` ...``) with the rules and how many servers, then how many were
    skipped for single domains only (``--verbose`` names each)."""
    whole: dict[str, tuple[dict[str, None], dict[str, None]]] = {}
    partial = 0
    for skip in report.skipped:
        if skip.domain is not None:
            partial += 1
            continue
        rules, servers = whole.setdefault(skip.reason, ({}, {}))
        rules.setdefault(skip.rule_id)
        servers.setdefault(skip.server)
    lines = []
    for reason, (rules, servers) in sorted(whole.items()):
        where = f" on {plural(len(servers), 'server')}" if len(report.servers) > 1 else ""
        lines.append(f"skipped {', '.join(sorted(rules))}{where}: {reason}")
    if partial:
        lines.append(f"{plural(partial, 'check')} skipped for single domains (--verbose says why)")
    return lines


def plural(n: int, noun: str) -> str:
    return f"{n} {noun}" if n == 1 else f"{n} {noun}s"
