"""IPMP308: two groups with data addresses on one subnet."""

from __future__ import annotations

from rule_harness import check, found

IFCONFIG = """\
e1000g0: flags=1000843<UP,BROADCAST,RUNNING,MULTICAST,IPv4> mtu 1500 index 2
        inet 192.168.10.20 netmask ffffff00 broadcast 192.168.10.255
        groupname prod
e1000g1: flags=1000843<UP,BROADCAST,RUNNING,MULTICAST,IPv4> mtu 1500 index 3
        inet 192.168.10.21 netmask ffffff00 broadcast 192.168.10.255
        groupname prod1
"""


def test_second_group_on_the_subnet(tmp_path):
    report = check(tmp_path, "IPMP308", {"ifconfig-a.txt": IFCONFIG})
    assert found(report) == [("ifconfig-a.txt", 5, 14, "192.168.10.0/24")]
    assert report.findings[0].group == "prod1"


def test_groups_on_their_own_subnets(tmp_path):
    text = IFCONFIG.replace("192.168.10.21 netmask ffffff00 broadcast 192.168.10.255",
                            "192.168.20.21 netmask ffffff00 broadcast 192.168.20.255")
    assert check(tmp_path, "IPMP308", {"ifconfig-a.txt": text}).findings == ()
