"""IPMP108: more vnets on one vsw than the threshold (32 by default, an option)."""

from __future__ import annotations

from ldoms_models import LDM_FILES, needs_ldm, run, server, vnet, vsw, where

from ipmplint.rules import ipmp108_vswitch_overloaded as rule

PV0 = vsw("primary-vsw0", "primary", 10, "e1000g0", 0)
PV1 = vsw("primary-vsw1", "primary", 11, "e1000g1", 1)


def bound(count, switch=PV0, domain="ldg2"):
    return tuple(vnet(f"vnet{i}", domain, switch, 40 + i, i, f"00:14:4f:f8:00:{i:02x}") for i in range(count))


def test_thirty_three_vnets_on_one_vsw_are_reported_at_the_vsw():
    srv = server({"primary": ((PV0, PV1), ()), "ldg1": ((), bound(1, domain="ldg1")), "ldg2": ((), bound(32))})
    found = run(rule, srv)
    assert where(found) == [("s/ldm-list-l.txt:10:5", "primary", None, "primary-vsw0@primary")]
    assert "33 vnets (of 2 domains)" in found[0].message
    assert found[0].nodes == ("vsw:primary/primary-vsw0",)


def test_thirty_two_are_fine_and_the_threshold_is_an_option():
    assert run(rule, server({"primary": ((PV0,), ()), "ldg2": ((), bound(32))})) == []
    srv = server({"primary": ((PV0,), ()), "ldg2": ((), bound(33))})
    assert run(rule, srv, **{"max-vnets": 40}) == []
    assert len(run(rule, srv, **{"max-vnets": 8})) == 1


def test_vnets_on_other_vsws_do_not_count():
    srv = server({"primary": ((PV0, PV1), ()), "ldg2": ((), bound(20)), "ldg3": ((), bound(20, PV1, "ldg3"))})
    assert run(rule, srv) == []
    assert needs_ldm(rule) == LDM_FILES


def test_a_vsw_within_the_limit_does_not_end_the_walk_and_one_domain_is_singular():
    """primary-vsw1 (listed first, one vnet) is fine; primary-vsw0's 33 vnets, all of ldg2,
    are reported."""
    srv = server({"primary": ((PV1, PV0), ()), "ldg1": ((), bound(1, PV1, "ldg1")), "ldg2": ((), bound(33))})
    found = run(rule, srv)
    assert where(found) == [("s/ldm-list-l.txt:10:5", "primary", None, "primary-vsw0@primary")]
    assert "serves 33 vnets (of 1 domain), more than 32:" in found[0].message
