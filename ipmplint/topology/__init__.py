"""Each server's virtual network topology: a graph (networkx, built when drawn).

Nodes (attribute ``kind``): ``domain``, ``group``, ``interface``, ``vnet``, ``vsw``,
``nic``. Edges point down the data path, the way the Oracle guides draw it::

    domain ─has→ interface ─is→ vnet ─bound→ vsw ─backed-by→ nic
    group ─member→ interface           vsw ─served-by→ domain (its service domain)
                                       nic ─in→ domain

Guest interfaces are matched to ldm vnets by MAC first (Solaris prints ``0:14:4f:…``
for ldm's ``00:14:4f:…``), then by device instance (``vnetN`` ↔ ``network@N``). An
interface that looks virtual but matches nothing is listed in ``unmatched`` with the
reason: it is reported (IPMP105), never guessed.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Iterable, Optional

import attrs

from ipmplint.model import addressing
from ipmplint.model import DomainCapture, IpmpGroup, LdmDomain, Server, VirtualNetwork, VirtualSwitch

if TYPE_CHECKING:
    import networkx as nx

_VNET_NAME = re.compile(r"^vnet(\d+)$")
_VSW_NAME = re.compile(r"^vsw(\d+)$")


def domain_node(domain: str) -> str:
    return f"domain:{domain}"


def group_node(domain: str, group: str) -> str:
    return f"group:{domain}/{group}"


def interface_node(domain: str, interface: str) -> str:
    return f"interface:{domain}/{interface}"


def vnet_node(domain: str, vnet: str) -> str:
    return f"vnet:{domain}/{vnet}"


def vsw_node(domain: str, vsw: str) -> str:
    return f"vsw:{domain}/{vsw}"


def nic_node(domain: str, nic: str) -> str:
    return f"nic:{domain}/{nic}"


@attrs.frozen
class Unmatched:
    """A domain interface that should be a vnet but matches none in ``ldm``."""

    domain: str
    interface: str
    reason: str


class Links:
    """The topology's nodes and edges as plain dicts, in the order ``build`` adds them.

    The rules only ask which nodes an edge of some kind leads to or from — no graph
    search — and importing networkx costs a one-server run about a third of its time,
    so the rules read these dicts (the part of ``networkx.DiGraph``'s interface they
    use: ``in``, ``nodes[n]``, ``edges[u, v]``, ``successors``, ``predecessors``) and
    ``Topology.graph`` builds the networkx graph only when something draws or searches
    it. Every change is also kept in order, so that graph is node for node, edge for
    edge and attribute for attribute the one ``build`` would have made with networkx.
    """

    def __init__(self) -> None:
        self.nodes: dict[str, dict] = {}
        self.edges: dict[tuple[str, str], dict] = {}
        self._succ: dict[str, dict[str, None]] = {}
        self._pred: dict[str, dict[str, None]] = {}
        self.changes: list[tuple[str, Optional[str], dict]] = []

    def __contains__(self, node: str) -> bool:
        return node in self.nodes

    def _node(self, node: str) -> None:
        if node not in self.nodes:
            self.nodes[node] = {}
            self._succ[node] = {}
            self._pred[node] = {}

    def add_node(self, node: str, **attributes) -> None:
        """A node, or more attributes of one (as ``DiGraph.add_node``)."""
        self._node(node)
        self.nodes[node].update(attributes)
        self.changes.append((node, None, attributes))

    def add_edge(self, tail: str, head: str, **attributes) -> None:
        """An edge (its nodes added when new), or more attributes of one."""
        self._node(tail)
        self._node(head)
        self.edges.setdefault((tail, head), {}).update(attributes)
        self._succ[tail][head] = None
        self._pred[head][tail] = None
        self.changes.append((tail, head, attributes))

    def successors(self, node: str):
        return iter(self._succ[node])

    def predecessors(self, node: str):
        return iter(self._pred[node])

    def digraph(self) -> "nx.DiGraph":
        """The same graph in networkx, built by the same changes in the same order."""
        import networkx as nx

        g = nx.DiGraph()
        for tail, head, attributes in self.changes:
            if head is None:
                g.add_node(tail, **attributes)
            else:
                g.add_edge(tail, head, **attributes)
        return g


@attrs.frozen
class Topology:
    """The graph of one server plus the matching it could not make."""

    links: Links
    unmatched: tuple[Unmatched, ...] = ()
    #: The networkx graph, once built (``graph``).
    _graph: list = attrs.field(factory=lambda: [None], init=False, eq=False, repr=False)

    @property
    def graph(self) -> "nx.DiGraph":
        """The topology as a networkx graph (for drawing and graph searches), built once."""
        if self._graph[0] is None:
            self._graph[0] = self.links.digraph()
        return self._graph[0]

    # -- questions rules ask ---------------------------------------------------------

    def vnet_of(self, domain: str, interface: str) -> Optional[VirtualNetwork]:
        """The ldm vnet a domain interface is, or None."""
        node = interface_node(domain, interface)
        if node not in self.links:
            return None
        for succ in self.links.successors(node):
            if self.links.nodes[succ]["kind"] == "vnet":
                return self.links.nodes[succ]["obj"]
        return None

    def vsw_of(self, vnet: VirtualNetwork) -> Optional[VirtualSwitch]:
        """The vsw a vnet is bound to, when ldm lists it."""
        node = vnet_node(vnet.domain, vnet.name)
        for succ in self.links.successors(node) if node in self.links else ():
            if self.links.nodes[succ]["kind"] == "vsw":
                return self.links.nodes[succ]["obj"]
        return None

    def unmatched_in(self, domain: str) -> tuple[Unmatched, ...]:
        return tuple(u for u in self.unmatched if u.domain == domain)

    def is_unmatched(self, domain: str, interface: str) -> Optional[Unmatched]:
        return next((u for u in self.unmatched if u.domain == domain and u.interface == interface), None)


def build(server: Server) -> Topology:
    """The topology of one server. Needs the ``ldm`` capture for vnets and vsws; without
    it the graph holds only domains, groups and interfaces."""
    g = Links()
    unmatched: list[Unmatched] = []
    ldm = server.ldm

    if ldm is not None:
        for d in ldm.domains:
            _add_domain(g, d.name, d)
        for vsw in ldm.vswitches:
            node = vsw_node(vsw.domain, vsw.name)
            g.add_node(node, kind="vsw", name=vsw.name, domain=vsw.domain, obj=vsw, source=vsw.source)
            g.add_edge(node, domain_node(vsw.domain), kind="served-by")
            if vsw.net_dev:
                nic = nic_node(vsw.domain, vsw.net_dev)
                g.add_node(nic, kind="nic", name=vsw.net_dev, domain=vsw.domain)
                g.add_edge(node, nic, kind="backed-by")
                g.add_edge(nic, domain_node(vsw.domain), kind="in")
        for vnet in ldm.vnets:
            node = vnet_node(vnet.domain, vnet.name)
            g.add_node(node, kind="vnet", name=vnet.name, domain=vnet.domain, obj=vnet, source=vnet.source)
            g.add_edge(domain_node(vnet.domain), node, kind="owns")
            served = _vsw_for(ldm.vswitches, vnet)
            if served is not None:
                g.add_edge(node, vsw_node(served.domain, served.name), kind="bound")

    for dc in server.domains:
        _add_domain(g, dc.name, None)
        ldm_domain = ldm.domain(dc.name) if ldm is not None else None
        for interface in _interfaces(dc):
            inode = interface_node(dc.name, interface)
            g.add_node(inode, kind="interface", name=interface, domain=dc.name)
            g.add_edge(domain_node(dc.name), inode, kind="has")
            if ldm is None:
                continue
            vnet, reason = _match(dc, interface, ldm_domain)
            if vnet is not None:
                g.add_edge(inode, vnet_node(vnet.domain, vnet.name), kind="is")
            elif reason is not None:
                unmatched.append(Unmatched(dc.name, interface, reason))
            vsw = _plumbed_vsw(interface, ldm_domain) or _plumbed_vsw(dladm_device(dc, interface), ldm_domain)
            if vsw is not None:
                g.add_edge(inode, vsw_node(vsw.domain, vsw.name), kind="plumbs")
        for group in dc.groups:
            gnode = group_node(dc.name, group.name)
            g.add_node(gnode, kind="group", name=group.name, domain=dc.name, obj=group, source=group.source)
            g.add_edge(domain_node(dc.name), gnode, kind="has")
            for member in group.members:
                g.add_edge(gnode, interface_node(dc.name, member.interface), kind="member")
    return Topology(links=g, unmatched=tuple(unmatched))


def _add_domain(g: Links, name: str, ldm_domain: Optional[LdmDomain]) -> None:
    node = domain_node(name)
    if node not in g:
        g.add_node(node, kind="domain", name=name, obj=ldm_domain)
    elif ldm_domain is not None:
        g.add_node(node, obj=ldm_domain)


def _interfaces(dc: DomainCapture) -> list[str]:
    """Physical interface names of a domain: from ifconfig (and ipadm) if captured, else
    from /etc/hostname.*, and every group member."""
    names: dict[str, None] = {}
    if dc.ifconfig is not None:
        for lif in dc.ifconfig.interfaces:
            if "LOOPBACK" not in lif.flags and lif.device != "lo0":
                names.setdefault(lif.device)
    if dc.ipadm is not None:  # Solaris 11 without ifconfig: the IP interfaces ipadm lists
        for iface in dc.ipadm.interfaces:
            if iface.iclass not in ("loopback", "ipmp") and iface.name != "lo0":
                names.setdefault(iface.name)
    if not dc.runtime_captured:  # no runtime capture: what /etc/hostname.* plumbs at boot
        for hf in dc.hostname_files:
            names.setdefault(hf.interface)
    for group in dc.groups:
        for member in group.members:
            names.setdefault(member.interface)
    return list(names)


def _mac_of(dc: DomainCapture, interface: str) -> Optional[str]:
    if dc.ifconfig is None:
        return None
    for lif in dc.ifconfig.interfaces:
        if lif.device == interface and lif.mac:
            mac = addressing.normalize_mac(lif.mac)
            if mac:
                return mac
    return None


def _match(
    dc: DomainCapture, interface: str, ldm_domain: Optional[LdmDomain]
) -> tuple[Optional[VirtualNetwork], Optional[str]]:
    """The vnet a domain interface is, or why it cannot be told (None when it is no vnet)."""
    vnets = ldm_domain.vnets if ldm_domain is not None else ()
    mac = _mac_of(dc, interface)
    if mac is not None:
        for vnet in vnets:
            if addressing.normalize_mac(vnet.mac) == mac:
                return vnet, None
    m = _VNET_NAME.match(interface) or _VNET_NAME.match(dladm_device(dc, interface))  # net0 → vnet0 (S11)
    if m is None:
        return None, None  # a physical NIC, a plumbed vsw, an IPMP interface: not a vnet
    if ldm_domain is None:
        return None, f"domain {dc.name} is not in the ldm capture"
    instance = int(m.group(1))
    by_instance = [v for v in vnets if v.instance == instance]
    if mac is not None and by_instance:
        return None, (
            f"{interface} has MAC {mac}, which no vnet of {dc.name} has in ldm "
            f"(network@{instance} is {by_instance[0].name} with MAC {by_instance[0].mac})"
        )
    if len(by_instance) == 1:
        return by_instance[0], None
    if not by_instance:
        return None, f"no vnet of {dc.name} in ldm has device network@{instance} or the MAC of {interface}"
    return None, f"several vnets of {dc.name} have device network@{instance}"


def _plumbed_vsw(interface: str, ldm_domain: Optional[LdmDomain]) -> Optional[VirtualSwitch]:
    """A ``vswN`` interface in a service domain is its vsw ``switch@N`` plumbed (Fig 7-5)."""
    m = _VSW_NAME.match(interface)
    if m is None or ldm_domain is None:
        return None
    for vsw in ldm_domain.vswitches:
        if vsw.device == f"switch@{m.group(1)}":
            return vsw
    return None


def dladm_device(dc: DomainCapture, interface: str) -> str:
    """Solaris 11: the DEVICE ``dladm show-phys`` gives a vanity-named link (a plumbed
    vsw shows as ``vswN``), else the interface name itself."""
    if dc.dladm is not None:
        for link in dc.dladm.links:
            if link.link == interface and link.device:
                return link.device
    return interface


def _vsw_for(vswitches: Iterable[VirtualSwitch], vnet: VirtualNetwork) -> Optional[VirtualSwitch]:
    candidates = [v for v in vswitches if v.name == vnet.service]
    if vnet.service_domain is not None:
        candidates = [v for v in candidates if v.domain == vnet.service_domain]
    return candidates[0] if len(candidates) == 1 else None


def groups_with_vnets(server: Server, topo: Topology) -> Iterable[tuple[DomainCapture, IpmpGroup]]:
    """Every group of a server that has at least one member matched to a vnet."""
    for dc in server.domains:
        for group in dc.groups:
            if any(topo.vnet_of(dc.name, m.interface) for m in group.members):
                yield dc, group
