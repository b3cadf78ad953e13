"""``ipmpstat`` (Solaris 11, and OpenSolaris/Solaris Express since the IPMP
rearchitecture; not a Solaris 10 command) → ``IpmpstatCapture``: in.mpathd's runtime
view of every group, interface, probe target, data address and probe.

One function reads every output mode, each recognised by its header (field names and
default order from illumos ``ipmpstat.c``, ``*_fields[]``; ipmpstat(1M)):

- ``-g``  GROUP GROUPNAME STATE FDT INTERFACES: FDT like ``10.00s`` (``%.2fs`` of the
  failure detection time), ``--`` when probing is off; INTERFACES lists the active
  members plain, then the inactive ones in ``( )``, then the unusable ones in ``[ ]``.
- ``-i``  INTERFACE ACTIVE GROUP FLAGS LINK PROBE STATE.
- ``-t``  INTERFACE MODE TESTADDR TARGETS (one row per test address: an interface
  probing over IPv4 and IPv6 has two).
- ``-a``  ADDRESS STATE GROUP INBOUND OUTBOUND.
- ``-p``  TIME INTERFACE PROBE NETRTT RTT RTTAVG TARGET (RTTDEV with ``-o``); only the
  interface, target and RTT are kept. When no interface has probing enabled ipmpstat
  says ``ipmpstat: probe-based failure detection is disabled`` (its ``die()``
  message), which sets ``probe_disabled``.

A GROUP is empty for the anonymous group (ipmpstat(1M)), and ``IpmpstatGroup.group``
is then ``""``, as it is when the capture did not print GROUP (``-o groupname,...``):
the IPMP interface's name is never taken from the group name.

The machine-parseable form ``ipmpstat -P -o field,... -g`` has no header: its fields
are those of the echoed command (``$ ipmpstat -P -o -g groupname,fdt,interfaces`` in
the 819-6990 guide, read as written there), ``:``-separated with ``\\`` escapes (see
``ofmt``). Parseable lines with no echoed command naming the fields are warned.
"""

from __future__ import annotations

import re
from typing import Optional

from ipmplint.model import (
    IpmpstatAddress,
    IpmpstatCapture,
    IpmpstatGroup,
    IpmpstatInterface,
    IpmpstatProbe,
    IpmpstatTarget,
    Source,
)
from ipmplint.parsers.base import ParseContext, ParseResult, first_column, run
from ipmplint.parsers.ofmt import Cell, OfmtTransformer, Syntax, Table
from ipmplint.parsers.tokens import Token

KIND = "ipmpstat"

# Fields are named after the model's attributes: a row's values are its keyword arguments.
GROUPS = Table(
    "ipmpstat -g",
    {"GROUP": "group", "GROUPNAME": "groupname", "STATE": "state", "FDT": "fdt_ms", "INTERFACES": "members"},
    keys=("group", "groupname"),
    flag="g",
    lists=frozenset({"members"}),
    anonymous=True,
    readers={"group": "raw", "fdt_ms": "fdt", "members": "members"},
)
INTERFACES = Table(
    "ipmpstat -i",
    {
        "INTERFACE": "interface",
        "ACTIVE": "active",
        "GROUP": "group",
        "FLAGS": "flags",
        "LINK": "link",
        "PROBE": "probe",
        "STATE": "state",
    },
    keys=("interface",),
    flag="i",
    readers={"interface": "raw", "active": "yes_no", "flags": "flags"},
)
TARGETS = Table(
    "ipmpstat -t",
    {"INTERFACE": "interface", "MODE": "mode", "TESTADDR": "testaddr", "TARGETS": "targets"},
    keys=("interface",),
    flag="t",
    lists=frozenset({"targets"}),
    readers={"interface": "raw", "targets": "names"},
)
ADDRESSES = Table(
    "ipmpstat -a",
    {"ADDRESS": "address", "STATE": "state", "GROUP": "group", "INBOUND": "inbound", "OUTBOUND": "outbound"},
    keys=("address",),
    flag="a",
    lists=frozenset({"outbound"}),
    readers={"address": "raw", "inbound": "names", "outbound": "names"},
)
PROBES = Table(
    "ipmpstat -p",
    {
        "TIME": None,
        "INTERFACE": "interface",
        "PROBE": None,
        "NETRTT": None,
        "RTT": "rtt",
        "RTTAVG": None,
        "TARGET": "target",
        "RTTDEV": None,
    },
    keys=("interface",),
    flag="p",
    readers={"interface": "raw"},
)

#: Each table's model class and the capture's tuple its rows go to.
_MODELS: dict[str, tuple[type, str]] = {
    GROUPS.name: (IpmpstatGroup, "groups"),
    INTERFACES.name: (IpmpstatInterface, "interfaces"),
    TARGETS.name: (IpmpstatTarget, "targets"),
    ADDRESSES.name: (IpmpstatAddress, "addresses"),
    PROBES.name: (IpmpstatProbe, "probes"),
}

#: ipmpstat's own words when no interface probes (ipmpstat.c, probe_output()).
PROBE_DISABLED = "probe-based failure detection is disabled"

_FDT = re.compile(r"^(\d+(?:\.\d+)?)s$")
_IFFLAGS = re.compile(r"^[-A-Za-z]+$")
#: INTERFACES of -g: ``(inactive ...)``, ``[unusable ...]``, plain active names, or a
#: character that belongs to none of them.
_MARKED = re.compile(r"[()\[\]]")
_MEMBERS = re.compile(r"\((?P<inactive>[^()\[\]]*)\)|\[(?P<unusable>[^()\[\]]*)\]|(?P<active>[^\s()\[\]]+)|(?P<bad>\S)")


class IpmpstatTransformer(OfmtTransformer):
    """Builds the ipmpstat model objects straight from each table's rows."""

    PROGRAM = "ipmpstat"
    STRAY = "line outside any ipmpstat table"
    SYNTAX = {"": Syntax("o", "P")}  # ipmpstat [-n] [-o field[,...] [-P]] -a|-g|-i|-p|-t
    TABLES = (GROUPS, INTERFACES, TARGETS, ADDRESSES, PROBES)

    def __init__(self, ctx: ParseContext) -> None:
        super().__init__(ctx)
        self.groups: list[IpmpstatGroup] = []
        self.interfaces: list[IpmpstatInterface] = []
        self.targets: list[IpmpstatTarget] = []
        self.addresses: list[IpmpstatAddress] = []
        self.probes: list[IpmpstatProbe] = []
        self.probe_disabled: Optional[Source] = None

    def start(self, items: list) -> IpmpstatCapture:
        return IpmpstatCapture(
            source=self.ctx.source(1),
            groups=tuple(self.groups),
            interfaces=tuple(self.interfaces),
            targets=tuple(self.targets),
            addresses=tuple(self.addresses),
            probes=tuple(self.probes),
            probe_disabled=self.probe_disabled,
        )

    def message(self, tok: Token, text: str, col: int) -> None:
        if text == PROBE_DISABLED:
            self.ctx.consume(tok.line)
            if self.probe_disabled is None:
                self.probe_disabled = self.ctx.source(tok.line, first_column(tok))
            return
        super().message(tok, text, col)

    def read(self, table: Table, cells: dict[str, Cell], line: int, col: int) -> bool:
        values = self.values(table, cells, line)
        if table is GROUPS:
            values["active"], values["inactive"], values["unusable"] = values.pop("members")
        model, attr = _MODELS[table.name]
        getattr(self, attr).append(model(source=self.ctx.source(line, col), **values))
        return True

    def read_fdt(self, cells: dict[str, Cell], field: str, line: int) -> Optional[int]:
        """``10.00s`` → 10000 (ms); None for ``--`` (probe-based detection off)."""
        text = self.read_text(cells, field, line)
        if text is None:
            return None
        m = _FDT.match(text)
        if m is None:
            self.ctx.warn(
                line, cells[field].col, f"{cells[field].column} '{text}' is not a time in seconds like 10.00s"
            )
            return None
        return round(float(m.group(1)) * 1000)

    def read_flags(self, cells: dict[str, Cell], field: str, line: int) -> str:
        text = self.read_text(cells, field, line) or ""
        if text and not _IFFLAGS.match(text):
            self.ctx.warn(line, cells[field].col, f"{cells[field].column} '{text}' is not a string of flag letters")
            return ""
        return text

    def read_members(self, cells: dict[str, Cell], field: str, line: int) -> tuple[tuple[str, ...], ...]:
        """INTERFACES → (active, inactive, unusable)."""
        text = self.read_text(cells, field, line)
        if text is None or not _MARKED.search(text):  # active members only: names and blanks
            return tuple(text.split()) if text else (), (), ()
        found: dict[str, list[str]] = {"active": [], "inactive": [], "unusable": []}
        for m in _MEMBERS.finditer(text or ""):
            if m.group("bad") is not None:
                self.ctx.warn(
                    line,
                    cells[field].col + m.start(),
                    f"'{m.group('bad')}' in {cells[field].column} is not part of a member name or marker",
                )
                continue
            kind = m.lastgroup or "active"
            found[kind].extend(m.group(kind).split())
        return tuple(found["active"]), tuple(found["inactive"]), tuple(found["unusable"])


def parse(text: str, path: str) -> ParseResult[IpmpstatCapture]:
    """Parse ``ipmpstat`` output: any of ``-g -i -t -a -p`` and their ``-P -o`` forms,
    one or several in one file. Never raises."""
    ctx = ParseContext(path, text, KIND)
    return run(ctx, "ofmt", IpmpstatTransformer)
