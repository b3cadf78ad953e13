"""What the ``NAME=value`` formats share: ``/etc/default/mpathd`` and ``eeprom`` output.

Both are a list of ``NAME=value`` lines (``grammars/settings.lark``) that become
``Setting`` objects; they differ in what else a line may be (an eeprom variable with no
value, the rest of a multi-line ``nvramrc``) and in what their reader accepts (in.mpathd
reads the file with defread). So the grammar and this transformer are shared: it tags
each line, walks them in order in ``start`` (a continuation line needs the setting
before it) and hands each to the format's ``on_<kind>`` method.
"""

from __future__ import annotations

import abc
import re
from typing import Optional

import attrs
from lark import v_args

from ipmplint.model import Setting, Settings
from ipmplint.parsers.base import CaptureTransformer, ParseContext
from ipmplint.parsers.tokens import Token

#: ``[blanks]NAME[blanks]=value`` (the grammar's SETTING terminal, in groups).
_SETTING = re.compile(r"(?P<lead>[ \t]*)(?P<key>[^\s=]+)(?P<gap>[ \t]*)=(?P<value>.*)")


@attrs.define
class Line:
    """A SETTING token taken apart, with 1-based columns in the grammar's text."""

    tok: Token
    key: str
    key_col: int
    value: str
    equals_col: int
    #: The blanks before the name (defread skips spaces only).
    lead: str
    #: Blanks between the name and ``=``.
    gap: bool


class KeyValueTransformer(CaptureTransformer, abc.ABC):
    """Tags each line; ``start`` hands them in order to ``on_setting``, ``on_text``,
    ``on_unavailable``, ``on_comment`` and ``on_prompt``, which append to ``self.kept``
    the settings they keep, as mutable ``[key, value, Source]`` lists."""

    def __init__(self, ctx: ParseContext) -> None:
        super().__init__(ctx)
        self.kept: list[list] = []

    @v_args(inline=True)
    def prompt(self, tok: Token) -> tuple[str, Token]:
        return ("prompt", tok)

    def __default__(self, data: str, children: list[Token], meta: object) -> tuple[str, Token]:
        """Every other line rule (comment, setting, unavailable, text): tagged with its name."""
        return (str(data), children[0])

    def start(self, items: list) -> Settings:
        for kind, tok in items:
            if kind == "setting":
                self.on_setting(split(tok))
            else:
                getattr(self, f"on_{kind}")(tok)
        return Settings(
            source=self.ctx.source(1),
            settings=tuple(Setting(key=k, value=v, source=s) for k, v, s in self.kept),
        )

    # -- what every format does the same way; each overrides what it must --------------

    def on_prompt(self, tok: Token) -> None:
        self.ctx.skip(tok.line)

    def on_comment(self, tok: Token) -> None:
        self.ctx.skip(tok.line)

    @abc.abstractmethod
    def on_setting(self, line: Line) -> None:
        """Keep (or warn about) one ``NAME=value`` line, as the format's reader would."""

    def on_unavailable(self, tok: Token) -> None:
        self.stray(tok)

    def on_text(self, tok: Token) -> None:
        self.stray(tok)

    def keep(self, line: Line) -> None:
        self.ctx.consume(line.tok.line)
        self.kept.append([line.key, line.value, self.ctx.source(line.tok.line, line.key_col)])

    def find(self, key: str) -> Optional[list]:
        """The first kept setting of ``key`` (matched case-insensitively)."""
        lowered = key.lower()
        return next((k for k in self.kept if k[0].lower() == lowered), None)


def split(tok: Token) -> Line:
    """A SETTING token's name, value and their columns."""
    m = _SETTING.match(tok.value)
    assert m is not None  # the SETTING terminal only matches such lines
    return Line(
        tok=tok,
        key=m.group("key"),
        key_col=tok.column + m.start("key"),
        value=m.group("value"),
        equals_col=tok.column + m.end("gap"),
        lead=m.group("lead"),
        gap=bool(m.group("gap")),
    )
