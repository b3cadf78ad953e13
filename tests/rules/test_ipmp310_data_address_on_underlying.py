"""IPMP310: Solaris 11, a data address on an underlying interface."""

from __future__ import annotations

from failure_detection_captures import ldm
from rule_harness import check, found

S11 = """\
ipmp0: flags=8011000803<UP,BROADCAST,MULTICAST,IPv4,IPMP> mtu 1500 index 4
        inet 192.168.1.50 netmask ffffff00 broadcast 192.168.1.255
        groupname ipmp0
net0: flags=1000843<UP,BROADCAST,RUNNING,MULTICAST,IPv4> mtu 1500 index 2
        inet 192.168.1.60 netmask ffffff00 broadcast 192.168.1.255
        groupname ipmp0
net1: flags=9040843<UP,BROADCAST,RUNNING,MULTICAST,DEPRECATED,IPv4,NOFAILOVER> mtu 1500 index 3
        inet 192.168.1.61 netmask ffffff00 broadcast 192.168.1.255
        groupname ipmp0
"""


def test_data_address_on_underlying(tmp_path):
    assert found(check(tmp_path, "IPMP310", {"ifconfig-a.txt": S11})) == [("ifconfig-a.txt", 5, 14, "192.168.1.60")]


def test_test_addresses_only_on_underlying(tmp_path):
    text = S11.replace(
        "net0: flags=1000843<UP,BROADCAST,RUNNING,MULTICAST,IPv4>",
        "net0: flags=9040843<UP,BROADCAST,RUNNING,MULTICAST,DEPRECATED,IPv4,NOFAILOVER>",
    )
    assert check(tmp_path, "IPMP310", {"ifconfig-a.txt": text}).findings == ()


def test_solaris10_groups_are_not_judged(tmp_path):
    s10 = S11.split("net0:", 1)[1]
    assert check(tmp_path, "IPMP310", {"ifconfig-a.txt": "net0:" + s10}).findings == ()


def test_an_ipv6_link_local_address_is_the_interfaces_own(tmp_path):
    """net0's IPv6 link-local address (not marked NOFAILOVER in this capture) is not a
    data address; its global IPv6 address is."""
    text = S11 + (
        "net0: flags=20002000841<UP,RUNNING,MULTICAST,IPv6> mtu 1500 index 2\n"
        "        inet6 fe80::214:4fff:fef8:914f/10\n"
        "net0:1: flags=20002000841<UP,RUNNING,MULTICAST,IPv6> mtu 1500 index 2\n"
        "        inet6 2001:db8::60/64\n"
    )
    report = check(tmp_path, "IPMP310", {"ifconfig-a.txt": text})
    assert found(report) == [("ifconfig-a.txt", 5, 14, "192.168.1.60"), ("ifconfig-a.txt", 13, 15, "2001:db8::60")]
    assert report.findings[1].message == (
        "group ipmp0 in host: data address 2001:db8::60 is on the underlying "
        "interface net0:1, not on the IPMP interface ipmp0: it will not fail "
        "over. Move it to ipmp0"
    )


def test_an_ipv4_link_local_data_address_is_reported(tmp_path):
    text = S11.replace(
        "192.168.1.60 netmask ffffff00 broadcast 192.168.1.255",
        "169.254.1.60 netmask ffff0000 broadcast 169.254.255.255",
    )
    assert found(check(tmp_path, "IPMP310", {"ifconfig-a.txt": text})) == [("ifconfig-a.txt", 5, 14, "169.254.1.60")]


def test_a_group_without_its_ipmp_interface_does_not_end_the_domain(tmp_path):
    """net2's group has no IPMP interface in this ifconfig -a (nothing to move its
    addresses to): passed over, and ipmp0 after it still judged."""
    text = (
        "net2: flags=1000843<UP,BROADCAST,RUNNING,MULTICAST,IPv4> mtu 1500 index 5\n"
        "        inet 10.0.0.2 netmask ffffff00 broadcast 10.0.0.255\n"
        "        groupname other\n"
    ) + S11
    assert found(check(tmp_path, "IPMP310", {"ifconfig-a.txt": text})) == [("ifconfig-a.txt", 8, 14, "192.168.1.60")]


def test_a_domain_passed_over_does_not_end_the_check_of_the_next(tmp_path):
    """ldg1, judged before primary, runs Solaris 10 (no IPMP interfaces) or has no
    ifconfig -a: primary's data address on net0 is still reported."""
    s10 = "net0:" + S11.split("net0:", 1)[1]
    for case, ldg1 in {"solaris10": {"ldg1/ifconfig-a.txt": s10}, "no-ifconfig": {}}.items():
        files = {
            "ldm-list-l.txt": ldm(linkprop=True),
            "primary/ifconfig-a.txt": S11,
            **ldg1,
            "ldg1/netstat-rn.txt": "Routing Table: IPv4\n",
        }
        assert found(check(tmp_path / case, "IPMP310", files)) == [("primary/ifconfig-a.txt", 5, 14, "192.168.1.60")]
