"""IPMP106: members of one group on different VLANs (PVID, Solaris 10 VLAN interfaces)."""

from __future__ import annotations

from ipmplint.rules import ipmp106_vlan_mismatch as rule

from ldoms_models import R34, guest, lif, domain, LDM_FILES, needs_ldm, run, server, vnet, vsw, where

PV0 = vsw("primary-vsw0", "primary", 10, "net0", 0, linkprop="phys-state", pvid=1)
AV0 = vsw("alternate-vsw0", "alternate", 20, "net0", 0, linkprop="phys-state", pvid=1)
M0, M1, M2 = "0:14:4f:f8:91:4f", "0:14:4f:f8:dd:68", "0:14:4f:f8:dd:69"
LDM_MACS = ("00:14:4f:f8:91:4f", "00:14:4f:f8:dd:68", "00:14:4f:f8:dd:69")


def guest_on(pvids, *members):
    vnets = tuple(vnet(f"vnet{i}", "ldg1", (PV0, AV0)[i % 2], 30 + i, i, mac, linkprop="phys-state", pvid=pvid)
                  for i, (pvid, mac) in enumerate(zip(pvids, LDM_MACS)))
    members = members or tuple((f"vnet{i}", mac, "192.168.1.1" if i == 0 else None, None)
                               for i, mac in enumerate((M0, M1, M2)[:len(pvids)]))
    return server({"primary": ((PV0,), ()), "alternate": ((AV0,), ()), "ldg1": ((), vnets)},
                  guest("ldg1", *members), release=R34)


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
    primary = guest("primary", ("vsw0", "0:14:4f:fb:54:f2", "10.1.1.20", None),
                    ("vsw1", "0:14:4f:fb:54:f3", None, None))
    srv = server({"primary": ((pv0, pv1), ())}, primary, release=R34)
    assert where(run(rule, srv)) == [("s/ldm-list-l.txt:11:5", "primary", "ipmp0", "vsw1")]


def test_physical_members_have_no_vlan_in_the_captures():
    primary = domain("primary", lif("primary", "e1000g0", 3, "10.1.1.20", group="ipmp0"),
                     lif("primary", "e1000g1", 7, "0.0.0.0", group="ipmp0"))
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
    assert where(run(rule, guest_on(pvids))) == [("s/ldm-list-l.txt:32:5", "ldg1", "ipmp0", "vnet2")]
