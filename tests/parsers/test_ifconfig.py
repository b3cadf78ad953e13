"""``ifconfig -a``: real samples counted by hand, messy input, and property tests."""

from __future__ import annotations

import ipaddress

from format_checks import warned
from hypothesis import given, settings
from hypothesis import strategies as st
from ifconfig_render import FLAGS_BY_BIT, flags_hex, render
from parse_checks import counts, strip

from ipmplint.model import Address, LogicalInterface, Source, Tunnel
from ipmplint.parsers import ifconfig, ifflags

# -- real captures -----------------------------------------------------------------

SAMPLE_COUNTS = {
    # file: (lines, consumed, interfaces, IPv4 stanzas, with ether)
    "puppetlabs-facter__ifconfig-a-solaris10-hme0.txt": (12, 12, 5, 2, 2),
    "puppetlabs-facter__ifconfig-a-opensolaris-b132-router.txt": (20, 20, 8, 3, 4),
    "puppetlabs-facter__ifconfig-a-sunos-bge0-v4v6.txt": (10, 10, 5, 2, 0),
    "puppetlabs-facter__ifconfig-a-solaris11-net0-dhcp.txt": (3, 3, 1, 1, 1),
}


def test_samples_are_read_whole(samples):
    for name, (lines, consumed, count, v4, ether) in SAMPLE_COUNTS.items():
        path = samples / "ifconfig" / name
        result = ifconfig.parse(path.read_text(), str(path))
        assert result.warnings == (), name
        assert (result.account.total, result.account.consumed) == (lines, consumed), name
        assert result.account.balanced
        interfaces = result.value.interfaces
        assert len(interfaces) == count, name
        assert sum(1 for i in interfaces if i.family == "inet") == v4, name
        assert sum(1 for i in interfaces if i.mac) == ether, name


def test_solaris10_hme0_fields(samples):
    path = samples / "ifconfig" / "puppetlabs-facter__ifconfig-a-solaris10-hme0.txt"
    hme0 = ifconfig.parse(path.read_text(), "f").value.interfaces[1]
    assert hme0.name == "hme0" and hme0.unit == 0 and hme0.device == "hme0"
    assert hme0.flags == {"UP", "BROADCAST", "RUNNING", "MULTICAST", "IPv4"}
    assert (hme0.flags_hex, hme0.mtu, hme0.index) == ("1000843", 1500, 2)
    assert hme0.address.ip == ipaddress.ip_address("192.168.2.83")
    assert hme0.address.prefixlen == 24 and hme0.address.broadcast == "192.168.2.255"
    assert hme0.mac == "8:0:20:d1:6d:79"
    assert hme0.source == Source("f", 3, 1)


def test_solaris11_physrunning_and_v6_logical(samples):
    s11 = ifconfig.parse(
        (samples / "ifconfig" / "puppetlabs-facter__ifconfig-a-solaris11-net0-dhcp.txt").read_text(), "f"
    )
    assert "PHYSRUNNING" in s11.value.interfaces[0].flags and "DHCP" in s11.value.interfaces[0].flags
    b132 = ifconfig.parse(
        (samples / "ifconfig" / "puppetlabs-facter__ifconfig-a-opensolaris-b132-router.txt").read_text(), "f"
    )
    logical = [i for i in b132.value.interfaces if i.name == "bge0:1"][0]
    assert logical.unit == 1 and logical.family == "inet6"
    assert logical.address.text == "2404:130:40:10::ff:0" and logical.address.prefixlen == 64


# -- messy input ----------------------------------------------------------------------

SONIAH = """<pre># ifconfig bge2
bge2: flags=9040843&lt;UP,BROADCAST,RUNNING,MULTICAST,DEPRECATED,IPv4,NOFAILOVER&gt; mtu 1380 index 4\r
 inet 10.888.999.133 netmask fffffff0 broadcast 10.225.228.143\r
 groupname inner-prod
 ether 0:xx:xx:xx:xx:xx
# ifconfig bge3
bge3: flags=69040843<UP,BROADCAST,RUNNING,MULTICAST,DEPRECATED,IPv4,NOFAILOVER,STANDBY,INACTIVE> mtu 1380 index 5
 inet 10.888.999.134 netmask fffffff0 broadcast 10.888.999.143
 groupname inner-prod
 ether 0:xx:xx:xx:xx:xx
</pre>
"""


def test_messy_paste_keeps_interfaces_and_warns_per_token():
    result = ifconfig.parse(SONIAH, "paste.txt")
    bge2, bge3 = result.value.interfaces
    assert bge2.group == bge3.group == "inner-prod"
    assert "NOFAILOVER" in bge2.flags and {"STANDBY", "INACTIVE"} <= bge3.flags
    assert bge2.address.text == "10.888.999.133" and bge2.address.ip is None
    assert bge2.address.prefixlen == 28
    found = [(w.source.line, w.source.col, w.message.split("'")[1]) for w in result.warnings]
    assert found == [
        (3, 7, "10.888.999.133"),
        (5, 8, "0:xx:xx:xx:xx:xx"),
        (8, 7, "10.888.999.134"),
        (10, 8, "0:xx:xx:xx:xx:xx"),
    ]
    acc = result.account
    assert (acc.total, acc.skipped, acc.warned, acc.consumed, acc.blank) == (11, 2, 4, 4, 1)


def test_wrapped_header_of_sun_doc_70062():
    text = (
        " qfe0: flags=9040843 mtu 1500 index 3\n"
        "         inet 172.20.20.10 netmask ffffff00 broadcast 172.20.20.255\n"
        "         groupname ipmp0\n"
        "         ether 8:0:20:e8:88:dc\n"
        " qfe0:1:\n"
        " flags=1000843\n"
        " mtu 1500 index 3\n"
        "         inet 172.20.20.210 netmask ffffff00 broadcast 172.20.20.255\n"
    )
    result = ifconfig.parse(text, "70062.txt")
    assert result.warnings == ()
    qfe0, logical = result.value.interfaces
    assert qfe0.flags == {"UP", "BROADCAST", "RUNNING", "MULTICAST", "DEPRECATED", "IPv4", "NOFAILOVER"}
    assert logical.name == "qfe0:1" and logical.mtu == 1500 and logical.index == 3
    assert logical.flags == {"UP", "BROADCAST", "RUNNING", "MULTICAST", "IPv4"}
    assert logical.address.text == "172.20.20.210" and logical.source.line == 5


def test_stray_and_unknown_lines_are_warned_not_dropped():
    text = "junk before\n\tinet 1.2.3.4\nbge0: flags=1000843<UP,IPv4,WEIRD> mtu 1500 index 2 extra\n\tfrobnicate 7\n"
    result = ifconfig.parse(text, "x")
    assert [(w.source.line, w.source.col) for w in result.warnings] == [(1, 1), (2, 2), (3, 29), (3, 53), (4, 2)]
    assert result.value.interfaces[0].flags == {"UP", "IPv4", "WEIRD"}
    assert result.account.warned == 4 and result.account.balanced


# -- every line form ifconfig prints ----------------------------------------------------

# The examples in the comment of chef/ohai lib/ohai/plugins/solaris2/network.rb (a
# Solaris 10 host and the ifconfig(1M) manual's examples, wrapped headers included).
OHAI_SOLARIS = """\
lo0:3: flags=2001000849<UP,LOOPBACK,RUNNING,MULTICAST,IPv4,VIRTUAL> mtu 8232 index 1
        inet 127.0.0.1 netmask ff000000
e1000g0:3: flags=201000843<UP,BROADCAST,RUNNING,MULTICAST,IPv4,CoS> mtu 1500 index 3
        inet 72.2.115.28 netmask ffffff80 broadcast 72.2.115.127
e1000g2:1: flags=201000843<UP,BROADCAST,RUNNING,MULTICAST,IPv4,CoS> mtu 1500 index 4
        inet 10.2.115.28 netmask ffffff80 broadcast 10.2.115.127
        inet6 2001:0db8:3c4d:55:a00:20ff:fe8e:f3ad/64
ip.tun0: flags=2200851<UP,POINTOPOINT,RUNNING,MULTICAST,NONUD,IPv6> mtu 1480 index 3
       inet tunnel src 109.146.85.57   tunnel dst 109.146.85.212
       tunnel security settings  -->  use 'ipsecconf -ln -i ip.tun1'
       tunnel hop limit 60
       inet6 fe80::6d92:5539/10 --> fe80::6d92:55d4
ip.tun0:1: flags=2200851<UP,POINTOPOINT,RUNNING,MULTICAST,NONUD,IPv6> mtu 1480 index 3
       inet6 2::45/128 --> 2::46
lo0: flags=1000849<UP,LOOPBACK,RUNNING,MULTICAST,IPv4> mtu 8232 index 1
    inet 127.0.0.1 netmask ff000000
eri0: flags=1004843<UP,BROADCAST,RUNNING,MULTICAST,DHCP,IPv4> mtu 1500 \\
index 2
    inet 172.17.128.208 netmask ffffff00 broadcast 172.17.128.255
ip6.tun0: flags=10008d1<UP,POINTOPOINT,RUNNING,NOARP,MULTICAST,IPv4> \\
mtu 1460
    index 3
    inet6 tunnel src fe80::1 tunnel dst fe80::2
    tunnel security settings  -->  use 'ipsecconf -ln -i ip.tun1'
    tunnel hop limit 60 tunnel encapsulation limit 4
    inet 10.0.0.208 --> 10.0.0.210 netmask ff000000
qfe1: flags=2000841<UP,RUNNING,MULTICAST,IPv6> mtu 1500 index 3
 usesrc vni0
 inet6 fe80::203:baff:fe17:4be0/10
 ether 0:3:ba:17:4b:e0
vni0: flags=2002210041<UP,RUNNING,NOXMIT,NONUD,IPv6,VIRTUAL> mtu 0
 index 5
 srcof qfe1
 inet6 fe80::203:baff:fe17:4444/128
"""


# System Administration Guide: IP Services, 'ifconfig hme0' and 'ifconfig hme0 inet6' of a
# group member as a web mirror printed them (tests/data/real/SOURCES.md,
# linuxtopia-sysadv3-enflg): indentation lost, the header's 'index 2' wrapped onto the
# address line
ENFLG = """\
# ifconfig hme0
hme0: flags=9000843<UP,BROADCAST,RUNNING,MULTICAST,IPv4> mtu 1500
index 2 inet 192.168.85.19 netmask ffffff00 broadcast 192.168.85.255
groupname testgroup1
# ifconfig hme0 inet6
hme0: flags=a000841<UP,RUNNING,MULTICAST,IPv6> mtu 1500 index 2
inet6 fe80::a00:20ff:feb9:19fa/10
groupname testgroup1
"""


def test_detail_lines_that_lost_their_indent_are_the_stanzas():
    result = ifconfig.parse(ENFLG, "f")
    assert result.warnings == ()
    v4, v6 = result.value.interfaces
    assert (v4.name, v4.mtu, v4.index, v4.group, v4.address.text, v4.address.prefixlen) == (
        "hme0",
        1500,
        2,
        "testgroup1",
        "192.168.85.19",
        24,
    )
    assert v4.address.source == Source("f", 3, 14)
    assert (v6.index, v6.group, v6.address.text, v6.address.prefixlen) == (
        2,
        "testgroup1",
        "fe80::a00:20ff:feb9:19fa",
        10,
    )
    assert counts(result) == (8, 6, 2, 0, 0)
    # each command named one interface: the capture shows hme0 alone, not the domain
    assert result.value.shown == ("hme0",)


def test_flush_detail_lines_outside_a_stanza_or_twice_wrapped_are_warned():
    # before any header a flush 'inet' line belongs nowhere; 'index' both in the header
    # and wrapped onto the address line is said twice
    text = (
        "inet 10.0.0.1 netmask ff000000\n"
        "hme0: flags=1000843<UP,BROADCAST,RUNNING,MULTICAST,IPv4> mtu 1500 index 2\n"
        "index 3 inet 10.0.0.2 netmask ff000000\n"
    )
    result = ifconfig.parse(text, "f")
    assert [(w.source.line, w.source.col) for w in result.warnings] == [(1, 1), (3, 1)]
    assert result.value.interfaces[0].index == 2 and result.value.interfaces[0].address.text == "10.0.0.2"


def test_header_words_wrapped_onto_an_indented_address_line():
    # System Administration Guide: IP Services (806-4075), "How to Configure a Multipathing
    # Group With One of the Interfaces a Standby Interface": the header wrapped before mtu
    text = (
        "hme1: flags=69040843<UP,BROADCAST,RUNNING,MULTICAST,DEPRECATED,IPv4,NOFAILOVER,STANDBY,INACTIVE>\n"
        "        mtu 1500 index 4 inet 19.16.85.22 netmask ffffff00 broadcast 19.16.85.255\n"
        "        groupname test\n"
    )
    result = ifconfig.parse(text, "f")
    assert result.warnings == ()
    (hme1,) = result.value.interfaces
    assert (hme1.mtu, hme1.index, hme1.address.text, hme1.group) == (1500, 4, "19.16.85.22", "test")


def test_shown_names_only_what_every_echoed_command_named():
    stanza = "hme0: flags=1000843<UP,BROADCAST,RUNNING,MULTICAST,IPv4> mtu 1500 index 2\n\tinet 10.0.0.1\n"
    for prompt, shown in (
        ("# ifconfig -a\n", ()),
        ("", ()),
        ("# /usr/sbin/ifconfig hme0\n", ("hme0",)),
        ("# ifconfig hme0 hme0: flags=1000843<UP,IPv4> mtu 1500 index 2\n", ("hme0",)),
        ("# ifconfig hme0 group g\n", ()),
    ):
        assert ifconfig.parse(prompt + stanza, "f").value.shown == shown, prompt


def test_tunnels_usesrc_cos_and_wrapped_headers_are_read_whole():
    result = ifconfig.parse(OHAI_SOLARIS, "ohai.txt")
    # The comment was edited by hand: an IPv4 stanza (e1000g2:1) never prints an inet6
    # line, and the second address of one stanza is warned.
    assert [(w.source.line, w.message) for w in result.warnings] == [
        (7, "second 'address' in one stanza; the first is kept")
    ]
    assert counts(result) == (34, 33, 0, 1, 0)
    by_name = {i.name: i for i in result.value.interfaces}
    assert len(by_name) == 10
    assert "CoS" in by_name["e1000g0:3"].flags
    tun = by_name["ip.tun0"]
    assert tun.tunnel == Tunnel(
        family="inet",
        src="109.146.85.57",
        dst="109.146.85.212",
        hop_limit=60,
        security="-->  use 'ipsecconf -ln -i ip.tun1'",
    )
    assert tun.address.text == "fe80::6d92:5539" and tun.address.prefixlen == 10
    assert tun.peer == "fe80::6d92:55d4"
    tun6 = by_name["ip6.tun0"]
    assert (tun6.mtu, tun6.index) == (1460, 3)
    assert tun6.tunnel.family == "inet6" and tun6.tunnel.encap_limit == 4 and tun6.tunnel.hop_limit == 60
    assert tun6.address.text == "10.0.0.208" and tun6.peer == "10.0.0.210" and tun6.address.prefixlen == 8
    assert by_name["eri0"].index == 2 and by_name["eri0"].mtu == 1500
    assert by_name["qfe1"].usesrc == "vni0" and by_name["qfe1"].mac == "0:3:ba:17:4b:e0"
    assert by_name["vni0"].srcof == ("qfe1",) and by_name["vni0"].index == 5 and by_name["vni0"].mtu == 0


def test_every_flag_name_ifconfig_prints_is_known():
    # if_flags_tbl of illumos ifconfig.c, plus PHYSRUNNING and NOLINKLOCAL (Oracle Solaris 11)
    printed = (
        "UP BROADCAST DEBUG LOOPBACK POINTOPOINT NOTRAILERS RUNNING NOARP PROMISC ALLMULTI "
        "INTELLIGENT MULTICAST MULTI_BCAST UNNUMBERED DHCP PRIVATE NOXMIT NOLOCAL DEPRECATED "
        "ADDRCONF ROUTER NONUD ANYCAST NORTEXCH IPv4 IPv6 NOFAILOVER FAILED STANDBY INACTIVE "
        "OFFLINE XRESOLV CoS PREFERRED TEMPORARY FIXEDMTU VIRTUAL DUPLICATE IPMP VRRP NOACCEPT "
        "NOLINKLOCAL L3PROTECT PHYSRUNNING"
    ).split()
    assert set(printed) == ifflags.KNOWN_NAMES
    assert ifflags.decode(0x201000843) == {"UP", "BROADCAST", "RUNNING", "MULTICAST", "IPv4", "CoS"}


def test_tunnel_line_forms_of_tun_status():
    # illumos ifconfig.c tun_status: no dst until set; an encapsulation limit alone,
    # or disabled; security settings as algorithms.
    text = (
        "ip6.tun1: flags=2200851<UP,POINTOPOINT,RUNNING,MULTICAST,NONUD,IPv6> mtu 1460 index 9\n"
        "\tinet6 tunnel src 2001:db8::1 \n"
        "\ttunnel security settings  esp (3des/sha1)\n"
        "\ttunnel encapsulation limit disabled\n"
    )
    result = ifconfig.parse(text, "x")
    assert result.warnings == ()
    assert result.value.interfaces[0].tunnel == Tunnel(
        family="inet6", src="2001:db8::1", encap_limit=-1, security="esp (3des/sha1)"
    )


def test_nolocal_subnet_zone_and_usesrc_by_index():
    # in_status prints "inet subnet <net>/<len>" for a NOLOCAL interface; ifstatus prints
    # "zone <id>" for a zone without a name and "usesrc ifIndex <n>" for a gone interface.
    text = (
        "bge1:2: flags=1020843<UP,BROADCAST,RUNNING,MULTICAST,NOLOCAL,IPv4> metric 2 mtu 1500 index 3\n"
        "\tzone 12\n"
        "\tusesrc ifIndex 7\n"
        "\tinet subnet 10.1.0.0/16 netmask ffff0000 broadcast 10.1.255.255\n"
    )
    result = ifconfig.parse(text, "x")
    assert result.warnings == ()
    lif = result.value.interfaces[0]
    assert (lif.address, lif.subnet, lif.zone, lif.usesrc, lif.metric) == (None, "10.1.0.0/16", "12", "ifIndex 7", 2)


def test_verbose_token_line_is_skipped_on_purpose():
    # in6_status with -v: token and neighbour-discovery values, on their own line
    text = (
        "bge0: flags=2000841<UP,RUNNING,MULTICAST,IPv6> mtu 1500 index 2\n"
        "\tinet6 fe80::203:baff:fe17:4be0/10 \n"
        "\ttoken ::203:baff:fe17:4be0/64 maxhops 255, reachtime 29230 ms, reachretrans 1000 ms, maxmtu 1500 \n"
    )
    result = ifconfig.parse(text, "x")
    assert result.warnings == ()
    assert counts(result) == (3, 2, 1, 0, 0)


def test_ipoib_hardware_address_is_not_a_mac():
    # print_ifether of illumos ifconfig.c: "\tipib %s \n" for an InfiniBand link (values invented)
    text = (
        "ibd0: flags=1000843<UP,BROADCAST,RUNNING,MULTICAST,IPv4> mtu 2044 index 3\n"
        "\tinet 192.168.20.5 netmask ffffff00 broadcast 192.168.20.255\n"
        "\tipib 80:0:0:4:fe:80:0:0:0:0:0:0:0:3:ba:0:1:0:fb:c5 \n"
    )
    result = ifconfig.parse(text, "x")
    assert result.warnings == ()
    ibd0 = result.value.interfaces[0]
    assert ibd0.mac is None and ibd0.ipib == "80:0:0:4:fe:80:0:0:0:0:0:0:0:3:ba:0:1:0:fb:c5"


def test_one_bad_line_costs_that_line_not_the_file():
    text = (
        "bge0: flags=1000843<UP,BROADCAST,RUNNING,MULTICAST,IPv4> mtu 1500 index 2\n"
        "\tinet\n"
        "\tether\n"
        "\tgroupnameipmp0\n"
        "\tgroupname\n"
        "\tzone\n"
        "\ttunnel of love\n"
        "bge1: flags=1000843<UP,BROADCAST,RUNNING,MULTICAST,IPv4> mtu 1500 index 3\n"
        "\tinet 10.1.1.2 netmask ffffff00 broadcast 10.1.1.255\n"
        "\tgroupname ipmp0\n"
    )
    result = ifconfig.parse(text, "x")
    assert [(w.source.line, w.source.col) for w in result.warnings] == [(2, 2), (3, 2), (4, 2), (5, 2), (6, 2), (7, 2)]
    assert "groupnameipmp0" in result.warnings[2].message
    assert counts(result) == (10, 4, 0, 6, 0)
    bge0, bge1 = result.value.interfaces
    assert bge0.group is None and bge0.address is None
    assert bge1.group == "ipmp0" and bge1.address.text == "10.1.1.2"


# -- properties -------------------------------------------------------------------------

_FLAG_NAMES = sorted(ifflags.KNOWN_NAMES - {"IPv4", "IPv6"})
names = st.from_regex(r"[a-z]{1,6}[0-9]{1,2}(:[1-9][0-9]?)?", fullmatch=True)
macs = st.lists(st.integers(0, 255), min_size=6, max_size=6).map(lambda o: ":".join(f"{b:x}" for b in o))
group_names = st.from_regex(r"[a-z][a-z0-9_-]{0,15}", fullmatch=True)


tunnels = st.builds(
    Tunnel,
    family=st.sampled_from(["inet", "inet6"]),
    src=st.ip_addresses().map(str),
    dst=st.none() | st.ip_addresses().map(str),
    hop_limit=st.none() | st.integers(0, 255),
    encap_limit=st.none() | st.just(-1) | st.integers(1, 255),
    security=st.none() | st.just("-->  use 'ipsecconf -ln -i ip.tun0'") | st.just("esp (3des/sha1)"),
)


@st.composite
def logical_interfaces(draw) -> LogicalInterface:
    family = draw(st.sampled_from(["inet", "inet6"]))
    flags = frozenset(draw(st.sets(st.sampled_from(_FLAG_NAMES), max_size=6))) | {
        "IPv4" if family == "inet" else "IPv6"
    }
    address = None
    if draw(st.booleans()):
        if family == "inet":
            ip = draw(st.ip_addresses(v=4))
            plen = draw(st.integers(0, 32))
            bcast = draw(st.none() | st.ip_addresses(v=4).map(str))
            address = Address(text=str(ip), source=Source("x"), family="inet", ip=ip, prefixlen=plen, broadcast=bcast)
        else:
            ip = draw(st.ip_addresses(v=6))
            plen = draw(st.integers(0, 128))
            address = Address(text=str(ip), source=Source("x"), family="inet6", ip=ip, prefixlen=plen)
    peer = draw(st.none() | st.ip_addresses(v=6 if family == "inet6" else 4).map(str)) if address else None
    subnet = draw(st.none() | st.just("10.1.0.0/16")) if address is None else None
    return LogicalInterface(
        peer=peer,
        subnet=subnet,
        metric=draw(st.none() | st.integers(1, 16)),
        tunnel=draw(st.none() | tunnels),
        usesrc=draw(st.none() | names.filter(lambda n: ":" not in n)),
        srcof=tuple(draw(st.lists(names, max_size=3))),
        name=draw(names),
        source=Source("x"),
        flags=flags,
        flags_hex=flags_hex(flags),
        mtu=draw(st.none() | st.integers(68, 65535)),
        index=draw(st.none() | st.integers(1, 999)),
        address=address,
        group=draw(st.none() | group_names),
        mac=draw(st.none() | macs),
        zone=draw(st.none() | group_names),
    )


@settings(max_examples=200, deadline=None)
@given(st.lists(logical_interfaces(), max_size=6))
def test_render_then_parse_gives_the_model_back(interfaces):
    result = ifconfig.parse(render(interfaces), "x")
    assert result.warnings == ()
    assert [strip(i) for i in result.value.interfaces] == [strip(i) for i in interfaces]
    assert result.account.balanced


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("abc019:<>=,. \t\n\r#$-flagsmtuinetgroupnameether")), max_size=400))
def test_arbitrary_text_never_raises(text):
    result = ifconfig.parse(text, "fuzz")
    assert result.account.balanced
    assert result.account.total == len(text.split("\n")) - (1 if text.endswith("\n") else 0) or text == ""


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=300))
def test_any_unicode_never_raises(text):
    assert ifconfig.parse(text, "fuzz").account.balanced


def test_flag_bits_are_those_of_net_if_h():
    """ifflags against the test's own transcription of <net/if.h>: a bit moved there
    would otherwise round-trip with itself unnoticed."""
    assert ifflags.FLAG_BITS == {1 << bit: name for bit, name in enumerate(FLAGS_BY_BIT) if name}
    assert flags_hex({"UP", "IPv4", "NOFAILOVER", "DEPRECATED"}) == "9040001"


def test_an_indented_paste_locates_each_interface_at_its_name():
    """Output pasted with the page's four-space indent (as the Oracle guides print it):
    the interface is at its name's column, so a finding points at the name."""
    text = (
        "    e1000g0: flags=1000843<UP,BROADCAST,RUNNING,MULTICAST,IPv4> mtu 1500 index 2\n"
        "            inet 192.168.10.20 netmask ffffff00 broadcast 192.168.10.255\n"
        "            groupname prod\n"
        "e1000g1: flags=1000843<UP,BROADCAST,RUNNING,MULTICAST,IPv4> mtu 1500 index 3\n"
        "        inet 192.168.10.21 netmask ffffff00 broadcast 192.168.10.255\n"
    )
    result = ifconfig.parse(text, "x")
    assert result.warnings == ()
    assert [(i.name, i.source.line, i.source.col) for i in result.value.interfaces] == [
        ("e1000g0", 1, 5),
        ("e1000g1", 4, 1),
    ]


def test_unknown_bits_of_a_hex_only_header_are_warned_at_the_hex_value():
    """Sun Doc 70062's hex-only form: the known bits are decoded, a bit ``<net/if.h>``
    does not name (bit 43) is warned at the value's column, however indented."""
    text = "lo0: flags=1 mtu 1\n  qfe0: flags=80001000843 mtu 1500 index 3\n\tinet 10.0.0.1 netmask ffffff00\n"
    result = ifconfig.parse(text, "70062.txt")
    assert warned(result) == [(2, 15, "flags=0x80001000843 has bits ipmplint does not know: 0x80000000000")]
    assert result.value.interfaces[1].flags == {"UP", "BROADCAST", "RUNNING", "MULTICAST", "IPv4"}


def test_unknown_flag_names_are_warned_at_their_column_each_time_the_list_is_printed():
    """A ``<...>`` list is read once per distinct text; each header that prints it still
    gets its own warnings, at columns counted from where that header's list starts (a
    flags line under a wrapped name is indented), and an empty name (``,,``) is skipped."""
    text = (
        "lo0: flags=2001000849<UP,LOOPBACK,BOGUS,RUNNING> mtu 8232 index 1\n"
        "        inet 127.0.0.1 netmask ff000000\n"
        "lo1: flags=2001000849<UP,LOOPBACK,BOGUS,RUNNING> mtu 8232 index 5\n"
        "        inet 127.0.0.2 netmask ff000000\n"
        "e1000g0:\n"
        "        flags=1000843<UP,BROADCAST,RUNNING,MULTICAST,IPv4,,NOPE,BOGUS> mtu 1500 index 2\n"
        "        inet 10.0.0.1 netmask ffffff00 broadcast 10.0.0.255\n"
    )
    result = ifconfig.parse(text, "flags.txt")
    assert [(w.source.line, w.source.col, w.message) for w in result.warnings] == [
        (1, 35, "unknown interface flag BOGUS"),
        (3, 35, "unknown interface flag BOGUS"),
        (6, 60, "unknown interface flag NOPE"),
        (6, 65, "unknown interface flag BOGUS"),
    ]
    lo0, lo1, e1000g0 = result.value.interfaces
    assert lo0.flags == lo1.flags == {"UP", "LOOPBACK", "BOGUS", "RUNNING"}
    assert e1000g0.flags == {"UP", "BROADCAST", "RUNNING", "MULTICAST", "IPv4", "NOPE", "BOGUS"}
    assert counts(result) == (7, 4, 0, 3, 0)
