"""IPMP105: a vnet member matched neither by MAC nor by instance."""

from __future__ import annotations

from fixture_captures import captures
from rule_harness import check, found


def test_unmatched_vnet2(tmp_path):
    report = check(tmp_path, "IPMP105", captures("ipmp105-vnet-not-matched"))
    assert found(report) == [("ldg1/ifconfig-a.txt", 9, 1, "vnet2")]
    assert "network@2" in report.findings[0].message


def test_mac_mismatch_is_explained_with_both_macs(tmp_path):
    files = captures("fig-7-4-vsw-in-two-service-domains")
    files["ldg1/ifconfig-a.txt"] = files["ldg1/ifconfig-a.txt"].replace("0:14:4f:f8:dd:68", "0:14:4f:0:0:99")
    report = check(tmp_path, "IPMP105", files)
    assert found(report) == [("ldg1/ifconfig-a.txt", 9, 1, "vnet1")]
    assert "00:14:4f:00:00:99" in report.findings[0].message and "00:14:4f:f8:dd:68" in report.findings[0].message


def test_matched_by_mac_or_instance(tmp_path):
    assert check(tmp_path, "IPMP105", captures("fig-7-4-vsw-in-two-service-domains")).findings == ()
