"""The simulation's view of a server's topology: which elements can fail, and which of
them each interface's traffic depends on.

The path itself is the topology's answer (``Topology.path_of``: from a domain's
interface to the vnet it is, the vsw that vnet is bound to, the NIC behind that vsw
and the service domain that serves both); this module turns its nodes into the
elements a scenario fails (a vanity-named NIC as its dladm DEVICE, an aggregation as
no single element) and says when a path leads nowhere the captures show.
"""

from __future__ import annotations

import os
from typing import Iterable, Optional

import attrs

from ipmplint.analysis import datalinks
from ipmplint.analysis.membership import aggregation, nic_name, physical_link_state
from ipmplint.model import DomainCapture, Server, VirtualSwitch
from ipmplint.simulation.model import Element, Kind
from ipmplint.topology import NodeId, NodeKind, Topology


@attrs.frozen
class Path:
    """What one interface's traffic crosses on its way out of the server."""

    domain: str
    interface: str
    #: The elements whose failure darkens the path.
    elements: frozenset[Element] = frozenset()
    #: The topology nodes on the path, the interface first (for drawings).
    nodes: tuple[NodeId, ...] = ()
    #: Whether a failure on the path shows in the interface's link state
    #: (ipmplint.analysis.membership.physical_link_state); None: cannot be told.
    link_state: Optional[bool] = None
    #: The service domain that routes the traffic on (a vsw without a NIC, plumbed in
    #: its service domain: Figure 7-5), whose own way out then decides.
    routed_by: Optional[str] = None
    #: Why the path cannot be told, and the captures that would tell it.
    unknown: Optional[str] = None
    missing: tuple[str, ...] = ()
    #: A vsw without a NIC plumbed in its own service domain: the guests' side of a
    #: routed design (Figure 7-5), which leads out of the server through nothing.
    internal: bool = False


class Reach:
    """The elements of one server and the paths of its interfaces."""

    def __init__(self, server: Server, topo: Topology) -> None:
        self.server, self.topo = server, topo
        self._service = topo.service_domains()

    # -- what can fail ------------------------------------------------------------------

    def elements(self) -> tuple[Element, ...]:
        """Every NIC behind a vsw or in a group, every vsw, every domain that serves a vsw,
        and every vnet of the server, each once, from the wire up."""
        found: dict[Element, None] = {}
        for node in self.topo.nodes():
            element = self.element_at(node, own_domain=None)
            if element is not None and element.kind is not Kind.NIC:
                found.setdefault(element)
            if node.kind is NodeKind.NIC:
                nic = self._nic(node.domain, node.name)
                if nic is not None:
                    found.setdefault(nic)
        for dc in self.server.domains:
            for group in dc.groups:
                for member in group.members:
                    for element in self.path_of(dc.name, member.interface).elements:
                        if element.kind is Kind.NIC:
                            found.setdefault(element)
        return tuple(sorted(found))

    def element_at(self, node: NodeId, own_domain: Optional[str]) -> Optional[Element]:
        """The element a topology node is (None: a node that does not fail on its own)."""
        if node.kind is NodeKind.VNET:
            return Element(Kind.VNET, node.domain, node.name)
        if node.kind is NodeKind.VSW:
            return Element(Kind.VSW, node.domain, node.name)
        if node.kind is NodeKind.DOMAIN and node.name != own_domain and node.name in self._service:
            return Element(Kind.SERVICE_DOMAIN, None, node.name)
        return None

    def node_of(self, element: Element) -> Optional[NodeId]:
        """The topology node an element is drawn as (None: a probe target, or a NIC that
        only a group member names)."""
        if element.kind is Kind.PROBE_TARGET:
            return None
        node = (
            {
                Kind.NIC: NodeId.of_nic,
                Kind.VSW: NodeId.of_vsw,
                Kind.VNET: NodeId.of_vnet,
            }[element.kind](element.domain or "", element.name)
            if element.kind is not Kind.SERVICE_DOMAIN
            else NodeId.of_domain(element.name)
        )
        if node in self.topo:
            return node
        if element.kind is Kind.NIC:  # the vsw's NET-DEV as ldm wrote it (a vanity name)
            return next(
                (
                    n
                    for n in self.topo.nodes(NodeKind.NIC)
                    if n.domain == element.domain and self._nic(element.domain or "", n.name) == element
                ),
                None,
            )
        return None

    # -- what a path depends on ---------------------------------------------------------

    def path_of(self, domain: str, interface: str) -> Path:
        """The path of a domain's interface down to the wire, and what it depends on."""
        topo, dc = self.topo, self.server.domain(domain)
        found = topo.path_of(domain, interface)
        if not found.below and found.incomplete is not None:
            return Path(domain, interface, unknown=found.incomplete, missing=self._ldm_missing())
        elements = {e for e in (self.element_at(n, domain) for n in found.below) if e is not None}
        elements |= {
            nic for nic in (self._nic(n.domain, n.name) for n in found.of_kind(NodeKind.NIC)) if nic is not None
        }
        link = physical_link_state(self.server, topo, dc, interface) if dc is not None else None
        nodes = found.nodes
        if found.incomplete is not None:  # a vnet bound to a vsw ldm does not list
            return Path(
                domain,
                interface,
                frozenset(elements),
                nodes,
                link,
                unknown=found.incomplete,
                missing=self._ldm_missing(),
            )
        if found.vsw is None:  # a physical interface: its NIC (Solaris 11: the link it is built on)
            nic = self._physical_nic(dc, interface) if dc is not None else None
            if nic is not None:
                elements.add(nic)
            return Path(domain, interface, frozenset(elements), nodes, link)
        vsw: VirtualSwitch = found.vsw
        if vsw.net_dev:
            return Path(domain, interface, frozenset(elements), nodes, link)
        if found.exit != domain and topo.plumbed_interfaces(vsw):
            return Path(domain, interface, frozenset(elements), nodes, link, routed_by=found.exit)
        if found.exit == domain:
            return Path(domain, interface, frozenset(elements), nodes, link, internal=True)
        return Path(
            domain,
            interface,
            frozenset(elements),
            nodes,
            link,
            unknown=(
                f"vsw {vsw.name}@{vsw.domain} has no net-dev and is not plumbed there: "
                f"no way out of the server is captured for it"
            ),
            missing=(os.path.join(self.server.path, "ldm-list-l.txt"),),
        )

    def vnet_path(self, domain: str, vnet: str) -> frozenset[Element]:
        """What a vnet of a domain without captures depends on (for its ``unknown``)."""
        found = {Element(Kind.VNET, domain, vnet)}
        for n in self.topo.below(NodeId.of_vnet(domain, vnet)):
            element = self.element_at(n, domain)
            if element is not None:
                found.add(element)
            elif n.kind is NodeKind.NIC:
                nic = self._nic(n.domain, n.name)
                if nic is not None:
                    found.add(nic)
        return frozenset(found)

    # -- helpers --------------------------------------------------------------------------

    def _nic(self, domain: str, name: str) -> Optional[Element]:
        """A NIC of a domain as one element: a vanity name taken as its dladm DEVICE; an
        aggregation is several NICs and survives one's failure, so it is no element."""
        dc = self.server.domain(domain)
        if aggregation(dc, name):
            return None
        return Element(Kind.NIC, domain, nic_name(dc, name))

    def _physical_nic(self, dc: DomainCapture, interface: str) -> Optional[Element]:
        """The NIC under a physical interface: on Solaris 11 the link a VNIC or VLAN is
        built on (ipmplint.analysis.datalinks), walked down to its carrier."""
        carrier = datalinks.walk(datalinks.built_on(dc.dladm), interface)
        if carrier.ports:
            return None
        return self._nic(dc.name, carrier.carrier)

    def _ldm_missing(self) -> tuple[str, ...]:
        return () if self.server.ldm is not None else (os.path.join(self.server.path, "ldm-list-l.txt"),)


def touched(path: Path, failed: Iterable[Element]) -> tuple[Element, ...]:
    """The failed elements a path depends on, from the wire up (``failed`` may be a set:
    the order must not depend on it)."""
    return tuple(sorted(e for e in failed if e in path.elements))
