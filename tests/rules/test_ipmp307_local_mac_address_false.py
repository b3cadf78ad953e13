"""IPMP307: local-mac-address?=false with physical members; vnets never; skip without eeprom."""

from __future__ import annotations

from failure_detection_captures import in_domain, ldm
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


def test_a_domain_passed_over_does_not_end_the_check_of_the_next(tmp_path):
    """ldg1 is judged before primary: whether its groups are of vnets, its eeprom was
    not captured, or it says true, primary's physical members with false are reported."""
    primary = in_domain("primary", {"ifconfig-a.txt": PHYSICAL, "eeprom.txt": EEPROM})
    for case, ldg1 in {
        "vnets": {"ifconfig-a.txt": PHYSICAL.replace("e1000g", "vnet"), "eeprom.txt": EEPROM},
        "no-eeprom": {"ifconfig-a.txt": PHYSICAL},
        "true": {"ifconfig-a.txt": PHYSICAL, "eeprom.txt": EEPROM.replace("=false", "=true")},
    }.items():
        files = {"ldm-list-l.txt": ldm(linkprop=True), **primary, **in_domain("ldg1", ldg1)}
        report = check(tmp_path / case, "IPMP307", files)
        assert found(report) == [("primary/eeprom.txt", 2, 1, "local-mac-address?")], case
        assert [k.domain for k in report.skipped] == (["ldg1"] if case == "no-eeprom" else []), case
