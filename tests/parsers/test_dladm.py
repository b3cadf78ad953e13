"""``dladm`` (show-phys, show-link, bare dladm, show-vnic, show-vlan, -p -o, Solaris 10 lines):
the two real show-phys samples counted by hand, FORMATS.md 8.4 verbatim, messy input
warned at exact positions, and property tests."""

from __future__ import annotations

from dladm_render import is_phys, render_aggregations, render_dladm, render_stacked
from hypothesis import given, settings
from hypothesis import strategies as st
from parse_checks import assert_accounted, counts, strip

from ipmplint.model import Datalink, DladmCapture, Source
from ipmplint.parsers import dladm

QUAD = "oracle-E59668-quad10gb__dladm-show-phys.txt"
DUAL = "oracle-E69822-quad10-dual40gb__dladm-show-phys-blank-indented.txt"


def found(result) -> list[tuple[int, int, str]]:
    return [(w.source.line, w.source.col, w.message) for w in result.warnings]


def phys(link: Datalink) -> tuple:
    return (link.link, link.media, link.state, link.speed, link.duplex, link.device)


# -- the real captures ----------------------------------------------------------------------


def test_quad_10gb_sample(samples):
    result = dladm.parse((samples / "solaris11" / QUAD).read_text(), QUAD)
    assert result.warnings == ()
    # 11 lines: the header skipped, 9 links, a last line of blanks
    assert counts(result) == (11, 9, 1, 0, 1)
    links = result.value.links
    assert [phys(link) for link in links[:3]] == [
        ("net3", "Ethernet", "unknown", "0", "unknown", "igb3"),
        ("net4", "Ethernet", "up", "10000", "full", "i40e0"),
        ("net2", "Ethernet", "unknown", "0", "unknown", "igb2"),
    ]
    assert [link.link for link in links] == ["net3", "net4", "net2", "net6", "net0", "net8", "net1", "net5", "net7"]
    assert phys(links[5]) == ("net8", "Ethernet", "up", "10", "full", "usbecm2")
    assert links[0].source == Source(QUAD, 2, 5)
    assert all(link.lclass is None and link.mtu is None and link.over == () for link in links)


def test_dual_40gb_sample_with_lines_of_blanks(samples):
    result = dladm.parse((samples / "solaris11" / DUAL).read_text(), DUAL)
    assert result.warnings == ()
    # 12 lines: 4 of blanks only (varying widths), the header, 7 links
    assert counts(result) == (12, 7, 1, 0, 4)
    links = result.value.links
    assert [phys(link) for link in links] == [
        ("net2", "Ethernet", "unknown", "0", "unknown", "ixgbe2"),
        ("net1", "Ethernet", "unknown", "0", "unknown", "ixgbe1"),
        ("net0", "Ethernet", "up", "1000", "full", "ixgbe0"),
        ("net3", "Ethernet", "unknown", "0", "unknown", "ixgbe3"),
        ("net6", "Ethernet", "up", "10", "full", "usbecm0"),
        ("net4", "Ethernet", "up", "40000", "full", "i40e0"),
        ("net5", "Ethernet", "up", "40000", "full", "i40e1"),
    ]
    assert links[0].source == Source(DUAL, 3, 5)


# -- FORMATS.md 8.4, verbatim ----------------------------------------------------------------------

SHOW_LINK = """\
LINK                CLASS     MTU    STATE    OVER
net0                phys      1500   up       --
"""

SHOW_PHYS = """\
# dladm show-phys
LINK        MEDIA          STATE     SPEED     DUPLEX     DEVICE
net0        Ethernet       up        100Mb     full       e1000g0
net1        Ethernet       down      0Mb       --         nge0
net2        Ethernet       up        100Mb     full       bge0
net3        InfiniBand     --        0Mb       --         ibd0
# dladm show-phys -m
LINK                SLOT     ADDRESS            INUSE CLIENT
net0                primary  0:11:22:a9:ee:66   yes   net0
"""

SHOW_VNIC = """\
# dladm show-vnic
LINK      OVER     SPEED      MACADDRESS          MACADDRTYPE       IDS      
vnic1     net0     1000       2:8:20:c2:39:38     random            VID:123   
vnic2     net0     1000       2:8:20:5f:84:ff     random            VID:456
"""

BARE = """\
# dladm
LINK        CLASS     MTU     STATE     OVER
net0        phys      1500    unknown   --
net1        phys      1500    up        --
aggr0       aggr      1500    up        net1,net4
"""

SOLARIS10 = """\
primary# /usr/sbin/dladm show-link | grep vsw
vsw0            type: non-vlan  mtu: 1500       device: vsw0
"""


def test_formats_show_link():
    result = dladm.parse(SHOW_LINK, "l")
    assert result.warnings == ()
    (net0,) = result.value.links
    assert (net0.link, net0.lclass, net0.mtu, net0.state, net0.over, net0.media) == (
        "net0",
        "phys",
        1500,
        "up",
        (),
        None,
    )
    assert counts(result) == (2, 1, 1, 0, 0)


def test_formats_show_phys_and_its_mac_table_skipped_on_purpose():
    result = dladm.parse(SHOW_PHYS, "p")
    assert result.warnings == ()
    assert [phys(link) for link in result.value.links] == [
        ("net0", "Ethernet", "up", "100Mb", "full", "e1000g0"),
        ("net1", "Ethernet", "down", "0Mb", None, "nge0"),
        ("net2", "Ethernet", "up", "100Mb", "full", "bge0"),
        ("net3", "InfiniBand", None, "0Mb", None, "ibd0"),
    ]
    # the -m table (prompt, header and its row) is skipped on purpose: no Datalink from it
    assert counts(result) == (9, 4, 5, 0, 0)


def test_formats_show_vnic():
    result = dladm.parse(SHOW_VNIC, "v")
    assert result.warnings == ()
    assert [(link.link, link.over, link.speed) for link in result.value.links] == [
        ("vnic1", ("net0",), "1000"),
        ("vnic2", ("net0",), "1000"),
    ]


# Oracle Solaris 11.2, Managing Network Virtualization and Network Resources (KO),
# "Displaying VNICs", Example 2-7, https://docs.oracle.com/cd/E56343_01/html/E53792/gmcff.html
SHOW_VNIC_VIDS = """\
# dladm show-vnic
LINK      OVER     SPEED         MACADDRESS          MACADDRTYPE         VIDS      
vnic1     net0     1000          2:8:20:c2:39:38     random              123   
vnic2     net0     1000          2:8:20:5f:84:ff     random              456 
"""

# Oracle Solaris 11.3, Managing Virtual Networks and Network Resources (JA), "Displaying
# VNICs", Example 10: VNICs in zones, OVER naming the link each is built on,
# https://docs.oracle.com/cd/E62101_01/html/E62566/gmcff.html
SHOW_LINK_Z = """\
# dladm show-link -Z
LINK                ZONE      CLASS     MTU    STATE    OVER
net0                global    phys      1500   up        --
zone1/vnic1         zone1     vnic      1500   up       net0 
zone2/vnic2         zone2     vnic      1500   up       net0
"""

# dladm(1M), show-vlan: the fields LINK, VID, OVER, FLAGS (widths of illumos dladm.c).
SHOW_VLAN = """\
# dladm show-vlan
LINK            VID      OVER            FLAGS
web1            111      net0            -----
app1            113      aggr0           -----
"""


def test_oracle_show_vnic_with_vids_column():
    result = dladm.parse(SHOW_VNIC_VIDS, "v")
    assert result.warnings == ()
    assert [(link.link, link.over, link.speed) for link in result.value.links] == [
        ("vnic1", ("net0",), "1000"),
        ("vnic2", ("net0",), "1000"),
    ]
    assert result.value.links[1].source == Source("v", 4, 1)
    assert counts(result) == (4, 2, 2, 0, 0)


def test_oracle_show_link_z_vnics_over_net0():
    result = dladm.parse(SHOW_LINK_Z, "l")
    assert result.warnings == ()
    assert [(link.link, link.lclass, link.over) for link in result.value.links] == [
        ("net0", "phys", ()),
        ("zone1/vnic1", "vnic", ("net0",)),
        ("zone2/vnic2", "vnic", ("net0",)),
    ]
    assert counts(result) == (5, 3, 2, 0, 0)


def test_show_vlan():
    result = dladm.parse(SHOW_VLAN, "vl")
    assert result.warnings == ()
    assert [(link.link, link.over, link.lclass) for link in result.value.links] == [
        ("web1", ("net0",), None),
        ("app1", ("aggr0",), None),
    ]
    assert result.value.links[0].source == Source("vl", 3, 1)
    assert counts(result) == (4, 2, 2, 0, 0)


def test_show_vlan_parseable_and_private_vlan_columns():
    text = (
        "# dladm show-vlan -p -o link,vid,over\nweb1:111:net0\n"
        "# dladm show-vlan\nLINK            VID      SVID     PVLAN-TYPE  FLAGS   OVER\n"
        "pvlan1          111      200      isolated    -----   net1\n"
    )
    result = dladm.parse(text, "p")
    assert result.warnings == ()
    assert [(link.link, link.over) for link in result.value.links] == [("web1", ("net0",)), ("pvlan1", ("net1",))]


def test_show_vlan_row_without_its_over_is_warned():
    result = dladm.parse("# dladm show-vlan\nLINK            VID      OVER            FLAGS\nweb1   111\n", "w")
    assert found(result) == [(3, 1, "row has 2 cells, the dladm show-vlan header 4; not read")]


# A real `dladm show-aggr` then `show-aggr -L` (SmartOS, illumos dladm: the same libofmt
# tables), https://gist.github.com/davefinster/4504dd7da2cee622ce95 (its
# `[root@host ~]#` prompts written `#` here: the output lines are verbatim)
SHOW_AGGR_L = """\
# dladm show-aggr
LINK POLICY ADDRPOLICY LACPACTIVITY LACPTIMER FLAGS
aggr0 L4 auto active short -----
# dladm show-aggr -L
LINK PORT AGGREGATABLE SYNC COLL DIST DEFAULTED EXPIRED
aggr0 igb0 yes yes yes yes no no
-- igb1 yes yes yes yes no no
-- igb2 yes yes yes yes no no
-- igb3 yes yes yes yes no no
"""

SHOW_AGGR_X = """\
# dladm show-aggr -x
LINK       PORT           SPEED DUPLEX   STATE     ADDRESS            PORTSTATE
aggr0      --             1000Mb full    up        8:0:27:49:10:b8    --
--         net1           1000Mb full    up        8:0:27:49:10:b8    attached
--         net4           1000Mb full    up        8:0:27:e4:d9:46    attached
"""


def test_real_show_aggr_and_its_ports_with_L():
    result = dladm.parse(SHOW_AGGR_L, "a")
    assert result.warnings == ()
    (aggr0,) = result.value.links
    assert (aggr0.link, aggr0.lclass, aggr0.over) == ("aggr0", "aggr", ("igb0", "igb1", "igb2", "igb3"))
    assert aggr0.source == Source("a", 6, 1)
    # bare show-aggr (prompt, header, row) skipped on purpose: it names no ports
    assert counts(result) == (9, 4, 5, 0, 0)


def test_show_aggr_x_ports_under_a_blank_link_cell():
    """Oracle's and illumos' -x output leaves LINK blank on an aggregation's port rows."""
    blank = SHOW_AGGR_X.replace("\n--         net", "\n           net")
    result = dladm.parse(blank, "x")
    assert result.warnings == ()
    (aggr0,) = result.value.links
    assert (aggr0.link, aggr0.over) == ("aggr0", ("net1", "net4"))
    assert counts(result) == (5, 3, 2, 0, 0)


def test_show_aggr_x_ports():
    result = dladm.parse(SHOW_AGGR_X, "x")
    assert result.warnings == ()
    (aggr0,) = result.value.links
    assert (aggr0.link, aggr0.over, aggr0.source) == ("aggr0", ("net1", "net4"), Source("x", 3, 1))
    assert counts(result) == (5, 3, 2, 0, 0)


def test_port_row_before_any_aggregation_is_warned():
    text = SHOW_AGGR_X.replace("aggr0      --             1000Mb full    up        8:0:27:49:10:b8    --\n", "")
    result = dladm.parse(text, "x")
    assert found(result) == [
        (3, 1, "port net1 before any aggregation's row; not read"),
        (4, 1, "port net4 before any aggregation's row; not read"),
    ]
    assert result.value.links == ()


def test_formats_bare_dladm_with_an_aggregation():
    result = dladm.parse(BARE, "d")
    assert result.warnings == ()
    assert [(link.link, link.lclass, link.mtu, link.state, link.over) for link in result.value.links] == [
        ("net0", "phys", 1500, "unknown", ()),
        ("net1", "phys", 1500, "up", ()),
        ("aggr0", "aggr", 1500, "up", ("net1", "net4")),
    ]
    assert counts(result) == (5, 3, 2, 0, 0)


def test_formats_solaris10_show_link():
    result = dladm.parse(SOLARIS10, "s10")
    assert result.warnings == ()
    (vsw0,) = result.value.links
    assert (vsw0.link, vsw0.lclass, vsw0.mtu, vsw0.device) == ("vsw0", "non-vlan", 1500, "vsw0")
    assert vsw0.source == Source("s10", 2, 1)
    assert counts(result) == (2, 1, 1, 0, 0)


def test_solaris10_aggregation_vlan_show_dev_and_parseable_lines():
    text = (
        "aggr1    \ttype: non-vlan\tmtu: 1500\taggregation: key 1\n"
        "bge1000  \ttype: vlan 1\tmtu: 1500\tdevice: bge0\n"
        "bge0\t\tlink: up\tspeed:  1000Mb\tduplex: full\n"
        "bge0 type=legacy mtu=1500 device=bge0\n"
    )
    result = dladm.parse(text, "s10")
    assert result.warnings == ()
    assert [
        (link.link, link.lclass, link.mtu, link.device, link.state, link.speed, link.duplex)
        for link in result.value.links
    ] == [
        ("aggr1", "non-vlan", 1500, "aggr1", None, None, None),
        ("bge1000", "vlan 1", 1500, "bge0", None, None, None),
        ("bge0", None, None, None, "up", "1000Mb", "full"),
        ("bge0", "legacy", 1500, "bge0", None, None, None),
    ]


def test_parseable_show_link_over_list():
    result = dladm.parse("# dladm show-link -p -o link,over\naggr0:net1 net4\n", "p")
    assert result.warnings == ()
    assert result.value.links[0].over == ("net1", "net4")


def test_a_column_of_another_table_is_warned_and_the_table_still_read():
    text = "# dladm show-link\nLINK    CLASS  MTU   STATE  OVER  MEDIA\nnet0    phys   1500  up     --    Ethernet\n"
    result = dladm.parse(text, "x")
    assert found(result) == [(2, 35, "unknown column 'MEDIA' in the dladm show-link header; its cells are not read")]
    assert [(link.link, link.lclass, link.media) for link in result.value.links] == [("net0", "phys", None)]


# -- messy input ----------------------------------------------------------------------------------

MESSY = (
    "<pre>root@ldg1:~# dladm show-link\r\n"
    "LINK        CLASS     MTU     STATE     OVER   SPEEDY\r\n"
    "net0        phys      fifteen up        --     fast\r\n"
    "net1        ?         1500    up\r\n"
    "\r\n"
    "vsw0   type: non-vlan   mtu: 1500   colour: blue   device: vsw0\r\n"
    "dladm: insufficient privileges\r\n"
    "   random words\r\n"
    "# cat old-links.txt\r\n"
    "LINK        STATE\r\n"
    "net2        up</pre>\r\n"
)


def test_messy_input_is_warned_at_its_tokens():
    result = dladm.parse(MESSY, "messy")
    assert found(result) == [
        (2, 48, "unknown column 'SPEEDY' in the dladm show-link header; its cells are not read"),
        (3, 23, "MTU 'fifteen' is not a number"),
        (4, 1, "row has 4 cells, the dladm show-link header 6; not read"),
        # a Solaris 10 line pasted under the table is still read as one
        (6, 37, "unknown Solaris 10 dladm field 'colour'; not read"),
        (7, 8, "dladm reported an error; what it could not show is not in the capture: insufficient privileges"),
        (8, 4, "row has 2 cells, the dladm show-link header 6; not read"),
        # `cat` ends the dladm command: nothing says which table this header opens
        (
            10,
            1,
            "header fits several tables (dladm show-phys, dladm show-link, dladm show-aggr -x) and no "
            "echoed command tells which; its rows are not read",
        ),
    ]
    net0, vsw0 = result.value.links
    assert (net0.mtu, net0.lclass, net0.state) == (None, "phys", "up")
    assert (vsw0.link, vsw0.mtu, vsw0.device) == ("vsw0", 1500, "vsw0")
    assert counts(result) == (11, 0, 2, 8, 1)


# -- properties ----------------------------------------------------------------------------------

names = st.builds("{}{}".format, st.sampled_from(["net", "vnet", "aggr", "e1000g", "ixgbe", "vsw"]), st.integers(0, 99))
MAYBE_NAME = st.none() | names


def maybe(*values: str):
    return st.none() | st.sampled_from(values)


phys_links = st.builds(
    Datalink,
    link=names,
    source=st.just(Source("x")),
    media=maybe("Ethernet", "InfiniBand"),
    state=maybe("up", "down", "unknown"),
    speed=maybe("0", "1000", "10000", "100Mb"),
    duplex=maybe("full", "half", "unknown"),
    device=MAYBE_NAME,
)
link_links = st.builds(
    Datalink,
    link=names,
    source=st.just(Source("x")),
    lclass=st.sampled_from(["phys", "aggr", "vnic", "etherstub"]),
    mtu=st.none() | st.integers(68, 9216),
    state=maybe("up", "down", "unknown"),
    over=st.lists(names, max_size=3).map(tuple),
)
s10_links = st.builds(
    Datalink,
    link=names,
    source=st.just(Source("x")),
    lclass=st.sampled_from(["non-vlan", "legacy"]) | st.integers(1, 4094).map(lambda v: f"vlan {v}"),
    mtu=st.integers(68, 9216),
    device=names,
) | st.builds(
    Datalink,
    link=names,
    source=st.just(Source("x")),
    state=st.sampled_from(["up", "down", "unknown"]),
    speed=st.integers(0, 99999).map(lambda n: f"{n}Mb"),
    duplex=st.sampled_from(["full", "half", "unknown"]),
)


@settings(max_examples=200, deadline=None)
@given(
    st.lists(phys_links | link_links, max_size=8),
    st.sampled_from(["human", "collapsed", "parseable", "bare"]),
    st.sampled_from([None, "    "]),
)
def test_render_then_parse_gives_the_model_back(links, style, indent):
    capture = DladmCapture(Source("x"), tuple(links))
    result = dladm.parse(render_dladm(capture, style, indent), "x")
    assert result.warnings == ()
    # show-phys is written before show-link
    expected = DladmCapture(Source("x"), tuple(sorted(links, key=lambda link: not is_phys(link))))
    assert strip(result.value) == strip(expected)
    assert result.account.balanced and result.account.warned == 0


@settings(max_examples=100, deadline=None)
@given(st.lists(s10_links, max_size=6), st.sampled_from([None, "  "]))
def test_render_solaris10_then_parse_gives_the_model_back(links, indent):
    capture = DladmCapture(Source("x"), tuple(links))
    result = dladm.parse(render_dladm(capture, "s10", indent), "x")
    assert result.warnings == ()
    assert strip(result.value) == strip(capture)


vnic_links = st.builds(
    Datalink, link=names, source=st.just(Source("x")), over=names.map(lambda n: (n,)), speed=maybe("0", "1000", "10000")
)
vlan_links = st.builds(Datalink, link=names, source=st.just(Source("x")), over=names.map(lambda n: (n,)))


@settings(max_examples=100, deadline=None)
@given(
    st.lists(vnic_links, max_size=5),
    st.lists(vlan_links, max_size=5),
    st.sampled_from(["human", "collapsed", "parseable"]),
    st.sampled_from([None, "  "]),
)
def test_render_vnics_and_vlans_then_parse_gives_the_model_back(vnics, vlans, style, indent):
    result = dladm.parse(render_stacked(vnics, vlans, style, indent), "x")
    assert result.warnings == ()
    assert strip(result.value) == strip(DladmCapture(Source("x"), tuple(vnics + vlans)))
    assert result.account.balanced and result.account.warned == 0


aggregations = st.lists(names, min_size=1, max_size=4, unique=True).flatmap(
    lambda ports: st.builds(
        Datalink, link=names, source=st.just(Source("x")), lclass=st.just("aggr"), over=st.just(tuple(ports))
    )
)


@settings(max_examples=100, deadline=None)
@given(st.lists(aggregations, max_size=4), st.sampled_from(["x", "L", "parseable"]), st.sampled_from([None, "  "]))
def test_render_aggregations_then_parse_gives_the_model_back(aggrs, style, indent):
    result = dladm.parse(render_aggregations(aggrs, style, indent), "x")
    assert result.warnings == ()
    assert strip(result.value) == strip(DladmCapture(Source("x"), tuple(aggrs)))
    assert result.account.balanced and result.account.warned == 0


_PIECES = list("ab019.:/,-\\#$ \t\n\r?=") + [
    "LINK PORT SPEED DUPLEX STATE ADDRESS PORTSTATE\n",
    "LINK PORT AGGREGATABLE SYNC COLL DIST DEFAULTED EXPIRED\n",
    "# dladm show-aggr -x\n",
    "# dladm show-aggr -L\n",
    "LINK POLICY ADDRPOLICY LACPACTIVITY LACPTIMER FLAGS\n",
    "-- net1",
    "aggr0 --",
    "LINK OVER SPEED MACADDRESS MACADDRTYPE VIDS\n",
    "LINK VID OVER FLAGS\n",
    "# dladm show-vlan\n",
    "# dladm show-vnic -p -o link,over\n",
    "-----",
    "LINK MEDIA STATE SPEED DUPLEX DEVICE\n",
    "LINK CLASS MTU STATE OVER\n",
    "LINK SLOT ADDRESS INUSE CLIENT\n",
    "# dladm show-link -p -o link,over\n",
    "# dladm show-phys\n",
    "dladm: ",
    "vsw0",
    " type: ",
    "non-vlan",
    " mtu: ",
    "1500",
    " device: ",
    " link: ",
    "up",
    "--",
    "...",
    "aggregation: key ",
]


@settings(max_examples=200, deadline=None)
@given(st.lists(st.sampled_from(_PIECES), max_size=120).map("".join))
def test_arbitrary_text_never_raises(text):
    assert_accounted(dladm.parse(text, "fuzz"), text)


@settings(max_examples=100, deadline=None)
@given(st.text(max_size=300))
def test_any_unicode_never_raises(text):
    assert dladm.parse(text, "fuzz").account.balanced


# -- show-vlan, show-aggr, show-linkprop ------------------------------------------------


def test_show_vlan_keeps_link_and_over():
    # illumos dladm.c vlan_fields: LINK VID OVER FLAGS
    text = "# dladm show-vlan\nLINK                VID      OVER         FLAGS\nweb1                111      net0         -----\n"
    result = dladm.parse(text, "vlan")
    assert result.warnings == ()
    assert [(d.link, d.over) for d in result.value.links] == [("web1", ("net0",))]
    assert counts(result) == (3, 1, 2, 0, 0)


def test_show_aggr_forms_are_skipped_on_purpose():
    # Oracle Quad 10Gb Ethernet Adapter User's Guide (E59668), "Configure a Link
    # Aggregation (Oracle Solaris 11)": the MODE column of Solaris 11.1 and later.
    trunk = (
        "root@xn5-2a:~# dladm show-aggr \n"
        "LINK              MODE  POLICY   ADDRPOLICY           LACPACTIVITY LACPTIMER \n"
        "aggr1             trunk L4       auto                 off          short \n"
    )
    dlmp = (
        "# dladm show-aggr\n"
        "LINK              MODE  POLICY   ADDRPOLICY           LACPACTIVITY LACPTIMER\n"
        "aggr2             dlmp  --       --                   --           --\n"
    )
    # pastebin.com/a4aKmrfd (OpenSolaris): show-link with BRIDGE, show-aggr with FLAGS
    opensolaris = (
        "paul@indy:~$ sudo dladm show-link\n"
        "LINK CLASS MTU STATE BRIDGE OVER\n"
        "e1000g0 phys 1500 up -- --\n"
        "e1000g1 phys 1500 up -- --\n"
        "aggr1 aggr 1500 up -- e1000g0 e1000g1\n"
        "paul@indy:~$ sudo dladm show-aggr\n"
        "LINK POLICY ADDRPOLICY LACPACTIVITY LACPTIMER FLAGS\n"
        "aggr1 L4 auto active short -----\n"
    )
    # illumos dladm.c aggr_l_fields and aggr_x_fields (show-aggr -L, -x)
    ports = (
        "# dladm show-aggr -L\n"
        "LINK PORT AGGREGATABLE SYNC COLL DIST DEFAULTED EXPIRED\n"
        "aggr0 igb0 yes yes yes yes no no\n"
        "-- igb1 yes yes yes yes no no\n"
        "# dladm show-aggr -x\n"
        "LINK       PORT           SPEED DUPLEX   STATE     ADDRESS            PORTSTATE\n"
        "aggr0      --             1000Mb full    up        0:14:4f:ec:de:e0   --\n"
        "           net0           1000Mb full    up        0:14:4f:ec:de:e0   attached\n"
    )
    # -L and -x name the ports: read (the rows of both, prompts and headers skipped)
    for text, lines, read in ((trunk, 3, 0), (dlmp, 3, 0), (opensolaris, 8, 3), (ports, 8, 4)):
        result = dladm.parse(text, "aggr")
        assert result.warnings == (), text
        assert counts(result) == (lines, read, lines - read, 0, 0), text
    links = dladm.parse(opensolaris, "aggr").value.links
    assert [(d.link, d.lclass, d.over) for d in links][-1] == ("aggr1", "aggr", ("e1000g0", "e1000g1"))


def test_show_linkprop_is_skipped_on_purpose():
    # illumos dladm.c linkprop_fields; Solaris 11.4 adds EFFECTIVE (dladm(8))
    text = (
        "# dladm show-linkprop -p mtu net1\n"
        "LINK     PROPERTY        PERM VALUE        DEFAULT   POSSIBLE\n"
        "net1     mtu             rw   1500         1500      1500-9000\n"
        "# dladm show-linkprop -p mtu net0\n"
        "LINK     PROPERTY        PERM VALUE        EFFECTIVE    DEFAULT   POSSIBLE\n"
        "net0     mtu             rw   9000         9000         1500      1500-9600\n"
    )
    result = dladm.parse(text, "linkprop")
    assert result.warnings == ()
    assert counts(result) == (6, 0, 6, 0, 0)
