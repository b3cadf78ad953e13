"""IPMP103: distinct vsws behind one group on the same NIC of one service domain."""

from __future__ import annotations

from ldoms_models import LDM_FILES, guest, needs_ldm, run, server, vnet, vsw, where

from ipmplint.model import Datalink, DladmCapture, Source
from ipmplint.rules import ipmp103_vswitches_share_physical_nic as rule

PV0 = vsw("primary-vsw0", "primary", 10, "e1000g0", 0)
PV1 = vsw("primary-vsw1", "primary", 11, "e1000g0", 1)
AV0 = vsw("alternate-vsw0", "alternate", 20, "nxge0", 0)
MACS = ("0:14:4f:f8:91:4f", "0:14:4f:f8:dd:68", "0:14:4f:f8:dd:69")


def three_members(pv1=PV1, primary=None, **kw):
    vnets = (
        vnet("vnet0", "ldg1", PV0, 30, 0, "00:14:4f:f8:91:4f"),
        vnet("vnet1", "ldg1", pv1, 31, 1, "00:14:4f:f8:dd:68"),
        vnet("vnet2", "ldg1", AV0, 32, 2, "00:14:4f:f8:dd:69"),
    )
    ldg1 = guest(
        "ldg1",
        ("vnet0", MACS[0], "192.168.102.10", "192.168.102.11"),
        ("vnet1", MACS[1], None, "192.168.102.12"),
        ("vnet2", MACS[2], None, "192.168.102.13"),
    )
    domains = (ldg1,) if primary is None else (ldg1, primary)
    return server({"primary": ((PV0, pv1), ()), "alternate": ((AV0,), ()), "ldg1": ((), vnets)}, *domains, **kw)


def test_two_vsws_on_one_nic_are_reported_at_the_second_vsw():
    found = run(rule, three_members())
    assert where(found) == [("s/ldm-list-l.txt:11:5", "ldg1", "ipmp0", "e1000g0@primary")]
    assert "vnet0 on primary-vsw0" in found[0].message and "vnet1 on primary-vsw1" in found[0].message
    assert found[0].nodes == ("nic:primary/e1000g0", "vsw:primary/primary-vsw0", "vsw:primary/primary-vsw1")


def test_separate_nics_are_fine():
    assert run(rule, three_members(pv1=vsw("primary-vsw1", "primary", 11, "e1000g1", 1))) == []


def test_an_aggregation_is_several_nics():
    pv0 = vsw("primary-vsw0", "primary", 10, "aggr1", 0)
    vnets = (
        vnet("vnet0", "ldg1", pv0, 30, 0, "00:14:4f:f8:91:4f"),
        vnet("vnet1", "ldg1", vsw("primary-vsw1", "primary", 11, "aggr1", 1), 31, 1, "00:14:4f:f8:dd:68"),
    )
    ldg1 = guest(
        "ldg1", ("vnet0", MACS[0], "192.168.102.10", "192.168.102.11"), ("vnet1", MACS[1], None, "192.168.102.12")
    )
    srv = server({"primary": ((pv0, vsw("primary-vsw1", "primary", 11, "aggr1", 1)), ()), "ldg1": ((), vnets)}, ldg1)
    assert run(rule, srv) == []


def test_solaris_11_vanity_name_is_the_same_nic():
    # primary-vsw1 names the NIC by its vanity link net0, which dladm shows is e1000g0
    primary = guest(
        "primary",
        ("net4", "0:14:4f:a2:30:10", "10.1.1.20", None),
        group="mgmt",
        dladm=DladmCapture(
            Source("s/primary/dladm-show-phys.txt"),
            (Datalink("net0", Source("s/primary/dladm-show-phys.txt", 2, 1), device="e1000g0"),),
        ),
    )
    srv = three_members(pv1=vsw("primary-vsw1", "primary", 11, "net0", 1), primary=primary)
    found = run(rule, srv)
    assert where(found) == [("s/ldm-list-l.txt:11:5", "ldg1", "ipmp0", "e1000g0@primary")]
    # the NIC node is the one the topology holds for the last vsw's net-dev, as ldm names it
    assert found[0].nodes == ("nic:primary/net0", "vsw:primary/primary-vsw0", "vsw:primary/primary-vsw1")


def test_a_group_with_an_unmatched_member_is_left_to_ipmp105():
    srv = three_members()
    ldg1 = guest(
        "ldg1",
        ("vnet0", MACS[0], "192.168.102.10", "192.168.102.11"),
        ("vnet1", MACS[1], None, "192.168.102.12"),
        ("vnet7", "0:14:4f:0:0:7", None, "192.168.102.13"),
    )
    from attrs import evolve

    assert run(rule, evolve(srv, domains=(ldg1,))) == []


def test_release_does_not_matter_and_ldm_is_required():
    from ldoms_models import R34

    assert len(run(rule, three_members(release=R34))) == 1
    assert needs_ldm(rule) == LDM_FILES


def guest_on(*switches, listed):
    """ldg1 with vnetN on switches[N], all in ipmp0; ldm lists the vsws ``listed``."""
    macs = [f"0:14:4f:f8:dd:{0x60 + i:x}" for i in range(len(switches))]
    vnets = tuple(
        vnet(f"vnet{i}", "ldg1", sw, 30 + i, i, "00" + mac[1:]) for i, (sw, mac) in enumerate(zip(switches, macs))
    )
    members = tuple(
        (f"vnet{i}", mac, "192.168.102.10" if i == 0 else None, f"192.168.102.{11 + i}") for i, mac in enumerate(macs)
    )
    by_domain: dict = {}
    for sw in listed:
        by_domain.setdefault(sw.domain, []).append(sw)
    ldm = {d: (tuple(sws), ()) for d, sws in by_domain.items()}
    ldm["ldg1"] = ((), vnets)
    return server(ldm, guest("ldg1", *members))


def test_three_vsws_on_one_nic_are_reported_once_at_the_last():
    pv2 = vsw("primary-vsw2", "primary", 12, "e1000g0", 2)
    found = run(rule, guest_on(PV0, PV1, pv2, listed=(PV0, PV1, pv2)))
    assert where(found) == [("s/ldm-list-l.txt:12:5", "ldg1", "ipmp0", "e1000g0@primary")]
    assert found[0].message.startswith(
        "group ipmp0 in ldg1: members vnet0 on primary-vsw0 (net-dev e1000g0), vnet1 on primary-vsw1 (net-dev "
        "e1000g0), vnet2 on primary-vsw2 (net-dev e1000g0) reach the network through distinct vsws that all use "
        "NIC e1000g0 in primary;"
    )
    assert found[0].nodes == (
        "nic:primary/e1000g0",
        "vsw:primary/primary-vsw0",
        "vsw:primary/primary-vsw1",
        "vsw:primary/primary-vsw2",
    )


def test_members_without_a_nic_or_on_an_aggregation_do_not_end_the_walk():
    """vnet0's vsw has no net-dev (IPMP104's) and vnet1's is an aggregation: both are
    passed over, and vnet2 and vnet3, on two vsws of e1000g0, are still reported."""
    none = vsw("alternate-vsw0", "alternate", 20, None, 0)
    aggr = vsw("alternate-vsw1", "alternate", 21, "aggr1", 1)
    found = run(rule, guest_on(none, aggr, PV0, PV1, listed=(PV0, PV1, none, aggr)))
    assert where(found) == [("s/ldm-list-l.txt:11:5", "ldg1", "ipmp0", "e1000g0@primary")]
    assert "members vnet2 on primary-vsw0 (net-dev e1000g0), vnet3 on primary-vsw1" in found[0].message


def test_a_nic_behind_one_vsw_alone_does_not_end_the_walk_over_the_nics():
    """nxge0 of alternate carries one vsw (fine); e1000g0 of primary, met after it, two."""
    found = run(rule, guest_on(AV0, PV0, PV1, listed=(PV0, PV1, AV0)))
    assert where(found) == [("s/ldm-list-l.txt:11:5", "ldg1", "ipmp0", "e1000g0@primary")]
