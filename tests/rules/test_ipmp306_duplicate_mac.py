"""IPMP306: two members with one MAC (compared normalised; anonymised MACs ignored)."""

from __future__ import annotations

from rule_harness import check, found

IFCONFIG = """\
bge0: flags=1000843<UP,BROADCAST,RUNNING,MULTICAST,IPv4> mtu 1500 index 2
        inet 192.168.10.20 netmask ffffff00 broadcast 192.168.10.255
        groupname prod
        ether 0:3:ba:d8:b1:46
bge1: flags=1000843<UP,BROADCAST,RUNNING,MULTICAST,IPv4> mtu 1500 index 3
        inet 192.168.10.21 netmask ffffff00 broadcast 192.168.10.255
        groupname prod
        ether 00:03:BA:D8:B1:46
"""


def test_same_mac_written_two_ways(tmp_path):
    report = check(tmp_path, "IPMP306", {"ifconfig-a.txt": IFCONFIG})
    assert found(report) == [("ifconfig-a.txt", 5, 1, "bge1")]
    assert report.findings[0].nodes == ("interface:host/bge1", "interface:host/bge0")


def test_distinct_and_anonymised_macs(tmp_path):
    text = IFCONFIG.replace("00:03:BA:D8:B1:46", "0:3:ba:d8:b1:47")
    assert check(tmp_path, "IPMP306", {"ifconfig-a.txt": text}).findings == ()
    anonymised = IFCONFIG.replace("0:3:ba:d8:b1:46", "0:xx:xx:xx:xx:xx").replace(
        "00:03:BA:D8:B1:46", "0:xx:xx:xx:xx:xx"
    )
    assert check(tmp_path / "a", "IPMP306", {"ifconfig-a.txt": anonymised}).findings == ()


def test_a_member_with_an_anonymised_mac_does_not_end_the_check_of_the_next(tmp_path):
    """bge2 (first) has no readable MAC; bge0 and bge1 after it share one."""
    bge2 = (
        "bge2: flags=1000843<UP,BROADCAST,RUNNING,MULTICAST,IPv4> mtu 1500 index 1\n"
        "        inet 192.168.10.22 netmask ffffff00 broadcast 192.168.10.255\n"
        "        groupname prod\n"
        "        ether 0:xx:xx:xx:xx:xx\n"
    )
    report = check(tmp_path, "IPMP306", {"ifconfig-a.txt": bge2 + IFCONFIG})
    assert found(report) == [("ifconfig-a.txt", 9, 1, "bge1")]
