"""``ipadm`` (Solaris 11) → ``IpadmCapture`` (interfaces and addresses) and
``RoutingState`` (forwarding and the other on/off protocol and interface properties).

Tables read, each by its header (or, for parseable output, by the echoed command):

- ``ipadm show-if``: ``IFNAME CLASS STATE ACTIVE OVER`` (ipadm(1M)). OVER lists
  an ``ipmp`` interface's members, blank-separated. ``-o all`` adds CURRENT and
  PERSISTENT (order IFNAME CLASS STATE ACTIVE CURRENT PERSISTENT OVER: PERSISTENT is
  the 6th field that Vagrant's Solaris 11 guest plugin cuts to look for 4 or 6).
  PERSISTENT is a string of flag letters with ``-`` for a flag not set (illumos
  ``ipadm.c``: ``s`` standby, ``4`` IPv4, ``6`` IPv6 configuration kept across
  reboots); it is kept as printed in ``IpadmInterface.persistent``, so an interface
  made with ``create-ip -t`` shows there without 4 or 6. CURRENT is dropped.
- ``ipadm show-addr``: ``ADDROBJ TYPE STATE ADDR`` (ipadm(1M)); an ADDROBJ longer
  than its column pushes the rest right, so rows are split on blanks. ADDR is
  ``addr/prefixlen``, ``--``, ``?`` (a DHCP address not yet leased), or a tunnel's
  ``local->remote`` (``-->`` in the 11.2 guide, E37475 gmagp): the local side becomes
  the ``Address``, the remote is kept as text. CURRENT and PERSISTENT of ``-o all``
  are dropped (``IpadmAddress`` has no field for them).
- bare ``ipadm`` (Solaris 11.2 and later): ``NAME CLASS/TYPE STATE UNDER ADDR``,
  interface rows and ``if/name`` address rows interleaved (11.4 indents the address
  rows; UNDER right-aligned): a NAME with ``/`` is an address row. Two address rows
  may share an addrobj name (the E37475 gmdgw sample lists ``net0/v4`` static and
  dhcp): both are kept.
- ``ipadm show-prop`` (``PROTO PROPERTY PERM CURRENT PERSISTENT DEFAULT POSSIBLE``,
  printed with OFMT_WRAP) and ``ipadm show-ifprop`` (``IFNAME PROPERTY PROTO PERM
  CURRENT PERSISTENT DEFAULT POSSIBLE``; column order from illumos ``ipadm.c``
  ``intfprop_fields``, names from the 11.2 guide E37475 gmafi): read by
  ``parse_prop`` only. Each on/off row is a ``RoutingOption`` named ``"<proto>
  <property>"`` (``ipv4 forwarding``) or ``"<ifname> <proto> <property>"``; other
  tunables (ttl, buffer sizes) are skipped on purpose.

``configured`` is the PERSISTENT value: ``on`` True, ``off`` False, and ``--`` None,
because ``--`` means no value is stored persistently (never set, or set only with
``set-prop -t``): at boot the property takes its DEFAULT, which the model does not
carry, so a rule must not read None as "off". ``current`` is CURRENT.

One file may hold several tables; each header, or the echoed command, tells which. A
table of the other kind (``show-prop`` in an interface capture, or the reverse) is
warned on its header and its rows are not read: the loader reads that table from the
capture of its own kind.
"""

from __future__ import annotations

import re
from typing import Optional, Union

from ipmplint.model import (
    Address,
    IpadmAddress,
    IpadmCapture,
    IpadmInterface,
    RoutingOption,
    RoutingState,
    Source,
    addressing,
)
from ipmplint.parsers.base import ParseContext, ParseResult, run
from ipmplint.parsers.fields import address_problem
from ipmplint.parsers.ofmt import Cell, OfmtTransformer, Syntax, Table

KIND = "ipadm"
PROP_KIND = "ipadm-show-prop"

# Fields are named after the model's attributes where a table fills one model class.
SHOW_IF = Table(
    "ipadm show-if",
    {
        "IFNAME": "name",
        "CLASS": "iclass",
        "STATE": "state",
        "ACTIVE": "active",
        "CURRENT": None,
        "PERSISTENT": "persistent",
        "OVER": "over",
    },
    keys=("name",),
    commands=("show-if",),
    lists=frozenset({"over"}),
    readers={"name": "raw", "active": "yes_no", "persistent": "flags", "over": "names"},
)
SHOW_ADDR = Table(
    "ipadm show-addr",
    {"ADDROBJ": "addrobj", "TYPE": "type", "STATE": "state", "CURRENT": None, "PERSISTENT": None, "ADDR": "address"},
    keys=("addrobj",),
    commands=("show-addr",),
    readers={"addrobj": "raw", "address": "address"},
)
BARE = Table(
    "ipadm",
    {"NAME": "name", "CLASS/TYPE": "class", "STATE": "state", "UNDER": "under", "ADDR": "address"},
    keys=("name",),
    commands=("",),
    readers={"name": "raw", "address": "address"},
)
_PROPERTY_COLUMNS = {
    "PROPERTY": "property",
    "PROTO": "proto",
    "PERM": None,
    "CURRENT": "current",
    "PERSISTENT": "configured",
    "DEFAULT": None,
    "POSSIBLE": None,
}
_ON_OFF_READERS = {"current": "on_off", "configured": "on_off"}
SHOW_PROP = Table(
    "ipadm show-prop",
    _PROPERTY_COLUMNS,
    keys=("property",),
    commands=("show-prop",),
    wraps=True,
    readers=_ON_OFF_READERS,
)
SHOW_IFPROP = Table(
    "ipadm show-ifprop",
    {"IFNAME": "ifname", **_PROPERTY_COLUMNS},
    keys=("ifname",),
    commands=("show-ifprop",),
    wraps=True,
    readers=_ON_OFF_READERS,
)

#: The tables each parse function keeps.
INTERFACE_TABLES = frozenset({SHOW_IF.name, SHOW_ADDR.name, BARE.name})
PROPERTY_TABLES = frozenset({SHOW_PROP.name, SHOW_IFPROP.name})

_FLAGS = re.compile(r"^[-A-Za-z0-9]+$")
_ON_OFF = {"on": True, "off": False}


class IpadmTransformer(OfmtTransformer):
    """Reads every ipadm table; ``reads`` says which of them this parse keeps."""

    PROGRAM = "ipadm"
    STRAY = "line outside any ipadm table"
    # ipadm(1M): show-if/show-addr [[-p] -o field,...]; show-prop/show-ifprop
    # [[-c] -o field,...] [-p prop,...] [-m protocol]
    SYNTAX = {
        "show-if": Syntax("o", "p"),
        "show-addr": Syntax("o", "p"),
        "show-prop": Syntax("op", "c"),
        "show-ifprop": Syntax("opm", "c"),
    }
    TABLES = (SHOW_IF, SHOW_ADDR, BARE, SHOW_PROP, SHOW_IFPROP)

    def __init__(self, ctx: ParseContext, reads: frozenset[str]) -> None:
        super().__init__(ctx, reads)
        self.interfaces: list[IpadmInterface] = []
        self.addresses: list[IpadmAddress] = []
        self.options: list[RoutingOption] = []

    def start(self, items: list) -> Union[IpadmCapture, RoutingState]:
        if self.reads == PROPERTY_TABLES:
            return RoutingState(source=self.ctx.source(1), options=tuple(self.options))
        return IpadmCapture(
            source=self.ctx.source(1), interfaces=tuple(self.interfaces), addresses=tuple(self.addresses)
        )

    def read(self, table: Table, cells: dict[str, Cell], line: int, col: int) -> bool:
        source = self.ctx.source(line, col)
        if table is SHOW_PROP or table is SHOW_IFPROP:
            return self._option(table, cells, line, source)
        values = self.values(table, cells, line)
        if table is SHOW_IF:
            self.interfaces.append(IpadmInterface(source=source, **values))
            return True
        address, remote = values.pop("address")
        if table is SHOW_ADDR:
            self.addresses.append(IpadmAddress(source=source, address=address, remote=remote, **values))
        elif "/" in values["name"]:  # bare ipadm: an address row
            if values["under"] is not None:
                self.ctx.warn(line, cells["under"].col, "UNDER on an address row is not read")
            self.addresses.append(
                IpadmAddress(
                    addrobj=values["name"],
                    source=source,
                    type=values["class"],
                    state=values["state"],
                    address=address,
                    remote=remote,
                )
            )
        else:
            if address is not None:
                self.ctx.warn(line, cells["address"].col, "an address on an interface row is not read")
            self.interfaces.append(
                IpadmInterface(
                    name=values["name"],
                    source=source,
                    iclass=values["class"],
                    state=values["state"],
                    under=values["under"],
                )
            )
        return True

    # -- readers ---------------------------------------------------------------------------

    def read_flags(self, cells: dict[str, Cell], field: str, line: int) -> Optional[str]:
        """PERSISTENT of ``show-if -o all``: flag letters and ``-``, kept as printed."""
        text = self.read_text(cells, field, line)
        if text is not None and not _FLAGS.match(text):
            self.ctx.warn(line, cells[field].col, f"{cells[field].column} '{text}' is not a string of flags")
            return None
        return text

    def read_address(self, cells: dict[str, Cell], field: str, line: int) -> tuple[Optional[Address], Optional[str]]:
        """ADDR → the local ``Address`` (prefix length parsed, text kept) and a tunnel's
        remote end as text."""
        text = self.read_text(cells, field, line)
        if text is None:
            return None, None
        col = cells[field].col
        local, arrow, remote = text.partition("->")
        local = local.rstrip("-") if arrow else local
        ip_text, slash, prefix = local.partition("/")
        ip = addressing.ip(ip_text)
        family = ("inet6" if ip.version == 6 else "inet") if ip is not None else ("inet6" if ":" in ip_text else "inet")
        problem = address_problem(ip_text)  # a disabled static address shows its host name
        if problem is not None:
            self.ctx.warn(line, col, f"{problem}; kept as text")
        prefixlen: Optional[int] = None
        if slash:
            limit = 128 if family == "inet6" else 32
            if prefix.isdigit() and int(prefix) <= limit:
                prefixlen = int(prefix)
            else:
                self.ctx.warn(line, col + len(ip_text), f"prefix length '/{prefix}' is not usable")
        address = Address(text=ip_text, source=self.ctx.source(line, col), family=family, ip=ip, prefixlen=prefixlen)
        return address, (remote or None) if arrow else None

    def read_on_off(self, cells: dict[str, Cell], field: str, line: int) -> Optional[bool]:
        text = self.read_text(cells, field, line)
        if text is None:
            return None
        if text in _ON_OFF:
            return _ON_OFF[text]
        self.ctx.warn(line, cells[field].col, f"{cells[field].column} '{text}' is neither on nor off")
        return None

    # -- properties --------------------------------------------------------------------

    def _option(self, table: Table, cells: dict[str, Cell], line: int, source: Source) -> bool:
        prop = cells.get("property", Cell("", 0)).text
        if prop != "forwarding" and not any(cells[f].text in _ON_OFF for f in ("current", "configured") if f in cells):
            self.ctx.skip(line)  # a tunable that is not on/off: not a routing option
            return False
        values = self.values(table, cells, line)
        name = " ".join(v for v in (values.get("ifname"), values["proto"], values["property"]) if v is not None)
        self.options.append(
            RoutingOption(option=name, source=source, configured=values["configured"], current=values["current"])
        )
        return True


def parse(text: str, path: str) -> ParseResult[IpadmCapture]:
    """Parse ``ipadm show-if``, ``ipadm show-addr`` and bare ``ipadm`` output (one or
    several tables in one file). Never raises."""
    ctx = ParseContext(path, text, KIND)
    return run(ctx, "ofmt", IpadmTransformer, INTERFACE_TABLES)


def parse_prop(text: str, path: str) -> ParseResult[RoutingState]:
    """Parse ``ipadm show-prop`` / ``ipadm show-ifprop`` output. Never raises."""
    ctx = ParseContext(path, text, PROP_KIND)
    return run(ctx, "ofmt", IpadmTransformer, PROPERTY_TABLES)
