"""The simulation as JSON: the versioned document docs/simulate-json.md describes and
docs/simulate.schema.json pins down (tests validate every output against it)."""

from __future__ import annotations

import json
import textwrap
from typing import Any, Iterable, Optional, TextIO

from ipmplint.simulation.model import Effect, Element, Scenario, ServerSimulation, SimulationReport

#: Raised when a key changes meaning or goes away; new keys do not raise it.
SCHEMA_VERSION = 1


def write(
    out: TextIO, servers: Iterable[ServerSimulation], head: SimulationReport, width: Optional[int] = None
) -> None:
    """One JSON document, each server written as it comes (a fleet is never held whole)."""
    tool = json.dumps({"name": "ipmplint", "version": head.tool_version})
    out.write(f'{{\n  "schema_version": {SCHEMA_VERSION},\n  "tool": {tool},\n  "servers": [')
    for i, sim in enumerate(servers):
        out.write(("," if i else "") + "\n" + textwrap.indent(json.dumps(_server(sim), indent=2), "    "))
    out.write(f'\n  ],\n  "errors": {json.dumps(list(head.errors))}\n}}\n')


def _server(sim: ServerSimulation) -> dict[str, Any]:
    return {
        "server": sim.server,
        "path": sim.path,
        "subjects": [s.key for s in sim.subjects],
        "note": sim.note,
        "scenarios": [_scenario(s) for s in sim.scenarios],
        "findings": [
            {
                "rule": x.rule,
                "domain": x.domain,
                "group": x.group,
                "message": x.message,
                "explains": [
                    {"failed": failure, "subject": subject, "outcome": outcome.value}
                    for failure, subject, outcome in x.explains
                ],
            }
            for x in sim.explanations
        ],
    }


def _scenario(scenario: Scenario) -> dict[str, Any]:
    return {
        "failed": [_element(e) for e in scenario.failed],
        "down": list(scenario.down),
        "effects": [_effect(e) for e in scenario.effects],
    }


def _element(element: Element) -> dict[str, Any]:
    return {"kind": element.kind.value, "domain": element.domain, "name": element.name}


def _effect(effect: Effect) -> dict[str, Any]:
    return {
        "domain": effect.domain,
        "group": effect.group,
        "interface": effect.interface,
        "outcome": effect.outcome.value,
        "detection": effect.detection,
        "seconds": effect.seconds,
        "carrier": effect.carrier,
        "lost": list(effect.lost),
        "reason": effect.reason,
        "rules": list(effect.rules),
        "missing": list(effect.missing),
    }
