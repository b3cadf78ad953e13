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


def test_test_addresses_of_unknown_subnet_are_not_compared(tmp_path):
    """Both test addresses anonymised: no test subnet is known, so there is nothing to
    compare with the data subnet."""
    files = guest()
    files["ifconfig-a.txt"] = files["ifconfig-a.txt"].replace("192.168.102.1", "192.168.888.1")
    assert check(tmp_path, "IPMP211", files).findings == ()


def two_groups(ipmp0_data: str, ipmp0_vnet1: str) -> dict[str, str]:
    """ipmp0 on vnet0/vnet1 as given, ipmp1 on vnet2/vnet3 probing from 192.168.102.0/24
    with its data address on 192.168.2.0/24."""
    return {
        "ifconfig-a.txt": ifconfig(
            stanza("vnet0", DATA, ipmp0_data, 2, "ipmp0", "0:14:4f:f8:91:4f"),
            stanza("vnet0:1", TEST, "192.168.102.11", 2),
            stanza("vnet1", TEST_STANDBY, ipmp0_vnet1, 3, "ipmp0", "0:14:4f:f8:dd:68"),
            stanza("vnet2", DATA, "192.168.2.10", 4, "ipmp1", "0:14:4f:f8:91:50"),
            stanza("vnet2:1", TEST, "192.168.102.21", 4),
            stanza("vnet3", TEST_STANDBY, "192.168.102.22", 5, "ipmp1", "0:14:4f:f8:dd:69"),
        ),
        "netstat-rn.txt": ROUTES,
    }


def test_a_group_passed_over_does_not_end_the_domain(tmp_path):
    """ipmp0, judged first, probes from two subnets (IPMP206's) or from its data
    subnet: ipmp1 after it is still reported."""
    for case, (data, vnet1) in {
        "two-subnets": ("192.168.102.10", "192.168.103.12"),
        "data-subnet": ("192.168.102.10", "192.168.102.12"),
    }.items():
        report = check(tmp_path / case, "IPMP211", two_groups(data, vnet1))
        assert found(report) == [("ifconfig-a.txt", 18, 14, "192.168.102.0/24")]
        assert report.findings[0].group == "ipmp1"


def test_a_test_address_of_unknown_subnet_before_the_known_one(tmp_path):
    """vnet0:1's test address is anonymised (its subnet unknown): the finding points at
    vnet1's, the first on the test subnet."""
    files = guest()
    files["ifconfig-a.txt"] = files["ifconfig-a.txt"].replace("192.168.102.11", "192.168.888.11")
    assert found(check(tmp_path, "IPMP211", files)) == [("ifconfig-a.txt", 10, 14, "192.168.102.0/24")]
