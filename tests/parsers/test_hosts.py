"""``/etc/hosts``: the stock illumos file counted by hand, messy pastes warned at exact
positions, and property tests."""

from __future__ import annotations

from config_render import render_hosts
from format_checks import texts, warned
from hypothesis import given, settings
from hypothesis import strategies as st
from parse_checks import assert_accounted, counts, strip

from ipmplint.model import HostEntry, HostsFile, Source
from ipmplint.parsers import hosts

# The stock file, verbatim (illumos usr/src/cmd/cmd-inet/etc/hosts, CDDL).
STOCK = """\
# CDDL HEADER START
#
# The contents of this file are subject to the terms of the
# Common Development and Distribution License (the "License").
# You may not use this file except in compliance with the License.
#
# You can obtain a copy of the license at usr/src/OPENSOLARIS.LICENSE
# or http://www.opensolaris.org/os/licensing.
# See the License for the specific language governing permissions
# and limitations under the License.
#
# When distributing Covered Code, include this CDDL HEADER in each
# file and include the License file at usr/src/OPENSOLARIS.LICENSE.
# If applicable, add the following below this CDDL HEADER, with the
# fields enclosed by brackets "[]" replaced with your own identifying
# information: Portions Copyright [yyyy] [name of copyright owner]
#
# CDDL HEADER END
#
# Copyright 2006 Sun Microsystems, Inc.  All rights reserved.
# Use is subject to license terms.
#
# ident\t"%Z%%M%\t%I%\t%E% SMI"
#
# Internet host table
#
::1\t\tlocalhost
127.0.0.1\tlocalhost
"""


def entries(result) -> list[tuple]:
    return [(e.address, e.names) for e in result.value.entries]


def test_stock_file():
    result = hosts.parse(STOCK, "hosts")
    assert result.warnings == ()
    # 26 comment lines skipped, the two entries consumed
    assert counts(result) == (28, 2, 26, 0, 0)
    assert entries(result) == [("::1", ("localhost",)), ("127.0.0.1", ("localhost",))]
    assert result.value.entries[1].source == Source("hosts", 28, 1)
    # a finding about the whole file (a name it does not resolve) points at its top
    assert result.value.source == Source("hosts", 1, 1)
    assert result.value.resolve("LOCALHOST").address == "::1"


MESSY = (
    "# cat /etc/inet/hosts\r\n"
    "#\r\n"
    "# Internet host table\r\n"
    "::1\tlocalhost\r\n"
    "127.0.0.1       localhost loghost   # the loopback\r\n"
    "\r\n"
    "10.888.999.133  ldg1-test0   \r\n"
    "192.168.10.21\r\n"
    "192.168.10.20\tldg1 ldg1.example.com loghost\t#data\r\n"
    "fe80::zz   bad6\r\n"
)

MESSY_WARNINGS = [
    (7, 1, "'10.888.999.133' is not a valid IPv4 or IPv6 address; kept as written"),
    (8, 1, "address '192.168.10.21' has no host name"),
    (10, 1, "'fe80::zz' is not a valid IPv4 or IPv6 address; kept as written"),
]


def test_messy_paste_is_warned_at_exact_positions():
    result = hosts.parse(MESSY, "h")
    assert warned(result) == MESSY_WARNINGS
    assert entries(result) == [
        ("::1", ("localhost",)),
        ("127.0.0.1", ("localhost", "loghost")),
        ("10.888.999.133", ("ldg1-test0",)),  # kept, with its text
        ("192.168.10.21", ()),
        ("192.168.10.20", ("ldg1", "ldg1.example.com", "loghost")),
        ("fe80::zz", ("bad6",)),
    ]
    # prompt and 2 comments skipped; 3 clean entries consumed; 3 warned; 1 blank
    assert counts(result) == (10, 3, 3, 3, 1)
    assert result.value.resolve("ldg1-test0").address == "10.888.999.133"


def test_indented_paste_keeps_file_columns():
    indented = "".join("    " + line if line.strip() else line for line in MESSY.splitlines(keepends=True))
    result = hosts.parse(indented, "h")
    assert warned(result) == [(line, col + 4, message) for line, col, message in MESSY_WARNINGS]
    assert result.value.entries[1].source == Source("h", 5, 5)


def test_a_hash_inside_a_word_starts_a_comment():
    result = hosts.parse("10.0.0.1 ldg1#primary alias\n", "h")
    assert entries(result) == [("10.0.0.1", ("ldg1",))]


# -- properties ---------------------------------------------------------------------

names = st.from_regex(r"[a-z][a-z0-9-]{0,8}(\.example\.com)?", fullmatch=True)
addresses = st.ip_addresses().map(str)
hosts_files = st.lists(
    st.builds(
        lambda a, n: HostEntry(address=a, names=tuple(n), source=Source("x")),
        addresses,
        st.lists(names, min_size=1, max_size=3),
    ),
    max_size=6,
).map(lambda es: HostsFile(source=Source("x"), entries=tuple(es)))


@settings(max_examples=200, deadline=None)
@given(hosts_files, st.sampled_from(["tabs", "aligned", "commented"]))
def test_render_then_parse_gives_the_model_back(hf, style):
    result = hosts.parse(render_hosts(hf, style), "x")
    assert result.warnings == ()
    assert strip(result.value) == strip(hf)


@settings(max_examples=200, deadline=None)
@given(texts(["::1", "127.0.0.1", "localhost", " loghost", "10.888.999.133", "# comment\n", "\n"]))
def test_arbitrary_text_never_raises(text):
    assert_accounted(hosts.parse(text, "fuzz"), text)


def test_a_host_name_where_the_address_goes_is_warned_as_no_address():
    """hosts(4) wants an address first: a name there (names and address swapped) is no
    address, though it is a valid host name elsewhere."""
    result = hosts.parse("127.0.0.1 localhost\nloghost db-host\n", "h")
    assert warned(result) == [(2, 1, "'loghost' is not an IP address; kept as written")]
    assert [(e.address, e.names) for e in result.value.entries] == [
        ("127.0.0.1", ("localhost",)),
        ("loghost", ("db-host",)),
    ]
