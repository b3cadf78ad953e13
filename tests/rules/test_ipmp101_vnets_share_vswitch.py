"""IPMP101: two members of a group on one vsw; reported at the second vnet's ldm row."""

from __future__ import annotations

from attrs import evolve
from fixture_captures import captures
from ldoms_models import guest, run, server, vnet, vsw, where
from rule_harness import check, found

from ipmplint.rules import ipmp101_vnets_share_vswitch as rule


def test_both_vnets_on_one_vsw(tmp_path):
    report = check(tmp_path, "IPMP101", captures("ipmp101-vnets-share-vswitch"))
    assert found(report) == [("ldm-list-l.txt", 49, 5, "primary-vsw0@primary")]
    assert report.findings[0].nodes == ("vsw:primary/primary-vsw0",)


def test_separate_vsws_are_fine(tmp_path):
    assert check(tmp_path, "IPMP101", captures("fig-7-3-two-vsw-one-service-domain")).findings == ()


def test_an_unmatched_member_leaves_the_group_to_ipmp105(tmp_path):
    files = captures("ipmp101-vnets-share-vswitch")
    files["ldg1/ifconfig-a.txt"] = files["ldg1/ifconfig-a.txt"].replace("0:14:4f:f8:dd:68", "0:14:4f:0:0:99")
    assert check(tmp_path, "IPMP101", files).findings == ()


# -- model-level: which vnets, which row, and the vsw however ldm names the SERVICE ------

PV0 = vsw("primary-vsw0", "primary", 10, "e1000g0", 0)
AV0 = vsw("alternate-vsw0", "alternate", 20, "nxge0", 0)
LDM_MACS = ("00:14:4f:f8:91:4f", "00:14:4f:f8:dd:68", "00:14:4f:f8:dd:69")
IF_MACS = ("0:14:4f:f8:91:4f", "0:14:4f:f8:dd:68", "0:14:4f:f8:dd:69")


def ldg1(*switches, vswitches=None, **vnet_fields):
    """ldg1 with one vnet per switch (vnetN on switches[N]), all in group ipmp0."""
    vnets = tuple(
        evolve(vnet(f"vnet{i}", "ldg1", sw, 30 + i, i, LDM_MACS[i]), **vnet_fields) for i, sw in enumerate(switches)
    )
    members = tuple((f"vnet{i}", IF_MACS[i], None, f"192.168.102.{11 + i}") for i in range(len(switches)))
    listed = vswitches if vswitches is not None else tuple(dict.fromkeys(switches))
    by_domain: dict = {}
    for sw in listed:
        by_domain.setdefault(sw.domain, []).append(sw)
    ldm = {d: (tuple(sws), ()) for d, sws in by_domain.items()}
    ldm["ldg1"] = ((), vnets)
    return server(ldm, guest("ldg1", *members))


def test_three_members_on_one_vsw_are_reported_once_at_the_last_vnet():
    (problem,) = run(rule, ldg1(PV0, PV0, PV0))
    assert where([problem]) == [("s/ldm-list-l.txt:32:5", "ldg1", "ipmp0", "primary-vsw0@primary")]
    assert problem.message.startswith(
        "group ipmp0 in ldg1: members vnet0 (vnet0), vnet1 (vnet1), vnet2 (vnet2) "
        "are vnets on the same virtual switch primary-vsw0@primary;"
    )
    assert problem.nodes == ("vsw:primary/primary-vsw0",)


def test_two_of_three_on_one_vsw_name_those_two():
    (problem,) = run(rule, ldg1(PV0, AV0, PV0))
    assert where([problem]) == [("s/ldm-list-l.txt:32:5", "ldg1", "ipmp0", "primary-vsw0@primary")]
    assert "members vnet0 (vnet0), vnet2 (vnet2) are vnets" in problem.message


def test_a_service_without_its_domain_takes_the_domain_of_the_one_vsw_of_that_name():
    """A listing whose SERVICE column names the vsw alone (no @domain): the vsw that ldm
    lists under that name, in primary, is the one shared."""
    (problem,) = run(rule, ldg1(PV0, PV0, service_domain=None))
    assert where([problem]) == [("s/ldm-list-l.txt:31:5", "ldg1", "ipmp0", "primary-vsw0@primary")]
    assert problem.nodes == ("vsw:primary/primary-vsw0",)


def test_a_vsw_ldm_does_not_list_is_named_by_the_service_alone():
    """Neither the vsw's domain (SERVICE without @domain) nor the vsw itself (not in the
    listing): the members still share the one SERVICE they name."""
    (problem,) = run(rule, ldg1(PV0, PV0, vswitches=(AV0,), service_domain=None))
    assert where([problem]) == [("s/ldm-list-l.txt:31:5", "ldg1", "ipmp0", "primary-vsw0")]
    assert "on the same virtual switch primary-vsw0;" in problem.message
    assert problem.nodes == ("vsw:/primary-vsw0",)
