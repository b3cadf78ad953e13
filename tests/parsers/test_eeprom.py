"""``eeprom``: the one-variable form of the Solaris 10 IP Services guide, a whole listing
shaped by illumos openprom.c with a multi-line ``nvramrc``, stray lines warned at exact
positions, and property tests."""

from __future__ import annotations

from config_render import render_eeprom
from format_checks import texts, warned
from hypothesis import given, settings
from hypothesis import strategies as st
from parse_checks import assert_accounted, counts, strip

from ipmplint.model import Setting, Settings, Source
from ipmplint.parsers import eeprom


def pairs(result) -> list[tuple[str, str]]:
    return [(s.key, s.value) for s in result.value.settings]


def test_one_variable():
    # FORMATS.md section 12 ("SPARC: How to Ensure That the MAC Address of an Interface
    # Is Unique"): the command and its one line.
    result = eeprom.parse("# eeprom local-mac-address?\nlocal-mac-address?=false\n", "eeprom.out")
    assert result.warnings == ()
    assert pairs(result) == [("local-mac-address?", "false")]
    assert result.value.get("local-mac-address?").source == Source("eeprom.out", 2, 1)
    assert counts(result) == (2, 1, 1, 0, 0)


# The printf formats of illumos usr/src/cmd/eeprom/sparc/openprom.c ("%s=%s",
# "%s: data not available.", bootcmd), values of a sun4v guest; nvramrc runs over three
# lines with a blank one.
LISTING = """\
root@ldg1:~# eeprom
keyboard-layout: data not available.
reboot-command: data not available.
security-mode=none
security-#badlogins=0
verbosity=min
diag-switch?=false
local-mac-address?=true
auto-boot?=true
boot-command=boot
boot-file: data not available.
boot-device=vdisk net
use-nvramrc?=true
nvramrc=devalias vx-rootdisk /virtual-devices@100/channel-devices@200/disk@0:a
devalias vx-rootmirror /virtual-devices@100/channel-devices@200/disk@1:a

." Boot disk aliases set"
error-reset-recovery=boot
"""


def test_whole_listing_with_multi_line_nvramrc():
    result = eeprom.parse(LISTING, "e")
    assert result.warnings == ()
    assert pairs(result) == [
        ("security-mode", "none"),
        ("security-#badlogins", "0"),
        ("verbosity", "min"),
        ("diag-switch?", "false"),
        ("local-mac-address?", "true"),
        ("auto-boot?", "true"),
        ("boot-command", "boot"),
        ("boot-device", "vdisk net"),
        ("use-nvramrc?", "true"),
        (
            "nvramrc",
            "devalias vx-rootdisk /virtual-devices@100/channel-devices@200/disk@0:a\n"
            "devalias vx-rootmirror /virtual-devices@100/channel-devices@200/disk@1:a\n"
            "\n"
            '." Boot disk aliases set"',
        ),
        ("error-reset-recovery", "boot"),
    ]
    # 18 lines: the prompt and 3 "data not available" skipped, 11 settings and 2 more
    # lines of nvramrc consumed, 1 blank (kept in nvramrc's value)
    assert counts(result) == (18, 13, 4, 0, 1)


MESSY = (
    "   local-mac-address?=false\r\n"
    "   some text a paste added\r\n"
    "   nvramrc=devalias net /pci@780/network@0\r\n"
    "   # eeprom use-nvramrc?\r\n"
    "   use-nvramrc? =true\r\n"
)


def test_stray_lines_warned_at_file_columns():
    result = eeprom.parse(MESSY, "e")
    assert warned(result) == [
        (2, 4, "not a name=value line of eeprom output"),
        (5, 17, "blank before '=': not a variable as eeprom prints it"),
    ]
    assert pairs(result) == [("local-mac-address?", "false"), ("nvramrc", "devalias net /pci@780/network@0")]
    assert result.value.settings[0].source == Source("e", 1, 4)
    assert counts(result) == (5, 2, 1, 2, 0)


def test_a_comment_line_outside_nvramrc_is_skipped():
    # an administrator's note above the output, as an annotated capture file holds it
    result = eeprom.parse("#   OBP variables of ldg1\nlocal-mac-address?=true\nauto-boot?=true\n", "e")
    assert result.warnings == ()
    assert pairs(result) == [("local-mac-address?", "true"), ("auto-boot?", "true")]
    assert counts(result) == (3, 2, 1, 0, 0)


# -- properties ---------------------------------------------------------------------

names = st.from_regex(r"[a-z][a-z0-9-]{0,15}\??", fullmatch=True).filter(lambda n: n != "nvramrc")
values = st.from_regex(r"([A-Za-z0-9_.,:/@?+-]([A-Za-z0-9_.,:/@?+= -]{0,12}[A-Za-z0-9_.,:/@?+-])?)?", fullmatch=True)
nvram_lines = st.from_regex(r"[a-z0-9@/,.\"-]+( [a-z0-9@/,.\"-]+){0,4}", fullmatch=True)


@st.composite
def listings(draw) -> tuple[Settings, tuple[str, ...]]:
    kept = [Setting(key=k, value=draw(values), source=Source("x")) for k in draw(st.lists(names, max_size=5))]
    if draw(st.booleans()):
        lines = draw(st.lists(nvram_lines | st.just(""), min_size=1, max_size=4).filter(lambda ls: ls[0] and ls[-1]))
        kept.insert(draw(st.integers(0, len(kept))), Setting(key="nvramrc", value="\n".join(lines), source=Source("x")))
    unavailable = tuple(draw(st.lists(names, max_size=3)))
    return Settings(source=Source("x"), settings=tuple(kept)), unavailable


@settings(max_examples=200, deadline=None)
@given(listings())
def test_render_then_parse_gives_the_model_back(listing):
    s, unavailable = listing
    result = eeprom.parse(render_eeprom(s, unavailable), "x")
    assert result.warnings == ()
    assert strip(result.value) == strip(s)


@settings(max_examples=200, deadline=None)
@given(
    texts(
        [
            "local-mac-address?",
            "=",
            "true",
            "nvramrc=",
            "devalias net /pci@1",
            ": data not available.",
            "# eeprom\n",
            "\n",
        ]
    )
)
def test_arbitrary_text_never_raises(text):
    assert_accounted(eeprom.parse(text, "fuzz"), text)
