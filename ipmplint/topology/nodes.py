"""Typed node ids: which node of a server's topology, as a value rather than a string.

A node is told by its kind, the domain it sits in and its name (a domain's own node
is named after itself). Its text form, ``str(node)`` (``vsw:primary/primary-vsw0``,
``domain:primary``), is the one name outputs use: ``Finding.nodes`` in the JSON and
SARIF reports and the ids in the drawings. Only this module spells it, so no other
module parses or builds those strings, and a finding about a node the topology does
not hold (a vsw ldm names but does not list) still has a stable name.
"""

from __future__ import annotations

from typing import NamedTuple

from ipmplint.topology.kinds import NodeKind


class NodeId(NamedTuple):
    """One node: its kind, its domain and its name (for a domain node, the domain).

    A typed tuple rather than an attrs class: a node id is a dict key, looked up a few
    hundred times per server by the rules' one-step questions, and a tuple of strings
    (the kinds are ``str`` enums) hashes and compares in C; as an attrs class the
    lookups made ``check`` measurably slower (benchmarks/bench.py; see the commit).
    """

    kind: NodeKind
    domain: str
    name: str

    def __str__(self) -> str:
        if self.kind is NodeKind.DOMAIN:
            return f"{self.kind.value}:{self.domain}"
        return f"{self.kind.value}:{self.domain}/{self.name}"

    @classmethod
    def of_domain(cls, domain: str) -> "NodeId":
        return cls(NodeKind.DOMAIN, domain, domain)

    @classmethod
    def of_group(cls, domain: str, group: str) -> "NodeId":
        return cls(NodeKind.GROUP, domain, group)

    @classmethod
    def of_interface(cls, domain: str, interface: str) -> "NodeId":
        return cls(NodeKind.INTERFACE, domain, interface)

    @classmethod
    def of_vnet(cls, domain: str, vnet: str) -> "NodeId":
        return cls(NodeKind.VNET, domain, vnet)

    @classmethod
    def of_vsw(cls, domain: str, vsw: str) -> "NodeId":
        return cls(NodeKind.VSW, domain, vsw)

    @classmethod
    def of_nic(cls, domain: str, nic: str) -> "NodeId":
        return cls(NodeKind.NIC, domain, nic)


def text_order(node: NodeId) -> str:
    """A sort key: nodes in the order of their names in the outputs (what the drawings
    have always been sorted by, so a picture's lines keep their order)."""
    return str(node)
