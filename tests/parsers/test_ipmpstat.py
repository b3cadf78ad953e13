"""``ipmpstat`` (-g -i -t -a -p and -P -o): the 819-6990 samples counted by hand,
FORMATS.md 8.3 verbatim, messy input warned at exact positions, and property tests."""

from __future__ import annotations

import attrs
from hypothesis import given, settings
from hypothesis import strategies as st
from ipmpstat_render import render_ipmpstat
from parse_checks import assert_accounted, counts, strip

from ipmplint.model import (
    IpmpstatAddress,
    IpmpstatCapture,
    IpmpstatGroup,
    IpmpstatInterface,
    IpmpstatProbe,
    IpmpstatTarget,
    Source,
)
from ipmplint.parsers import ipmpstat

SAMPLE = "oracle-819-6990__ipmpstat-{}.txt"


def read(samples, which: str):
    name = SAMPLE.format(which)
    return ipmpstat.parse((samples / "solaris11" / name).read_text(), name)


def found(result) -> list[tuple[int, int, str]]:
    return [(w.source.line, w.source.col, w.message) for w in result.warnings]


# -- the real captures (every line indented 4 blanks, a `$ ` prompt line) --------------------


def test_group_sample(samples):
    result = read(samples, "g")
    assert result.warnings == ()
    assert counts(result) == (5, 3, 2, 0, 0)  # prompt and header skipped, 3 groups
    assert [
        (g.group, g.groupname, g.state, g.fdt_ms, g.active, g.inactive, g.unusable) for g in result.value.groups
    ] == [
        ("itops0", "itops0", "ok", 10000, ("subitops0", "subitops1"), (), ()),
        ("acctg1", "acctg1", "failed", None, (), (), ("hme0", "hme1")),
        ("field2", "field2", "degraded", 20000, ("fops0", "fops3"), ("fops2",), ("fops1",)),
    ]
    assert result.value.groups[2].members == ("fops0", "fops3", "fops2", "fops1")
    assert result.value.groups[0].source == Source(SAMPLE.format("g"), 3, 5)


def test_interface_sample(samples):
    result = read(samples, "i")
    assert result.warnings == ()
    assert counts(result) == (10, 8, 2, 0, 0)
    assert [(i.interface, i.active, i.group, i.flags, i.link, i.probe, i.state) for i in result.value.interfaces] == [
        ("subitops0", True, "itops0", "--mb---", "up", "ok", "ok"),
        ("subitops1", True, "itops0", "-------", "up", "disabled", "ok"),
        ("hme0", False, "acctg1", "-------", "unknown", "disabled", "offline"),
        ("hme1", False, "acctg1", "is-----", "down", "unknown", "failed"),
        ("fops0", True, "field2", "--mb---", "unknown", "ok", "ok"),
        ("fops1", False, "field2", "-i-----", "up", "ok", "ok"),
        # the guide's own typo: data, kept
        ("fops2", False, "filed2", "-------", "up", "failed", "failed"),
        ("fops3", True, "field2", "--mb---", "up", "ok", "ok"),
    ]


def test_target_sample(samples):
    result = read(samples, "nt")
    assert result.warnings == ()
    assert counts(result) == (10, 8, 2, 0, 0)
    targets = result.value.targets
    assert [(t.interface, t.mode, t.testaddr, t.targets) for t in targets[:5]] == [
        ("subitops0", "routes", "192.168.85.30", ("192.168.85.1", "192.168.85.3")),
        ("subitops1", "disabled", None, ()),
        ("hme0", "disabled", None, ()),
        ("hme1", "routes", "192.1.2.200", ("192.1.2.1",)),
        ("fops0", "multicast", "128.9.0.200", ("128.0.0.1", "128.0.0.2")),
    ]
    assert [t.testaddr for t in targets[5:]] == ["128.9.0.201", "128.9.0.202", "128.9.0.203"]
    assert targets[5].targets == ("128.0.0.2", "128.0.0.1")


def test_parseable_group_sample(samples):
    # `$ ipmpstat -P -o -g groupname,fdt,interfaces`: the fields are the operand after -g
    result = read(samples, "P-o-g")
    assert result.warnings == ()
    assert counts(result) == (4, 3, 1, 0, 0)
    assert [
        (g.group, g.groupname, g.state, g.fdt_ms, g.active, g.inactive, g.unusable) for g in result.value.groups
    ] == [
        # GROUP was not asked for: "" (never taken from the group name)
        ("", "itops0", None, 10000, ("subitops0", "subitops1"), (), ()),
        ("", "acctg1", None, None, (), (), ("hme0", "hme1")),
        ("", "field2", None, 20000, ("fops0", "fops3"), ("fops2",), ("fops1",)),
    ]
    assert result.value.groups[1].source == Source(SAMPLE.format("P-o-g"), 3, 5)


# -- FORMATS.md 8.3, verbatim --------------------------------------------------------------------

COOKBOOK = """\
root@solaris11-1:~# ipmpstat -g
GROUP       GROUPNAME   STATE     FDT       INTERFACES
hacker_ipmp0 hacker_ipmp0 ok      10.00s    net3_myipmp3 net2_myipmp2 net1_myipmp1 net0_myipmp0
...
hacker_ipmp0 hacker_ipmp0 degraded 10.00s   net3_myipmp3 net2_myipmp2 net1_myipmp1 [net0_myipmp0]

root@solaris11-1:~# ipmpstat -a
ADDRESS                   STATE  GROUP       INBOUND     OUTBOUND
::                        down   hacker_ipmp0 --         --
192.168.1.80              up     hacker_ipmp0 net0_myipmp0 net3_myipmp3 net2_myipmp2 net1_myipmp1 net0_myipmp0

root@solaris11-1:~# ipmpstat -i
INTERFACE   ACTIVE  GROUP       FLAGS     LINK      PROBE     STATE
net3_myipmp3 yes    hacker_ipmp0 -------  up        ok        ok
net0_myipmp0 yes    hacker_ipmp0 --mbM--  up        ok        ok
...
net0_myipmp0 no     hacker_ipmp0 -------  up        failed    failed

root@solaris11-1:~# ipmpstat -p
ipmpstat: probe-based failure detection is disabled
...
TIME     INTERFACE   PROBE  NETRTT    RTT      RTTAVG   TARGET
0.21s    net0_myipmp0 i1411 0.66ms    0.85ms   0.70ms   192.168.1.113

root@solaris11-1:~# ipmpstat -t
INTERFACE   MODE       TESTADDR            TARGETS
net3_myipmp3 multicast 192.168.1.81        192.168.1.113 192.168.1.112
"""


def test_cookbook_blocks_in_one_file():
    result = ipmpstat.parse(COOKBOOK, "cookbook")
    assert found(result) == [
        (4, 1, "elided output ('...'): rows may be missing here"),
        (16, 1, "elided output ('...'): rows may be missing here"),
        (21, 1, "elided output ('...'): rows may be missing here"),
    ]
    value = result.value
    assert [(g.group, g.state, g.fdt_ms, g.unusable) for g in value.groups] == [
        ("hacker_ipmp0", "ok", 10000, ()),
        ("hacker_ipmp0", "degraded", 10000, ("net0_myipmp0",)),
    ]
    down, up = value.addresses
    assert (down.address, down.state, down.group, down.inbound, down.outbound) == ("::", "down", "hacker_ipmp0", (), ())
    assert up.inbound == ("net0_myipmp0",)
    assert up.outbound == ("net3_myipmp3", "net2_myipmp2", "net1_myipmp1", "net0_myipmp0")
    assert [(i.interface, i.active, i.flags, i.probe) for i in value.interfaces] == [
        ("net3_myipmp3", True, "-------", "ok"),
        ("net0_myipmp0", True, "--mbM--", "ok"),
        ("net0_myipmp0", False, "-------", "failed"),
    ]
    assert value.probe_disabled == Source("cookbook", 20, 1)
    (probe,) = value.probes
    assert (probe.interface, probe.target, probe.rtt) == ("net0_myipmp0", "192.168.1.113", "0.85ms")
    (target,) = value.targets
    assert (target.mode, target.testaddr, target.targets) == (
        "multicast",
        "192.168.1.81",
        ("192.168.1.113", "192.168.1.112"),
    )
    # 27 lines: 9 rows and the probe-disabled message consumed, 5 prompts and 5 headers
    # skipped, 3 elisions warned, 4 blank
    assert counts(result) == (27, 10, 10, 3, 4)


S112_GROUPS = """\
% ipmpstat -g
GROUP   GROUPNAME   STATE      FDT        INTERFACES
ipmp0   ipmp0       ok         10.00s     net0 net1
acctg1  acctg1      failed     --         [net3 net4]
field2  field2      degraded   20.00s     net2 net5 (net7) [net6]
"""


def test_solaris112_groups():
    result = ipmpstat.parse(S112_GROUPS, "ko")
    assert result.warnings == ()
    field2 = result.value.groups[2]
    assert (field2.active, field2.inactive, field2.unusable) == (("net2", "net5"), ("net7",), ("net6",))
    assert counts(result) == (5, 3, 2, 0, 0)


# System Administration Guide: Network Interfaces and Network Virtualization (819-6990),
# "How to Obtain IPMP Data Address Information" (gfiol): -an with empty INBOUND and
# OUTBOUND (--) for a failed group and a down address.
GFIOL = """\
$ ipmpstat -an
ADDRESS         STATE    GROUP      INBOUND     OUTBOUND
192.168.10.10   up       itops0     subitops0   subitops0 subitops1
192.168.10.15   up       itops0     subitops1   subitops0 subitops1
192.0.0.100     up       acctg1     --          --
192.0.0.101     up       acctg1     --          --
128.0.0.100     up       field2     fops0       fops0 fops3
128.0.0.101     up       field2     fops3       fops0 fops3
128.0.0.102     down     field2     --          --
"""


def test_data_addresses_of_the_819_6990_guide():
    result = ipmpstat.parse(GFIOL, "gfiol")
    assert result.warnings == ()
    assert counts(result) == (9, 7, 2, 0, 0)
    rows = [(a.address, a.state, a.group, a.inbound, a.outbound) for a in result.value.addresses]
    assert rows[0] == ("192.168.10.10", "up", "itops0", ("subitops0",), ("subitops0", "subitops1"))
    assert rows[2] == ("192.0.0.100", "up", "acctg1", (), ())
    assert rows[6] == ("128.0.0.102", "down", "field2", (), ())


def test_several_inactive_members_and_an_anonymous_group():
    text = (
        "# ipmpstat -g\nGROUP       GROUPNAME   STATE      FDT        INTERFACES\n"
        "--          --          ok         --         e1000g0 (e1000g1 e1000g2) [e1000g3 e1000g4]\n"
    )
    (group,) = ipmpstat.parse(text, "a").value.groups
    assert (group.group, group.groupname, group.fdt_ms) == ("", None, None)
    assert (group.inactive, group.unusable) == (("e1000g1", "e1000g2"), ("e1000g3", "e1000g4"))


def test_parseable_with_escaped_colons():
    text = "# ipmpstat -an -P -o address,group,outbound\nfe80\\:\\:1:ipmp0:net0 net1\n::1\n"
    result = ipmpstat.parse(text, "p")
    (address,) = result.value.addresses
    assert (address.address, address.group, address.outbound) == ("fe80::1", "ipmp0", ("net0", "net1"))
    # an unescaped "::1" splits into three fields, the first (ADDRESS) empty
    assert found(result) == [(3, 1, "ipmpstat -a row without its ADDRESS; not read")]


# -- messy input ----------------------------------------------------------------------------------

MESSY = (
    "<pre>bash-3.2$ ipmpstat -g\r\n"
    "GROUP       GROUPNAME   STATE      FDT        INTERFACES\r\n"
    "ipmp0       ipmp0       ok         ten        net0 (net1\r\n"
    "ipmp1       ipmp1       ?          10.00s     net2 ]net3\r\n"
    "ipmp2\r\n"
    "\r\n"
    "root@host:~# ipmpstat -i\r\n"
    "INTERFACE   ACTIVE   GROUP      FLAGS      LINK       PROBE      STATE     COLOUR\r\n"
    "net0        perhaps  ipmp0      --mb?--    up         ok         ok        red\r\n"
    "ipmpstat: cannot contact in.mpathd(1M) -- is IPMP in use?\r\n"
    "net1:ipmp0\r\n"
    "$ ipmpstat -P -o interface,colour -t\r\n"
    "net0:red</pre>\r\n"
)


def test_messy_input_is_warned_at_its_tokens():
    result = ipmpstat.parse(MESSY, "messy")
    assert found(result) == [
        (3, 36, "FDT 'ten' is not a time in seconds like 10.00s"),
        (3, 52, "'(' in INTERFACES is not part of a member name or marker"),
        (4, 25, "ipmpstat could not tell the STATE ('?')"),
        (4, 52, "']' in INTERFACES is not part of a member name or marker"),
        (5, 1, "row has 1 cells, the ipmpstat -g header 5; not read"),
        (8, 76, "unknown column 'COLOUR' in the ipmpstat -i header; its cells are not read"),
        (9, 13, "ACTIVE 'perhaps' is neither yes nor no"),
        (9, 33, "FLAGS '--mb?--' is not a string of flag letters"),
        (
            10,
            11,
            "ipmpstat reported an error; what it could not show is not in the capture: "
            "cannot contact in.mpathd(1M) -- is IPMP in use?",
        ),
        (11, 1, "row has 1 cells, the ipmpstat -i header 8; not read"),
        (12, 18, "unknown field 'colour' for ipmpstat -t; its values are not read"),
    ]
    g0, g1 = result.value.groups
    assert (g0.fdt_ms, g0.active, g0.inactive) == (None, ("net0", "net1"), ())
    assert (g1.state, g1.active) == (None, ("net2", "net3"))
    (net0,) = result.value.interfaces
    assert (net0.active, net0.flags, net0.state) == (None, "", "ok")
    (target,) = result.value.targets
    assert (target.interface, target.mode) == ("net0", None)
    assert counts(result) == (13, 1, 3, 8, 1)


# -- properties ----------------------------------------------------------------------------------

names = st.builds(
    "{}{}".format, st.sampled_from(["net", "ipmp", "e1000g", "vnet", "hacker_ipmp", "fops"]), st.integers(0, 99)
)
# ipmpstat keeps addresses (or host names, without -n) as text: a pool is enough
addresses = st.sampled_from(
    [
        "192.168.85.1",
        "128.0.0.2",
        "::",
        "fe80::214:4fff:fe58:1831",
        "2001:db8::1",
        "10.0.0.254",
        "myhost",
        "gw-1.example.com",
    ]
)
MAYBE_NAME = st.none() | names
NAME_LISTS = st.lists(names, max_size=3).map(tuple)
FLAGS = st.builds(
    lambda bits: "".join(c if on else "-" for c, on in zip("ismbMdh", bits)),
    st.lists(st.booleans(), min_size=7, max_size=7),
) | st.just("")


def maybe(*values: str):
    return st.none() | st.sampled_from(values)


groups = st.builds(
    IpmpstatGroup,
    group=st.just("") | names,
    source=st.just(Source("x")),
    groupname=MAYBE_NAME,
    state=maybe("ok", "degraded", "failed"),
    fdt_ms=st.none() | st.integers(1, 99999).map(lambda n: n * 10),
    active=NAME_LISTS,
    inactive=NAME_LISTS,
    unusable=NAME_LISTS,
)
interfaces = st.builds(
    IpmpstatInterface,
    interface=names,
    source=st.just(Source("x")),
    active=st.none() | st.booleans(),
    group=MAYBE_NAME,
    flags=FLAGS,
    link=maybe("up", "down", "unknown"),
    probe=maybe("ok", "failed", "unknown", "disabled"),
    state=maybe("ok", "failed", "offline", "unknown"),
)
targets = st.builds(
    IpmpstatTarget,
    interface=names,
    source=st.just(Source("x")),
    mode=maybe("routes", "multicast", "disabled"),
    testaddr=st.none() | addresses,
    targets=st.lists(addresses, max_size=5).map(tuple),
)
ipmp_addresses = st.builds(
    IpmpstatAddress,
    address=addresses,
    source=st.just(Source("x")),
    state=maybe("up", "down"),
    group=MAYBE_NAME,
    inbound=st.lists(names, max_size=1).map(tuple),
    outbound=NAME_LISTS,
)
probes = st.builds(
    IpmpstatProbe,
    interface=names,
    source=st.just(Source("x")),
    target=st.none() | addresses,
    rtt=st.none() | st.integers(1, 99999).map(lambda n: f"{n / 100:.2f}ms"),
)
captures = st.builds(
    IpmpstatCapture,
    source=st.just(Source("x")),
    groups=st.lists(groups, max_size=3).map(tuple),
    interfaces=st.lists(interfaces, max_size=3).map(tuple),
    targets=st.lists(targets, max_size=3).map(tuple),
    addresses=st.lists(ipmp_addresses, max_size=3).map(tuple),
    probes=st.lists(probes, max_size=3).map(tuple),
    probe_disabled=st.none() | st.just(Source("x")),
)


@settings(max_examples=200, deadline=None)
@given(captures, st.sampled_from(["human", "collapsed", "parseable", "doc"]), st.sampled_from([None, "    "]))
def test_render_then_parse_gives_the_model_back(capture, style, indent):
    result = ipmpstat.parse(render_ipmpstat(capture, style, indent), "x")
    assert result.warnings == ()
    assert (result.value.probe_disabled is None) == (capture.probe_disabled is None)
    assert strip(attrs.evolve(result.value, probe_disabled=None)) == strip(attrs.evolve(capture, probe_disabled=None))
    assert result.account.balanced and result.account.warned == 0


_PIECES = list("ab019.:/()[]-\\#$ \t\n\r?") + [
    "GROUP GROUPNAME STATE FDT INTERFACES\n",
    "INTERFACE ACTIVE GROUP FLAGS LINK PROBE STATE\n",
    "INTERFACE MODE TESTADDR TARGETS\n",
    "ADDRESS STATE GROUP INBOUND OUTBOUND\n",
    "TIME INTERFACE PROBE NETRTT RTT RTTAVG TARGET\n",
    "$ ipmpstat -P -o -g groupname,fdt,interfaces\n",
    "# ipmpstat -gP -o group,fdt\n",
    "ipmpstat: ",
    "probe-based failure detection is disabled",
    "--",
    " ok",
    " yes",
    "10.00s",
    "net0",
    "...",
    "-------",
]


@settings(max_examples=200, deadline=None)
@given(st.lists(st.sampled_from(_PIECES), max_size=120).map("".join))
def test_arbitrary_text_never_raises(text):
    assert_accounted(ipmpstat.parse(text, "fuzz"), text)


@settings(max_examples=100, deadline=None)
@given(st.text(max_size=300))
def test_any_unicode_never_raises(text):
    assert ipmpstat.parse(text, "fuzz").account.balanced
