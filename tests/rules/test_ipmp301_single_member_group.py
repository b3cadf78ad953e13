"""IPMP301: a group with one member; a near-identical group name is called a typo."""

from __future__ import annotations

from rule_harness import check, found, skipped

TWO_GROUPS = """\
e1000g0: flags=1000843<UP,BROADCAST,RUNNING,MULTICAST,IPv4> mtu 1500 index 2
        inet 192.168.10.20 netmask ffffff00 broadcast 192.168.10.255
        groupname prod
e1000g1: flags=1000843<UP,BROADCAST,RUNNING,MULTICAST,IPv4> mtu 1500 index 3
        inet 192.168.10.21 netmask ffffff00 broadcast 192.168.10.255
        groupname prod_
e1000g2: flags=1000843<UP,BROADCAST,RUNNING,MULTICAST,IPv4> mtu 1500 index 4
        inet 10.0.0.5 netmask ffffff00 broadcast 10.0.0.255
        groupname backup
"""


def test_each_single_member_group_is_reported_with_the_typo_hint(tmp_path):
    report = check(tmp_path, "IPMP301", {"ifconfig-a.txt": TWO_GROUPS})
    assert found(report) == [
        ("ifconfig-a.txt", 1, 1, "prod"),
        ("ifconfig-a.txt", 4, 1, "prod_"),
        ("ifconfig-a.txt", 7, 1, "backup"),
    ]
    messages = [f.message for f in report.findings]
    assert "close to group prod_" in messages[0] and "close to group prod " in messages[1] + " "
    assert "close to" not in messages[2]


def test_a_two_member_group_is_fine(tmp_path):
    text = TWO_GROUPS.replace("groupname prod_", "groupname prod").replace("groupname backup", "")
    assert check(tmp_path, "IPMP301", {"ifconfig-a.txt": text}).findings == ()


def test_persistent_configuration_is_judged_when_no_runtime_capture(tmp_path):
    report = check(tmp_path, "IPMP301", {"etc/hostname.bge0": "10.1.1.5 netmask + broadcast + group g up\n"})
    assert found(report) == [("etc/hostname.bge0", 1, 1, "g")]


# 'ifconfig hme0' of a group member, as the System Administration Guide: IP Services
# shows it (a web mirror's copy, tests/data/real/SOURCES.md, linuxtopia-sysadv3-enflg)
ONE_SHOWN = """\
# ifconfig hme0
hme0: flags=9000843<UP,BROADCAST,RUNNING,MULTICAST,IPv4> mtu 1500
index 2 inet 192.168.85.19 netmask ffffff00 broadcast 192.168.85.255
groupname testgroup1
"""


def test_one_interface_shown_is_skipped_not_judged(tmp_path):
    report = check(tmp_path, "IPMP301", {"ifconfig-a.txt": ONE_SHOWN})
    assert report.findings == () and skipped(report) == [("host", ("ifconfig-a.txt",))]
    assert "shows hme0 alone" in report.skipped[0].reason
    # the same output under 'ifconfig -a' is the whole domain: one member is a finding
    whole = check(tmp_path / "a", "IPMP301", {"ifconfig-a.txt": ONE_SHOWN.replace("ifconfig hme0", "ifconfig -a")})
    assert found(whole) == [("ifconfig-a.txt", 2, 1, "testgroup1")] and whole.skipped == ()
