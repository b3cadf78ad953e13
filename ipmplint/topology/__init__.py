"""Each server's virtual network topology, typed: what is linked to what, and the
questions rules, drawings and the simulation ask of it.

- ``kinds``: node and edge kinds (enums) and the data-path edges;
- ``nodes``: ``NodeId``, a node as a value (its text form is the name outputs use);
- ``matching``: how a domain's interfaces are matched to ldm's vnets and vsws;
- ``index``: the adjacency dicts one-step questions are answered from;
- ``build``: the builder, from a loaded ``Server``;
- ``topology``: ``Topology`` and its methods; ``paths``: the searches (networkx).

Nothing outside this package reads the graph's edges or spells a node id.
"""

from __future__ import annotations

from ipmplint.topology.build import build
from ipmplint.topology.kinds import EdgeKind, NodeKind
from ipmplint.topology.nodes import NodeId
from ipmplint.topology.paths import DataPath
from ipmplint.topology.topology import Topology, Unmatched

__all__ = ["DataPath", "EdgeKind", "NodeId", "NodeKind", "Topology", "Unmatched", "build"]
