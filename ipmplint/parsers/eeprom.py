"""``eeprom`` (SPARC, Solaris 10 and 11) → ``Settings``: the OpenBoot variables of the
domain, above all ``local-mac-address?`` (rule IPMP307: physical members of a group
need their own MAC addresses).

``eeprom`` with no operand prints every variable, ``eeprom local-mac-address?`` just
that one (docs/captures.md). The format is illumos
``usr/src/cmd/eeprom/sparc/openprom.c``: ``printf("%s=%s\\n", name, value)`` for a
variable with a value, ``printf("%s: data not available.\\n", name)`` for one without,
``bootcmd=<path> <args>``, and nothing at all for ``security-password``. The value is
printed as stored, so ``nvramrc`` (the one large, multi-line variable, edited with
nvedit) runs over several lines: the lines after ``nvramrc=`` that are not a variable of
their own belong to it and are kept in its value, joined by newlines. Explorer keeps
the output as ``sysconfig/eeprom.out``.

Every ``name=value`` is kept as a ``Setting``; a variable with no data is skipped (no
value to keep); any other line is warned. Shares ``grammars/settings.lark`` and its
transformer with ``/etc/default/mpathd`` (``parsers/key_value.py``).
"""

from __future__ import annotations

from typing import Optional

from ipmplint.model import Settings
from ipmplint.parsers.base import ParseContext, ParseResult, first_column, run
from ipmplint.parsers.key_value import KeyValueTransformer, Line
from ipmplint.parsers.tokens import Token

KIND = "eeprom"

#: Variables whose value may hold newlines (openprom.c: nvramrc is the large one).
MULTILINE = frozenset({"nvramrc"})


class EepromTransformer(KeyValueTransformer):
    """Keeps every ``name=value``; appends continuation lines to an open ``nvramrc``."""

    def __init__(self, ctx: ParseContext) -> None:
        super().__init__(ctx)
        #: The multi-line setting being read and the last line it holds.
        self.open: Optional[list] = None
        self.last_line = 0

    def on_setting(self, line: Line) -> None:
        if line.gap:  # eeprom prints "%s=%s": a blank before "=" is not its output
            self.close()
            self.ctx.warn(line.tok.line, line.equals_col, "blank before '=': not a variable as eeprom prints it")
            return
        self.keep(line)
        self.open = self.kept[-1] if line.key in MULTILINE else None
        self.last_line = line.tok.line

    def on_text(self, tok: Token) -> None:
        if not self.continue_value(tok):
            self.ctx.warn(tok.line, first_column(tok), "not a name=value line of eeprom output")

    def on_comment(self, tok: Token) -> None:
        if not self.continue_value(tok):
            self.ctx.skip(tok.line)

    def on_unavailable(self, tok: Token) -> None:
        self.close()
        self.ctx.skip(tok.line)  # the variable has no value: nothing to keep

    def on_prompt(self, tok: Token) -> None:
        self.close()
        self.ctx.skip(tok.line)

    def continue_value(self, tok: Token) -> bool:
        """Append the line to the open multi-line value (blank lines in between kept)."""
        if self.open is None:
            return False
        gap = "\n" * (tok.line - self.last_line)
        self.open[1] = f"{self.open[1]}{gap}{self.ctx.line_text(tok.line)}"
        self.last_line = tok.line
        self.ctx.consume(tok.line)
        return True

    def close(self) -> None:
        self.open = None


def parse(text: str, path: str) -> ParseResult[Settings]:
    """Parse ``eeprom`` output. Never raises."""
    ctx = ParseContext(path, text, KIND)
    return run(ctx, "settings", EepromTransformer)
