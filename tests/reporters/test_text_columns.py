"""The text report's table (reporters/text.py ``_columns``) is laid out as tabulate's
"simple" format lays it out, byte for byte, whatever the cells hold: the report's bytes
did not change when it stopped importing tabulate (start-up)."""

from __future__ import annotations

import textwrap

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from tabulate import tabulate

from ipmplint import escaping
from ipmplint.findings import Severity
from ipmplint.reporters import text

#: Letters, blanks of every kind, separators that split lines in Python but not in
#: tabulate's width, wide and combining characters, a tab.
_CHARS = st.sampled_from(list("ab xyz-_/.:0123\t\xa0\u2028\u2029\u3000\u00e9\u0301\u4e2d\x85"))


def cell(*, lines: bool = False) -> st.SearchStrategy[str]:
    plain = st.text(_CHARS, max_size=30).map(escaping.printable)
    if not lines:
        return plain
    return st.tuples(plain, st.integers(1, 12)).map(lambda p: "\n".join(textwrap.wrap(p[0], p[1]) or [""]))


rows = st.lists(
    st.tuples(st.sampled_from([s.value for s in Severity]), cell(), cell(), cell(lines=True)), min_size=1, max_size=6
)


def by_tabulate(rows: list[tuple[str, str, str, str]], color: bool) -> list[str]:
    painted = [(text._severity(Severity(a), color), b, c, d) for a, b, c, d in rows]
    table = tabulate(painted, headers=text.HEADERS, tablefmt="simple", disable_numparse=True)
    return [line.rstrip() for line in table.splitlines()]


@settings(max_examples=300, deadline=None)
@given(rows=rows, color=st.booleans())
def test_the_table_is_tabulates_simple_format(rows, color):
    wrapped = any("\n" in row[3] for row in rows)
    if color and wrapped and any("\u2028" in c or "\u2029" in c for row in rows for c in row):
        # tabulate drops what follows such a separator in a cell of a coloured table with
        # a wrapped row (it zips the lines it measured, split at \r and \n, with those of
        # Python's splitlines); the report shows it
        return
    assert text._columns(rows, lambda sev: text._severity(Severity(sev), color)) == by_tabulate(rows, color)


@pytest.mark.parametrize("color", [False, True])
def test_a_real_table(color):
    rows = [
        ("error", "IPMP102 vswitches-share-service-domain", "fleet/srv1/ldm-list-l.txt:12:3", "both vsws in primary"),
        ("warning", "IPMP2 x", "a:1:1", "a long message\nwrapped in two"),
        ("info", "CAP001 parse-warning", "fleet/srv1/ldg1/ifconfig-a.txt:7:1", ""),
    ]
    assert text._columns(rows, lambda sev: text._severity(Severity(sev), color)) == by_tabulate(rows, color)
