"""The simulation's data: what fails, and what each domain's network does about it.

Plain frozen data, like ipmplint.model: the engine (ipmplint.simulation.engine) builds
it, the reporters render it, nothing in here decides an outcome.
"""

from __future__ import annotations

from typing import Optional

import attrs

from ipmplint.findings import Finding
from ipmplint.simulation.outcomes import HARMFUL, KIND_ORDER, Kind, Outcome
from ipmplint.topology import NodeId

__all__ = [
    "HARMFUL",
    "KIND_ORDER",
    "Kind",
    "Outcome",
    "Element",
    "Effect",
    "Subject",
    "Scenario",
    "Explanation",
    "ServerSimulation",
    "SimulationReport",
    "subject_key",
]


@attrs.frozen(order=True)
class Element:
    """One part of a server that can fail. ``domain`` is the domain it lives in (None for
    a service domain, which is named by ``name``, and for a probe target, a host outside
    the server named by its address)."""

    kind: Kind = attrs.field(order=KIND_ORDER.index)
    domain: Optional[str]
    name: str

    @property
    def label(self) -> str:
        """``nic primary/e1000g0``: how the reports and ``--fail`` name it."""
        return f"{self.kind.value} {self.spec}"

    @property
    def spec(self) -> str:
        """The NAME of ``--fail KIND:NAME``: ``domain/name``, or the name alone."""
        return f"{self.domain}/{self.name}" if self.domain else self.name


@attrs.frozen
class Effect:
    """One outcome for one domain's group (``group``) or address outside any group
    (``interface``), with its reason in one sentence and the rules whose findings on
    this server explain it."""

    domain: str
    outcome: Outcome
    reason: str
    group: Optional[str] = None
    interface: Optional[str] = None
    #: ``link`` or ``probe`` for a detected failure (fails-over, false-failure).
    detection: Optional[str] = None
    #: Seconds until in.mpathd acts: 0 for link state, the failure detection time for probes.
    seconds: Optional[float] = None
    #: The member that carries the data addresses afterwards (fails-over).
    carrier: Optional[str] = None
    #: The members (or the interface) whose own path the failure darkens.
    lost: tuple[str, ...] = ()
    rules: tuple[str, ...] = ()
    #: The captures whose absence made the outcome unknown.
    missing: tuple[str, ...] = ()
    #: Topology nodes whose path went dark (for ``ipmplint graph --fail``).
    dark: tuple[NodeId, ...] = attrs.field(default=(), eq=False, repr=False)
    #: The findings ``rules`` names (for the way back: finding → the failures it explains).
    findings: tuple[Finding, ...] = attrs.field(default=(), eq=False, repr=False)

    @property
    def subject(self) -> str:
        return subject_key(self.domain, self.group, self.interface)


@attrs.frozen
class Subject:
    """What an effect is about, one column of the matrix: a domain's group, an address
    of a domain outside any group, or a domain ldm lists whose captures are missing."""

    domain: str
    group: Optional[str] = None
    interface: Optional[str] = None

    @property
    def key(self) -> str:
        return subject_key(self.domain, self.group, self.interface)


def subject_key(domain: str, group: Optional[str], interface: Optional[str]) -> str:
    """How reports name what an effect is about: ``ldg1/ipmp0`` (a group), ``ldg1:vnet0``
    (an address outside any group) or ``ldg2`` (a domain without captures)."""
    if group is not None:
        return f"{domain}/{group}"
    if interface is not None:
        return f"{domain}:{interface}"
    return domain


@attrs.frozen
class Scenario:
    """One or more elements failed together, and every domain's effect."""

    failed: tuple[Element, ...]
    effects: tuple[Effect, ...] = ()
    #: Domains that are themselves down (a failed service domain): no effect is given for them.
    down: tuple[str, ...] = ()

    @property
    def label(self) -> str:
        return " + ".join(e.label for e in self.failed)

    def effect_on(self, subject: Subject) -> Optional[Effect]:
        """The effect on a subject; None when its domain is itself down."""
        return next((e for e in self.effects if e.subject == subject.key), None)


@attrs.frozen
class Explanation:
    """The way back from a finding of ``check`` to the simulated failures it explains:
    the IPMP102 finding on ldg1/ipmp0 and "service-domain primary: ldg1/ipmp0
    loses-network" point at each other."""

    rule: str
    message: str
    domain: Optional[str]
    group: Optional[str]
    #: (failure label, subject, outcome) of every effect that names the finding.
    explains: tuple[tuple[str, str, Outcome], ...] = ()


@attrs.frozen
class ServerSimulation:
    """Every scenario simulated on one server, and what could not be simulated."""

    server: str
    path: str
    scenarios: tuple[Scenario, ...] = ()
    #: Subjects in a stable order (the matrix columns).
    subjects: tuple[Subject, ...] = ()
    #: Why nothing could be simulated (no domain and no ldm capture), else None.
    note: Optional[str] = None
    #: The findings that explain some effect, each with the effects it explains.
    explanations: tuple[Explanation, ...] = ()


@attrs.frozen
class SimulationReport:
    """The whole run: one simulation per server, and inputs that could not be read."""

    tool_version: str
    servers: tuple[ServerSimulation, ...] = ()
    errors: tuple[str, ...] = ()
