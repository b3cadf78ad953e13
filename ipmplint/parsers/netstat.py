"""``netstat -rn`` / ``netstat -rnv`` (Solaris 10 and 11) → ``RouteTable``: the routes
in.mpathd picks its probe targets from (rules IPMP020–023).

The grammar (``grammars/netstat.lark``) groups line tokens into tables; this module
splits each row on blanks and maps the words by the table's header words, never by
fixed columns: an IPv6 gateway overflows its column, a gist copy collapses the
spacing, and ``-rnv`` has other columns (Mask, Mxfrg/MTU, Rtt, Out, In/Fwd) than
``-rn``. The interface column is the one that may be empty (a default route added
before its interface; netstat prints an empty string), so a row one word short is
read without it. ``-rnv`` prints IPv4 flags with ``%-4s%6u``: four flag letters and a
six-digit Out counter run together (``UGHD123456``), and are split again here.

A route's family is its table's (``Routing Table: IPv6``), else the header's
(``Destination/Mask`` is the IPv6 header). The IPv4 Mask of ``-rnv`` becomes the
route's prefix length; columns the model has no field for (Out, Rtt, ...) are read
and dropped. ``--`` stands for an empty cell.

``netstat -r`` without ``-n`` prints host and network names (``localhost``,
``sparc-net``) where addresses should be. Such rows stay routes as written, with no
address guessed for them; the file gets one warning, at the first name, and each row
with a name counts as warned.
"""

from __future__ import annotations

import re
from typing import Any, Optional

import attrs

from ipmplint.model import Route, RouteTable, addressing
from ipmplint.parsers.base import CaptureTransformer, ParseContext, ParseResult, run, tokens_with_columns
from ipmplint.parsers.tokens import Token

KIND = "netstat-rn"

#: Header word → what the column holds. Words not listed are warned (an unknown release).
_COLUMNS: dict[str, str] = {
    "Destination": "destination",
    "Destination/Mask": "destination",
    "Gateway": "gateway",
    "Flags": "flags",
    "Flg": "flags",
    "Ref": "ref",
    "Use": "use",
    "Interface": "interface",
    "If": "interface",
    "Device": "interface",
    # -rnv only: read and dropped (the model has no field for them)
    "Mask": "mask",
    "Mxfrg": "mtu",
    "MTU": "mtu",
    "PMTU": "mtu",
    "Rtt": "count",
    "Out": "count",
    "In/Fwd": "count",
}

#: The ``netstat -rn`` layout, for rows of a table whose header was not captured.
_DEFAULT = ("destination", "gateway", "flags", "ref", "use", "interface")

#: What a word of each column looks like; a row is taken only when every word fits.
_VALID: dict[str, re.Pattern[str]] = {
    "flags": re.compile(r"^[A-Za-z]+$"),
    "ref": re.compile(r"^\d+$"),
    "use": re.compile(r"^\d+$"),
    "count": re.compile(r"^\d+$"),
    "mtu": re.compile(r"^\d+\*?$"),
    "interface": re.compile(r"^[A-Za-z][\w.:@-]*$"),
    "mask": re.compile(r"^\d+\.\d+\.\d+\.\d+$"),
}

#: An empty cell, as netstat prints one in some columns (an IPv6 on-link route's
#: gateway; kept as written there).
_EMPTY = "--"
_ADDRESS_COLUMNS = ("destination", "gateway")

#: What an address cell looks like when it is not a name: an address with or without
#: its prefix length, an anonymised IPv4 one (``10.888.x.1``), or ``default``.
_ADDRESSISH = re.compile(r"^(?:default|--|[\d.xX*]+(?:/\d+)?|[0-9A-Fa-f:.]*:[0-9A-Fa-f:.]*(?:/\d+)?(?:%\S+)?)$")

#: Flag letters and a counter printed without a blank between them (``-rnv`` IPv4).
_GLUED = re.compile(r"^([A-Z][A-Za-z]*)(\d+)$")

_TITLE = re.compile(r"^[ \t]*(?:Routing|IRE)[ \t]+Table:[ \t]*(?P<rest>.*)$")

Words = list[tuple[str, int]]


@attrs.define
class _Table:
    """The state of the table being read: its family and its columns."""

    family: Optional[str] = None
    columns: tuple[str, ...] = _DEFAULT
    #: The columns less the interface, which a row may leave empty (None: no such column).
    without_if: Optional[tuple[str, ...]] = attrs.field(init=False)

    @without_if.default
    def _without_if(self) -> Optional[tuple[str, ...]]:
        return _without_interface(self.columns)

    def set_columns(self, columns: tuple[str, ...]) -> None:
        self.columns, self.without_if = columns, _without_interface(columns)


def _without_interface(columns: tuple[str, ...]) -> Optional[tuple[str, ...]]:
    return tuple(c for c in columns if c != "interface") if "interface" in columns else None


class NetstatTransformer(CaptureTransformer):
    """Builds ``Route`` objects straight from the row tokens of each table."""

    STRAY = "line outside any routing table"

    def __init__(self, ctx: ParseContext) -> None:
        super().__init__(ctx)
        #: Whether a row already carried a name (the file's one warning is given).
        self.host_names = False

    def start(self, items: list) -> RouteTable:
        routes = tuple(r for table in items if isinstance(table, list) for r in table)
        return RouteTable(source=self.ctx.source(1), routes=routes, host_names=self.host_names)

    # -- tables -------------------------------------------------------------------

    def table(self, lines: list[tuple[str, Token]]) -> list[Route]:
        state = _Table()
        routes: list[Route] = []
        for kind, tok in lines:
            if kind == "title":
                state.family = self._title(tok)
            elif kind == "heading":
                self._heading(tok, state)
            elif kind == "rule":
                self.ctx.skip(tok.line)
            else:
                route = self._row(tok, state)
                if route is not None:
                    routes.append(route)
        return routes

    def title(self, children: list[Token]) -> Any:
        return ("title", children[0])

    def heading(self, children: list[Token]) -> Any:
        return ("heading", children[0])

    def rule(self, children: list[Token]) -> Any:
        return ("rule", children[0])

    def row(self, children: list[Token]) -> Any:
        return ("row", children[0])

    def _title(self, tok: Token) -> Optional[str]:
        """``IPv4``/``IPv6``; a bare ``Routing Table:`` is IPv4 (netstat's v4-compat mode)."""
        self.ctx.consume(tok.line)
        m = _TITLE.match(tok.value)
        assert m is not None  # the terminal only matches such lines
        rest = m.group("rest").strip()
        if rest in ("", "IPv4"):
            return "inet"
        if rest == "IPv6":
            return "inet6"
        self.ctx.warn(tok.line, tok.column + m.start("rest"), f"routing table of unknown family '{rest}'")
        return None

    def _heading(self, tok: Token, state: _Table) -> None:
        self.ctx.skip(tok.line)
        words = tokens_with_columns(tok.value, tok.column)
        columns: list[str] = []
        for word, col in words:
            kind = _COLUMNS.get(word)
            if kind is None:
                self.ctx.warn(tok.line, col, f"unknown column '{word}' in the routing table header")
                kind = "unknown"
            columns.append(kind)
        missing = [c for c in ("gateway", "flags") if c not in columns]
        if missing:
            self.ctx.warn(tok.line, tok.column, f"routing table header without {' or '.join(missing)}; not used")
            return
        state.set_columns(tuple(columns))
        if state.family is None:
            state.family = "inet6" if words[0][0] == "Destination/Mask" else "inet"

    # -- rows ---------------------------------------------------------------------------

    def _row(self, tok: Token, state: _Table) -> Optional[Route]:
        words = tokens_with_columns(tok.value, tok.column)
        columns = state.columns
        layouts = _layouts(words, columns, state.without_if)
        if not layouts:
            if len(words) > len(columns):
                layouts = [(words[: len(columns)], columns)]
            else:
                self.ctx.warn(
                    tok.line, words[0][1], f"route row has {len(words)} columns, the header has {len(columns)}"
                )
                return None
        chosen = next((lay for lay in layouts if _bad_word(*lay) is None), None)
        if chosen is None:
            bad = _bad_word(*layouts[0])
            assert bad is not None
            (word, col), kind = bad
            self.ctx.warn(tok.line, col, f"'{word}' is not a valid {kind} value; row not read as a route")
            return None
        self.ctx.consume(tok.line)
        if len(words) > len(columns):
            self.ctx.warn(
                tok.line, words[len(columns)][1], "more columns than the header has; the extra ones are ignored"
            )
        cells = {kind: word for (word, _), kind in zip(*chosen) if word != _EMPTY or kind in _ADDRESS_COLUMNS}
        self._names(tok, chosen)
        mask = cells.get("mask")
        return Route(
            destination=cells.get("destination", ""),
            gateway=cells.get("gateway", ""),
            flags=cells.get("flags", ""),
            source=self.ctx.source(tok.line, words[0][1]),
            family=state.family or "inet",
            interface=cells.get("interface"),
            ref=int(cells["ref"]) if "ref" in cells else None,
            use=int(cells["use"]) if "use" in cells else None,
            prefixlen=addressing.prefix_from_netmask(mask) if mask else None,
        )

    def _names(self, tok: Token, layout: tuple[Words, tuple[str, ...]]) -> None:
        """One warning per file for names where addresses should be; each such row
        counts as warned."""
        for (word, col), kind in zip(*layout):
            if kind in _ADDRESS_COLUMNS and not _ADDRESSISH.match(word):
                if self.host_names:
                    self.ctx.cover(tok.line)
                else:
                    self.host_names = True
                    self.ctx.warn(
                        tok.line,
                        col,
                        f"host names, not addresses ('{word}'): capture `netstat -rn`; "
                        "rows with names are kept as written, with no address",
                    )
                return


def _layouts(
    words: Words, columns: tuple[str, ...], without_if: Optional[tuple[str, ...]]
) -> list[tuple[Words, tuple[str, ...]]]:
    """The ways a row's words can map onto the columns (``without_if``: less the
    interface column), most likely first: as they are; without the (empty) interface
    column; with glued flags+counter split."""
    n = len(columns)
    variants = [words]
    if len(words) < n and "flags" in columns:
        flags_at = columns.index("flags")
        glued_counter = flags_at + 1 < n and columns[flags_at + 1] == "count"
        for at in (flags_at, flags_at - 1):
            if glued_counter and 0 <= at < len(words):
                m = _GLUED.match(words[at][0])
                if m:
                    word, col = words[at]
                    split = [(m.group(1), col), (m.group(2), col + len(m.group(1)))]
                    variants.append(words[:at] + split + words[at + 1 :])
    layouts = []
    for variant in variants:
        if len(variant) == n:
            layouts.append((variant, columns))
        elif without_if is not None and len(variant) == len(without_if):
            layouts.append((variant, without_if))
    return layouts


def _bad_word(words: Words, columns: tuple[str, ...]) -> Optional[tuple[tuple[str, int], str]]:
    """The first word that does not fit its column, with the column's kind."""
    for (word, col), kind in zip(words, columns):
        pattern = _VALID.get(kind)
        if pattern is not None and word != _EMPTY and not pattern.match(word):
            return (word, col), kind
    return None


def parse(text: str, path: str) -> ParseResult[RouteTable]:
    """Parse ``netstat -rn`` (or ``-rnv``) output. Never raises."""
    ctx = ParseContext(path, text, KIND)
    return run(ctx, "netstat", NetstatTransformer)
