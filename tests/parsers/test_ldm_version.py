"""``ldm -V``: the real LDoms 1.2 sample counted by hand, the later version strings,
messy input warned at exact positions, and property tests."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st
from parse_checks import counts

from ipmplint.model import LdmRelease, Source
from ipmplint.parsers import ldm_version

SAMPLE = "oracle-ldoms12-821-0424-ja__ldm-V.txt"


def found(result) -> list[tuple[int, int, str]]:
    return [(w.source.line, w.source.col, w.message) for w in result.warnings]


def test_ldoms12_sample(samples):
    result = ldm_version.parse((samples / "other" / SAMPLE).read_text(), SAMPLE)
    assert result.warnings == ()
    # 9 lines: the manager line consumed; the prompt, the two protocol lines, "System
    # PROM:" and the two firmware lines skipped; two lines holding a single blank
    assert counts(result) == (9, 1, 6, 0, 2)
    assert result.value == LdmRelease((1, 2), "ldm -V: Logical Domain Manager (v 1.2)", Source(SAMPLE, 3, 1))
    assert result.value.at_least(1, 2) and not result.value.at_least(1, 3)


# No verbatim OVM 3.x `ldm -V` was found. This is built from what code that reads later
# releases expects: "Logical Domains? Manager \(v (.+)\)" (discovery code in the code
# index; FORMATS.md section 1 quotes v 3.4.0.3.6), and a Hostconfig firmware line beside
# Hypervisor and OpenBoot in Explorer's sysconfig/ldm_-V.out (lateralblast/parsec).
OVM_34 = """# /usr/sbin/ldm -V

Logical Domains Manager (v 3.4.0.3.6)
    Hypervisor control protocol v 1.12
    Using Hypervisor MD v 1.4

System PROM:
    Hostconfig      v. 1.8.3.a    @(#)Hostconfig 1.8.3.a 2016/09/16 14:05
    Hypervisor      v. 1.17.3.a   @(#)Hypervisor 1.17.3.a 2016/09/16 13:37
    OpenBoot        v. 4.40.3     @(#)OpenBoot 4.40.3 2016/08/17 11:31
"""


def test_later_release_with_five_parts():
    result = ldm_version.parse(OVM_34, "v.txt")
    assert result.warnings == ()
    assert counts(result) == (10, 1, 7, 0, 2)
    assert result.value.version == (3, 4, 0, 3, 6)
    assert result.value.how == "ldm -V: Logical Domains Manager (v 3.4.0.3.6)"
    assert result.value.at_least(1, 3) and str(result.value) == "3.4.0.3.6"


def test_messy_paste():
    text = (
        "<pre>    primary# ldm -V\r\n"
        "    Logical Domain Manager (v 2.0)\r\n"
        "       Hypervisor control protocol v 1.5\r\n"
        "    Logical Domains Manager (v 2.0)\r\n"
        "    Logical Domains Manager (v 2.1)\r\n"
        "    Logical Domains Manager (v beta)\r\n"
        "    Copyright (c) 2010, Oracle</pre>\r\n"
    )
    result = ldm_version.parse(text, "m.txt")
    assert found(result) == [
        (5, 32, "a second release (2.1) differs from the first (2.0, line 2); not read"),
        (6, 32, "no version number in 'Logical Domains Manager (v beta)'; the release is unknown"),
        (7, 5, "line not understood as ldm -V output"),
    ]
    assert counts(result) == (7, 2, 2, 3, 0)
    assert result.value == LdmRelease((2, 0), "ldm -V: Logical Domain Manager (v 2.0)", Source("m.txt", 2, 5))


def test_no_manager_line_is_said():
    result = ldm_version.parse("primary# ldm -V\nSystem PROM:\n", "n.txt")
    assert result.value is None
    assert found(result) == [(1, 1, "no 'Logical Domains Manager (v ...)' line: the release is unknown")]
    assert counts(result) == (2, 0, 1, 1, 0)


# -- properties -------------------------------------------------------------------------


@st.composite
def outputs(draw) -> tuple[LdmRelease, str]:
    version = tuple(draw(st.lists(st.integers(0, 40), min_size=1, max_size=5)))
    spelling = draw(st.sampled_from(["Logical Domain Manager", "Logical Domains Manager"]))
    manager = f"{spelling} (v {'.'.join(map(str, version))})"
    lines = [
        manager,
        "   Hypervisor control protocol v 1.3",
        "   Using Hypervisor MD v 0.1",
        " ",
        "System PROM:",
        "   Hypervisor  v. 1.7.0.    @(#)Hypervisor 1.7.0. 2008/11/19 10:20",
        "   OpenBoot    v. 4.30.0.   @(#)OBP 4.30.0. 2008/11/18 13:44",
    ]
    lead = draw(st.lists(st.sampled_from(["primary# ldm -V", "", " "]), max_size=3))
    indent = draw(st.sampled_from(["", "  ", "\t"]))
    text = "".join(indent + line + "\n" for line in lead + lines)
    return LdmRelease(version, f"ldm -V: {manager}", Source("x", len(lead) + 1, len(indent) + 1)), text


@settings(max_examples=200, deadline=None)
@given(outputs())
def test_render_then_parse_gives_the_release_back(case):
    release, text = case
    result = ldm_version.parse(text, "x")
    assert result.warnings == ()
    assert result.value == release
    assert result.account.warned == 0 and result.account.balanced


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("LogicalDomainsMger(v1.2)PROM: \t\n\r#")), max_size=300))
def test_arbitrary_text_never_raises(text):
    # the value may be None here (no manager line), so assert_accounted does not apply
    assert ldm_version.parse(text, "fuzz").account.balanced


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=300))
def test_any_unicode_never_raises(text):
    assert ldm_version.parse(text, "fuzz").account.balanced
