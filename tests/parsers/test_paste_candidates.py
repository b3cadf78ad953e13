"""The whole-text scan for a paste's lines (``paste.candidates``) against the per-line
reading it stands in front of (``paste.elision``, ``paste.echo``).

``ParseContext`` reads a line as a paste's only when the scan names it, so the scan must
name every line the per-line check accepts, in any text: arbitrary lines built from
the pieces a paste is made of, and every line of every fixture and real sample. It may
name a few more (they are read and found to be output), but not the plain output of a
capture, or the scan would save nothing.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st
from testpaths import DATA, FIXTURES

from ipmplint.capture import filenames
from ipmplint.parsers import base, paste


def accepted(lines: list[str]) -> set[int]:
    """The lines the per-line reading takes for a prompt, an echoed command or an elision."""
    return {i for i, line in enumerate(lines) if line and (paste.elision(line) or paste.echo(line) is not None)}


def named(text: str) -> tuple[set[int], set[int]]:
    """What the per-line reading accepts of a file's cleaned lines, and what the scan names."""
    lines, scanned = base.cleaned(text)
    return accepted(lines), set(paste.candidates(scanned))


# -- arbitrary text -----------------------------------------------------------------------

LEADS = ("", " ", "  ", "\t", " \t", "\x0b", " \x0c ", "\xa0")
PROMPTS = (
    "#",
    "$",
    "%",
    ">",
    "primary#",
    "ldg1%",
    "host>",
    "root@host:~#",
    "root@solaris11-1:~#",
    "[root@localhost ~]#",
    "[root@localhost:~]#",
    "[x]%",
    "[root@localhost ~] #",
    "user@host:/a:b#",
    "host:~ #",
    "host:~\t#",
    "user@h:/export/home $",
    "bash-3.2#",
    "-bash-4.1$",
    "0.6%",
    "a:b",
)
ELISIONS = ("...", "....", "…", "[...]", "(...)", "<snip>", "[snip]", "[ snipped ]", "(SNIPPED)", "[ſnip]")
ELISIONS += ("-- snip --", "-\x0bsnip-", "(\x0b...)", "[output truncated]", "<Output\tTruncated>", "( … )")
PATHS = ("", "/usr/sbin/", "./", "a:b/", "x#/", "/")
WORDS = st.text(alphabet=" \t#$%>[]():~/.-…<>abcSsOoTtLD0123456789@\r\x0b\xa0&;ſ_", max_size=10)
PIECES = st.one_of(
    st.sampled_from(PROMPTS),
    st.sampled_from(ELISIONS),
    st.builds(lambda p, c: p + c, st.sampled_from(PATHS), st.sampled_from(sorted(paste.COMMANDS | {"sudo", "time"}))),
    st.sampled_from(("list", "-l", "-a", "show-addr", "-g", "/etc/hostname.vnet0", "<b>", "</pre>", "&lt;", "&#35;")),
    WORDS,
)
SEPARATORS = st.sampled_from(("", " ", "  ", "\t", " \t "))
ENDS = ("", " ", "\r", "\t", " \r", "\x0c", "\xa0")


@st.composite
def words(draw: st.DrawFn) -> str:
    """A line of any pieces, with any blanks between them."""
    pieces = draw(st.lists(PIECES, max_size=4))
    gaps = draw(st.lists(SEPARATORS, min_size=len(pieces), max_size=len(pieces)))
    return "".join(gap + piece for gap, piece in zip(gaps, pieces)).lstrip(" \t") if pieces else ""


@st.composite
def lines(draw: st.DrawFn) -> str:
    """A line of any pieces, or one that is an elision alone, or a prompt (or command)
    with what may follow it: the lines the per-line reading takes come up often."""
    body = draw(
        st.one_of(
            words(),
            st.sampled_from(ELISIONS),
            st.builds(lambda p, gap, rest: p + gap + rest, PIECES, SEPARATORS, words()),
        )
    )
    return draw(st.sampled_from(LEADS)) + body + draw(st.sampled_from(ENDS))


@st.composite
def texts(draw: st.DrawFn) -> str:
    text = "\n".join(draw(st.lists(lines(), max_size=8)))
    return draw(st.sampled_from(("", "\ufeff"))) + text + draw(st.sampled_from(("", "\n", "\r\n")))


@settings(max_examples=400, deadline=None)
@given(texts())
@example("primary# ldm list -l\nNAME STATE\n")
@example("  \x0bipmpstat -g\n")
@example("/usr/sbin/ipmpstat -g\n   x/y/dladm show-phys")
@example("a:b/ldm list\n")
@example("host:~ #\r\n[...]\n-- snip --\n(\x0b...)\n-\x0bsnip-\nroot@h:/tmp\t$")
@example("<pre>primary# ldm list</pre>\n&lt;snip&gt;\n")
def test_the_scan_names_every_line_the_per_line_reading_takes(text):
    taken, candidates = named(text)
    assert taken <= candidates


def test_the_scan_passes_over_plain_output():
    text = (
        "NAME     STATE   FLAGS  CONS  VCPU  MEMORY  UTIL  UPTIME\n"
        "primary  active  -n-cv        32    128G    2.2%  259d 23h 4m\n"
        "    0    0    11.0%  100%\n"
        "    boot-device=/pci@300/pci@1/pci@0/pci@2/scsi@0/disk@w5000cca0563a5b5d,0:a\n"
        "    vnet0   primary-vsw0@primary  0   network@0  00:14:4f:f9:aa:bb  1\n"
        "e1000g0: flags=1000843<UP,BROADCAST,RUNNING,MULTICAST,IPv4> mtu 1500 index 2\n"
        "        inet 10.1.1.1 netmask ffffff00 broadcast 10.1.1.255\n"
        "default              10.1.1.254           UG        1        120 net0\n"
        "-host 10.1.102.1 10.1.102.1\n"
        "    boot-file=/platform/sun4v/kernel/sparcv9/unix\n"
        "----------------------------------------------------------------\n"
        "# File generated by route(1M) - do not edit.\n"
        "# Internet host table\n"
    )
    assert named(text) == (set(), set())


def test_each_kind_of_paste_line_is_named_where_it_stands():
    text = "x\nprimary# ldm list -l\n    ...\nipmpstat -g\n/usr/sbin/dladm show-phys\nhost:~ #\n[snip]\ny\n"
    assert named(text) == ({1, 2, 3, 4, 5, 6}, {1, 2, 3, 4, 5, 6})


# -- every capture the tests hold --------------------------------------------------------


def _captures() -> list[Path]:
    """Every fixture and real sample file of a kind ipmplint reads."""
    found = [p for root in (FIXTURES, DATA / "real", DATA / "samples") for p in sorted(root.rglob("*")) if p.is_file()]
    return [p for p in found if filenames.kind_of(p.name) is not None]


CAPTURES = _captures()


def test_there_are_captures_to_scan():
    assert len(CAPTURES) > 100


@pytest.mark.parametrize("path", CAPTURES, ids=lambda p: str(p.relative_to(FIXTURES.parent)))
def test_the_scan_names_every_paste_line_of_a_real_capture(path):
    taken, candidates = named(path.read_bytes().decode("utf-8", errors="replace"))
    assert taken <= candidates


class _Spanned(str):
    """A text that adds up how many characters its searches for line ends span."""

    spanned = 0

    def count(self, sub, start=None, end=None):
        _Spanned.spanned += (len(self) if end is None else end) - (start or 0)
        return super().count(sub, start, end)

    def rfind(self, sub, start=None, end=None):
        _Spanned.spanned += (len(self) if end is None else end) - (start or 0)
        return super().rfind(sub, start, end)


def test_a_line_of_many_commands_costs_one_pass_over_the_text():
    """A hostile line of ``/ls /ls …`` is named once, and finding the line of each place
    spans the text once in all (counted, not timed), not once per place."""
    text = _Spanned("x\n" + "/ls " * 5000 + "\n# ipmpstat -g\n")
    _Spanned.spanned = 0
    assert paste.candidates(text) == [1, 2]
    assert _Spanned.spanned <= len(text)
