"""``/etc/default/mpathd``: the stock illumos file and the FORMATS.md section 11 copy
counted by hand, what in.mpathd (defread) would not read warned at exact positions,
and property tests."""

from __future__ import annotations

from config_render import render_mpathd
from format_checks import texts, warned
from hypothesis import given, settings
from hypothesis import strategies as st
from parse_checks import assert_accounted, counts, strip

from ipmplint.model import Setting, Settings, Source
from ipmplint.parsers import mpathd

DFL = "illumos-gate__default-mpathd-dfl.txt"


def pairs(result) -> list[tuple[str, str]]:
    return [(s.key, s.value) for s in result.value.settings]


STOCK = [("FAILURE_DETECTION_TIME", "10000"), ("FAILBACK", "yes"), ("TRACK_INTERFACES_ONLY_WITH_GROUPS", "yes")]


def test_stock_illumos_file(samples):
    result = mpathd.parse((samples / "mpathd" / DFL).read_text(), DFL)
    assert result.warnings == ()
    assert pairs(result) == STOCK
    # 39 lines: 36 comments (one of them "# " with a trailing blank, the ident line with
    # tabs, two with trailing blanks) skipped, the 3 settings consumed
    assert counts(result) == (39, 3, 36, 0, 0)
    assert [s.source.line for s in result.value.settings] == [29, 33, 39]
    assert result.value.get("failback").value == "yes"  # matched as in.mpathd does
    assert all(s.type is None for s in result.value.settings)


# FORMATS.md section 11: the Solaris 11 cookbook's copy.
COOKBOOK = """\
#
# Copyright 2000 Sun Microsystems, Inc.  All rights reserved.
# Use is subject to license terms.
#
# ident  "%Z%%M%  %I%  %E% SMI"
#
# Time taken by mpathd to detect a NIC failure in ms. The minimum time
# that can be specified is 100 ms.
#
FAILURE_DETECTION_TIME=10000
#
# Failback is enabled by default. To disable failback turn off this option
#
FAILBACK=yes
#
# By default only interfaces configured as part of multipathing groups
# are tracked. Turn off this option to track all network interfaces
# on the system
#
TRACK_INTERFACES_ONLY_WITH_GROUPS=yes
"""


def test_formats_md_copy():
    result = mpathd.parse(COOKBOOK, "mpathd")
    assert result.warnings == ()
    assert pairs(result) == STOCK
    assert counts(result) == (20, 3, 17, 0, 0)
    assert result.value.settings[0].source == Source("mpathd", 10, 1)


MESSY = (
    "# cat /etc/default/mpathd\r\n"
    "FAILURE_DETECTION_TIME = 5000\r\n"
    "\tFAILBACK=no\r\n"
    "  Failback=no   \r\n"
    "FAILBACK=yes\r\n"
    "TRACK_INTERFACES_ONLY_WITH_GROUPS\r\n"
    "FAILURE_DETECTION_TIME=\r\n"
    "keyboard: data not available.\r\n"
)


def test_lines_in_mpathd_would_not_read_are_warned():
    result = mpathd.parse(MESSY, "m")
    assert warned(result) == [
        (2, 24, "blank before '=': in.mpathd looks for 'FAILURE_DETECTION_TIME=' and never reads this line"),
        (3, 1, "a tab before the name: in.mpathd skips only spaces and never reads this line"),
        (5, 1, "FAILBACK is set again: in.mpathd reads the first one (line 4); this one is ignored"),
        (6, 1, "not a NAME=value line: in.mpathd reads only NAME=value lines"),
        (8, 1, "not a NAME=value line: in.mpathd reads only NAME=value lines"),
    ]
    # defread skips leading spaces and matches names in any case: "  Failback=no" counts
    assert pairs(result) == [("Failback", "no"), ("FAILURE_DETECTION_TIME", "")]
    assert result.value.settings[0].source == Source("m", 4, 3)
    assert result.value.get("FAILBACK").value == "no"
    assert counts(result) == (8, 2, 1, 5, 0)


# -- properties ---------------------------------------------------------------------

keys = st.from_regex(r"[A-Z_][A-Z0-9_]{0,20}", fullmatch=True)
values = st.from_regex(r"([A-Za-z0-9_.,:/+-]([A-Za-z0-9_.,:/+= -]{0,10}[A-Za-z0-9_.,:/+-])?)?", fullmatch=True)


@st.composite
def setting_files(draw) -> Settings:
    ks = draw(st.lists(keys, max_size=6, unique_by=str.lower))
    return Settings(
        source=Source("x"), settings=tuple(Setting(key=k, value=draw(values), source=Source("x")) for k in ks)
    )


@settings(max_examples=200, deadline=None)
@given(setting_files(), st.sampled_from(["stock", "bare"]))
def test_render_then_parse_gives_the_model_back(s, style):
    result = mpathd.parse(render_mpathd(s, style), "x")
    assert result.warnings == ()
    assert strip(result.value) == strip(s)


@settings(max_examples=200, deadline=None)
@given(
    texts(
        [
            "FAILBACK",
            "=",
            "yes",
            " = ",
            "FAILURE_DETECTION_TIME=10000\n",
            "# comment\n",
            "\n",
            "x: data not available.\n",
        ]
    )
)
def test_arbitrary_text_never_raises(text):
    assert_accounted(mpathd.parse(text, "fuzz"), text)
