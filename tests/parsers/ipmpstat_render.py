"""Render an ``IpmpstatCapture`` as ``ipmpstat`` prints it: one table per output mode,
field names and widths from illumos ``ipmpstat.c`` (``*_fields[]``), values as its
``sfunc_*`` functions format them (FDT ``%.2fs``, INTERFACES ``a b (c) [d]``).

``style``: ``human`` (each mode under its prompt), ``collapsed`` (spacing squeezed),
``parseable`` (``ipmpstat -P -o <all fields> -<mode>``) and ``doc`` (the 819-6990
guide's ``ipmpstat -P -o -<mode> <fields>`` order).
"""

from __future__ import annotations

from typing import Optional, Sequence

from ofmt_render import collapsed, indented, parseable, table

from ipmplint.model import (
    IpmpstatAddress,
    IpmpstatCapture,
    IpmpstatGroup,
    IpmpstatInterface,
    IpmpstatProbe,
    IpmpstatTarget,
)

GROUP = (("GROUP", 12), ("GROUPNAME", 12), ("STATE", 10), ("FDT", 10), ("INTERFACES", 30))
INTERFACE = (("INTERFACE", 12), ("ACTIVE", 8), ("GROUP", 12), ("FLAGS", 10), ("LINK", 10), ("PROBE", 10), ("STATE", 10))
TARGET = (("INTERFACE", 12), ("MODE", 10), ("TESTADDR", 20), ("TARGETS", 38))
ADDRESS = (("ADDRESS", 26), ("STATE", 7), ("GROUP", 12), ("INBOUND", 12), ("OUTBOUND", 23))
PROBE = (("TIME", 10), ("INTERFACE", 12), ("PROBE", 7), ("NETRTT", 10), ("RTT", 10), ("RTTAVG", 10), ("TARGET", 20))

DISABLED = "ipmpstat: probe-based failure detection is disabled"


def _t(value: Optional[str]) -> str:
    return value or ""


def members(g: IpmpstatGroup) -> str:
    parts = [" ".join(g.active)]
    if g.inactive:
        parts.append("(" + " ".join(g.inactive) + ")")
    if g.unusable:
        parts.append("[" + " ".join(g.unusable) + "]")
    return " ".join(p for p in parts if p)


def group_row(g: IpmpstatGroup) -> list[str]:
    fdt = "" if g.fdt_ms is None else f"{g.fdt_ms / 1000:.2f}s"
    return [g.group, _t(g.groupname), _t(g.state), fdt, members(g)]


def interface_row(i: IpmpstatInterface) -> list[str]:
    active = "" if i.active is None else ("yes" if i.active else "no")
    return [i.interface, active, _t(i.group), i.flags, _t(i.link), _t(i.probe), _t(i.state)]


def target_row(t: IpmpstatTarget) -> list[str]:
    return [t.interface, _t(t.mode), _t(t.testaddr), " ".join(t.targets)]


def address_row(a: IpmpstatAddress) -> list[str]:
    return [a.address, _t(a.state), _t(a.group), " ".join(a.inbound), " ".join(a.outbound)]


def probe_row(p: IpmpstatProbe) -> list[str]:
    return ["0.21s", p.interface, "1411", _t(p.rtt), _t(p.rtt), _t(p.rtt), _t(p.target)]


MODES = (
    ("g", "groups", GROUP, group_row),
    ("i", "interfaces", INTERFACE, interface_row),
    ("nt", "targets", TARGET, target_row),
    ("an", "addresses", ADDRESS, address_row),
    ("p", "probes", PROBE, probe_row),
)


def _mode(letters: str, fields: Sequence[tuple[str, int]], rows: list[list[str]], style: str) -> list[str]:
    names = ",".join(name.lower() for name, _ in fields)
    if style == "parseable":
        return [f"# ipmpstat -P -o {names} -{letters}", *parseable(rows)]
    if style == "doc":
        return [f"$ ipmpstat -P -o -{letters} {names}", *parseable(rows)]
    lines = [f"root@solaris11-1:~# ipmpstat -{letters}", *table(fields, rows)]
    return collapsed(lines) if style == "collapsed" else lines


def render_ipmpstat(capture: IpmpstatCapture, style: str = "human", indent: Optional[str] = None) -> str:
    lines: list[str] = []
    for letters, attr, fields, row in MODES:
        objects = getattr(capture, attr)
        if objects:
            lines += _mode(letters, fields, [row(o) for o in objects], style)
    if capture.probe_disabled is not None:
        lines += ["# ipmpstat -p", DISABLED]
    return "\n".join(indented(lines, indent)) + "\n"
