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
