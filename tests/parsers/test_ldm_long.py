"""``ldm list -l``: the real LDoms 1.2 samples counted by hand, every release layout
(the OVM 3.4+ one from its verbatim samples), blank cells, PEER lists, messy input warned
at exact positions, and property tests."""

from __future__ import annotations

import attrs
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from ldm_render import render_ldm, render_services
from ldm_strategies import names, vnet, vswitch
from parse_checks import assert_accounted, counts, strip

from ipmplint.capture import loader
from ipmplint.model import LdmDomain, LdmListing, Source, VirtualNetwork, VirtualSwitch
from ipmplint.parsers import ldm_long

# -- real captures ------------------------------------------------------------------------

LONG = "oracle-ldoms12-820-7253__ldm-list-l-all-domains-truncated.txt"
SHORT = "oracle-ldoms12-821-0424-ja__ldm-list-short.txt"


def test_ldoms12_long_list_sample(samples):
    result = ldm_long.parse((samples / "ldm" / LONG).read_text(), LONG)
    assert result.warnings == ()
    # 45 lines: 2 domain rows + VSW title + 2 vsw rows consumed; 9 lines holding a single
    # blank; the prompt, 2 domain headers, the dashes, every other section and the VSW
    # header skipped (31)
    assert counts(result) == (45, 5, 31, 0, 9)
    primary, ldg1 = result.value.domains
    assert (primary.name, primary.state, primary.flags) == ("primary", "active", "-t-cv")
    assert (ldg1.name, ldg1.state, ldg1.flags) == ("ldg1", "bound", "-----")
    vsw0, vsw1 = primary.vswitches
    assert (vsw0.name, vsw0.mac, vsw0.net_dev, vsw0.device, vsw0.mode) == (
        "vsw0",
        "08:00:20:aa:bb:e0",
        "e1000g0",
        "switch@0",
        "prog,promisc",
    )
    # blank NET-DEV and DEVICE cells: MODE is still MODE
    assert (vsw1.name, vsw1.mac, vsw1.net_dev, vsw1.device, vsw1.mode) == (
        "vsw1",
        "08:00:20:aa:bb:e1",
        None,
        None,
        "routed",
    )
    assert vsw1.source == Source(LONG, 25, 5)
    assert ldg1.vnets == () and ldg1.vswitches == ()
    assert result.value.linkprop_column is False


def test_ldoms12_short_list_sample(samples):
    result = ldm_long.parse((samples / "ldm" / SHORT).read_text(), SHORT)
    assert result.warnings == ()
    assert counts(result) == (4, 2, 2, 0, 0)
    assert [(d.name, d.state, d.flags) for d in result.value.domains] == [
        ("primary", "active", "-t-cv"),
        ("ldg1", "active", "-t---"),
    ]


# -- release layouts ----------------------------------------------------------------------

BINDINGS_12 = """primary# ldm list-bindings ldg1
NAME             STATE    FLAGS   CONS    VCPU  MEMORY   UTIL  UPTIME
ldg1             bound    -----   5000    1     512M
 
NETWORK
    NAME             SERVICE                   DEVICE     MAC
    mynet-b          vsw0@primary              network@0  08:00:20:ab:9a:12
        PEER                        MAC
        vsw0@primary                08:00:20:aa:bb:e0
        mynet-a@ldg1                08:00:20:ab:9a:11
        mynet-c@ldg2                08:00:20:ab:9a:22
    NAME             SERVICE                   DEVICE     MAC
    mynet-a          vsw0@primary              network@1  08:00:20:ab:9a:11
        PEER                        MAC
        vsw0@primary                08:00:20:aa:bb:e0
        mynet-b@ldg1                08:00:20:ab:9a:12
        mynet-c@ldg2                08:00:20:ab:9a:22
 
DISK
    NAME             VOLUME                      DEVICE     SERVER
    mydisk-a         myvol-a@vds0                disk@0     primary
"""


def test_ldoms12_list_bindings_repeated_headers_and_peers():
    # FORMATS.md 3.2, verbatim from the LDoms 1.2 guide (JA), Example 9-10
    result = ldm_long.parse(BINDINGS_12, "b.txt")
    assert result.warnings == ()
    (ldg1,) = result.value.domains
    b, a = ldg1.vnets
    assert (b.name, b.service, b.service_domain, b.device, b.mac) == (
        "mynet-b",
        "vsw0",
        "primary",
        "network@0",
        "08:00:20:ab:9a:12",
    )
    assert b.peers == ("vsw0@primary", "mynet-a@ldg1", "mynet-c@ldg2")
    assert a.name == "mynet-a" and a.instance == 1 and a.peers[1] == "mynet-b@ldg1"
    assert counts(result) == (21, 10, 9, 0, 2)


OVM_33 = """primary# ldm list-bindings primary
NAME             STATE    FLAGS   CONS    VCPU  MEMORY   UTIL  NORM  UPTIME
primary          active   -n-cv-  UART    8     16G      0.3%  0.3%  10d 1h 44m

VSW
    NAME         MAC               NET-DEV DEVICE   DEFAULT-VLAN-ID PVID VID MTU MODE
    primary-vsw0 00:14:4f:fb:54:f2 net0    switch@0 1               1    5,6 1500
------------------------------------------------------------------------------
NAME             STATE    FLAGS   CONS    VCPU  MEMORY   UTIL  NORM  UPTIME
ldg1             active   -n----  5000    8     8G       0.1%  0.1%  10d 1h 40m

NETWORK
    NAME  SERVICE              DEVICE    MAC               MODE   PVID VID MTU
    vnet  primary-vsw0@primary network@0 00:14:4f:fb:e0:4b hybrid 1        1500
    vnet1 primary-vsw0@primary network@1 00:14:4f:f8:e1:ea        1        1500
"""


def test_ovm33_vlan_and_mtu_columns_with_blank_cells():
    # FORMATS.md 3.4: the OVM 3.3/3.4 guide's example (its "..." elisions removed)
    result = ldm_long.parse(OVM_33, "ovm.txt")
    assert result.warnings == ()
    primary, ldg1 = result.value.domains
    (vsw,) = primary.vswitches
    assert (vsw.net_dev, vsw.device, vsw.default_vlan_id, vsw.pvid, vsw.vids, vsw.mtu, vsw.mode) == (
        "net0",
        "switch@0",
        1,
        1,
        (5, 6),
        1500,
        None,
    )
    vnet, vnet1 = ldg1.vnets
    assert (vnet.mode, vnet.pvid, vnet.vids, vnet.mtu) == ("hybrid", 1, (), 1500)
    assert (vnet1.mode, vnet1.pvid, vnet1.vids, vnet1.mtu) == (None, 1, (), 1500)
    assert primary.flags == "-n-cv-"


WIDE = """NAME             STATE    FLAGS   CONS    VCPU  MEMORY   UTIL  NORM  UPTIME
primary          active   -n-cv-  UART    8     16G      0.3%  0.3%  10d 1h 44m

VSW
    NAME             MAC               NET-DEV   ID   DEVICE     LINKPROP   DEFAULT-VLAN-ID PVID VID                  MTU   MODE   INTER-VNET-LINK
    primary-vsw0     00:14:4f:fb:54:f2 net0      0    switch@0   phys-state 1               1    10,11,12,13,14,15,16 1500         on
                                                                                                 17,18
    primary-vsw1     00:14:4f:fb:54:f3           1    switch@1              1               1                         1500         off
------------------------------------------------------------------------------
NAME             STATE    FLAGS   CONS    VCPU  MEMORY   UTIL  NORM  UPTIME
ldg1             active   -n----  5000    8     8G       0.1%  0.1%  10d 1h 40m

NETWORK
    NAME             SERVICE                     ID   DEVICE     MAC               MODE   PVID VID                  MTU   MAXBW      LINKPROP
    vnet0            primary-vsw0@primary        0    network@0  00:14:4f:f8:91:4f        1                         1500             phys-state
    vnet1            primary-vsw1@primary        1    network@1  00:14:4f:f8:dd:68        1    20                   9000  100M
"""


def test_wide_columns_wrapped_vid_list_and_linkprop():
    result = ldm_long.parse(WIDE, "wide.txt")
    assert result.warnings == ()
    assert result.value.linkprop_column is True
    primary, ldg1 = result.value.domains
    vsw0, vsw1 = primary.vswitches
    assert vsw0.vids == (10, 11, 12, 13, 14, 15, 16, 17, 18)
    assert (vsw0.id, vsw0.linkprop, vsw0.inter_vnet_link) == (0, "phys-state", "on")
    assert (vsw1.net_dev, vsw1.linkprop, vsw1.id, vsw1.inter_vnet_link) == (None, None, 1, "off")
    vnet0, vnet1 = ldg1.vnets
    assert (vnet0.linkprop, vnet0.maxbw, vnet0.mtu) == ("phys-state", None, 1500)
    assert (vnet1.linkprop, vnet1.maxbw, vnet1.vids, vnet1.mtu) == (None, "100M", (20,), 9000)
    # the continuation line is consumed into vsw0, not a row of its own
    assert counts(result)[1] == 9


# -- the OVM 3.4+ layout ----------------------------------------------------------------

# Verbatim: Oracle VM Server for SPARC 3.4 管理指南 (zh-CN Administration Guide), 优化包吞吐量性能
# (Tuning Packet Throughput Performance), 示例 46,
# https://docs.oracle.com/cd/E71846_01/html/E71811/tunepacketthroughputperf.html
# The same example (Example 13-12 in the English guides) is in the ja-JP 3.4 guide
# (E71844_01/E71809), the ko-KR one (E71845_01/E71810) and the current English guide,
# https://docs.oracle.com/en/virtualization/oracle-vm-server-sparc/ldoms-admin/tuning-packet-throughput-performance.html
# but the copies we could read stop earlier. The guide's output goes on after "restricted"
# (the other PROTECTION values, ALLOWED-IPS, ...); our copy stops there. The vnet table
# follows the domain's MAC with no NETWORK title of its own.
OVM34_LIST_O_NETWORK = """primary# ldm list-domain -o network ldg3
NAME
ldg3

MAC
     00:14:4f:f8:5b:12
     NAME         SERVICE                MACADDRESS PVID|PVLAN|VIDs
     ----         -------                ---------- ---------------
     vnet3_ldg3   primary-vsw0@primary   00:14:4f:f8:dd:96 1|--|--
             DEVICE     :network@1       ID   :1
             LINKPROP   :phys-state      MTU  :1500
             MAXBW      :--              MODE :--
             CUSTOM     :disable
             PRIORITY   :high            COS  :7
             PROTECTION :mac-nospoof
                         restricted
"""

# Verbatim: Oracle VM Server for SPARC 3.6 Administration Guide, Dynamically Updating Alternate
# MAC Addresses,
# https://docs.oracle.com/en/virtualization/oracle-vm-server-sparc/ldoms-admin/dynamically-updating-alternate-mac-addresses.html
# A NETWORK section with no domain header (the domain is the one the command names); the two
# lines under the row are vnet0's alternate MAC addresses.
OVM36_ALT_MAC = """primary# ldm list -o network ldg1
NETWORK
    NAME    SERVICE              MACADDRESS        PVID|PVLAN|VIDs
    ----    -------              ----------        ---------------
    vnet0   primary-vsw0@primary 00:14:4f:f9:8a:c2 1|--|--
                                 00:14:4f:f8:1c:a5
                                 00:14:4f:f8:2c:22
"""


def test_ovm34_list_domain_o_network_sample():
    result = ldm_long.parse(OVM34_LIST_O_NETWORK, "o.txt")
    assert result.warnings == ()
    # 16 lines: the domain's name (3), the vnet row (9) and the 3 detail lines that hold
    # DEVICE/ID, LINKPROP/MTU, MAXBW/MODE consumed (5); the prompt, NAME, the MAC title and
    # the domain's MAC, the header, the dashes, the CUSTOM, PRIORITY/COS and PROTECTION lines
    # and PROTECTION's second value skipped (10); 1 blank
    assert counts(result) == (16, 5, 10, 0, 1)
    listing = result.value
    assert listing.linkprop_column is True
    assert listing.domains == (
        LdmDomain(
            name="ldg3",
            source=Source("o.txt", 3, 1),
            vnets=(
                VirtualNetwork(
                    name="vnet3_ldg3",
                    domain="ldg3",
                    service="primary-vsw0",
                    source=Source("o.txt", 9, 6),
                    service_domain="primary",
                    device="network@1",
                    mac="00:14:4f:f8:dd:96",
                    mode=None,
                    linkprop="phys-state",
                    pvid=1,
                    vids=(),
                    mtu=1500,
                    maxbw=None,
                    id=1,
                ),
            ),
        ),
    )
    # the release inference reads a 3.4 listing as LDoms 1.3 or later
    assert loader.release(listing, None, "o.txt").version == (1, 3)


def test_ovm36_alternate_mac_addresses_sample():
    result = ldm_long.parse(OVM36_ALT_MAC, "alt.txt")
    assert result.warnings == ()
    # 7 lines: the NETWORK title and the row consumed; the prompt, the header, the dashes
    # and the 2 alternate MAC addresses skipped
    assert counts(result) == (7, 2, 5, 0, 0)
    (ldg1,) = result.value.domains
    assert (ldg1.name, ldg1.source, ldg1.state, ldg1.flags) == ("ldg1", Source("alt.txt", 1, 30), None, None)
    assert ldg1.vnets == (
        VirtualNetwork(
            name="vnet0",
            domain="ldg1",
            service="primary-vsw0",
            source=Source("alt.txt", 5, 5),
            service_domain="primary",
            mac="00:14:4f:f9:8a:c2",
            pvid=1,
        ),
    )
    assert result.value.linkprop_column is True


def test_ovm34_sample_pasted_from_a_web_page():
    # <pre>, CRLF line ends, every line indented by two blanks: the same model, every
    # position shifted by the indentation
    lines = OVM34_LIST_O_NETWORK.split("\n")[:-1]
    text = "<pre>" + "\r\n".join("  " + line if line else "" for line in lines) + "</pre>\r\n"
    result = ldm_long.parse(text, "p.txt")
    assert result.warnings == ()
    assert counts(result) == (16, 5, 10, 0, 1)
    assert strip(result.value) == strip(ldm_long.parse(OVM34_LIST_O_NETWORK, "o.txt").value)
    (ldg3,) = result.value.domains
    assert (ldg3.source, ldg3.vnets[0].source) == (Source("p.txt", 3, 3), Source("p.txt", 9, 8))


def test_ovm34_layout_warned_at_its_tokens():
    text = (
        "primary# ldm list-domain -o network ldg3\r\n"
        "NAME\r\n"
        "ldg3 active\r\n"
        "\r\n"
        "NETWORK\r\n"
        "    NAME       SERVICE               MACADDRESS        PVID|PVLAN|VIDs|QOS\r\n"
        "    ----       -------               ----------        -------------------\r\n"
        "    vnet0      primary-vsw0@primary  00:14:4f:f8:dd:96 1|--|--|7\r\n"
        "            DEVICE     :port@0          ID   :x1\r\n"
        "            LINKPROP   :phys-state      COLOUR :blue\r\n"
        "            MTU        :1500 extra\r\n"
        "                        9000\r\n"
        "            stray words\r\n"
        "    vnet1      primary-vsw1@primary  00:14:4f:f8:dd:97 1|--\r\n"
        "                                     00:14:4f:f8:dd:98\r\n"
    )
    result = ldm_long.parse(text, "w.txt")
    assert [(w.source.line, w.source.col, w.message) for w in result.warnings] == [
        (3, 6, "'active' after the domain name under NAME; not read"),
        (6, 72, "unknown column 'QOS'; its cells are not read"),
        (9, 25, "device 'port@0' is not like network@N"),
        (9, 47, "ID 'x1' is not usable"),
        (10, 41, "unknown NETWORK key 'COLOUR'; its value is not read"),
        (11, 30, "'extra' is not KEY :value; not read"),
        (12, 25, "'9000' continues MTU above; not read"),
        (13, 13, "line under a NETWORK row not understood; not read"),
        (14, 56, "'1|--' is not the 4 values of PVID|PVLAN|VIDs|QOS; not read"),
    ]
    # 15 lines: the NETWORK title and vnet0's row consumed; the prompt, NAME, the dashes and
    # vnet1's alternate MAC (under MACADDRESS) skipped; the 8 lines above warned; 1 blank
    assert counts(result) == (15, 2, 4, 8, 1)
    vnet0, vnet1 = result.value.domains[0].vnets
    # QOS is not read, the rest of vnet0's packed cell is
    assert (vnet0.pvid, vnet0.vids, vnet0.device, vnet0.id, vnet0.linkprop, vnet0.mtu) == (
        1,
        (),
        "port@0",
        None,
        "phys-state",
        1500,
    )
    assert (vnet1.mac, vnet1.pvid) == ("00:14:4f:f8:dd:97", None)


# Not seen verbatim: the vsw table as the OVM 3.4 layout is described (a NAME MACADDRESS
# NET-DEV DVID|PVID|VIDs header, INTER-VNET-LINK printed with the LDCs' state after a "/").
OVM34_VSW = """primary# ldm list -o network primary
NAME
primary

MAC
    00:10:e0:3a:1c:40

VSW
    NAME          MACADDRESS         NET-DEV  DVID|PVID|VIDs
    ----          ----------         -------  --------------
    primary-vsw0  00:14:4f:fb:54:f2  net0     1|1|5,6
            DEVICE     :switch@0         ID   :0
            LINKPROP   :phys-state       MTU  :1500
            MODE       :--               INTER-VNET-LINK :on/LDCs
    primary-vsw1  00:14:4f:fb:54:f3  --       1|--|--
            DEVICE     :switch@1         ID   :1
            LINKPROP   :--               MTU  :9000
            MODE       :sc               VSW-RELAY-MODE :local
"""


def test_ovm34_vsw_layout():
    result = ldm_long.parse(OVM34_VSW, "v.txt")
    assert result.warnings == ()
    # 18 lines: the domain's name, the VSW title, 2 rows and their 6 detail lines consumed
    # (10); the prompt, NAME, the MAC title and value, the header and the dashes skipped (6);
    # 2 blank
    assert counts(result) == (18, 10, 6, 0, 2)
    vsw0, vsw1 = result.value.domains[0].vswitches
    assert vsw0 == VirtualSwitch(
        name="primary-vsw0",
        domain="primary",
        source=Source("v.txt", 11, 5),
        mac="00:14:4f:fb:54:f2",
        net_dev="net0",
        device="switch@0",
        mode=None,
        linkprop="phys-state",
        default_vlan_id=1,
        pvid=1,
        vids=(5, 6),
        mtu=1500,
        inter_vnet_link="on",
        id=0,
    )
    assert (vsw1.net_dev, vsw1.pvid, vsw1.linkprop, vsw1.mode, vsw1.mtu, vsw1.inter_vnet_link) == (
        None,
        None,
        None,
        "sc",
        9000,
        None,
    )


def test_sections_without_a_domain_header_need_a_prompt_naming_one_domain():
    body = OVM36_ALT_MAC.split("\n", 1)[1]
    for prompt in ("", "primary# ldm list -o network ldg1 ldg2\n", "primary# ldm list -o network\n"):
        result = ldm_long.parse(prompt + body, "n.txt")
        assert result.value.domains == ()
        assert {w.message for w in result.warnings} == {"line outside any domain block of ldm output"}
        assert result.account.warned == 6
    # a domain listed in a block and again under a prompt is read once
    text = BINDINGS_12 + "# ldm ls -o network ldg1\n" + body
    result = ldm_long.parse(text, "twice.txt")
    assert [d.name for d in result.value.domains] == ["ldg1"]
    assert [(w.source.line, w.source.col, w.message.split(";")[0]) for w in result.warnings] == [
        (22, 21, "domain ldg1 is listed a second time (first at line 3)")
    ]
    # BINDINGS_12's 21 lines as before; the prompt holds the warning and the second
    # listing's 6 lines are warned with it (covered)
    assert counts(result) == (28, 10, 9, 7, 2)


OVM34_FRAGMENTS = [
    "primary# ldm list -o network ldg1",
    "primary# ldm list-bindings",
    "NAME",
    "ldg1",
    "MAC",
    "NETWORK",
    "VSW",
    "    00:14:4f:f8:5b:12",
    "    NAME  SERVICE  MACADDRESS  PVID|PVLAN|VIDs",
    "    NAME MACADDRESS NET-DEV DVID|PVID|VIDs",
    "    ----  -------  ----------  ---------------",
    "    vnet0  vsw0@primary  00:14:4f:f9:8a:c2  1|--|--",
    "    vsw0  00:14:4f:f9:8a:c2  net0  1|1|5,6",
    "            DEVICE :network@0  ID :x",
    "            LINKPROP :phys-state",
    "            MTU :1500  MODE :--",
    "            PROTECTION :mac-nospoof",
    "                        restricted",
    "                       00:14:4f:f8:1c:a5",
    "            PEER  MACADDRESS  PVID|PVLAN|VIDs",
    "            ----",
    "            p@ldg2  00:14:4f:f8:00:01  1|--|--",
    "-" * 78,
    "",
]


@pytest.mark.parametrize("parse", [ldm_long.parse, ldm_long.parse_services])
@settings(max_examples=200, deadline=None)
@given(
    st.lists(
        st.sampled_from(OVM34_FRAGMENTS) | st.text(alphabet=st.sampled_from(list("NAMECPVID|-: @:a01\t")), max_size=30),
        max_size=30,
    )
)
def test_ovm34_fragments_in_any_order_never_raise(parse, lines):
    text = "\n".join(lines) + "\n"
    assert_accounted(parse(text, "fuzz"), text)


# -- messy input ----------------------------------------------------------------------


def test_unknown_column_section_and_values_are_warned_at_their_tokens():
    text = (
        "<pre>NAME             STATE    FLAGS   CONS    VCPU  MEMORY   UTIL  UPTIME\r\n"
        "primary          active   -n-cv           4     4G       0.6%  1d\r\n"
        "\r\n"
        "VSW\r\n"
        "    NAME             MAC               NET-DEV   DEVICE    COLOUR\r\n"
        "    primary-vsw0     0:xx:xx:xx:xx:xx  e1000g0   port@0    blue\r\n"
        "\r\n"
        "FROBNICATE\r\n"
        "    a b c\r\n"
        "    d e f\r\n"
        "    ...\r\n"
        "stray words here</pre>\r\n"
    )
    result = ldm_long.parse(text, "m.txt")
    found = [(w.source.line, w.source.col, w.message) for w in result.warnings]
    assert found == [
        (5, 60, "unknown column 'COLOUR'; its cells are not read"),
        (6, 22, "'0:xx:xx:xx:xx:xx' is not a usable MAC address (anonymised?)"),
        (6, 50, "device 'port@0' is not like switch@N"),
        (8, 1, "unknown ldm section FROBNICATE; its lines (8-10) are not read"),
        (11, 5, "elided output ('...'): rows may be missing here"),
        (12, 1, "unindented line inside a domain block; not read"),
    ]
    (vsw,) = result.value.domains[0].vswitches
    assert vsw.mac == "0:xx:xx:xx:xx:xx" and vsw.net_dev == "e1000g0"
    assert counts(result) == (12, 2, 1, 7, 2)


def test_second_listing_of_a_domain_is_warned_and_not_merged():
    text = OVM_33 + "primary# ldm list-bindings primary\n" + OVM_33.split("\n", 1)[1]
    result = ldm_long.parse(text, "twice.txt")
    assert [d.name for d in result.value.domains] == ["primary", "ldg1"]
    assert [w.message.split(";")[0] for w in result.warnings] == [
        "domain primary is listed a second time (first at line 3)",
        "domain ldg1 is listed a second time (first at line 10)",
    ]
    assert result.account.balanced


@pytest.mark.parametrize(
    "text",
    ["", "\n\n", "VSW\n    NAME MAC\n", "    indented only\n", "--------\n", "\rstray\n", "VSW\n  \x0bNAME MAC\n"],
)
def test_degenerate_input(text):
    result = ldm_long.parse(text, "d.txt")
    assert result.account.balanced
    assert result.value is not None and result.value.domains == ()


# -- properties -------------------------------------------------------------------------


@st.composite
def listings(draw) -> tuple[LdmListing, str]:
    release = draw(st.sampled_from(["1.2", "bindings", "3.x", "3.4"]))
    full = release in ("3.x", "3.4")
    domain_names = draw(st.lists(names, min_size=1, max_size=4, unique=True))
    domains = []
    for name in domain_names:
        domains.append(
            LdmDomain(
                name=name,
                source=Source("x"),
                state=draw(st.sampled_from(["active", "bound", "inactive"])),
                flags=draw(st.sampled_from(["-n-cv", "-t---", "-n----", "-n-cv-", "------"])),
                vswitches=tuple(draw(st.lists(vswitch(name, full), max_size=3))),
                vnets=tuple(draw(st.lists(vnet(name, full, peers=release in ("bindings", "3.4")), max_size=3))),
            )
        )
    has_linkprop = full and any(d.vswitches or d.vnets for d in domains)
    return LdmListing(Source("x"), tuple(domains), linkprop_column=has_linkprop), release


@settings(max_examples=200, deadline=None)
@given(listings())
def test_render_then_parse_gives_the_model_back(case):
    listing, release = case
    result = ldm_long.parse(render_ldm(listing, release), "x")
    assert result.warnings == ()
    assert strip(result.value) == strip(attrs.evolve(listing, resources=True))  # every domain prints VCPU
    assert result.account.warned == 0 and result.account.balanced


@pytest.mark.parametrize("parse", [ldm_long.parse, ldm_long.parse_services])
@settings(max_examples=200, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("NAMESTFLGVWKORD@-:ab01 \t\n\r.,#")), max_size=400))
def test_arbitrary_text_never_raises(parse, text):
    assert parse(text, "fuzz").account.balanced


@pytest.mark.parametrize("parse", [ldm_long.parse, ldm_long.parse_services])
@settings(max_examples=200, deadline=None)
@given(st.text(max_size=300))
def test_any_unicode_never_raises(parse, text):
    assert parse(text, "fuzz").account.balanced


# -- ldm list-services ------------------------------------------------------------------

# Not seen verbatim (the LDoms 1.3 guide's "List Services" shows only the command): the
# sections of `ldm list -l` with an LDOM column naming each service's domain.
SERVICES = """primary# ldm list-services
VCC
    NAME             LDOM             PORT-RANGE
    primary-vcc0     primary          5000-5100

VSW
    NAME             LDOM             MAC               NET-DEV   ID   DEVICE     LINKPROP   DEFAULT-VLAN-ID PVID VID                  MTU   MODE   INTER-VNET-LINK
    primary-vsw0     primary          00:14:4f:fb:54:f2 net0      0    switch@0   phys-state 1               1    5,6                  1500         on
    alternate-vsw0   alternate        00:14:4f:fb:60:01           0    switch@0              1               1                         1500         on
    primary-vsw1     primary          00:14:4f:fb:54:f3 net1      1    switch@1   phys-state 1               1                         9000         off

VDS
    NAME             LDOM             VOLUME         OPTIONS          MPGROUP        DEVICE
    primary-vds0     primary          ldg1-vol0                                      /ldoms/ldg1/disk0.img
                                      ldg2-vol0      ro                              /ldoms/ldg2/disk0.img
"""


def test_list_services_groups_vsws_by_ldom():
    result = ldm_long.parse_services(SERVICES, "s.txt")
    assert result.warnings == ()
    # 15 lines: the VSW title and its 3 rows consumed; the prompt, the VCC title, header
    # and row, the VSW header, the VDS title, header and 2 rows skipped (9); 2 blank
    assert counts(result) == (15, 4, 9, 0, 2)
    listing = result.value
    assert (listing.view, listing.linkprop_column, result.account.kind) == ("list-services", True, "ldm-list-services")
    primary, alternate = listing.domains
    assert (primary.name, primary.source, primary.state, primary.flags) == (
        "primary",
        Source("s.txt", 8, 22),
        None,
        None,
    )
    assert [v.name for v in primary.vswitches] == ["primary-vsw0", "primary-vsw1"]
    assert primary.vswitches[0].vids == (5, 6) and primary.vswitches[1].mtu == 9000
    (alt,) = alternate.vswitches
    assert (alt.domain, alt.net_dev, alt.linkprop, alt.device) == ("alternate", None, None, "switch@0")
    assert primary.vnets == ()


def test_list_services_without_ldom_column_takes_the_domain_from_the_prompt():
    text = (
        "primary# ldm list-services alternate\n"
        "VSW\n"
        "    NAME             MAC               NET-DEV   DEVICE    MODE\n"
        "    alternate-vsw0   00:14:4f:fb:60:01 nxge0     switch@0  prog,promisc\n"
        "# ldm list-services\n"
        "VSW\n"
        "    NAME             MAC               NET-DEV   DEVICE    MODE\n"
        "    orphan-vsw0      00:14:4f:fb:60:02 nxge1     switch@1\n"
    )
    result = ldm_long.parse_services(text, "s.txt")
    assert [(w.source.line, w.source.col, w.message) for w in result.warnings] == [
        (8, 5, "VSW row with no LDOM cell, and no domain named on the command line; not read")
    ]
    assert counts(result) == (8, 3, 4, 1, 0)
    (alternate,) = result.value.domains
    assert (alternate.name, alternate.vswitches[0].net_dev, alternate.vswitches[0].mode) == (
        "alternate",
        "nxge0",
        "prog,promisc",
    )


def test_list_services_capture_with_a_domain_block_in_it():
    text = SERVICES + OVM_33
    result = ldm_long.parse_services(text, "s.txt")
    assert [(w.source.line, w.message.split(";")[0]) for w in result.warnings] == [
        (17, "ldm list output inside an ldm list-services capture"),
        (24, "ldm list output inside an ldm list-services capture"),
    ]
    # 30 lines: the 11 non-blank lines of the two domain blocks warned (covered), none
    # read; its prompt and the separator of dashes between the blocks skipped (9 + 2)
    assert counts(result) == (30, 4, 11, 11, 4)
    assert [d.name for d in result.value.domains] == ["primary", "alternate"]


def test_list_l_still_reports_a_section_before_any_domain():
    result = ldm_long.parse("VSW\n    NAME MAC\n    vsw0 00:14:4f:fb:54:f2\n", "l.txt")
    assert [(w.source.line, w.source.col) for w in result.warnings] == [(1, 1), (2, 5), (3, 5)]
    assert {w.message for w in result.warnings} == {"line outside any domain block of ldm output"}


@st.composite
def services(draw) -> tuple[LdmListing, str, bool]:
    release = draw(st.sampled_from(["1.2", "3.x"]))
    domains = [
        LdmDomain(
            name=name,
            source=Source("x"),
            vswitches=tuple(draw(st.lists(vswitch(name, release == "3.x"), min_size=1, max_size=3))),
        )
        for name in draw(st.lists(names, min_size=1, max_size=2, unique=True))
    ]
    linkprop = release == "3.x"
    return (
        LdmListing(Source("x"), tuple(domains), linkprop_column=linkprop, view="list-services"),
        release,
        draw(st.booleans()),
    )


@settings(max_examples=100, deadline=None)
@given(services())
def test_render_services_then_parse_gives_the_model_back(case):
    listing, release, ldom_column = case
    result = ldm_long.parse_services(render_services(listing, release, ldom_column), "x")
    assert result.warnings == ()
    assert strip(result.value) == strip(attrs.evolve(listing, resources=True))
    assert result.account.warned == 0 and result.account.balanced


def test_sections_lexed_whole_are_sections_skipped_on_purpose():
    import re

    from testpaths import REPO

    grammar = (REPO / "grammars" / "ldm_long.lark").read_text()
    names = re.search(r"^SKIPPED\.\d+: /\(\?:([A-Z|]+)\)", grammar, re.M).group(1).split("|")
    assert set(names) <= ldm_long.SKIPPED_SECTIONS and "MAC" not in names  # MAC may hold a vnet table (OVM 3.4)
    text = "NAME STATE FLAGS CONS VCPU MEMORY UTIL UPTIME\nprimary active -n-cv- UART 8 16G 0.3% 1d\n\nIOV\n    x\nIO\n    pci@300 pci_0\n"
    result = ldm_long.parse(text, "f")
    assert [w.message.split(";")[0] for w in result.warnings] == ["unknown ldm section IOV"]


def test_softstate_value_printed_unindented_by_ldm_list_e_is_the_sections():
    # LDoms 1.2 Administration Guide (820-7253), "ldm list -e" (tests/data/real/SOURCES.md):
    # SOFTSTATE's value stands unindented on the next line
    text = (
        "primary# ldm list -e\n"
        "NAME             STATE    FLAGS   CONS    VCPU  MEMORY   UTIL  UPTIME\n"
        "primary          active   -t-cv           1     768M     0.0%  0s\n"
        " \n"
        "SOFTSTATE\n"
        "Solaris running\n"
        " \n"
        "VSW\n"
        "    NAME             MAC               NET-DEV   DEVICE    MODE\n"
        "    vsw0             00:14:4f:fb:ae:95 e1000g0   switch@0  prog,promisc\n"
    )
    result = ldm_long.parse(text, "f")
    assert result.warnings == ()
    assert [v.name for v in result.value.vswitches] == ["vsw0"]
    assert counts(result) == (10, 3, 5, 0, 2)
    # an empty value: the next title and the next domain header stay what they are
    for after in (
        "VSW\n    NAME             MAC               NET-DEV   DEVICE    MODE\n"
        "    vsw0             00:14:4f:fb:ae:95 e1000g0   switch@0  prog,promisc\n",
        "NAME             STATE    FLAGS   CONS    VCPU  MEMORY   UTIL  UPTIME\n"
        "ldg1             active   -t---           1     768M     0.0%  0s\n",
    ):
        result = ldm_long.parse("\n".join(text.splitlines()[1:5]) + "\n" + after, "f")
        assert result.warnings == (), after
        assert result.account.warned == 0 and result.account.balanced
    softstate_only = ldm_long.parse("\n".join(text.splitlines()[1:5]) + "\n", "f")
    assert softstate_only.warnings == () and softstate_only.account.skipped == 2


def test_table_flush_with_its_title_after_an_elision_is_read():
    # Logical Domains 1.3 Administration Guide (821-0406), "How to Find Solaris OS
    # Network Interface Name" (tests/data/real/SOURCES.md): the page indented the whole
    # listing, elided it to NETWORK, and left the table at the title's indentation
    text = (
        "    # ldm list -l ldg1\n"
        "    ...\n"
        "    NETWORK\n"
        "    NAME         SERVICE                     DEVICE       MAC\n"
        "    net-a        primary-vsw0@primary        network@0    00:14:4f:f8:91:4f\n"
        "    net-c        primary-vsw0@primary        network@2    00:14:4f:f8:dd:68\n"
        "    ...\n"
    )
    result = ldm_long.parse(text, "f")
    assert [(w.source.line, w.source.col) for w in result.warnings] == [(2, 5), (7, 5)]
    assert [(v.name, v.domain, v.service, v.device, v.source.line) for v in result.value.vnets] == [
        ("net-a", "ldg1", "primary-vsw0", "network@0", 5),
        ("net-c", "ldg1", "primary-vsw0", "network@2", 6),
    ]
    assert counts(result) == (7, 3, 2, 2, 0)


def test_table_flush_with_its_title_inside_a_domain_block_is_read_and_only_it():
    head = (
        "NAME             STATE    FLAGS   CONS    VCPU  MEMORY   UTIL  UPTIME\n"
        "ldg1             active   -n----  5000    4     2G       0.1%  1d\n"
        "\n"
    )
    table = (
        "NETWORK\n"
        "NAME         SERVICE                     DEVICE       MAC\n"
        "net-a        primary-vsw0@primary        network@0    00:14:4f:f8:91:4f\n"
    )
    result = ldm_long.parse(head + table, "f")
    assert result.warnings == ()
    assert [v.name for v in result.value.vnets] == ["net-a"]
    # a gap ends the table; an unindented line that is no header under the title is no row
    for text, warned in (
        (head + table + "\nnet-b        primary-vsw0@primary        network@1\n", [8]),
        (head + "NETWORK\nnet-a        primary-vsw0@primary        network@0\n", [5]),
    ):
        result = ldm_long.parse(text, "f")
        assert [w.source.line for w in result.warnings] == warned, text


# -- skipped sections: their lines marked as a range, read one by one only when warned ----

SKIPPED_RANGES = """NAME             STATE    FLAGS   CONS    VCPU  MEMORY   UTIL  UPTIME
primary          active   -n-cv-  SP      8     8G       0.3%  2d

VCPU
    VID    PID    CID    UTIL STRAND
    0      0      0      0.3%   100%
    ...
    7      7      0      0.1%   100%

VARIABLES
    auto-boot?=false

    boot-device=disk
------------------------------------------------------------------------------
NAME             STATE    FLAGS   CONS    VCPU  MEMORY   UTIL  UPTIME
primary          active   -n-cv-  SP      8     8G       0.3%  2d

MEMORY
    RA               PA               SIZE
    0x8000000        0x8000000        8G
"""


def test_a_skipped_section_keeps_the_status_a_line_already_has():
    """A skipped section is marked line range by line range; a line in the range the paste
    reading already warned (the elision at 7, which cuts VCPU's token in two) stays
    warned, blank lines stay blank, and a duplicate domain's skipped section is still
    read line by line into warnings (18-20 covered)."""
    result = ldm_long.parse(SKIPPED_RANGES, "ranges.txt")
    # consumed: the domain row (2); skipped: the headers (1, 15), VCPU (4-6, 8),
    # VARIABLES (10, 11, 13), the dashes (14); warned: 7, 16, 18-20; blank: 3, 9, 12, 17
    assert counts(result) == (20, 1, 10, 5, 4)
    assert [(w.source.line, w.source.col, w.message.split(";")[0].split(" (")[0]) for w in result.warnings] == [
        (7, 5, "elided output"),
        (16, 1, "domain primary is listed a second time"),
    ]


def test_a_skipped_section_before_any_domain_is_warned_line_by_line():
    """The body of a section lexed in one token, and the lines after a blank in it, are
    each warned where they stand when the section belongs to no domain."""
    text = "VCPU\n    VID    PID\n    0      0\n\n    1      1\n" + SKIPPED_RANGES
    result = ldm_long.parse(text, "before.txt")
    stray = [(w.source.line, w.source.col) for w in result.warnings if w.message.startswith("line outside")]
    assert stray == [(1, 1), (2, 5), (3, 5), (5, 5)]
    assert counts(result) == (25, 1, 10, 9, 5)
