"""The simulation as text: per server a matrix of failures × groups, one symbol per
outcome and a legend, then the reason for every cell that is not ``unaffected``. The
matrix is split into column blocks that fit the terminal's width (COLUMNS or the
terminal size, like ``check``'s text format); reasons are wrapped to it."""

from __future__ import annotations

import textwrap
from typing import Iterable, Optional, TextIO

from ipmplint.simulation.model import Outcome, Scenario, ServerSimulation, SimulationReport, Subject

SYMBOLS = {
    Outcome.UNAFFECTED: ".",
    Outcome.FAILS_OVER: "+",
    Outcome.UNDETECTED: "!",
    Outcome.FALSE_FAILURE: "~",
    Outcome.LOSES_NETWORK: "X",
    Outcome.UNKNOWN: "?",
}
#: The cell of a domain that is itself the failed service domain.
DOWN = "#"
LEGEND = "  ".join(f"{s} {o.value}" for o, s in SYMBOLS.items()) + f"  {DOWN} the domain itself is down"


def write(
    out: TextIO, servers: Iterable[ServerSimulation], head: SimulationReport, width: Optional[int] = None
) -> None:
    """Each server's text as it comes (a fleet is never held whole)."""
    for i, sim in enumerate(servers):
        out.write(("\n" if i else "") + server_text(sim, width))


def server_text(sim: ServerSimulation, width: Optional[int] = None) -> str:
    lines = _wrap(
        f"server {sim.server} ({sim.path}): {len(sim.scenarios)} failure"
        f"{'' if len(sim.scenarios) == 1 else 's'} simulated",
        width,
        "",
        "  ",
    )
    if sim.note and not sim.scenarios:
        return "\n".join(lines + [f"  {sim.note}", ""])
    subjects = list(sim.subjects)
    lines += [f"  {i + 1:>3}  {s.key}" for i, s in enumerate(subjects)]
    lines += matrix(sim, width)
    lines += _wrap(f"legend: {LEGEND}", width, "  ", "          ")
    lines += reasons(sim, width)
    lines += findings(sim, width)
    return "\n".join(lines) + "\n"


def matrix(sim: ServerSimulation, width: Optional[int] = None) -> list[str]:
    """The rows ``failure  cells``, in blocks of columns that fit ``width``."""
    subjects = list(sim.subjects)
    label = max((len(s.label) for s in sim.scenarios), default=10)
    cell = max(len(str(len(subjects))), 1) + 1
    if width is not None:
        label = min(label, max(width // 2, 16))
    per_block = len(subjects) or 1
    if width is not None:
        per_block = max(1, (width - label - 4) // cell)
    lines: list[str] = []
    for start in range(0, max(len(subjects), 1), per_block):
        block = range(start, min(start + per_block, len(subjects)))
        lines.append("")
        lines.append("  " + " " * label + "".join(f"{i + 1:>{cell}}" for i in block))
        for scenario in sim.scenarios:
            cells = _cells(scenario, subjects)
            name = scenario.label if len(scenario.label) <= label else scenario.label[: label - 1] + "…"
            lines.append(f"  {name:<{label}}" + "".join(f"{cells[i]:>{cell}}" for i in block))
    lines.append("")
    return lines


def _cells(scenario: Scenario, subjects: list[Subject]) -> list[str]:
    cells = []
    for subject in subjects:
        effect = scenario.effect_on(subject)
        if effect is not None:
            cells.append(SYMBOLS[effect.outcome])
        else:
            cells.append(DOWN if subject.domain in scenario.down else " ")
    return cells


def reasons(sim: ServerSimulation, width: Optional[int] = None) -> list[str]:
    """One paragraph per failure that changes something: each cell that is not
    ``unaffected``, its outcome, detection, reason and rules."""
    lines: list[str] = []
    for scenario in sim.scenarios:
        told = [e for e in scenario.effects if e.outcome is not Outcome.UNAFFECTED]
        if not told:
            continue
        lines.append("")
        lines.append(f"  {scenario.label}:")
        for e in told:
            how = ""
            if e.detection is not None:
                how = f" ({e.detection}, {e.seconds:g} s)"
            rules = f" [{', '.join(e.rules)}]" if e.rules else ""
            missing = f" Missing: {', '.join(e.missing)}." if e.missing else ""
            text = f"{SYMBOLS[e.outcome]} {e.subject} {e.outcome.value}{how}: {e.reason}.{missing}{rules}"
            lines += _wrap(text, width, "    ", "      ")
    return lines


def findings(sim: ServerSimulation, width: Optional[int] = None) -> list[str]:
    """The way back: each finding of ``check`` that explains an outcome, and the
    failures whose outcomes it explains."""
    if not sim.explanations:
        return []
    lines = ["", "  findings behind these outcomes:"]
    for x in sim.explanations:
        where = "/".join(p for p in (x.domain, x.group) if p)
        lines += _wrap(f"{x.rule}{' ' + where if where else ''}: {x.message}", width, "    ", "      ")
        for failure, subject, outcome in x.explains:
            lines += _wrap(f"-> {failure}: {subject} {outcome.value}", width, "      ", "         ")
    return lines


def _wrap(text: str, width: Optional[int], first: str, rest: str) -> list[str]:
    """``text`` wrapped to ``width`` (unwrapped when None), long words broken only when
    nothing else fits."""
    if width is None:
        return [first + text]
    return textwrap.wrap(text, max(width, 40), initial_indent=first, subsequent_indent=rest, break_on_hyphens=False)
