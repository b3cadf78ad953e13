"""``/etc/netmasks``: the stock illumos file and the netmasks(4) examples counted by hand,
masks that are not contiguous and other mistakes warned at exact positions, and
property tests."""

from __future__ import annotations

import ipaddress

from config_render import render_netmasks
from format_checks import texts, warned
from hypothesis import given, settings
from hypothesis import strategies as st
from parse_checks import assert_accounted, counts, strip

from ipmplint.model import NetmaskEntry, NetmasksFile, Source
from ipmplint.parsers import netmasks

# The stock file, verbatim (illumos usr/src/cmd/cmd-inet/etc/netmasks, CDDL): a blank
# line after the ident line, a "# " line with a trailing blank, tabs in the examples.
STOCK = (
    "#\n# CDDL HEADER START\n#\n"
    "# The contents of this file are subject to the terms of the\n"
    "# Common Development and Distribution License, Version 1.0 only\n"
    '# (the "License").  You may not use this file except in compliance\n'
    "# with the License.\n#\n"
    "# You can obtain a copy of the license at usr/src/OPENSOLARIS.LICENSE\n"
    "# or http://www.opensolaris.org/os/licensing.\n"
    "# See the License for the specific language governing permissions\n"
    "# and limitations under the License.\n#\n"
    "# When distributing Covered Code, include this CDDL HEADER in each\n"
    "# file and include the License file at usr/src/OPENSOLARIS.LICENSE.\n"
    "# If applicable, add the following below this CDDL HEADER, with the\n"
    '# fields enclosed by brackets "[]" replaced with your own identifying\n'
    "# information: Portions Copyright [yyyy] [name of copyright owner]\n#\n"
    "# CDDL HEADER END\n#\n"
    "# Copyright 2000 Sun Microsystems, Inc.  All rights reserved.\n"
    "# Use is subject to license terms.\n#\n"
    '# ident\t"%Z%%M%\t%I%\t%E% SMI"\n'
    "\n"
    "#\n"
    "# The netmasks file associates Internet Protocol (IP) address\n"
    "# masks with IP network numbers.\n"
    "# \n"
    "# \tnetwork-number\tnetmask\n"
    "#\n"
    "# The term network-number refers to a number obtained from the Internet Network\n"
    "# Information Center.\n"
    "#\n"
    "# Both the network-number and the netmasks are specified in\n"
    '# "decimal dot" notation, e.g:\n'
    "#\n"
    "# \t\t128.32.0.0 255.255.255.0\n"
    "#\n"
)


def test_stock_file_is_only_comments():
    result = netmasks.parse(STOCK, "netmasks")
    assert result.warnings == ()
    assert result.value.entries == ()
    # 40 lines: one blank, the other 39 comments
    assert counts(result) == (40, 0, 39, 0, 1)


# netmasks(4): standard and variable-length subnetting combined.
MAN_EXAMPLE = """\
128.32.0.0 255.255.255.0
128.32.27.0 255.255.255.240
128.32.27.16 255.255.255.240
128.32.27.32 255.255.255.240
"""


def test_netmasks_man_page_example():
    result = netmasks.parse(MAN_EXAMPLE, "n")
    assert result.warnings == ()
    assert [(e.network, e.netmask) for e in result.value.entries] == [
        ("128.32.0.0", "255.255.255.0"),
        ("128.32.27.0", "255.255.255.240"),
        ("128.32.27.16", "255.255.255.240"),
        ("128.32.27.32", "255.255.255.240"),
    ]
    assert counts(result) == (4, 4, 0, 0, 0)
    assert result.value.entries[2].source == Source("n", 3, 1)


MESSY = """\
# cat /etc/netmasks
192.168.10.0\t255.255.255.0\t# data network
  10.888.0.0    255.255.0.0
192.168.20.0    255.255.0.255
192.168.30.5    255.255.255.0
192.168.40.0
192.168.50.0    255.255.255.0   extra words
"""


def test_mistakes_are_warned_at_exact_positions():
    result = netmasks.parse(MESSY, "n")
    assert warned(result) == [
        (3, 3, "network number '10.888.0.0' is not an IPv4 address; kept as written"),
        (4, 17, "netmask '255.255.0.255' is not a contiguous mask; kept as written"),
        (5, 1, "network number '192.168.30.5' has bits set outside netmask '255.255.255.0'"),
        (6, 1, "network number '192.168.40.0' has no netmask; not read"),
        (7, 33, "words after the netmask are ignored"),
    ]
    assert [(e.network, e.netmask) for e in result.value.entries] == [
        ("192.168.10.0", "255.255.255.0"),
        ("10.888.0.0", "255.255.0.0"),
        ("192.168.20.0", "255.255.0.255"),
        ("192.168.30.5", "255.255.255.0"),
        ("192.168.50.0", "255.255.255.0"),
    ]
    assert counts(result) == (7, 1, 1, 5, 0)


# -- properties ---------------------------------------------------------------------


@st.composite
def entries(draw) -> NetmaskEntry:
    prefix = draw(st.integers(0, 32))
    address = draw(st.ip_addresses(v=4))
    network = ipaddress.ip_network(f"{address}/{prefix}", strict=False).network_address
    dotted = str(ipaddress.ip_network(f"0.0.0.0/{prefix}").netmask)  # not the production helper
    return NetmaskEntry(network=str(network), netmask=dotted, source=Source("x"))


netmask_files = st.lists(entries(), max_size=6).map(lambda es: NetmasksFile(source=Source("x"), entries=tuple(es)))


@settings(max_examples=200, deadline=None)
@given(netmask_files, st.sampled_from(["tabs", "spaces"]))
def test_render_then_parse_gives_the_model_back(nf, style):
    result = netmasks.parse(render_netmasks(nf, style), "x")
    assert result.warnings == ()
    assert strip(result.value) == strip(nf)


@settings(max_examples=200, deadline=None)
@given(texts(["128.32.0.0", " 255.255.255.0", " 255.0.255.0", "\t", "# c\n", "\n", "x"]))
def test_arbitrary_text_never_raises(text):
    assert_accounted(netmasks.parse(text, "fuzz"), text)
