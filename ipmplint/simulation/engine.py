"""Fail each part of a server in turn and say, for every domain, what its network does.

The engine asks the same questions the rules ask, of the same helpers, so that a rule
and the simulation can never disagree about one fact: where a member's path runs
(ipmplint.simulation.reach over ipmplint.topology), whether its link state follows the
physical link (ipmplint.analysis.membership, as IPMP201/IPMP503), which probe targets in.mpathd
has (ipmplint.analysis.probing, as IPMP202/IPMP210), which members can carry the data addresses
(ipmplint.analysis.runtime_state) and how long detection takes (ipmplint.analysis.mpathd, as IPMP207).

How in.mpathd reacts, from its documentation:

- link-based detection is always on where the driver reports link state; "when the
  daemon detects that the interface's RUNNING flag has been cleared, the daemon
  immediately fails the interface" (Solaris 10 System Administration Guide: IP
  Services, "Link-Based Failure Detection");
- probe-based detection fails an interface after five probes go unanswered, within the
  failure detection time (default 10 s); without routers or host routes on the test
  subnet it multicasts to 224.0.0.1, and "if in.mpathd cannot find routers or hosts that
  responded ... in.mpathd cannot detect probe-based failures" ("Probe-Based Failure
  Detection"); "the absence of a response from the only defined target system can
  indicate a failure either in the target system or in one of the IPMP group's
  interfaces" (Solaris 11, "Probe-Based Failure Detection");
- a vnet reports physical link state only from LDoms 1.3 with ``linkprop=phys-state``
  on a vsw with a ``net-dev`` (LDoms 1.3 Administration Guide, "Using Link-Based IPMP").

Over 400 lines because it is one class: the ``Simulator`` decides a failure's effect on a
group from one set of paths (what is lost, what probing still sees, how long detection
takes); cut into modules, each piece would take the simulator's state as arguments.
"""

from __future__ import annotations

import itertools
import os
from typing import Iterable, Optional, Sequence

import attrs

from ipmplint.analysis import runtime_state
from ipmplint.analysis.membership import gateways_via, interface_addresses
from ipmplint.analysis.mpathd import detection_time
from ipmplint.analysis.probing import probe_based, probing, route_targets, transitive_for
from ipmplint.analysis.routing import FORWARDING_FILES, ipv4_forwarding
from ipmplint.analysis.runtime_state import MemberState
from ipmplint.findings import Finding
from ipmplint.model import DomainCapture, GroupMember, IpmpGroup, Server
from ipmplint.simulation.model import (
    Effect,
    Element,
    Explanation,
    Kind,
    Outcome,
    Scenario,
    ServerSimulation,
    Subject,
)
from ipmplint.simulation.reach import Path, Reach, touched
from ipmplint.topology import NodeId, Topology

#: The rules whose findings can explain an outcome, by what caused it.
EXPLAINS = {
    "shared": ("IPMP101", "IPMP102", "IPMP103", "IPMP104", "IPMP110", "IPMP301"),
    "unusable": ("IPMP302", "IPMP402"),
    "single": ("IPMP104", "IPMP301", "IPMP501", "IPMP502"),
    "no-link-state": ("IPMP201", "IPMP503"),
    "no-target": ("IPMP202", "IPMP208", "IPMP209"),
    "targets-gone": ("IPMP210", "IPMP107", "IPMP202"),
    "detected": ("IPMP207",),
    "unknown": ("IPMP105", "CAP003", "CAP004"),
}

_USABLE = (MemberState.ACTIVE, MemberState.STANDBY, MemberState.INACTIVE)


@attrs.frozen
class Watched:
    """A subject (ipmplint.simulation.model.Subject) with the group it is about."""

    domain: str
    group: Optional[IpmpGroup] = None
    interface: Optional[str] = None

    @property
    def subject(self) -> Subject:
        return Subject(self.domain, self.group.name if self.group is not None else None, self.interface)


@attrs.frozen
class Seen:
    """How in.mpathd sees a member's dead path: ``method`` ``link`` or ``probe``, or None
    with ``why`` not, the captures that would tell (``missing``: then it is unknown) and
    the EXPLAINS key of the rules that explain it."""

    method: Optional[str]
    why: str = ""
    missing: tuple[str, ...] = ()
    cause: str = "unknown"


class Simulator:
    """The simulation of one server: its elements, its subjects, and each scenario."""

    def __init__(self, server: Server, topo: Topology, findings: Sequence[Finding] = ()) -> None:
        self.server, self.topo, self.findings = server, topo, tuple(findings)
        self.reach = Reach(server, topo)
        self._paths: dict[tuple[str, str], Path] = {}
        self._targets: dict[tuple[str, str], tuple[dict, bool]] = {}
        self.elements = self.reach.elements() + self._probe_targets()
        self.subjects = self._subjects()

    # -- the scenarios ----------------------------------------------------------------------

    def run(self, failures: Optional[Iterable[tuple[Element, ...]]] = None, pairs: bool = False) -> ServerSimulation:
        """Every single failure (or only ``failures``), and with ``pairs`` every pair."""
        if failures is None:
            failures = [(e,) for e in self.elements]
            if pairs:
                failures += list(itertools.combinations(self.elements, 2))
        scenarios = tuple(self.scenario(failed) for failed in failures)
        note = None if self.subjects else "no IPMP group and no virtual network path to simulate"
        return ServerSimulation(
            self.server.name,
            self.server.path,
            scenarios,
            tuple(s.subject for s in self.subjects),
            note,
            explanations(scenarios),
        )

    def scenario(self, failed: tuple[Element, ...]) -> Scenario:
        down = tuple(e.name for e in failed if e.kind is Kind.SERVICE_DOMAIN)
        fails = frozenset(failed)
        effects = tuple(self.effect(s, fails) for s in self.subjects if s.domain not in down)
        return Scenario(tuple(failed), effects, down)

    def effect(self, subject: Watched, failed: frozenset[Element]) -> Effect:
        dc = self.server.domain(subject.domain)
        if dc is None:
            return self._uncaptured(subject.domain, failed)
        if subject.group is not None:
            return self._group(dc, subject.group, failed)
        return self._single(dc, subject.interface or "", failed)

    # -- what can fail and who is watched ---------------------------------------------------

    def _probe_targets(self) -> tuple[Element, ...]:
        found: dict[str, None] = {}
        for dc in self.server.domains:
            for group in dc.groups:
                targets, _ = self._targets_of(dc, group)
                for address in itertools.chain.from_iterable(targets.values()):
                    found.setdefault(address)
        return tuple(Element(Kind.PROBE_TARGET, None, a) for a in sorted(found, key=_address_order))

    def _subjects(self) -> tuple[Watched, ...]:
        failing = set(self.elements)
        found: list[Watched] = []
        for dc in self.server.domains:
            members = {m.interface for g in dc.groups for m in g.members}
            ipmp = {g.interface for g in dc.groups if g.interface}
            found += [Watched(dc.name, group=g) for g in dc.groups]
            for name in self.topo.interfaces(dc.name):
                if name in members or name in ipmp or not interface_addresses(dc, name):
                    continue
                path = self.path(dc.name, name)
                if not path.internal and (path.unknown or path.routed_by or path.elements & failing):
                    found.append(Watched(dc.name, interface=name))
        if self.server.ldm is not None:
            for domain in self.server.ldm.domains:
                if self.server.domain(domain.name) is None and domain.vnets:
                    found.append(Watched(domain.name))
        return tuple(found)

    def path(self, domain: str, interface: str) -> Path:
        key = (domain, interface)
        if key not in self._paths:
            self._paths[key] = self.reach.path_of(domain, interface)
        return self._paths[key]

    def _targets_of(self, dc: DomainCapture, group: IpmpGroup) -> tuple[dict, bool]:
        """The group's probe targets (text addresses) by where they come from (``on
        <subnet>``, or ``in use (ipmpstat -t)``), and whether they are known at all (a
        routing table or ``ipmpstat -t`` was captured)."""
        key = (dc.name, group.name)
        if key not in self._targets:
            targets: dict[str, tuple[str, ...]] = {}
            known = dc.routes is not None
            if probe_based(dc, group):
                found = probing(dc, group)
                for subnet in found.subnets:
                    targets[f"on {subnet}"] = tuple(str(t.address) for t in found.targets[subnet])
                if not found.subnets and dc.routes is not None:  # transitive probing: the data subnets
                    for network in dict.fromkeys(a.network for a in group.all_data_addresses if a.network is not None):
                        targets[f"on {network}"] = tuple(
                            str(t.address) for t in route_targets(dc.routes.routes, network)
                        )
                in_use = tuple(dict.fromkeys(itertools.chain.from_iterable(found.in_use.values())))
                if in_use:  # what in.mpathd probes now beats what the routes suggest
                    targets = {"in use (ipmpstat -t)": in_use}
                    known = True
            self._targets[key] = (targets, known)
        return self._targets[key]

    # -- the outcomes -------------------------------------------------------------------------

    def _group(self, dc: DomainCapture, group: IpmpGroup, failed: frozenset[Element]) -> Effect:
        base = Effect(dc.name, Outcome.UNAFFECTED, "", group=group.name)
        paths = {m.interface: self.path(dc.name, m.interface) for m in group.members}
        unknown = next((p for p in paths.values() if p.unknown), None)
        if unknown is not None:
            return self._explained(
                attrs.evolve(
                    base,
                    outcome=Outcome.UNKNOWN,
                    missing=unknown.missing,
                    reason=f"where member {unknown.interface} runs cannot be told: {unknown.unknown}",
                ),
                "unknown",
                (),
            )
        statuses = {s.member.interface: s for s in runtime_state.member_statuses(group, dc.ifconfig is not None)}
        usable = [m for m in group.members if statuses[m.interface].state in _USABLE]
        dead, upstream = self._lost(usable, paths, failed)
        dark = tuple(n for i in dead for n in paths[i].nodes)
        base = attrs.evolve(base, lost=tuple(dead))
        gone = self._targets_gone(dc, group, failed)
        if not dead and not gone:
            if not upstream:
                return base
            return self._explained(
                attrs.evolve(
                    upstream[0],
                    domain=dc.name,
                    group=group.name,
                    interface=None,
                    reason=f"its traffic is routed by {paths[usable[0].interface].routed_by}: {upstream[0].reason}",
                ),
                "detected",
                dark,
            )
        survivors = [m for m in usable if m.interface not in dead]
        if not usable:
            return self._explained(
                attrs.evolve(
                    base,
                    outcome=Outcome.LOSES_NETWORK,
                    reason=f"no member of {group.name} can carry its addresses even before the failure",
                ),
                "unusable",
                dark,
            )
        if not survivors:
            what = "; ".join(f"{i} through {why}" for i, why in dead.items())
            single = "its only usable member" if len(usable) == 1 else "every usable member"
            cause = ("shared" if len(usable) > 1 else "single") + (
                " unusable" if len(usable) < len(group.members) else ""
            )
            return self._explained(
                attrs.evolve(base, outcome=Outcome.LOSES_NETWORK, reason=f"the failure darkens {single}: {what}"),
                cause,
                dark,
            )
        fdt, how = detection_time(dc, group)
        if gone:
            return self._explained(
                attrs.evolve(
                    base,
                    outcome=Outcome.FALSE_FAILURE,
                    detection="probe",
                    seconds=fdt / 1000,
                    reason=(
                        f"every probe target of {group.name} ({gone}) stops answering, so in.mpathd declares "
                        f"every probed member failed within {_seconds(fdt)} ({how}) although "
                        f"{', '.join(m.interface for m in survivors)} still "
                        f"{'works' if len(survivors) == 1 else 'work'}"
                    ),
                ),
                "targets-gone",
                dark,
            )
        seen = {i: self._detection(dc, group, group.member(i), paths[i], failed) for i in dead}
        blind = next(((i, d) for i, d in seen.items() if d.method is None), None)
        if blind is not None:
            return self._blind(base, blind[0], dead[blind[0]], blind[1], dark)
        detection = "link" if all(d.method == "link" for d in seen.values()) else "probe"
        carrier = self._carrier(survivors, statuses)
        when = "at once, by link state" if detection == "link" else f"by probes within {_seconds(fdt)} ({how})"
        return self._explained(
            attrs.evolve(
                base,
                outcome=Outcome.FAILS_OVER,
                detection=detection,
                seconds=0.0 if detection == "link" else fdt / 1000,
                carrier=carrier,
                reason=(
                    f"{', '.join(dead)} {'loses its path' if len(dead) == 1 else 'lose their paths'} "
                    f"({'; '.join(dead.values())}); in.mpathd notices {when} and {carrier} carries the data "
                    f"addresses"
                ),
            ),
            "detected",
            dark,
        )

    def _lost(
        self, usable: list[GroupMember], paths: dict[str, Path], failed: frozenset[Element]
    ) -> tuple[dict[str, str], list[Effect]]:
        """The members whose path the failure darkens (with what darkened it), and the
        effects on the way out of a service domain that routes a member (Figure 7-5)."""
        dead: dict[str, str] = {}
        upstream: list[Effect] = []
        for m in usable:
            path = paths[m.interface]
            hit = touched(path, failed)
            if hit:
                dead[m.interface] = ", ".join(e.label for e in hit)
            elif path.routed_by is not None:
                above = self._uplink(path.routed_by, failed)
                if above.outcome is Outcome.UNAFFECTED:
                    continue
                upstream.append(above)
                if above.outcome is not Outcome.FAILS_OVER:
                    dead[m.interface] = f"the way out through {path.routed_by}"
        return dead, upstream

    def _blind(self, base: Effect, member: str, darkened: str, seen: "Seen", dark: tuple[NodeId, ...]) -> Effect:
        """A lost member in.mpathd does not see: undetected, or unknown when the captures
        that would tell are missing."""
        if seen.missing:
            return self._explained(
                attrs.evolve(
                    base,
                    outcome=Outcome.UNKNOWN,
                    missing=seen.missing,
                    reason=f"{member} loses its path ({darkened}), but {seen.why}",
                ),
                "unknown",
                dark,
            )
        return self._explained(
            attrs.evolve(
                base,
                outcome=Outcome.UNDETECTED,
                reason=(
                    f"{member} loses its path ({darkened}) but nothing tells in.mpathd: {seen.why}; its traffic "
                    f"is black-holed while the group looks healthy"
                ),
            ),
            seen.cause,
            dark,
        )

    def _detection(
        self, dc: DomainCapture, group: IpmpGroup, member: Optional[GroupMember], path: Path, failed: frozenset[Element]
    ) -> "Seen":
        """How in.mpathd sees a member's dead path: by link state, by probes, or not
        (why not, and the captures that would tell when it cannot be told)."""
        if path.link_state:
            return Seen("link")
        probed = member is not None and (bool(member.test_addresses) or bool(transitive_for(dc, member.interface)))
        if probed:
            targets, known = self._targets_of(dc, group)
            if any(Element(Kind.PROBE_TARGET, None, t) not in failed for ts in targets.values() for t in ts):
                return Seen("probe")
            if not known:
                return Seen(
                    None,
                    "whether in.mpathd has probe targets was not captured",
                    (os.path.join(dc.path, "netstat-rn.txt"),),
                )
            return Seen(
                None,
                "it is probed, but there is no router and no host route on its test subnet, so no "
                "probe target is known to answer",
                cause="no-target",
            )
        if path.link_state is None:
            return Seen(
                None,
                f"whether link state reaches {path.interface} cannot be told",
                (os.path.join(self.server.path, "ldm-list-l.txt"),),
            )
        return Seen(
            None,
            f"{path.interface} has no test address and no physical link state reaches it "
            f"(link-based detection sees only its virtual link)",
            cause="no-link-state",
        )

    def _targets_gone(self, dc: DomainCapture, group: IpmpGroup, failed: frozenset[Element]) -> str:
        """The subnets of a probed group whose every target failed, said for a reason."""
        if not any(e.kind is Kind.PROBE_TARGET for e in failed) or not probe_based(dc, group):
            return ""
        targets, _ = self._targets_of(dc, group)
        gone = [
            f"{', '.join(ts)} {where}"
            for where, ts in targets.items()
            if ts and all(Element(Kind.PROBE_TARGET, None, t) in failed for t in ts)
        ]
        return "; ".join(gone)

    @staticmethod
    def _carrier(survivors: list[GroupMember], statuses: dict) -> str:
        active = [m for m in survivors if statuses[m.interface].state is MemberState.ACTIVE and not m.standby]
        return (active or survivors)[0].interface

    def _single(self, dc: DomainCapture, interface: str, failed: frozenset[Element]) -> Effect:
        """An address outside any group: one path, nothing to fail over to."""
        base = Effect(dc.name, Outcome.UNAFFECTED, "", interface=interface)
        path = self.path(dc.name, interface)
        if path.unknown:
            return self._explained(
                attrs.evolve(
                    base,
                    outcome=Outcome.UNKNOWN,
                    missing=path.missing,
                    reason=f"where {interface} runs cannot be told: {path.unknown}",
                ),
                "unknown",
                (),
            )
        hit = touched(path, failed)
        if hit:
            return self._explained(
                attrs.evolve(
                    base,
                    outcome=Outcome.LOSES_NETWORK,
                    lost=(interface,),
                    reason=(
                        f"{interface} is in no IPMP group and has one path, through {', '.join(e.label for e in hit)}"
                    ),
                ),
                "single",
                path.nodes,
            )
        if path.routed_by is not None:
            above = self._uplink(path.routed_by, failed)
            if above.outcome is not Outcome.UNAFFECTED:
                return self._explained(
                    attrs.evolve(
                        above,
                        domain=dc.name,
                        group=None,
                        interface=interface,
                        reason=f"its traffic is routed by {path.routed_by}: {above.reason}",
                    ),
                    "single" if above.outcome is Outcome.LOSES_NETWORK else "detected",
                    path.nodes,
                )
        return base

    def _uplink(self, service: str, failed: frozenset[Element]) -> Effect:
        """What happens to the way out of a service domain that routes its guests (Figure
        7-5): the effect on its group, or its address, that reaches its routers."""
        dc = self.server.domain(service)
        if dc is None:
            return Effect(
                service,
                Outcome.UNKNOWN,
                f"the captures of {service}, which routes it, are missing",
                missing=(os.path.join(self.server.path, service),),
            )
        forwarding = ipv4_forwarding(dc)
        if forwarding is None:
            return Effect(
                service,
                Outcome.UNKNOWN,
                f"whether {service}, which routes it, forwards IPv4 was not captured",
                missing=tuple(os.path.join(dc.path, f) for f in FORWARDING_FILES),
            )
        if not forwarding.enabled:
            return Effect(
                service,
                Outcome.LOSES_NETWORK,
                f"{service} has {forwarding}, so its routed traffic is dropped there, failure or not",
            )
        for group in dc.groups:
            if any(gateways_via(dc, m.interface) for m in group.members):
                return self._group(dc, group, failed)
        for subject in self.subjects:
            if subject.domain == service and subject.interface and gateways_via(dc, subject.interface):
                return self._single(dc, subject.interface, failed)
        if dc.routes is None and dc.defaultrouter is None:
            return Effect(
                service,
                Outcome.UNKNOWN,
                f"the routes of {service}, which routes it, were not captured",
                missing=(os.path.join(dc.path, "netstat-rn.txt"),),
            )
        return Effect(service, Outcome.UNAFFECTED, "")

    def _uncaptured(self, domain: str, failed: frozenset[Element]) -> Effect:
        """A domain ldm lists whose own captures are missing: the failure reaches its vnets
        or not, and what that does is unknown."""
        ldm_domain = self.server.ldm.domain(domain) if self.server.ldm is not None else None
        vnets = ldm_domain.vnets if ldm_domain is not None else ()
        hit = sorted({e.label for v in vnets for e in self.reach.vnet_path(domain, v.name) if e in failed})
        if not hit:
            return Effect(domain, Outcome.UNAFFECTED, "")
        return Effect(
            domain,
            Outcome.UNKNOWN,
            missing=(os.path.join(self.server.path, domain),),
            reason=(
                f"the failure reaches {domain} ({', '.join(hit)}), whose own captures are missing, "
                f"so its groups are not known"
            ),
        )

    def _explained(self, effect: Effect, cause: str, dark: Iterable[NodeId]) -> Effect:
        """The effect with the rules whose findings on this server explain it: a rule of
        the family of a cause (``cause``: keys of EXPLAINS, separated by blanks) with a
        finding on the same domain and group, or on a node of the darkened path."""
        wanted = {rule for one in cause.split() for rule in EXPLAINS[one]}
        nodes = {str(n) for n in dark}  # as findings name them
        found = tuple(
            f
            for f in self.findings
            if f.rule_id in wanted
            and (
                (f.domain == effect.domain and (f.group is None or f.group == effect.group))
                or nodes.intersection(f.nodes)
            )
        )
        if effect.findings:  # routed: the service domain's findings explain it too
            found += tuple(f for f in effect.findings if f not in found)
        rules = sorted({f.rule_id for f in found})
        return attrs.evolve(effect, rules=tuple(rules), dark=tuple(dict.fromkeys(dark)), findings=found)


def explanations(scenarios: Sequence[Scenario]) -> tuple[Explanation, ...]:
    """Each finding some effect names, with every effect that names it, in the order
    the findings were first met."""
    found: dict[Finding, list[tuple[str, str, Outcome]]] = {}
    for scenario in scenarios:
        for effect in scenario.effects:
            for finding in effect.findings:
                found.setdefault(finding, []).append((scenario.label, effect.subject, effect.outcome))
    return tuple(
        Explanation(f.rule_id, f.message, f.domain, f.group, tuple(effects))
        for f, effects in sorted(found.items(), key=lambda item: item[0].sort_key)
    )


def _seconds(ms: int) -> str:
    return f"{ms / 1000:g} s"


def _address_order(text: str) -> tuple:
    import ipaddress

    try:
        return (0, ipaddress.ip_address(text))
    except ValueError:
        return (1, text)


def simulate(
    server: Server,
    topo: Topology,
    findings: Sequence[Finding] = (),
    failures: Optional[Iterable[tuple[Element, ...]]] = None,
    pairs: bool = False,
) -> ServerSimulation:
    """Every scenario of one server (see ``Simulator.run``)."""
    return Simulator(server, topo, findings).run(failures, pairs)
