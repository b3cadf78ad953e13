"""``route -n get default`` (or ``route get <destination>``; Solaris 10 and 11) →
``RouteLookup``: the route the kernel uses, its gateway and outgoing interface.

The layout is illumos ``usr/src/cmd/cmd-inet/usr.sbin/route.c`` (``print_getmsg``) and
the real Solaris 11 sample in ``tests/data/samples/routes``: ``route to:`` (the operand,
echoed), ``destination:``, ``mask:``, ``gateway:`` (only for a route with the GATEWAY
flag), ``setsrc:``, ``interface:`` (with ``-v``: ``net0 index 2 address 0 14 4f ...``),
``flags:`` as ``<UP,GATEWAY,DONE,STATIC>``, then a line of metric names and a line of
numbers. A failed lookup prints ``<destination>: not in table``.

The destination, gateway, interface and flags are kept (one copy of the page at
thegeekdiary.com shows the flags in ``[...]``: read too). The echoed operand, the mask,
the source address, ``sockaddrs``/``locks``/``inits`` details and the metrics are
skipped on purpose: no rule reads them. A file holds one lookup; the lines of a second
one are warned (its first line says so) and not read.
"""

from __future__ import annotations

from typing import Optional

from lark import v_args

from ipmplint.model import RouteLookup
from ipmplint.parsers.base import CaptureTransformer, ParseContext, ParseResult, first_column, run
from ipmplint.parsers.fields import address_problem
from ipmplint.parsers.tokens import Token

KIND = "route-get"

#: Labels whose value is kept, and the RouteLookup field it goes to.
KEPT = {"destination": "destination", "gateway": "gateway", "interface": "interface", "flags": "flags"}


class RouteGetTransformer(CaptureTransformer):
    """Fills one ``RouteLookup`` from the labelled lines of the first lookup."""

    STRAY = "line not understood as route get output"

    def __init__(self, ctx: ParseContext) -> None:
        super().__init__(ctx)
        self.fields: dict[str, object] = {}
        self.lookups = 0
        #: Where the second lookup starts (its lines are not read), if there is one.
        self.second: Optional[int] = None

    def start(self, items: list) -> RouteLookup:
        return RouteLookup(source=self.ctx.source(1), **self.fields)  # type: ignore[arg-type]

    @v_args(inline=True)
    def field(self, tok: Token) -> None:
        col = first_column(tok)
        label, _, rest = tok.value.strip().partition(":")
        value = rest.strip()
        vcol = col + len(label) + 1 + (len(rest) - len(rest.lstrip()))
        if label == "route to":
            self.lookups += 1
            if self.lookups == 2:
                self.second = tok.line
                self.ctx.warn(tok.line, col, "a second route lookup: only the first one in a file is read")
                return
        if self.second is not None:
            self.ctx.cover(tok.line)
            return
        if label not in KEPT:
            self.ctx.skip(tok.line)
            return
        self.ctx.consume(tok.line)
        if label == "flags":
            self.fields["flags"] = frozenset(f for f in value.strip("<>[]").split(",") if f)
        elif label == "interface":
            self.fields["interface"] = value.split()[0] if value else None
        else:
            if label == "gateway" and address_problem(value) is not None:
                self.ctx.warn(tok.line, vcol, f"{address_problem(value)}; kept as written")
            self.fields[KEPT[label]] = value or None

    def metrics(self, tokens: list[Token]) -> None:
        for tok in tokens:
            if self.second is None:
                self.ctx.skip(tok.line)
            else:
                self.ctx.cover(tok.line)

    @v_args(inline=True)
    def missing(self, tok: Token) -> None:
        self.ctx.consume(tok.line)  # no route: the lookup stays empty


def parse(text: str, path: str) -> ParseResult[RouteLookup]:
    """Parse ``route get`` output. Never raises."""
    ctx = ParseContext(path, text, KIND)
    return run(ctx, "route_get", RouteGetTransformer)
