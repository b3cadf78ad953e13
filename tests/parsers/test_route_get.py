"""``route -n get``: the real Solaris 11 sample counted by hand, the verbose and failed
forms of illumos route.c, a second lookup and stray lines warned at exact positions, and
property tests."""

from __future__ import annotations

from config_render import render_route_get
from format_checks import texts, warned
from hypothesis import given, settings
from hypothesis import strategies as st
from parse_checks import assert_accounted, counts, strip

from ipmplint.model import RouteLookup, Source
from ipmplint.parsers import route_get

SAMPLE = "puppetlabs-facter__route-n-get-default-solaris11.txt"


def fields(r: RouteLookup) -> tuple:
    return (r.destination, r.gateway, r.interface, r.flags)


def test_solaris11_sample(samples):
    result = route_get.parse((samples / "routes" / SAMPLE).read_text(), SAMPLE)
    assert result.warnings == ()
    assert fields(result.value) == ("default", "10.16.112.1", "net0", frozenset({"UP", "GATEWAY", "DONE", "STATIC"}))
    # destination, gateway, interface, flags consumed; route to, mask, the metrics
    # header and row skipped
    assert counts(result) == (8, 4, 4, 0, 0)


def test_verbose_interface_and_bracketed_flags():
    # route.c with -v: "interface: %s index %d address " and the MAC bytes; the flags as
    # one copy at thegeekdiary.com shows them.
    text = (
        "# route -v get default\n   route to: default\ndestination: default\n       mask: default\n"
        "    gateway: 192.168.1.1\n  interface: e1000g0 index 2 address 00 14 4f f8 91 4f \n"
        "      flags: [UP,GATEWAY,DONE,STATIC]\n"
    )
    result = route_get.parse(text, "g")
    assert result.warnings == ()
    assert fields(result.value) == ("default", "192.168.1.1", "e1000g0", frozenset({"UP", "GATEWAY", "DONE", "STATIC"}))
    assert counts(result) == (7, 4, 3, 0, 0)


def test_no_route():
    result = route_get.parse("$ route -n get 10.9.9.9\n10.9.9.9: not in table\n", "g")
    assert result.warnings == ()
    assert fields(result.value) == (None, None, None, frozenset())
    assert counts(result) == (2, 1, 1, 0, 0)


MESSY = """\
   route to: default
destination: default
    gateway: 10.888.112.1
  interface: net0
      flags: <UP,GATEWAY,DONE,STATIC>
some noise
   route to: 10.1.1.1
destination: 10.1.1.0
"""


def test_second_lookup_and_noise_warned():
    result = route_get.parse(MESSY, "g")
    assert warned(result) == [
        (3, 14, "'10.888.112.1' is not a valid IPv4 or IPv6 address; kept as written"),
        (6, 1, "line not understood as route get output"),
        (7, 4, "a second route lookup: only the first one in a file is read"),
    ]
    assert fields(result.value)[:3] == ("default", "10.888.112.1", "net0")
    assert result.value.source == Source("g", 1, 1)
    assert counts(result) == (8, 3, 1, 4, 0)


# -- properties ---------------------------------------------------------------------

FLAGS = ("UP", "GATEWAY", "HOST", "DONE", "STATIC", "MULTIRT", "SETSRC", "ZONE")
lookups = st.builds(
    lambda d, g, i, f: RouteLookup(source=Source("x"), destination=d, gateway=g, interface=i, flags=frozenset(f)),
    st.none() | st.just("default") | st.ip_addresses(v=4).map(str),
    st.none() | st.ip_addresses(v=4).map(str),
    st.none() | st.from_regex(r"[a-z]{2,6}[0-9]{1,2}", fullmatch=True),
    st.sets(st.sampled_from(FLAGS)),
)


@settings(max_examples=200, deadline=None)
@given(lookups, st.booleans())
def test_render_then_parse_gives_the_model_back(rl, verbose):
    result = route_get.parse(render_route_get(rl, verbose), "x")
    assert result.warnings == ()
    assert strip(result.value) == strip(rl)


@settings(max_examples=200, deadline=None)
@given(
    texts(
        [
            "   route to: ",
            "destination: ",
            "gateway: ",
            "interface: ",
            "flags: <UP,GATEWAY>",
            "default",
            "10.1.1.1",
            " recvpipe  sendpipe  ssthresh\n",
            "       0         0\n",
            ": not in table\n",
            "\n",
        ]
    )
)
def test_arbitrary_text_never_raises(text):
    assert_accounted(route_get.parse(text, "fuzz"), text)
