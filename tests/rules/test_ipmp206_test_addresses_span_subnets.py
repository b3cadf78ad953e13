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


def test_the_skip_names_the_first_test_address_of_unknown_subnet(tmp_path):
    files = {
        "etc/hostname.vnet0": (
            "192.168.102.10 netmask + broadcast + group ipmp0 up \\\n"
            "addif 192.168.102.11 deprecated -failover netmask + broadcast + up\n"
        ),
        "etc/hostname.vnet1": "192.168.103.12 deprecated -failover netmask + broadcast + group ipmp0 up\n",
    }
    (skip,) = check(tmp_path, "IPMP206", files).skipped
    assert skip.reason == (
        "group ipmp0 in host: the subnet of test address 192.168.102.11 is unknown (no "
        "netmask), so whether the test addresses share one subnet cannot be told"
    )


def test_one_known_subnet_and_one_unknown_is_skipped(tmp_path):
    """One test address on a known subnet does not make the group's one subnet: the
    other's subnet is unknown, so the rule cannot decide."""
    files = {
        "etc/hostname.vnet0": (
            "192.168.102.10 netmask + broadcast + group ipmp0 up \\\n"
            "addif 192.168.102.11 deprecated -failover netmask + broadcast + up\n"
        ),
        "etc/hostname.vnet1": "192.168.103.12 deprecated -failover netmask + broadcast + group ipmp0 up\n",
        "etc/netmasks": "192.168.102.0\t255.255.255.0\n",
    }
    report = check(tmp_path, "IPMP206", files)
    assert report.findings == ()
    assert skipped(report) == [("host", ())]


def test_three_subnets_are_reported_too(tmp_path):
    files = seed_guest(vnet1_address="192.168.103.12")
    files["ifconfig-a.txt"] += stanza("vnet2", TEST, "192.168.104.13", 4, "ipmp0", "0:14:4f:f8:aa:1")
    assert found(check(tmp_path, "IPMP206", files)) == [
        ("ifconfig-a.txt", 10, 14, "192.168.103.12"),
        ("ifconfig-a.txt", 14, 14, "192.168.104.13"),
    ]


def test_an_ipv6_test_address_is_on_no_ipv4_subnet(tmp_path):
    """IPv6 test addresses are link-local, on the link's own prefix: only the IPv4
    test addresses must share a subnet."""
    files = seed_guest(vnet1_address="192.168.103.12")
    files["ifconfig-a.txt"] += (
        "vnet0: flags=2000841<UP,RUNNING,MULTICAST,IPv6,NOFAILOVER> mtu 1500 index 2\n"
        "        inet6 fe80::214:4fff:fef8:914f/10 \n"
    )
    assert found(check(tmp_path, "IPMP206", files)) == [("ifconfig-a.txt", 10, 14, "192.168.103.12")]


def test_a_group_on_one_subnet_does_not_end_the_domain(tmp_path):
    files = {
        "etc/hostname.bge0": "192.168.102.11 deprecated -failover netmask + broadcast + group ipmp0 up\n",
        "etc/hostname.bge1": "192.168.102.12 deprecated -failover netmask + broadcast + group ipmp0 up\n",
        "etc/hostname.bge2": "192.168.104.11 deprecated -failover netmask + broadcast + group ipmp1 up\n",
        "etc/hostname.bge3": "192.168.105.12 deprecated -failover netmask + broadcast + group ipmp1 up\n",
        "etc/netmasks": "".join(f"192.168.{n}.0\t255.255.255.0\n" for n in (102, 104, 105)),
    }
    assert found(check(tmp_path, "IPMP206", files)) == [("etc/hostname.bge3", 1, 1, "192.168.105.12")]
