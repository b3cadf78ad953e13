"""IPMP106: members of one group on different VLANs (PVID, Solaris 10 VLAN interfaces)."""

from __future__ import annotations

from attrs import evolve
from ldoms_models import LDM_FILES, R34, domain, guest, lif, needs_ldm, run, server, vnet, vsw, where

from ipmplint.model import Datalink, DladmCapture, Source
from ipmplint.rules import ipmp106_vlan_mismatch as rule

PV0 = vsw("primary-vsw0", "primary", 10, "net0", 0, linkprop="phys-state", pvid=1)
AV0 = vsw("alternate-vsw0", "alternate", 20, "net0", 0, linkprop="phys-state", pvid=1)
M0, M1, M2 = "0:14:4f:f8:91:4f", "0:14:4f:f8:dd:68", "0:14:4f:f8:dd:69"
LDM_MACS = ("00:14:4f:f8:91:4f", "00:14:4f:f8:dd:68", "00:14:4f:f8:dd:69")


def guest_on(pvids, *members):
    vnets = tuple(
        vnet(f"vnet{i}", "ldg1", (PV0, AV0)[i % 2], 30 + i, i, mac, linkprop="phys-state", pvid=pvid)
        for i, (pvid, mac) in enumerate(zip(pvids, LDM_MACS))
    )
    members = members or tuple(
        (f"vnet{i}", mac, "192.168.1.1" if i == 0 else None, None) for i, mac in enumerate((M0, M1, M2)[: len(pvids)])
    )
    return server(
        {"primary": ((PV0,), ()), "alternate": ((AV0,), ()), "ldg1": ((), vnets)}, guest("ldg1", *members), release=R34
    )


def test_different_pvids_are_reported_at_the_odd_vnet():
    found = run(rule, guest_on((1, 20)))
    assert where(found) == [("s/ldm-list-l.txt:31:5", "ldg1", "ipmp0", "vnet1")]
    assert "VLAN 20 (PVID of vnet vnet1)" in found[0].message and "vnet0 (PVID of vnet vnet0)" in found[0].message
    assert found[0].nodes == ("interface:ldg1/vnet1", "vnet:ldg1/vnet1")


def test_the_majority_decides_which_member_is_odd():
    assert where(run(rule, guest_on((20, 1, 1)))) == [("s/ldm-list-l.txt:30:5", "ldg1", "ipmp0", "vnet0")]


def test_same_pvid_or_unknown_pvid_is_fine():
    assert run(rule, guest_on((20, 20))) == []
    assert run(rule, guest_on((1, None))) == []


def test_solaris_10_vlan_interfaces_count_by_their_vid():
    # vnet20000 is VLAN 20 on vnet0; vnet1 is untagged on PVID 20: one VLAN
    same = guest_on((1, 20), ("vnet20000", M0, "192.168.1.1", None), ("vnet1", M1, None, None))
    assert run(rule, same) == []
    # vnet1001 is VLAN 1 on vnet1: differs from vnet20000's VLAN 20 (tie: the first member leads)
    other = guest_on((1, 20), ("vnet20000", M0, "192.168.1.1", None), ("vnet1001", M1, None, None))
    found = run(rule, other)
    assert where(found) == [("s/ldm-list-l.txt:31:5", "ldg1", "ipmp0", "vnet1001")]
    assert "VLAN 1 (VLAN interface of vnet vnet1)" in found[0].message


def test_plumbed_vsw_members_count_by_the_vsw_pvid():
    pv0 = vsw("primary-vsw0", "primary", 10, "nxge0", 0, linkprop="phys-state", pvid=1)
    pv1 = vsw("primary-vsw1", "primary", 11, "nxge1", 1, linkprop="phys-state", pvid=30)
    primary = guest(
        "primary", ("vsw0", "0:14:4f:fb:54:f2", "10.1.1.20", None), ("vsw1", "0:14:4f:fb:54:f3", None, None)
    )
    srv = server({"primary": ((pv0, pv1), ())}, primary, release=R34)
    assert where(run(rule, srv)) == [("s/ldm-list-l.txt:11:5", "primary", "ipmp0", "vsw1")]


def test_physical_members_have_no_vlan_in_the_captures():
    primary = domain(
        "primary",
        lif("primary", "e1000g0", 3, "10.1.1.20", group="ipmp0"),
        lif("primary", "e1000g1", 7, "0.0.0.0", group="ipmp0"),
    )
    assert run(rule, server({"primary": ((), ())}, primary, release=R34)) == []
    assert needs_ldm(rule) == LDM_FILES


def test_vlan_interface_ppa_1000_is_vlan_1():
    """vnet1000 is VLAN 1 over vnet0 (1 * 1000 + 0), the smallest VLAN PPA: on VLAN 1 like
    untagged vnet1 on PVID 1, although vnet0's own PVID is 20."""
    same = guest_on((20, 1), ("vnet1000", M0, "192.168.1.1", None), ("vnet1", M1, None, None))
    assert run(rule, same) == []
    # vnet999 is no VLAN interface: instance 999 of vnet, counted by its PVID
    other = guest_on((20, 1), ("vnet999", M0, "192.168.1.1", None), ("vnet1", M1, None, None))
    found = run(rule, other)
    assert where(found) == [("s/ldm-list-l.txt:31:5", "ldg1", "ipmp0", "vnet1")]
    assert "vnet999 (PVID of vnet vnet0) is on VLAN 20" in found[0].message


def test_the_vid_is_the_ppa_divided_by_1000():
    """vnet999000 is VLAN 999 over vnet0 (999 * 1000 + 0): on one VLAN with vnet1 on PVID 999."""
    same = guest_on((1, 999), ("vnet999000", M0, "192.168.1.1", None), ("vnet1", M1, None, None))
    assert run(rule, same) == []


def test_vlans_compare_by_value_above_the_small_ints():
    """PVID 300 read twice is one VLAN: two int objects of one value, as two ldm rows give."""
    pvids = (int("300"), int("300"), 20)
    found = run(rule, guest_on(pvids))
    assert where(found) == [("s/ldm-list-l.txt:32:5", "ldg1", "ipmp0", "vnet2")]
    assert "while vnet0 (PVID of vnet vnet0), vnet1 (PVID of vnet vnet1) are on VLAN 300" in found[0].message


def test_a_group_on_one_vlan_does_not_end_the_walk_over_the_groups():
    """ldg1's members share PVID 1 (fine); ldg2's, met after it, differ and are reported."""
    vnets1 = tuple(vnet(f"vnet{i}", "ldg1", (PV0, AV0)[i], 30 + i, i, LDM_MACS[i], pvid=1) for i in range(2))
    vnets2 = tuple(
        vnet(f"vnet{i}", "ldg2", (PV0, AV0)[i], 40 + i, i, f"00:14:4f:f8:ee:0{i}", pvid=pvid)
        for i, pvid in enumerate((1, 30))
    )
    ldg1 = guest("ldg1", ("vnet0", M0, "192.168.1.1", None), ("vnet1", M1, None, None))
    ldg2 = guest("ldg2", ("vnet0", "0:14:4f:f8:ee:0", "192.168.1.2", None), ("vnet1", "0:14:4f:f8:ee:1", None, None))
    srv = server(
        {"primary": ((PV0,), ()), "alternate": ((AV0,), ()), "ldg1": ((), vnets1), "ldg2": ((), vnets2)},
        ldg1,
        ldg2,
        release=R34,
    )
    assert where(run(rule, srv)) == [("s/ldm-list-l.txt:41:5", "ldg2", "ipmp0", "vnet1")]


# Solaris 11: a VLAN link (dladm CLASS vlan) over a vnet carries the VID that dladm
# create-vlan gave it, which the model does not hold; its vnet's PVID is not its VLAN.
DLADM = "s/ldg1/dladm-show-link.txt"


def solaris_11_guest(web1_class):
    """ldg1 on Solaris 11: web1 (over net0 = vnet0, PVID 5) and net1 (vnet1, PVID 1) in
    ipmp0; ``web1_class`` is what dladm says web1 is."""
    links = (
        Datalink("net0", Source(DLADM, 2, 1), lclass="phys", device="vnet0"),
        Datalink("net1", Source(DLADM, 3, 1), lclass="phys", device="vnet1"),
        # a parsed name is a string of its own, not the one the interface was read as
        Datalink("".join(("web", "1")), Source(DLADM, 4, 1), lclass=web1_class, over=("net0",)),
    )
    vnets = (
        vnet("vnet0", "ldg1", PV0, 30, 0, LDM_MACS[0], pvid=5),
        vnet("vnet1", "ldg1", AV0, 31, 1, LDM_MACS[1], pvid=1),
    )
    ldg1 = guest(
        "ldg1", ("web1", M0, "192.168.1.1", None), ("net1", M1, None, None), dladm=DladmCapture(Source(DLADM), links)
    )
    return server({"primary": ((PV0,), ()), "alternate": ((AV0,), ()), "ldg1": ((), vnets)}, ldg1, release=R34)


def test_a_solaris_11_vlan_link_member_is_not_judged_by_its_vnets_pvid():
    assert run(rule, solaris_11_guest("vlan")) == []


def test_a_solaris_11_link_dladm_does_not_call_a_vlan_counts_by_its_vnets_pvid():
    """web1 is a plain link here (CLASS phys): it is vnet0, on PVID 5, while net1 is on 1.
    Another link of the domain being a VLAN (data0) does not make the members VLANs."""
    srv = solaris_11_guest("phys")
    (dc,) = [d for d in srv.domains if d.name == "ldg1"]
    links = (*dc.dladm.links, Datalink("data0", Source(DLADM, 5, 1), lclass="vlan", over=("net1",)))
    found = run(rule, evolve(srv, domains=(evolve(dc, dladm=DladmCapture(Source(DLADM), links)),)))
    assert where(found) == [("s/ldm-list-l.txt:31:5", "ldg1", "ipmp0", "net1")]
    assert (
        "member net1 is on VLAN 1 (PVID of vnet vnet1), while web1 (PVID of vnet vnet0) is on VLAN 5"
        in found[0].message
    )


def test_three_members_on_three_vlans_each_odd_one_is_reported():
    """No majority: the first member's VLAN leads, and both others are reported."""
    found = run(rule, guest_on((1, 20, 30)))
    assert where(found) == [
        ("s/ldm-list-l.txt:31:5", "ldg1", "ipmp0", "vnet1"),
        ("s/ldm-list-l.txt:32:5", "ldg1", "ipmp0", "vnet2"),
    ]
    assert (
        "member vnet2 is on VLAN 30 (PVID of vnet vnet2), while vnet0 (PVID of vnet vnet0) is on VLAN 1"
        in found[1].message
    )
