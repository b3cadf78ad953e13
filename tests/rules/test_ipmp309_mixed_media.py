"""IPMP309: IPoIB and Ethernet in one group, from drivers or dladm MEDIA; unknown never judged."""

from __future__ import annotations

from rule_harness import check, found

IFCONFIG = """\
ibd0: flags=1000843<UP,BROADCAST,RUNNING,MULTICAST,IPv4> mtu 2044 index 2
        inet 192.168.30.20 netmask ffffff00 broadcast 192.168.30.255
        groupname prod
e1000g0: flags=1000843<UP,BROADCAST,RUNNING,MULTICAST,IPv4> mtu 1500 index 3
        inet 192.168.30.21 netmask ffffff00 broadcast 192.168.30.255
        groupname prod
"""


def test_infiniband_with_ethernet(tmp_path):
    assert found(check(tmp_path, "IPMP309", {"ifconfig-a.txt": IFCONFIG})) == [("ifconfig-a.txt", 4, 1, "e1000g0")]


def test_vanity_names_unknown_without_dladm(tmp_path):
    text = IFCONFIG.replace("ibd0", "net3").replace("e1000g0", "net0")
    assert check(tmp_path / "a", "IPMP309", {"ifconfig-a.txt": text}).findings == ()
    dladm = ("LINK        MEDIA          STATE     SPEED     DUPLEX     DEVICE\n"
             "net0        Ethernet       up        100Mb     full       e1000g0\n"
             "net3        InfiniBand     --        0Mb       --         ibd0\n")
    report = check(tmp_path / "b", "IPMP309", {"ifconfig-a.txt": text, "dladm-show-phys.txt": dladm})
    assert found(report) == [("ifconfig-a.txt", 4, 1, "net0")]
