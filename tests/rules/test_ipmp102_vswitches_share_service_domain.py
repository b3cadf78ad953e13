"""IPMP102: distinct vsws all in one service domain; not raised when IPMP101 holds."""

from __future__ import annotations

from fixture_captures import captures
from rule_harness import check, found


def test_two_vsws_in_primary(tmp_path):
    report = check(tmp_path, "IPMP102", captures("fig-7-3-two-vsw-one-service-domain"))
    assert found(report) == [("ldm-list-l.txt", 50, 5, "primary")]


def test_two_service_domains_and_the_shared_vsw_case(tmp_path):
    assert check(tmp_path / "a", "IPMP102", captures("fig-7-4-vsw-in-two-service-domains")).findings == ()
    assert check(tmp_path / "b", "IPMP102", captures("ipmp101-vnets-share-vswitch")).findings == ()
