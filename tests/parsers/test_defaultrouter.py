"""``/etc/defaultrouter``: the defaultrouter(4) layouts, words boot ignores and unusable
routers warned at exact positions, and property tests."""

from __future__ import annotations

from config_render import render_defaultrouter
from format_checks import texts, warned
from hypothesis import given, settings
from hypothesis import strategies as st
from parse_checks import assert_accounted, counts

from ipmplint.model import DefaultRouters, Source
from ipmplint.parsers import defaultrouter


def routers(result) -> list[str]:
    return [r for r, _ in result.value.routers]


def test_one_router_a_line_addresses_and_names():
    text = "# cat /etc/defaultrouter\n192.168.10.1\nrouter-b\n"
    result = defaultrouter.parse(text, "defaultrouter")
    assert result.warnings == ()
    assert routers(result) == ["192.168.10.1", "router-b"]
    assert result.value.routers[1][1] == Source("defaultrouter", 3, 1)
    assert result.value.source == Source("defaultrouter", 1, 1)  # the file as a whole
    assert counts(result) == (3, 2, 1, 0, 0)


def test_empty_file_is_no_router():
    result = defaultrouter.parse("", "defaultrouter")
    assert result.value.routers == () and counts(result) == (0, 0, 0, 0, 0)


MESSY = (
    "# default router for the data network\r\n"
    "192.168.10.1   # the vsw of the service domain\r\n"
    "\r\n"
    "10.888.999.1\r\n"
    "192.168.20.1 192.168.30.1\r\n"
    "fe80::1\r\n"
    "  # an indented comment\r\n"
)


def test_words_boot_ignores_and_unusable_routers_are_warned():
    result = defaultrouter.parse(MESSY, "d")
    assert warned(result) == [
        (4, 1, "'10.888.999.1' is not a valid IPv4 or IPv6 address; kept as written"),
        (5, 14, "'192.168.30.1' is ignored at boot: only the first word of a line is a router"),
        (6, 1, "'fe80::1' is not IPv4: defaultrouter(4) holds IPv4 routers only"),
    ]
    assert routers(result) == ["192.168.10.1", "10.888.999.1", "192.168.20.1", "fe80::1"]
    assert counts(result) == (7, 1, 2, 3, 1)


# -- properties ---------------------------------------------------------------------

router_words = st.ip_addresses(v=4).map(str) | st.from_regex(r"[a-z][a-z0-9-]{0,10}[a-z0-9]", fullmatch=True)
router_files = st.lists(router_words, max_size=5).map(
    lambda rs: DefaultRouters(source=Source("x"), routers=tuple((r, Source("x")) for r in rs))
)


@settings(max_examples=200, deadline=None)
@given(router_files, st.sampled_from(["plain", "commented"]))
def test_render_then_parse_gives_the_model_back(dr, style):
    result = defaultrouter.parse(render_defaultrouter(dr, style), "x")
    assert result.warnings == ()
    # the routers are (text, Source) pairs, which strip() does not reach into
    assert [r for r, _ in result.value.routers] == [r for r, _ in dr.routers]


@settings(max_examples=200, deadline=None)
@given(texts(["192.168.10.1", " router", "10.888.1.1", "# c\n", "\n"]))
def test_arbitrary_text_never_raises(text):
    assert_accounted(defaultrouter.parse(text, "fuzz"), text)
