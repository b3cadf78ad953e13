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
    dladm = (
        "LINK        MEDIA          STATE     SPEED     DUPLEX     DEVICE\n"
        "net0        Ethernet       up        100Mb     full       e1000g0\n"
        "net3        InfiniBand     --        0Mb       --         ibd0\n"
    )
    report = check(tmp_path / "b", "IPMP309", {"ifconfig-a.txt": text, "dladm-show-phys.txt": dladm})
    assert found(report) == [("ifconfig-a.txt", 4, 1, "net0")]


def stanza(name: str, index: int, group: str) -> str:
    return (
        f"{name}: flags=1000843<UP,BROADCAST,RUNNING,MULTICAST,IPv4> mtu 1500 index {index}\n"
        f"        inet 192.168.{index}.1 netmask ffffff00 broadcast 192.168.{index}.255\n"
        f"        groupname {group}\n"
    )


def test_every_odd_member_of_every_group_is_reported(tmp_path):
    """A one-media group does not end the check, nor does a member of the first member's
    media: each member of another media than the first member's is reported, once."""
    text = (
        stanza("bge0", 2, "aa")
        + stanza("bge1", 3, "aa")
        + stanza("e1000g0", 4, "bb")
        + stanza("e1000g1", 5, "bb")
        + stanza("ibd0", 6, "bb")
        + stanza("e1000g2", 7, "bb")
    )
    report = check(tmp_path, "IPMP309", {"ifconfig-a.txt": text})
    assert found(report) == [("ifconfig-a.txt", 13, 1, "ibd0")]
    assert "ibd0 is InfiniBand, e1000g0 is Ethernet" in report.findings[0].message


def test_three_media_from_dladm_report_both_odd_members(tmp_path):
    text = stanza("net0", 2, "aa") + stanza("net1", 3, "aa") + stanza("net2", 4, "aa")
    dladm = (
        "LINK        MEDIA          STATE     SPEED     DUPLEX     DEVICE\n"
        "net0        Ethernet       up        1000Mb    full       e1000g0\n"
        "net1        InfiniBand     up        0Mb       --         ibd0\n"
        "net2        WiFi           up        54Mb      half       ath0\n"
    )
    assert found(check(tmp_path, "IPMP309", {"ifconfig-a.txt": text, "dladm-show-phys.txt": dladm})) == [
        ("ifconfig-a.txt", 4, 1, "net1"),
        ("ifconfig-a.txt", 7, 1, "net2"),
    ]


def test_media_read_from_dladm_compare_by_value(tmp_path):
    """Two links dladm calls Ethernet are one media, though each word was read apart."""
    text = stanza("net0", 2, "aa") + stanza("net1", 3, "aa") + stanza("net2", 4, "aa")
    dladm = (
        "LINK        MEDIA          STATE     SPEED     DUPLEX     DEVICE\n"
        "net0        Ethernet       up        1000Mb    full       e1000g0\n"
        "net1        Ethernet       up        1000Mb    full       e1000g1\n"
        "net2        InfiniBand     up        0Mb       --         ibd0\n"
    )
    assert found(check(tmp_path, "IPMP309", {"ifconfig-a.txt": text, "dladm-show-phys.txt": dladm})) == [
        ("ifconfig-a.txt", 7, 1, "net2")
    ]
