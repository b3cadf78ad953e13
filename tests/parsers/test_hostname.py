"""``/etc/hostname.<if>``: the FORMATS.md section 7 examples entry by entry, the
stream rules (continuations, ``addif``, comments), warnings at exact positions, and
property tests."""

from __future__ import annotations

import ipaddress

import attrs
from hypothesis import given, settings
from hypothesis import strategies as st
from parse_checks import counts, strip
from text_render import render_hostname

from ipmplint.model import HostnameEntry, HostnameFile, Source
from ipmplint.parsers import hostname


def entries(result) -> list[dict]:
    return [strip(e) for e in result.value.entries]


def E(**fields) -> dict:
    """An expected entry, without its source."""
    return strip(HostnameEntry(source=Source("x"), **fields))


# -- Sun Doc 70062 (FORMATS.md section 7), the paste shape with file name and dashes ------

DOC_70062 = """\
/etc/hostname.qfe0
------------------
host10 netmask + broadcast + group ipmp0 up \\
addif host10-test-qfe0 deprecated -failover netmask + broadcast + up

/etc/hostname.qfe4
------------------
host10-test-qfe4 deprecated -failover netmask + broadcast + group ipmp0 up
"""

QFE0 = [
    E(address="host10", netmask="+", broadcast="+", group="ipmp0", up=True),
    E(address="host10-test-qfe0", netmask="+", broadcast="+", deprecated=True, nofailover=True, up=True, addif=True),
]
QFE4 = [
    E(address="host10-test-qfe4", netmask="+", broadcast="+", group="ipmp0", deprecated=True, nofailover=True, up=True)
]


def test_70062_qfe0_alone():
    text = "\n".join(DOC_70062.splitlines()[:4]) + "\n"
    result = hostname.parse(text, "hostname.qfe0", "qfe0")
    assert result.warnings == ()
    assert entries(result) == QFE0
    assert [e.source for e in result.value.entries] == [Source("hostname.qfe0", 3, 1), Source("hostname.qfe0", 4, 1)]
    assert counts(result) == (4, 2, 2, 0, 0)
    assert (result.value.interface, result.value.family) == ("qfe0", "inet")


def test_70062_qfe4_alone():
    text = "\n".join(DOC_70062.splitlines()[5:]) + "\n"
    result = hostname.parse(text, "hostname.qfe4", "qfe4")
    assert result.warnings == ()
    assert entries(result) == QFE4
    assert counts(result) == (3, 1, 2, 0, 0)


def test_70062_paste_of_two_files_reads_only_the_named_one():
    qfe0 = hostname.parse(DOC_70062, "doc.txt", "qfe0")
    assert entries(qfe0) == QFE0
    assert [(w.source.line, w.source.col) for w in qfe0.warnings] == [(8, 1)]
    assert "/etc/hostname.qfe4" in qfe0.warnings[0].message
    assert counts(qfe0) == (8, 2, 4, 1, 1)

    qfe4 = hostname.parse(DOC_70062, "doc.txt", "qfe4")
    assert entries(qfe4) == QFE4
    assert [(w.source.line, w.source.col) for w in qfe4.warnings] == [(3, 1), (4, 1)]
    assert counts(qfe4) == (8, 1, 4, 2, 1)


# -- soniah/blog (FORMATS.md section 7): prompts, a plain second line, trailing blank -----

SONIAH = """\
# cat /etc/hostname.bge2
10.888.999.133 netmask + broadcast + mtu 1380 deprecated -failover group inner-prod up 
 addif 10.888.999.132 netmask + broadcast + mtu 1380 group inner-prod up
# cat /etc/hostname.bge3
10.888.999.134 netmask + broadcast + mtu 1380 deprecated -failover standby group inner-prod up
"""

BGE2 = [
    E(
        address="10.888.999.133",
        netmask="+",
        broadcast="+",
        mtu=1380,
        deprecated=True,
        nofailover=True,
        group="inner-prod",
        up=True,
    ),
    E(address="10.888.999.132", netmask="+", broadcast="+", mtu=1380, group="inner-prod", up=True, addif=True),
]
BGE3 = [
    E(
        address="10.888.999.134",
        netmask="+",
        broadcast="+",
        mtu=1380,
        deprecated=True,
        nofailover=True,
        standby=True,
        group="inner-prod",
        up=True,
    )
]


def test_soniah_bge2_plain_second_line_is_an_addif_entry():
    text = "".join(SONIAH.splitlines(keepends=True)[:3])
    result = hostname.parse(text, "hostname.bge2", "bge2")
    # the author anonymised the addresses: each is kept as the entry's text and warned
    # at its column, the line counted as warned (tests/data/real/SOURCES.md, soniah-blog)
    assert [(w.source.line, w.source.col, w.message) for w in result.warnings] == [
        (2, 1, "'10.888.999.133' is not a valid IPv4 or IPv6 address in hostname.bge2; kept as text"),
        (3, 8, "'10.888.999.132' is not a valid IPv4 or IPv6 address in hostname.bge2; kept as text"),
    ]
    assert entries(result) == BGE2
    assert [e.source for e in result.value.entries] == [Source("hostname.bge2", 2, 1), Source("hostname.bge2", 3, 2)]
    assert counts(result) == (3, 0, 1, 2, 0)


def test_soniah_bge3_standby():
    text = "".join(SONIAH.splitlines(keepends=True)[3:])
    result = hostname.parse(text, "hostname.bge3", "bge3")
    assert [(w.source.line, w.source.col) for w in result.warnings] == [(2, 1)]
    assert entries(result) == BGE3
    assert counts(result) == (2, 0, 1, 1, 0)


def test_address_meant_as_one_but_none_is_warned_host_names_pass():
    # an address literal that is none: kept, warned at its column; a host name is no
    # address problem (it resolves through /etc/hosts), nor is a prefix length
    for text, col in (("10.1.1.256 up\n", 1), ("host10 addif 10.1.1.300 up\n", 14), ("plumb 1:2:3 up\n", 7)):
        result = hostname.parse(text, "h", "bge0")
        assert [(w.source.line, w.source.col) for w in result.warnings] == [(1, col)], text
        assert "not a valid IPv4 or IPv6 address" in result.warnings[0].message
    for text in ("host10 up\n", "addif 2001:db8::1/64 up\n", "10.1.1.1/24 up\n"):
        assert hostname.parse(text, "h", "bge0").warnings == (), text


def test_soniah_paste_of_two_files_reads_only_the_named_one():
    bge3 = hostname.parse(SONIAH, "paste.txt", "bge3")
    assert entries(bge3) == BGE3
    assert [(w.source.line, w.source.col) for w in bge3.warnings] == [(2, 1), (3, 2), (5, 1)]
    assert counts(bge3) == (5, 0, 2, 3, 0)
    # the same file as hostname6.bge3 is another file: nothing of the paste is its own
    v6 = hostname.parse(SONIAH, "paste.txt", "bge3", family="inet6")
    assert v6.value.entries == () and v6.account.warned == 3


# -- LDoms link-based IPMP (FORMATS.md section 7) -----------------------------------------


def test_ldoms_link_based_member_with_data_address():
    result = hostname.parse("192.168.1.1 netmask + broadcast + group ipmp0 up\n", "hostname.vnet0", "vnet0")
    assert result.warnings == ()
    assert entries(result) == [E(address="192.168.1.1", netmask="+", broadcast="+", group="ipmp0", up=True)]
    assert result.value.entries[0].source == Source("hostname.vnet0", 1, 1)
    assert counts(result) == (1, 1, 0, 0, 0)


def test_ldoms_link_based_member_with_group_only():
    result = hostname.parse("group ipmp0\n", "hostname.vnet1", "vnet1")
    assert result.warnings == ()
    assert entries(result) == [E(group="ipmp0")]
    assert result.value.entries[0].address is None
    assert counts(result) == (1, 1, 0, 0, 0)


def test_ifconfig_command_words_with_plumb_before_the_address():
    result = hostname.parse("plumb 192.168.1.1 netmask + broadcast + group ipmp0 up\n", "h", "vnet0")
    assert result.warnings == ()
    assert entries(result) == [E(address="192.168.1.1", netmask="+", broadcast="+", group="ipmp0", up=True)]
    assert result.value.entries[0].source == Source("h", 1, 1)


def test_hostname6_file_with_addif_only():
    result = hostname.parse("addif 2001:db8::10/64 -failover up\n", "hostname6.vnet0", "vnet0", family="inet6")
    assert result.warnings == ()
    assert result.value.family == "inet6"
    assert entries(result) == [E(address="2001:db8::10/64", nofailover=True, up=True, addif=True)]


# -- empty files, continuations, comments ---------------------------------------------------


def test_empty_file_plumbs_only():
    for text in ("", "\n", "\n   \n\t\n"):
        result = hostname.parse(text, "hostname.vnet1", "vnet1")
        assert result.warnings == ()
        assert result.value == HostnameFile(interface="vnet1", source=Source("hostname.vnet1", 1, 1))
        assert result.account.consumed == 0 and result.account.balanced


def test_continuation_plain_line_and_one_line_are_the_same_stream():
    one = "10.1.1.1 netmask + group g0 up addif 10.1.1.2 deprecated -failover up\n"
    backslash = "10.1.1.1 netmask + \\\ngroup g0 up \\\naddif 10.1.1.2 \\\n deprecated -failover up\n"
    plain = "10.1.1.1 netmask +\ngroup g0 up\naddif 10.1.1.2\n deprecated -failover up\n"
    expected = [
        E(address="10.1.1.1", netmask="+", group="g0", up=True),
        E(address="10.1.1.2", deprecated=True, nofailover=True, up=True, addif=True),
    ]
    for text in (one, backslash, plain):
        result = hostname.parse(text, "h", "bge0")
        assert result.warnings == (), text
        assert entries(result) == expected, text
    assert hostname.parse(backslash, "h", "bge0").value.entries[1].source == Source("h", 3, 1)
    assert counts(hostname.parse(backslash, "h", "bge0")) == (4, 4, 0, 0, 0)


def test_a_value_may_follow_its_keyword_on_the_next_line():
    result = hostname.parse("10.1.1.1 group \\\n  ipmp0 up\n", "h", "bge0")
    assert result.warnings == ()
    assert entries(result) == [E(address="10.1.1.1", group="ipmp0", up=True)]


def test_comments_are_skipped_and_never_read_as_words():
    text = (
        "# IPMP data address\n"  # 1 comment line: skipped
        "10.1.1.1 up # data\n"  # 2 trailing comment: the words are read
        "   # indented comment\n"  # 3 skipped
        "\n"  # 4 blank
        "group ip#mp0\n"  # 5 '#' inside a word is part of it (sh rules)
    )
    result = hostname.parse(text, "h", "bge0")
    assert result.warnings == ()
    assert entries(result) == [E(address="10.1.1.1", up=True, group="ip#mp0")]
    assert counts(result) == (5, 2, 2, 0, 1)


def test_html_and_crlf_of_a_web_paste():
    result = hostname.parse("<pre>10.1.1.1 netmask + group ipmp0 up\r\n</pre>\r\n", "h", "bge0")
    assert result.warnings == ()
    assert entries(result) == [E(address="10.1.1.1", netmask="+", group="ipmp0", up=True)]
    assert counts(result) == (2, 1, 0, 0, 1)


# -- warnings at exact positions ------------------------------------------------------------


def test_unknown_word_is_warned_at_its_line_and_column_and_kept_out():
    text = "10.1.1.1 netmask + \\\n  group ipmp0 standyb up\n"
    result = hostname.parse(text, "hostname.bge0", "bge0")
    assert [(w.source.line, w.source.col) for w in result.warnings] == [(2, 15)]
    assert "standyb" in result.warnings[0].message
    assert entries(result) == [E(address="10.1.1.1", netmask="+", group="ipmp0", up=True)]
    assert counts(result) == (2, 1, 0, 1, 0)


def test_a_typo_after_the_first_word_is_not_taken_for_the_address():
    result = hostname.parse("group ipmp0 standyb\n", "hostname.vnet1", "vnet1")
    assert [(w.source.line, w.source.col) for w in result.warnings] == [(1, 13)]
    assert entries(result) == [E(group="ipmp0")]


def test_keyword_without_its_value_is_warned_at_the_keyword():
    result = hostname.parse("10.1.1.1 group up\nnetmask", "h", "bge0")
    assert [(w.source.line, w.source.col, w.message) for w in result.warnings] == [
        (1, 10, "'group' is not followed by its value"),
        (2, 1, "'netmask' is not followed by its value"),
    ]
    assert entries(result) == [E(address="10.1.1.1", up=True)]
    assert counts(result) == (2, 0, 0, 2, 0)


def test_bad_values_are_warned_at_the_value():
    result = hostname.parse("10.1.1.1 mtu big netmask 255.0.255.0 up\n", "h", "bge0")
    assert [(w.source.line, w.source.col) for w in result.warnings] == [(1, 14), (1, 26)]
    # a netmask that is no mask is kept as written (rules see it), an mtu that is no number is not
    assert entries(result) == [E(address="10.1.1.1", netmask="255.0.255.0", up=True)]


def test_addif_without_address_still_opens_an_entry():
    result = hostname.parse("10.1.1.1 up addif deprecated up\n", "h", "bge0")
    assert [(w.source.line, w.source.col) for w in result.warnings] == [(1, 13)]
    assert entries(result) == [E(address="10.1.1.1", up=True), E(addif=True, deprecated=True, up=True)]


def test_a_second_address_word_is_unknown_and_a_glued_backslash_is_flagged():
    result = hostname.parse("10.1.1.1 10.1.1.9 up\\\naddif 10.1.1.2 up\n", "h", "bge0")
    assert [(w.source.line, w.source.col) for w in result.warnings] == [(1, 10), (1, 21)]
    assert entries(result) == [E(address="10.1.1.1", up=True), E(address="10.1.1.2", up=True, addif=True)]


def test_tunnel_files_read_tsrc_tdst_and_the_far_end():
    # System Administration Guide: IP Services (816-4554), "How to Manually Configure
    # IPv6 Over IPv4 Tunnels": /etc/hostname6.ip.tun0
    text = (
        "tsrc 192.168.8.20 tdst 192.168.7.19 up\n"
        "addif 2001:db8:3c4d:8::fe12:528 2001:db8:3c4d:7:a00:20ff:fe12:1234 up\n"
    )
    result = hostname.parse(text, "hostname6.ip.tun0", "ip.tun0", "inet6")
    assert result.warnings == ()
    assert entries(result) == [
        E(up=True),
        E(address="2001:db8:3c4d:8::fe12:528", destination="2001:db8:3c4d:7:a00:20ff:fe12:1234", up=True, addif=True),
    ]


def test_ipmp_interface_with_its_address_after_the_group():
    # ifconfig(1M) syntax of the IPMP rearchitecture, "ifconfig ipmp-interface ipmp
    # [group group-name]" (System Administration Guide: Network Interfaces and Network
    # Virtualization, 819-6990): ifconfig takes a word that is no keyword as the address
    # wherever it stands.
    result = hostname.parse("ipmp group itops0 192.168.10.10/24 up\n", "hostname.ipmp0", "ipmp0")
    assert result.warnings == ()
    assert entries(result) == [E(ipmp=True, group="itops0", address="192.168.10.10/24", up=True)]


def test_every_ifconfig_keyword_is_known():
    # the cmds table of ifconfig's source: each keyword, with its value where it takes one
    text = (
        "10.1.1.1 anycast -anycast local -local preferred -preferred failed -failed modlist\n"
        "encaplimit 4 -encaplimit thoplimit 60 auth_algs md5 encr_algs 3des encr_auth_algs sha1\n"
        "modinsert ipsecah@1 modremove ipsecah@1 up\n"
    )
    result = hostname.parse(text, "h", "bge0")
    assert result.warnings == ()
    assert entries(result) == [E(address="10.1.1.1", up=True)]


def test_groupname_of_ifconfig_output_is_never_a_host_name():
    for text in ("groupname\n", "groupname ipmp0\n", "groupnameipmp0\n10.1.1.1 up\n"):
        result = hostname.parse(text, "h", "bge0")
        assert result.warnings and "group <name>" in result.warnings[0].message, text
        assert all(e.address != "groupname" and e.group is None for e in result.value.entries), text
    assert counts(hostname.parse("groupname\n", "h", "bge0")) == (1, 0, 0, 1, 0)


# -- properties -------------------------------------------------------------------------------

_NOT_KEYWORD = lambda w: w not in hostname.KEYWORDS and not w.startswith("groupname")  # noqa: E731
hostnames = st.from_regex(r"[a-z][a-z0-9-]{0,14}", fullmatch=True).filter(_NOT_KEYWORD)
addresses = st.one_of(
    st.ip_addresses(v=4).map(str),
    st.ip_addresses(v=6).map(str),
    st.tuples(st.ip_addresses(v=6), st.integers(0, 128)).map(lambda t: f"{t[0]}/{t[1]}"),
    hostnames,
)
netmasks = st.one_of(
    st.just("+"),
    st.integers(0, 32).map(lambda p: str(ipaddress.IPv4Network(f"0.0.0.0/{p}").netmask)),
    st.integers(0, 32).map(lambda p: f"{(0xFFFFFFFF << (32 - p)) & 0xFFFFFFFF:08x}"),
)
groups = st.from_regex(r"[a-z][a-z0-9_-]{0,15}", fullmatch=True).filter(_NOT_KEYWORD)


@st.composite
def hostname_entries(draw, addif: bool) -> HostnameEntry:
    return HostnameEntry(
        source=Source("x"),
        address=draw(addresses) if addif else draw(st.none() | addresses),
        netmask=draw(st.none() | netmasks),
        broadcast=draw(st.none() | st.just("+") | st.ip_addresses(v=4).map(str)),
        group=draw(st.none() | groups),
        deprecated=draw(st.booleans()),
        nofailover=draw(st.booleans()),
        standby=draw(st.booleans()),
        up=draw(st.booleans()),
        mtu=draw(st.none() | st.integers(68, 65535)),
        addif=addif,
        ipmp=draw(st.booleans()),
    )


def _has_words(entry: HostnameEntry) -> bool:
    return any(v not in (None, False) for k, v in attrs.asdict(entry).items() if k != "source")


@st.composite
def hostname_files(draw) -> HostnameFile:
    first = draw(st.none() | hostname_entries(addif=draw(st.booleans())).filter(_has_words))
    more = draw(st.lists(hostname_entries(addif=True), max_size=3))
    return HostnameFile(
        interface="vnet0",
        source=Source("x"),
        family=draw(st.sampled_from(["inet", "inet6"])),
        entries=tuple(([first] if first is not None else []) + more),
    )


@settings(max_examples=200, deadline=None)
@given(
    hostname_files(),
    st.lists(st.sampled_from([" ", "\t", "\n", " \\\n", "\n\n", "  \\\n   "]), min_size=1, max_size=5),
    st.randoms(use_true_random=False),
)
def test_render_then_parse_gives_the_model_back(hf, seps, rng):
    result = hostname.parse(render_hostname(hf, seps, rng), "x", hf.interface, hf.family)
    assert result.warnings == ()
    assert strip(result.value) == strip(hf)
    assert result.account.balanced and result.account.warned == 0


#: Characters and words of hostname files and of what pastes wrap around them.
_PIECES = list("ab019.:+-/\\#|$> \t\n\r") + [
    "up",
    "group",
    "addif",
    "netmask",
    "mtu",
    "-failover",
    "# cat ",
    "/etc/hostname.",
    "---",
]


@settings(max_examples=200, deadline=None)
@given(st.lists(st.sampled_from(_PIECES), max_size=120).map("".join))
def test_arbitrary_text_never_raises(text):
    result = hostname.parse(text, "fuzz", "a0")
    assert result.value is not None
    assert result.account.balanced
    assert result.account.total == len(text.split("\n")) - (1 if text.endswith("\n") else 0) or text == ""


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=300))
def test_any_unicode_never_raises(text):
    assert hostname.parse(text, "fuzz", "a0").account.balanced


def test_a_word_given_twice_keeps_the_last_value_in_its_own_entry():
    """An entry's fields are gathered word by word and the entry built once: a keyword
    given again (``group a ... group b``, ``down ... up``, ``-failover ... failover``,
    ``set`` after the address) ends with its last value, in the entry it was given in."""
    text = (
        "plumb 10.0.0.1 netmask + down group a up group b mtu 9000 mtu 1500 \\\n"
        "addif 10.0.0.2 -failover deprecated failover up\n"
        "addif 10.0.0.3 10.0.0.4 set 10.0.0.5 standby\n"
    )
    result = hostname.parse(text, "hostname.bge0", "bge0")
    first, second, third = result.value.entries
    assert (first.address, first.netmask, first.group, first.up, first.mtu, first.addif) == (
        "10.0.0.1",
        "+",
        "b",
        True,
        1500,
        False,
    )
    assert (second.address, second.nofailover, second.deprecated, second.up, second.addif) == (
        "10.0.0.2",
        False,
        True,
        True,
        True,
    )
    assert (third.address, third.destination, third.standby, third.up) == ("10.0.0.5", None, True, False)
    assert [(w.source.line, w.source.col) for w in result.warnings] == [(3, 16)]
