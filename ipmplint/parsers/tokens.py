"""The token the parsers' transformers receive, as the type checker should see it.

lark types a token's position ``Optional[int]``: a token built by hand has none. Every
token a grammar's lexer makes has its line and column, and the parsers rely on that
(``ctx.warn(tok.line, tok.column + n, ...)``). Declaring it here once lets the type
checker hold them to it without an assertion at each of their several hundred uses;
at run time ``Token`` is lark's own class.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from lark import Token as _LarkToken

    class Token(_LarkToken):
        """A token made by a lexer: its position is known."""

        line: int
        column: int
        end_line: int
        end_column: int
        start_pos: int
        end_pos: int
else:
    from lark import Token

__all__ = ["Token"]
