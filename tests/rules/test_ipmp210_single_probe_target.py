"""IPMP210: one router as a probe-based group's only target."""

from __future__ import annotations

from failure_detection_captures import in_domain, ldm, netstat, route, seed_guest
from rule_harness import check, found, skipped

SUBNET = route("192.168.102.0", "192.168.102.10", "U", "vnet0")
ROUTER = route("default", "192.168.102.1", "UG")
TARGETS = (
    "INTERFACE   MODE       TESTADDR            TARGETS\n"
    "vnet0       routes     192.168.102.11      {0}\n"
    "vnet1       routes     192.168.102.12      {1}\n"
)


def test_the_default_router_alone(tmp_path):
    report = check(tmp_path, "IPMP210", seed_guest(routes=netstat(ROUTER, SUBNET)))
    assert found(report) == [("netstat-rn.txt", 5, 1, "192.168.102.1")]
    (finding,) = report.findings
    assert (finding.domain, finding.group) == ("host", "ipmp0")
    assert finding.nodes == ("group:host/ipmp0",)


def test_host_routes_beside_the_router(tmp_path):
    routes = netstat(ROUTER, SUBNET, route("192.168.102.2", "192.168.102.2", "UGH", "vnet0"))
    assert check(tmp_path, "IPMP210", seed_guest(routes=routes)).findings == ()


def test_a_router_off_the_test_subnet_is_no_target_here(tmp_path):
    routes = netstat(route("default", "10.1.1.1", "UG"), SUBNET)  # no target at all: IPMP202's
    assert check(tmp_path, "IPMP210", seed_guest(routes=routes)).findings == ()


def test_ipmpstat_targets_in_use(tmp_path):
    files = {
        **seed_guest(routes=netstat(ROUTER, SUBNET)),
        "ipmpstat-t.txt": TARGETS.format("192.168.102.1", "192.168.102.1"),
    }
    assert found(check(tmp_path, "IPMP210", files)) == [("ipmpstat-t.txt", 2, 1, "192.168.102.1")]
    files["ipmpstat-t.txt"] = TARGETS.format("192.168.102.1 192.168.102.7", "192.168.102.7 192.168.102.1")
    assert check(tmp_path, "IPMP210", files).findings == ()


def test_one_chosen_host_route_in_use_is_the_administrators_choice(tmp_path):
    files = {
        **seed_guest(routes=netstat(SUBNET, route("192.168.102.2", "192.168.102.2", "UGH", "vnet0"))),
        "ipmpstat-t.txt": TARGETS.format("192.168.102.2", "192.168.102.2"),
    }
    assert check(tmp_path, "IPMP210", files).findings == ()


def test_skipped_without_routing_table(tmp_path):
    files = seed_guest()
    del files["netstat-rn.txt"]
    report = check(tmp_path, "IPMP210", files)
    assert report.findings == ()
    assert skipped(report) == [("host", ("netstat-rn.txt",))]


def test_a_domain_without_routes_does_not_end_the_check_of_the_next(tmp_path):
    """ldg1's routing table is missing (a Skip); the control domain's, judged after it,
    has the default router alone."""
    files = in_domain("ldg1", seed_guest())
    del files["ldg1/netstat-rn.txt"]
    files.update(in_domain("primary", seed_guest(routes=netstat(ROUTER, SUBNET))))
    files["ldm-list-l.txt"] = ldm(linkprop=True)
    report = check(tmp_path, "IPMP210", files)
    assert found(report) == [("primary/netstat-rn.txt", 5, 1, "192.168.102.1")]
    assert skipped(report) == [("ldg1", ("ldg1/netstat-rn.txt",))]


def test_two_routers_on_the_test_subnet_are_two_targets(tmp_path):
    routes = netstat(ROUTER, route("10.0.0.0", "192.168.102.254", "UG"), SUBNET)
    assert check(tmp_path, "IPMP210", seed_guest(routes=routes)).findings == ()


def test_one_host_route_alone_is_not_this_rule(tmp_path):
    """A single host route is a target the administrator chose, not a router."""
    routes = netstat(SUBNET, route("192.168.102.2", "192.168.102.2", "UGH", "vnet0"))
    assert check(tmp_path, "IPMP210", seed_guest(routes=routes)).findings == ()


def test_a_group_found_by_its_ipmpstat_targets_does_not_end_the_check_of_the_next(tmp_path):
    """ldg1's members probe one target (ipmpstat); the control domain, judged after it,
    has the default router alone."""
    files = in_domain(
        "ldg1",
        {
            **seed_guest(routes=netstat(ROUTER, SUBNET)),
            "ipmpstat-t.txt": TARGETS.format("192.168.102.1", "192.168.102.1"),
        },
    )
    files.update(in_domain("primary", seed_guest(routes=netstat(ROUTER, SUBNET))))
    files["ldm-list-l.txt"] = ldm(linkprop=True)
    report = check(tmp_path, "IPMP210", files)
    assert found(report) == [
        ("ldg1/ipmpstat-t.txt", 2, 1, "192.168.102.1"),
        ("primary/netstat-rn.txt", 5, 1, "192.168.102.1"),
    ]
    assert "its members (vnet0, vnet1) all probe one target, 192.168.102.1" in report.findings[0].message


def test_a_subnet_with_two_targets_does_not_end_the_check_of_the_next(tmp_path):
    """Test addresses on two subnets: two host routes on the first, a router alone on the second."""
    routes = netstat(
        SUBNET,
        route("192.168.102.1", "192.168.102.1", "UGH", "vnet0"),
        route("192.168.102.2", "192.168.102.2", "UGH", "vnet0"),
        route("default", "192.168.103.1", "UG"),
    )
    report = check(tmp_path, "IPMP210", seed_guest(vnet1_address="192.168.103.12", routes=routes))
    assert found(report) == [("netstat-rn.txt", 8, 1, "192.168.103.1")]
    assert report.findings[0].message.startswith(
        "group ipmp0 in host: the only probe target on 192.168.103.0/24 is the router 192.168.103.1"
    )
