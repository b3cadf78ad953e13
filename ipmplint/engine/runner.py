"""Running the selected rules over one server and stamping what they yield.

The runner owns severity (a rule's default, or the configured one), ordering, and what
happens when a rule cannot run: a fact it requires (``ipmplint.model.facts``) that the
server's captures do not give makes a skipped check naming the fact and the captures
that would give it; a domain fact it requires hides the domains that lack it from the
rule, each with a skipped check of its own; an exception inside a rule is reported with
the rule's id and the run goes on with the other rules.
"""

from __future__ import annotations

from typing import Any, Mapping, Optional, Sequence

import attrs

from ipmplint.analysis import memo
from ipmplint.capture import limits
from ipmplint.findings import Finding, Problem, ServerReport, Severity, Skip, SkippedCheck
from ipmplint.model import DomainCapture, Server, Source, facts
from ipmplint.rule import Rule, RuleContext


@attrs.frozen
class RunSettings:
    """What the configuration decides about a run."""

    severity: Mapping[str, Severity] = attrs.field(factory=dict)
    options: Mapping[str, Mapping] = attrs.field(factory=dict)


def check_server(server: Server, rules: Sequence[Rule], settings: Optional[RunSettings] = None) -> ServerReport:
    """Every finding and skipped check of one server, in a deterministic order. The
    analysis questions the rules share are answered once for the server
    (``ipmplint.analysis.memo``), and forgotten when its report is made."""
    with memo.per_server():
        return _check(server, rules, settings or RunSettings())


def _check(server: Server, rules: Sequence[Rule], settings: RunSettings) -> ServerReport:
    base = RuleContext(server)
    findings: list[Finding] = []
    skipped: list[SkippedCheck] = []
    for rule in rules:
        ctx, lacking = _context(base, rule)
        skipped.extend(lacking)
        if ctx is None:
            continue
        options = {**rule.options, **settings.options.get(rule.id, {})}
        severity = settings.severity.get(rule.id, rule.info.severity)
        try:
            for item in rule.check(ctx.for_rule(options)):
                if isinstance(item, Problem):
                    findings.append(
                        Finding(
                            server=server.name,
                            location=item.source,
                            rule_id=rule.id,
                            rule_name=rule.name,
                            severity=severity,
                            message=item.message,
                            domain=item.domain,
                            group=item.group,
                            object=item.object,
                            nodes=item.nodes,
                        )
                    )
                elif isinstance(item, Skip):
                    skipped.append(SkippedCheck(server.name, rule.id, item.reason, item.missing, item.domain))
        except Exception as exc:  # a broken rule must not take the others down
            import traceback  # deferred: start-up (only a broken rule needs it)

            where = traceback.extract_tb(exc.__traceback__)[-1]
            findings.append(
                Finding(
                    server=server.name,
                    location=_location(server),
                    rule_id=rule.id,
                    rule_name=rule.name,
                    severity=Severity.ERROR,
                    message=(
                        f"rule {rule.id} ({rule.origin}) failed: {type(exc).__name__}: {exc} "
                        f"at {where.filename}:{where.lineno}; its verdict is unknown"
                    ),
                )
            )
    findings = sorted(set(findings), key=lambda f: f.sort_key)
    skipped = sorted(set(skipped), key=lambda s: (s.rule_id, s.domain or "", s.reason))
    return ServerReport(
        server.name,
        server.path,
        tuple(findings),
        tuple(skipped),
        server.accounts,
        domains=tuple(d.name for d in server.domains),
        groups=_groups(server),
    )


def load_and_check(
    root: Any,
    rules: Sequence[Rule],
    settings: Optional[RunSettings] = None,
    *,
    max_file_size: int = limits.MAX_FILE_SIZE,
    per_path: Any = None,
) -> tuple[Server, ServerReport]:
    """One capture root loaded and checked: the server (for what draws or simulates it)
    and its report, without the findings the configuration's per-path ignores hide
    (``per_path``: an ``ipmplint.engine.suppression.PathIgnores``), so ``graph`` and
    ``simulate`` judge with exactly the findings ``check`` shows."""
    from ipmplint.capture import loader  # deferred: a report answered from the cache loads no parser (lark)

    server = loader.load(root, max_file_size=max_file_size)
    report = check_server(server, rules, settings)
    if per_path is not None:
        report = attrs.evolve(report, findings=tuple(f for f in report.findings if not per_path.ignores(f)))
    return server, report


def _groups(server: Server) -> tuple[str, ...]:
    """``domain/group`` of every IPMP group the checks saw (running or configured for the
    next boot; the loader derived both, ``ipmplint.analysis.groups``), sorted: what a
    fleet summary counts."""
    return tuple(
        sorted({f"{d.name}/{g.name}" for d in server.domains for g in (*d.runtime_groups, *d.persistent_groups)})
    )


def _context(base: RuleContext, rule: Rule) -> tuple[Optional[RuleContext], list[SkippedCheck]]:
    """The context a rule runs in (None when it cannot run), and a skipped check for what
    it lacks. A server fact missing stops the rule, with one skip naming every fact it
    lacks; a domain fact missing hides that domain from it, with a skip when the domain
    has a group (a domain without one has nothing any rule judges)."""
    server = base.server
    required = facts.resolve(rule.requires)
    absent = [f for f in required if f.scope == "server" and not f.holds(server)]
    if absent:
        files = tuple(dict.fromkeys(p for f in absent for p in f.files(server.path)))
        return None, [SkippedCheck(server.name, rule.id, "; ".join(facts.skip_reason(f) for f in absent), files)]
    per_domain = [f for f in required if f.scope == "domain"]
    if not per_domain:
        return base, []
    kept: list[DomainCapture] = []
    lacking: list[SkippedCheck] = []
    for dc in server.domains:
        absent = [f for f in per_domain if not f.holds(dc)]
        if not absent:
            kept.append(dc)
        elif dc.runtime_groups or dc.persistent_groups:
            lacking.extend(
                SkippedCheck(server.name, rule.id, facts.skip_reason(f, dc.name), f.files(dc.path), dc.name)
                for f in absent
            )
    if not kept:
        return None, lacking
    if len(kept) == len(server.domains):
        return base, lacking  # the same server: its topology and analysis answers are shared
    return RuleContext(attrs.evolve(server, domains=tuple(kept))), lacking


def _location(server: Server) -> Source:
    return Source(server.path)
