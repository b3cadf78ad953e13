"""A server's simulation in the html page: the failures × domains matrix that
``ipmplint simulate`` computes (``ipmplint.simulation``), for ``simulate --format html``
and ``check --format html --simulate``.

The legend is markup; the matrix itself is a JSON data block the page's script
builds into a table (``<caption>``, ``<th scope="col">`` for each domain's group or
address, ``<th scope="row">`` for each failed part) when its server is opened or the
page is printed: a fleet's matrices are hundreds of thousands of cells, and a closed
server's would be parsed for nothing. Each cell says its outcome by symbol and word,
coloured besides (never colour alone), with the outcome's reason as its title; under
the table, the reason for every cell that is not ``unaffected``, as ``simulate``'s
text report gives them.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Optional

from ipmplint.reporters.html_text import data_block, plural, text, visible
from ipmplint.simulation.outcomes import HARMFUL, Outcome

if TYPE_CHECKING:
    from ipmplint.simulation.model import Effect, ServerSimulation

#: Each outcome as symbol, word and the cell's class (html.css colours it), in the
#: order the legend lists them; then a domain that is itself the failed service
#: domain, and a cell the simulation gave no effect for.
OUTCOMES: tuple[tuple[str, str, str], ...] = (
    ("\u2714", Outcome.UNAFFECTED.value, "unaffected"),
    ("\u21c4", Outcome.FAILS_OVER.value, "fails-over"),
    ("!", Outcome.UNDETECTED.value, "undetected"),
    ("\u2248", Outcome.FALSE_FAILURE.value, "false-failure"),
    ("\u2716", Outcome.LOSES_NETWORK.value, "loses-network"),
    ("?", Outcome.UNKNOWN.value, "unknown"),
    ("\u25a0", "down", "down"),
    ("\u2013", "no effect", "none"),
)
_INDEX = {word: i for i, (_, word, _) in enumerate(OUTCOMES)}
_MEANING = {
    "unaffected": "the failure does not touch its path",
    "fails-over": "a member is lost, the loss is detected, another member carries on",
    "undetected": "a member's path is dead and nothing tells IPMP",
    "false-failure": "every probed member is declared failed on healthy paths",
    "loses-network": "no member survives, or there was one path only",
    "unknown": "the captures cannot tell (the reason names what is missing)",
    "down": "the domain is itself the failed service domain",
    "no effect": "the simulation gave no effect for it",
}


def part(sim: Optional["ServerSimulation"], anchor: str) -> str:
    """The simulation's part of server ``anchor``'s section."""
    head = "<h4>Failures \u00d7 domains (simulation)</h4>"
    if sim is None:
        return f'{head}\n<p class="note">Not simulated: this server was not among the simulated captures.</p>'
    if not sim.scenarios:
        return f'{head}\n<p class="note">Nothing simulated: {text(sim.note or "no part that can fail was found")}</p>'
    said = (
        f"{plural(len(sim.scenarios), 'failure')} simulated on "
        f"{plural(len(sim.subjects), 'group or address', 'groups or addresses')}; "
        f"{plural(harmful(sim), 'cell')} of a single failure that loses the network, goes undetected or "
        "fails falsely."
    )
    return "\n".join(
        (
            head,
            f"<p>What each domain's IPMP group (or address outside a group) does when one part fails: {text(said)}</p>",
            legend(),
            f'<div class="matrix" data-matrix="{anchor}-matrix">'
            '<p class="note">The matrix is built when the server is opened.</p></div>',
            data_block(f"{anchor}-matrix", data(sim)),
        )
    )


def harmful(sim: Optional["ServerSimulation"]) -> int:
    """The cells of single failures whose outcome is harmful (``simulate``'s exit 1)."""
    if sim is None:
        return 0
    return sum(1 for sc in sim.scenarios if len(sc.failed) == 1 for e in sc.effects if e.outcome in HARMFUL)


def legend() -> str:
    items = "".join(
        f'<li><span class="outcome {cls}"><span aria-hidden="true">{sym}</span> {text(word)}</span>: '
        f"{text(_MEANING[word])}</li>"
        for sym, word, cls in OUTCOMES
    )
    return f'<ul class="legend" aria-label="Outcomes">{items}</ul>'


def data(sim: "ServerSimulation") -> dict:
    """The matrix as the page's script reads it: subjects (columns), one row per
    failure with a cell per subject (``[outcome index, reason]``), and the reasons."""
    rows, reasons = [], []
    for scenario in sim.scenarios:
        cells = []
        for subject in sim.subjects:
            effect = scenario.effect_on(subject)
            if effect is not None:
                cells.append([_INDEX[effect.outcome.value], visible(_reason(effect))])
            elif subject.domain in scenario.down:
                cells.append([_INDEX["down"], ""])
            else:
                cells.append([_INDEX["no effect"], ""])
        rows.append([visible(scenario.label), cells])
        told = [
            f"{OUTCOMES[_INDEX[e.outcome.value]][0]} {visible(e.subject)} {e.outcome.value}: {visible(_reason(e))}"
            for e in scenario.effects
            if e.outcome is not Outcome.UNAFFECTED
        ]
        if told:
            reasons.append([visible(scenario.label), told])
    return {
        "caption": visible(f"Failures \u00d7 domains of {sim.server}"),
        "subjects": [visible(s.key) for s in sim.subjects],
        "rows": rows,
        "reasons": reasons,
        "outcomes": [[word, sym, cls] for sym, word, cls in OUTCOMES],
    }


def _reason(effect: "Effect") -> str:
    """The effect's reason as ``simulate``'s text report words it: how it is detected,
    why, what is missing, and the rules whose findings explain it."""
    how = f" ({effect.detection}, {effect.seconds:g} s)" if effect.detection is not None else ""
    missing = f" Missing: {', '.join(effect.missing)}." if effect.missing else ""
    rules = f" [{', '.join(effect.rules)}]" if effect.rules else ""
    return f"{effect.reason}{how}.{missing}{rules}"
