"""IPMP310: Solaris 11, a data address on an underlying interface."""

from __future__ import annotations

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
