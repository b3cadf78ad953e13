"""The parser machinery every format shares: cleaning, dedent, accounting, and a parser
bug contained to its file."""

from __future__ import annotations

import re

from hypothesis import given
from hypothesis import strategies as st

from ipmplint.model import LineStatus as S
from ipmplint.parsers import base, netstat


def test_clean_line_removes_paste_remnants_but_not_flags():
    assert (
        base.clean_line("<pre>bge0: flags=1000843<UP,IPv4> mtu 1500\r") == "     bge0: flags=1000843<UP,IPv4> mtu 1500"
    )
    assert base.clean_line("a &lt;b&gt; &amp; c  \t") == "a <b> & c"
    assert base.clean_line("   \t ") == ""


def test_dedent_keeps_columns_pointing_at_the_file():
    ctx = base.ParseContext("f", "    a\n      b\n\n    c\n", "k")
    assert ctx.lines == ["a", "  b", "", "c"] and ctx.source(2, 3).col == 7


def test_a_transformer_bug_costs_the_file_not_the_run(monkeypatch):
    def broken(self, *args):
        raise TypeError("boom")

    monkeypatch.setattr(netstat.NetstatTransformer, "start", broken)
    result = netstat.parse("Routing Table: IPv4\ndefault 10.0.0.1 UG 1 0 bge0\n", "n.txt")
    assert result.value is None and result.account.balanced
    assert "internal error TypeError: boom" in result.warnings[0].message


# -- marking a run of lines -----------------------------------------------------------------

MARKS = st.lists(st.tuples(st.sampled_from(("consume", "skip", "cover", "warn")), st.integers(0, 9)), max_size=12)


@given(st.lists(st.sampled_from(("x", "", "  y")), max_size=8), MARKS, st.integers(-2, 10), st.integers(-2, 10))
def test_skipping_a_run_of_lines_is_skipping_each(lines, marks, first, last):
    text = "\n".join(lines) + "\n"
    one, run = base.ParseContext("f", text, "k"), base.ParseContext("f", text, "k")
    for ctx in (one, run):
        for method, line in marks:
            getattr(ctx, method)(*((line, 1, "m") if method == "warn" else (line,)))
    for line in range(first, last + 1):
        one.skip(line)
    run.skip_lines(first, last)
    assert run.status == one.status
    assert run.finish(None).account == one.finish(None).account


def test_a_skipped_run_leaves_blank_consumed_and_warned_lines_as_they_are():
    ctx = base.ParseContext("f", "a\n\nb\nc\nd\ne\n", "k")
    ctx.consume(3)
    ctx.warn(4, 1, "m")
    ctx.skip_lines(1, 5)
    assert ctx.status == [S.SKIPPED, S.BLANK, S.CONSUMED, S.WARNED, S.SKIPPED, None]
    account = ctx.finish(None).account
    assert (account.consumed, account.skipped, account.warned, account.blank) == (1, 2, 2, 1)


# -- cleaning a whole file ------------------------------------------------------------------

PASTED = st.text(alphabet="ab <>/&;#x0123 \t\r\xa0\x0b\u2003\n", max_size=60) | st.builds(
    "\n".join, st.lists(st.sampled_from(("<pre>x", "a &lt; b", "c&#35;", "</b> ", "flags=1<UP,IPv4> m", "d\r", "\xa0")))
)


@given(PASTED, st.booleans())
def test_cleaning_the_file_at_once_is_cleaning_each_line(text, bom):
    lines = text.split("\n")
    if lines[-1] == "":
        lines.pop()
    assert base.cleaned(base.BOM * bom + text)[0] == [base.clean_line(line) for line in lines]
    cleaned, scanned = base.cleaned(text)
    assert scanned in ("\n".join(cleaned), text)  # what paste.candidates reads: either is the lines


@given(st.text(alphabet="ab \t\x0b\xa0\u2003\u3000,", max_size=30), st.integers(1, 9))
def test_words_carry_the_columns_a_regular_expression_finds(text, start):
    expected = [(m.group(0), m.start() + start) for m in re.finditer(r"\S+", text)]
    assert base.tokens_with_columns(text, start) == expected
