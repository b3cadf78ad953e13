"""IPMP501: a service domain's IPMP group over NICs, and a guests' vsw on one of them (or
on none) that is not plumbed there."""

from __future__ import annotations

from ldoms_models import LDM_FILES, domain, lif, needs_ldm, route, run, server, vnet, vsw, where

from ipmplint.model import Datalink, DladmCapture, Source
from ipmplint.rules import ipmp501_vswitch_not_plumbed as rule

LDG1_VNET = "00:14:4f:f8:91:4f"


def primary(*extra, flags=(), **fields):
    return domain(
        "primary",
        lif("primary", "e1000g0", 3, "10.1.1.20", *flags, group="ipmp0"),
        lif("primary", "e1000g1", 7, "10.1.1.21", *flags, group="ipmp0"),
        *extra,
        **fields,
    )


def ldg1(routes=True):
    rows = (
        (route("ldg1", 4, "default", "192.168.1.1", "UG"),)
        if routes
        else (route("ldg1", 4, "192.168.1.0", "192.168.1.10", "U", "vnet0"),)
    )
    return domain("ldg1", lif("ldg1", "vnet0", 3, "192.168.1.10", mac="0:14:4f:f8:91:4f"), routes=rows)


def fig_7_5(service, net_dev="e1000g0", guest=None):
    pv0 = vsw("primary-vsw0", "primary", 10, net_dev, 0)
    return server(
        {"primary": ((pv0,), ()), "ldg1": ((), (vnet("vnet0", "ldg1", pv0, 30, 0, LDG1_VNET),))},
        service,
        guest if guest is not None else ldg1(),
    )


VSW0 = lif("primary", "vsw0", 11, "192.168.1.1", mac="0:14:4f:fb:54:f2")


def test_vsw_on_a_group_nic_not_plumbed_is_reported_at_its_ldm_row():
    found = run(rule, fig_7_5(primary()))
    assert where(found) == [("s/ldm-list-l.txt:10:5", "primary", "ipmp0", "primary-vsw0@primary")]
    assert "is bound to e1000g0, a member of the group" in found[0].message and "ldg1 vnet0" in found[0].message
    assert found[0].nodes == ("vsw:primary/primary-vsw0", "group:primary/ipmp0")


def test_plumbed_vsw_is_figure_7_5():
    assert run(rule, fig_7_5(primary(VSW0), net_dev=None)) == []
    assert run(rule, fig_7_5(primary(VSW0))) == []


def test_vsw_on_a_nic_outside_the_group_is_not_this_rules_business():
    assert run(rule, fig_7_5(primary(), net_dev="e1000g2")) == []


def test_vsw_without_net_dev_counts_when_a_guest_routes_out_through_it():
    found = run(rule, fig_7_5(primary(), net_dev=None))
    assert where(found) == [("s/ldm-list-l.txt:10:5", "primary", "ipmp0", "primary-vsw0@primary")]
    assert "has no net-dev" in found[0].message
    # a private vsw between guests: no gateway behind it
    assert run(rule, fig_7_5(primary(), net_dev=None, guest=ldg1(routes=False))) == []
    no_routes = domain("ldg1", lif("ldg1", "vnet0", 3, "192.168.1.10", mac="0:14:4f:f8:91:4f"))
    assert where(run(rule, fig_7_5(primary(), net_dev=None, guest=no_routes))) == [
        ("skip", "primary", ("s/ldg1/netstat-rn.txt",))
    ]


def test_solaris_11_needs_dladm_to_recognise_a_vanity_named_vsw():
    s11 = primary(flags=("PHYSRUNNING",))
    assert where(run(rule, fig_7_5(s11))) == [("skip", "primary", ("s/primary/dladm-show-phys.txt",))]
    dladm = DladmCapture(
        Source("s/primary/dladm-show-phys.txt"),
        (Datalink("net2", Source("s/primary/dladm-show-phys.txt", 4, 1), device="vsw0"),),
    )
    plumbed = primary(lif("primary", "net2", 11, "192.168.1.1", "PHYSRUNNING"), flags=("PHYSRUNNING",), dladm=dladm)
    assert run(rule, fig_7_5(plumbed)) == []


def test_no_guest_on_the_vsw_and_no_ldm():
    pv0 = vsw("primary-vsw0", "primary", 10, "e1000g0", 0)
    assert run(rule, server({"primary": ((pv0,), ())}, primary())) == []
    assert needs_ldm(rule) == LDM_FILES


PRIMARY_VNET = "00:14:4f:f8:11:11"


def with_primary_vnet(primary_domain):
    """Figure 7-5's server, and a vnet of primary's own on primary-vsw0."""
    pv0 = vsw("primary-vsw0", "primary", 10, "e1000g0", 0)
    return server(
        {
            "primary": ((pv0,), (vnet("vnet0", "primary", pv0, 31, 1, PRIMARY_VNET),)),
            "ldg1": ((), (vnet("vnet0", "ldg1", pv0, 30, 0, LDG1_VNET),)),
        },
        primary_domain,
        ldg1(),
    )


def test_only_the_physical_members_of_the_group_are_named():
    """primary's group holds its own vnet0 besides the two NICs: the vnet is not a NIC
    the vsw could be bound to."""
    vnet0 = lif("primary", "vnet0", 20, "10.1.1.22", group="ipmp0", mac="0:14:4f:f8:11:11")
    found = run(rule, with_primary_vnet(primary(vnet0)))
    assert where(found) == [("s/ldm-list-l.txt:10:5", "primary", "ipmp0", "primary-vsw0@primary")]
    assert found[0].message.startswith("primary has group ipmp0 over e1000g0, e1000g1, and vsw primary-vsw0,")


def test_a_group_of_vnets_alone_does_not_end_the_domain():
    """primary's first group is over its vnet alone (no NIC): passed over, and ipmp0
    after it still judged."""
    vnet0 = lif("primary", "vnet0", 1, "10.2.2.22", group="alpha", mac="0:14:4f:f8:11:11")
    dc = domain(
        "primary",
        vnet0,
        lif("primary", "e1000g0", 3, "10.1.1.20", group="ipmp0"),
        lif("primary", "e1000g1", 7, "10.1.1.21", group="ipmp0"),
    )
    assert [g.name for g in dc.groups] == ["alpha", "ipmp0"]
    assert where(run(rule, with_primary_vnet(dc))) == [
        ("s/ldm-list-l.txt:10:5", "primary", "ipmp0", "primary-vsw0@primary")
    ]


def test_a_domain_the_ldm_listing_lacks_is_not_judged():
    """ldg2 was captured but ldm does not list it (CAP003's business): it has no vsw."""
    ldg2 = domain(
        "ldg2",
        lif("ldg2", "e1000g0", 3, "10.1.1.30", group="ipmp0"),
        lif("ldg2", "e1000g1", 7, "10.1.1.31", group="ipmp0"),
    )
    pv0 = vsw("primary-vsw0", "primary", 10, "e1000g0", 0)
    srv = server(
        {"primary": ((pv0,), ()), "ldg1": ((), (vnet("vnet0", "ldg1", pv0, 30, 0, LDG1_VNET),))},
        ldg2,
        primary(VSW0),
        ldg1(),
    )
    assert run(rule, srv) == []


def test_the_service_domains_own_vnet_is_no_guest():
    """primary-vsw0 serves only primary's own vnet0 (the domain name read from ldm is
    another string object than the capture folder's, as when parsed)."""
    pv0 = vsw("primary-vsw0", "primary", 10, "e1000g0", 0)
    own = vnet("vnet0", "".join(["pri", "mary"]), pv0, 31, 1, PRIMARY_VNET)
    assert run(rule, server({"primary": ((pv0,), (own,))}, primary(), ldg1())) == []


def test_a_guest_whose_name_sorts_after_the_service_domain():
    pv0 = vsw("primary-vsw0", "primary", 10, "e1000g0", 0)
    web1 = domain(
        "web1",
        lif("web1", "vnet0", 3, "192.168.1.10", mac="0:14:4f:f8:91:4f"),
        routes=(route("web1", 4, "default", "192.168.1.1", "UG"),),
    )
    srv = server(
        {"primary": ((pv0,), ()), "web1": ((), (vnet("vnet0", "web1", pv0, 30, 0, LDG1_VNET),))}, primary(), web1
    )
    assert where(run(rule, srv)) == [("s/ldm-list-l.txt:10:5", "primary", "ipmp0", "primary-vsw0@primary")]


def test_a_vsw_passed_over_does_not_end_the_group():
    """primary-vsw0, judged first, has no guest, is bound to a NIC outside the group, or
    is a private vsw without net-dev; primary-vsw1 on the group's e1000g1 is still reported."""
    for net_dev, guests, routes in (("e1000g0", False, True), ("e1000g2", True, True), (None, True, False)):
        pv0 = vsw("primary-vsw0", "primary", 10, net_dev, 0)
        pv1 = vsw("primary-vsw1", "primary", 11, "e1000g1", 1)
        vnets = (vnet("vnet0", "ldg1", pv0, 30, 0, LDG1_VNET),) if guests else ()
        vnets += (vnet("vnet1", "ldg1", pv1, 31, 1, "00:14:4f:f8:dd:68"),)
        srv = server({"primary": ((pv0, pv1), ()), "ldg1": ((), vnets)}, primary(), ldg1(routes=routes))
        assert where(run(rule, srv)) == [("s/ldm-list-l.txt:11:5", "primary", "ipmp0", "primary-vsw1@primary")], net_dev


def test_solaris_11_without_dladm_skips_each_vsw():
    pv0 = vsw("primary-vsw0", "primary", 10, "e1000g0", 0)
    pv1 = vsw("primary-vsw1", "primary", 11, "e1000g1", 1)
    vnets = (vnet("vnet0", "ldg1", pv0, 30, 0, LDG1_VNET), vnet("vnet1", "ldg1", pv1, 31, 1, "00:14:4f:f8:dd:68"))
    srv = server({"primary": ((pv0, pv1), ()), "ldg1": ((), vnets)}, primary(flags=("PHYSRUNNING",)), ldg1())
    assert where(run(rule, srv)) == [("skip", "primary", ("s/primary/dladm-show-phys.txt",))] * 2


def test_the_skip_names_only_the_guests_whose_vnet_is_plumbed():
    """ldg2's vnet on the vsw is not plumbed (its ifconfig -a shows another interface):
    its routing table could not tell, so the Skip asks only for ldg1's."""
    pv0 = vsw("primary-vsw0", "primary", 10, None, 0)
    ldg2 = domain("ldg2", lif("ldg2", "vnet5", 3, "192.168.5.10", mac="0:14:4f:f8:55:55"))
    no_routes = domain("ldg1", lif("ldg1", "vnet0", 3, "192.168.1.10", mac="0:14:4f:f8:91:4f"))
    srv = server(
        {
            "primary": ((pv0,), ()),
            "ldg1": ((), (vnet("vnet0", "ldg1", pv0, 30, 0, LDG1_VNET),)),
            "ldg2": ((), (vnet("vnet0", "ldg2", pv0, 32, 1, "00:14:4f:f8:22:22"),)),
        },
        primary(),
        no_routes,
        ldg2,
    )
    assert where(run(rule, srv)) == [("skip", "primary", ("s/ldg1/netstat-rn.txt",))]
