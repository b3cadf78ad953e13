"""IPMP208: a seed-shaped host route (route add -host T T) off the test subnet."""

from __future__ import annotations

from failure_detection_captures import DATA, netstat, route, seed_guest, stanza
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
