"""The path searches of the topology: where an interface's traffic runs down to the
wire, answered with networkx (imported here, when a search runs, so a ``check``
whose rules ask only one-step questions never loads it).

A path follows the data-path edges only (``ipmplint.topology.kinds.DOWN``): from an
interface to the vnet it is (or the vsw it plumbs), the vsw that vnet is bound to,
the NIC behind that vsw, and the service domain that serves both. Each vnet is bound
to one vsw and each vsw backed by at most one NIC, so the path is a chain: every node
on it is one the traffic depends on, and failing any of them darkens it.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Optional

import attrs

from ipmplint.model import VirtualNetwork, VirtualSwitch
from ipmplint.topology.kinds import NodeKind
from ipmplint.topology.nodes import NodeId

if TYPE_CHECKING:
    from ipmplint.topology.topology import Topology


@attrs.frozen
class DataPath:
    """Where one interface's traffic runs, and whether the captures tell it all."""

    start: NodeId
    #: The nodes under the interface, nearest first: what its traffic depends on.
    below: tuple[NodeId, ...] = ()
    vnet: Optional[VirtualNetwork] = None
    #: The vsw the path runs through (its vnet's, or the one the interface plumbs).
    vsw: Optional[VirtualSwitch] = None
    #: The domain whose NIC, or whose routing, takes the traffic out of the server: the
    #: vsw's service domain, or the interface's own domain when it is a NIC of its own.
    exit: Optional[str] = None
    #: Why the captures do not tell where the path runs (then ``exit`` is None).
    incomplete: Optional[str] = None

    @property
    def nodes(self) -> tuple[NodeId, ...]:
        """The interface, then every node under it."""
        return (self.start, *self.below)

    def of_kind(self, kind: NodeKind) -> tuple[NodeId, ...]:
        return tuple(n for n in self.below if n.kind is kind)


def below(topo: "Topology", node: NodeId) -> tuple[NodeId, ...]:
    """Every node down the data path from ``node``, depth first (networkx)."""
    import networkx as nx

    down = topo.down_graph()
    if node not in down:
        return ()
    return tuple(nx.dfs_preorder_nodes(down, node))[1:]


def walk(topo: "Topology", start: NodeId) -> DataPath:
    """The path of a domain interface (``start``) down to the wire."""
    for lost in (
        topo.is_unmatched(start.domain, start.name),
        next((u for u in topo.unplaced if (u.domain, u.interface) == (start.domain, start.name)), None),
    ):
        if lost is not None:
            return DataPath(start, incomplete=lost.reason)
    nodes = below(topo, start)
    vnet = topo.vnet_of(start.domain, start.name)
    vsws = [n for n in nodes if n.kind is NodeKind.VSW]
    if vsws:
        vsw = topo.object_of(vsws[0])
        return DataPath(start, nodes, vnet, vsw, exit=vsw.domain)
    if vnet is not None:
        return DataPath(
            start,
            nodes,
            vnet,
            incomplete=(f"vnet {vnet.name} of {start.domain} is bound to {vnet.service}, which ldm does not list"),
        )
    return DataPath(start, nodes, exit=start.domain)
