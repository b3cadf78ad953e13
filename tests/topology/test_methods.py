"""Each question ``Topology`` answers, asked of real-shaped captures (fixtures/): the
Oracle guides' Figures 7-3 (two vsws in one service domain), 7-4 (a vsw in each of
two service domains) and 7-5 (IPMP in the service domain, its vsw plumbed), and the
rule fixtures that need one more shape."""

from __future__ import annotations

import attrs
from topology_captures import load, with_vnet_service

from ipmplint import topology
from ipmplint.topology import EdgeKind, NodeId, NodeKind

FIG_7_3 = "fig-7-3-two-vsw-one-service-domain"
FIG_7_4 = "fig-7-4-vsw-in-two-service-domains"
FIG_7_5 = "fig-7-5-ipmp-in-service-domain"


def build(fixture: str):
    server = load(fixture)
    return server, topology.build(server)


def names(nodes) -> list[str]:
    return [str(n) for n in nodes]


def test_a_node_id_is_typed_and_its_text_is_the_name_outputs_use():
    assert str(NodeId.of_domain("primary")) == "domain:primary"
    assert str(NodeId.of_group("ldg1", "ipmp0")) == "group:ldg1/ipmp0"
    assert str(NodeId.of_interface("ldg1", "vnet0")) == "interface:ldg1/vnet0"
    assert str(NodeId.of_vnet("ldg1", "vnet0")) == "vnet:ldg1/vnet0"
    assert str(NodeId.of_vsw("primary", "primary-vsw0")) == "vsw:primary/primary-vsw0"
    assert str(NodeId.of_nic("primary", "e1000g0")) == "nic:primary/e1000g0"
    vsw = NodeId.of_vsw("primary", "primary-vsw0")
    assert (vsw.kind, vsw.domain, vsw.name) == (NodeKind.VSW, "primary", "primary-vsw0")
    assert vsw == NodeId.of_vsw("primary", "primary-vsw0") and vsw != NodeId.of_vnet("primary", "primary-vsw0")
    assert len({vsw, NodeId.of_vsw("primary", "primary-vsw0")}) == 1


def test_nodes_in_the_order_they_were_met_and_by_kind():
    _, topo = build(FIG_7_4)
    assert names(topo.nodes(NodeKind.DOMAIN)) == ["domain:primary", "domain:alternate", "domain:ldg1"]
    assert names(topo.nodes(NodeKind.VSW)) == ["vsw:primary/primary-vsw0", "vsw:alternate/alternate-vsw0"]
    assert names(topo.nodes(NodeKind.NIC)) == ["nic:primary/e1000g0", "nic:alternate/nxge0"]
    assert NodeId.of_vnet("ldg1", "vnet1") in topo and NodeId.of_vnet("ldg1", "vnet9") not in topo
    assert len(list(topo.nodes())) == sum(len(list(topo.nodes(k))) for k in NodeKind)


def test_object_of_is_the_model_object_a_node_stands_for():
    server, topo = build(FIG_7_4)
    assert topo.object_of(NodeId.of_domain("alternate")) is server.ldm.domain("alternate")
    assert topo.object_of(NodeId.of_vsw("alternate", "alternate-vsw0")) is server.ldm.domain("alternate").vswitches[0]
    assert topo.object_of(NodeId.of_group("ldg1", "ipmp0")) is server.domain("ldg1").groups[0]
    assert topo.object_of(NodeId.of_interface("ldg1", "vnet0")) is None  # a name, no object


def test_interfaces_of_a_domain_in_capture_order():
    _, topo = build(FIG_7_5)
    assert topo.interfaces("primary") == ["e1000g0", "e1000g1", "vsw0"]
    assert topo.interfaces("ldg1") == ["vnet0"]
    assert topo.interfaces("nowhere") == []


def test_vnet_of_and_vsw_of_follow_one_edge_each():
    _, topo = build(FIG_7_4)
    vnet1 = topo.vnet_of("ldg1", "vnet1")
    assert (vnet1.domain, vnet1.name, vnet1.service) == ("ldg1", "vnet1", "alternate-vsw0")
    assert (topo.vsw_of(vnet1).domain, topo.vsw_of(vnet1).name) == ("alternate", "alternate-vsw0")
    assert topo.vnet_of("primary", "e1000g2") is None  # a NIC of its own
    assert topo.vnet_of("ldg1", "vnet7") is None  # no such interface


def test_a_plumbed_vsw_and_the_interfaces_that_plumb_it():
    server, topo = build(FIG_7_5)
    (vsw,) = server.ldm.vswitches
    assert topo.plumbed_vsw("primary", "vsw0") is vsw
    assert topo.plumbed_vsw("primary", "e1000g0") is None
    assert topo.plumbed_interfaces(vsw) == ("vsw0",)
    assert topo.vswitch_of("primary", "vsw0") is vsw  # the vsw it is
    assert topo.vswitch_of("ldg1", "vnet0") is vsw  # its vnet's vsw
    assert topo.vswitch_of("primary", "e1000g0") is None
    _, fig_7_4 = build(FIG_7_4)
    assert all(fig_7_4.plumbed_interfaces(v) == () for v in load(FIG_7_4).ldm.vswitches)


def test_bound_vnets_in_listing_order_and_the_interface_each_was_matched_to():
    server, topo = build("ipmp108-vswitch-overloaded")
    primary = server.ldm.domain("primary").vswitches[0]
    bound = topo.bound_vnets(primary)
    assert [(v.domain, v.name) for v in bound[:3]] == [("ldg1", "vnet0"), ("ldg2", "vnet0"), ("ldg2", "vnet1")]
    assert len(bound) == 33
    assert topo.interface_of(bound[0]) == "vnet0"  # ldg1's vnet0 is its interface vnet0
    assert topo.interface_of(bound[2]) is None  # ldg2's vnet1: ldg2 captured no such interface


def test_service_domains_are_the_domains_that_serve_a_vsw():
    assert build(FIG_7_3)[1].service_domains() == {"primary"}
    assert build(FIG_7_4)[1].service_domains() == {"primary", "alternate"}


def test_group_of_an_interface():
    _, topo = build(FIG_7_3)
    assert str(topo.group_of(NodeId.of_interface("ldg1", "vnet0"))) == "group:ldg1/ipmp0"
    assert topo.group_of(NodeId.of_interface("primary", "e1000g2")) is None


def test_the_data_path_edges_a_picture_draws():
    _, topo = build(FIG_7_5)
    assert {(str(t), str(h), k) for t, h, k in topo.data_path()} == {
        ("vnet:ldg1/vnet0", "vsw:primary/primary-vsw0", EdgeKind.BOUND),
        ("interface:ldg1/vnet0", "vnet:ldg1/vnet0", EdgeKind.IS),
        ("interface:primary/vsw0", "vsw:primary/primary-vsw0", EdgeKind.PLUMBS),
    }
    _, fig_7_3 = build(FIG_7_3)
    assert {k for _, _, k in fig_7_3.data_path()} == {EdgeKind.IS, EdgeKind.BOUND, EdgeKind.BACKED_BY}


def test_unbound_vnets_are_those_whose_vsw_ldm_does_not_list():
    server = with_vnet_service(load(FIG_7_4), "ldg1", "vnet1", "gone-vsw9")
    topo = topology.build(server)
    assert [(v.domain, v.name) for v in topo.unbound_vnets()] == [("ldg1", "vnet1")]
    assert topo.vsw_of(topo.vnet_of("ldg1", "vnet1")) is None
    assert list(build(FIG_7_4)[1].unbound_vnets()) == []


def test_unmatched_interfaces_with_the_reason():
    _, topo = build("ipmp105-vnet-not-matched")
    (lost,) = topo.unmatched
    assert (lost.domain, lost.interface, lost.reason) == (
        "ldg1",
        "vnet2",
        "no vnet of ldg1 in ldm has device network@2 or the MAC of vnet2",
    )
    assert topo.is_unmatched("ldg1", "vnet2") is lost
    assert topo.is_unmatched("ldg1", "vnet0") is None and topo.is_unmatched("primary", "vnet2") is None


def test_path_of_a_vnet_runs_to_its_service_domain_through_vsw_and_nic():
    _, topo = build(FIG_7_4)
    path = topo.path_of("ldg1", "vnet1")
    assert names(path.nodes) == [
        "interface:ldg1/vnet1",
        "vnet:ldg1/vnet1",
        "vsw:alternate/alternate-vsw0",
        "domain:alternate",
        "nic:alternate/nxge0",
    ]
    assert (path.vnet.name, path.vsw.name, path.exit, path.incomplete) == ("vnet1", "alternate-vsw0", "alternate", None)
    assert names(path.of_kind(NodeKind.NIC)) == ["nic:alternate/nxge0"]


def test_path_of_a_plumbed_vsw_and_of_a_nic_of_its_own():
    _, topo = build(FIG_7_5)
    plumbed = topo.path_of("primary", "vsw0")
    assert names(plumbed.below) == ["vsw:primary/primary-vsw0", "domain:primary"]
    assert (plumbed.vnet, plumbed.vsw.name, plumbed.exit) == (None, "primary-vsw0", "primary")
    own = topo.path_of("primary", "e1000g0")
    assert (own.below, own.vsw, own.exit, own.incomplete) == ((), None, "primary", None)


def test_path_of_what_the_captures_cannot_place_is_incomplete_with_the_reason():
    _, unmatched = build("ipmp105-vnet-not-matched")
    path = unmatched.path_of("ldg1", "vnet2")
    assert (path.below, path.exit) == ((), None)
    assert path.incomplete == unmatched.is_unmatched("ldg1", "vnet2").reason
    unbound = topology.build(with_vnet_service(load(FIG_7_4), "ldg1", "vnet1", "gone-vsw9"))
    path = unbound.path_of("ldg1", "vnet1")
    assert names(path.below) == ["vnet:ldg1/vnet1"] and path.exit is None
    assert path.incomplete == "vnet vnet1 of ldg1 is bound to gone-vsw9, which ldm does not list"
    no_ldm = topology.build(attrs.evolve(load(FIG_7_4), ldm=None))
    assert no_ldm.path_of("ldg1", "vnet0").incomplete == (
        "vnet0 is a virtual network device, but no ldm capture says which vsw, NIC and service domain it runs through"
    )
    assert no_ldm.path_of("primary", "e1000g2").exit == "primary"


def test_below_a_vnet_of_an_uncaptured_domain():
    _, topo = build("ipmp108-vswitch-overloaded")
    assert names(topo.below(NodeId.of_vnet("ldg2", "vnet5"))) == [
        "vsw:primary/primary-vsw0",
        "domain:primary",
        "nic:primary/e1000g0",
    ]
    assert topo.below(NodeId.of_vnet("ldg2", "vnet99")) == ()


def test_a_check_asks_adjacency_only_so_building_and_asking_imports_no_networkx():
    """The one-step questions come from the index: networkx is loaded by a search."""
    import subprocess
    import sys

    code = (
        "import sys; sys.path.insert(0, 'tests/topology'); from topology_captures import load; "
        "from ipmplint import topology; t = topology.build(load('fig-7-5-ipmp-in-service-domain')); "
        "t.vnet_of('ldg1', 'vnet0'); t.bound_vnets(t.plumbed_vsw('primary', 'vsw0')); "
        "t.service_domains(); list(t.data_path()); "
        "print('networkx' in sys.modules, end=' '); t.path_of('ldg1', 'vnet0'); print('networkx' in sys.modules)"
    )
    out = subprocess.run(
        [sys.executable, "-c", code],
        capture_output=True,
        text=True,
        check=True,
        cwd=str(__import__("pathlib").Path(__file__).resolve().parents[2]),
    ).stdout
    assert out.split() == ["False", "True"]
