"""IPMP202: a probe-based group with no router and no host route on its test subnet."""

from __future__ import annotations

from failure_detection_captures import in_domain, ldm, netstat, route, seed_guest
from fixture_captures import captures
from rule_harness import check, found, skipped


def test_no_router_no_host_route(tmp_path):
    report = check(tmp_path, "IPMP202", captures("ipmp202-no-probe-targets"))
    assert found(report) == [("ldg1/ifconfig-a.txt", 3, 1, "192.168.102.0/24")]


def test_host_routes_are_targets_and_an_interface_route_is_not(tmp_path):
    assert check(tmp_path / "a", "IPMP202", captures("fig-7-4-vsw-in-two-service-domains")).findings == ()
    files = captures("fig-7-4-vsw-in-two-service-domains")
    files["ldg1/netstat-rn.txt"] = (
        "\n".join(line for line in files["ldg1/netstat-rn.txt"].splitlines() if "UGH" not in line) + "\n"
    )
    assert found(check(tmp_path / "b", "IPMP202", files)) == [("ldg1/ifconfig-a.txt", 3, 1, "192.168.102.0/24")]


def test_skipped_without_a_routing_table(tmp_path):
    files = captures("fig-7-4-vsw-in-two-service-domains")
    del files["ldg1/netstat-rn.txt"]
    report = check(tmp_path, "IPMP202", files)
    assert report.findings == () and skipped(report) == [("ldg1", ("ldg1/netstat-rn.txt",))]


def test_skipped_when_the_routing_table_shows_host_names(tmp_path):
    # `netstat -r` without -n: the rows name hosts, so no target can be told
    files = captures("fig-7-4-vsw-in-two-service-domains")
    names = {
        "192.168.102.0 ": "ldg1-net      ",
        "192.168.102.10 ": "ldg1          ",
        "192.168.102.11 ": "ldg1-test0    ",
        "192.168.102.12 ": "ldg1-test1    ",
        "192.168.102.1 ": "target1      ",
        "192.168.102.2 ": "target2      ",
        "224.0.0.0 ": "multicast ",
        "127.0.0.1 ": "localhost ",
    }
    text = files["ldg1/netstat-rn.txt"]
    for address, name in names.items():
        text = text.replace(address, name)
    files["ldg1/netstat-rn.txt"] = text
    report = check(tmp_path, "IPMP202", files)
    assert report.findings == () and skipped(report) == [("ldg1", ("ldg1/netstat-rn.txt",))]
    assert "host names" in report.skipped[0].reason


def test_a_domain_without_routes_does_not_end_the_check_of_the_next(tmp_path):
    """ldg1's routing table is missing (a Skip), the control domain's has no target on
    the test subnet: the control domain, judged after ldg1, is still judged."""
    files = in_domain("ldg1", seed_guest())
    del files["ldg1/netstat-rn.txt"]
    files.update(
        in_domain("primary", seed_guest(routes=netstat(route("192.168.102.0", "192.168.102.10", "U", "vnet0"))))
    )
    files["ldm-list-l.txt"] = ldm(linkprop=True)
    report = check(tmp_path, "IPMP202", files)
    assert found(report) == [("primary/ifconfig-a.txt", 3, 1, "192.168.102.0/24")]
    assert skipped(report) == [("ldg1", ("ldg1/netstat-rn.txt",))]


def test_an_unreadable_test_address_is_skipped_and_the_others_judged(tmp_path):
    """vnet0:1's test address is anonymised (no subnet can be told): a Skip naming it;
    vnet1's test address on 192.168.102.0/24, with host routes there, is fine."""
    files = seed_guest()
    files["ifconfig-a.txt"] = files["ifconfig-a.txt"].replace("192.168.102.11", "192.168.888.11")
    report = check(tmp_path, "IPMP202", files)
    assert report.findings == ()
    assert skipped(report) == [("host", ())]
    assert report.skipped[0].reason == (
        "group ipmp0 in host: test address 192.168.888.11 has no usable address or netmask, so its subnet is unknown"
    )


def test_a_subnet_with_targets_does_not_end_the_check_of_the_next(tmp_path):
    """Test addresses on two subnets: host routes on the first, nothing on the second."""
    report = check(tmp_path, "IPMP202", seed_guest(vnet1_address="192.168.103.12"))
    assert found(report) == [("ifconfig-a.txt", 3, 1, "192.168.103.0/24")]
    (finding,) = report.findings
    assert (finding.domain, finding.group, finding.nodes) == ("host", "ipmp0", ("group:host/ipmp0",))
    assert finding.message.startswith(
        "group ipmp0 in host probes from 192.168.103.0/24, but the routing table has no router on 192.168.103.0/24"
    )
