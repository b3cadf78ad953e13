"""``Topology``: one server's graph, and every question rules, drawings and the
simulation ask of it, as methods.

No caller walks edges or spells node ids: a rule asks ``vnet_of``, ``bound_vnets``,
``plumbed_interfaces``; the drawing asks for the nodes and the data-path edges; the
simulation asks ``path_of``. One-step questions are answered from the adjacency
index (``ipmplint.topology.index``: no networkx, which a ``check`` never imports);
the path search (``path_of``) uses networkx, imported when it runs.
"""

from __future__ import annotations

from typing import Any, Iterator, Optional

import attrs

from ipmplint.model import VirtualNetwork, VirtualSwitch
from ipmplint.topology import paths
from ipmplint.topology.index import Index
from ipmplint.topology.kinds import DOWN, EdgeKind, NodeKind
from ipmplint.topology.nodes import NodeId, text_order


@attrs.frozen
class Unmatched:
    """A domain interface that should be a vnet but matches none in ``ldm`` (or looks
    virtual on a server without an ``ldm`` capture), and why."""

    domain: str
    interface: str
    reason: str


@attrs.frozen
class Topology:
    """The graph of one server plus the matching it could not make.

    ``unmatched`` is what IPMP105 reports; ``unplaced`` are interfaces that look
    virtual on a server whose ``ldm`` was not captured, so nothing could be matched.
    """

    index: Index
    unmatched: tuple[Unmatched, ...] = ()
    unplaced: tuple[Unmatched, ...] = ()
    #: The data-path graph in networkx, once a search built it (``down_graph``).
    _down: list = attrs.field(factory=lambda: [None], init=False, eq=False, repr=False)

    def down_graph(self) -> Any:
        """The nodes and the data-path edges (``kinds.DOWN``) as a ``networkx.DiGraph``,
        built once, for the searches of ``ipmplint.topology.paths``."""
        if self._down[0] is None:
            self._down[0] = self.index.digraph(DOWN)
        return self._down[0]

    # -- nodes ----------------------------------------------------------------------------

    def __contains__(self, node: NodeId) -> bool:
        return node in self.index

    def nodes(self, kind: Optional[NodeKind] = None) -> Iterator[NodeId]:
        """Every node (of one kind), in the order the builder met them."""
        return self.index.nodes(kind)

    def object_of(self, node: NodeId) -> Any:
        """The model object a node stands for: an ``LdmDomain`` (None for a domain ldm
        does not list), ``IpmpGroup``, ``VirtualNetwork``, ``VirtualSwitch``; None for an
        interface and a NIC, which are names."""
        return self.index.objects.get(node)

    def interfaces(self, domain: str) -> list[str]:
        """The interfaces of a captured domain, in the order its captures list them."""
        return [
            n.name for n in self.index.below(NodeId.of_domain(domain), EdgeKind.HAS) if n.kind is NodeKind.INTERFACE
        ]

    # -- one step along the data path ------------------------------------------------------

    def vnet_of(self, domain: str, interface: str) -> Optional[VirtualNetwork]:
        """The ldm vnet a domain interface is, or None."""
        found = self.index.first_below(NodeId.of_interface(domain, interface), EdgeKind.IS)
        return self.index.objects[found] if found is not None else None

    def vsw_of(self, vnet: VirtualNetwork) -> Optional[VirtualSwitch]:
        """The vsw a vnet is bound to, when ldm lists it."""
        found = self.index.first_below(NodeId.of_vnet(vnet.domain, vnet.name), EdgeKind.BOUND)
        return self.index.objects[found] if found is not None else None

    def plumbed_vsw(self, domain: str, interface: str) -> Optional[VirtualSwitch]:
        """The vsw a service domain's interface is: ``vswN`` for ``switch@N`` (Solaris 11:
        a link whose dladm DEVICE is ``vswN``), or None."""
        found = self.index.first_below(NodeId.of_interface(domain, interface), EdgeKind.PLUMBS)
        return self.index.objects[found] if found is not None else None

    def vswitch_of(self, domain: str, interface: str) -> Optional[VirtualSwitch]:
        """The vsw an interface reaches the network through: its vnet's vsw, or the vsw
        it is."""
        vnet = self.vnet_of(domain, interface)
        if vnet is not None:
            return self.vsw_of(vnet)
        return self.plumbed_vsw(domain, interface)

    def bound_vnets(self, vsw: VirtualSwitch) -> tuple[VirtualNetwork, ...]:
        """The vnets ldm binds to a vsw, in listing order."""
        node = NodeId.of_vsw(vsw.domain, vsw.name)
        return tuple(self.index.objects[n] for n in self.index.above(node, EdgeKind.BOUND))

    def plumbed_interfaces(self, vsw: VirtualSwitch) -> tuple[str, ...]:
        """The interfaces of its service domain that plumb a vsw (none: not plumbed)."""
        return tuple(n.name for n in self.index.above(NodeId.of_vsw(vsw.domain, vsw.name), EdgeKind.PLUMBS))

    def interface_of(self, vnet: VirtualNetwork) -> Optional[str]:
        """The interface of its domain a vnet was matched to (None: not captured)."""
        found = self.index.above(NodeId.of_vnet(vnet.domain, vnet.name), EdgeKind.IS)
        return found[0].name if found else None

    def service_domains(self) -> frozenset[str]:
        """The domains that serve a vsw (the lower half of the Oracle guides' pictures)."""
        return frozenset(n.name for n in self.nodes(NodeKind.DOMAIN) if self.index.above(n, EdgeKind.SERVED_BY))

    # -- what the drawing shows ------------------------------------------------------------

    def group_of(self, interface: NodeId) -> Optional[NodeId]:
        """The group an interface is a member of (the first by name, if several claim it)."""
        return min(self.index.above(interface, EdgeKind.MEMBER), key=text_order, default=None)

    def data_path(self) -> Iterator[tuple[NodeId, NodeId, EdgeKind]]:
        """The edges down the data path that a picture draws (``is``, ``plumbs``,
        ``bound``, ``backed-by``); containment is drawn as boxes, and the edges to the
        service domain as the vsw's place inside it."""
        drawn = (EdgeKind.IS, EdgeKind.PLUMBS, EdgeKind.BOUND, EdgeKind.BACKED_BY)
        return ((t, h, k) for t, h, k in self.index.edges() if k in drawn)

    def unbound_vnets(self) -> Iterator[VirtualNetwork]:
        """The vnets whose vsw ldm does not list (or lists more than once)."""
        return (self.index.objects[n] for n in self.nodes(NodeKind.VNET) if not self.index.below(n, EdgeKind.BOUND))

    # -- what matching could not do --------------------------------------------------------

    def is_unmatched(self, domain: str, interface: str) -> Optional[Unmatched]:
        return next((u for u in self.unmatched if u.domain == domain and u.interface == interface), None)

    # -- searches (networkx) ---------------------------------------------------------------

    def path_of(self, domain: str, interface: str) -> "paths.DataPath":
        """Where a domain interface's traffic runs down to the wire (``paths.DataPath``):
        every node it crosses, which is every node it depends on."""
        return paths.walk(self, NodeId.of_interface(domain, interface))

    def below(self, node: NodeId) -> tuple[NodeId, ...]:
        """Every node down the data path from a node, nearest first (depth first, in
        the order the builder met the edges)."""
        return paths.below(self, node)
