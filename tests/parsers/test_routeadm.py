"""``routeadm`` and ``routeadm -p``: the FORMATS.md section 10 sample counted by hand,
the parseable form of routeadm.c, Solaris 10 notes after a state, stray lines warned at
exact positions, and property tests."""

from __future__ import annotations

from config_render import render_routeadm
from format_checks import texts, warned
from hypothesis import given, settings
from hypothesis import strategies as st
from parse_checks import assert_accounted, counts, strip

from ipmplint.model import RoutingOption, RoutingState, Source
from ipmplint.parsers import routeadm


def states(result) -> list[tuple]:
    return [(o.option, o.configured, o.current) for o in result.value.options]


# FORMATS.md section 10, verbatim (Solaris 11 cookbook).
COOKBOOK = """\
root@solaris11-1:~# routeadm
             Configuration   Current              Current
                    Option   Configuration        System State
---------------------------------------------------------------
              IPv4 routing   disabled             disabled
              IPv6 routing   disabled             disabled
           IPv4 forwarding   disabled             disabled
           IPv6 forwarding   disabled             disabled

          Routing services   "route:default ripng:default"

Routing daemons:

                     STATE   FMRI
                  disabled   svc:/network/routing/rdisc:default
                  disabled   svc:/network/routing/route:default
                  disabled   svc:/network/routing/ripng:default
                    online   svc:/network/routing/ndp:default
                  disabled   svc:/network/routing/legacy-routing:ipv4
                  disabled   svc:/network/routing/legacy-routing:ipv6
"""


def test_cookbook_sample():
    result = routeadm.parse(COOKBOOK, "routeadm.txt")
    assert result.warnings == ()
    assert states(result) == [
        ("IPv4 routing", False, False),
        ("IPv6 routing", False, False),
        ("IPv4 forwarding", False, False),
        ("IPv6 forwarding", False, False),
    ]
    assert result.value.option("ipv4 forwarding").source == Source("routeadm.txt", 7, 12)
    # 20 lines: 4 option rows consumed; the prompt, 2 header lines, the rule, the routing
    # services variable, "Routing daemons:", the STATE/FMRI header and 6 daemons skipped
    # (13); 3 blank
    assert counts(result) == (20, 4, 13, 0, 3)


# routeadm.c ra_report(): "%s persistent=%s default=%s current=%s" per option, and
# "%s persistent=\"%s\" default=\"%s\" " per variable (a trailing blank); with an
# operand the name is left out.
PARSEABLE = """\
# routeadm -p
ipv4-routing persistent=disabled default=disabled current=disabled
ipv6-routing persistent=disabled default=disabled current=disabled
ipv4-forwarding persistent=enabled default=disabled current=enabled
ipv6-forwarding persistent=disabled default=disabled current=disabled
ipv4-routing-daemon persistent="" default="" 
routing-svcs persistent="route:default ripng:default" default="route:default ripng:default" 
# routeadm -p ipv4-forwarding
persistent=enabled default=disabled current=disabled
"""


def test_parseable_form():
    result = routeadm.parse(PARSEABLE, "r")
    assert result.warnings == ()
    assert states(result) == [
        ("IPv4 routing", False, False),
        ("IPv6 routing", False, False),
        ("IPv4 forwarding", True, True),
        ("IPv6 forwarding", False, False),
        ("IPv4 forwarding", True, False),
    ]
    assert counts(result) == (9, 5, 4, 0, 0)


def test_notes_after_a_state_and_default():
    text = (
        "              IPv4 routing   default (enabled)    enabled\n"
        "           IPv4 forwarding   disabled (default)   disabled\n"
    )
    result = routeadm.parse(text, "r")
    assert result.warnings == ()
    assert states(result) == [("IPv4 routing", None, True), ("IPv4 forwarding", False, False)]


MESSY = (
    "\t   IPv4 forwarding   enabled\r\n"
    "\t   IPv6 forwarding   on                   off\r\n"
    "\tpersistent=enabled default=disabled current=enabled\r\n"
    "\tipv4-bogus persistent=enabled default=disabled current=enabled\r\n"
    "\tipv6-routing persistent=enabled default=disabled\r\n"
    "\tsomething else entirely\r\n"
)


def test_stray_lines_warned_at_file_columns():
    result = routeadm.parse(MESSY, "r")
    assert warned(result) == [
        (1, 5, "IPv4 forwarding: expected a configured and a current state, found 1 cells"),
        (2, 23, "'on' is not enabled, disabled or default"),
        (2, 44, "'off' is not enabled, disabled or default"),
        (3, 2, "routeadm -p line without its option name, and no command line names it"),
        (4, 2, "'ipv4-bogus' is not a routeadm option"),
        (5, 2, "ipv6-routing: no current= state"),
        (6, 2, "line not understood as routeadm output"),
    ]
    assert states(result) == [("IPv6 forwarding", None, None)]
    assert counts(result) == (6, 0, 0, 6, 0)


def test_a_row_of_too_many_cells_and_a_bad_parseable_state_are_warned_where_they_stand():
    text = (
        "\t   IPv4 routing      disabled   disabled   enabled\n"
        "\tipv6-forwarding persistent=maybe default=disabled current=disabled\n"
    )
    result = routeadm.parse(text, "r")
    #        col: 1 tab, 2-4 blanks, 5 "IPv4 routing"; line 2: 29 "maybe" (tab, 16 + 11 chars)
    assert warned(result) == [
        (1, 5, "IPv4 routing: expected a configured and a current state, found 3 cells"),
        (2, 29, "'maybe' is not enabled, disabled or default"),
    ]
    assert text.splitlines()[1][28:33] == "maybe"


# -- properties ---------------------------------------------------------------------

options = st.builds(
    lambda name, c, n: RoutingOption(option=name, source=Source("x"), configured=c, current=n),
    st.sampled_from(["IPv4 routing", "IPv6 routing", "IPv4 forwarding", "IPv6 forwarding"]),
    st.none() | st.booleans(),
    st.none() | st.booleans(),
)
routing_states = st.lists(options, max_size=5).map(lambda os: RoutingState(source=Source("x"), options=tuple(os)))


@settings(max_examples=200, deadline=None)
@given(routing_states, st.sampled_from(["table", "parseable"]))
def test_render_then_parse_gives_the_model_back(rs, style):
    result = routeadm.parse(render_routeadm(rs, style), "x")
    assert result.warnings == ()
    assert strip(result.value) == strip(rs)


@settings(max_examples=200, deadline=None)
@given(
    texts(
        [
            "IPv4 forwarding",
            "   ",
            "enabled",
            "disabled",
            "ipv4-routing ",
            "persistent=",
            " current=",
            "Routing daemons:\n",
            "STATE   FMRI\n",
            "svc:/network/routing/route:default",
            "------------\n",
            "# routeadm -p ipv4-forwarding\n",
            "\n",
        ]
    )
)
def test_arbitrary_text_never_raises(text):
    assert_accounted(routeadm.parse(text, "fuzz"), text)
