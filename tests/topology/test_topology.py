"""The topology graph and vnet matching (MAC first, then network@N ↔ vnetN)."""

from __future__ import annotations

from ipmplint import topology
from ipmplint.model import (
    DomainCapture,
    GroupMember,
    IfconfigCapture,
    IpmpGroup,
    LdmDomain,
    LdmListing,
    LogicalInterface,
    Server,
    Source,
    VirtualNetwork,
    VirtualSwitch,
)

S = Source("f")


def server(guest_interfaces: list[LogicalInterface]) -> Server:
    vsw0 = VirtualSwitch("primary-vsw0", "primary", S, net_dev="e1000g0", device="switch@0")
    vsw1 = VirtualSwitch("alt-vsw0", "alternate", S, net_dev=None, device="switch@0")
    vnets = (
        VirtualNetwork("vnet0", "ldg1", "primary-vsw0", S, service_domain="primary", device="network@0",
                       mac="00:14:4f:f8:91:4f"),
        VirtualNetwork("vnet1", "ldg1", "alt-vsw0", S, service_domain="alternate", device="network@1",
                       mac="00:14:4f:f8:dd:68"),
    )
    ldm = LdmListing(S, domains=(
        LdmDomain("primary", S, flags="-n-cv", vswitches=(vsw0,)),
        LdmDomain("alternate", S, flags="-n--v", vswitches=(vsw1,)),
        LdmDomain("ldg1", S, vnets=vnets),
    ))
    members = tuple(GroupMember(i.device, S) for i in guest_interfaces if i.group)
    guest = DomainCapture("ldg1", "ldg1", ifconfig=IfconfigCapture(S, tuple(guest_interfaces)),
                          runtime_groups=(IpmpGroup("ipmp0", "ldg1", "runtime", S, members),))
    return Server("s", "s", ldm=ldm, domains=(guest,))


def lif(name, mac=None):
    return LogicalInterface(name, S, flags=frozenset({"IPv4", "UP"}), mac=mac, group="ipmp0")


def test_graph_follows_the_data_path():
    topo = topology.build(server([lif("vnet0", "0:14:4f:f8:91:4f"), lif("vnet1")]))
    g = topo.graph
    assert topo.unmatched == ()
    assert g.has_edge("interface:ldg1/vnet0", "vnet:ldg1/vnet0")
    assert g.has_edge("vnet:ldg1/vnet0", "vsw:primary/primary-vsw0")
    assert g.has_edge("vsw:primary/primary-vsw0", "nic:primary/e1000g0")
    assert g.has_edge("vsw:primary/primary-vsw0", "domain:primary")
    assert g.has_edge("group:ldg1/ipmp0", "interface:ldg1/vnet1")
    assert g.has_edge("interface:ldg1/vnet1", "vnet:ldg1/vnet1")  # by instance: no MAC captured
    assert not any(g.nodes[n]["kind"] == "nic" for n in g.successors("vsw:alternate/alt-vsw0"))
    assert {g.nodes[n]["kind"] for n in g} == {"domain", "group", "interface", "vnet", "vsw", "nic"}


def test_mac_beats_instance():
    # Solaris 10 may number vnet instances differently from network@N: the MAC decides.
    topo = topology.build(server([lif("vnet0", "0:14:4f:f8:dd:68"), lif("vnet1", "0:14:4f:f8:91:4f")]))
    assert topo.vnet_of("ldg1", "vnet0").name == "vnet1"
    assert topo.vnet_of("ldg1", "vnet1").name == "vnet0"


def test_unmatched_interface_is_reported_not_guessed():
    topo = topology.build(server([lif("vnet0", "0:14:4f:f8:91:4f"), lif("vnet1", "0:14:4f:0:0:1"), lif("vnet7")]))
    reasons = {u.interface: u.reason for u in topo.unmatched}
    assert set(reasons) == {"vnet1", "vnet7"}
    assert "0:14:4f:0:0:1" not in reasons["vnet1"] and "00:14:4f:00:00:01" in reasons["vnet1"]
    assert "network@7" in reasons["vnet7"]
    assert topo.vnet_of("ldg1", "vnet1") is None


def test_physical_nics_are_not_vnets():
    topo = topology.build(server([lif("e1000g0", "0:14:4f:a2:30:10")]))
    assert topo.unmatched == () and topo.vnet_of("ldg1", "e1000g0") is None


def test_the_networkx_graph_is_the_links_node_for_node_and_edge_for_edge():
    """``Topology.graph`` (drawing) is built from the links the rules read: same nodes,
    edges and attributes, in the same order, a domain's ldm object added later included."""
    topo = topology.build(server([
        lif("vnet0", "0:14:4f:f8:91:4f"),
        lif("vnet1", "0:14:4f:f8:dd:68"),
    ]))
    g = topo.graph
    assert list(g.nodes(data=True)) == list(topo.links.nodes.items())
    assert list(g.edges) == [(n, m) for n in topo.links.nodes for m in topo.links.successors(n)]
    assert set(g.edges) == set(topo.links.edges)
    assert all(g.edges[edge] == data for edge, data in topo.links.edges.items())
    assert all(list(g.successors(n)) == list(topo.links.successors(n)) for n in g)
    assert all(list(g.predecessors(n)) == list(topo.links.predecessors(n)) for n in g)
    assert topo.graph is g  # built once

