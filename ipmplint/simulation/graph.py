"""The graph questions the simulation asks of a server's topology, in one place.

Every question is answered with networkx on ipmplint.topology's graph, following its
edges down the data path only (``is``, ``plumbs``, ``bound``, ``backed-by``,
``served-by``, ``in``): from a domain's interface to the vnet it is, the vsw that vnet
is bound to, the NIC behind that vsw and the service domain that serves both. The
elements met on the way are what the interface's traffic depends on: fail any of them
and the path is dark. When the topology is retyped, only this module moves.
"""

from __future__ import annotations

import os
from typing import TYPE_CHECKING, Iterable, Optional

import attrs

from ipmplint.analysis import datalinks
from ipmplint.analysis.membership import aggregation, nic_name, physical_link_state, plumbed_interfaces
from ipmplint.model import DomainCapture, Server, VirtualSwitch
from ipmplint.simulation.model import Element, Kind
from ipmplint.topology import (
    _VNET_NAME,
    _VSW_NAME,
    Topology,
    dladm_device,
    domain_node,
    interface_node,
    nic_node,
    vnet_node,
    vsw_node,
)

if TYPE_CHECKING:
    import networkx as nx

#: The edges that follow the data path down to the wire (ipmplint.topology).
DOWN = frozenset({"is", "plumbs", "bound", "backed-by", "served-by", "in"})


@attrs.frozen
class Path:
    """What one interface's traffic crosses on its way out of the server."""

    domain: str
    interface: str
    #: The elements whose failure darkens the path.
    elements: frozenset[Element] = frozenset()
    #: The topology nodes on the path, the interface first (for drawings).
    nodes: tuple[str, ...] = ()
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
    """The graph questions of one server, with the down-the-path view built once."""

    def __init__(self, server: Server, topo: Topology) -> None:
        import networkx as nx

        self.server, self.topo = server, topo
        graph = topo.graph
        self._down: "nx.DiGraph" = nx.subgraph_view(
            graph, filter_edge=lambda u, v: graph.edges[u, v].get("kind") in DOWN)

    # -- what can fail ------------------------------------------------------------------

    def elements(self) -> tuple[Element, ...]:
        """Every NIC behind a vsw or in a group, every vsw, every domain that serves a vsw,
        and every vnet of the server, each once, from the wire up."""
        found: dict[Element, None] = {}
        for node, data in self.topo.graph.nodes(data=True):
            element = self.element_at(node, data, own_domain=None)
            if element is not None and element.kind is not Kind.NIC:
                found.setdefault(element)
            if data.get("kind") == "nic":
                nic = self._nic(data["domain"], data["name"])
                if nic is not None:
                    found.setdefault(nic)
        for dc in self.server.domains:
            for group in dc.groups:
                for member in group.members:
                    for element in self.path_of(dc.name, member.interface).elements:
                        if element.kind is Kind.NIC:
                            found.setdefault(element)
        return tuple(sorted(found))

    def element_at(self, node: str, data: dict, own_domain: Optional[str]) -> Optional[Element]:
        """The element a topology node is (None: a node that does not fail on its own)."""
        kind = data.get("kind")
        if kind == "vnet":
            return Element(Kind.VNET, data["domain"], data["name"])
        if kind == "vsw":
            return Element(Kind.VSW, data["domain"], data["name"])
        if kind == "domain" and data["name"] != own_domain and self._serves(node):
            return Element(Kind.SERVICE_DOMAIN, None, data["name"])
        return None

    def node_of(self, element: Element) -> Optional[str]:
        """The topology node an element is drawn as (None: a probe target, or a NIC that
        only a group member names)."""
        node = {
            Kind.NIC: lambda: nic_node(element.domain or "", element.name),
            Kind.VSW: lambda: vsw_node(element.domain or "", element.name),
            Kind.SERVICE_DOMAIN: lambda: domain_node(element.name),
            Kind.VNET: lambda: vnet_node(element.domain or "", element.name),
            Kind.PROBE_TARGET: lambda: "",
        }[element.kind]()
        if node in self.topo.graph:
            return node
        if element.kind is Kind.NIC:  # the vsw's NET-DEV as ldm wrote it (a vanity name)
            return next((n for n, d in self.topo.graph.nodes(data=True) if d.get("kind") == "nic"
                         and d.get("domain") == element.domain
                         and self._nic(element.domain or "", d["name"]) == element), None)
        return None

    # -- what a path depends on ---------------------------------------------------------

    def path_of(self, domain: str, interface: str) -> Path:
        """The path of a domain's interface down to the wire, and what it depends on."""
        topo, dc = self.topo, self.server.domain(domain)
        unmatched = topo.is_unmatched(domain, interface)
        if unmatched is not None:
            return Path(domain, interface, unknown=unmatched.reason, missing=self._ldm_missing())
        if self.server.ldm is None and dc is not None and _virtual(dc, interface):
            return Path(domain, interface, unknown=(f"{interface} is a virtual network device, but no ldm capture "
                                                    f"says which vsw, NIC and service domain it runs through"),
                        missing=self._ldm_missing())
        start = interface_node(domain, interface)
        below = self._below(start)
        elements = {e for e in (self.element_at(n, self.topo.graph.nodes[n], domain) for n in below)
                    if e is not None}
        vsws = [self.topo.graph.nodes[n]["obj"] for n in below if self.topo.graph.nodes[n].get("kind") == "vsw"]
        for n in below:
            data = self.topo.graph.nodes[n]
            if data.get("kind") == "nic":
                nic = self._nic(data["domain"], data["name"])
                if nic is not None:
                    elements.add(nic)
        link = physical_link_state(self.server, topo, dc, interface) if dc is not None else None
        nodes = (start, *below)
        if not vsws and topo.vnet_of(domain, interface) is not None:
            vnet = topo.vnet_of(domain, interface)
            return Path(domain, interface, frozenset(elements), nodes, link,
                        unknown=f"vnet {vnet.name} of {domain} is bound to {vnet.service}, which ldm does not list",
                        missing=self._ldm_missing())
        if not vsws:  # a physical interface: its NIC (Solaris 11: the link it is built on)
            nic = self._physical_nic(dc, interface) if dc is not None else None
            if nic is not None:
                elements.add(nic)
            return Path(domain, interface, frozenset(elements), nodes, link)
        vsw: VirtualSwitch = vsws[0]
        if vsw.net_dev:
            return Path(domain, interface, frozenset(elements), nodes, link)
        if vsw.domain != domain and plumbed_interfaces(topo, vsw):
            return Path(domain, interface, frozenset(elements), nodes, link, routed_by=vsw.domain)
        if vsw.domain == domain:
            return Path(domain, interface, frozenset(elements), nodes, link, internal=True)
        return Path(domain, interface, frozenset(elements), nodes, link,
                    unknown=(f"vsw {vsw.name}@{vsw.domain} has no net-dev and is not plumbed there: "
                             f"no way out of the server is captured for it"),
                    missing=(os.path.join(self.server.path, "ldm-list-l.txt"),))

    def vnet_path(self, domain: str, vnet: str) -> frozenset[Element]:
        """What a vnet of a domain without captures depends on (for its ``unknown``)."""
        start = vnet_node(domain, vnet)
        below = self._below(start) if start in self.topo.graph else []
        found = {Element(Kind.VNET, domain, vnet)}
        for n in below:
            data = self.topo.graph.nodes[n]
            element = self.element_at(n, data, domain)
            if element is not None:
                found.add(element)
            elif data.get("kind") == "nic":
                nic = self._nic(data["domain"], data["name"])
                if nic is not None:
                    found.add(nic)
        return frozenset(found)

    # -- helpers --------------------------------------------------------------------------

    def _below(self, start: str) -> list[str]:
        import networkx as nx

        if start not in self._down:
            return []
        return list(nx.dfs_preorder_nodes(self._down, start))[1:]

    def _serves(self, node: str) -> bool:
        """A domain node that some vsw is served by or some NIC is in."""
        return any(self.topo.graph.edges[p, node].get("kind") in ("served-by", "in")
                   for p in self.topo.graph.predecessors(node))

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


def _virtual(dc: DomainCapture, interface: str) -> bool:
    """A vnet or a plumbed vsw by its name (Solaris 11: by its dladm DEVICE)."""
    device = dladm_device(dc, interface)
    return any(p.match(name) for p in (_VNET_NAME, _VSW_NAME) for name in (interface, device))


def touched(path: Path, failed: Iterable[Element]) -> tuple[Element, ...]:
    """The failed elements a path depends on, from the wire up (``failed`` may be a set:
    the order must not depend on it)."""
    return tuple(sorted(e for e in failed if e in path.elements))
