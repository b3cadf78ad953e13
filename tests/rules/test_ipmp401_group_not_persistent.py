"""IPMP401: runtime membership against the hostname files (S10) or ipadm persistence (S11)."""

from __future__ import annotations

from rule_harness import check, found, skipped

IFCONFIG = """\
vnet0: flags=1000843<UP,BROADCAST,RUNNING,MULTICAST,IPv4> mtu 1500 index 2
        inet 192.168.1.1 netmask ffffff00 broadcast 192.168.1.255
        groupname ipmp0
vnet1: flags=1000842<BROADCAST,RUNNING,MULTICAST,IPv4> mtu 1500 index 3
        inet 0.0.0.0 netmask 0
        groupname ipmp0
"""


def test_member_without_group_in_its_hostname_file(tmp_path):
    report = check(
        tmp_path,
        "IPMP401",
        {
            "ifconfig-a.txt": IFCONFIG,
            "etc/hostname.vnet0": "192.168.1.1 netmask + broadcast + group ipmp0 up\n",
            "etc/hostname.vnet1": "\n",
        },
    )
    assert found(report) == [("ifconfig-a.txt", 4, 1, "vnet1")]
    assert "names no group" in report.findings[0].message


def test_missing_file_and_other_group_and_persistent_only_member(tmp_path):
    report = check(
        tmp_path,
        "IPMP401",
        {
            "ifconfig-a.txt": IFCONFIG,
            "etc/hostname.vnet0": "192.168.1.1 netmask + broadcast + group ipmp1 up\n",
            "etc/hostname.vnet2": "group ipmp0\n",
        },
    )
    assert sorted((f.object, f.message.split(": after")[0].split(", but ")[-1]) for f in report.findings) == [
        ("vnet0", "its /etc/hostname.vnet0 puts it in group ipmp1"),
        ("vnet1", "it has no /etc/hostname.vnet1"),
        (
            "vnet2",
            "in host: /etc/hostname.vnet2 puts vnet2 in group ipmp0, which it is not in now: the group "
            "changes at the next reboot. Make the persistent configuration match the running one",
        ),
    ]


def test_matching_configuration_and_skip_without_hostname_files(tmp_path):
    files = {
        "ifconfig-a.txt": IFCONFIG,
        "etc/hostname.vnet0": "192.168.1.1 netmask + broadcast + group ipmp0 up\n",
        "etc/hostname.vnet1": "group ipmp0\n",
    }
    assert check(tmp_path / "a", "IPMP401", files).findings == ()
    report = check(tmp_path / "b", "IPMP401", {"ifconfig-a.txt": IFCONFIG})
    assert report.findings == () and skipped(report) == [("host", ("etc/hostname.<if>",))]
