"""IPMP208: a seed-shaped host route (route add -host T T) off the test subnet."""

from __future__ import annotations

from failure_detection_captures import DATA, TEST, ifconfig, in_domain, ldm, netstat, route, seed_guest, stanza
from rule_harness import check, found, skipped

ON_SUBNET = (
    route("192.168.102.0", "192.168.102.10", "U", "vnet0"),
    route("192.168.102.1", "192.168.102.1", "UGH", "vnet0"),
    route("192.168.102.2", "192.168.102.2", "UGH", "vnet0"),
)


def guest(*rows: str) -> dict[str, str]:
    files = seed_guest(routes=netstat(*ON_SUBNET, *rows))
    files["ifconfig-a.txt"] += stanza("vnet2", DATA, "10.1.1.30", 4, mac="0:14:4f:fa:e:51")
    return files


def test_host_route_off_the_test_subnet(tmp_path):
    report = check(
        tmp_path,
        "IPMP208",
        guest(route("10.1.1.0", "10.1.1.30", "U", "vnet2"), route("10.1.1.1", "10.1.1.1", "UGH", "vnet2")),
    )
    assert found(report) == [("netstat-rn.txt", 9, 1, "10.1.1.1")]
    (finding,) = report.findings
    assert (finding.domain, finding.group) == ("host", "ipmp0")
    assert "192.168.102.0/24" in finding.message


def test_targets_on_the_test_subnet_are_clean(tmp_path):
    assert check(tmp_path, "IPMP208", guest()).findings == ()


def test_other_host_routes_are_not_probe_targets(tmp_path):
    rows = (
        route("10.1.1.7", "10.1.1.1", "UGH", "vnet2"),  # through a gateway: an ordinary route
        route("10.1.1.8", "10.1.1.8", "UGHD", "vnet2"),  # learned from a redirect
        route("224.0.0.1", "224.0.0.1", "UH", "vnet2"),
    )
    assert check(tmp_path, "IPMP208", guest(*rows)).findings == ()


def test_domain_without_probe_based_group_is_not_judged(tmp_path):
    files = guest(route("10.1.1.1", "10.1.1.1", "UGH", "vnet2"))
    files["ifconfig-a.txt"] = files["ifconfig-a.txt"].replace("NOFAILOVER", "")
    assert check(tmp_path, "IPMP208", files).findings == ()


def test_skipped_without_routing_table(tmp_path):
    files = guest()
    del files["netstat-rn.txt"]
    report = check(tmp_path, "IPMP208", files)
    assert report.findings == ()
    assert skipped(report) == [("host", ("netstat-rn.txt",))]


def test_skipped_when_a_test_subnet_is_unknown(tmp_path):
    files = {
        "etc/hostname.vnet0": "192.168.102.11 deprecated -failover netmask + broadcast + group ipmp0 up\n",
        "etc/hostname.vnet1": "192.168.102.12 deprecated -failover netmask + broadcast + group ipmp0 up\n",
        "netstat-rn.txt": netstat(route("10.1.1.1", "10.1.1.1", "UGH", "vnet2")),
    }
    report = check(tmp_path, "IPMP208", files)
    assert report.findings == ()
    assert skipped(report) == [("host", ())]


OFF_SUBNET = (route("10.1.1.0", "10.1.1.30", "U", "vnet2"), route("10.1.1.1", "10.1.1.1", "UGH", "vnet2"))


def test_the_message_names_the_group_and_the_finding_its_node(tmp_path):
    (finding,) = check(tmp_path, "IPMP208", guest(*OFF_SUBNET)).findings
    assert finding.message == (
        "in host: host route 10.1.1.1 via 10.1.1.1 is set up like a probe target, but it "
        "is not on group ipmp0's test subnet 192.168.102.0/24: in.mpathd probes only "
        "targets on the test subnet and never uses it. Add host routes to targets on the "
        "test subnet instead"
    )
    assert finding.nodes == ("group:host/ipmp0",)


def two_groups(via: str) -> dict[str, str]:
    """ipmp0 probing on 192.168.102.0/24, ipmp1 on 10.1.1.0/24, and a seed-shaped host
    route to 172.16.0.1 leaving by ``via``."""
    return {
        "ifconfig-a.txt": ifconfig(
            stanza("vnet0", DATA, "192.168.102.10", 2, "ipmp0", "0:14:4f:f8:91:4f"),
            stanza("vnet0:1", TEST, "192.168.102.11", 2),
            stanza("vnet1", TEST, "192.168.102.12", 3, "ipmp0", "0:14:4f:f8:dd:68"),
            stanza("vnet2", DATA, "10.1.1.30", 4, "ipmp1", "0:14:4f:fa:e:51"),
            stanza("vnet2:1", TEST, "10.1.1.31", 4),
            stanza("vnet3", TEST, "10.1.1.32", 5, "ipmp1", "0:14:4f:fa:e:52"),
        ),
        "netstat-rn.txt": netstat(
            route("192.168.102.0", "192.168.102.10", "U", "vnet0"),
            route("10.1.1.0", "10.1.1.30", "U", "vnet2"),
            route("172.16.0.1", "172.16.0.1", "UGH", via),
        ),
    }


def test_a_route_on_a_logical_interface_belongs_to_its_members_group(tmp_path):
    (finding,) = check(tmp_path, "IPMP208", two_groups("vnet3:1")).findings
    assert (finding.group, finding.object, finding.nodes) == ("ipmp1", "172.16.0.1", ("group:host/ipmp1",))
    assert "not on group ipmp1's test subnet 10.1.1.0/24:" in finding.message


def test_a_route_of_no_group_in_a_domain_of_two_groups(tmp_path):
    (finding,) = check(tmp_path, "IPMP208", two_groups("vnet9")).findings
    assert (finding.group, finding.object, finding.nodes) == (None, "172.16.0.1", ("domain:host",))
    assert "not on any test subnet (192.168.102.0/24, 10.1.1.0/24):" in finding.message


UNKNOWN_SUBNETS = {
    "etc/hostname.vnet0": "192.168.102.11 deprecated -failover netmask + broadcast + group ipmp0 up\n",
    "etc/hostname.vnet1": "192.168.102.12 deprecated -failover netmask + broadcast + group ipmp0 up\n",
    "netstat-rn.txt": netstat(route("10.1.1.1", "10.1.1.1", "UGH", "vnet2")),
}


def test_the_skip_names_the_first_test_address_of_unknown_subnet(tmp_path):
    (skip,) = check(tmp_path, "IPMP208", UNKNOWN_SUBNETS).skipped
    assert skip.reason == (
        "domain host: the subnet of test address 192.168.102.11 is unknown (no netmask), so "
        "whether host routes lie on a test subnet cannot be told"
    )


def test_a_domain_passed_over_does_not_end_the_check_of_the_next(tmp_path):
    """ldg1 is judged before primary: its missing routing table, or its test subnet
    that cannot be told, leaves primary's off-subnet host route still reported."""
    no_routes = {name: text for name, text in guest().items() if name != "netstat-rn.txt"}
    for case, ldg1 in (("no-routes", no_routes), ("unknown-subnet", UNKNOWN_SUBNETS)):
        files = {
            **in_domain("ldg1", ldg1),
            **in_domain("primary", guest(*OFF_SUBNET)),
            "ldm-list-l.txt": ldm(linkprop=True),
        }
        report = check(tmp_path / case, "IPMP208", files)
        assert found(report) == [("primary/netstat-rn.txt", 9, 1, "10.1.1.1")]
        assert [k.domain for k in report.skipped] == ["ldg1"]


IPMP = ("8011000803", "UP,BROADCAST,MULTICAST,IPv4,IPMP")


def test_a_route_on_the_ipmp_interface_belongs_to_its_group(tmp_path):
    """Solaris 11: the route leaves by the IPMP interface ipmp1 itself, no member."""
    files = {
        "ifconfig-a.txt": ifconfig(
            stanza("ipmp0", IPMP, "192.168.102.10", 4, "ipmp0"),
            stanza("net0", TEST, "192.168.102.11", 2, "ipmp0", "0:14:4f:f8:91:4f"),
            stanza("net1", TEST, "192.168.102.12", 3, "ipmp0", "0:14:4f:f8:dd:68"),
            stanza("ipmp1", IPMP, "10.1.1.30", 7, "ipmp1"),
            stanza("net2", TEST, "10.1.1.31", 5, "ipmp1", "0:14:4f:fa:e:51"),
            stanza("net3", TEST, "10.1.1.32", 6, "ipmp1", "0:14:4f:fa:e:52"),
        ),
        "netstat-rn.txt": netstat(
            route("192.168.102.0", "192.168.102.10", "U", "ipmp0"),
            route("10.1.1.0", "10.1.1.30", "U", "ipmp1"),
            route("172.16.0.1", "172.16.0.1", "UGH", "ipmp1"),
        ),
    }
    (finding,) = check(tmp_path, "IPMP208", files).findings
    assert (finding.group, finding.object, finding.nodes) == ("ipmp1", "172.16.0.1", ("group:host/ipmp1",))
