"""``routeadm`` and ``routeadm -p`` (Solaris 10 and 11) →
``RoutingState``: whether IPv4/IPv6 forwarding and routing are on, persistently and now
(rule IPMP502: a service domain that routes for its guests must forward).

The layout is illumos ``usr/src/cmd/cmd-inet/usr.sbin/routeadm/routeadm.c``
(``ra_report``), and the Solaris 11 routeadm(1M) output as Oracle prints it: a two-line
header and a rule, then each option as ``"%27s   %-21s%s"`` (its name right-aligned —
``IPv4 routing``, ``IPv6 routing``, ``IPv4 forwarding``, ``IPv6 forwarding`` — the
persistent state, the current state: ``enabled``/``disabled``), a blank line, the
variables that are set as ``"%27s   \\"%s\\""`` (``Routing services``, ``IPv4 routing
daemon``, ...), and ``Routing daemons:`` with a ``STATE FMRI`` table. The variables and
the daemons table are skipped on purpose: no rule reads them. ``routeadm -p`` prints
``<option> persistent=<state> default=<state> current=<state>`` for each option and
``<variable> persistent="..." default="..."`` for each variable; with an operand
(``routeadm -p ipv4-forwarding``) the name is left out, and is taken from the captured
command line. The -p names (``ipv4-forwarding``) are given the table's names (``IPv4
forwarding``) so both forms answer ``RoutingState.option("IPv4 forwarding")``.

Cells are split on runs of two or more blanks (the names hold one blank). A state is
True for ``enabled``, False for ``disabled``, None for ``default``; a note after it in
parentheses (``disabled (default)``, which an early Solaris 10 routeadm may print: no
copy of such output was found, so only the first word is trusted) is read past. Any
other state is warned and None.
"""

from __future__ import annotations

import re
from typing import Optional

from lark import v_args

from ipmplint.model import RoutingOption, RoutingState
from ipmplint.parsers.base import CaptureTransformer, ParseContext, ParseResult, first_column, run
from ipmplint.parsers.tokens import Token

KIND = "routeadm"

#: routeadm -p names → the names its table prints (routeadm.c ra_intloptname).
OPTIONS: dict[str, str] = {
    "ipv4-routing": "IPv4 routing",
    "ipv6-routing": "IPv6 routing",
    "ipv4-forwarding": "IPv4 forwarding",
    "ipv6-forwarding": "IPv6 forwarding",
}

#: Variables (both spellings): skipped on purpose.
VARIABLES = frozenset(
    {
        "ipv4-routing-daemon",
        "ipv4-routing-daemon-args",
        "ipv4-routing-stop-cmd",
        "ipv6-routing-daemon",
        "ipv6-routing-daemon-args",
        "ipv6-routing-stop-cmd",
        "routing-svcs",
        "IPv4 routing daemon",
        "IPv4 routing daemon args",
        "IPv4 routing daemon stop",
        "IPv6 routing daemon",
        "IPv6 routing daemon args",
        "IPv6 routing daemon stop",
        "Routing services",
    }
)

_STATES = {"enabled": True, "disabled": False, "default": None}

#: A cell: words joined by single blanks (cells are apart by two blanks or a tab).
_CELL = re.compile(r"[^ \t]+(?: [^ \t]+)*")
_PAIR = re.compile(r'([\w-]+)=("[^"]*"|\S*)')
_OPERAND = re.compile(r"routeadm\b.*?\s-p\s*([\w-]+)")


class RouteadmTransformer(CaptureTransformer):
    """Builds one ``RoutingOption`` per option row or ``-p`` line."""

    STRAY = "line not understood as routeadm output"

    def __init__(self, ctx: ParseContext) -> None:
        super().__init__(ctx)
        self.options: list[RoutingOption] = []
        #: The option a ``routeadm -p <option>`` prompt named.
        self.operand: Optional[str] = None

    def start(self, items: list) -> RoutingState:
        return RoutingState(source=self.ctx.source(1), options=tuple(self.options))

    @v_args(inline=True)
    def prompt(self, tok: Token) -> None:
        self.ctx.skip(tok.line)
        m = _OPERAND.search(tok.value)
        self.operand = m.group(1) if m else None

    @v_args(inline=True)
    def heading(self, tok: Token) -> None:
        self.ctx.skip(tok.line)

    def daemons(self, tokens: list[Token]) -> None:
        for tok in tokens:
            self.ctx.skip(tok.line)

    @v_args(inline=True)
    def row(self, tok: Token) -> None:
        cells = _cells(tok)
        name, col = cells[0]
        if name in VARIABLES:
            self.ctx.skip(tok.line)
            return
        if name not in OPTIONS.values():
            self.stray(tok)
            return
        if len(cells) != 3:
            self.ctx.warn(
                tok.line, col, f"{name}: expected a configured and a current state, found {len(cells) - 1} cells"
            )
            return
        self.ctx.consume(tok.line)
        self.options.append(
            RoutingOption(
                option=name,
                source=self.ctx.source(tok.line, col),
                configured=self._state(tok, *cells[1]),
                current=self._state(tok, *cells[2]),
            )
        )

    @v_args(inline=True)
    def parseable(self, tok: Token) -> None:
        col = first_column(tok)
        head = tok.value.split()[0]
        name = head if "=" not in head else self.operand
        if name in VARIABLES:
            self.ctx.skip(tok.line)
            return
        if name is None:
            self.ctx.warn(tok.line, col, "routeadm -p line without its option name, and no command line names it")
            return
        if name not in OPTIONS:
            self.ctx.warn(tok.line, col, f"'{name}' is not a routeadm option")
            return
        pairs = {m.group(1): (m.group(2), tok.column + m.start(2)) for m in _PAIR.finditer(tok.value)}
        missing = [k for k in ("persistent", "current") if k not in pairs]
        if missing:
            self.ctx.warn(tok.line, col, f"{name}: no {' or '.join(missing)}= state")
            return
        self.ctx.consume(tok.line)
        self.options.append(
            RoutingOption(
                option=OPTIONS[name],
                source=self.ctx.source(tok.line, col),
                configured=self._state(tok, *pairs["persistent"]),
                current=self._state(tok, *pairs["current"]),
            )
        )

    def _state(self, tok: Token, text: str, col: int) -> Optional[bool]:
        word = text.split()[0] if text.split() else text
        if word in _STATES:
            return _STATES[word]
        self.ctx.warn(tok.line, col, f"'{text}' is not enabled, disabled or default")
        return None


def _cells(tok: Token) -> list[tuple[str, int]]:
    """The row's cells (split on two or more blanks) with their 1-based columns."""
    return [(m.group(0), tok.column + m.start()) for m in _CELL.finditer(tok.value)]


def parse(text: str, path: str) -> ParseResult[RoutingState]:
    """Parse ``routeadm`` or ``routeadm -p`` output. Never raises."""
    ctx = ParseContext(path, text, KIND)
    return run(ctx, "routeadm", RouteadmTransformer)
