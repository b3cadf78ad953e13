"""What to draw for one server: its topology and its findings, as a neutral scene.

The picture is the one the Logical Domains guides draw (LDoms 1.2 Administration
Guide, Figures 7-3, 7-4, 7-5): each domain a box; inside a guest its IPMP groups
(boxes around their member interfaces, labelled with test addresses and probe
targets) and the ldm vnets those interfaces are; inside a service domain its virtual
switches and the physical NICs under them; one ``network`` node at the bottom that
every physical NIC reaches. Edges follow the data path downwards.

A finding marks what it is about: the topology nodes it names (``Finding.nodes``),
else its group's box, else its domain's box, else the whole server (the title). A
marked element takes the colour of its worst finding and lists the rule ids.

Everything is asked of ``ipmplint.topology.Topology`` (the graph the rules judge) and
the model objects it carries; this module decides what is drawn, how it is labelled,
grouped and coloured; the writers (``dot``, ``mermaid``) only spell a ``Scene`` out. A
scene names its elements by the text form of their topology ``NodeId`` (what
``Finding.nodes`` holds), sorted by it, so pictures and findings meet on one name.

A little over 400 lines: the scene's classes and the three steps that fill one (build,
mark, fail) read as one pass over the topology; the label texts are the steps' own.
"""

from __future__ import annotations

from collections import defaultdict
from typing import Iterable, Optional, Sequence

import attrs

from ipmplint.analysis import probing
from ipmplint.findings import Finding, Severity
from ipmplint.model import Address, DomainCapture, GroupMember, IpmpGroup, Server, VirtualNetwork, VirtualSwitch
from ipmplint.topology import EdgeKind, NodeId, NodeKind, Topology
from ipmplint.topology.matching import dladm_device

#: The colour of a finding's severity (one palette for every output format).
COLOURS = {
    Severity.ERROR: "#d62728",
    Severity.WARNING: "#ff7f0e",
    Severity.INFO: "#1f77b4",
}

#: ``ipmplint graph --fail``: a failed element (red, crossed out) and a path gone dark (grey).
FAILED_COLOUR = "#d62728"
DARK_COLOUR = "#aaaaaa"

#: The single node every physical NIC connects to.
NETWORK = "network"

#: Shapes, in neutral words each writer maps to its own.
SHAPES = {
    "interface": "box",
    "vnet": "rounded",
    "vsw": "hexagon",
    "nic": "cylinder",
    "network": "ellipse",
    "note": "plain",
}

#: How many addresses an interface label lists before "+N more".
MAX_ADDRESSES = 3

#: IPMP state flags worth showing on a member interface.
_MEMBER_FLAGS = ("STANDBY", "INACTIVE", "FAILED", "OFFLINE")


@attrs.frozen
class Alarm:
    """The findings on one element: the worst severity and every rule id."""

    severity: Severity
    rules: tuple[str, ...]

    @property
    def colour(self) -> str:
        return COLOURS[self.severity]


@attrs.frozen
class Cluster:
    """A box around other elements: a domain, or an IPMP group inside one."""

    id: str
    kind: str
    label: tuple[str, ...]
    parent: Optional[str] = None
    alarm: Optional[Alarm] = None
    #: ``ipmplint graph --fail``: this domain is the failed service domain.
    failed: bool = False

    @property
    def lines(self) -> tuple[str, ...]:
        return _with_rules(("X FAILED",) + self.label if self.failed else self.label, self.alarm)


@attrs.frozen
class Node:
    """One drawn device: an interface, vnet, vsw, NIC, the network, or a note."""

    id: str
    kind: str
    label: tuple[str, ...]
    cluster: Optional[str] = None
    alarm: Optional[Alarm] = None
    #: Drawn dashed: something ldm names but does not list (a vnet's unknown vsw).
    dashed: bool = False
    #: ``ipmplint graph --fail``: the element failed (crossed out), or its path went dark.
    failed: bool = False
    dark: bool = False

    @property
    def shape(self) -> str:
        return SHAPES[self.kind]

    @property
    def lines(self) -> tuple[str, ...]:
        return _with_rules(("X FAILED",) + self.label if self.failed else self.label, self.alarm)


@attrs.frozen
class Edge:
    """A drawn edge, pointing down the data path (``tail`` above ``head``)."""

    tail: str
    head: str
    kind: str
    label: str = ""
    dashed: bool = False
    #: ``ipmplint graph --fail``: a path that went dark.
    dark: bool = False


@attrs.frozen
class Scene:
    """Everything to draw for one server, in a deterministic order: clusters parents
    first (guest domains, then service domains), nodes and edges sorted."""

    server: str
    title: tuple[str, ...]
    clusters: tuple[Cluster, ...] = ()
    nodes: tuple[Node, ...] = ()
    edges: tuple[Edge, ...] = ()
    #: Findings about no element of the picture (a parse warning, say): on the title.
    alarm: Optional[Alarm] = None

    @property
    def title_lines(self) -> tuple[str, ...]:
        return _with_rules(self.title, self.alarm)

    def children(self, cluster: Optional[str]) -> tuple[tuple[Cluster, ...], tuple[Node, ...]]:
        """The clusters and nodes directly inside ``cluster`` (None: the top level)."""
        return (
            tuple(c for c in self.clusters if c.parent == cluster),
            tuple(n for n in self.nodes if n.cluster == cluster),
        )

    @property
    def elements(self) -> tuple[Cluster | Node, ...]:
        """The clusters, then the nodes."""
        return (*self.clusters, *self.nodes)

    @property
    def marked(self) -> tuple[Cluster | Node, ...]:
        """Every element a finding colours."""
        return tuple(e for e in self.elements if e.alarm is not None)


def build(server: Server, topology: Topology, findings: Sequence[Finding] = ()) -> Scene:
    """The scene of one server from its topology and the findings of its check."""
    clusters = _clusters(server, topology)
    nodes = _devices(server, topology)
    edges = _data_path(topology)
    _unknown_vswitches(topology, nodes, edges, clusters)
    _uplinks(server, topology, nodes, edges, {(u.domain, u.interface) for u in topology.unmatched})
    for cluster in clusters.values():
        empty = not any(c.parent == cluster.id for c in clusters.values()) and not any(
            n.cluster == cluster.id for n in nodes.values()
        )
        if empty:  # a domain with no device: say so rather than draw nothing
            note = f"note:{cluster.id}"
            nodes[note] = Node(note, "note", ("no network device captured",), cluster.id)
    scene = Scene(
        server.name,
        (server.name,),
        tuple(clusters.values()),
        tuple(sorted(nodes.values(), key=_node_key)),
        tuple(sorted(edges, key=lambda e: (e.tail, e.head, e.kind))),
    )
    return mark(scene, findings)


def fail(scene: Scene, failed: Iterable[NodeId], dark: Iterable[NodeId]) -> Scene:
    """The scene with failed elements crossed out (topology nodes ``failed``: a vsw, a
    NIC, a vnet, or a service domain's cluster) and every path that went dark marked
    (``dark``: the nodes of the paths ipmplint.simulation found lost)."""
    crossed, gone = set(map(str, failed)), set(map(str, dark))
    out = crossed | gone
    down = {c.id for c in scene.clusters if c.id in crossed}
    down |= {c.id for c in scene.clusters if c.parent in down}
    nodes = tuple(
        attrs.evolve(n, failed=n.id in crossed or n.cluster in down, dark=n.id in gone and n.id not in crossed)
        for n in scene.nodes
    )
    lost = {n.id for n in nodes if n.failed or n.dark}
    edges = tuple(attrs.evolve(e, dark=e.tail in lost and (e.head in lost or e.head in out)) for e in scene.edges)
    clusters = tuple(attrs.evolve(c, failed=c.id in crossed) for c in scene.clusters)
    return attrs.evolve(scene, clusters=clusters, nodes=nodes, edges=edges)


def _clusters(server: Server, topo: Topology) -> dict[str, Cluster]:
    """A box per domain (guests first, then service domains; by name) and per group."""
    service = topo.service_domains()
    domains = sorted(topo.nodes(NodeKind.DOMAIN), key=lambda n: (n.name in service, n.name))
    clusters = {
        str(d): Cluster(str(d), "domain", _domain_label(topo, d, service, server.ldm is not None)) for d in domains
    }
    for node in sorted(topo.nodes(NodeKind.GROUP), key=str):
        label = _group_label(topo.object_of(node), server.domain(node.domain))
        clusters[str(node)] = Cluster(str(node), "group", label, parent=str(NodeId.of_domain(node.domain)))
    return clusters


def _devices(server: Server, topo: Topology) -> dict[str, Node]:
    """A node per interface (in its group's box, else its domain's), vnet, vsw and NIC
    (in their domain's box)."""
    nodes: dict[str, Node] = {}
    drawn = (NodeKind.INTERFACE, NodeKind.VNET, NodeKind.VSW, NodeKind.NIC)
    for n in sorted((n for n in topo.nodes() if n.kind in drawn), key=str):
        cluster = str(NodeId.of_domain(n.domain))
        if n.kind is NodeKind.INTERFACE:
            label = _interface_label(n.name, server.domain(n.domain))
            group = topo.group_of(n)
            cluster = str(group) if group is not None else cluster
        elif n.kind is NodeKind.VNET:
            label = _vnet_label(topo.object_of(n))
        elif n.kind is NodeKind.VSW:
            label = _vsw_label(topo.object_of(n))
        else:
            label = (n.name,)
        nodes[str(n)] = Node(str(n), n.kind.value, label, cluster)
    return nodes


def _data_path(topo: Topology) -> set[Edge]:
    """The graph's edges down the data path; containment (domain, group) is drawn as boxes."""
    edges: set[Edge] = set()
    for tail, head, kind in topo.data_path():
        if kind is EdgeKind.PLUMBS:
            # A vsw plumbed as an interface of its own domain (Fig 7-5): the data path
            # goes from the vsw up into that domain's IP stack.
            edges.add(Edge(str(head), str(tail), kind.value, "plumbed"))
        else:
            edges.add(Edge(str(tail), str(head), kind.value))
    return edges


# ----------------------------------------------------------------- findings


def mark(scene: Scene, findings: Iterable[Finding]) -> Scene:
    """The scene with each finding coloured onto the element it is about (and only
    those: marks of an earlier call are replaced, so a report can mark a scene again
    with the findings left after its baseline)."""
    clusters = {c.id for c in scene.clusters}
    nodes = {n.id for n in scene.nodes}
    on: dict[Optional[str], list[Finding]] = defaultdict(list)
    for f in findings:
        targets: list[Optional[str]] = [n for n in f.nodes if n in clusters or n in nodes]
        if not targets and f.group and f.domain and str(NodeId.of_group(f.domain, f.group)) in clusters:
            targets = [str(NodeId.of_group(f.domain, f.group))]
        if not targets and f.domain and str(NodeId.of_domain(f.domain)) in clusters:
            targets = [str(NodeId.of_domain(f.domain))]
        for target in targets or [None]:
            on[target].append(f)
    return attrs.evolve(
        scene,
        clusters=tuple(attrs.evolve(c, alarm=_alarm(on.get(c.id))) for c in scene.clusters),
        nodes=tuple(attrs.evolve(n, alarm=_alarm(on.get(n.id))) for n in scene.nodes),
        alarm=_alarm(on.get(None)),
    )


def _alarm(findings: Optional[list[Finding]]) -> Optional[Alarm]:
    if not findings:
        return None
    worst = max(findings, key=lambda f: f.severity.rank).severity
    return Alarm(worst, tuple(sorted({f.rule_id for f in findings})))


def _with_rules(label: tuple[str, ...], alarm: Optional[Alarm]) -> tuple[str, ...]:
    return label if alarm is None else (*label, " ".join(alarm.rules))


# ----------------------------------------------------------------- layout


def _node_key(node: Node) -> tuple:
    order = ("interface", "vnet", "vsw", "nic", "note", "network")
    return (order.index(node.kind), node.id)


def _unknown_vswitches(topo: Topology, nodes: dict[str, Node], edges: set[Edge], clusters: dict[str, Cluster]) -> None:
    """A vnet bound to a vsw that ldm does not list: drawn dashed, under the topology's
    id for it (IPMP101 names that id), in its service domain when that is known."""
    for vnet in sorted(topo.unbound_vnets(), key=lambda v: str(NodeId.of_vnet(v.domain, v.name))):
        target = str(NodeId.of_vsw(vnet.service_domain or "", vnet.service))
        if target not in nodes:
            home = str(NodeId.of_domain(vnet.service_domain)) if vnet.service_domain else None
            where = f"{vnet.service}@{vnet.service_domain}" if vnet.service_domain else vnet.service
            nodes[target] = Node(
                target, "vsw", (where, "not in ldm's VSW list"), home if home in clusters else None, dashed=True
            )
        edges.add(Edge(str(NodeId.of_vnet(vnet.domain, vnet.name)), target, "bound", dashed=True))


def _uplinks(
    server: Server, topo: Topology, nodes: dict[str, Node], edges: set[Edge], unmatched: set[tuple[str, str]]
) -> None:
    """Edges to the network: from every NIC under a vsw, and from every interface that
    is a domain's own NIC (neither a vnet, nor a plumbed vsw, nor a vnet left unmatched,
    nor a Solaris 11 IPMP interface); an interface that is the NIC under a vsw is drawn
    onto it. A vsw without a NIC that its domain plumbs is routed by that domain (Fig
    7-5): a dashed edge to each of the domain's own NICs says so."""
    up = [n for n in sorted(nodes) if nodes[n].kind == "nic"]
    own: dict[str, list[str]] = defaultdict(list)
    for n in sorted(topo.nodes(NodeKind.INTERFACE), key=str):
        domain, name = n.domain, n.name
        if topo.vnet_of(domain, name) is not None or topo.plumbed_vsw(domain, name) is not None:
            continue
        if (domain, name) in unmatched or _is_ipmp_interface(server, domain, name):
            continue
        nic = _nic_under_vsw(server, nodes, domain, name)
        if nic is not None:
            edges.add(Edge(str(n), nic, "is"))
        else:
            up.append(str(n))
            own[domain].append(str(n))
    for uplink in up:
        edges.add(Edge(uplink, NETWORK, "uplink"))
    if up:
        nodes[NETWORK] = Node(NETWORK, "network", ("network",))
    for interface, vsw, kind in topo.data_path():
        if kind is EdgeKind.PLUMBS and not topo.object_of(vsw).net_dev:
            for target in own.get(interface.domain, ()):
                edges.add(Edge(str(interface), target, "routed", "routed", dashed=True))


def _nic_under_vsw(server: Server, nodes: dict[str, Node], domain: str, name: str) -> Optional[str]:
    """The NIC node a domain's interface is, when a vsw is backed by it (Solaris 11: by
    the link's dladm DEVICE as well as by its name)."""
    dc = server.domain(domain)
    for candidate in (name, dladm_device(dc, name) if dc is not None else name):
        if str(NodeId.of_nic(domain, candidate)) in nodes:
            return str(NodeId.of_nic(domain, candidate))
    return None


def _is_ipmp_interface(server: Server, domain: str, name: str) -> bool:
    """A Solaris 11 IPMP interface (flag IPMP): the group's face, not a NIC."""
    dc = server.domain(domain)
    if dc is None or dc.ifconfig is None:
        return False
    return any(lif.device == name and "IPMP" in lif.flags for lif in dc.ifconfig.interfaces)


# ----------------------------------------------------------------- labels


def _domain_label(topo: Topology, node: NodeId, service: frozenset[str], ldm: bool) -> tuple[str, ...]:
    obj = topo.object_of(node)
    control = obj is not None and obj.flags is not None and len(obj.flags) >= 4 and obj.flags[3] == "c"
    if not ldm:
        role = "host"
    elif node.name in service:
        role = "control and service domain" if control else "service domain"
    else:
        role = "control domain" if control else "guest domain"
    return (node.name, role)


def _group_label(group: IpmpGroup, dc: Optional[DomainCapture]) -> tuple[str, ...]:
    """The group's name, its test addresses and the probe targets in.mpathd can find
    (``ipmplint.analysis.probing``, the answer IPMP202 judges)."""
    lines = [f"IPMP group {group.name}"]
    tests = [a.text for a in group.test_addresses if not a.unspecified]
    if not tests:
        transitive = dc is not None and probing.transitive(dc) is not None
        lines.append("transitive probing (no test addresses)" if transitive else "link-based (no test addresses)")
        return tuple(lines)
    lines.append("test addresses: " + ", ".join(tests))
    if dc is None or dc.routes is None:
        lines.append("probe targets: unknown (no netstat -rn)")
    else:
        targets = [str(t.address) for t in probing.probing(dc, group).all_targets]
        lines.append("probe targets: " + (", ".join(targets) if targets else "none on the test subnet"))
    return tuple(lines)


def _interface_label(name: str, dc: Optional[DomainCapture]) -> tuple[str, ...]:
    lines = [name]
    member = _member(dc, name)
    if member is not None:
        addresses = member.data_addresses
        flags = [f.lower() for f in _MEMBER_FLAGS if f in member.flags]
    else:
        addresses = _addresses(dc, name)
        flags = []
    texts = [a.text for a in addresses if not a.unspecified]
    if len(texts) > MAX_ADDRESSES:
        texts = [*texts[:MAX_ADDRESSES], f"+{len(texts) - MAX_ADDRESSES} more"]
    lines.extend(texts)
    if flags:
        lines.append(", ".join(flags))
    return tuple(lines)


def _member(dc: Optional[DomainCapture], interface: str) -> Optional[GroupMember]:
    if dc is None:
        return None
    return next((m for group in dc.groups for m in group.members if m.interface == interface), None)


def _addresses(dc: Optional[DomainCapture], interface: str) -> tuple[Address, ...]:
    if dc is None or dc.ifconfig is None:
        return ()
    return tuple(
        lif.address
        for lif in dc.ifconfig.interfaces
        if lif.device == interface and lif.address is not None and "NOFAILOVER" not in lif.flags
    )


def _vnet_label(vnet: VirtualNetwork) -> tuple[str, ...]:
    lines = [f"ldm {vnet.name}"]
    if vnet.device:
        lines.append(vnet.device)
    if vnet.linkprop:
        lines.append(f"linkprop={vnet.linkprop}")
    return tuple(lines)


def _vsw_label(vsw: VirtualSwitch) -> tuple[str, ...]:
    lines = [vsw.name]
    if vsw.device:
        lines.append(vsw.device)
    if not vsw.net_dev:
        lines.append("no net-dev")
    return tuple(lines)
