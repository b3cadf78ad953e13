"""``ipadm`` (show-if, show-addr, bare ``ipadm``, show-prop, show-ifprop): the real
Solaris 11.2 sample counted by hand, FORMATS.md 8.1/8.2 verbatim, parseable and ``-o
all`` forms, messy input warned at exact positions, and property tests."""

from __future__ import annotations

import ipaddress

from hypothesis import given, settings
from hypothesis import strategies as st
from ipadm_render import render_ipadm, render_prop
from parse_checks import assert_accounted, counts, strip

from ipmplint.model import Address, IpadmAddress, IpadmCapture, IpadmInterface, RoutingOption, RoutingState, Source
from ipmplint.parsers import ipadm

GMDGW = "oracle-s112-E37475-gmdgw__ipadm-ipmp-degraded.txt"


def found(result) -> list[tuple[int, int, str]]:
    return [(w.source.line, w.source.col, w.message) for w in result.warnings]


# -- the real capture -------------------------------------------------------------------


def test_bare_ipadm_solaris112_sample(samples):
    result = ipadm.parse((samples / "solaris11" / GMDGW).read_text(), GMDGW)
    assert result.warnings == ()
    # 18 lines: the prompt and the header skipped, 6 interface rows and 10 address rows
    assert counts(result) == (18, 16, 2, 0, 0)
    interfaces = result.value.interfaces
    assert [(i.name, i.iclass, i.state, i.under) for i in interfaces] == [
        ("lo0", "loopback", "ok", None),
        ("net0", "ip", "ok", None),
        ("ipmp0", "ipmp", "degraded", None),
        ("net1", "ip", "failed", "ipmp0"),
        ("net2", "ip", "ok", "ipmp0"),
        ("iptun0", "ip", "ok", None),
    ]
    assert interfaces[3].source == Source(GMDGW, 11, 1)
    addresses = result.value.addresses
    assert [(a.addrobj, a.type, a.state, a.address.text, a.address.prefixlen, a.remote) for a in addresses] == [
        ("lo0/v4", "static", "ok", "127.0.0.1", 8, None),
        ("lo0/v6", "static", "ok", "::1", 128, None),
        # the same addrobj name twice, static and dhcp: both kept
        ("net0/v4", "static", "ok", "10.132.146.233", 23, None),
        ("net0/v4", "dhcp", "ok", "10.132.146.234", 23, None),
        ("ipmp0/v6", "static", "ok", "2001:db8:1:2::4c08", 128, None),
        ("net1/v6", "addrconf", "ok", "fe80::124:4fff:fe58:1831", 10, None),
        ("net2/v6", "addrconf", "ok", "fe80::214:4fff:fe58:1832", 10, None),
        # tunnels: the local end is the address, the remote kept as text
        ("iptun0/v4", "static", "ok", "172.16.111.5", None, "172.16.223.75"),
        ("iptun0/v6", "static", "ok", "fe80::10:5", None, "fe80::223:75"),
        ("iptun0/v6a", "static", "ok", "2001:db8:1a0:7::10:5", None, "2001:db8:7a82:64::223:75"),
    ]
    assert addresses[4].address.family == "inet6" and addresses[4].interface == "ipmp0"
    assert addresses[0].address.ip == ipaddress.ip_address("127.0.0.1")
    assert addresses[0].address.source == Source(GMDGW, 4, 42)


# -- FORMATS.md 8.1 and 8.2, verbatim -------------------------------------------------------

SHOW_IF = """\
root@solaris11-1:~# ipadm show-if
IFNAME     CLASS    STATE    ACTIVE OVER
lo0        loopback ok       yes    --
net0_myipmp0 ip     ok       yes    --
net1_myipmp1 ip     ok       yes    --
net2_myipmp2 ip     ok       yes    --
net3_myipmp3 ip     ok       yes    --
hacker_ipmp0 ipmp   ok       yes    net0_myipmp0 net1_myipmp1 net2_myipmp2 net3_myipmp3
"""

AFTER_FAILURE = """\
net0_myipmp0 ip     failed   no     --
"""

SHOW_ADDR = """\
root@solaris11-1:~# ipadm show-addr
ADDROBJ           TYPE     STATE        ADDR
lo0/v4            static   ok           127.0.0.1/8
net0_myipmp0/test static   ok           192.168.1.51/24
net1_myipmp1/test static   ok           192.168.1.61/24
net2_myipmp2/test static   ok           192.168.1.71/24
net3_myipmp3/test static   ok           192.168.1.81/24
hacker_ipmp0/v4addr1 static ok          192.168.1.50/24
hacker_ipmp0/v4addr2 static ok          192.168.1.60/24
...
lo0/v6            static   ok           ::1/128
"""


def test_formats_show_if():
    result = ipadm.parse(SHOW_IF, "if")
    assert result.warnings == ()
    assert counts(result) == (8, 6, 2, 0, 0)
    ipmp = result.value.interfaces[-1]
    assert (ipmp.name, ipmp.iclass, ipmp.state, ipmp.active) == ("hacker_ipmp0", "ipmp", "ok", True)
    assert ipmp.over == ("net0_myipmp0", "net1_myipmp1", "net2_myipmp2", "net3_myipmp3")
    assert [i.over for i in result.value.interfaces[:-1]] == [()] * 5
    assert result.value.interfaces[1].source == Source("if", 4, 1)


def test_formats_show_if_row_without_its_header_is_warned():
    result = ipadm.parse(AFTER_FAILURE, "f")
    assert found(result) == [(1, 1, "line outside any ipadm table")]
    assert result.value.interfaces == () and counts(result) == (1, 0, 0, 1, 0)


def test_formats_show_addr_with_long_addrobj_and_elision():
    result = ipadm.parse(SHOW_ADDR, "addr")
    assert found(result) == [(10, 1, "elided output ('...'): rows may be missing here")]
    assert counts(result) == (11, 8, 2, 1, 0)
    rows = [(a.addrobj, a.type, a.state, str(a.address.ip), a.address.prefixlen) for a in result.value.addresses]
    assert rows[5] == ("hacker_ipmp0/v4addr1", "static", "ok", "192.168.1.50", 24)
    assert rows[-1] == ("lo0/v6", "static", "ok", "::1", 128)
    assert [a.interface for a in result.value.addresses[1:5]] == [
        "net0_myipmp0",
        "net1_myipmp1",
        "net2_myipmp2",
        "net3_myipmp3",
    ]
    assert result.value.addresses[5].address.source == Source("addr", 8, 41)


def test_show_if_and_show_addr_in_one_file():
    result = ipadm.parse(SHOW_IF + "\n" + SHOW_ADDR.replace("...\n", ""), "both")
    assert result.warnings == ()
    assert (len(result.value.interfaces), len(result.value.addresses)) == (6, 8)
    assert counts(result) == (19, 14, 4, 0, 1)


# -- other forms -------------------------------------------------------------------------------

# Solaris 11.4 (E37838 geyrf): address rows indented, UNDER right-aligned, trailing blanks.
BARE_114 = """\
$ ipadm
NAME        CLASS/TYPE STATE    UNDER  ADDR
lo0         loopback   ok          --  --
  lo0/v4    static     ok          --  127.0.0.1/8
net0        ip         ok          --   --
  net0/v4   dhcp       ok          --  203.0.113.233/23
  ipmp0     ipmp       degraded    --   --
  net1      ip         failed   ipmp0  -- \n\
  net1/v6   addrconf   ok          --  2001:db8:124:4fff:fe58:1831/32  \n\
"""


def test_bare_ipadm_solaris114_indented_rows():
    result = ipadm.parse(BARE_114, "114")
    # the guide's own address has six groups and no "::": kept as text, warned
    assert found(result) == [(9, 40, "'2001:db8:124:4fff:fe58:1831' is not a valid IPv4 or IPv6 address; kept as text")]
    assert result.value.addresses[-1].address.prefixlen == 32
    assert [(i.name, i.under) for i in result.value.interfaces] == [
        ("lo0", None),
        ("net0", None),
        ("ipmp0", None),
        ("net1", "ipmp0"),
    ]
    assert [a.addrobj for a in result.value.addresses] == ["lo0/v4", "net0/v4", "net1/v6"]
    assert result.value.addresses[0].source == Source("114", 4, 3)


ALL = """\
# ipadm show-if -o all
IFNAME     CLASS    STATE    ACTIVE CURRENT       PERSISTENT OVER
lo0        loopback ok       yes    -m-v------46  ---46      --
net0       ip       ok       yes    bm--------4-  ---4-      --
net9       ip       ok       yes    bm--------4-  -----      --
ipmp0      ipmp     ok       yes    bm--I-----46  ---46      net0 net1
"""


def test_show_if_all_keeps_the_persistent_flags():
    # column order: the 6th field is PERSISTENT (Vagrant's Solaris 11 guest plugin
    # cuts field 6 of `ipadm show-if -o all` to look for 4 or 6)
    result = ipadm.parse(ALL, "all")
    assert result.warnings == ()
    assert [(i.name, i.persistent) for i in result.value.interfaces] == [
        ("lo0", "---46"),
        ("net0", "---4-"),
        ("net9", "-----"),
        ("ipmp0", "---46"),
    ]
    assert result.value.interfaces[-1].over == ("net0", "net1")


PARSEABLE = """\
# ipadm show-addr -p -o addrobj,state,addr
lo0/v6:ok:\\:\\:1/128
net0/v4:ok:192.168.1.5/24
# ipadm show-if -p -o ifname,over
ipmp0:net0 net1
"""


def test_parseable_output_is_read_by_the_echoed_fields():
    result = ipadm.parse(PARSEABLE, "p")
    assert result.warnings == ()
    v6, v4 = result.value.addresses
    assert (v6.addrobj, v6.state, v6.address.text, v6.address.prefixlen, v6.type) == ("lo0/v6", "ok", "::1", 128, None)
    assert v4.address.source == Source("p", 3, 12)
    (ipmp0,) = result.value.interfaces
    assert ipmp0.over == ("net0", "net1") and ipmp0.iclass is None
    assert counts(result) == (5, 3, 2, 0, 0)


def test_parseable_lines_without_a_command_are_not_guessed():
    result = ipadm.parse("lo0/v4:static:ok:127.0.0.1/8\n", "p")
    assert found(result) == [(1, 1, "parseable ipadm output without an echoed command naming its -o fields; not read")]


# Configuring and Administering Network Components in Oracle Solaris 11.2 (E37475),
# "Obtaining Information About IP Addresses" (gmagp): a tunnel's local-->remote, an
# address with no prefix length, and the interface/? of an address not made by ipadm
# (that page's Japanese edition, E53786, describes interface/?).
GMAGP = """\
# ipadm show-addr
ADDROBJ          TYPE       STATE     ADDR
lo0/v4           static     ok        127.0.0.1/8
net0/v4          static     ok        192.168.84.3/24
tun0/v4          static     ok        172.16.134.1-->172.16.134.2
# ipadm show-addr net0
ADDROBJ          TYPE       STATE     ADDR
net0/v4          static     ok        192.168.84.3/24
net0/v4a         static     ok        10.0.1.1/24
net0/v4bc        static     ok        172.16.10.1
net0/?           static     ok        172.16.10.2/24
"""


def test_show_addr_line_forms_of_the_11_2_guide():
    result = ipadm.parse(GMAGP, "gmagp")
    assert result.warnings == ()
    assert counts(result) == (11, 7, 4, 0, 0)
    rows = [(a.addrobj, a.address.text, a.address.prefixlen, a.remote) for a in result.value.addresses]
    assert rows[2] == ("tun0/v4", "172.16.134.1", None, "172.16.134.2")
    assert rows[5:] == [("net0/v4bc", "172.16.10.1", None, None), ("net0/?", "172.16.10.2", 24, None)]


# -- show-prop / show-ifprop ------------------------------------------------------------------

PROPS = """\
# ipadm show-prop -p forwarding ipv4
PROTO PROPERTY              PERM CURRENT      PERSISTENT   DEFAULT      POSSIBLE
ipv4  forwarding            rw   on           on           off          on,off
# ipadm show-prop
PROTO PROPERTY              PERM CURRENT      PERSISTENT   DEFAULT      POSSIBLE
ipv4  forwarding            rw   off          --           off          on,off
ipv4  ttl                   rw   255          --           255          1-255
tcp   cong_default          rw   newreno      --           newreno      newreno,cubic,
                                                                        dctcp,highspeed,
                                                                        vegas
ipv6  forwarding            rw   off          off          off          on,off
# ipadm show-ifprop -p forwarding net0
IFNAME      PROPERTY        PROTO PERM CURRENT    PERSISTENT DEFAULT    POSSIBLE
net0        forwarding      ipv4  rw   on         --         off        on,off
"""


def test_show_prop_forwarding_rows():
    result = ipadm.parse_prop(PROPS, "prop")
    assert result.warnings == ()
    options = result.value.options
    assert [(o.option, o.configured, o.current) for o in options] == [
        ("ipv4 forwarding", True, True),
        # PERSISTENT -- : not set persistently, DEFAULT applies at boot
        ("ipv4 forwarding", None, False),
        ("ipv6 forwarding", False, False),
        ("net0 ipv4 forwarding", None, True),
    ]
    assert options[3].source == Source("prop", 14, 1)
    assert result.value.option("net0 ipv4 forwarding") is options[3]
    # ttl and cong_default (and its two wrapped lines) are skipped: not on/off options
    assert counts(result) == (14, 4, 10, 0, 0)


def test_show_prop_parseable_form():
    text = "# ipadm show-prop -c -o property,persistent,current -p forwarding ipv6\nforwarding:on:off\n"
    result = ipadm.parse_prop(text, "c")
    assert result.warnings == ()
    assert [(o.option, o.configured, o.current) for o in result.value.options] == [("forwarding", True, False)]


def test_each_kind_leaves_the_other_tables_alone():
    mixed = SHOW_IF + PROPS
    interfaces = ipadm.parse(mixed, "m")
    assert found(interfaces) == [
        (10, 1, "ipadm show-prop output belongs in a capture of its own; not read from this one"),
        (13, 1, "ipadm show-prop output belongs in a capture of its own; not read from this one"),
        (21, 1, "ipadm show-ifprop output belongs in a capture of its own; not read from this one"),
    ]
    assert len(interfaces.value.interfaces) == 6 and interfaces.account.balanced
    props = ipadm.parse_prop(mixed, "m")
    assert found(props)[0] == (2, 1, "ipadm show-if output belongs in a capture of its own; not read from this one")
    assert len(props.value.options) == 4


# -- messy input ----------------------------------------------------------------------------------

MESSY = (
    "<pre>bash-3.2$ ipadm show-addr\r\n"
    "ADDROBJ\tTYPE     STATE        ADDR     COLOUR\r\n"
    "net0/v4           static   ok           10.888.999.133/24   blue\r\n"
    "net1/v4           dhcp     ok           ?   red\r\n"
    "net2/v4           static   ok\r\n"
    "net3/v4           static   ok           192.168.1.3/40   green</pre>\r\n"
    "\r\n"
    "root@host:~# ipadm show-if\r\n"
    "IFNAME     CLASS    STATE    ACTIVE OVER\r\n"
    "net0       ip       ok       maybe  --\r\n"
    "WHAT IS THIS\r\n"
    "ipadm: Could not get interface(s): permission denied\r\n"
)


def test_messy_input_is_warned_at_its_tokens():
    result = ipadm.parse(MESSY, "messy")
    assert found(result) == [
        (2, 40, "unknown column 'COLOUR' in the ipadm show-addr header; its cells are not read"),
        (3, 41, "'10.888.999.133' is not a valid IPv4 or IPv6 address; kept as text"),
        (4, 41, "ipadm could not tell the ADDR ('?')"),
        (5, 1, "row has 3 cells, the ipadm show-addr header 5; not read"),
        (6, 52, "prefix length '/40' is not usable"),
        (10, 30, "ACTIVE 'maybe' is neither yes nor no"),
        (11, 1, "header of no ipadm table ipmplint knows; its rows are not read"),
        (
            12,
            8,
            "ipadm reported an error; what it could not show is not in the capture: "
            "Could not get interface(s): permission denied",
        ),
    ]
    anonymised, unknown, bad_prefix = result.value.addresses
    assert anonymised.address == Address("10.888.999.133", Source("messy", 3, 41), prefixlen=24)
    assert unknown.address is None and bad_prefix.address.prefixlen is None
    assert result.value.interfaces[0].active is None
    assert counts(result) == (12, 0, 3, 8, 1)


# -- properties --------------------------------------------------------------------------------

names = st.builds(
    "{}{}".format,
    st.sampled_from(["net", "ipmp", "e1000g", "vnet", "lo", "hacker_ipmp", "net0_myipmp"]),
    st.integers(0, 99),
)
# strategies built once: building them inside a draw costs more than the parse
VERSIONS = st.sampled_from([4, 6])
IPS = {4: st.ip_addresses(v=4), 6: st.ip_addresses(v=6)}
REMOTES = {v: st.none() | ips.map(str) for v, ips in IPS.items()}
PREFIXES = {4: st.none() | st.integers(1, 32), 6: st.none() | st.integers(1, 128)}
ADDR_NAMES = st.sampled_from(["v4", "v6", "test", "v4addr1", "v6a"])
ADDR_TYPES = st.none() | st.sampled_from(["static", "dhcp", "addrconf"])
ADDR_STATES = st.none() | st.sampled_from(["ok", "disabled", "duplicate", "tentative", "down"])
IF_CLASSES = st.none() | st.sampled_from(["ip", "ipmp", "loopback", "vni"])
IF_STATES = st.none() | st.sampled_from(["ok", "failed", "down", "offline", "disabled"])
MAYBE_BOOL = st.none() | st.booleans()
MAYBE_NAME = st.none() | names
MEMBERS = st.lists(names, max_size=4).map(tuple)
PFLAGS = st.sampled_from(["---46", "--4-", "s-4-", "-----"])


@st.composite
def addresses(draw, interface: str) -> IpadmAddress:
    v = draw(VERSIONS)
    ip = draw(IPS[v])
    remote = draw(REMOTES[v])
    prefix = None if remote else draw(PREFIXES[v])
    address = Address(str(ip), Source("x"), "inet6" if v == 6 else "inet", ip, prefix) if draw(st.booleans()) else None
    return IpadmAddress(
        addrobj=f"{interface}/{draw(ADDR_NAMES)}",
        source=Source("x"),
        type=draw(ADDR_TYPES),
        state=draw(ADDR_STATES),
        address=address,
        remote=remote if address is not None else None,
    )


@st.composite
def captures(draw, style: str) -> IpadmCapture:
    ifnames = draw(st.lists(names, min_size=1, max_size=6, unique=True))
    bare = style.startswith("bare")
    interfaces = [
        IpadmInterface(
            name=name,
            source=Source("x"),
            iclass=draw(IF_CLASSES),
            state=draw(IF_STATES),
            active=None if bare else draw(MAYBE_BOOL),
            over=() if bare else draw(MEMBERS),
            under=draw(MAYBE_NAME) if bare else None,
            persistent=draw(PFLAGS) if style in ("all", "parseable") else None,
        )
        for name in ifnames
    ]
    addrs = [draw(addresses(draw(st.sampled_from(ifnames)))) for _ in range(draw(st.integers(0, 6)))]
    return IpadmCapture(source=Source("x"), interfaces=tuple(interfaces), addresses=tuple(addrs))


STYLES = ["show", "all", "parseable", "collapsed", "bare", "bare-11.4"]


@settings(max_examples=200, deadline=None)
@given(
    st.sampled_from(STYLES).flatmap(lambda s: st.tuples(st.just(s), captures(s))), st.sampled_from([None, "    ", "\t"])
)
def test_render_then_parse_gives_the_model_back(styled, indent):
    style, capture = styled
    result = ipadm.parse(render_ipadm(capture, style, indent), "x")
    assert result.warnings == ()
    expected = capture
    if style.startswith("bare"):  # bare ipadm lists each interface's addresses under it
        order = {i.name: n for n, i in enumerate(capture.interfaces)}
        expected = IpadmCapture(
            Source("x"), capture.interfaces, tuple(sorted(capture.addresses, key=lambda a: order[a.interface]))
        )
    assert strip(result.value) == strip(expected)
    assert result.account.balanced and result.account.warned == 0


PROTOS = st.sampled_from(["ipv4", "ipv6"])
PROPERTIES = st.sampled_from(["forwarding", "send_redirects"])


@st.composite
def routing(draw) -> RoutingState:
    options = []
    for _ in range(draw(st.integers(0, 5))):
        proto, prop = draw(PROTOS), draw(PROPERTIES)
        current, configured = draw(MAYBE_BOOL), draw(MAYBE_BOOL)
        if prop != "forwarding" and current is None and configured is None:
            current = True  # an on/off row with neither value would be no routing option
        scope = draw(MAYBE_NAME)
        options.append(
            RoutingOption(f"{scope} {proto} {prop}" if scope else f"{proto} {prop}", Source("x"), configured, current)
        )
    modules = [o for o in options if len(o.option.split()) == 2]
    return RoutingState(Source("x"), tuple(modules + [o for o in options if o not in modules]))


@settings(max_examples=200, deadline=None)
@given(routing(), st.sampled_from(["show", "parseable"]))
def test_render_prop_then_parse_gives_the_model_back(state, style):
    result = ipadm.parse_prop(render_prop(state, style), "x")
    assert result.warnings == ()
    assert strip(result.value) == strip(state)
    assert result.account.balanced


_PIECES = list("ab019./:->-\\#$ \t\n\r?") + [
    "IFNAME",
    " CLASS",
    " STATE",
    " ACTIVE",
    " OVER\n",
    "ADDROBJ TYPE STATE ADDR\n",
    "NAME CLASS/TYPE",
    " UNDER ADDR\n",
    "PROTO PROPERTY PERM CURRENT PERSISTENT DEFAULT POSSIBLE\n",
    "# ipadm show-if -p -o ifname\n",
    "# ipadm show-addr -p -o addrobj,addr\n",
    "--",
    " ok",
    " yes",
    "net0/v4",
    "ipadm: ",
    "...",
    "on",
    "off",
]


@settings(max_examples=200, deadline=None)
@given(st.lists(st.sampled_from(_PIECES), max_size=120).map("".join))
def test_arbitrary_text_never_raises(text):
    assert_accounted(ipadm.parse(text, "fuzz"), text)
    assert_accounted(ipadm.parse_prop(text, "fuzz"), text)


@settings(max_examples=100, deadline=None)
@given(st.text(max_size=300))
def test_any_unicode_never_raises(text):
    assert ipadm.parse(text, "fuzz").account.balanced
