"""IPMP104: a member vnet on a vsw without net-dev that is not a routed (Figure 7-5) vsw."""

from __future__ import annotations

from attrs import evolve
from ldoms_models import LDM_FILES, domain, guest, lif, needs_ldm, routeadm, run, server, vnet, vsw, where

from ipmplint.model import HostnameEntry, HostnameFile, Source
from ipmplint.rules import ipmp104_vswitch_without_physical_nic as rule

PV0 = vsw("primary-vsw0", "primary", 10, "e1000g0", 0)
AV0 = vsw("alternate-vsw0", "alternate", 20, None, 0)
LDG1 = guest(
    "ldg1",
    ("vnet0", "0:14:4f:f8:91:4f", "192.168.102.10", "192.168.102.11"),
    ("vnet1", "0:14:4f:f8:dd:68", None, "192.168.102.12"),
)


def fig_7_4(*service_domains, av0=AV0):
    vnets = (
        vnet("vnet0", "ldg1", PV0, 30, 0, "00:14:4f:f8:91:4f"),
        vnet("vnet1", "ldg1", av0, 31, 1, "00:14:4f:f8:dd:68"),
    )
    return server({"primary": ((PV0,), ()), "alternate": ((av0,), ()), "ldg1": ((), vnets)}, LDG1, *service_domains)


def alternate(*extra, **fields):
    return domain("alternate", lif("alternate", "nxge1", 3, "10.1.1.21", mac="0:14:4f:a2:40:11"), *extra, **fields)


VSW0 = lif("alternate", "vsw0", 7, "192.168.102.1", mac="0:14:4f:fb:60:1")


def test_vsw_without_net_dev_not_plumbed_is_reported_at_its_ldm_row():
    found = run(rule, fig_7_4(alternate()))
    assert where(found) == [("s/ldm-list-l.txt:20:5", "ldg1", "ipmp0", "vnet1")]
    assert "not plumbed" in found[0].message
    assert found[0].nodes == ("vnet:ldg1/vnet1", "vsw:alternate/alternate-vsw0")


def test_routed_design_with_forwarding_on_is_fine():
    assert run(rule, fig_7_4(alternate(VSW0, routeadm=routeadm("alternate", True)))) == []


def test_routed_design_with_forwarding_off_is_reported():
    found = run(rule, fig_7_4(alternate(VSW0, routeadm=routeadm("alternate", False))))
    assert where(found) == [("s/ldm-list-l.txt:20:5", "ldg1", "ipmp0", "vnet1")]
    assert (
        "it is plumbed as vsw0 in alternate, but IPv4 forwarding disabled (routeadm, current state) there"
        in found[0].message
    )


def test_plumbed_without_a_forwarding_capture_is_skipped_naming_routeadm():
    assert where(run(rule, fig_7_4(alternate(VSW0)))) == [("skip", "alternate", ("s/alternate/routeadm.txt",))]


def test_persistent_configuration_plumbs_too_when_no_runtime_capture():
    hf = HostnameFile(
        "vsw0",
        Source("s/alternate/etc/hostname.vsw0"),
        entries=(HostnameEntry(Source("s/alternate/etc/hostname.vsw0", 1, 1), address="192.168.102.1"),),
    )
    found = run(rule, fig_7_4(domain("alternate", hostname_files=(hf,))))
    assert where(found) == [("skip", "alternate", ("s/alternate/routeadm.txt",))]


def test_uncaptured_service_domain_is_skipped_naming_its_ifconfig():
    assert where(run(rule, fig_7_4())) == [("skip", "alternate", ("s/alternate/ifconfig-a.txt",))]


def test_vsw_with_net_dev_is_fine_and_ldm_is_required():
    assert run(rule, fig_7_4(alternate(), av0=vsw("alternate-vsw0", "alternate", 20, "nxge0", 0))) == []
    assert needs_ldm(rule) == LDM_FILES


def test_service_domain_known_from_its_hostname_files_alone_is_judged():
    """No ifconfig -a in alternate, but its /etc/hostname.* files show what it plumbs: vsw0
    is not among them, so the vsw is judged (reported), not skipped for want of ifconfig."""
    hf = HostnameFile(
        "nxge1",
        Source("s/alternate/etc/hostname.nxge1"),
        entries=(HostnameEntry(Source("s/alternate/etc/hostname.nxge1", 1, 1), address="10.1.1.21"),),
    )
    found = run(rule, fig_7_4(domain("alternate", hostname_files=(hf,))))
    assert where(found) == [("s/ldm-list-l.txt:20:5", "ldg1", "ipmp0", "vnet1")]
    assert "not plumbed in alternate" in found[0].message


def test_a_vnet_on_a_vsw_ldm_does_not_list_is_not_judged():
    """vnet1 names alternate-vsw0, which the listing lacks: no vsw, no net-dev to judge."""
    vnets = (
        vnet("vnet0", "ldg1", PV0, 30, 0, "00:14:4f:f8:91:4f"),
        vnet("vnet1", "ldg1", AV0, 31, 1, "00:14:4f:f8:dd:68"),
    )
    srv = server({"primary": ((PV0,), ()), "alternate": ((), ()), "ldg1": ((), vnets)}, LDG1, alternate())
    assert run(rule, srv) == []


def test_a_routed_vsw_passed_over_does_not_end_the_walk_over_the_members():
    """vnet0's vsw in primary is the routed design with forwarding on (fine); vnet1's in
    alternate has no net-dev and is not plumbed: still reported."""
    pv0 = vsw("primary-vsw0", "primary", 10, None, 0)
    vnets = (
        vnet("vnet0", "ldg1", pv0, 30, 0, "00:14:4f:f8:91:4f"),
        vnet("vnet1", "ldg1", AV0, 31, 1, "00:14:4f:f8:dd:68"),
    )
    primary = domain(
        "primary",
        lif("primary", "e1000g0", 3, "10.1.1.20", mac="0:14:4f:a2:30:10"),
        lif("primary", "vsw0", 7, "192.168.102.1", mac="0:14:4f:fb:50:1"),
        routeadm=routeadm("primary", True),
    )
    srv = server({"primary": ((pv0,), ()), "alternate": ((AV0,), ()), "ldg1": ((), vnets)}, LDG1, primary, alternate())
    found = run(rule, srv)
    assert where(found) == [("s/ldm-list-l.txt:20:5", "ldg1", "ipmp0", "vnet1")]
    # without its routeadm, primary's routed vsw is skipped, and vnet1 still judged
    found = run(
        rule, evolve(srv, domains=tuple(evolve(d, routeadm=None) if d.name == "primary" else d for d in srv.domains))
    )
    assert where(found) == [
        ("skip", "primary", ("s/primary/routeadm.txt",)),
        ("s/ldm-list-l.txt:20:5", "ldg1", "ipmp0", "vnet1"),
    ]
    assert "vsw primary-vsw0 is plumbed as vsw0 in primary (the routed design)" in found[0].reason
