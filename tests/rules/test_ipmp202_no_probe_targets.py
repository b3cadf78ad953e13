"""IPMP202: a probe-based group with no router and no host route on its test subnet."""

from __future__ import annotations

from fixture_captures import captures
from rule_harness import check, found, skipped


def test_no_router_no_host_route(tmp_path):
    report = check(tmp_path, "IPMP202", captures("ipmp202-no-probe-targets"))
    assert found(report) == [("ldg1/ifconfig-a.txt", 3, 1, "192.168.102.0/24")]


def test_host_routes_are_targets_and_an_interface_route_is_not(tmp_path):
    assert check(tmp_path / "a", "IPMP202", captures("fig-7-4-vsw-in-two-service-domains")).findings == ()
    files = captures("fig-7-4-vsw-in-two-service-domains")
    files["ldg1/netstat-rn.txt"] = "\n".join(
        line for line in files["ldg1/netstat-rn.txt"].splitlines() if "UGH" not in line) + "\n"
    assert found(check(tmp_path / "b", "IPMP202", files)) == [("ldg1/ifconfig-a.txt", 3, 1, "192.168.102.0/24")]


def test_skipped_without_a_routing_table(tmp_path):
    files = captures("fig-7-4-vsw-in-two-service-domains")
    del files["ldg1/netstat-rn.txt"]
    report = check(tmp_path, "IPMP202", files)
    assert report.findings == () and skipped(report) == [("ldg1", ("ldg1/netstat-rn.txt",))]


def test_skipped_when_the_routing_table_shows_host_names(tmp_path):
    # `netstat -r` without -n: the rows name hosts, so no target can be told
    files = captures("fig-7-4-vsw-in-two-service-domains")
    names = {"192.168.102.0 ": "ldg1-net      ", "192.168.102.10 ": "ldg1          ", "192.168.102.11 ": "ldg1-test0    ",
             "192.168.102.12 ": "ldg1-test1    ", "192.168.102.1 ": "target1      ", "192.168.102.2 ": "target2      ",
             "224.0.0.0 ": "multicast ", "127.0.0.1 ": "localhost "}
    text = files["ldg1/netstat-rn.txt"]
    for address, name in names.items():
        text = text.replace(address, name)
    files["ldg1/netstat-rn.txt"] = text
    report = check(tmp_path, "IPMP202", files)
    assert report.findings == () and skipped(report) == [("ldg1", ("ldg1/netstat-rn.txt",))]
    assert "host names" in report.skipped[0].reason
