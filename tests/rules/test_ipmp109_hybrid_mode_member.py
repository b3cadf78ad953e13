"""IPMP109: a member vnet in NIU Hybrid I/O mode."""

from __future__ import annotations

from ldoms_models import LDM_FILES, guest, needs_ldm, run, server, vnet, vsw, where

from ipmplint.rules import ipmp109_hybrid_mode_member as rule

PV0 = vsw("primary-vsw0", "primary", 10, "nxge0", 0)
PV1 = vsw("primary-vsw1", "primary", 11, "nxge1", 1)


def ldg1(mode0, grouped=True):
    vnets = (
        vnet("vnet0", "ldg1", PV0, 30, 0, "00:14:4f:fb:e0:4b", mode=mode0),
        vnet("vnet1", "ldg1", PV1, 31, 1, "00:14:4f:f8:e1:ea"),
    )
    members = (
        ("vnet0", "0:14:4f:fb:e0:4b", "192.168.1.10", "192.168.1.11"),
        ("vnet1", "0:14:4f:f8:e1:ea", None, "192.168.1.12"),
    )
    return server(
        {"primary": ((PV0, PV1), ()), "ldg1": ((), vnets)}, guest("ldg1", *members, group="ipmp0" if grouped else None)
    )


def test_hybrid_member_is_reported_at_its_vnet_row():
    found = run(rule, ldg1("hybrid"))
    assert where(found) == [("s/ldm-list-l.txt:30:5", "ldg1", "ipmp0", "vnet0")]
    assert found[0].nodes == ("vnet:ldg1/vnet0",)


def test_plain_vnets_and_vnets_outside_groups_are_fine():
    assert run(rule, ldg1(None)) == []
    assert run(rule, ldg1("hybrid", grouped=False)) == []
    assert needs_ldm(rule) == LDM_FILES


def test_a_plain_member_before_the_hybrid_one_does_not_end_the_walk():
    vnets = (
        vnet("vnet0", "ldg1", PV0, 30, 0, "00:14:4f:fb:e0:4b"),
        vnet("vnet1", "ldg1", PV1, 31, 1, "00:14:4f:f8:e1:ea", mode="hybrid"),
    )
    members = (
        ("vnet0", "0:14:4f:fb:e0:4b", "192.168.1.10", "192.168.1.11"),
        ("vnet1", "0:14:4f:f8:e1:ea", None, "192.168.1.12"),
    )
    srv = server({"primary": ((PV0, PV1), ()), "ldg1": ((), vnets)}, guest("ldg1", *members))
    found = run(rule, srv)
    assert where(found) == [("s/ldm-list-l.txt:31:5", "ldg1", "ipmp0", "vnet1")]
    assert "Turn it off (ldm set-vnet mode= vnet1 ldg1)" in found[0].message
