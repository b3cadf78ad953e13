"""IPMP103: distinct vsws behind one group on the same NIC of one service domain."""

from __future__ import annotations

from ipmplint.model import Datalink, DladmCapture, Source
from ipmplint.rules import ipmp103_vswitches_share_physical_nic as rule

from ldoms_models import guest, LDM_FILES, needs_ldm, run, server, vnet, vsw, where

PV0 = vsw("primary-vsw0", "primary", 10, "e1000g0", 0)
PV1 = vsw("primary-vsw1", "primary", 11, "e1000g0", 1)
AV0 = vsw("alternate-vsw0", "alternate", 20, "nxge0", 0)
MACS = ("0:14:4f:f8:91:4f", "0:14:4f:f8:dd:68", "0:14:4f:f8:dd:69")


def three_members(pv1=PV1, primary=None, **kw):
    vnets = (vnet("vnet0", "ldg1", PV0, 30, 0, "00:14:4f:f8:91:4f"),
             vnet("vnet1", "ldg1", pv1, 31, 1, "00:14:4f:f8:dd:68"),
             vnet("vnet2", "ldg1", AV0, 32, 2, "00:14:4f:f8:dd:69"))
    ldg1 = guest("ldg1", ("vnet0", MACS[0], "192.168.102.10", "192.168.102.11"),
                 ("vnet1", MACS[1], None, "192.168.102.12"), ("vnet2", MACS[2], None, "192.168.102.13"))
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
    vnets = (vnet("vnet0", "ldg1", pv0, 30, 0, "00:14:4f:f8:91:4f"),
             vnet("vnet1", "ldg1", vsw("primary-vsw1", "primary", 11, "aggr1", 1), 31, 1, "00:14:4f:f8:dd:68"))
    ldg1 = guest("ldg1", ("vnet0", MACS[0], "192.168.102.10", "192.168.102.11"),
                 ("vnet1", MACS[1], None, "192.168.102.12"))
    srv = server({"primary": ((pv0, vsw("primary-vsw1", "primary", 11, "aggr1", 1)), ()), "ldg1": ((), vnets)}, ldg1)
    assert run(rule, srv) == []


def test_solaris_11_vanity_name_is_the_same_nic():
    # primary-vsw1 names the NIC by its vanity link net0, which dladm shows is e1000g0
    primary = guest("primary", ("net4", "0:14:4f:a2:30:10", "10.1.1.20", None), group="mgmt",
                    dladm=DladmCapture(Source("s/primary/dladm-show-phys.txt"), (
                        Datalink("net0", Source("s/primary/dladm-show-phys.txt", 2, 1), device="e1000g0"),)))
    srv = three_members(pv1=vsw("primary-vsw1", "primary", 11, "net0", 1), primary=primary)
    assert where(run(rule, srv)) == [("s/ldm-list-l.txt:11:5", "ldg1", "ipmp0", "e1000g0@primary")]


def test_a_group_with_an_unmatched_member_is_left_to_ipmp105():
    srv = three_members()
    ldg1 = guest("ldg1", ("vnet0", MACS[0], "192.168.102.10", "192.168.102.11"),
                 ("vnet1", MACS[1], None, "192.168.102.12"), ("vnet7", "0:14:4f:0:0:7", None, "192.168.102.13"))
    from attrs import evolve
    assert run(rule, evolve(srv, domains=(ldg1,))) == []


def test_release_does_not_matter_and_ldm_is_required():
    from ldoms_models import R34
    assert len(run(rule, three_members(release=R34))) == 1
    assert needs_ldm(rule) == LDM_FILES
