"""IPMP307: local-mac-address?=false with physical members; vnets never; skip without eeprom."""

from __future__ import annotations

from rule_harness import check, found, skipped

PHYSICAL = """\
e1000g0: flags=1000843<UP,BROADCAST,RUNNING,MULTICAST,IPv4> mtu 1500 index 2
        inet 192.168.10.20 netmask ffffff00 broadcast 192.168.10.255
        groupname prod
e1000g1: flags=1000843<UP,BROADCAST,RUNNING,MULTICAST,IPv4> mtu 1500 index 3
        inet 192.168.10.21 netmask ffffff00 broadcast 192.168.10.255
        groupname prod
"""
EEPROM = "auto-boot?=true\nlocal-mac-address?=false\nnetwork-boot-arguments: data not available.\n"


def test_false_with_physical_members(tmp_path):
    report = check(tmp_path, "IPMP307", {"ifconfig-a.txt": PHYSICAL, "eeprom.txt": EEPROM})
    assert found(report) == [("eeprom.txt", 2, 1, "local-mac-address?")]
    assert "e1000g0, e1000g1" in report.findings[0].message


def test_true_is_fine_and_vnets_are_never_judged(tmp_path):
    assert (
        check(
            tmp_path / "a", "IPMP307", {"ifconfig-a.txt": PHYSICAL, "eeprom.txt": EEPROM.replace("=false", "=true")}
        ).findings
        == ()
    )
    vnets = PHYSICAL.replace("e1000g", "vnet")
    assert check(tmp_path / "b", "IPMP307", {"ifconfig-a.txt": vnets, "eeprom.txt": EEPROM}).findings == ()


def test_skipped_without_eeprom(tmp_path):
    report = check(tmp_path, "IPMP307", {"ifconfig-a.txt": PHYSICAL})
    assert report.findings == () and skipped(report) == [("host", ("eeprom.txt",))]
