"""``ldm -V`` → ``LdmRelease``: the Logical Domains Manager release of the control domain,
which the link-state rules gate on (``linkprop=phys-state`` arrived in LDoms 1.3; its release notes
release facts).

Every release prints the manager's version first, then its hypervisor protocol lines
and the firmware (the LDoms 1.2 guide, Example 9-1)::

    Logical Domain Manager (v 1.2)
       Hypervisor control protocol v 1.3
       Using Hypervisor MD v 0.1

    System PROM:
       Hypervisor  v. 1.7.0.    @(#)Hypervisor 1.7.0. 2008/11/19 10:20
       OpenBoot    v. 4.30.0.   @(#)OBP 4.30.0. 2008/11/18 13:44

The manager line reads "Logical Domain Manager" in the LDoms 1.2 guide and "Logical
Domains Manager" in later releases, with versions of up to five parts (``v 3.4.0.3.6``);
both spellings are matched (as discovery code in the code index does, ``Logical Domains?
Manager \\(v (.+)\\)``), and every numeric part is kept: ``(1, 2)``, ``(3, 4, 0, 3, 6)``.
Explorer's ``sysconfig/ldm_-V.out`` of later systems adds a ``Hostconfig  v. ...`` line
among the firmware (lateralblast/parsec reads one).

The protocol and firmware lines are **skipped on purpose**: no rule reads them — the
release facts rest on the manager's version alone — and they are recognised, so a line
that is none of these is still reported.
"""

from __future__ import annotations

import re
from typing import Optional

from lark import v_args

from ipmplint.model import LdmRelease
from ipmplint.parsers.base import CaptureTransformer, ParseContext, ParseResult, first_column, run
from ipmplint.parsers.tokens import Token

KIND = "ldm-V"

#: The version inside ``(v ...)``, and the numeric parts it starts with.
_VERSION = re.compile(r"\(v\.?[ \t]*(?P<text>[^)\s]*)")
_NUMERIC = re.compile(r"\d+(?:\.\d+)*")


class VersionTransformer(CaptureTransformer):
    """Reads the manager line; skips the protocol and firmware lines."""

    STRAY = "line not understood as ldm -V output"

    def __init__(self, ctx: ParseContext) -> None:
        super().__init__(ctx)
        self.release: Optional[LdmRelease] = None

    def start(self, _items: list) -> Optional[LdmRelease]:
        if self.release is None and not self.ctx.warnings:
            self.ctx.warn(1, 1, "no 'Logical Domains Manager (v ...)' line: the release is unknown")
        return self.release

    @v_args(inline=True)
    def detail(self, tok: Token) -> None:
        self.ctx.skip(tok.line)

    @v_args(inline=True)
    def manager(self, tok: Token) -> None:
        col = first_column(tok)
        text = tok.value.strip()
        m = _VERSION.search(tok.value)
        digits = _NUMERIC.match(m.group("text")) if m else None
        if m is None or digits is None:
            where = col if m is None else tok.column + m.start("text")
            self.ctx.warn(tok.line, where, f"no version number in '{text}'; the release is unknown")
            return
        version = tuple(int(p) for p in digits.group(0).split("."))
        if self.release is None:
            self.release = LdmRelease(version, f"ldm -V: {text}", self.ctx.source(tok.line, col))
            self.ctx.consume(tok.line)
        elif version == self.release.version:
            self.ctx.consume(tok.line)
        else:
            assert self.release.source is not None
            self.ctx.warn(
                tok.line,
                tok.column + m.start("text"),
                f"a second release ({digits.group(0)}) differs from the first "
                f"({self.release}, line {self.release.source.line}); not read",
            )


def parse(text: str, path: str) -> ParseResult[LdmRelease]:
    """Parse ``ldm -V``; the value is None when no manager line gives a version. Never raises."""
    ctx = ParseContext(path, text, KIND)
    return run(ctx, "ldm_version", VersionTransformer)
