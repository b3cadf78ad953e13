"""What the tests of the small Solaris formats share: the warnings of a result as
(line, column, message), and, for the "arbitrary text never raises" property tests, a
text strategy built from a format's own words and what pastes wrap around them."""

from __future__ import annotations

from hypothesis import strategies as st

#: Characters and fragments of any capture and of what a paste adds (prompts, CRLF, tabs).
COMMON = list('ab019.:/-\\#|$*>= \t\n\r"') + ["# cat /etc/hosts\n", "$ ", "<pre>", "   "]


def texts(pieces: list[str], max_size: int = 80) -> st.SearchStrategy[str]:
    """Texts made of the format's ``pieces`` and the common ones."""
    return st.lists(st.sampled_from(pieces + COMMON), max_size=max_size).map("".join)


def warned(result) -> list[tuple[int, int, str]]:
    """The result's warnings as (line, column, message), in file order."""
    return [(w.source.line, w.source.col, w.message) for w in result.warnings]
