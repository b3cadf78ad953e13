"""IPMP101: two members of a group on one vsw; reported at the second vnet's ldm row."""

from __future__ import annotations

from fixture_captures import captures
from rule_harness import check, found


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
