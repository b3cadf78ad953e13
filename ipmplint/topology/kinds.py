"""What a node and an edge of the topology are: two enums, one value a kind.

Enums rather than one attrs class per node kind: every node is told by the same three
facts (its kind, its domain, its name; ``ipmplint.topology.nodes``) and carries one
model object beside it, so a class per kind would add nothing but isinstance tests;
an enum makes every ``kind ==`` comparison one that a typo cannot silently miss. The
values are the words the drawings, the JSON report (``Finding.nodes``) and the docs
already use, so the typing changes no output. They are ``str`` enums so that a node id
(``ipmplint.topology.nodes``) hashes in C: it is a dict key the rules look up often.

Edges point down the data path, the way the Oracle guides draw it (LDoms 1.2
Administration Guide, Figures 7-3 to 7-5)::

    domain ─has→ interface ─is→ vnet ─bound→ vsw ─backed-by→ nic
    group ─member→ interface           vsw ─served-by→ domain (its service domain)
    domain ─owns→ vnet                 nic ─in→ domain
    interface ─plumbs→ vsw  (a vsw plumbed in its own service domain, Figure 7-5)
"""

from __future__ import annotations

import enum


class NodeKind(str, enum.Enum):
    """What a node stands for."""

    DOMAIN = "domain"
    GROUP = "group"
    INTERFACE = "interface"
    VNET = "vnet"
    VSW = "vsw"
    NIC = "nic"


class EdgeKind(str, enum.Enum):
    """How two nodes are linked (tail above head on the data path)."""

    HAS = "has"
    MEMBER = "member"
    OWNS = "owns"
    IS = "is"
    PLUMBS = "plumbs"
    BOUND = "bound"
    BACKED_BY = "backed-by"
    SERVED_BY = "served-by"
    IN = "in"


#: The edges a packet follows out of the server: from an interface to the vnet it is
#: (or the vsw it plumbs), the vsw, the NIC behind it and the domain that serves both.
#: ``has``, ``member`` and ``owns`` are containment, not data path.
DOWN = frozenset({EdgeKind.IS, EdgeKind.PLUMBS, EdgeKind.BOUND, EdgeKind.BACKED_BY, EdgeKind.SERVED_BY, EdgeKind.IN})
