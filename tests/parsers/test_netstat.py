"""``netstat -rn`` / ``-rnv``: the real samples counted by hand, the gist and ``-rnv``
forms, garbage warned at exact positions, and property tests."""

from __future__ import annotations

from pathlib import Path

import attrs
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from parse_checks import counts, strip
from text_render import render_netstat

from ipmplint.model import Route, RouteTable, Source
from ipmplint.parsers import netstat

ROUTES = Path(__file__).parents[1] / "data" / "samples" / "routes"


def sample(name: str):
    return netstat.parse((ROUTES / name).read_text(), name)


def row(r: Route) -> tuple:
    return (r.family, r.destination, r.gateway, r.flags, r.ref, r.use, r.interface)


S10 = "puppetlabs-facter__netstat-rn-solaris10.txt"
B132 = "puppetlabs-facter__netstat-rn-opensolaris-b132.txt"


# -- real captures ------------------------------------------------------------------------


@pytest.mark.parametrize(
    "name, v4, v6, account",
    [
        # (total, consumed, skipped, warned, blank): per table a title (consumed), a header and
        # a dashes line (skipped), the rows (consumed); one blank line between the tables
        (S10, 4, 5, (16, 11, 4, 0, 1)),
        (B132, 4, 6, (17, 12, 4, 0, 1)),
    ],
)
def test_samples_are_read_whole(name, v4, v6, account):
    result = sample(name)
    assert result.warnings == ()
    assert counts(result) == account
    routes = result.value.routes
    assert sum(r.family == "inet" for r in routes) == v4
    assert sum(r.family == "inet6" for r in routes) == v6


def test_solaris10_every_row():
    routes = sample(S10).value.routes
    assert [row(r) for r in routes] == [
        ("inet", "default", "192.168.2.1", "UG", 1, 10, None),
        ("inet", "192.168.2.0", "192.168.2.83", "U", 1, 1022, "hme0"),
        ("inet", "224.0.0.0", "192.168.2.83", "U", 1, 0, "hme0"),
        ("inet", "127.0.0.1", "127.0.0.1", "UH", 1, 0, "lo0"),
        # the gateway overflows its 27-character column and pushes the rest right
        ("inet6", "2404:130:0:1000::/64", "2404:130:0:1000:a00:20ff:fed1:6d79", "U", 1, 0, "hme0:1"),
        ("inet6", "fe80::/10", "fe80::a00:20ff:fed1:6d79", "U", 1, 0, "hme0"),
        ("inet6", "ff00::/8", "fe80::a00:20ff:fed1:6d79", "U", 1, 0, "hme0"),
        ("inet6", "default", "fe80::214:22ff:fe0a:1c46", "UG", 1, 0, "hme0"),
        ("inet6", "::1", "::1", "UH", 1, 140, "lo0"),
    ]
    default = routes[0]
    assert default.source == Source(S10, 4, 1)
    assert default.interface is None and default.is_gateway and not default.is_host
    assert routes[4].source == Source(S10, 12, 1)
    assert str(routes[4].gateway_ip) == "2404:130:0:1000:a00:20ff:fed1:6d79"


def test_opensolaris_b132_empty_interface_and_large_counters():
    routes = sample(B132).value.routes
    assert row(routes[0]) == ("inet", "default", "202.78.241.102", "UG", 4, 56215415, None)
    assert row(routes[2]) == ("inet", "172.31.255.0", "172.31.255.254", "U", 12, 62487076, "int0")
    assert row(routes[-1]) == ("inet6", "default", "fe80::20d:edff:fe9d:782e", "UG", 2, 420100, "bge0")
    assert [r.source.line for r in routes] == [4, 5, 6, 7, 12, 13, 14, 15, 16, 17]


def test_route_get_is_not_netstat_output():
    result = sample("puppetlabs-facter__route-n-get-default-solaris11.txt")
    assert result.value is not None and result.value.routes == ()
    assert counts(result) == (8, 0, 0, 8, 0)
    assert [(w.source.line, w.source.col) for w in result.warnings][:3] == [(1, 4), (2, 1), (3, 8)]


# -- the other forms of FORMATS.md section 9 ----------------------------------------------------

OPEN_MPI = """\
# netstat -rn

Routing Table: IPv4
  Destination           Gateway           Flags  Ref     Use     Interface
-------------------- -------------------- ----- ----- ---------- ---------
default              172.16.254.1         UG        2     158463 bge0
127.0.0.1            127.0.0.1            UH        5     398913 lo0
172.16.0.0           172.16.0.120         U         4  135241319 bge0
"""


def test_prompt_then_table():
    result = netstat.parse(OPEN_MPI, "n")
    assert result.warnings == ()
    assert [row(r) for r in result.value.routes] == [
        ("inet", "default", "172.16.254.1", "UG", 2, 158463, "bge0"),
        ("inet", "127.0.0.1", "127.0.0.1", "UH", 5, 398913, "lo0"),
        ("inet", "172.16.0.0", "172.16.0.120", "U", 4, 135241319, "bge0"),
    ]
    assert counts(result) == (8, 4, 3, 0, 1)


GIST = """\
Routing Table: IPv4
Destination Gateway Flags Ref Use Interface
default 192.168.86.1 UG 3 18 net0
10.112.1.1 10.112.1.5 UGH 1 0 tun1
10.112.1.5 10.112.1.6 UH 2 0 tun1
"""


def test_gist_form_with_collapsed_spacing():
    result = netstat.parse(GIST, "gist")
    assert result.warnings == ()
    assert [row(r) for r in result.value.routes] == [
        ("inet", "default", "192.168.86.1", "UG", 3, 18, "net0"),
        ("inet", "10.112.1.1", "10.112.1.5", "UGH", 1, 0, "tun1"),
        ("inet", "10.112.1.5", "10.112.1.6", "UH", 2, 0, "tun1"),
    ]
    assert result.value.routes[1].is_host and result.value.routes[1].is_gateway
    assert counts(result) == (5, 4, 1, 0, 0)


# Shaped by the printf formats of illumos netstat.c (ire_hdr_v4_verbose, "%-4s%6u" for the
# flags and Out): the default route has an empty Device column in the middle of the row,
# and four flag letters run into a seven-digit Out counter.
RNV_S10 = """\
IRE Table: IPv4
  Destination             Mask           Gateway          Device Mxfrg Rtt   Ref Flg  Out  In/Fwd
-------------------- --------------- -------------------- ------ ----- ----- --- --- ----- ------
default              0.0.0.0         10.1.1.1                     1500*    0   1 UG   12345      0
10.1.1.0             255.255.255.0   10.1.1.21            e1000g0  1500*    0   4 U      227      0
10.1.1.5             255.255.255.255 10.1.1.1             e1000g0  1500*    0   1 UGHD4321987      0
127.0.0.1            255.255.255.255 127.0.0.1            lo0     8232*    0  22 UH    4402      0

IRE Table: IPv6
  Destination/Mask            Gateway                    If    PMTU   Rtt  Ref Flags  Out   In/Fwd
--------------------------- --------------------------- ----- ------ ----- --- ----- ------ ------
::1                         ::1                         lo0    8252*     0   1 UH         0      0
2001:db8:1::/64                 --                      e1000g0  1500*     0   1 U          0      0
default                     fe80::214:4fff:fef8:914f          1500*     0   1 UG         0      0
"""


def test_rnv_maps_columns_by_header_words():
    result = netstat.parse(RNV_S10, "rnv")
    assert result.warnings == ()
    assert [row(r) for r in result.value.routes] == [
        ("inet", "default", "10.1.1.1", "UG", 1, None, None),
        ("inet", "10.1.1.0", "10.1.1.21", "U", 4, None, "e1000g0"),
        ("inet", "10.1.1.5", "10.1.1.1", "UGHD", 1, None, "e1000g0"),
        ("inet", "127.0.0.1", "127.0.0.1", "UH", 22, None, "lo0"),
        ("inet6", "::1", "::1", "UH", 1, None, "lo0"),
        ("inet6", "2001:db8:1::/64", "--", "U", 1, None, "e1000g0"),
        ("inet6", "default", "fe80::214:4fff:fef8:914f", "UG", 1, None, None),
    ]
    assert counts(result) == (14, 9, 4, 0, 1)


# Solaris 11 `netstat -rnv`: MTU instead of Mxfrg, no Rtt column (values invented).
RNV_S11 = """\

IRE Table: IPv4
  Destination             Mask           Gateway          Device  MTU  Ref Flg  Out  In/Fwd
-------------------- --------------- -------------------- ------ ----- --- --- ----- ------
default              0.0.0.0         192.168.10.1                    0   3 UG  1234567      0
192.168.10.0         255.255.255.0   192.168.10.20        ipmp0   1500   4 U       81      0
"""


def test_rnv_solaris11_columns():
    result = netstat.parse(RNV_S11, "rnv11")
    assert result.warnings == ()
    assert [row(r) for r in result.value.routes] == [
        ("inet", "default", "192.168.10.1", "UG", 3, None, None),
        ("inet", "192.168.10.0", "192.168.10.20", "U", 4, None, "ipmp0"),
    ]
    assert result.value.routes[1].source == Source("rnv11", 6, 1)


# Verbatim `netstat -rnv -f inet` and `-f inet6` from Solaris 11.4 SPARC (the GCC compile
# farm), as quoted in oshi/oshi src/test/java/oshi/util/driver/unix/NetstatRouteTest.java.
RNV_S11_4 = """\

IRE Table: IPv4
  Destination             Mask           Gateway          Device  MTU  Ref Flg  Out  In/Fwd 
-------------------- --------------- -------------------- ------ ----- --- --- ----- ------ 
default              0.0.0.0         129.70.163.177                  0   5 UG  5666596      0 
127.0.0.1            255.255.255.255 127.0.0.1            lo0     8232   2 UH   31396  31391 
129.70.163.176       255.255.255.248 129.70.163.179       net0    1500   3 U     2181      0 

IRE Table: IPv6
  Destination/Mask            Gateway                    If    MTU  Ref Flags  Out   In/Fwd 
--------------------------- --------------------------- ----- ----- --- ----- ------ ------ 
::1                         ::1                         lo0    8252   2 UH      1113   1113 
fe80::/10                   fe80::214:4fff:fefb:a5d7    net0   1500   2 U          0      0 
"""


def test_rnv_solaris11_4_masks_become_prefix_lengths():
    result = netstat.parse(RNV_S11_4, "rnv114")
    assert result.warnings == ()
    assert counts(result) == (13, 7, 4, 0, 2)
    routes = result.value.routes
    assert [(r.destination, r.prefixlen, r.interface) for r in routes] == [
        ("default", 0, None),
        ("127.0.0.1", 32, "lo0"),
        ("129.70.163.176", 29, "net0"),
        ("::1", None, "lo0"),
        ("fe80::/10", None, "net0"),
    ]


# Verbatim `netstat -rvn` of Solaris 8 (Mxfrg and Rtt columns; the IPv6 table's PMTU),
# quoted in the netwib library's netwib_priv_conf_binnetstatrvn, with the multicast
# route 224.0.0.0/4 and routes whose Device is empty.
RVN_S8 = """\
IRE Table: IPv4
  Destination             Mask           Gateway          Device Mxfrg  Rtt  Ref Flg  Out  In/Fwd
-------------------- --------------- -------------------- ------ ----- ----- --- --- ----- ------
192.168.1.0          255.255.255.0   192.168.1.3          elx1    1500*    0   1 U       83     0
224.0.0.0            240.0.0.0       192.168.1.3          elx1    1500*    0   1 U        0     0
1.20.3.0             255.255.255.0   192.168.1.1                  1500*    0   1 UG       0     0
default              0.0.0.0         192.168.1.254                1500*    0   1 UG       0     0
127.0.0.1            255.255.255.255 127.0.0.1            lo0     8232*    0  22 UH    4402     0

IRE Table: IPv6
  Destination/Mask            Gateway                    If    PMTU   Rtt  Ref Flags  Out   In/Fwd
--------------------------- --------------------------- ----- ------ ----- --- ----- ------ ------
fe80::/10                   fe80::220:afff:feaa:aab5    elx0   1500*     0   1 U          0      0
3ffe::/16                   fec0:0:0:1::1                      1500*     0   1 UG         0      0
::1                         ::1                         lo0    8252*     0   1 UH         0      0
"""


def test_rvn_solaris8_multicast_and_empty_devices():
    result = netstat.parse(RVN_S8, "rvn8")
    assert result.warnings == ()
    assert counts(result) == (15, 10, 4, 0, 1)
    routes = result.value.routes
    assert [(r.destination, r.prefixlen, r.interface) for r in routes[:4]] == [
        ("192.168.1.0", 24, "elx1"),
        ("224.0.0.0", 4, "elx1"),
        ("1.20.3.0", 24, None),
        ("default", 0, None),
    ]
    assert routes[6].gateway == "fec0:0:0:1::1" and routes[6].interface is None


# `netstat -r` (no -n) of a Solaris 9 host, "ultra10", from Solaris 9 Network
# Administrator Exam Cram 2 (Que), chapter 6, "The Routing Table".
NAMES = """\
ultra10# netstat -r
Routing Table: IPv4
  Destination           Gateway           Flags  Ref   Use   Interface
-------------------- -------------------- ----- ----- ------ ---------
ultra-net            ultra10               U        1    177  hme0
multicast            ultra10               U        1      0  hme0
sparc-net            ultra-r1              UG       1    255  hme0
localhost            localhost             UH       3    635  lo0
"""


def test_netstat_r_without_n_gives_one_warning_and_no_invented_address():
    result = netstat.parse(NAMES, "r.txt")
    assert [(w.source.line, w.source.col) for w in result.warnings] == [(5, 1)]
    assert "capture `netstat -rn`" in result.warnings[0].message
    assert counts(result) == (8, 1, 3, 4, 0)
    table = result.value
    assert table.host_names
    assert [(r.destination, r.gateway, r.destination_ip, r.gateway_ip) for r in table.routes] == [
        ("ultra-net", "ultra10", None, None),
        ("multicast", "ultra10", None, None),
        ("sparc-net", "ultra-r1", None, None),
        ("localhost", "localhost", None, None),
    ]


def test_addresses_are_not_names():
    assert not netstat.parse(RNV_S10, "rnv").value.host_names
    assert not netstat.parse(RVN_S8, "rvn8").value.host_names
    anonymised = "Routing Table: IPv4\ndefault 10.888.999.1 UG 1 0 bge0\n"
    assert netstat.parse(anonymised, "a").warnings == ()


# Solaris 11 `netstat -rn` row forms (values invented): the default route with no
# interface, a logical interface, the multicast route, the local and broadcast flags of
# `netstat -a` (L, b), and `--` for an empty cell.
RN_S11_FORMS = """\
Routing Table: IPv4
  Destination           Gateway           Flags  Ref     Use     Interface 
-------------------- -------------------- ----- ----- ---------- --------- 
default              10.163.198.1         UG        2        284           
10.163.198.0         10.163.198.37        U         3         76 net0:1    
224.0.0.0            10.163.198.37        U         1          0 net0      
10.163.198.255       10.163.198.37        UHLb      1          0 net0      
10.163.198.37        10.163.198.37        UHL       1          0 --        
"""


def test_solaris11_rn_row_forms():
    result = netstat.parse(RN_S11_FORMS, "s11")
    assert result.warnings == ()
    assert [(r.destination, r.flags, r.interface) for r in result.value.routes] == [
        ("default", "UG", None),
        ("10.163.198.0", "U", "net0:1"),
        ("224.0.0.0", "U", "net0"),
        ("10.163.198.255", "UHLb", "net0"),
        ("10.163.198.37", "UHL", None),
    ]


def test_titles_without_family_and_tables_without_title():
    compat = "Routing Table:\n  Destination  Gateway  Flags  Ref  Use  Interface\ndefault 10.0.0.1 UG 1 2 bge0\n"
    result = netstat.parse(compat, "c")
    assert result.warnings == ()  # a bare title is netstat's v4-compat mode, not an unknown family
    assert [r.family for r in result.value.routes] == ["inet"]
    v6 = "  Destination/Mask  Gateway  Flags Ref Use If\nfe80::/10 fe80::1 U 1 0 vnet0\n"
    result = netstat.parse(v6, "t")
    assert result.warnings == () and [r.family for r in result.value.routes] == ["inet6"]


# -- garbage ------------------------------------------------------------------------------------

GARBAGE = """\
junk before any table
Routing Table: IPv4
  Destination           Gateway           Flags  Ref     Use     Interface
-------------------- -------------------- ----- ----- ---------- ---------
default              10.0.0.1             UG        1         10 bge0
oops
10.0.0.0             10.0.0.5             U!        1          3 bge0
10.0.1.0             10.0.0.5             U         x          3 bge0
   more garbage here
Routing Table: IPv9
"""


def test_garbage_is_warned_at_exact_positions():
    result = netstat.parse(GARBAGE, "g")
    found = [(w.source.line, w.source.col, w.message) for w in result.warnings]
    assert [(line, col) for line, col, _ in found] == [
        (1, 1),  # outside any table
        (6, 1),  # one word: not a row
        (7, 43),  # flags 'U!'
        (8, 53),  # Ref 'x'
        (9, 4),  # three words: not a row
        (10, 16),  # unknown family 'IPv9'
    ]
    assert "'U!'" in found[2][2] and "'x'" in found[3][2] and "IPv9" in found[5][2]
    assert [row(r) for r in result.value.routes] == [("inet", "default", "10.0.0.1", "UG", 1, 10, "bge0")]
    assert counts(result) == (10, 2, 2, 6, 0)


def test_an_interface_must_be_a_name():
    text = "Routing Table: IPv4\nDestination Gateway Flags Ref Use Interface\n10.0.3.0 10.0.0.5 U 1 3 42\n"
    result = netstat.parse(text, "x")
    assert [(w.source.line, w.source.col) for w in result.warnings] == [(3, 25)]
    assert result.value.routes == ()


def test_unknown_header_word_is_warned():
    text = "Routing Table: IPv4\nDestination Gateway Flags Ref Use Interface Zone\n10.0.2.0 10.0.0.5 U 1 3 bge0 z1\n"
    result = netstat.parse(text, "x")
    assert [(w.source.line, w.source.col) for w in result.warnings] == [(2, 45)]
    assert [row(r) for r in result.value.routes] == [("inet", "10.0.2.0", "10.0.0.5", "U", 1, 3, "bge0")]
    assert counts(result) == (3, 2, 0, 1, 0)


def test_extra_columns_are_warned_and_the_route_kept():
    text = "Routing Table: IPv4\nDestination Gateway Flags Ref Use Interface\n10.0.2.0 10.0.0.5 U 1 3 bge0 extra\n"
    result = netstat.parse(text, "x")
    assert [(w.source.line, w.source.col) for w in result.warnings] == [(3, 30)]
    assert [row(r) for r in result.value.routes] == [("inet", "10.0.2.0", "10.0.0.5", "U", 1, 3, "bge0")]
    assert counts(result) == (3, 1, 1, 1, 0)


def test_rnv_glued_flags_with_an_empty_device():
    header = "\n".join(RNV_S10.splitlines()[:3])
    line = "%-20s %-15s %-20s %-6s %5u%c %4u %3u %-4s%6u %6u" % (
        "10.1.2.0",
        "255.255.255.0",
        "10.1.1.1",
        "",
        1500,
        "*",
        0,
        2,
        "UGMS",
        765432,
        0,
    )
    assert "UGMS765432" in line
    result = netstat.parse(header + "\n" + line + "\n", "x")
    assert result.warnings == ()
    assert [row(r) for r in result.value.routes] == [("inet", "10.1.2.0", "10.1.1.1", "UGMS", 2, None, None)]


def test_stray_dashes_and_rows_after_an_unrelated_prompt():
    text = "----- -----\n" + OPEN_MPI + "# ifconfig -a\nlo0: flags=2001000849<UP,LOOPBACK> mtu 8232 index 1\n"
    result = netstat.parse(text, "x")
    assert [(w.source.line, w.source.col) for w in result.warnings] == [(1, 1), (11, 1)]
    assert len(result.value.routes) == 3
    assert counts(result) == (11, 4, 4, 2, 1)


# -- properties ------------------------------------------------------------------------------

interfaces = st.from_regex(r"[a-z]{1,6}[0-9]{1,2}(:[1-9])?", fullmatch=True)
flags = st.sets(st.sampled_from("GHDALMS")).map(lambda s: "U" + "".join(c for c in "GHDALMS" if c in s))


@st.composite
def routes(draw, family: str) -> Route:
    if family == "inet":
        destination = draw(st.just("default") | st.ip_addresses(v=4).map(str))
        gateway = draw(st.ip_addresses(v=4).map(str))
    else:
        destination = draw(
            st.just("default")
            | st.ip_addresses(v=6).map(str)
            | st.tuples(st.ip_addresses(v=6), st.integers(0, 128)).map(lambda t: f"{t[0]}/{t[1]}")
        )
        gateway = draw(st.just("--") | st.ip_addresses(v=6).map(str))
    return Route(
        destination=destination,
        gateway=gateway,
        flags=draw(flags),
        source=Source("x"),
        family=family,
        interface=draw(st.none() | interfaces),
        ref=draw(st.integers(0, 999)),
        use=draw(st.integers(0, 2**32 - 1)),
        prefixlen=draw(st.integers(0, 32)) if family == "inet" else None,
    )


route_tables = st.builds(
    lambda v4, v6: RouteTable(source=Source("x"), routes=tuple(v4 + v6)),
    st.lists(routes("inet"), max_size=5),
    st.lists(routes("inet6"), max_size=5),
)


@settings(max_examples=200, deadline=None)
@given(route_tables, st.sampled_from(["rn", "rnv", "gist"]))
def test_render_then_parse_gives_the_model_back(table, style):
    result = netstat.parse(render_netstat(table, style), "x")
    assert result.warnings == ()
    if style == "rnv":  # -rnv has no Use column
        expected = attrs.evolve(table, routes=tuple(attrs.evolve(r, use=None) for r in table.routes))
    else:  # only -rnv prints the IPv4 mask
        expected = attrs.evolve(table, routes=tuple(attrs.evolve(r, prefixlen=None) for r in table.routes))
    assert strip(result.value) == strip(expected)
    assert result.account.balanced and result.account.warned == 0


#: Characters and words of netstat output and of what pastes wrap around it.
_PIECES = list("ab019.:/-\\#|$*> \t\n\r") + [
    "Routing Table: IPv4\n",
    "IRE Table: IPv6\n",
    "Destination",
    "Destination/Mask",
    " Gateway",
    " Flags",
    " Ref",
    " Use",
    " Interface",
    " If",
    " Device",
    " Out",
    " Flg",
    "UG",
    "default",
    " lo0",
    "-------- ",
    "# netstat -rn\n",
]


@settings(max_examples=200, deadline=None)
@given(st.lists(st.sampled_from(_PIECES), max_size=120).map("".join))
def test_arbitrary_text_never_raises(text):
    result = netstat.parse(text, "fuzz")
    assert result.value is not None
    assert result.account.balanced
    assert result.account.total == len(text.split("\n")) - (1 if text.endswith("\n") else 0) or text == ""


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=300))
def test_any_unicode_never_raises(text):
    assert netstat.parse(text, "fuzz").account.balanced
