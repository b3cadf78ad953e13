"""``virtinfo -ap`` and ``virtinfo -a``: the two real samples counted by hand, the human
form of illumos virtinfo.c, unknown records and values warned at exact positions, and
property tests."""

from __future__ import annotations

from config_render import render_virtinfo
from format_checks import texts, warned
from hypothesis import given, settings
from hypothesis import strategies as st
from parse_checks import assert_accounted, counts, strip

from ipmplint.model import Source, VirtinfoCapture
from ipmplint.parsers import virtinfo

GUEST = "puppetlabs-facter__virtinfo-ap-guest-sol11.txt"
PRIMARY = "puppetlabs-facter__virtinfo-ap-ldom-v1-primary.txt"


def fields(v: VirtinfoCapture) -> tuple:
    return (v.impl, v.name, v.control, v.io, v.service, v.root, v.control_domain)


def test_solaris11_guest_sample(samples):
    result = virtinfo.parse((samples / "other" / GUEST).read_text(), GUEST)
    assert result.warnings == ()
    assert fields(result.value) == ("LDoms", "sol11-11", False, False, False, False, "opdx-a0-sun2")
    # VERSION, DOMAINUUID and DOMAINCHASSIS skipped; role, name and control consumed
    assert counts(result) == (6, 3, 3, 0, 0)


def test_ldoms_v1_primary_sample(samples):
    result = virtinfo.parse((samples / "other" / PRIMARY).read_text(), PRIMARY)
    assert result.warnings == ()
    # as captured: this primary reports control=false, with the I/O, service and root roles
    assert fields(result.value) == ("LDoms", "primary", False, True, True, True, "san-t2k-6")
    assert counts(result) == (6, 3, 3, 0, 0)


# virtinfo.c without -p: "Domain role: " and the role words, then "Label: value".
HUMAN = """\
$ virtinfo -a
Domain role: LDoms control I/O service root
Domain name: primary
Domain UUID: 8e0d6ec5-cd55-e57f-ae9f-b4cc050999a4
Control domain: san-t2k-6
Chassis serial#: 0704RB0280
"""


def test_human_form():
    result = virtinfo.parse(HUMAN, "virtinfo-a.out")
    assert result.warnings == ()
    assert fields(result.value) == ("LDoms", "primary", True, True, True, True, "san-t2k-6")
    assert counts(result) == (6, 3, 3, 0, 0)


def test_unknown_values_and_notices():
    text = (
        "Domain role: Unknown\nDomain name: Unknown\nControl domain: Unknown\n"
        "Virtual machines are not supported\nvirtinfo can only be run from the global zone\n"
    )
    result = virtinfo.parse(text, "v")
    assert result.warnings == ()
    assert fields(result.value) == ("Unknown", None, None, None, None, None, None)
    assert counts(result) == (5, 3, 2, 0, 0)


MESSY = (
    "  VERSION 1.0\r\n"
    "  DOMAINROLE|impl=LDoms|control=maybe|io=false|service=false|root=false|extra=1\r\n"
    "  DOMAINNAME|name=ldg1\r\n"
    "  DOMAINFUTURE|what=ever\r\n"
    "  Domain role: LDoms guest vio\r\n"
    "  a stray line\r\n"
)


def test_unknown_records_and_values_warned_at_file_columns():
    result = virtinfo.parse(MESSY, "v")
    assert warned(result) == [
        (2, 33, "control=maybe is neither true nor false"),
        (2, 73, "'extra=1' is not a key=value of DOMAINROLE"),
        (4, 3, "unknown virtinfo record 'DOMAINFUTURE'"),
        (5, 28, "unknown domain role 'vio'"),
        (6, 3, "line not understood as virtinfo output"),
    ]
    assert fields(result.value) == ("LDoms", "ldg1", False, False, False, False, None)
    assert counts(result) == (6, 1, 1, 4, 0)


# -- properties ---------------------------------------------------------------------

names = st.none() | st.from_regex(r"[a-z][a-z0-9-]{0,12}", fullmatch=True)


@st.composite
def captures(draw) -> VirtinfoCapture:
    if draw(st.booleans()):
        flags = {f: draw(st.booleans()) for f in ("control", "io", "service", "root")}
        return VirtinfoCapture(source=Source("x"), impl="LDoms", name=draw(names), control_domain=draw(names), **flags)
    return VirtinfoCapture(source=Source("x"), impl="Unknown", name=draw(names), control_domain=draw(names))


@settings(max_examples=200, deadline=None)
@given(captures(), st.sampled_from(["p", "a"]))
def test_render_then_parse_gives_the_model_back(v, style):
    result = virtinfo.parse(render_virtinfo(v, style), "x")
    assert result.warnings == ()
    assert strip(result.value) == strip(v)


@settings(max_examples=200, deadline=None)
@given(
    texts(
        [
            "VERSION 1.0\n",
            "DOMAINROLE|",
            "impl=LDoms",
            "|control=",
            "true",
            "false",
            "DOMAINNAME|name=",
            "Domain role: ",
            "LDoms guest",
            " I/O",
            "Domain name: ",
            "Unknown",
            "\n",
        ]
    )
)
def test_arbitrary_text_never_raises(text):
    assert_accounted(virtinfo.parse(text, "fuzz"), text)


def test_a_flag_value_and_a_role_are_warned_at_their_own_columns():
    """The column of a value is after its key and ``=`` wherever the key sits, and the
    roles of ``Domain role:`` are counted from the label whatever space follows it."""
    text = "DOMAINROLE|impl=LDoms|control=true|service=maybe|io=false|root=false\nDomain role:  LDoms guest vio\n"
    result = virtinfo.parse(text, "v")
    assert warned(result) == [
        (1, 44, "service=maybe is neither true nor false"),
        (2, 27, "unknown domain role 'vio'"),
    ]
