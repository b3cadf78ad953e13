"""IPMP211: test addresses on a subnet other than the data addresses'."""

from __future__ import annotations

from failure_detection_captures import DATA, TEST, TEST_STANDBY, ifconfig, netstat, route, seed_guest, stanza
from rule_harness import check, found

ROUTES = netstat(
    route("192.168.1.0", "192.168.1.10", "U", "vnet0"),
    route("192.168.102.1", "192.168.102.1", "UGH", "vnet0:1"),
    route("192.168.102.2", "192.168.102.2", "UGH", "vnet0:1"),
)


def guest(data: str = "192.168.1.10", vnet1: str = "192.168.102.12") -> dict[str, str]:
    return {
        "ifconfig-a.txt": ifconfig(
            stanza("vnet0", DATA, data, 2, "ipmp0", "0:14:4f:f8:91:4f"),
            stanza("vnet0:1", TEST, "192.168.102.11", 2),
            stanza("vnet1", TEST_STANDBY, vnet1, 3, "ipmp0", "0:14:4f:f8:dd:68"),
        ),
        "netstat-rn.txt": ROUTES,
    }


def test_test_subnet_differs_from_data_subnet(tmp_path):
    report = check(tmp_path, "IPMP211", guest())
    assert found(report) == [("ifconfig-a.txt", 8, 14, "192.168.102.0/24")]
    (finding,) = report.findings
    assert (finding.domain, finding.group) == ("host", "ipmp0")
    assert "192.168.1.0/24" in finding.message and "192.168.102.1, 192.168.102.2" in finding.message


def test_test_addresses_on_the_data_subnet(tmp_path):
    assert check(tmp_path, "IPMP211", seed_guest()).findings == ()


def test_test_addresses_spanning_subnets_are_ipmp206s(tmp_path):
    assert check(tmp_path, "IPMP211", guest(vnet1="192.168.103.12")).findings == ()


def test_no_data_address_to_compare(tmp_path):
    files = guest()
    files["ifconfig-a.txt"] = ifconfig(
        stanza("vnet0", TEST, "192.168.102.11", 2, "ipmp0"), stanza("vnet1", TEST_STANDBY, "192.168.102.12", 3, "ipmp0")
    )
    assert check(tmp_path, "IPMP211", files).findings == ()
