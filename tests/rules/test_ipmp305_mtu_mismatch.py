"""IPMP305: members with different MTUs."""

from __future__ import annotations

from rule_harness import check, found

IFCONFIG = """\
vnet0: flags=1000843<UP,BROADCAST,RUNNING,MULTICAST,IPv4> mtu 9000 index 2
        inet 192.168.1.1 netmask ffffff00 broadcast 192.168.1.255
        groupname ipmp0
vnet1: flags=1000842<BROADCAST,RUNNING,MULTICAST,IPv4> mtu 1500 index 3
        inet 0.0.0.0 netmask 0
        groupname ipmp0
"""


def test_other_mtu_reported_on_the_member(tmp_path):
    assert found(check(tmp_path, "IPMP305", {"ifconfig-a.txt": IFCONFIG})) == [("ifconfig-a.txt", 4, 1, "vnet1")]


def test_equal_mtus(tmp_path):
    text = IFCONFIG.replace("mtu 9000", "mtu 1500")
    assert check(tmp_path, "IPMP305", {"ifconfig-a.txt": text}).findings == ()


def test_hostname_files_mtu(tmp_path):
    files = {
        "etc/hostname.bge2": "10.1.1.133 netmask + broadcast + mtu 1380 deprecated -failover group g up\n",
        "etc/hostname.bge3": "10.1.1.134 netmask + broadcast + mtu 1500 deprecated -failover group g up\n",
    }
    assert found(check(tmp_path, "IPMP305", files)) == [("etc/hostname.bge3", 1, 1, "bge3")]


PLACEHOLDER = """\
e1000g0: flags=19000802<BROADCAST,MULTICAST,IPv4,NOFAILOVER,FAILED> mtu 0 index 2
        inet 0.0.0.0 netmask 0
        groupname prod
e1000g0:1: flags=19040803<UP,BROADCAST,MULTICAST,DEPRECATED,IPv4,NOFAILOVER,FAILED> mtu 1500 index 2
        inet 192.168.10.21 netmask ffffff00 broadcast 192.168.10.255
e1000g1: flags=21000843<UP,BROADCAST,RUNNING,MULTICAST,IPv4,STANDBY> mtu 1500 index 3
        inet 192.168.10.20 netmask ffffff00 broadcast 192.168.10.255
        groupname prod
"""


def test_mtu_0_of_a_failed_members_placeholder_is_no_mtu(tmp_path):
    assert check(tmp_path, "IPMP305", {"ifconfig-a.txt": PLACEHOLDER}).findings == ()


def test_failed_member_keeps_the_mtu_of_its_test_address(tmp_path):
    text = PLACEHOLDER.replace("mtu 1500 index 3", "mtu 9000 index 3")
    assert found(check(tmp_path, "IPMP305", {"ifconfig-a.txt": text})) == [("ifconfig-a.txt", 6, 1, "e1000g1")]


def test_member_with_only_a_placeholder_has_no_known_mtu(tmp_path):
    text = "".join(PLACEHOLDER.splitlines(keepends=True)[:3] + PLACEHOLDER.splitlines(keepends=True)[5:])
    text = text.replace("mtu 1500 index 3", "mtu 9000 index 3")
    assert check(tmp_path, "IPMP305", {"ifconfig-a.txt": text}).findings == ()


def stanza(name: str, mtu: int, index: int, group: str) -> str:
    return (
        f"{name}: flags=1000843<UP,BROADCAST,RUNNING,MULTICAST,IPv4> mtu {mtu} index {index}\n"
        f"        inet 192.168.{index}.1 netmask ffffff00 broadcast 192.168.{index}.255\n"
        f"        groupname {group}\n"
    )


def test_every_odd_member_of_every_group_is_reported(tmp_path):
    """A uniform group does not end the check, nor does a member that agrees with the
    first: each member whose MTU differs from the first member's is reported, once."""
    text = (
        stanza("bge0", 1500, 2, "aa")
        + stanza("bge1", 1500, 3, "aa")
        + stanza("e1000g0", 1500, 4, "bb")
        + stanza("e1000g1", 1500, 5, "bb")
        + stanza("e1000g2", 9000, 6, "bb")
        + stanza("e1000g3", 1500, 7, "bb")
    )
    report = check(tmp_path, "IPMP305", {"ifconfig-a.txt": text})
    assert found(report) == [("ifconfig-a.txt", 13, 1, "e1000g2")]
    assert "member e1000g2 has MTU 9000, e1000g0 has 1500" in report.findings[0].message


def test_three_different_mtus_report_both_odd_members(tmp_path):
    text = stanza("bge0", 1500, 2, "aa") + stanza("bge1", 9000, 3, "aa") + stanza("bge2", 1380, 4, "aa")
    assert found(check(tmp_path, "IPMP305", {"ifconfig-a.txt": text})) == [
        ("ifconfig-a.txt", 4, 1, "bge1"),
        ("ifconfig-a.txt", 7, 1, "bge2"),
    ]
