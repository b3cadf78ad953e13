"""IPMP205: Solaris 10 test addresses must be deprecated."""

from __future__ import annotations

from failure_detection_captures import DATA, TEST, TEST_NOT_DEPRECATED, ifconfig, seed_guest, stanza
from rule_harness import check, found

SOLARIS10 = {"etc/hostname.vnet1": "192.168.102.12 deprecated -failover netmask + broadcast + group ipmp0 standby up\n"}


def test_test_address_without_deprecated(tmp_path):
    report = check(tmp_path, "IPMP205", {**seed_guest(vnet0_test_flags=TEST_NOT_DEPRECATED), **SOLARIS10})
    assert found(report) == [("ifconfig-a.txt", 8, 14, "192.168.102.11")]
    (finding,) = report.findings
    assert (finding.domain, finding.group) == ("host", "ipmp0")
    assert "vnet0:1" in finding.message and "Solaris 10" in finding.message


def test_deprecated_test_addresses_are_clean(tmp_path):
    assert check(tmp_path, "IPMP205", {**seed_guest(), **SOLARIS10}).findings == ()


def test_unknown_release_is_not_judged(tmp_path):
    assert check(tmp_path, "IPMP205", seed_guest(vnet0_test_flags=TEST_NOT_DEPRECATED)).findings == ()


def test_not_on_solaris11(tmp_path):
    files = {
        **seed_guest(vnet0_test_flags=TEST_NOT_DEPRECATED),
        "route-p-show.txt": "persistent: route add -host 192.168.102.1 192.168.102.1 -static\n",
    }
    assert check(tmp_path, "IPMP205", files).findings == ()


def test_pinned_data_address_beside_a_deprecated_test_address_is_ipmp303s(tmp_path):
    files = {**seed_guest(), **SOLARIS10}
    files["ifconfig-a.txt"] += stanza("vnet0:2", TEST_NOT_DEPRECATED, "192.168.102.30", 2)
    assert check(tmp_path, "IPMP205", files).findings == ()


def test_single_interface_group_address_serves_both_roles(tmp_path):
    files = {"etc/hostname.bge0": "192.168.10.20 -failover netmask + broadcast + group solo up\n"}
    assert check(tmp_path, "IPMP205", files).findings == ()
    files["etc/hostname.bge0"] += "addif 192.168.10.30 netmask + broadcast + up\n"  # now it has a data address
    assert found(check(tmp_path, "IPMP205", files)) == [("etc/hostname.bge0", 1, 1, "192.168.10.20")]


def test_ipv6_link_local_test_addresses_must_not_be_deprecated(tmp_path):
    files = {**seed_guest(), **SOLARIS10}
    files["ifconfig-a.txt"] += (
        "vnet0: flags=2000841<UP,RUNNING,MULTICAST,IPv6,NOFAILOVER> mtu 1500 index 2\n"
        "        inet6 fe80::214:4fff:fef8:914f/10 \n"
    )
    assert check(tmp_path, "IPMP205", files).findings == ()


def test_persistent_configuration(tmp_path):
    files = {
        "etc/hostname.bge0": (
            "192.168.10.20 netmask + broadcast + group prod up \\\n"
            "addif 192.168.10.21 -failover netmask + broadcast + up\n"
        ),
        "etc/hostname.bge1": "192.168.10.22 deprecated -failover netmask + broadcast + group prod up\n",
    }
    assert found(check(tmp_path, "IPMP205", files)) == [("etc/hostname.bge0", 2, 1, "192.168.10.21")]


def test_data_address_alone_is_not_a_test_address(tmp_path):
    files = {
        **SOLARIS10,
        "ifconfig-a.txt": ifconfig(
            stanza("vnet0", DATA, "192.168.102.10", 2, "ipmp0"), stanza("vnet1", TEST, "192.168.102.12", 3, "ipmp0")
        ),
    }
    assert check(tmp_path, "IPMP205", files).findings == ()


def test_an_ipv6_test_address_beside_an_undeprecated_ipv4_one_is_not_reported(tmp_path):
    """Only the IPv4 test addresses are judged: the IPv6 link-local one next to them
    must stay undeprecated, so it is never reported with them."""
    files = {**seed_guest(vnet0_test_flags=TEST_NOT_DEPRECATED), **SOLARIS10}
    files["ifconfig-a.txt"] += (
        "vnet0: flags=2000841<UP,RUNNING,MULTICAST,IPv6,NOFAILOVER> mtu 1500 index 2\n"
        "        inet6 fe80::214:4fff:fef8:914f/10 \n"
    )
    assert found(check(tmp_path, "IPMP205", files)) == [("ifconfig-a.txt", 8, 14, "192.168.102.11")]


def test_a_deprecated_member_does_not_end_the_group(tmp_path):
    """The first member's deprecated test address passes it over; the second member,
    after it, is still judged."""
    files = {
        "etc/hostname.bge0": "192.168.10.22 deprecated -failover netmask + broadcast + group prod up\n",
        "etc/hostname.bge1": (
            "192.168.10.20 netmask + broadcast + group prod up \\\n"
            "addif 192.168.10.21 -failover netmask + broadcast + up\n"
        ),
    }
    assert found(check(tmp_path, "IPMP205", files)) == [("etc/hostname.bge1", 2, 1, "192.168.10.21")]


def test_two_members_without_data_addresses_are_still_judged(tmp_path):
    """Only a group of one interface may use its one address for both roles: two
    members with test addresses and no data address are judged as any group."""
    files = {
        "etc/hostname.bge0": "192.168.10.20 -failover netmask + broadcast + group prod up\n",
        "etc/hostname.bge1": "192.168.10.22 -failover netmask + broadcast + group prod up\n",
    }
    assert found(check(tmp_path, "IPMP205", files)) == [
        ("etc/hostname.bge0", 1, 1, "192.168.10.20"),
        ("etc/hostname.bge1", 1, 1, "192.168.10.22"),
    ]
