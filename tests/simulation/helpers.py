"""Load a fixture, check it and simulate it, as ``ipmplint simulate`` does."""

from __future__ import annotations

from pathlib import Path

from ipmplint import topology
from ipmplint.capture import discovery, loader
from ipmplint.engine import runner
from ipmplint.rules import builtin
from ipmplint.simulation import engine
from ipmplint.simulation.model import ServerSimulation


def simulated(path: Path, failures=None, pairs: bool = False) -> tuple[ServerSimulation, tuple]:
    """The simulation of one capture root, and its check's findings."""
    found = discovery.discover([str(path)])
    assert found.errors == () and len(found.roots) == 1
    server = loader.load(found.roots[0])
    report = runner.check_server(server, builtin())
    sim = engine.Simulator(server, topology.build(server), report.findings)
    return sim.run(failures, pairs), report.findings


def matrix(sim: ServerSimulation) -> dict[str, dict[str, str]]:
    """failure label → subject → outcome (``down`` for the failed domain itself)."""
    return {
        sc.label: {s.key: "down" if sc.effect_on(s) is None else sc.effect_on(s).outcome.value for s in sim.subjects}
        for sc in sim.scenarios
    }
