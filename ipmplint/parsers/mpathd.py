"""``/etc/default/mpathd`` → ``Settings``: in.mpathd's failure detection time, failback and
which interfaces it tracks (rules IPMP207 and IPMP404).

The file (Solaris 10 and 11; in.mpathd(1M); the stock copy is illumos
``usr/src/cmd/cmd-inet/usr.lib/in.mpathd/mpathd.dfl``) is ``NAME=value`` lines and
``#`` comments: ``FAILURE_DETECTION_TIME=10000``, ``FAILBACK=yes``,
``TRACK_INTERFACES_ONLY_WITH_GROUPS=yes``. Every ``NAME=value`` is kept as a ``Setting``
(a misspelt or unknown name is a rule's to judge, not the parser's).

in.mpathd reads it with defread(3C) (illumos ``libc/port/gen/deflt.c``), which decides
what else is said here: it looks for the first line that *begins* with ``NAME=`` after
skipping spaces, matching the name without regard to case (in.mpathd turns DC_CASE
off). So a blank before ``=`` (``FAILBACK = no``) or a tab before the name makes a line
in.mpathd never reads: it is warned and not kept. And a name set twice is read from its
first line: the later one is warned and not kept, so ``Settings.get`` answers what the
daemon uses. A line that is not ``NAME=value`` is warned.
"""

from __future__ import annotations

from ipmplint.model import Settings
from ipmplint.parsers.base import ParseContext, ParseResult, first_column, run
from ipmplint.parsers.key_value import KeyValueTransformer, Line
from ipmplint.parsers.tokens import Token

KIND = "mpathd"


class MpathdTransformer(KeyValueTransformer):
    """Keeps the ``NAME=value`` lines in.mpathd would read."""

    def on_setting(self, line: Line) -> None:
        tok = line.tok
        if line.gap:
            self.ctx.warn(
                tok.line,
                line.equals_col,
                f"blank before '=': in.mpathd looks for '{line.key}=' and never reads this line",
            )
        elif "\t" in line.lead:
            self.ctx.warn(
                tok.line, tok.column, "a tab before the name: in.mpathd skips only spaces and never reads this line"
            )
        else:
            first = self.find(line.key)
            if first is None:
                self.keep(line)
                return
            self.ctx.warn(
                tok.line,
                line.key_col,
                f"{line.key} is set again: in.mpathd reads the first one (line {first[2].line}); this one is ignored",
            )

    def on_unavailable(self, tok: Token) -> None:
        self.on_text(tok)

    def on_text(self, tok: Token) -> None:
        self.ctx.warn(tok.line, first_column(tok), "not a NAME=value line: in.mpathd reads only NAME=value lines")


def parse(text: str, path: str) -> ParseResult[Settings]:
    """Parse ``/etc/default/mpathd``. Never raises."""
    ctx = ParseContext(path, text, KIND)
    return run(ctx, "settings", MpathdTransformer)
