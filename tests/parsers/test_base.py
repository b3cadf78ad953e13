"""The parser machinery every format shares: cleaning, dedent, accounting, and a parser
bug contained to its file."""

from __future__ import annotations

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
