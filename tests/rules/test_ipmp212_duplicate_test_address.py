"""IPMP212: one test address configured twice."""

from __future__ import annotations

import pytest
from failure_detection_captures import DATA, IPMP_IF, TEST, ifconfig, seed_guest, stanza
from rule_harness import check, found


def test_two_members_share_a_test_address(tmp_path):
    report = check(tmp_path, "IPMP212", seed_guest(vnet1_address="192.168.102.11"))
    assert found(report) == [("ifconfig-a.txt", 10, 14, "192.168.102.11")]
    (finding,) = report.findings
    assert (finding.domain, finding.group) == ("host", "ipmp0")
    assert "also the test address of vnet0:1" in finding.message
    assert finding.nodes == ("interface:host/vnet0", "interface:host/vnet1")


def test_unique_test_addresses_are_clean(tmp_path):
    assert check(tmp_path, "IPMP212", seed_guest()).findings == ()


def test_test_address_is_another_interfaces_address(tmp_path):
    files = seed_guest()
    files["ifconfig-a.txt"] += stanza("vnet2", DATA, "192.168.102.12", 4, mac="0:14:4f:fa:e:51")
    report = check(tmp_path, "IPMP212", files)
    assert found(report) == [("ifconfig-a.txt", 10, 14, "192.168.102.12")]
    assert "also the address of vnet2" in report.findings[0].message


def test_test_address_is_a_data_address_of_the_group(tmp_path):
    assert found(check(tmp_path, "IPMP212", seed_guest(vnet1_address="192.168.102.10"))) == [
        ("ifconfig-a.txt", 10, 14, "192.168.102.10")
    ]


def test_unreadable_addresses_match_nothing(tmp_path):
    files = {
        "ifconfig-a.txt": ifconfig(
            stanza("bge2", TEST, "10.888.999.133", 4, "inner-prod"),
            stanza("bge3", TEST, "10.888.999.134", 5, "inner-prod"),
        )
    }
    assert check(tmp_path, "IPMP212", files).findings == ()


def test_persistent_configuration(tmp_path):
    files = {
        "etc/hostname.vnet0": (
            "192.168.102.10 netmask + broadcast + group ipmp0 up \\\n"
            "addif 192.168.102.11 deprecated -failover netmask + broadcast + up\n"
        ),
        "etc/hostname.vnet1": "192.168.102.11 deprecated -failover netmask + broadcast + group ipmp0 up\n",
    }
    assert found(check(tmp_path, "IPMP212", files)) == [("etc/hostname.vnet1", 1, 1, "192.168.102.11")]


def test_a_data_address_twice_without_any_test_address_is_not_this_rule(tmp_path):
    """The same data address on two members and no test address anywhere: a duplicate
    address, but no test address is involved, so IPMP212 has nothing to say (and must
    not fail on the missing test address)."""
    files = {
        "ifconfig-a.txt": ifconfig(
            stanza("e1000g0", DATA, "192.168.10.20", 2, "prod"), stanza("e1000g1", DATA, "192.168.10.20", 3, "prod")
        )
    }
    report = check(tmp_path, "IPMP212", files)
    assert report.findings == () and report.skipped == ()


def test_three_places_of_one_test_address(tmp_path):
    """vnet1's test address is also vnet0:1's and the address of vnet2 outside the group."""
    files = seed_guest(vnet1_address="192.168.102.11")
    files["ifconfig-a.txt"] += stanza("vnet2", DATA, "192.168.102.11", 4, mac="0:14:4f:fa:e:51")
    report = check(tmp_path, "IPMP212", files)
    assert found(report) == [("ifconfig-a.txt", 10, 14, "192.168.102.11")]
    assert report.findings[0].nodes == ("interface:host/vnet0", "interface:host/vnet1", "interface:host/vnet2")


def test_the_message_names_the_other_group_only_when_it_differs(tmp_path):
    same = check(tmp_path / "same", "IPMP212", seed_guest(vnet1_address="192.168.102.11")).findings[0]
    assert same.message.startswith(
        "group ipmp0 in host: test address 192.168.102.11 of vnet1 is also the test address of vnet0:1 ("
    )


@pytest.mark.parametrize("group", ["backup", "zeta"])  # named before and after ipmp0
def test_a_test_address_of_another_group(tmp_path, group):
    files = seed_guest()
    files["ifconfig-a.txt"] += stanza("vnet2", TEST, "192.168.102.11", 4, group, "0:14:4f:fa:e:51")
    report = check(tmp_path, "IPMP212", files)
    assert found(report) == [("ifconfig-a.txt", 14, 14, "192.168.102.11")]
    assert report.findings[0].message.startswith(
        f"group {group} in host: test address 192.168.102.11 of vnet2 is "
        f"also the test address of vnet0:1 of group ipmp0 ("
    )


def test_the_message_names_the_data_address_interface(tmp_path):
    report = check(tmp_path, "IPMP212", seed_guest(vnet1_address="192.168.102.10"))
    assert report.findings[0].message.startswith(
        "group ipmp0 in host: test address 192.168.102.10 of vnet1 is also the address of vnet0 ("
    )


def test_a_test_address_that_is_the_ipmp_interfaces_data_address(tmp_path):
    """Solaris 11: net1's test address is ipmp0's data address."""
    files = {
        "ifconfig-a.txt": ifconfig(
            stanza("ipmp0", IPMP_IF, "192.168.10.20", 4, "prod"),
            stanza("net0", TEST, "192.168.10.21", 2, "prod", "0:10:e0:3a:1c:41"),
            stanza("net1", TEST, "192.168.10.20", 3, "prod", "0:10:e0:3a:1c:42"),
        )
    }
    report = check(tmp_path, "IPMP212", files)
    assert found(report) == [("ifconfig-a.txt", 11, 14, "192.168.10.20")]
    assert report.findings[0].message.startswith(
        "group prod in host: test address 192.168.10.20 of net1 is also the address of ipmp0 ("
    )


def test_an_interface_without_an_address_is_no_place(tmp_path):
    """e1000g3 is plumbed without an address (no inet line): nothing to compare."""
    files = seed_guest(vnet1_address="192.168.102.11")
    files["ifconfig-a.txt"] += (
        "e1000g3: flags=1000842<BROADCAST,RUNNING,MULTICAST,IPv4> mtu 1500 index 5\n        ether 0:21:28:3a:5c:13 \n"
    )
    report = check(tmp_path, "IPMP212", files)
    assert found(report) == [("ifconfig-a.txt", 10, 14, "192.168.102.11")]


def test_the_message_names_the_logical_interface_of_a_data_address(tmp_path):
    """vnet1's test address is also the data address of vnet0:2, a logical interface."""
    files = seed_guest()
    files["ifconfig-a.txt"] += stanza("vnet0:2", DATA, "192.168.102.12", 2)
    report = check(tmp_path, "IPMP212", files)
    assert found(report) == [("ifconfig-a.txt", 10, 14, "192.168.102.12")]
    assert report.findings[0].message.startswith(
        "group ipmp0 in host: test address 192.168.102.12 of vnet1 is also the address of vnet0:2 ("
    )
