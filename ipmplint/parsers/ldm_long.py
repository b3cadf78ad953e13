"""``ldm list -l`` / ``ldm list-bindings`` / ``ldm list`` → ``LdmListing``: the control
domain's view of every domain, its virtual switches (VSW) and virtual networks (NETWORK).

The grammar (``grammars/ldm_long.lark``) groups line tokens into domain blocks and
sections; this module reads the VSW and NETWORK tables and skips every other section
(VCPU, MEMORY, VDS, VARIABLES, ...) on purpose. A section it does not know is warned
once on its title, with its lines counted as warned.

Table cells are mapped by the header's words, not by splitting alone: ldm prints an
empty cell as blanks (``vsw1  08:00:20:aa:bb:e1            routed`` has no NET-DEV and
no DEVICE), so a word belongs to the header column it starts under. When a row has as
many words as the header, they map one to one (a copy whose spacing collapsed). The
columns differ by release — LDoms 1.0-1.2 ``NAME MAC NET-DEV DEVICE MODE``; 1.3 and
OVM 3.x add ID, LINKPROP, DEFAULT-VLAN-ID, PVID, VID, MTU, MAXBW, INTER-VNET-LINK —
so each header is read anew and an unknown column is a warning on that header word.
A LINKPROP column anywhere means LDoms 1.3 or later (Logical Domains 1.3 Release Notes).

``list-bindings`` of LDoms 1.2 repeats the NETWORK header for every vnet and follows
each with a ``PEER MAC`` sub-table (the vsw and the other vnets on it); the peers are
kept on the vnet or vsw. A row whose NAME cell is empty continues the row above (a VID
list wrapped onto the next line).

From OVM for SPARC 3.4 on, the NETWORK (and VSW) sections print another layout: a
header with a MACADDRESS column and a last column that packs three values
(``NAME SERVICE MACADDRESS PVID|PVLAN|VIDs`` for vnets; ``NAME MACADDRESS NET-DEV
DVID|PVID|VIDs`` for vsws, **not seen verbatim**), a row of dashes under it, one row per
object with ``--`` for an empty value (``1|--|--``), and under each row, indented deeper,
``KEY :value`` detail lines, two pairs to a line (``DEVICE :network@1  ID :1``,
``LINKPROP :phys-state  MTU :1500``). A value that runs over several lines goes on under
its first one (PROTECTION's list), and the vnet's alternate MAC addresses under its
MACADDRESS; both are skipped. Verbatim: OVM 3.4 Administration Guide (zh-CN), Tuning
Packet Throughput Performance (``ldm list-domain -o network ldg3``, whose table follows
the domain's MAC with no NETWORK title); OVM 3.6 Administration Guide, Dynamically
Updating Alternate MAC Addresses (``ldm list -o network ldg1``, a NETWORK section and no
domain header: the domain is the one the command names). Detail keys map to the fields
the older columns fill (DEVICE, ID, LINKPROP, MTU, MODE, MAXBW, INTER-VNET-LINK); the
documented properties no rule reads (CUSTOM, PRIORITY, COS, PROTECTION, ...) are
skipped, and PVLAN is kept nowhere. A LINKPROP key, like the column, marks LDoms 1.3 or
later; so does the 3.4 layout itself.

``ldm list -o <format>`` heads a domain with ``NAME`` alone and the domain's name on the
next line, with no STATE or FLAGS.

``ldm list-services`` (``parse_services``) prints the service sections alone — VCC, VSW,
VDS, with no domain header — and names each service's domain in an LDOM column; its VSW
rows become one ``LdmDomain`` per LDOM value. When the LDOM column is missing, the
domain named on the prompt (``primary# ldm list-services primary``) is used. **Not seen
verbatim**: no Oracle guide shows a list-services table (the LDoms 1.3 guide's "List
Services" stops at the command), so the columns are read by header word like every
other table here, whatever their order. A parseable ``ldm list-services -p`` is handed
to ``ldm_parseable``.

The cells of one vsw or vnet (``Fields``) become model objects in ``vswitch`` and
``vnet`` (ldm_common), which ``ldm_parseable`` shares: a value is judged the same way
whichever view printed it.

Why over 400 lines: ``LdmTransformer`` is one walk over one grammar whose layouts (LDoms
1.x tables, OVM 3.4+ detail lines, list-services, flush tables) share one domain block's
state; cut in two it would pass that state back and forth. What is not that walk (the
cells → model judgement, the sections skipped) is in ldm_common.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any, Optional

import attrs

from ipmplint.model import LdmDomain, LdmListing, LineStatus
from ipmplint.parsers import ldm_parseable
from ipmplint.parsers.base import (
    BOM,
    CaptureTransformer,
    ParseContext,
    ParseResult,
    clean_line,
    first_column,
    run,
)
from ipmplint.parsers.ldm_common import SKIPPED_SECTIONS, Cell, Fields, vnet, vswitch
from ipmplint.parsers.tokens import Token

KIND = "ldm-list-l"
BINDINGS_KIND = "ldm-list-bindings"
SERVICES_KIND = "ldm-list-services"

#: Header word → VirtualSwitch field.
VSW_COLUMNS: dict[str, str] = {
    "NAME": "name",
    "MAC": "mac",
    "MACADDRESS": "mac",
    "NET-DEV": "net_dev",
    "ID": "id",
    "DEVICE": "device",
    "LINKPROP": "linkprop",
    "DEFAULT-VLAN-ID": "default_vlan_id",
    "PVID": "pvid",
    "VID": "vids",
    "MTU": "mtu",
    "MODE": "mode",
    "INTER-VNET-LINK": "inter_vnet_link",
}

#: Header word → VirtualNetwork field (SERVICE is split into vsw and service domain).
NETWORK_COLUMNS: dict[str, str] = {
    "NAME": "name",
    "SERVICE": "service",
    "ID": "id",
    "DEVICE": "device",
    "MAC": "mac",
    "MACADDRESS": "mac",
    "MODE": "mode",
    "PVID": "pvid",
    "VID": "vids",
    "MTU": "mtu",
    "MAXBW": "maxbw",
    "LINKPROP": "linkprop",
}

#: ``ldm list-services`` adds the LDOM column: the domain the service runs in.
SERVICE_VSW_COLUMNS: dict[str, str] = {**VSW_COLUMNS, "LDOM": "ldom"}

#: Columns of a PEER sub-table. Only the peer's name is kept; the rest describe the peer,
#: which has a row of its own elsewhere in the listing.
PEER_COLUMNS = frozenset(
    {
        "PEER",
        "MAC",
        "MACADDRESS",
        "MODE",
        "PVID",
        "VID",
        "MTU",
        "MAXBW",
        "LINKPROP",
        "INTERVNETLINK",
        "INTER-VNET-LINK",
        "LDC",
    }
)

#: The values a packed header word (OVM 3.4+: ``PVID|PVLAN|VIDs``, ``DVID|PVID|VIDs``)
#: holds, by name → field. PVLAN (a private VLAN: ``secondary-vid,pvlan-type``) is kept
#: nowhere: no rule reads it, as ``ldm list -p``'s ``pvlan=`` key.
PACKED_PARTS: dict[str, Optional[str]] = {
    "DVID": "default_vlan_id",
    "PVID": "pvid",
    "VIDs": "vids",
    "PVLAN": None,
}

#: OVM 3.4+ detail key → field, under a vsw row and under a vnet row.
DETAIL_KEYS: dict[str, dict[str, str]] = {
    "vsw": {
        "DEVICE": "device",
        "ID": "id",
        "LINKPROP": "linkprop",
        "MTU": "mtu",
        "MODE": "mode",
        "INTER-VNET-LINK": "inter_vnet_link",
    },
    "vnet": {
        "DEVICE": "device",
        "ID": "id",
        "LINKPROP": "linkprop",
        "MTU": "mtu",
        "MODE": "mode",
        "MAXBW": "maxbw",
    },
}

#: Detail keys skipped on purpose: the ``add-vnet`` / ``add-vsw`` properties no rule reads,
#: upper-cased as ldm prints them (CUSTOM, PRIORITY, COS and PROTECTION seen verbatim; the
#: others from the ldm(1M) synopses of OVM 3.5.0.2, as ``ldm_parseable`` skips them).
IGNORED_DETAIL_KEYS = frozenset(
    {
        "CUSTOM",
        "CUSTOM/MAX-VLANS",
        "CUSTOM/MAX-MAC-ADDRS",
        "PRIORITY",
        "COS",
        "PROTECTION",
        "ALLOWED-IPS",
        "ALLOWED-DHCP-CIDS",
        "ALT-MAC-ADDRS",
        "AUTO-ALT-MAC-ADDRS",
        "PVLAN",
        "VSW-RELAY-MODE",
    }
)

_FLAGS = re.compile(r"^[-a-z]{5,8}$")
_WORD = re.compile(r"\S+")
#: How a warning names a table row of each kind, and its section.
_ROW = {"vsw": "VSW row", "vnet": "NETWORK row"}
_SECTION = {"vsw": "VSW", "vnet": "NETWORK"}
#: The domain an ``ldm list-services <domain>`` prompt names.
_SERVICES_OF = re.compile(r"\bldm\s+(?:list-services|ls-services)\s+(?:-\S+\s+)*(?P<domain>[^-\s]\S*)\s*$")
#: A parseable capture: a VERSION line or a ``KEYWORD|`` record at a line's start.
_PARSEABLE = re.compile(r"^[ \t]*(?:VERSION[ \t]+\d|[A-Z][A-Z0-9_-]*\|)", re.MULTILINE)
#: One ``KEY :value`` pair of an OVM 3.4+ detail line (the value may hold colons: a MAC).
_PAIR = re.compile(r"(?<!\S)(?P<key>[A-Z][A-Z0-9/_-]*)[ \t]*:(?P<value>\S*)")
_RULE = re.compile(r"^-+$")
_MAC = re.compile(r"^[0-9a-fA-F]{1,2}(?::[0-9a-fA-F]{1,2}){5}$")
#: The subcommands whose output a prompt may head, when it names one domain.
_LISTS = frozenset({"list", "ls", "list-domain", "ls-dom", "list-bindings", "ls-bindings"})
#: The ``ldm list`` options that take a value (``-o network``).
_WITH_VALUE = frozenset({"-o"})

Words = list[tuple[str, int]]


def _words(line: str) -> tuple[Words, list[int]]:
    """A line's words with their 1-based columns in the file, and their 0-based offsets
    once tabs are expanded (what the alignment with the header is judged on)."""
    words = [(m.group(0), m.start() + 1) for m in _WORD.finditer(line)]
    if "\t" not in line:  # no tab: a word's offset is its column less one
        return words, [col - 1 for _, col in words]
    return words, [m.start() for m in _WORD.finditer(line.expandtabs(8))]


def _prompt_domain(command: str) -> Optional[tuple[str, int]]:
    """The one domain an ``ldm list`` / ``ldm list-bindings`` prompt names and its 1-based
    column (``primary# ldm list -o network ldg1`` → ``ldg1``, 30); None when it names none
    or several."""
    m = re.search(r"\bldm[ \t]+(\S+)", command)
    if m is None or m.group(1) not in _LISTS:
        return None
    rest = re.split(r"[|;>]", command[m.end() :], maxsplit=1)[0]
    operands: Words = []
    args = iter(_words(rest)[0])
    for arg, col in args:
        if arg.startswith("-"):
            if arg in _WITH_VALUE:
                next(args, None)
            continue
        operands.append((arg, col + m.end()))
    return operands[0] if len(operands) == 1 else None


def _is_rule(words: Words) -> bool:
    """A row of dashes under an OVM 3.4+ header (``----  -------  ----------``)."""
    return all(_RULE.match(w) for w, _ in words)


@attrs.frozen
class _Pair:
    """One ``KEY :value`` of a detail line: the key and value with their columns in the
    file, and the value's 0-based offset once tabs are expanded (what a value continued on
    the next lines is aligned under)."""

    key: str
    key_col: int
    value: str
    value_col: int
    value_start: int


def _pairs(line: str) -> tuple[list[_Pair], Words]:
    """The ``KEY :value`` pairs of a detail line, and the words that are in none."""
    pairs: list[_Pair] = []
    stray: Words = []
    end = 0
    for m in _PAIR.finditer(line):
        stray += [(w, c + end) for w, c in _words(line[end : m.start()])[0]]
        pairs.append(
            _Pair(
                m.group("key"),
                m.start() + 1,
                m.group("value"),
                m.start("value") + 1,
                len(line[: m.start("value")].expandtabs(8)),
            )
        )
        end = m.end()
    stray += [(w, c + end) for w, c in _words(line[end:])[0]]
    return pairs, stray


@attrs.define
class _Header:
    """The header of the table being read: each column's word, kind and where it starts.
    ``packed`` holds, for a column that packs several values (``PVID|PVLAN|VIDs``), each
    value's name and field; ``wide`` says the table is in the OVM 3.4+ layout."""

    words: list[str]
    kinds: list[Optional[str]]
    starts: list[int]
    indent: int
    packed: list[Optional[list[tuple[str, Optional[str]]]]] = attrs.Factory(list)
    wide: bool = False

    def assign(self, starts: list[int]) -> Optional[list[int]]:
        """The column index of each word: one to one when the counts agree, else the
        column each word starts under (a word that lands on a taken column moves to the
        next one: a value that overflowed its column pushes the rest right). None when
        there are more words than columns."""
        n = len(self.starts)
        if len(starts) == n:
            return list(range(n))
        out: list[int] = []
        previous = -1
        for s in starts:
            j = 0
            for k, h in enumerate(self.starts):
                if h <= s:
                    j = k
            j = max(j, previous + 1)
            if j >= n:
                return None
            out.append(j)
            previous = j
        return out


#: The sections that hold a table ipmplint reads.
_TABLE_SECTIONS = frozenset({"VSW", "NETWORK"})


def _adopt_flush_tables(items: list, kind: str) -> list:
    """The items with the lines of a table printed flush with its section title moved
    into that section. ldm indents a section's table under its title; a page that
    reflowed the listing (the LDoms 1.3 guide's ``ldm list -l ldg1``, elided to its
    NETWORK section) left the header and rows at the title's indentation, where the
    grammar sees unindented lines (``kind``: "stray" outside a domain block, "row"
    inside one). They are the table's when a VSW or NETWORK title with no indented
    body is followed, on the very next line, by a ``NAME`` header at its column, and
    for every line that follows without a gap at that column."""
    out: list = []
    for item in items:
        if isinstance(item, tuple) and item[0] == kind and out and _continues_flush_table(out[-1], item[1]):
            out[-1][2].append(item[1])
            continue
        out.append(item)
    return out


def _continues_flush_table(previous: object, tok: Token) -> bool:
    """Whether ``tok`` is the next line of a flush table under the section ``previous``."""
    if not (isinstance(previous, tuple) and previous[0] == "section"):
        return False
    _, title, body = previous
    column = first_column(title)
    if title.value.strip() not in _TABLE_SECTIONS or first_column(tok) != column:
        return False
    if not body:
        return tok.line == title.line + 1 and tok.value.split()[0] == "NAME"
    return first_column(body[0]) == column and tok.line == body[-1].line + 1


class _Row:
    """A line of a section lexed in one token (SKIPPED): what its handling needs of a
    line token, its line and text (column 1: the line is whole)."""

    __slots__ = ("line", "value")
    type = "ROW"
    column = 1

    def __init__(self, line: int, value: str) -> None:
        self.line, self.value = line, value


class _Rows(Sequence):
    """The body of a section lexed in one token (SKIPPED, SOFTSTATE), and the lines
    lexed after it (``rest``, past a blank line). Nine lines in ten of a listing are
    such bodies, and skipping them needs only their range (``last``, the body's last
    line): the token is split into ``_Row`` objects only when a path reads the lines one
    by one (a duplicate domain's section, a section outside any domain block)."""

    __slots__ = ("_token", "_rest", "_rows", "last")

    def __init__(self, token: Token, rest: list[Token]) -> None:
        self._token, self._rest = token, rest
        self._rows: Optional[list[Any]] = None
        self.last = rest[-1].line if rest else token.line + token.value.count("\n")

    def _split(self) -> list[Any]:
        if self._rows is None:
            first = self._token
            rows = first.value.split("\n")[1:]
            self._rows = [_Row(first.line + n, row) for n, row in enumerate(rows, 1)] + self._rest
        return self._rows

    def __len__(self) -> int:
        return len(self._split())

    def __getitem__(self, index: Any) -> Any:
        return self._split()[index]


def _last_line(title: Any, body: Sequence[Any]) -> int:
    """The last line of a section: its body's, or its title's when it has none."""
    if isinstance(body, _Rows):
        return body.last
    return body[-1].line if body else title.line


def _skip_lines(ctx: ParseContext, first: int, last: int) -> None:
    """``ctx.skip`` of every line from ``first`` to ``last`` (a section's title, body and
    the blank lines between: nothing else lies in that range), in one pass over the
    status list rather than a call per line, which was most of a listing's reading. A
    line already claimed (warned by the paste reading, blank) keeps its status, as
    ``ctx.skip`` leaves it; when none is, as in a section lexed in one token, the range
    is filled at once (15 % of the listing's transform, against the line by line test)."""
    status = ctx.status
    lo, hi = max(first, 1) - 1, min(last, len(status))
    span = status[lo:hi]
    if span.count(None) == len(span):
        status[lo:hi] = [LineStatus.SKIPPED] * len(span)
    else:
        status[lo:hi] = [LineStatus.SKIPPED if s is None else s for s in span]


class LdmTransformer(CaptureTransformer):
    """Collects each domain block's line tokens; ``domain`` reads them in order. With
    ``view="list-services"`` it reads the sections that stand outside any domain block
    instead, and a domain block is the capture of another command."""

    STRAY = "line outside any domain block of ldm output"

    def __init__(self, ctx: ParseContext, view: str = "list-l") -> None:
        super().__init__(ctx)
        self.view = view
        self.linkprop_column = False
        #: Whether any domain's resources were printed (a section under a domain).
        self.resources = False
        self.seen: dict[str, int] = {}

    def start(self, items: list) -> LdmListing:
        items = _adopt_flush_tables(items, "stray")
        if self.view == "list-services":
            domains = self._services(items)
        else:
            domains = self._blocks(items)
        return LdmListing(
            source=self.ctx.source(1),
            domains=tuple(domains),
            linkprop_column=self.linkprop_column,
            view=self.view,
            resources=self.resources,
        )

    def _blocks(self, items: list) -> list[LdmDomain]:
        """The domain blocks in order, and the sections printed with no domain header
        (``ldm list -o network ldg1``, OVM 3.6): they belong to the domain the prompt
        above them names; with no such prompt each of their lines is reported."""
        out: list = []
        named: Optional[tuple[str, int, int]] = None
        current: Optional[dict] = None
        for item in items:
            if isinstance(item, list):
                out.append(item)
                named, current = None, None
            elif not isinstance(item, tuple):
                continue
            elif item[0] == "stray":
                self._stray(item[1])
            elif item[0] == "prompt":
                tok = item[1]
                found = _prompt_domain(tok.value)
                named = (found[0], tok.line, tok.column - 1 + found[1]) if found else None
                current = None
            elif item[0] == "section" and named is not None:
                if current is None:
                    name, line, col = named
                    current = {
                        "name": name,
                        "line": line,
                        "col": col,
                        "vsw": [],
                        "vnet": [],
                        "state": None,
                        "flags": None,
                    }
                    if name in self.seen:
                        self.ctx.warn(
                            line,
                            col,
                            f"domain {name} is listed a second time (first at line "
                            f"{self.seen[name]}); this block is not read",
                        )
                        current["duplicate"] = True
                    else:
                        self.seen[name] = line
                    out.append(current)
                self._section(current, item[1], item[2])
            elif item[0] == "section":
                for tok in [item[1], *item[2]]:
                    self.ctx.warn(tok.line, first_column(tok), self.STRAY)
        domains: list[LdmDomain] = []
        for entry in out:
            if isinstance(entry, list):
                domains.extend(entry)
            elif (built := self._build(entry)) is not None:
                domains.append(built)
        return domains

    # -- collecting -------------------------------------------------------------------

    def prompt(self, children: list[Token]) -> tuple[str, Token]:
        tok = children[0]
        self.ctx.skip(tok.line)
        return ("prompt", tok)

    def row(self, children: list[Token]) -> Any:
        return ("row", children[0])

    def stray(self, children: list[Token]) -> Any:
        """Kept for ``start``: it may be a row of the table above it (see
        ``_adopt_flush_tables``); else it is warned there."""
        return ("stray", children[0])

    def _stray(self, tok: Token) -> None:
        self.ctx.warn(tok.line, first_column(tok), self.STRAY)

    def orphan(self, children: list[Token]) -> Any:
        return ("orphan", children[0])

    def section(self, children: list[Token]) -> Any:
        first = children[0]
        if first.type in ("SKIPPED", "SOFTSTATE"):  # a skipped section lexed in one piece
            return ("section", _Row(first.line, first.value.partition("\n")[0]), _Rows(first, children[1:]))
        return ("section", first, children[1:])

    def separator(self, children: list[Token]) -> None:
        self.ctx.skip(children[0].line)

    # -- one domain block -----------------------------------------------------------------

    def domain(self, children: list) -> list[LdmDomain]:
        head: Token = children[0]
        if self.view == "list-services":
            return self._foreign(head, children[1:])
        self.ctx.skip(head.line)
        domains: list[dict] = []
        expected = head.line + 1  # domain rows follow the header line by line
        for item in _adopt_flush_tables(children[1:], "row"):
            kind = item[0]
            if kind == "row":
                tok = item[1]
                if tok.line == expected:
                    domains.append(self._domain_row(tok, name_only=head.type == "ONAME"))
                    expected += 1
                    continue
                self.ctx.warn(tok.line, tok.column, "unindented line inside a domain block; not read")
            elif kind == "orphan":
                tok = item[1]
                self.ctx.warn(tok.line, first_column(tok), "indented line before any section title; not read")
            else:
                _, title, body = item
                if not domains:
                    self._unowned(title, body)
                    continue
                self._section(domains[-1], title, body)
        if not domains:
            self.ctx.warn(head.line, head.column, "domain header with no domain row under it")
        return [d for d in map(self._build, domains) if d is not None]

    def _domain_row(self, tok: Token, name_only: bool = False) -> dict:
        """A domain's row under its header; under ``ldm list -o``'s NAME, its name alone."""
        words, _ = _words(tok.value)
        name, col = words[0]
        domain: dict = {"name": name, "line": tok.line, "col": col, "vsw": [], "vnet": [], "state": None, "flags": None}
        if name_only:
            for word, wcol in words[1:2]:
                self.ctx.warn(tok.line, wcol, f"'{word}' after the domain name under NAME; not read")
        elif len(words) >= 3:
            domain["state"] = words[1][0]
            flags, fcol = words[2]
            if _FLAGS.match(flags):
                domain["flags"] = flags
            else:
                self.ctx.warn(tok.line, fcol, f"'{flags}' is not an ldm FLAGS value")
        else:
            if len(words) == 2:
                domain["state"] = words[1][0]
            self.ctx.warn(tok.line, col, "domain row without STATE and FLAGS")
        if name in self.seen:
            self.ctx.warn(
                tok.line,
                col,
                f"domain {name} is listed a second time (first at line {self.seen[name]}); this block is not read",
            )
            domain["duplicate"] = True
        else:
            self.seen[name] = tok.line
        self.ctx.consume(tok.line)
        return domain

    def _build(self, d: dict) -> Optional[LdmDomain]:
        if d.get("duplicate"):
            return None
        return LdmDomain(
            name=d["name"],
            source=self.ctx.source(d["line"], d["col"]),
            state=d["state"],
            flags=d["flags"],
            vswitches=tuple(v for v in (vswitch(self.ctx, f, d["name"]) for f in d["vsw"]) if v is not None),
            vnets=tuple(v for v in (vnet(self.ctx, f, d["name"]) for f in d["vnet"]) if v is not None),
        )

    def _unowned(self, title: Token, body: list[Token]) -> None:
        self.ctx.warn(title.line, title.column, "section before any domain row; not read")
        for tok in body:
            self.ctx.cover(tok.line)

    def _foreign(self, head: Token, children: list) -> list[LdmDomain]:
        """A domain block in an ``ldm list-services`` capture: another command's output."""
        self.ctx.warn(
            head.line, first_column(head), "ldm list output inside an ldm list-services capture; this block is not read"
        )
        for item in children:
            for tok in (item[1], *item[2]) if item[0] == "section" else (item[1],):
                self.ctx.cover(tok.line)
        return []

    # -- ldm list-services --------------------------------------------------------------

    def _services(self, items: list) -> list[LdmDomain]:
        """The VSW rows of every top-level section, one ``LdmDomain`` per LDOM value, in
        the order the domains first appear."""
        named: Optional[str] = None
        by_domain: dict[str, list[Fields]] = {}
        where: dict[str, tuple[int, int]] = {}
        for item in items:
            if not isinstance(item, tuple):
                continue
            if item[0] == "prompt":
                m = _SERVICES_OF.search(item[1].value)
                named = m.group("domain") if m else None
                continue
            if item[0] == "stray":
                self._stray(item[1])
                continue
            found: dict = {"vsw": [], "vnet": []}
            self._section(found, item[1], item[2], services=True)
            for f in found["vsw"]:
                ldom = f.cells.get("ldom")
                domain = ldom.text if ldom is not None else named
                if domain is None:
                    self.ctx.warn(
                        f.line, f.col, "VSW row with no LDOM cell, and no domain named on the command line; not read"
                    )
                    continue
                by_domain.setdefault(domain, []).append(f)
                where.setdefault(domain, (f.line, ldom.col if ldom is not None else f.col))
        return [
            LdmDomain(
                name=domain,
                source=self.ctx.source(*where[domain]),
                vswitches=tuple(v for v in (vswitch(self.ctx, f, domain) for f in fields) if v is not None),
            )
            for domain, fields in by_domain.items()
        ]

    # -- sections ---------------------------------------------------------------------

    def _section(self, domain: dict, title: Token, body: list[Token], services: bool = False) -> None:
        name = title.value.strip()
        self.resources = True
        if domain.get("duplicate"):
            for tok in [title, *body]:
                self.ctx.cover(tok.line)
            return
        if name == "VSW":
            self.ctx.consume(title.line)
            domain["vsw"].extend(self._table(body, "vsw", SERVICE_VSW_COLUMNS if services else VSW_COLUMNS))
        elif name == "NETWORK" and not services:
            self.ctx.consume(title.line)
            domain["vnet"].extend(self._table(body, "vnet", NETWORK_COLUMNS))
        elif name == "MAC" and not services and (at := _wide_header_at(body)) is not None:
            # OVM 3.4 `ldm list-domain -o network`: the vnet table follows the domain's
            # MAC with no NETWORK title of its own (Tuning Packet Throughput Performance)
            self.ctx.skip(title.line)
            for tok in body[:at]:
                self.ctx.skip(tok.line)
            kind = "vsw" if "NET-DEV" in body[at].value.split() else "vnet"
            domain[kind].extend(self._table(body[at:], kind, VSW_COLUMNS if kind == "vsw" else NETWORK_COLUMNS))
        elif name in SKIPPED_SECTIONS:
            _skip_lines(self.ctx, title.line, _last_line(title, body))
        else:
            last = _last_line(title, body)
            self.ctx.warn(
                title.line, title.column, f"unknown ldm section {name}; its lines ({title.line}-{last}) are not read"
            )
            for tok in body:
                self.ctx.cover(tok.line)

    def _table(self, body: list[Token], kind: str, columns: dict[str, str]) -> list[Fields]:
        """The objects of one VSW or NETWORK section, in order."""
        objects: list[Fields] = []
        header: Optional[_Header] = None
        peer: Optional[_Header] = None
        rule = False  # a row of dashes may come next: under an OVM 3.4+ header
        details: list[_Pair] = []  # the pairs of the last detail line under the current row
        for tok in body:
            words, starts = _words(tok.value)
            first = words[0][0]
            indent = starts[0]
            if rule and _is_rule(words):
                self.ctx.skip(tok.line)
                rule = False
                continue
            rule = False
            if peer is not None and (indent < peer.indent or (peer.wide and _PAIR.match(tok.value.lstrip()))):
                peer = None
            if first == "NAME" and all(w in columns or w.isupper() or "|" in w for w, _ in words):
                header = self._header(tok, words, starts, columns)
                peer, rule, details = None, header.wide, []
                continue
            if first == "PEER" and all(w in PEER_COLUMNS or w.isupper() or "|" in w for w, _ in words):
                peer = self._header(tok, words, starts, {w: w for w in PEER_COLUMNS}, peers=True)
                rule = peer.wide
                if not objects:
                    self.ctx.warn(tok.line, words[0][1], "PEER table before any row it could belong to")
                    peer = None
                continue
            if peer is not None:
                objects[-1].peers.append(first)
                self.ctx.consume(tok.line)
                continue
            if header is None:
                self.ctx.warn(tok.line, words[0][1], f"row of {kind} section before its header; not read")
                continue
            if header.wide and indent > header.indent:
                if objects:
                    details = self._under(tok, words, starts, header, objects[-1], details)
                else:
                    self.ctx.warn(
                        tok.line, words[0][1], f"line under the {_SECTION[kind]} header before any row; not read"
                    )
                continue
            details = []
            self._row(tok, words, starts, header, kind, objects)
        return objects

    def _header(
        self, tok: Token, words: Words, starts: list[int], columns: dict[str, str], peers: bool = False
    ) -> _Header:
        """A table's header. A word that packs several values (``PVID|PVLAN|VIDs``) is
        read value by value; under PEER, whose cells are not read, any known one will do."""
        self.ctx.skip(tok.line)
        fields = set(columns.values())
        kinds: list[Optional[str]] = []
        packed: list[Optional[list[tuple[str, Optional[str]]]]] = []
        for word, col in words:
            parts: Optional[list[tuple[str, Optional[str]]]] = None
            field = columns.get(word)
            if "|" in word:
                parts, offset = [], col
                for part in word.split("|"):
                    known = part in PACKED_PARTS and (peers or PACKED_PARTS[part] in fields | {None})
                    if not known:
                        self.ctx.warn(tok.line, offset, f"unknown column '{part}'; its cells are not read")
                    parts.append((part, PACKED_PARTS.get(part) if known else None))
                    offset += len(part) + 1
            elif field is None:
                self.ctx.warn(tok.line, col, f"unknown column '{word}'; its cells are not read")
            kinds.append(field)
            packed.append(parts)
            if word == "LINKPROP":
                self.linkprop_column = True
        names = [w for w, _ in words]
        wide = "MACADDRESS" in names or any(p is not None for p in packed)
        if wide and not peers:
            self.linkprop_column = True  # the OVM 3.4+ layout: LDoms 1.3 or later
        return _Header(words=names, kinds=kinds, starts=starts, indent=starts[0], packed=packed, wide=wide)

    def _row(
        self, tok: Token, words: Words, starts: list[int], header: _Header, kind: str, objects: list[Fields]
    ) -> None:
        assigned = header.assign(starts)
        if assigned is None:
            self.ctx.warn(
                tok.line,
                words[len(header.starts)][1],
                f"row has {len(words)} cells, its header {len(header.starts)}; the extra ones are not read",
            )
            assigned = list(range(len(header.starts)))
            words = words[: len(header.starts)]
        self.ctx.consume(tok.line)
        continuation = assigned[0] != 0 and len(words) < len(header.starts)
        if continuation and objects:
            target = objects[-1]
        else:
            target = Fields(kind, _ROW[kind], tok.line, words[0][1])
            objects.append(target)
        for (word, col), j in zip(words, assigned):
            parts = header.packed[j] if header.packed else None
            if parts is not None and not continuation:
                self._packed(tok, word, col, header.words[j], parts, target)
                continue
            field = header.kinds[j]
            if field is None:
                continue
            if continuation:
                previous = target.cells.get(field)
                if field == "vids" and previous is not None:
                    target.cells[field] = attrs.evolve(previous, text=previous.text + "," + word.lstrip(","))
                    continue
                self.ctx.warn(tok.line, col, f"'{word}' continues the row above in column {field}; not read")
                continue
            target.cells[field] = Cell(word, col, header.words[j])

    def _packed(
        self, tok: Token, word: str, col: int, label: str, parts: list[tuple[str, Optional[str]]], target: Fields
    ) -> None:
        """A cell that packs several values (``1|--|10,11`` under ``PVID|PVLAN|VIDs``)."""
        values = word.split("|")
        if len(values) != len(parts):
            self.ctx.warn(tok.line, col, f"'{word}' is not the {len(parts)} values of {label}; not read")
            return
        for value, (name, field) in zip(values, parts):
            if field is not None:
                target.cells[field] = Cell(value, col, name)
            col += len(value) + 1

    def _under(
        self, tok: Token, words: Words, starts: list[int], header: _Header, target: Fields, details: list[_Pair]
    ) -> list[_Pair]:
        """A line under an OVM 3.4+ row: ``KEY :value`` detail pairs, a value continued
        from the line above (PROTECTION's list), or the vnet's alternate MAC addresses.
        Returns the pairs a next line may continue."""
        section = _SECTION[target.kind]
        keys = DETAIL_KEYS[target.kind]
        pairs, stray = _pairs(tok.value)
        if pairs:
            read = False
            for p in pairs:
                if p.key == "LINKPROP":
                    self.linkprop_column = True
                field = keys.get(p.key)
                if field is not None:
                    target.cells[field] = Cell(p.value, p.value_col, p.key, tok.line)
                    read = True
                elif p.key not in IGNORED_DETAIL_KEYS:
                    self.ctx.warn(tok.line, p.key_col, f"unknown {section} key '{p.key}'; its value is not read")
            for word, col in stray:
                self.ctx.warn(tok.line, col, f"'{word}' is not KEY :value; not read")
            if read:
                self.ctx.consume(tok.line)
            else:
                self.ctx.skip(tok.line)
            return pairs
        above = next((p for p in details if p.value_start == starts[0]), None)
        if above is not None:
            if above.key in keys:
                self.ctx.warn(tok.line, words[0][1], f"'{words[0][0]}' continues {above.key} above; not read")
            else:
                self.ctx.skip(tok.line)  # the rest of a value no rule reads
            return details
        mac_at = [s for s, k in zip(header.starts, header.kinds) if k == "mac"]
        if mac_at and starts[0] == mac_at[0] and all(_MAC.match(w) for w, _ in words):
            self.ctx.skip(tok.line)  # alternate MAC addresses: no rule reads them
            return details
        self.ctx.warn(tok.line, words[0][1], f"line under a {_ROW[target.kind]} not understood; not read")
        return details


def _wide_header_at(body: list[Token]) -> Optional[int]:
    """Where an OVM 3.4+ table header starts among a section's lines, if it does."""
    for i, tok in enumerate(body):
        words = tok.value.split()
        if words[0] == "NAME" and ("MACADDRESS" in words or any("|" in w for w in words)):
            return i
    return None


def parse(text: str, path: str) -> ParseResult[LdmListing]:
    """Parse ``ldm list -l`` (or ``list-bindings``, or the short ``ldm list``). Never raises."""
    ctx = ParseContext(path, text, KIND)
    return run(ctx, "ldm_long", LdmTransformer)


def parse_bindings(text: str, path: str) -> ParseResult[LdmListing]:
    """Parse ``ldm list-bindings``: the sections of ``ldm list -l`` (view ``list-bindings``,
    so a message can say which command a line came from). Never raises."""
    ctx = ParseContext(path, text, BINDINGS_KIND)
    return run(ctx, "ldm_long", LdmTransformer, view="list-bindings")


def parse_services(text: str, path: str) -> ParseResult[LdmListing]:
    """Parse ``ldm list-services`` (view ``list-services``: vsws only, one domain per LDOM
    value). A parseable ``ldm list-services -p`` goes to ``ldm_parseable``. Never raises."""
    if _PARSEABLE.search("\n".join(clean_line(line) for line in text.removeprefix(BOM).split("\n"))):
        return ldm_parseable.parse_view(text, path, SERVICES_KIND, "list-services")
    ctx = ParseContext(path, text, SERVICES_KIND)
    return run(ctx, "ldm_long", LdmTransformer, view="list-services")
