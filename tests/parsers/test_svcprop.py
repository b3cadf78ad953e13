"""``svcprop network/ipmp`` and ``svccfg listprop``: the properties of the Solaris 11
manifest in each layout svcprop(1) describes, escapes undone, stray lines warned at
exact positions, and property tests."""

from __future__ import annotations

from config_render import render_svcprop
from format_checks import texts, warned
from hypothesis import given, settings
from hypothesis import strategies as st
from parse_checks import assert_accounted, counts, strip

from ipmplint.model import Setting, Settings, Source
from ipmplint.parsers import svcprop


def triples(result) -> list[tuple]:
    return [(s.key, s.type, s.value) for s in result.value.settings]


# The config and general groups of network-ipmp.xml (Solaris 11 source), printed the
# way svcprop(1) describes ("designator type values", one line each).
SVCPROP = """\
root@sol11:~# svcprop network/ipmp
config/transitive-probing boolean false
config/action_authorization astring solaris.smf.manage.ipmp
general/action_authorization astring solaris.smf.manage.ipmp
general/value_authorization astring solaris.smf.manage.ipmp
start/exec astring /lib/svc/method/net-ipmp
stop/exec astring :kill
refresh/exec astring :kill\\ -HUP
restarter/auxiliary_state astring dependencies_satisfied
"""


def test_svcprop_of_network_ipmp():
    result = svcprop.parse(SVCPROP, "svcprop-ipmp.txt")
    assert result.warnings == ()
    assert triples(result)[:2] == [
        ("config/transitive-probing", "boolean", "false"),
        ("config/action_authorization", "astring", "solaris.smf.manage.ipmp"),
    ]
    assert result.value.get("refresh/exec").value == ":kill -HUP"  # svcprop's "\ " undone
    assert result.value.get("config/transitive-probing").source == Source("svcprop-ipmp.txt", 2, 1)
    assert counts(result) == (9, 8, 1, 0, 0)


# The Oracle guides' `svccfg -s svc:/network/ipmp listprop config/transitive-probing`
# after `setprop config/transitive-probing=true`, then the whole group.
LISTPROP = """\
# svccfg -s svc:/network/ipmp listprop config/transitive-probing
config/transitive-probing  boolean     true
# svccfg -s svc:/network/ipmp listprop config
config                       application
config/transitive-probing    boolean     true
config/action_authorization  astring     "solaris.smf.manage.ipmp"
"""


def test_svccfg_listprop_groups_skipped_quotes_undone():
    result = svcprop.parse(LISTPROP, "l")
    assert result.warnings == ()
    assert triples(result) == [
        ("config/transitive-probing", "boolean", "true"),
        ("config/transitive-probing", "boolean", "true"),
        ("config/action_authorization", "astring", "solaris.smf.manage.ipmp"),
    ]
    assert counts(result) == (6, 3, 3, 0, 0)


def test_full_designators_and_the_bare_value_form():
    text = (
        "$ svcprop network/ipmp system/identity:node\n"
        "svc:/network/ipmp:default/:properties/config/transitive-probing boolean true\n"
        "svc:/system/identity:node/:properties/config/nodename astring ldg1\n"
        "$ svcprop -p config/transitive-probing svc:/network/ipmp:default\n"
        "false\n"
    )
    result = svcprop.parse(text, "s")
    assert result.warnings == ()
    assert triples(result) == [
        ("config/transitive-probing", "boolean", "true"),
        ("config/transitive-probing", None, "false"),
    ]
    # two prompts and another service's property skipped
    assert counts(result) == (5, 2, 3, 0, 0)


MESSY = (
    "  config/transitive-probing boolean false\r\n"
    "  true\r\n"
    "  config/x strange 1\r\n"
    "  config       wibble\r\n"
    "  some words of a paste\r\n"
    '  config/y astring "unbalanced\r\n'
)


def test_stray_lines_warned_at_file_columns():
    result = svcprop.parse(MESSY, "s")
    assert warned(result) == [
        (2, 3, "a value alone, and no 'svcprop -p pg/name' command line says whose"),
        (3, 12, "'strange' is not an SMF property type"),
        (4, 16, "'wibble' is not a property group type"),
        (5, 3, "line not understood as svcprop or svccfg listprop output"),
        (6, 20, "unbalanced quote or backslash in the values; kept as printed"),
    ]
    assert triples(result) == [
        ("config/transitive-probing", "boolean", "false"),
        ("config/x", "strange", "1"),
        ("config/y", "astring", '"unbalanced'),
    ]
    assert counts(result) == (6, 1, 0, 5, 0)


# -- properties ---------------------------------------------------------------------

keys = st.from_regex(r"[a-z][a-z_]{0,8}/[a-z][a-z_-]{0,15}", fullmatch=True)
values = st.from_regex(r"([A-Za-z0-9_.,:/+-]( ?[A-Za-z0-9_.,:/+-]){0,10})?", fullmatch=True)


@st.composite
def property_lists(draw) -> Settings:
    return Settings(
        source=Source("x"),
        settings=tuple(
            Setting(key=k, value=draw(values), type=draw(st.sampled_from(sorted(svcprop.TYPES))), source=Source("x"))
            for k in draw(st.lists(keys, max_size=6))
        ),
    )


@settings(max_examples=200, deadline=None)
@given(property_lists(), st.sampled_from(["svcprop", "fmri", "listprop"]))
def test_render_then_parse_gives_the_model_back(s, style):
    result = svcprop.parse(render_svcprop(s, style), "x")
    assert result.warnings == ()
    assert strip(result.value) == strip(s)


@settings(max_examples=200, deadline=None)
@given(
    texts(
        [
            "config/transitive-probing",
            " boolean",
            " astring",
            " true",
            "config  application\n",
            "svc:/network/ipmp:default/:properties/",
            "# svcprop -p config/x network/ipmp\n",
            "\\ ",
            '""',
            "\n",
        ]
    )
)
def test_arbitrary_text_never_raises(text):
    assert_accounted(svcprop.parse(text, "fuzz"), text)
