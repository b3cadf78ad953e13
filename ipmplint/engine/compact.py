"""A server's report as plain tuples: what a worker process sends back and what the
cache stores, instead of the model's objects.

Pickling a frozen attrs object costs a class reference and a ``__setstate__`` call per
object; a report of 1,000 servers has some 70,000 of them (findings, their sources,
skipped checks, line accounts). As tuples of strings and numbers they cross the pipe
from a worker, and come back from a cache file, smaller and cheaper (measured on 100
servers of the benchmark fleet: 8.6 kB instead of 10.5 kB a report; the worker's pack
and pickle 98 us instead of 185 us; the parent's unpickle and unpack 312 us, as before),
and the cache file then holds nothing a reader must import a class for. ``unpack(pack(x)) == x`` for every report
(tests/engine/test_compact.py keeps the field lists here in step with the classes).
"""

from __future__ import annotations

from typing import Any, Optional

from ipmplint.findings import Finding, ServerReport, Severity, SkippedCheck
from ipmplint.model import LineAccount, Source

#: The fields each tuple holds, in order (a test compares them with the classes').
FINDING_FIELDS = (
    "server",
    "location",
    "rule_id",
    "rule_name",
    "severity",
    "message",
    "domain",
    "group",
    "object",
    "nodes",
)
SKIPPED_FIELDS = ("server", "rule_id", "reason", "missing", "domain")
ACCOUNT_FIELDS = ("file", "kind", "total", "consumed", "skipped", "warned", "blank")
REPORT_FIELDS = ("name", "path", "findings", "skipped", "accounts", "domains", "groups", "picture")
SOURCE_FIELDS = ("file", "line", "col")

_SEVERITY = {s.value: s for s in Severity}


def pack(report: ServerReport) -> tuple:
    """The report as nested tuples of strings and numbers (its picture is not kept: a
    report gets one only after the run, ``ipmplint.drawing.pictures``)."""
    return (
        report.name,
        report.path,
        tuple(
            (
                f.server,
                f.location.file,
                f.location.line,
                f.location.col,
                f.rule_id,
                f.rule_name,
                f.severity.value,
                f.message,
                f.domain,
                f.group,
                f.object,
                f.nodes,
            )
            for f in report.findings
        ),
        tuple((s.server, s.rule_id, s.reason, s.missing, s.domain) for s in report.skipped),
        tuple((a.file, a.kind, a.total, a.consumed, a.skipped, a.warned, a.blank) for a in report.accounts),
        report.domains,
        report.groups,
    )


def unpack(packed: Any, accounts: bool = True) -> Optional[ServerReport]:
    """The report ``pack`` gave, or None when ``packed`` is not one (an old or damaged
    cache entry: the caller checks the server again). ``accounts``: False leaves out its
    line accounts, for a run whose output shows none (``ipmplint.cli.check``).

    The strings servers repeat (rule ids and names, messages, the reasons a check was
    skipped, file kinds, domain names) are shared, not one copy a server: the run keeps
    every server's report until it writes the report, and 10,000 servers' reports are
    most of what it holds."""
    try:
        name, path, findings, skipped, accounts_packed, domains, groups = packed
        return ServerReport(
            name,
            path,
            tuple(
                Finding(
                    server,
                    Source(file, line, col),
                    _shared(rule_id),
                    _shared(rule_name),
                    _SEVERITY[severity],
                    _shared(message),
                    _shared(domain),
                    group,
                    obj,
                    nodes,
                )
                for (
                    server,
                    file,
                    line,
                    col,
                    rule_id,
                    rule_name,
                    severity,
                    message,
                    domain,
                    group,
                    obj,
                    nodes,
                ) in findings
            ),
            tuple(
                SkippedCheck(server, _shared(rule_id), _shared(reason), missing, _shared(domain))
                for server, rule_id, reason, missing, domain in skipped
            ),
            tuple(LineAccount(a[0], _shared(a[1]), *a[2:]) for a in accounts_packed) if accounts else (),
            domains=_shared(domains),
            groups=groups,
        )
    except (TypeError, ValueError, KeyError):
        return None


#: One copy of each repeated value, kept for the process: most are few (rule ids,
#: reasons, kinds, domain names) and the servers many. Bounded, so that values that do
#: not repeat (a message naming each server's interfaces) cost no more than before.
_SHARED: dict[Any, Any] = {}
SHARED_MAX = 8192


def _shared(value: Any) -> Any:
    """``value``, or the equal one met before."""
    found = _SHARED.get(value)
    if found is not None:
        return found
    if value is not None and len(_SHARED) < SHARED_MAX:
        _SHARED[value] = value
    return value
