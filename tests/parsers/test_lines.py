"""The line grammars (``parsers/lines.py``) are read line by line, without lark's LALR
parser: the tree so built must be the tree lark builds from the same grammar, token
for token (type, text, line, column), and a text lark stops on must stop the line
reader on the same line. Checked on every fixture and sample file (each read as every
line grammar, so a file of another format is input nobody wrote for it) and on
generated text."""

from __future__ import annotations

from typing import Optional

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from lark import Token, Tree
from lark.exceptions import UnexpectedInput
from testpaths import FIXTURES, SAMPLES

from ipmplint.parsers import base, lines

FILES = sorted(
    p
    for root in (FIXTURES, SAMPLES)
    for p in root.rglob("*")
    if p.is_file() and p.suffix not in (".toml", ".md") and p.stat().st_size < 200_000
)


def _shape(node: object) -> object:
    """A tree as nested tuples, each token with its type, text, line and column."""
    if isinstance(node, Tree):
        return (node.data, tuple(_shape(c) for c in node.children))
    assert isinstance(node, Token)
    return (node.type, str(node), node.line, node.column)


def _read(read, text: str) -> tuple[Optional[object], Optional[tuple[int, int]]]:
    """The tree's shape, or the line and column the reader stopped at."""
    try:
        return _shape(read(text)), None
    except UnexpectedInput as exc:
        return None, (exc.line, exc.column)


def _same(name: str, text: str) -> None:
    compiled = base.grammar(name)
    lark_way = _read(compiled.parse, text)
    line_way = _read(lambda t: lines.parse(t, name, compiled), text)
    assert line_way == lark_way


@pytest.mark.parametrize("name", sorted(lines.SHAPES))
def test_every_fixture_and_sample_reads_as_lark_reads_it(name):
    assert len(FILES) > 100
    for path in FILES:
        ctx = base.ParseContext(str(path), path.read_bytes().decode("utf-8", errors="replace"), "test")
        _same(name, ctx.text)


_LINE = st.one_of(
    st.sampled_from(
        [
            "",
            "# ipmpstat -g",
            "root@ldg1:~# ipadm show-if",
            "GROUP  GROUPNAME  STATE",
            "IFNAME",
            "ipadm: cannot get address",
            "dladm: bad",
            "ipmp0  ipmp0  ok  --  net0 (net1)",
            "# comment",
            "  # indented comment",
            "127.0.0.1 localhost",
            "  LINK  MEDIA",
            "$ cat /etc/hosts",
            "primary# ldm list",
            "-host 10.1.1.1 10.1.1.1",
        ]
    ),
    st.text(alphabet="aZ09 \t:#$%>-/.@~_()[]", max_size=20),
)


@settings(max_examples=300, deadline=None)
@given(st.lists(_LINE, max_size=12), st.sampled_from(sorted(lines.SHAPES)))
def test_generated_text_reads_as_lark_reads_it(text_lines, name):
    text = "".join(line.rstrip() + "\n" for line in text_lines)
    _same(name, text)


def test_a_line_grammar_has_only_pattern_terminals():
    """lark lexes a plain-string terminal apart from the patterns that also match it
    (its ``unless`` callbacks); the line reader does not, so a line grammar has none."""
    for name in lines.SHAPES:
        kinds = {type(t.pattern).__name__ for t in base.grammar(name).lexer_conf.terminals if t.name != "_NL"}
        assert kinds == {"PatternRE"}, name


def test_a_line_no_terminal_reads_stops_both_readers_at_its_first_column():
    """Cleaning empties blank-only lines, so no capture reaches this: a line of blanks
    alone, which no terminal of the fields grammar reads, stops both readers at its
    first column (the ofmt grammar reads it as a row)."""
    for text, stop in (("a\n  \n", (2, 1)), ("\t\n", (1, 1)), ("# c\nb\n \t\n", (3, 1))):
        compiled = base.grammar("fields")
        assert _read(lambda t, compiled=compiled: lines.parse(t, "fields", compiled), text) == (None, stop)
        _same("fields", text)
        _same("ofmt", text)
