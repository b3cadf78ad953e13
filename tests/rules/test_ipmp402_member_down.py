"""IPMP402: FAILED/OFFLINE/no RUNNING members, ipmpstat states, degraded groups."""

from __future__ import annotations

from failure_detection_captures import ldm
from rule_harness import check, found

IFCONFIG = """\
bge2: flags=9040843<UP,BROADCAST,RUNNING,MULTICAST,DEPRECATED,IPv4,NOFAILOVER> mtu 1380 index 4
 inet 10.1.1.133 netmask fffffff0 broadcast 10.1.1.143
 groupname inner-prod
bge3: flags=19040803<UP,BROADCAST,MULTICAST,DEPRECATED,IPv4,NOFAILOVER,FAILED> mtu 1380 index 5
 inet 10.1.1.134 netmask fffffff0 broadcast 10.1.1.143
 groupname inner-prod
"""


def test_failed_member(tmp_path):
    report = check(tmp_path, "IPMP402", {"ifconfig-a.txt": IFCONFIG})
    assert found(report) == [("ifconfig-a.txt", 4, 1, "bge3")]
    assert "flagged FAILED" in report.findings[0].message


def test_no_running_flag_is_link_down(tmp_path):
    text = IFCONFIG.replace(
        "19040803<UP,BROADCAST,MULTICAST,DEPRECATED,IPv4,NOFAILOVER,FAILED>",
        "9040803<UP,BROADCAST,MULTICAST,DEPRECATED,IPv4,NOFAILOVER>",
    )
    report = check(tmp_path, "IPMP402", {"ifconfig-a.txt": text})
    assert found(report) == [("ifconfig-a.txt", 4, 1, "bge3")] and "no RUNNING" in report.findings[0].message


def test_healthy_group_and_persistent_configuration_never_judged(tmp_path):
    healthy = IFCONFIG.replace(
        "19040803<UP,BROADCAST,MULTICAST,DEPRECATED,IPv4,NOFAILOVER,FAILED>",
        "9040843<UP,BROADCAST,RUNNING,MULTICAST,DEPRECATED,IPv4,NOFAILOVER>",
    )
    assert check(tmp_path / "a", "IPMP402", {"ifconfig-a.txt": healthy}).findings == ()
    files = {
        "etc/hostname.bge2": "10.1.1.133 deprecated -failover group g up\n",
        "etc/hostname.bge3": "10.1.1.134 deprecated -failover group g up\n",
    }
    assert check(tmp_path / "b", "IPMP402", files).findings == ()


def test_ipmpstat_interfaces_of_the_solaris11_doc(tmp_path, samples):
    text = (samples / "solaris11" / "oracle-819-6990__ipmpstat-i.txt").read_text()
    report = check(tmp_path, "IPMP402", {"ipmpstat-i.txt": text})
    assert sorted((f.group, f.object) for f in report.findings) == [
        ("acctg1", "hme0"),
        ("acctg1", "hme1"),
        ("filed2", "fops2"),
    ]


def test_offlined_member_is_brought_back_not_repaired(tmp_path):
    text = IFCONFIG.replace(
        "19040803<UP,BROADCAST,MULTICAST,DEPRECATED,IPv4,NOFAILOVER,FAILED>",
        "89040842<BROADCAST,RUNNING,MULTICAST,DEPRECATED,IPv4,NOFAILOVER,OFFLINE>",
    )
    report = check(tmp_path, "IPMP402", {"ifconfig-a.txt": text})
    assert found(report) == [("ifconfig-a.txt", 4, 1, "bge3")]
    message = report.findings[0].message
    assert "flagged OFFLINE" in message and "if_mpadm -r bge3" in message and "Repair" not in message


def test_standby_in_reserve_is_not_down(tmp_path):
    text = IFCONFIG.replace(
        "19040803<UP,BROADCAST,MULTICAST,DEPRECATED,IPv4,NOFAILOVER,FAILED>",
        "69040843<UP,BROADCAST,RUNNING,MULTICAST,DEPRECATED,IPv4,NOFAILOVER,STANDBY,INACTIVE>",
    )
    assert check(tmp_path, "IPMP402", {"ifconfig-a.txt": text}).findings == ()


def test_a_domain_without_runtime_captures_does_not_end_the_check_of_the_next(tmp_path):
    """ldg1, judged before primary, has only its persistent configuration: primary's
    failed member is still reported."""
    files = {
        "ldm-list-l.txt": ldm(linkprop=True),
        "primary/ifconfig-a.txt": IFCONFIG,
        "ldg1/etc/hostname.bge2": "10.1.1.133 deprecated -failover group g up\n",
    }
    assert found(check(tmp_path, "IPMP402", files)) == [("primary/ifconfig-a.txt", 4, 1, "bge3")]


def test_the_group_message_says_how_much_redundancy_is_lost(tmp_path):
    """ipmpstat -g alone: the group's STATE is all it tells (its INTERFACES column
    brackets the failed members but says nothing of why)."""
    header = "GROUP       GROUPNAME   STATE     FDT       INTERFACES\n"
    for state, interfaces, lost in (("failed", "[net0 net1]", "all"), ("degraded", "net1 [net0]", "part")):
        report = check(
            tmp_path / state,
            "IPMP402",
            {"ipmpstat-g.txt": header + f"ipmp0       ipmp0       {state:9} 10.00s    {interfaces}\n"},
        )
        assert found(report) == [("ipmpstat-g.txt", 2, 1, "ipmp0")]
        assert report.findings[0].message == (
            f"group ipmp0 in host is {state}: it has already lost {lost} of its redundancy. Repair its failed members"
        )
