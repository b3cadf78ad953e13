"""The scenes the drawing tests look at: a fixture run through the check's own
pipeline (discovery, loader, runner with every built-in rule) and drawn."""

from __future__ import annotations

from pathlib import Path
from typing import Optional, Sequence

from ipmplint import topology
from ipmplint.capture import discovery, loader
from ipmplint.drawing import scene
from ipmplint.engine import runner, selection
from ipmplint.findings import Finding
from ipmplint.model import Server
from ipmplint.rules import builtin

FIXTURES = Path(__file__).resolve().parents[2] / "fixtures"
FIGURES = (
    "fig-7-3-two-vsw-one-service-domain",
    "fig-7-4-vsw-in-two-service-domains",
    "fig-7-5-ipmp-in-service-domain",
)


def load(fixture: str) -> Server:
    (root,) = discovery.discover([str(FIXTURES / fixture)]).roots
    return loader.load(root)


def findings_of(server: Server, select: Sequence[str] = ()) -> tuple[Finding, ...]:
    """The check's findings: every built-in rule, or only those selected (``--select``)."""
    rules = selection.select(builtin(), list(select)) if select else builtin()
    return runner.check_server(server, rules).findings


def scene_of(
    fixture: str | Server, findings: Optional[Sequence[Finding]] = None, select: Sequence[str] = ()
) -> scene.Scene:
    """The scene of a fixture (or a server), with the check's findings unless given.
    Tests about one rule's mark select that rule, so rules added later do not move it."""
    server = load(fixture) if isinstance(fixture, str) else fixture
    if findings is None:
        findings = findings_of(server, select)
    return scene.build(server, topology.build(server), findings)
