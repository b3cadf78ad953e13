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
A LINKPROP column anywhere means LDoms 1.3 or later (RULES.md release facts).

``list-bindings`` of LDoms 1.2 repeats the NETWORK header for every vnet and follows
each with a ``PEER MAC`` sub-table (the vsw and the other vnets on it); the peers are
kept on the vnet or vsw. A row whose NAME cell is empty continues the row above (a VID
list wrapped onto the next line).
"""

from __future__ import annotations

import re
from typing import Callable, Optional

import attrs
from lark import Token, v_args

from ipmplint import addressing
from ipmplint.model import LdmDomain, LdmListing, VirtualNetwork, VirtualSwitch
from ipmplint.parsers.base import CaptureTransformer, ParseContext, ParseResult, first_column, run

KIND = "ldm-list-l"

#: Sections ipmplint knows and does not need: skipped on purpose, never a warning
#: (ldm(1M) / ldm(8) of LDoms 1.0 to OVM 3.6).
SKIPPED_SECTIONS = frozenset({
    "UUID", "MAC", "HOSTID", "CONTROL", "DEPENDENCY", "CORE", "VCPU", "MEMORY", "CONSTRAINT",
    "VARIABLES", "IO", "VCC", "VDS", "VDPCS", "VDPCC", "DISK", "VCONS", "VLDC", "VLDCC", "MAU",
    "CRYPTO", "SOFTSTATE", "CMI", "PCIE", "PHYSIO", "VHBA", "VSAN", "RESOURCE", "PARTITION",
    "PM", "POWER", "DATA", "VDISK", "VCONSOLE", "LDC", "PCI", "NIU", "SRIOV", "VF", "PF",
    "SHUTDOWN-GROUP", "PERF-COUNTERS", "THREADING", "MBLOCK", "POOL", "DEVICE",
})

#: Header word → VirtualSwitch field.
VSW_COLUMNS: dict[str, str] = {
    "NAME": "name",
    "MAC": "mac",
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
    "MODE": "mode",
    "PVID": "pvid",
    "VID": "vids",
    "MTU": "mtu",
    "MAXBW": "maxbw",
    "LINKPROP": "linkprop",
}

#: Columns of a PEER sub-table. Only the peer's name is kept; the rest describe the peer,
#: which has a row of its own elsewhere in the listing.
PEER_COLUMNS = frozenset({
    "PEER", "MAC", "MODE", "PVID", "VID", "MTU", "MAXBW", "LINKPROP", "INTERVNETLINK",
    "INTER-VNET-LINK", "LDC",
})

_FLAGS = re.compile(r"^[-a-z]{5,8}$")
_DEVICE = {"vsw": re.compile(r"^switch@\d+$"), "vnet": re.compile(r"^network@\d+$")}
_EMPTY = frozenset({"", "--", "-"})

Words = list[tuple[str, int]]


def _words(line: str) -> tuple[Words, list[int]]:
    """A line's words with their 1-based columns in the file, and their 0-based offsets
    once tabs are expanded (what the alignment with the header is judged on)."""
    words = [(m.group(0), m.start() + 1) for m in re.finditer(r"\S+", line)]
    expanded = [m.start() for m in re.finditer(r"\S+", line.expandtabs(8))]
    return words, expanded


@attrs.define
class _Header:
    """The header of the table being read: each column's kind and where it starts."""

    kinds: list[Optional[str]]
    starts: list[int]
    indent: int

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


@attrs.define
class _Object:
    """A vsw or vnet row being read: its cells so far, where it starts, and its peers."""

    kind: str
    line: int
    col: int
    cells: dict[str, str] = attrs.Factory(dict)
    peers: list[str] = attrs.Factory(list)


class LdmTransformer(CaptureTransformer):
    """Collects each domain block's line tokens; ``domain`` reads them in order."""

    STRAY = "line outside any domain block of ldm output"

    def __init__(self, ctx: ParseContext) -> None:
        super().__init__(ctx)
        self.linkprop_column = False
        self.seen: dict[str, int] = {}

    def start(self, items: list) -> LdmListing:
        domains = tuple(d for block in items if isinstance(block, list) for d in block)
        return LdmListing(source=self.ctx.source(1), domains=domains, linkprop_column=self.linkprop_column)

    # -- collecting -------------------------------------------------------------------

    @v_args(inline=True)
    def row(self, tok: Token):
        return ("row", tok)

    @v_args(inline=True)
    def orphan(self, tok: Token):
        return ("orphan", tok)

    def section(self, children: list[Token]):
        return ("section", children[0], children[1:])

    @v_args(inline=True)
    def separator(self, tok: Token) -> None:
        self.ctx.skip(tok.line)

    # -- one domain block -----------------------------------------------------------------

    def domain(self, children: list) -> list[LdmDomain]:
        head: Token = children[0]
        self.ctx.skip(head.line)
        domains: list[dict] = []
        expected = head.line + 1  # domain rows follow the header line by line
        for item in children[1:]:
            kind = item[0]
            if kind == "row":
                tok = item[1]
                if tok.line == expected:
                    domains.append(self._domain_row(tok))
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

    def _domain_row(self, tok: Token) -> dict:
        words, _ = _words(tok.value)
        name, col = words[0]
        domain: dict = {"name": name, "line": tok.line, "col": col, "vsw": [], "vnet": [], "state": None, "flags": None}
        if len(words) >= 2:
            domain["state"] = words[1][0]
        if len(words) >= 3:
            flags, fcol = words[2]
            if _FLAGS.match(flags):
                domain["flags"] = flags
            else:
                self.ctx.warn(tok.line, fcol, f"'{flags}' is not an ldm FLAGS value")
        else:
            self.ctx.warn(tok.line, col, "domain row without STATE and FLAGS")
        if name in self.seen:
            self.ctx.warn(tok.line, col, f"domain {name} is listed a second time (first at line "
                                         f"{self.seen[name]}); this block is not read")
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
            vswitches=tuple(v for v in (self._vsw(o, d["name"]) for o in d["vsw"]) if v is not None),
            vnets=tuple(v for v in (self._vnet(o, d["name"]) for o in d["vnet"]) if v is not None),
        )

    def _unowned(self, title: Token, body: list[Token]) -> None:
        self.ctx.warn(title.line, title.column, "section before any domain row; not read")
        for tok in body:
            self.ctx.cover(tok.line)

    # -- sections ---------------------------------------------------------------------

    def _section(self, domain: dict, title: Token, body: list[Token]) -> None:
        name = title.value.strip()
        if domain.get("duplicate"):
            for tok in [title, *body]:
                self.ctx.cover(tok.line)
            return
        if name == "VSW":
            self.ctx.consume(title.line)
            domain["vsw"].extend(self._table(body, "vsw", VSW_COLUMNS))
        elif name == "NETWORK":
            self.ctx.consume(title.line)
            domain["vnet"].extend(self._table(body, "vnet", NETWORK_COLUMNS))
        elif name in SKIPPED_SECTIONS:
            self.ctx.skip(title.line)
            for tok in body:
                self.ctx.skip(tok.line)
        else:
            last = body[-1].line if body else title.line
            self.ctx.warn(title.line, title.column,
                          f"unknown ldm section {name}; its lines ({title.line}-{last}) are not read")
            for tok in body:
                self.ctx.cover(tok.line)

    def _table(self, body: list[Token], kind: str, columns: dict[str, str]) -> list[_Object]:
        """The objects of one VSW or NETWORK section, in order."""
        objects: list[_Object] = []
        header: Optional[_Header] = None
        peer: Optional[_Header] = None
        for tok in body:
            words, starts = _words(tok.value)
            first = words[0][0]
            indent = starts[0]
            if peer is not None and indent < peer.indent:
                peer = None
            if first == "NAME" and all(w in columns or w.isupper() for w, _ in words):
                header = self._header(tok, words, starts, columns)
                peer = None
                continue
            if first == "PEER" and all(w in PEER_COLUMNS or w.isupper() for w, _ in words):
                peer = self._header(tok, words, starts, {w: w for w in PEER_COLUMNS})
                if not objects:
                    self.ctx.warn(tok.line, words[0][1], "PEER table before any row it could belong to")
                    peer = None
                continue
            if first == "...":
                self.ctx.warn(tok.line, words[0][1], "elided output ('...'): rows may be missing here")
                continue
            if peer is not None:
                objects[-1].peers.append(first)
                self.ctx.consume(tok.line)
                continue
            if header is None:
                self.ctx.warn(tok.line, words[0][1], f"row of {kind} section before its header; not read")
                continue
            self._row(tok, words, starts, header, kind, objects)
        return objects

    def _header(self, tok: Token, words: Words, starts: list[int], columns: dict[str, str]) -> _Header:
        self.ctx.skip(tok.line)
        kinds: list[Optional[str]] = []
        for word, col in words:
            field = columns.get(word)
            if field is None:
                self.ctx.warn(tok.line, col, f"unknown column '{word}'; its cells are not read")
            kinds.append(field)
            if word == "LINKPROP":
                self.linkprop_column = True
        return _Header(kinds=kinds, starts=starts, indent=starts[0])

    def _row(self, tok: Token, words: Words, starts: list[int], header: _Header, kind: str,
             objects: list[_Object]) -> None:
        assigned = header.assign(starts)
        if assigned is None:
            self.ctx.warn(tok.line, words[len(header.starts)][1],
                          f"row has {len(words)} cells, its header {len(header.starts)}; the extra ones are not read")
            assigned = list(range(len(header.starts)))
            words = words[: len(header.starts)]
        self.ctx.consume(tok.line)
        continuation = assigned[0] != 0 and len(words) < len(header.starts)
        if continuation and objects:
            target = objects[-1]
        else:
            target = _Object(kind, tok.line, words[0][1])
            objects.append(target)
        for (word, col), j in zip(words, assigned):
            field = header.kinds[j]
            if field is None:
                continue
            if continuation:
                if field == "vids" and "vids" in target.cells:
                    target.cells["vids"] += "," + word.lstrip(",")
                    continue
                self.ctx.warn(tok.line, col, f"'{word}' continues the row above in column {field}; not read")
                continue
            target.cells[field] = word
            target.cells[f"{field}@"] = str(col)

    # -- cells → model ----------------------------------------------------------------

    def _cell(self, obj: _Object, field: str, convert: Callable[[str], object], what: str):
        text = obj.cells.get(field)
        if text is None or text in _EMPTY:
            return None
        try:
            return convert(text)
        except ValueError:
            self.ctx.warn(obj.line, int(obj.cells.get(f"{field}@", obj.col)), f"{what} '{text}' is not usable")
            return None

    def _common(self, obj: _Object, kind: str) -> dict:
        mac = obj.cells.get("mac")
        if mac is not None and addressing.normalize_mac(mac) is None and mac not in _EMPTY:
            self.ctx.warn(obj.line, int(obj.cells["mac@"]), f"'{mac}' is not a usable MAC address (anonymised?)")
        device = obj.cells.get("device")
        if device is not None and not _DEVICE[kind].match(device):
            self.ctx.warn(obj.line, int(obj.cells["device@"]),
                          f"device '{device}' is not like {'switch@N' if kind == 'vsw' else 'network@N'}")
        return {
            "mac": None if mac in _EMPTY else mac,
            "device": device,
            "mode": self._text(obj, "mode"),
            "linkprop": self._text(obj, "linkprop"),
            "pvid": self._cell(obj, "pvid", int, "PVID"),
            "vids": self._cell(obj, "vids", _vids, "VID list") or (),
            "mtu": self._cell(obj, "mtu", int, "MTU"),
            "id": self._cell(obj, "id", int, "ID"),
            "peers": tuple(obj.peers),
        }

    @staticmethod
    def _text(obj: _Object, field: str) -> Optional[str]:
        text = obj.cells.get(field)
        return None if text is None or text in _EMPTY else text

    def _vsw(self, obj: _Object, domain: str) -> Optional[VirtualSwitch]:
        name = obj.cells.get("name")
        if name is None:
            self.ctx.warn(obj.line, obj.col, "VSW row without a NAME; not read")
            return None
        return VirtualSwitch(
            name=name,
            domain=domain,
            source=self.ctx.source(obj.line, obj.col),
            net_dev=self._text(obj, "net_dev"),
            default_vlan_id=self._cell(obj, "default_vlan_id", int, "DEFAULT-VLAN-ID"),
            inter_vnet_link=self._text(obj, "inter_vnet_link"),
            **self._common(obj, "vsw"),
        )

    def _vnet(self, obj: _Object, domain: str) -> Optional[VirtualNetwork]:
        name, service = obj.cells.get("name"), obj.cells.get("service")
        if name is None or service is None:
            self.ctx.warn(obj.line, obj.col, "NETWORK row without a NAME and a SERVICE; not read")
            return None
        vsw, _, service_domain = service.partition("@")
        return VirtualNetwork(
            name=name,
            domain=domain,
            service=vsw,
            source=self.ctx.source(obj.line, obj.col),
            service_domain=service_domain or None,
            maxbw=self._text(obj, "maxbw"),
            **self._common(obj, "vnet"),
        )


def _vids(text: str) -> tuple[int, ...]:
    """``5,6`` → (5, 6); raises ValueError on anything that is not a list of VLAN ids."""
    vids = tuple(int(v) for v in text.strip(",").split(","))
    if any(not 1 <= v <= 4094 for v in vids):
        raise ValueError(text)
    return vids


def parse(text: str, path: str) -> ParseResult[LdmListing]:
    """Parse ``ldm list -l`` (or ``list-bindings``, or the short ``ldm list``). Never raises."""
    ctx = ParseContext(path, text, KIND)
    return run(ctx, "ldm_long", LdmTransformer(ctx))
