"""The topology's nodes and edges as plain dicts, built once: the adjacency index.

Most questions the rules ask are one step along an edge of a kind ("the vnet this
interface is", "the vnets bound to this vsw"), and importing networkx costs a
one-server ``check`` about a third of its time, so those questions are answered here
from dicts. Only a search (a path down to the wire) builds the networkx graph
(``digraph``), from the same nodes and edges in the same order: node order is the
order nodes were first met, as ``networkx.DiGraph`` keeps it, so anything that walks
either one meets nodes in one order.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Iterable, Iterator, Optional

from ipmplint.topology.kinds import EdgeKind, NodeKind
from ipmplint.topology.nodes import NodeId

if TYPE_CHECKING:
    import networkx as nx


class Index:
    """Nodes (each with its model object, or None) and kind-labelled edges, both ways.

    Each node's edges are kept by kind as well (``(node, kind)`` to the nodes at their
    other end): a one-step question is then one lookup, not a walk over the node's edges.
    Two nodes are linked by one kind of edge, whatever their kinds (``kinds``)."""

    def __init__(self) -> None:
        #: The model object of each node; which class is said by the node's kind (a vnet node
        #: holds a VirtualNetwork, ...), so the type checker takes the callers' word for it.
        self.objects: dict[NodeId, Any] = {}
        self._out: dict[NodeId, dict[NodeId, EdgeKind]] = {}
        self._below: dict[tuple[NodeId, EdgeKind], dict[NodeId, None]] = {}
        self._above: dict[tuple[NodeId, EdgeKind], dict[NodeId, None]] = {}

    def __contains__(self, node: NodeId) -> bool:
        return node in self.objects

    def add_node(self, node: NodeId, obj: Optional[object] = None) -> None:
        """A node, or its model object when one was not known when it was first met."""
        if node not in self.objects:
            self.objects[node] = obj
            self._out[node] = {}
        elif obj is not None:
            self.objects[node] = obj

    def add_edge(self, tail: NodeId, head: NodeId, kind: EdgeKind) -> None:
        """An edge, its nodes added (without an object) when new."""
        for node in (tail, head):
            if node not in self.objects:
                self.objects[node] = None
                self._out[node] = {}
        self._out[tail][head] = kind
        below = self._below.get((tail, kind))
        if below is None:
            below = self._below[(tail, kind)] = {}
        below[head] = None
        above = self._above.get((head, kind))
        if above is None:
            above = self._above[(head, kind)] = {}
        above[tail] = None

    def nodes(self, kind: Optional[NodeKind] = None) -> Iterator[NodeId]:
        """Every node (of one kind), in the order they were first met."""
        return (n for n in self.objects if kind is None or n.kind is kind)

    def edges(self) -> Iterator[tuple[NodeId, NodeId, EdgeKind]]:
        """Every edge, tails in node order (as networkx lists them)."""
        for tail, heads in self._out.items():
            for head, kind in heads.items():
                yield tail, head, kind

    def below(self, node: NodeId, kind: EdgeKind) -> list[NodeId]:
        """The heads of a node's edges of one kind (none when the node is not here)."""
        return list(self._below.get((node, kind), ()))

    def above(self, node: NodeId, kind: EdgeKind) -> list[NodeId]:
        """The tails of the edges of one kind into a node (none when it is not here)."""
        return list(self._above.get((node, kind), ()))

    def first_below(self, node: NodeId, kind: EdgeKind) -> Optional[NodeId]:
        """The first head of a node's edges of one kind, or None."""
        heads = self._below.get((node, kind))
        return next(iter(heads)) if heads else None

    def digraph(self, kinds: Iterable[EdgeKind]) -> "nx.DiGraph":
        """Every node and the edges of some kinds as a networkx graph, for searches
        (edge attribute ``kind``; a node's successors in the order they were added)."""
        import networkx as nx

        wanted = frozenset(kinds)
        g = nx.DiGraph()
        g.add_nodes_from(self.objects)
        g.add_edges_from((t, h, {"kind": k}) for t, h, k in self.edges() if k in wanted)
        return g
