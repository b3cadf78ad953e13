"""The scene: what is drawn for a server, where it sits, and which findings mark what."""

from __future__ import annotations

import attrs
import pytest
from pictures import FIGURES, FIXTURES, load, scene_of

from ipmplint.drawing import scene
from ipmplint.findings import Finding, Severity
from ipmplint.model import LdmDomain, Source

ERROR, WARNING, INFO = (scene.COLOURS[s] for s in (Severity.ERROR, Severity.WARNING, Severity.INFO))


def by_id(sc: scene.Scene) -> dict[str, scene.Cluster | scene.Node]:
    return {e.id: e for e in (*sc.clusters, *sc.nodes)}


def edges(sc: scene.Scene) -> set[tuple[str, str]]:
    return {(e.tail, e.head) for e in sc.edges}


def finding(rule: str = "IPMP999", severity: Severity = Severity.WARNING, **where) -> Finding:
    return Finding(server="s", location=Source("f"), rule_id=rule, rule_name="x", severity=severity, **where)


def test_fig_7_3_is_drawn_like_the_guide():
    sc = scene_of("fig-7-3-two-vsw-one-service-domain")
    e = by_id(sc)
    assert [c.id for c in sc.clusters] == ["domain:ldg1", "domain:primary", "group:ldg1/ipmp0"]
    assert e["group:ldg1/ipmp0"].parent == "domain:ldg1"
    assert e["interface:ldg1/vnet0"].cluster == e["interface:ldg1/vnet1"].cluster == "group:ldg1/ipmp0"
    assert e["vnet:ldg1/vnet0"].cluster == "domain:ldg1"
    for n in ("vsw:primary/primary-vsw0", "vsw:primary/primary-vsw1", "nic:primary/e1000g0", "nic:primary/e1000g1"):
        assert e[n].cluster == "domain:primary"
    assert e["network"].cluster is None
    path = [
        ("interface:ldg1/vnet0", "vnet:ldg1/vnet0"),
        ("vnet:ldg1/vnet0", "vsw:primary/primary-vsw0"),
        ("vsw:primary/primary-vsw0", "nic:primary/e1000g0"),
        ("nic:primary/e1000g0", "network"),
    ]
    assert set(path) <= edges(sc)
    assert e["domain:ldg1"].label == ("ldg1", "guest domain")
    assert e["domain:primary"].label == ("primary", "control and service domain")


def test_fig_7_3_marks_the_shared_service_domain():
    sc = scene_of("fig-7-3-two-vsw-one-service-domain", select=["IPMP102"])
    assert [m.id for m in sc.marked] == ["domain:primary"]
    primary = by_id(sc)["domain:primary"]
    assert primary.alarm == scene.Alarm(Severity.WARNING, ("IPMP102",))
    assert primary.alarm.colour == WARNING
    assert primary.lines[-1] == "IPMP102"
    assert sc.alarm is None


def test_group_shows_test_addresses_and_probe_targets():
    group = by_id(scene_of("fig-7-3-two-vsw-one-service-domain"))["group:ldg1/ipmp0"]
    assert group.label == (
        "IPMP group ipmp0",
        "test addresses: 192.168.102.11, 192.168.102.12",
        "probe targets: 192.168.102.1, 192.168.102.2",
    )


def test_group_without_probe_targets_says_so_and_is_marked():
    sc = scene_of("ipmp202-no-probe-targets", select=["IPMP202"])
    group = by_id(sc)["group:ldg1/ipmp0"]
    assert group.label[-1] == "probe targets: none on the test subnet"
    # IPMP202 names no node: its group's box is marked.
    assert group.alarm is not None and group.alarm.rules == ("IPMP202",)


def test_link_based_group_in_the_service_domain():
    sc = scene_of("fig-7-5-ipmp-in-service-domain")
    e = by_id(sc)
    assert e["group:primary/ipmp0"].parent == "domain:primary"
    assert e["group:primary/ipmp0"].label == ("IPMP group ipmp0", "link-based (no test addresses)")
    assert e["interface:primary/e1000g0"].cluster == "group:primary/ipmp0"
    assert {("interface:primary/e1000g0", "network"), ("interface:primary/e1000g1", "network")} <= edges(sc)


def test_fig_7_4_has_no_alarm():
    sc = scene_of("fig-7-4-vsw-in-two-service-domains")
    e = by_id(sc)
    assert sc.marked == () and sc.alarm is None
    assert e["vsw:alternate/alternate-vsw0"].cluster == "domain:alternate"
    assert e["domain:alternate"].label == ("alternate", "service domain")
    # guests first, then the service domains
    assert [c.id for c in sc.clusters if c.kind == "domain"] == ["domain:ldg1", "domain:alternate", "domain:primary"]


def test_shared_vsw_is_red_with_the_rule_id():
    sc = scene_of("ipmp101-vnets-share-vswitch", select=["IPMP101"])
    (vsw,) = sc.marked
    assert vsw.id == "vsw:primary/primary-vsw0"
    assert vsw.alarm == scene.Alarm(Severity.ERROR, ("IPMP101",)) and vsw.alarm.colour == ERROR
    assert "IPMP101" in vsw.lines


def test_unmatched_member_is_marked_and_not_wired_to_the_network():
    sc = scene_of("ipmp105-vnet-not-matched", select=["IPMP105"])
    (member,) = sc.marked
    assert member.id == "interface:ldg1/vnet2" and member.alarm.rules == ("IPMP105",)
    assert not any(e.tail == "interface:ldg1/vnet2" for e in sc.edges)


def test_finding_falls_back_to_group_then_domain_then_server():
    server = load("fig-7-4-vsw-in-two-service-domains")
    sc = scene_of(
        server,
        [
            finding("IPMP001", nodes=("vsw:nowhere/x",), domain="ldg1", group="ipmp0"),
            finding("IPMP002", Severity.INFO, domain="alternate", group="no-such-group"),
            finding("IPMP003", Severity.ERROR),
        ],
    )
    e = by_id(sc)
    assert e["group:ldg1/ipmp0"].alarm == scene.Alarm(Severity.WARNING, ("IPMP001",))
    assert e["domain:alternate"].alarm == scene.Alarm(Severity.INFO, ("IPMP002",))
    assert sc.alarm == scene.Alarm(Severity.ERROR, ("IPMP003",))
    assert sc.title_lines == (server.name, "IPMP003")


def test_worst_severity_wins_and_every_rule_is_listed():
    sc = scene_of(
        "fig-7-4-vsw-in-two-service-domains",
        [
            finding("IPMP300", Severity.INFO, nodes=("nic:primary/e1000g0",)),
            finding("IPMP200", Severity.ERROR, nodes=("nic:primary/e1000g0",)),
            finding("IPMP300", Severity.WARNING, nodes=("nic:primary/e1000g0",)),
        ],
    )
    (nic,) = sc.marked
    assert nic.alarm == scene.Alarm(Severity.ERROR, ("IPMP200", "IPMP300"))
    assert nic.lines == ("e1000g0", "IPMP200 IPMP300")


def test_vnet_on_a_vsw_ldm_does_not_list_is_drawn_dashed():
    server = load("fig-7-3-two-vsw-one-service-domain")
    primary = server.ldm.domain("primary")
    ldm = attrs.evolve(
        server.ldm,
        domains=tuple(attrs.evolve(d, vswitches=d.vswitches[:1]) if d is primary else d for d in server.ldm.domains),
    )
    sc = scene_of(attrs.evolve(server, ldm=ldm))
    ghost = by_id(sc)["vsw:primary/primary-vsw1"]
    assert ghost.dashed and ghost.cluster == "domain:primary"
    assert ghost.label == ("primary-vsw1@primary", "not in ldm's VSW list")
    (edge,) = [e for e in sc.edges if e.head == ghost.id]
    assert edge.tail == "vnet:ldg1/vnet1" and edge.dashed


def test_plumbed_vsw_without_nic_is_routed_by_its_domain():
    # Figure 7-5, the vsw's DEVICE (switch@0) set here so that the test does not
    # depend on how the fixture's columns parse.
    server = load("fig-7-5-ipmp-in-service-domain")
    primary = server.ldm.domain("primary")
    vsw = attrs.evolve(primary.vswitches[0], device="switch@0", mode=None)
    ldm = attrs.evolve(
        server.ldm, domains=tuple(attrs.evolve(d, vswitches=(vsw,)) if d is primary else d for d in server.ldm.domains)
    )
    sc = scene_of(attrs.evolve(server, ldm=ldm))
    plumbed = [e for e in sc.edges if e.kind == "plumbs"]
    assert [(e.tail, e.head, e.label) for e in plumbed] == [
        ("vsw:primary/primary-vsw0", "interface:primary/vsw0", "plumbed")
    ]
    routed = {(e.tail, e.head) for e in sc.edges if e.kind == "routed"}
    assert routed == {
        ("interface:primary/vsw0", "interface:primary/e1000g0"),
        ("interface:primary/vsw0", "interface:primary/e1000g1"),
    }
    assert ("interface:primary/vsw0", "network") not in edges(sc)


def test_domain_with_nothing_to_draw_gets_a_note():
    server = load("fig-7-4-vsw-in-two-service-domains")
    ldm = attrs.evolve(server.ldm, domains=(*server.ldm.domains, LdmDomain("ldg2", Source("f"))))
    note = by_id(scene_of(attrs.evolve(server, ldm=ldm)))["note:domain:ldg2"]
    assert note.cluster == "domain:ldg2" and note.kind == "note"


@pytest.mark.parametrize("fixture", FIGURES)
def test_scene_is_deterministic(fixture):
    first, second = scene_of(fixture), scene_of(fixture)
    assert first == second
    assert list(first.edges) == sorted(first.edges, key=lambda e: (e.tail, e.head, e.kind))
    ids = [c.id for c in first.clusters]
    assert all(c.parent is None or ids.index(c.parent) < ids.index(c.id) for c in first.clusters)
    every = [e.id for e in (*first.clusters, *first.nodes)]
    assert len(every) == len(set(every))
    assert all(e.tail in every and e.head in every for e in first.edges)


def test_interface_that_is_the_nic_under_a_vsw_is_drawn_onto_it():
    server = load("fig-7-3-two-vsw-one-service-domain")
    primary = server.domain("primary")
    ifconfig = attrs.evolve(
        primary.ifconfig,
        interfaces=tuple(
            attrs.evolve(lif, name="e1000g0") if lif.name == "e1000g2" else lif for lif in primary.ifconfig.interfaces
        ),
    )
    domains = tuple(attrs.evolve(d, ifconfig=ifconfig) if d is primary else d for d in server.domains)
    sc = scene_of(attrs.evolve(server, domains=domains))
    assert ("interface:primary/e1000g0", "nic:primary/e1000g0") in edges(sc)
    assert ("interface:primary/e1000g0", "network") not in edges(sc)


def test_single_host_reaches_the_network_through_its_own_interfaces():
    # A guest's folder on its own: no ldm capture, so no vnets or vsws to draw.
    sc = scene_of(str(FIXTURES / "fig-7-3-two-vsw-one-service-domain" / "ldg1"))
    e = by_id(sc)
    assert e["domain:ldg1"].label == ("ldg1", "host")
    assert e["interface:ldg1/vnet0"].cluster == "group:ldg1/ipmp0"
    assert {("interface:ldg1/vnet0", "network"), ("interface:ldg1/vnet1", "network")} <= edges(sc)
