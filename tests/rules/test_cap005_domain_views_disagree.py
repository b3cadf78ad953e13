"""CAP005: `ifconfig -a`, `ipadm` and `ipmpstat` of one domain compared, pair by pair —
groups, members, member and group states — with the view the rules read named."""

from __future__ import annotations

from rule_harness import check, found, load, write

from ipmplint.analysis import groups

IFCONFIG = """\
lo0: flags=2001000849<UP,LOOPBACK,RUNNING,MULTICAST,IPv4,VIRTUAL> mtu 8232 index 1
        inet 127.0.0.1 netmask ff000000
net0: flags=8001000843<UP,BROADCAST,RUNNING,MULTICAST,IPv4> mtu 1500 index 2
        inet 0.0.0.0 netmask ff000000
        groupname ipmp0
net1: flags=8001000843<UP,BROADCAST,RUNNING,MULTICAST,IPv4> mtu 1500 index 3
        inet 0.0.0.0 netmask ff000000
        groupname ipmp0
ipmp0: flags=8011000803<UP,BROADCAST,MULTICAST,IPv4,IPMP> mtu 1500 index 4
        inet 192.168.1.1 netmask ffffff00 broadcast 192.168.1.255
        groupname ipmp0
"""

SHOW_IF = """\
IFNAME     CLASS    STATE    ACTIVE OVER
lo0        loopback ok       yes    --
net0       ip       ok       yes    --
net1       ip       {net1}       yes    --
ipmp0      ipmp     {group}       yes    {over}
"""

GROUPS = """\
GROUP       GROUPNAME   STATE     FDT       INTERFACES
ipmp0       ipmp0       {state}        10.00s    {members}
"""

INTERFACES = """\
INTERFACE   ACTIVE  GROUP       FLAGS     LINK      PROBE     STATE
net1        yes     ipmp0       -------   up        ok        {net1}
net0        yes     ipmp0       --mb---   up        ok        ok
"""

READ_IFCONFIG = (
    "The rules read the members from ifconfig -a, the first captured of ifconfig -a, ipadm "
    "and ipmpstat: ifconfig -a alone shows each address's flags (NOFAILOVER, DEPRECATED), and "
    "ipadm each address's interface"
)


def show_if(net1="ok", group="ok", over="net0 net1") -> str:
    return SHOW_IF.format(net1=net1, group=group, over=over)


def messages(report) -> list[str]:
    return [f.message for f in report.findings]


def test_captures_that_agree_are_clean(tmp_path):
    report = check(
        tmp_path,
        "CAP005",
        {
            "ifconfig-a.txt": IFCONFIG,
            "ipadm-show-if.txt": show_if(),
            "ipmpstat-g.txt": GROUPS.format(state="ok", members="net1 net0"),
            "ipmpstat-i.txt": INTERFACES.format(net1="ok"),
        },
    )
    assert report.findings == () and report.skipped == ()


def test_one_capture_has_nothing_to_compare(tmp_path):
    assert check(tmp_path, "CAP005", {"ipadm-show-if.txt": show_if(net1="failed", over="net0")}).findings == ()


def test_a_member_ifconfig_has_and_ipadm_lacks(tmp_path):
    report = check(tmp_path, "CAP005", {"ifconfig-a.txt": IFCONFIG, "ipadm-show-if.txt": show_if(over="net0")})
    assert found(report) == [("ifconfig-a.txt", 6, 1, "net1")]
    (message,) = messages(report)
    assert message.startswith(
        f"group ipmp0 in host has member net1 in ifconfig -a ({tmp_path}/host/ifconfig-a.txt:6:1) "
        f"but not in ipadm ({tmp_path}/host/ipadm-show-if.txt:5:1); the domain's captures "
        f"disagree, so they may not show one configuration. "
    )
    assert message.endswith(READ_IFCONFIG)


def test_a_member_only_the_second_capture_has_is_reported_at_its_line(tmp_path):
    report = check(
        tmp_path,
        "CAP005",
        {"ipadm-show-if.txt": show_if(over="net0"), "ipmpstat-g.txt": GROUPS.format(state="ok", members="net1 net0")},
    )
    assert found(report) == [("ipmpstat-g.txt", 2, 1, "net1")]
    assert (
        "has member net1 in ipmpstat" in messages(report)[0]
        and "The rules read the members from ipadm, " in messages(report)[0]
    )


def test_a_group_one_capture_lacks(tmp_path):
    lone = SHOW_IF.replace("ipmp0      ipmp     {group}       yes    {over}\n", "").format(net1="ok")
    report = check(
        tmp_path,
        "CAP005",
        {"ipadm-show-if.txt": lone, "ipmpstat-g.txt": GROUPS.format(state="ok", members="net1 net0")},
    )
    assert found(report) == [("ipmpstat-g.txt", 2, 1, "ipmp0")]
    assert messages(report)[0].startswith(
        f"group ipmp0 in host is in ipmpstat ({tmp_path}/host/ipmpstat-g.txt:2:1) but not in ipadm "
        f"({tmp_path}/host/ipadm-show-if.txt)"
    )


def test_member_and_group_states_that_differ(tmp_path):
    report = check(
        tmp_path,
        "CAP005",
        {
            "ipadm-show-if.txt": show_if(net1="failed", group="degraded"),
            "ipmpstat-g.txt": GROUPS.format(state="ok", members="net1 net0"),
            "ipmpstat-i.txt": INTERFACES.format(net1="ok"),
        },
    )
    assert found(report) == [("ipadm-show-if.txt", 4, 1, "net1"), ("ipadm-show-if.txt", 5, 1, "ipmp0")]
    first, second = messages(report)
    assert (
        f"has member net1 failed in ipadm ({tmp_path}/host/ipadm-show-if.txt:4:1) but ok in ipmpstat "
        f"({tmp_path}/host/ipmpstat-i.txt:2:1)" in first
    )
    assert (
        f"is degraded in ipadm ({tmp_path}/host/ipadm-show-if.txt:5:1) but ok in ipmpstat "
        f"({tmp_path}/host/ipmpstat-g.txt:2:1)" in second
    )
    assert all(m.endswith("The rules read the state from ipmpstat, in.mpathd's own report") for m in (first, second))


def test_ifconfig_failed_flag_against_ipmpstat(tmp_path):
    failed = IFCONFIG.replace(
        "net1: flags=8001000843<UP,BROADCAST,RUNNING,MULTICAST,IPv4>",
        "net1: flags=8001000803<UP,BROADCAST,MULTICAST,IPv4,FAILED>",
    )
    report = check(tmp_path, "CAP005", {"ifconfig-a.txt": failed, "ipmpstat-i.txt": INTERFACES.format(net1="ok")})
    assert found(report) == [("ifconfig-a.txt", 6, 1, "net1")]
    assert "has member net1 failed in ifconfig -a" in messages(report)[0]


def test_states_in_other_words_are_not_compared(tmp_path):
    """ipadm's ``down`` is no ipmpstat state; ``unknown`` says nothing."""
    report = check(
        tmp_path,
        "CAP005",
        {"ipadm-show-if.txt": show_if(net1="down"), "ipmpstat-i.txt": INTERFACES.format(net1="unknown")},
    )
    assert report.findings == ()


def test_a_capture_without_interfaces_is_no_view(tmp_path):
    """``ipmpstat -t`` alone lists no member: it neither agrees nor disagrees."""
    targets = "INTERFACE   MODE       TESTADDR            TARGETS\nnet0        transitive <net0>              <net1>\n"
    report = check(tmp_path, "CAP005", {"ipadm-show-if.txt": show_if(), "ipmpstat-t.txt": targets})
    assert report.findings == ()


def test_the_view_named_as_the_rules_is_the_one_runtime_groups_reads(tmp_path):
    """``runtime_views`` (what CAP005 names) and ``runtime_groups`` (what the rules read)
    take the members from the same capture."""
    server = load(write(tmp_path / "host", {"ifconfig-a.txt": IFCONFIG, "ipadm-show-if.txt": show_if(over="net0")}))
    (dc,) = server.domains
    first = groups.runtime_views(dc)[0]
    assert [[m.interface for m in g.members] for g in first.groups] == [
        [m.interface for m in g.members] for g in dc.runtime_groups
    ]


def test_three_views_are_compared_pair_by_pair(tmp_path):
    """ifconfig -a (net1 RUNNING: ok), ipadm (ok) and ipmpstat (failed): ipmpstat
    disagrees with each of the other two, each finding at the line of the first view."""
    report = check(
        tmp_path,
        "CAP005",
        {
            "ifconfig-a.txt": IFCONFIG,
            "ipadm-show-if.txt": show_if(),
            "ipmpstat-i.txt": INTERFACES.format(net1="failed"),
        },
    )
    assert found(report) == [("ifconfig-a.txt", 6, 1, "net1"), ("ipadm-show-if.txt", 4, 1, "net1")]
    assert [f.nodes for f in report.findings] == [("interface:host/net1",)] * 2
    first, second = messages(report)
    assert (
        f"has member net1 ok in ifconfig -a ({tmp_path}/host/ifconfig-a.txt:6:1) but failed in ipmpstat "
        f"({tmp_path}/host/ipmpstat-i.txt:2:1)" in first
    )
    assert (
        f"has member net1 ok in ipadm ({tmp_path}/host/ipadm-show-if.txt:4:1) but failed in ipmpstat "
        f"({tmp_path}/host/ipmpstat-i.txt:2:1)" in second
    )
    assert all(m.endswith("The rules read the state from ipmpstat, in.mpathd's own report") for m in (first, second))


def test_without_ipmpstat_the_state_is_read_from_the_first_view(tmp_path):
    failed = IFCONFIG.replace(
        "net1: flags=8001000843<UP,BROADCAST,RUNNING,MULTICAST,IPv4>",
        "net1: flags=8001000803<UP,BROADCAST,MULTICAST,IPv4,FAILED>",
    )
    report = check(tmp_path, "CAP005", {"ifconfig-a.txt": failed, "ipadm-show-if.txt": show_if()})
    assert found(report) == [("ifconfig-a.txt", 6, 1, "net1")]
    (message,) = messages(report)
    assert (
        f"has member net1 failed in ifconfig -a ({tmp_path}/host/ifconfig-a.txt:6:1) but ok in ipadm "
        f"({tmp_path}/host/ipadm-show-if.txt:4:1)" in message
    )
    assert message.endswith("The rules read the state from ifconfig -a")


def test_a_group_ok_in_the_first_view_and_degraded_in_the_second(tmp_path):
    report = check(
        tmp_path,
        "CAP005",
        {"ipadm-show-if.txt": show_if(), "ipmpstat-g.txt": GROUPS.format(state="degraded", members="net1 net0")},
    )
    assert found(report) == [("ipadm-show-if.txt", 5, 1, "ipmp0")]
    assert report.findings[0].nodes == ("group:host/ipmp0",)
    assert (
        f"is ok in ipadm ({tmp_path}/host/ipadm-show-if.txt:5:1) but degraded in ipmpstat "
        f"({tmp_path}/host/ipmpstat-g.txt:2:1)" in messages(report)[0]
    )


TWO_GROUPS_IF = """\
IFNAME     CLASS    STATE    ACTIVE OVER
net0       ip       ok       yes    --
net1       ip       ok       yes    --
net2       ip       ok       yes    --
net3       ip       failed   no     --
ipmp0      ipmp     ok       yes    net0 net1
ipmp1      ipmp     {ipmp1}       yes    net2 net3
"""

TWO_GROUPS_G = {
    "ipmp0": "ipmp0       ipmp0       ok        10.00s    net1 net0\n",
    "ipmp1": "ipmp1       ipmp1       degraded  10.00s    net3 net2\n",
}


def test_each_group_state_is_read_from_its_own_ipmpstat_row(tmp_path):
    """Two groups, their ipmpstat -g rows in either order: each group is compared with the
    row of its own IPMP interface, and only ipmp1 (ok in ipadm) disagrees."""
    for order in (("ipmp0", "ipmp1"), ("ipmp1", "ipmp0")):
        root = tmp_path / "-".join(order)
        rows = "GROUP       GROUPNAME   STATE     FDT       INTERFACES\n" + "".join(TWO_GROUPS_G[g] for g in order)
        agree = check(
            root / "agree",
            "CAP005",
            {"ipadm-show-if.txt": TWO_GROUPS_IF.format(ipmp1="degraded"), "ipmpstat-g.txt": rows},
        )
        assert agree.findings == (), order
        report = check(
            root / "differ", "CAP005", {"ipadm-show-if.txt": TWO_GROUPS_IF.format(ipmp1="ok"), "ipmpstat-g.txt": rows}
        )
        assert found(report) == [("ipadm-show-if.txt", 7, 1, "ipmp1")], order
        assert "is ok in ipadm" in messages(report)[0] and "but degraded in ipmpstat" in messages(report)[0]
