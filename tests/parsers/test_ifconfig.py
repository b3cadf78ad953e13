"""``ifconfig -a``: real samples counted by hand, messy input, and property tests."""

from __future__ import annotations

import ipaddress

from hypothesis import given, settings
from hypothesis import strategies as st

from ipmplint.model import Address, LogicalInterface, Source
from ipmplint.parsers import ifconfig, ifflags

from parse_checks import strip

from ifconfig_render import render


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
    s11 = ifconfig.parse((samples / "ifconfig" / "puppetlabs-facter__ifconfig-a-solaris11-net0-dhcp.txt").read_text(), "f")
    assert "PHYSRUNNING" in s11.value.interfaces[0].flags and "DHCP" in s11.value.interfaces[0].flags
    b132 = ifconfig.parse((samples / "ifconfig" / "puppetlabs-facter__ifconfig-a-opensolaris-b132-router.txt").read_text(), "f")
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


# -- properties -------------------------------------------------------------------------

_FLAG_NAMES = sorted(ifflags.KNOWN_NAMES - {"IPv4", "IPv6"})
names = st.from_regex(r"[a-z]{1,6}[0-9]{1,2}(:[1-9][0-9]?)?", fullmatch=True)
macs = st.lists(st.integers(0, 255), min_size=6, max_size=6).map(lambda o: ":".join(f"{b:x}" for b in o))
group_names = st.from_regex(r"[a-z][a-z0-9_-]{0,15}", fullmatch=True)


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
    return LogicalInterface(
        name=draw(names),
        source=Source("x"),
        flags=flags,
        flags_hex=f"{ifflags.encode(flags):x}",
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
