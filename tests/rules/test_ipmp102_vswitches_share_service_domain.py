"""IPMP102: distinct vsws all in one service domain; not raised when IPMP101 holds."""

from __future__ import annotations

from attrs import evolve
from fixture_captures import captures
from ldoms_models import domain, guest, lif, run, server, vnet, vsw, where
from rule_harness import check, found

from ipmplint.rules import ipmp102_vswitches_share_service_domain as rule


def test_two_vsws_in_primary(tmp_path):
    report = check(tmp_path, "IPMP102", captures("fig-7-3-two-vsw-one-service-domain"))
    assert found(report) == [("ldm-list-l.txt", 50, 5, "primary")]


def test_two_service_domains_and_the_shared_vsw_case(tmp_path):
    assert check(tmp_path / "a", "IPMP102", captures("fig-7-4-vsw-in-two-service-domains")).findings == ()
    assert check(tmp_path / "b", "IPMP102", captures("ipmp101-vnets-share-vswitch")).findings == ()


# -- model-level: which groups are judged, at which row, in which words --------------------

PV0 = vsw("primary-vsw0", "primary", 10, "e1000g0", 0)
PV1 = vsw("primary-vsw1", "primary", 11, "e1000g1", 1)
PV2 = vsw("primary-vsw2", "primary", 12, "e1000g2", 2)
AV0 = vsw("alternate-vsw0", "alternate", 20, "nxge0", 0)
LDM_MACS = ("00:14:4f:f8:91:4f", "00:14:4f:f8:dd:68", "00:14:4f:f8:dd:69")
IF_MACS = ("0:14:4f:f8:91:4f", "0:14:4f:f8:dd:68", "0:14:4f:f8:dd:69")


def vnets_on(name, first_line, *switches, **fields):
    """The vnets of guest ``name`` (vnetN on switches[N]) and the guest, all in ipmp0."""
    vnets = tuple(
        evolve(vnet(f"vnet{i}", name, sw, first_line + i, i, LDM_MACS[i]), **fields) for i, sw in enumerate(switches)
    )
    members = tuple((f"vnet{i}", IF_MACS[i], None, f"192.168.102.{11 + i}") for i in range(len(switches)))
    return vnets, guest(name, *members)


def guests(*each, vswitches=(PV0, PV1, PV2, AV0)):
    """A server of guests, each given as (its vnets, its capture)."""
    ldm = {}
    for sw in vswitches:
        ldm.setdefault(sw.domain, ([], ()))[0].append(sw)
    ldm = {d: (tuple(sws), vnets) for d, (sws, vnets) in ldm.items()}
    for vnets, dc in each:
        ldm[dc.name] = ((), vnets)
    return server(ldm, *(dc for _, dc in each))


def test_three_vsws_of_primary_are_named_in_order_and_reported_at_the_last_vnet():
    (problem,) = run(rule, guests(vnets_on("ldg1", 30, PV2, PV0, PV1)))
    assert where([problem]) == [("s/ldm-list-l.txt:32:5", "ldg1", "ipmp0", "primary")]
    assert problem.message.startswith(
        "group ipmp0 in ldg1: its vsws (primary-vsw0, primary-vsw1, primary-vsw2) "
        "are all in service domain primary; a crash, reboot or upgrade of "
        "primary takes the whole group down."
    )
    assert problem.nodes == ("domain:primary",)


def test_a_one_member_group_has_one_vsw_and_is_not_this_rule():
    assert run(rule, guests(vnets_on("ldg1", 30, PV0))) == []


def test_a_physical_member_beside_the_vnets_is_a_path_outside_primary():
    """ldg1 owns NIC nxge4 (direct I/O) besides its vnets on two vsws of primary: the
    group has a member no service domain carries."""
    vnets, _ = vnets_on("ldg1", 30, PV0, PV1)
    ldg1 = domain(
        "ldg1",
        lif("ldg1", "vnet0", 3, "192.168.102.10", group="ipmp0", mac=IF_MACS[0]),
        lif("ldg1", "vnet1", 7, "192.168.102.11", "DEPRECATED", "NOFAILOVER", group="ipmp0", mac=IF_MACS[1]),
        lif("ldg1", "nxge4", 11, "192.168.102.12", "DEPRECATED", "NOFAILOVER", group="ipmp0", mac="0:21:28:1a:2b:3c"),
    )
    assert run(rule, guests((vnets, ldg1))) == []


def test_two_members_on_one_vsw_leave_the_group_to_ipmp101_even_with_a_third_vsw():
    assert run(rule, guests(vnets_on("ldg1", 30, PV0, PV0, PV1))) == []


def test_vsws_ldm_does_not_list_under_a_service_without_domain_are_not_judged():
    """SERVICE names the vsws alone (no @domain) and ldm lists no vsw of those names:
    which domain serves them is unknown."""
    assert run(rule, guests(vnets_on("ldg1", 30, PV0, PV1, service_domain=None), vswitches=(AV0,))) == []


def test_a_group_left_out_does_not_end_the_walk_over_the_others():
    """ldg1's group is IPMP101's (one vsw twice), ldg2's spans two service domains: both
    are passed over, and ldg3's, on two vsws of primary, is still reported."""
    found = run(
        rule, guests(vnets_on("ldg1", 30, PV0, PV0), vnets_on("ldg2", 40, PV0, AV0), vnets_on("ldg3", 50, PV0, PV1))
    )
    assert where(found) == [("s/ldm-list-l.txt:51:5", "ldg3", "ipmp0", "primary")]
