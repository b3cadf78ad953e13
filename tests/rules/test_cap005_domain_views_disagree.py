"""CAP005: `ifconfig -a`, `ipadm` and `ipmpstat` of one domain compared, pair by pair —
groups, members, member and group states — with the view the rules read named."""

from __future__ import annotations

from ipmplint.analysis import groups

from rule_harness import check, found, load, write

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

READ_IFCONFIG = ("The rules read the members from ifconfig -a, the first captured of ifconfig -a, ipadm "
                 "and ipmpstat: ifconfig -a alone shows each address's flags (NOFAILOVER, DEPRECATED), and "
                 "ipadm each address's interface")


def show_if(net1="ok", group="ok", over="net0 net1") -> str:
    return SHOW_IF.format(net1=net1, group=group, over=over)


def messages(report) -> list[str]:
    return [f.message for f in report.findings]


def test_captures_that_agree_are_clean(tmp_path):
    report = check(tmp_path, "CAP005", {"ifconfig-a.txt": IFCONFIG, "ipadm-show-if.txt": show_if(),
                                        "ipmpstat-g.txt": GROUPS.format(state="ok", members="net1 net0"),
                                        "ipmpstat-i.txt": INTERFACES.format(net1="ok")})
    assert report.findings == () and report.skipped == ()


def test_one_capture_has_nothing_to_compare(tmp_path):
    assert check(tmp_path, "CAP005", {"ipadm-show-if.txt": show_if(net1="failed", over="net0")}).findings == ()


def test_a_member_ifconfig_has_and_ipadm_lacks(tmp_path):
    report = check(tmp_path, "CAP005", {"ifconfig-a.txt": IFCONFIG, "ipadm-show-if.txt": show_if(over="net0")})
    assert found(report) == [("ifconfig-a.txt", 6, 1, "net1")]
    (message,) = messages(report)
    assert message.startswith(f"group ipmp0 in host has member net1 in ifconfig -a ({tmp_path}/host/ifconfig-a.txt:6:1) "
                              f"but not in ipadm ({tmp_path}/host/ipadm-show-if.txt:5:1); the domain's captures "
                              f"disagree, so they may not show one configuration. ")
    assert message.endswith(READ_IFCONFIG)


def test_a_member_only_the_second_capture_has_is_reported_at_its_line(tmp_path):
    report = check(tmp_path, "CAP005", {"ipadm-show-if.txt": show_if(over="net0"),
                                        "ipmpstat-g.txt": GROUPS.format(state="ok", members="net1 net0")})
    assert found(report) == [("ipmpstat-g.txt", 2, 1, "net1")]
    assert "has member net1 in ipmpstat" in messages(report)[0] and "The rules read the members from ipadm, " \
        in messages(report)[0]


def test_a_group_one_capture_lacks(tmp_path):
    lone = SHOW_IF.replace("ipmp0      ipmp     {group}       yes    {over}\n", "").format(net1="ok")
    report = check(tmp_path, "CAP005", {"ipadm-show-if.txt": lone,
                                        "ipmpstat-g.txt": GROUPS.format(state="ok", members="net1 net0")})
    assert found(report) == [("ipmpstat-g.txt", 2, 1, "ipmp0")]
    assert messages(report)[0].startswith(
        f"group ipmp0 in host is in ipmpstat ({tmp_path}/host/ipmpstat-g.txt:2:1) but not in ipadm "
        f"({tmp_path}/host/ipadm-show-if.txt)")


def test_member_and_group_states_that_differ(tmp_path):
    report = check(tmp_path, "CAP005", {"ipadm-show-if.txt": show_if(net1="failed", group="degraded"),
                                        "ipmpstat-g.txt": GROUPS.format(state="ok", members="net1 net0"),
                                        "ipmpstat-i.txt": INTERFACES.format(net1="ok")})
    assert found(report) == [("ipadm-show-if.txt", 4, 1, "net1"), ("ipadm-show-if.txt", 5, 1, "ipmp0")]
    first, second = messages(report)
    assert f"has member net1 failed in ipadm ({tmp_path}/host/ipadm-show-if.txt:4:1) but ok in ipmpstat " \
           f"({tmp_path}/host/ipmpstat-i.txt:2:1)" in first
    assert f"is degraded in ipadm ({tmp_path}/host/ipadm-show-if.txt:5:1) but ok in ipmpstat " \
           f"({tmp_path}/host/ipmpstat-g.txt:2:1)" in second
    assert all(m.endswith("The rules read the state from ipmpstat, in.mpathd's own report") for m in (first, second))


def test_ifconfig_failed_flag_against_ipmpstat(tmp_path):
    failed = IFCONFIG.replace("net1: flags=8001000843<UP,BROADCAST,RUNNING,MULTICAST,IPv4>",
                              "net1: flags=8001000803<UP,BROADCAST,MULTICAST,IPv4,FAILED>")
    report = check(tmp_path, "CAP005", {"ifconfig-a.txt": failed, "ipmpstat-i.txt": INTERFACES.format(net1="ok")})
    assert found(report) == [("ifconfig-a.txt", 6, 1, "net1")]
    assert "has member net1 failed in ifconfig -a" in messages(report)[0]


def test_states_in_other_words_are_not_compared(tmp_path):
    """ipadm's ``down`` is no ipmpstat state; ``unknown`` says nothing."""
    report = check(tmp_path, "CAP005", {"ipadm-show-if.txt": show_if(net1="down"),
                                        "ipmpstat-i.txt": INTERFACES.format(net1="unknown")})
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
    assert [[m.interface for m in g.members] for g in first.groups] == \
           [[m.interface for m in g.members] for g in dc.runtime_groups]
