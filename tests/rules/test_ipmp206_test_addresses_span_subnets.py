"""IPMP206: all test addresses of a group on one subnet."""

from __future__ import annotations

from failure_detection_captures import TEST, seed_guest, stanza
from rule_harness import check, found, skipped


def test_test_address_on_another_subnet(tmp_path):
    report = check(tmp_path, "IPMP206", seed_guest(vnet1_address="192.168.103.12"))
    assert found(report) == [("ifconfig-a.txt", 10, 14, "192.168.103.12")]
    (finding,) = report.findings
    assert (finding.domain, finding.group) == ("host", "ipmp0")
    assert "192.168.103.0/24" in finding.message and "192.168.102.0/24" in finding.message
    assert finding.nodes == ("group:host/ipmp0", "interface:host/vnet1")


def test_one_subnet_is_clean(tmp_path):
    assert check(tmp_path, "IPMP206", seed_guest()).findings == ()


def test_the_subnet_most_test_addresses_share_is_the_groups(tmp_path):
    files = seed_guest(vnet1_address="192.168.103.12")
    files["ifconfig-a.txt"] += stanza("vnet2", TEST, "192.168.103.13", 4, "ipmp0", "0:14:4f:f8:aa:1")
    assert found(check(tmp_path, "IPMP206", files)) == [("ifconfig-a.txt", 8, 14, "192.168.102.11")]


def test_a_different_netmask_is_a_different_subnet(tmp_path):
    files = seed_guest()
    files["ifconfig-a.txt"] = files["ifconfig-a.txt"].replace(
        "inet 192.168.102.12 netmask ffffff00", "inet 192.168.102.12 netmask ffff0000"
    )
    assert found(check(tmp_path, "IPMP206", files)) == [("ifconfig-a.txt", 10, 14, "192.168.102.12")]


def test_unknown_netmask_is_skipped(tmp_path):
    files = {
        "etc/hostname.vnet0": (
            "192.168.102.10 netmask + broadcast + group ipmp0 up \\\n"
            "addif 192.168.102.11 deprecated -failover netmask + broadcast + up\n"
        ),
        "etc/hostname.vnet1": "192.168.103.12 deprecated -failover netmask + broadcast + group ipmp0 up\n",
    }
    report = check(tmp_path, "IPMP206", files)  # no /etc/netmasks: `netmask +` gives no prefix
    assert report.findings == ()
    assert skipped(report) == [("host", ())]
    files["etc/netmasks"] = "192.168.102.0\t255.255.255.0\n192.168.103.0\t255.255.255.0\n"
    assert found(check(tmp_path, "IPMP206", files)) == [("etc/hostname.vnet1", 1, 1, "192.168.103.12")]
