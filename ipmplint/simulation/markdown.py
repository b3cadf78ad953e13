"""The simulation as Markdown, for tickets and change reviews: per server a table of
failures × groups with the outcome words, then the reasons as a list."""

from __future__ import annotations

from typing import Iterable, Optional, TextIO

from ipmplint.simulation.model import Outcome, ServerSimulation, SimulationReport
from ipmplint.simulation.text import DOWN, SYMBOLS


def write(
    out: TextIO, servers: Iterable[ServerSimulation], head: SimulationReport, width: Optional[int] = None
) -> None:
    """Each server's section as it comes."""
    for i, sim in enumerate(servers):
        out.write(("\n" if i else "") + server_markdown(sim))


def _escape(text: str) -> str:
    return text.replace("|", "\\|")


def server_markdown(sim: ServerSimulation) -> str:
    lines = [f"## {_escape(sim.server)}", ""]
    if not sim.scenarios:
        return "\n".join(lines + [sim.note or "Nothing to simulate.", ""])
    subjects = list(sim.subjects)
    lines.append("| failure | " + " | ".join(f"`{_escape(s.key)}`" for s in subjects) + " |")
    lines.append("|---|" + "---|" * len(subjects))
    for scenario in sim.scenarios:
        cells = []
        for s in subjects:
            e = scenario.effect_on(s)
            if e is None:
                cells.append(f"{DOWN} down" if s.domain in scenario.down else "")
            elif e.outcome is Outcome.UNAFFECTED:
                cells.append(SYMBOLS[e.outcome])
            else:
                cells.append(f"**{e.outcome.value}**" if e.outcome is not Outcome.FAILS_OVER else e.outcome.value)
        lines.append(f"| {_escape(scenario.label)} | " + " | ".join(cells) + " |")
    lines += [
        "",
        f"`{SYMBOLS[Outcome.UNAFFECTED]}` unaffected, `{DOWN} down` the domain itself is down; "
        f"**bold**: anything but a failover that works.",
        "",
    ]
    told = [(sc, e) for sc in sim.scenarios for e in sc.effects if e.outcome is not Outcome.UNAFFECTED]
    if told:
        lines.append("### Why")
        lines.append("")
        for sc, e in told:
            how = f" ({e.detection}, {e.seconds:g} s)" if e.detection is not None else ""
            rules = f" — {', '.join(e.rules)}" if e.rules else ""
            missing = f" Missing: {', '.join(f'`{m}`' for m in e.missing)}." if e.missing else ""
            lines.append(
                f"- **{_escape(sc.label)}** → `{_escape(e.subject)}` {e.outcome.value}{how}: "
                f"{_escape(e.reason)}.{missing}{rules}"
            )
        lines.append("")
    if sim.explanations:
        lines += ["### Findings behind these outcomes", ""]
        for x in sim.explanations:
            where = "/".join(p for p in (x.domain, x.group) if p)
            failures = "; ".join(f"{_escape(f)} → `{_escape(s)}` {o.value}" for f, s, o in x.explains)
            lines.append(
                f"- **{x.rule}**{' `' + _escape(where) + '`' if where else ''}: {_escape(x.message)} "
                f"(explains: {failures})"
            )
        lines.append("")
    return "\n".join(lines)
