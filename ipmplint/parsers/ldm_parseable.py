"""``ldm list -p`` / ``ldm list -l -p`` / ``ldm list-bindings -p`` / ``ldm list-constraints
-p`` → ``LdmListing`` (view ``list-p``): the machine-readable form the Oracle guides tell
scripts to use ("always use the -p option", Listing Domain Resources, LDoms 1.2 to OVM
3.6).

The format (ldm(1M) list -p; LDoms 1.2 Administration Guide Example 9-16; OVM 3.5
Administration Guide "Using Universally Unique Identifiers", which shows ``ldm ls -l -p``
printing ``VERSION 1.6`` and ``DOMAIN|name=ldg1|state=inactive|flags=|cons=|ncpu=|mem=|
util=|uptime=``) is a ``VERSION x.y`` line, then records: an upper-case keyword with
``|key=value`` pairs on its line, or alone with ``|key=value`` continuation lines under
it (IO, VARIABLES, a VDS's volumes). A ``DOMAIN|name=...`` record opens each domain and
every record up to the next belongs to it. Values may be empty (``mac-addr=``).

Only DOMAIN, VSW and VNET are read; every other record type ldm prints (the resource
kinds ``ldm_common.SKIPPED_SECTIONS`` lists, and their continuation lines) is skipped on
purpose. An unknown record type is warned at its keyword, and so is an unknown VSW/VNET
key at its column; keys that ldm(1M) documents but no rule reads (``alt-mac-addrs``,
``cos``, ``vsw-relay-mode``, ...: OVM 3.5.0.2 Release Notes, ldm(1M) synopses) are
skipped. The keys map onto the same fields as ``ldm list -l``'s columns and the values
are judged by the same code (``ldm_common.vswitch`` / ``ldm_common.vnet``): ``mac-addr`` →
mac, ``net-dev`` → net_dev, ``dev`` → device, ``vid`` (a comma list) → vids,
``service`` (``vsw`` in constraints, ``vsw@domain`` in bindings) → service and
service_domain. A continuation line under a VSW or VNET whose first key is ``peer`` is
one of its peers (**not seen verbatim**; ``list-bindings`` without ``-p`` prints PEER
lists, as ldm(1M) prints them).

``LdmDomain.flags`` keeps the text as printed. ``ldm list -p`` prints the letters of
``ldm list`` (``flags=-n-cv-``, as a public capacity script quotes ``VERSION 1.11``
output); ``-l -p`` spells them out (``flags=normal,control,vio-service``: OVM 3.4
Administration Guide, Flag Definitions); an inactive domain has ``flags=``. A consumer
tells the control domain by ``c`` in the fourth letter of the letter form, or by
``control`` among the comma-separated words of the spelled-out form.

``ldm list-services -p`` (view ``list-services``) has VSW records and no DOMAIN records:
a VSW outside any DOMAIN belongs to the domain its ``ldom=`` key names (**unconfirmed**:
the human list-services names it in an LDOM column).
"""

from __future__ import annotations

from typing import Optional

import attrs
from lark import v_args

from ipmplint.model import LdmDomain, LdmListing
from ipmplint.parsers.base import CaptureTransformer, ParseContext, ParseResult, first_column, run
from ipmplint.parsers.ldm_common import SKIPPED_SECTIONS, Cell, Fields, vnet, vswitch
from ipmplint.parsers.tokens import Token

KIND = "ldm-list-p"

#: VSW key → VirtualSwitch field (``ldom``: the service's domain, in list-services -p).
VSW_KEYS: dict[str, str] = {
    "name": "name",
    "ldom": "ldom",
    "mac-addr": "mac",
    "net-dev": "net_dev",
    "dev": "device",
    "mode": "mode",
    "linkprop": "linkprop",
    "default-vlan-id": "default_vlan_id",
    "pvid": "pvid",
    "vid": "vids",
    "mtu": "mtu",
    "id": "id",
    "inter-vnet-link": "inter_vnet_link",
    "inter_vnet_link": "inter_vnet_link",
}

#: VNET key → VirtualNetwork field.
VNET_KEYS: dict[str, str] = {
    "name": "name",
    "mac-addr": "mac",
    "dev": "device",
    "service": "service",
    "mode": "mode",
    "linkprop": "linkprop",
    "pvid": "pvid",
    "vid": "vids",
    "mtu": "mtu",
    "id": "id",
    "maxbw": "maxbw",
}

#: Documented ``add-vsw`` / ``add-vnet`` properties no rule reads: skipped, not warned
#: (OVM 3.5.0.2 Release Notes, updated ldm(1M) synopses of add-vsw and add-vnet).
IGNORED_KEYS: dict[str, frozenset[str]] = {
    "VSW": frozenset({"vsw-relay-mode"}),
    "VNET": frozenset(
        {
            "alt-mac-addrs",
            "auto-alt-mac-addrs",
            "pvlan",
            "protection",
            "protect",
            "custom",
            "custom/max-vlans",
            "custom/max-mac-addrs",
            "allowed-ips",
            "allowed-dhcp-cids",
            "priority",
            "cos",
        }
    ),
}

#: Record types read nowhere: the keywords are ``ldm list -l``'s section titles (VCPU,
#: MEMORY, IO, VDS, VARIABLES, ...) and its domain-level records (``UUID|uuid=``,
#: ``MAC|mac-addr=``, ``HOSTID``, ``CONTROL``, ``DEPENDENCY``): one list for both views.
SKIPPED_RECORDS = SKIPPED_SECTIONS

#: Records whose continuation may hold free text (a multi-line nvramrc value).
_FREE_TEXT = frozenset({"VARIABLES"})


@attrs.frozen
class _Pair:
    """One ``key=value`` of a record, with the columns of the key and of the value."""

    key: str
    value: str
    key_col: int
    value_col: int


def _split(tok: Token) -> tuple[str, int, list[_Pair], list[tuple[str, int]]]:
    """A record line's keyword (empty for a ``|`` continuation) and its column, its
    ``key=value`` pairs, and the segments that are not ``key=value`` (with columns)."""
    text = tok.value
    lead = len(text) - len(text.lstrip())
    keyword, _, rest = text[lead:].partition("|")
    pairs: list[_Pair] = []
    bad: list[tuple[str, int]] = []
    col = tok.column + lead + len(keyword) + 1
    for segment in rest.split("|") if rest else ():
        key, eq, value = segment.partition("=")
        if eq:
            pairs.append(_Pair(key, value, col, col + len(key) + 1))
        elif segment.strip():
            bad.append((segment, col))
        col += len(segment) + 1
    return keyword, tok.column + lead, pairs, bad


@attrs.define
class _Domain:
    """A domain block being read."""

    name: str
    line: int
    col: int
    state: Optional[str] = None
    flags: Optional[str] = None
    vsw: list[Fields] = attrs.Factory(list)
    vnet: list[Fields] = attrs.Factory(list)


class ParseableTransformer(CaptureTransformer):
    """Collects the records; ``start`` reads them in order, each under the DOMAIN above it."""

    STRAY = "line before any ldm -p record"

    def __init__(self, ctx: ParseContext, view: str) -> None:
        super().__init__(ctx)
        self.view = view
        self.domains: dict[str, _Domain] = {}
        self.current: Optional[_Domain] = None
        #: The block under a DOMAIN record that was not read (no name, or listed twice).
        self.blocked = False
        self.linkprop = False
        #: Whether any record under a DOMAIN was printed (``-l -p``, ``list-bindings -p``,
        #: ``list-constraints -p``; the short ``ldm list -p`` prints DOMAIN records only).
        self.resources = False

    @v_args(inline=True)
    def version(self, tok: Token) -> None:
        self.ctx.skip(tok.line)

    def record(self, children: list[Token]) -> tuple[str, Token, list[Token]]:
        return ("record", children[0], children[1:])

    def start(self, items: list) -> LdmListing:
        for item in items:
            if isinstance(item, tuple):
                self._record(item[1], item[2])
        domains = tuple(
            LdmDomain(
                name=d.name,
                source=self.ctx.source(d.line, d.col),
                state=d.state,
                flags=d.flags,
                vswitches=tuple(v for v in (vswitch(self.ctx, f, d.name) for f in d.vsw) if v is not None),
                vnets=tuple(v for v in (vnet(self.ctx, f, d.name) for f in d.vnet) if v is not None),
            )
            for d in self.domains.values()
        )
        return LdmListing(
            source=self.ctx.source(1),
            domains=domains,
            linkprop_column=self.linkprop,
            view=self.view,
            resources=self.resources,
        )

    # -- records ----------------------------------------------------------------------

    def _record(self, tok: Token, more: list[Token]) -> None:
        keyword, col, pairs, bad = _split(tok)
        if keyword == "DOMAIN":
            self._domain(tok, col, pairs, more)
        elif self.blocked:
            for t in (tok, *more):
                self.ctx.cover(t.line)
        elif keyword in ("VSW", "VNET"):
            self.resources = True
            self._device(tok, keyword, col, pairs, bad, more)
        elif keyword in SKIPPED_RECORDS:
            self.resources = self.resources or self.current is not None
            self.ctx.skip(tok.line)
            for t in more:
                if t.type == "CONT" or keyword in _FREE_TEXT:
                    self.ctx.skip(t.line)
                else:
                    self._not_continuation(t, keyword)
        else:
            last = more[-1].line if more else tok.line
            self.ctx.warn(
                tok.line, col, f"unknown ldm -p record type {keyword}; its lines ({tok.line}-{last}) are not read"
            )
            for t in more:
                self.ctx.cover(t.line)

    def _domain(self, tok: Token, col: int, pairs: list[_Pair], more: list[Token]) -> None:
        values = {p.key: p.value for p in pairs}
        name = values.get("name")
        self.current, self.blocked = None, True
        if not name:
            self.ctx.warn(tok.line, col, "DOMAIN record without a name; the records under it are not read")
        elif name in self.domains:
            self.ctx.warn(
                tok.line,
                col,
                f"domain {name} is listed a second time (first at line "
                f"{self.domains[name].line}); this block is not read",
            )
        else:
            self.current, self.blocked = _Domain(name, tok.line, col), False
            self.current.state = values.get("state") or None
            self.current.flags = values.get("flags") or None
            self.domains[name] = self.current
            self.ctx.consume(tok.line)
        for t in more:
            self._not_continuation(t, "DOMAIN")

    def _device(
        self, tok: Token, keyword: str, col: int, pairs: list[_Pair], bad: list[tuple[str, int]], more: list[Token]
    ) -> None:
        """A VSW or VNET record and its peer lines."""
        owner = self._owner(pairs, tok.line)
        if owner is None:
            self.ctx.warn(tok.line, col, f"{keyword} record before any DOMAIN record; not read")
            for t in more:
                self.ctx.cover(t.line)
            return
        keys = VSW_KEYS if keyword == "VSW" else VNET_KEYS
        f = Fields("vsw" if keyword == "VSW" else "vnet", f"{keyword} record", tok.line, col)
        self.ctx.consume(tok.line)
        for p in pairs:
            self.linkprop = self.linkprop or p.key == "linkprop"
            field = keys.get(p.key)
            if field is not None:
                f.cells[field] = Cell(p.value, p.value_col, p.key)
            elif p.key not in IGNORED_KEYS[keyword]:
                self.ctx.warn(tok.line, p.key_col, f"unknown {keyword} key '{p.key}'; its value is not read")
        for segment, scol in bad:
            self.ctx.warn(tok.line, scol, f"'{segment}' is not key=value; not read")
        for t in more:
            first = _split(t)[2][:1] if t.type == "CONT" else []
            if first and first[0].key == "peer":
                f.peers.append(first[0].value)
                self.ctx.consume(t.line)
            else:
                self._not_continuation(t, keyword)
        (owner.vsw if f.kind == "vsw" else owner.vnet).append(f)

    def _owner(self, pairs: list[_Pair], line: int) -> Optional[_Domain]:
        """The domain a VSW/VNET belongs to: the one its ``ldom=`` names (list-services
        -p), else the DOMAIN above it."""
        ldom = next((p for p in pairs if p.key == "ldom" and p.value), None)
        if ldom is None:
            return self.current
        if ldom.value not in self.domains:
            self.domains[ldom.value] = _Domain(ldom.value, line, ldom.value_col)
        return self.domains[ldom.value]

    def _not_continuation(self, tok: Token, keyword: str) -> None:
        self.ctx.warn(
            tok.line, first_column(tok), f"line under the {keyword} record is not one of its continuations; not read"
        )


def parse_view(text: str, path: str, kind: str, view: str) -> ParseResult[LdmListing]:
    """Parse a parseable ldm capture as ``kind``, producing a listing of ``view``."""
    ctx = ParseContext(path, text, kind)
    return run(ctx, "ldm_parseable", ParseableTransformer, view)


def parse(text: str, path: str) -> ParseResult[LdmListing]:
    """Parse ``ldm list -p`` and its ``-l``, ``list-bindings`` and ``list-constraints``
    forms (view ``list-p``). Never raises."""
    return parse_view(text, path, KIND, "list-p")
