"""``dladm`` → ``DladmCapture``: the datalinks under the IP interfaces (physical NICs,
vnets, aggregations, VNICs), each row one ``Datalink``; the loader merges rows of one
link across tables, this parser merges nothing.

Solaris 11 prints through libofmt (see ``ofmt``), one table per subcommand, each
recognised by its header (dladm(1M); docs/captures.md):

- ``dladm show-phys``: ``LINK MEDIA STATE SPEED DUPLEX DEVICE`` (``-L``: ``LINK DEVICE
  LOC``; LOC and ``-Z``'s ZONE dropped). In a guest domain DEVICE is the ``vnetN``
  behind ``netN``.
- ``dladm show-link`` and bare ``dladm``: ``LINK CLASS MTU STATE OVER`` (OpenSolaris
  and Solaris 11 Express have a BRIDGE column, ``-Z`` a ZONE column: dropped); OVER
  is ``--`` or the links under an aggregation, comma- or blank-separated.
- ``dladm show-vnic``: ``LINK OVER SPEED MACADDRESS MACADDRTYPE VID/IDS``: link, over
  and speed are kept; the MAC columns have no field in ``Datalink`` and are dropped.
- ``dladm show-vlan``: ``LINK VID OVER FLAGS`` (dladm(1M), show-vlan's fields; Solaris
  11.4 adds ``SVID`` and ``PVLAN-TYPE`` for private VLANs): link and over are kept, the
  VLAN's identity is not what ipmplint asks of it and is dropped.
- ``dladm show-aggr -x`` (``LINK PORT SPEED DUPLEX STATE ADDRESS PORTSTATE``) and ``-L``
  (``LINK PORT AGGREGATABLE SYNC COLL DIST DEFAULTED EXPIRED``): an aggregation's row,
  then one row per port with LINK empty (``--``), as illumos ``dladm.c`` prints them and
  real ``-L`` captures show. Each aggregation becomes one ``Datalink`` of CLASS ``aggr``
  OVER its ports, at its own row. Bare ``show-aggr`` (``LINK [MODE] POLICY ADDRPOLICY
  LACPACTIVITY LACPTIMER FLAGS``) names no ports and is skipped on purpose; ``-s``
  (statistics) is not read.
- ``dladm show-phys -m`` (``LINK SLOT ADDRESS INUSE CLIENT``): skipped on purpose. Its
  MAC per link would need a new ``Datalink`` field, and the MACs ipmplint compares
  come from ``ifconfig -a`` and ``ldm``; a row of it alone says nothing else.
- ``dladm show-vlan``: ``LINK VID OVER FLAGS``: link and over are kept (VID and FLAGS
  have no field in ``Datalink``).
- ``dladm show-aggr`` (``LINK [MODE] POLICY ADDRPOLICY LACPACTIVITY LACPTIMER
  [FLAGS]``; MODE since Solaris 11.1, FLAGS before it), ``show-aggr -L`` (LACP state
  per port), ``show-aggr -x`` (per-port state) and ``show-linkprop`` (``LINK PROPERTY
  PERM VALUE [EFFECTIVE] DEFAULT POSSIBLE``): skipped on purpose. An aggregation's
  ports are read from ``show-link`` (CLASS aggr, OVER); no rule reads LACP settings
  or link properties.

Solaris 10 ``dladm`` has no header: ``show-link`` prints
``%-9s\\ttype: %s\\tmtu: %d\\tdevice: %s`` (``type`` is ``non-vlan``, ``vlan N`` or
``legacy``; an aggregation says ``aggregation: key N`` instead of its device),
``show-dev`` prints ``link: up  speed: 1000Mb  duplex: full``, and ``-p`` writes the
same as ``key=value`` (OpenSolaris ``dladm.c``, ``print_link``/``show_dev``; the LDoms
1.2 guide shows ``vsw0  type: non-vlan  mtu: 1500  device: vsw0``). There ``type`` is
kept in ``lclass`` as printed, and an aggregation's device is ``aggrN``, the name
dladm printed as the key.
"""

from __future__ import annotations

import re
from typing import Optional

import attrs

from ipmplint.model import Datalink, DladmCapture
from ipmplint.parsers.base import ParseContext, ParseResult, first_column, run
from ipmplint.parsers.ofmt import Cell, OfmtTransformer, Syntax, Table
from ipmplint.parsers.tokens import Token

KIND = "dladm"

# Fields are named after ``Datalink``'s attributes: a row's values are its keyword arguments.
_READERS = {"link": "raw", "mtu": "number", "over": "names"}

SHOW_PHYS = Table(
    "dladm show-phys",
    {
        "LINK": "link",
        "MEDIA": "media",
        "STATE": "state",
        "SPEED": "speed",
        "DUPLEX": "duplex",
        "DEVICE": "device",
        "LOC": None,
        "ZONE": None,
    },
    keys=("link",),
    commands=("show-phys",),
    readers=_READERS,
)
SHOW_PHYS_MAC = Table(
    "dladm show-phys -m",
    {"LINK": "link", "SLOT": None, "ADDRESS": None, "INUSE": None, "CLIENT": None},
    keys=("link",),
    commands=("show-phys",),
    flag="m",
    skipped=True,
)
SHOW_LINK = Table(
    "dladm show-link",
    {"LINK": "link", "CLASS": "lclass", "MTU": "mtu", "STATE": "state", "BRIDGE": None, "OVER": "over", "ZONE": None},
    keys=("link",),
    commands=("show-link", ""),
    lists=frozenset({"over"}),
    readers=_READERS,
)
SHOW_VNIC = Table(
    "dladm show-vnic",
    {
        "LINK": "link",
        "OVER": "over",
        "SPEED": "speed",
        "MACADDRESS": None,
        "MACADDRTYPE": None,
        "VID": None,
        "VIDS": None,
        "IDS": None,
        "ZONE": None,
    },
    keys=("link",),
    commands=("show-vnic",),
    readers=_READERS,
)
SHOW_VLAN = Table(
    "dladm show-vlan",
    {"LINK": "link", "VID": None, "SVID": None, "PVLAN-TYPE": None, "OVER": "over", "FLAGS": None, "ZONE": None},
    keys=("link",),
    commands=("show-vlan",),
    readers=_READERS,
)
# The port tables: PORT is one port per row; the rows are gathered per aggregation.
SHOW_AGGR_X = Table(
    "dladm show-aggr -x",
    {
        "LINK": "link",
        "PORT": "port",
        "SPEED": None,
        "DUPLEX": None,
        "STATE": None,
        "ADDRESS": None,
        "PORTSTATE": None,
        "ZONE": None,
    },
    keys=("link", "port"),
    commands=("show-aggr",),
    flag="x",
)
SHOW_AGGR_L = Table(
    "dladm show-aggr -L",
    {
        "LINK": "link",
        "PORT": "port",
        "AGGREGATABLE": None,
        "SYNC": None,
        "COLL": None,
        "DIST": None,
        "DEFAULTED": None,
        "EXPIRED": None,
        "ZONE": None,
    },
    keys=("link", "port"),
    commands=("show-aggr",),
    flag="L",
)
SHOW_AGGR = Table(
    "dladm show-aggr",
    {
        "LINK": "link",
        "MODE": None,
        "POLICY": None,
        "ADDRPOLICY": None,
        "LACPACTIVITY": None,
        "LACPTIMER": None,
        "FLAGS": None,
        "ZONE": None,
    },
    keys=("link",),
    commands=("show-aggr",),
    skipped=True,
)
_PORT_TABLES = frozenset({SHOW_AGGR_X.name, SHOW_AGGR_L.name})

SHOW_LINKPROP = Table(
    "dladm show-linkprop",
    {
        "LINK": "link",
        "PROPERTY": None,
        "PERM": None,
        "VALUE": None,
        "EFFECTIVE": None,
        "DEFAULT": None,
        "POSSIBLE": None,
    },
    keys=("link",),
    commands=("show-linkprop",),
    skipped=True,
)
#: Solaris 10: the link name (as if under a LINK column), then ``key: value`` pairs
#: (``key=value`` with ``-p``); no header, read line by line. ``link:`` of show-dev is
#: the link's state.
SOLARIS10 = Table(
    "dladm (Solaris 10)",
    {
        "LINK": "link",
        "type": "lclass",
        "mtu": "mtu",
        "device": "device",
        "aggregation": "device",
        "key": "device",
        "link": "state",
        "speed": "speed",
        "duplex": "duplex",
    },
    keys=("link",),
    readers=_READERS,
)

_S10_LINE = re.compile(r"^(?P<link>[A-Za-z][\w.]*)[ \t]+(?=(?:type|link)(?::[ \t]|=))")
_S10_KEY = re.compile(r"(?<=[ \t])(?P<key>[a-z][\w-]*)(?::[ \t]+|=)")


class DladmTransformer(OfmtTransformer):
    """Builds one ``Datalink`` per row of every dladm table (and Solaris 10 line)."""

    PROGRAM = "dladm"
    STRAY = "line outside any dladm table"
    # dladm(1M): show-phys/show-link/show-vnic/show-vlan [[-p] -o field,...] [-z zone] [-i interval]
    # show-linkprop [-c] [-o field,...] [-p prop,...]
    SYNTAX = {
        **{name: Syntax("ozi", "p") for name in ("show-phys", "show-link", "show-vnic", "show-vlan", "show-aggr", "")},
        "show-linkprop": Syntax("ozp", "c"),
    }
    TABLES = (
        SHOW_PHYS,
        SHOW_PHYS_MAC,
        SHOW_LINK,
        SHOW_VNIC,
        SHOW_VLAN,
        SHOW_AGGR_X,
        SHOW_AGGR_L,
        SHOW_AGGR,
        SHOW_LINKPROP,
    )

    def __init__(self, ctx: ParseContext) -> None:
        super().__init__(ctx)
        self.links: list[Datalink] = []
        #: show-aggr -x / -L: the aggregation the port rows below belong to (its index in
        #: ``links``), and each aggregation's ports as read so far.
        self.aggregation: Optional[int] = None
        self.ports: dict[int, list[str]] = {}

    def start(self, items: list) -> DladmCapture:
        links = [
            attrs.evolve(link, over=tuple(self.ports[i])) if i in self.ports else link
            for i, link in enumerate(self.links)
        ]
        return DladmCapture(source=self.ctx.source(1), links=tuple(links))

    def read(self, table: Table, cells: dict[str, Cell], line: int, col: int) -> bool:
        if table.name in _PORT_TABLES:
            return self.read_port(cells, line, col)
        self.links.append(Datalink(source=self.ctx.source(line, col), **self.values(table, cells, line)))
        return True

    def read_port(self, cells: dict[str, Cell], line: int, col: int) -> bool:
        """A row of show-aggr -x/-L: an aggregation's own row (its LINK; under -x its PORT
        empty), or a port of the aggregation above (LINK empty)."""
        link = self.read_raw(cells, "link", line)
        port = self.read_raw(cells, "port", line)
        if link:
            self.aggregation = len(self.links)
            self.links.append(Datalink(link=link, source=self.ctx.source(line, col), lclass="aggr"))
            self.ports[self.aggregation] = []
        elif self.aggregation is None:
            self.ctx.warn(line, col, f"port {port} before any aggregation's row; not read")
            return False
        if port:
            self.ports[self.aggregation].append(port)
        return True

    def own_line(self, tok: Token) -> bool:
        if _S10_LINE.match(tok.value.strip()) is None:
            return False
        self.loose_row(tok)
        return True

    def loose_row(self, tok: Token) -> None:
        text = tok.value.strip()
        m = _S10_LINE.match(text)
        if m is None:
            super().loose_row(tok)
            return
        col = first_column(tok)
        cells = {"link": Cell(m.group("link"), col, "LINK")}
        keys = list(_S10_KEY.finditer(text, m.end() - 1))
        for k, key in enumerate(keys):
            end = keys[k + 1].start() if k + 1 < len(keys) else len(text)
            value = text[key.end() : end].strip()
            name = key.group("key")
            field = SOLARIS10.columns.get(name)
            if field is None:
                self.ctx.warn(tok.line, col + key.start(), f"unknown Solaris 10 dladm field '{name}'; not read")
                continue
            if name in ("aggregation", "key"):  # the aggregation's device is aggr<key>
                value = "aggr" + value.removeprefix("key").strip()
            cells[field] = Cell(value, col + key.end(), name)
        self.ctx.consume(tok.line)
        self.read(SOLARIS10, cells, tok.line, col)


def parse(text: str, path: str) -> ParseResult[DladmCapture]:
    """Parse ``dladm`` output: ``show-phys``, ``show-link``, bare ``dladm``, ``show-vnic``,
    ``show-vlan``, ``show-aggr -x``/``-L`` (Solaris 11, also ``-p -o``; bare ``show-aggr`` and
    ``show-linkprop`` skipped on purpose) and the Solaris 10 ``show-link``/``show-dev`` lines.
    Never raises."""
    ctx = ParseContext(path, text, KIND)
    return run(ctx, "ofmt", DladmTransformer)
