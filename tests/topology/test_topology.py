"""The topology graph and vnet matching (MAC first, then network@N ↔ vnetN)."""

from __future__ import annotations

import attrs

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
from ipmplint.topology import NodeId, NodeKind
from ipmplint.topology.kinds import DOWN

S = Source("f")


def server(guest_interfaces: list[LogicalInterface]) -> Server:
    vsw0 = VirtualSwitch("primary-vsw0", "primary", S, net_dev="e1000g0", device="switch@0")
    vsw1 = VirtualSwitch("alt-vsw0", "alternate", S, net_dev=None, device="switch@0")
    vnets = (
        VirtualNetwork(
            "vnet0", "ldg1", "primary-vsw0", S, service_domain="primary", device="network@0", mac="00:14:4f:f8:91:4f"
        ),
        VirtualNetwork(
            "vnet1", "ldg1", "alt-vsw0", S, service_domain="alternate", device="network@1", mac="00:14:4f:f8:dd:68"
        ),
    )
    ldm = LdmListing(
        S,
        domains=(
            LdmDomain("primary", S, flags="-n-cv", vswitches=(vsw0,)),
            LdmDomain("alternate", S, flags="-n--v", vswitches=(vsw1,)),
            LdmDomain("ldg1", S, vnets=vnets),
        ),
    )
    members = tuple(GroupMember(i.device, S) for i in guest_interfaces if i.group)
    guest = DomainCapture(
        "ldg1",
        "ldg1",
        ifconfig=IfconfigCapture(S, tuple(guest_interfaces)),
        runtime_groups=(IpmpGroup("ipmp0", "ldg1", "runtime", S, members),),
    )
    return Server("s", "s", ldm=ldm, domains=(guest,))


def lif(name, mac=None):
    return LogicalInterface(name, S, flags=frozenset({"IPv4", "UP"}), mac=mac, group="ipmp0")


def test_the_topology_follows_the_data_path():
    topo = topology.build(server([lif("vnet0", "0:14:4f:f8:91:4f"), lif("vnet1")]))
    assert topo.unmatched == () and topo.unplaced == ()
    vnet0 = topo.vnet_of("ldg1", "vnet0")
    assert (vnet0.name, topo.vsw_of(vnet0).name) == ("vnet0", "primary-vsw0")
    assert topo.vnet_of("ldg1", "vnet1").name == "vnet1"  # by instance: no MAC captured
    path = topo.path_of("ldg1", "vnet0")
    assert [str(n) for n in path.nodes] == [
        "interface:ldg1/vnet0",
        "vnet:ldg1/vnet0",
        "vsw:primary/primary-vsw0",
        "domain:primary",
        "nic:primary/e1000g0",
    ]
    assert [str(n) for n in topo.path_of("ldg1", "vnet1").below] == [
        "vnet:ldg1/vnet1",
        "vsw:alternate/alt-vsw0",
        "domain:alternate",
    ]  # no net-dev: no NIC
    assert str(topo.group_of(NodeId.of_interface("ldg1", "vnet1"))) == "group:ldg1/ipmp0"
    assert {n.kind for n in topo.nodes()} == set(NodeKind)


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


def test_the_search_graph_holds_every_node_and_only_the_data_path_edges():
    """``down_graph`` (networkx, for searches) is built from the adjacency index: the
    same nodes in the same order, each data-path edge with its kind, and no containment."""
    topo = topology.build(server([lif("vnet0", "0:14:4f:f8:91:4f"), lif("vnet1", "0:14:4f:f8:dd:68")]))
    g = topo.down_graph()
    assert list(g.nodes) == list(topo.nodes())
    assert {(t, h): k for t, h, k in g.edges(data="kind")} == {(t, h): k for t, h, k in topo.index.edges() if k in DOWN}
    assert all(k in DOWN for _, _, k in g.edges(data="kind"))
    assert topo.down_graph() is g  # built once


def test_without_ldm_a_virtual_interface_is_unplaced_not_unmatched():
    s = server([lif("vnet0", "0:14:4f:f8:91:4f"), lif("e1000g0")])
    topo = topology.build(attrs.evolve(s, ldm=None))
    assert topo.unmatched == ()
    assert [(u.domain, u.interface) for u in topo.unplaced] == [("ldg1", "vnet0")]
    assert topo.path_of("ldg1", "vnet0").incomplete == topo.unplaced[0].reason
    assert topo.path_of("ldg1", "e1000g0").exit == "ldg1"
