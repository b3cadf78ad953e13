"""IPMP401: runtime membership against the hostname files (S10) or ipadm persistence (S11)."""

from __future__ import annotations

from failure_detection_captures import ldm
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


def test_a_persistent_group_whose_name_sorts_first_is_another_group(tmp_path):
    report = check(
        tmp_path,
        "IPMP401",
        {
            "ifconfig-a.txt": IFCONFIG,
            "etc/hostname.vnet0": "192.168.1.1 netmask + broadcast + group backup up\n",
            "etc/hostname.vnet1": "group ipmp0\n",
        },
    )
    assert found(report) == [("ifconfig-a.txt", 1, 1, "vnet0")]
    assert "its /etc/hostname.vnet0 puts it in group backup" in report.findings[0].message


def test_an_ipv6_hostname_file_alone_is_no_ipv4_configuration(tmp_path):
    report = check(
        tmp_path,
        "IPMP401",
        {
            "ifconfig-a.txt": IFCONFIG,
            "etc/hostname.vnet0": "192.168.1.1 netmask + broadcast + group ipmp0 up\n",
            "etc/hostname6.vnet1": "\n",
        },
    )
    assert found(report) == [("ifconfig-a.txt", 4, 1, "vnet1")]
    assert "it has no /etc/hostname.vnet1" in report.findings[0].message


S11_SHOW_IF = """\
IFNAME     CLASS    STATE    ACTIVE CURRENT       PERSISTENT OVER
lo0        loopback ok       yes    -m-v------46  ---46      --
net0       ip       ok       yes    bm--------4-  ---4-      --
net1       ip       ok       yes    bm--------4-  -----      --
ipmp0      ipmp     ok       yes    bm--I-----46  {ipmp0}      net0 net1
"""


def test_solaris11_interfaces_that_do_not_persist(tmp_path):
    """ipmp0 and net1 were created with ipadm -t: PERSISTENT shows no 4 or 6."""
    report = check(tmp_path, "IPMP401", {"ipadm-show-if.txt": S11_SHOW_IF.format(ipmp0="-----")})
    assert found(report) == [("ipadm-show-if.txt", 4, 1, "net1"), ("ipadm-show-if.txt", 5, 1, "ipmp0")]
    assert report.findings[0].message == (
        "in host: net1 of group ipmp0 is not persistent (ipadm PERSISTENT "
        "'-----'): it is gone after the next reboot. Make the persistent "
        "configuration match the running one"
    )
    assert report.skipped == ()


def test_solaris11_without_the_persistent_column_is_skipped(tmp_path):
    show_if = "".join(line[:34] + line[58:] + "\n" for line in S11_SHOW_IF.format(ipmp0="---46").splitlines())
    report = check(tmp_path, "IPMP401", {"ipadm-show-if.txt": show_if.replace("CURRENT       ", "")})
    assert report.findings == ()
    assert skipped(report) == [("host", ("ipadm-show-if.txt",))]


def test_a_domain_without_groups_does_not_end_the_check_of_the_next(tmp_path):
    files = {
        "ldm-list-l.txt": ldm(linkprop=True),
        "ldg1/ifconfig-a.txt": IFCONFIG.replace("groupname ipmp0", "").replace("\n\n", "\n"),
        "primary/ifconfig-a.txt": IFCONFIG,
        "primary/etc/hostname.vnet0": "192.168.1.1 group ipmp0 up\n",
        "primary/etc/hostname.vnet1": "\n",
    }
    assert found(check(tmp_path, "IPMP401", files)) == [("primary/ifconfig-a.txt", 4, 1, "vnet1")]


def test_solaris11_interfaces_shown_without_the_persistent_column_are_not_judged(tmp_path):
    """The capture holds ipadm show-if, then show-if -o all of ipmp0 alone: net0 and
    net1 come without a PERSISTENT value, and only ipmp0 can be judged."""
    show_if = (
        "# ipadm show-if\n"
        "IFNAME     CLASS    STATE    ACTIVE OVER\n"
        "net0       ip       ok       yes    --\n"
        "net1       ip       ok       yes    --\n"
        "ipmp0      ipmp     ok       yes    net0 net1\n"
        "# ipadm show-if -o all ipmp0\n"
        "IFNAME     CLASS    STATE    ACTIVE CURRENT       PERSISTENT OVER\n"
        "ipmp0      ipmp     ok       yes    bm--I-----46  -----      net0 net1\n"
    )
    report = check(tmp_path, "IPMP401", {"ipadm-show-if.txt": show_if})
    assert found(report) == [("ipadm-show-if.txt", 8, 1, "ipmp0")]
