"""Render ``Datalink`` rows as ``dladm`` prints them: Solaris 11 ``show-phys`` and
``show-link`` through libofmt (widths as the E59668 sample and the cookbook's
``show-link`` show them), their ``-p -o`` form, and Solaris 10 ``show-link`` /
``show-dev`` lines (OpenSolaris ``dladm.c`` ``print_link``/``show_dev`` formats).

A link is written by the table its fields belong to: ``media``/``duplex``/``device``
→ show-phys, ``lclass``/``mtu``/``over`` → show-link (``s10`` style: show-link for a
link with a type, show-dev otherwise).
"""

from __future__ import annotations

from typing import Optional

from ofmt_render import collapsed, indented, parseable, table

from ipmplint.model import Datalink, DladmCapture

SHOW_PHYS = (("LINK", 18), ("MEDIA", 21), ("STATE", 11), ("SPEED", 7), ("DUPLEX", 10), ("DEVICE", 10))
SHOW_LINK = (("LINK", 20), ("CLASS", 10), ("MTU", 7), ("STATE", 9), ("OVER", 10))


def _t(value: Optional[object]) -> str:
    return "" if value is None else str(value)


def is_phys(link: Datalink) -> bool:
    return link.lclass is None and link.mtu is None and not link.over


def phys_row(link: Datalink) -> list[str]:
    return [link.link, _t(link.media), _t(link.state), _t(link.speed), _t(link.duplex), _t(link.device)]


def link_row(link: Datalink, comma: bool) -> list[str]:
    return [link.link, _t(link.lclass), _t(link.mtu), _t(link.state), ("," if comma else " ").join(link.over)]


def s10_line(link: Datalink) -> str:
    if link.lclass is not None:
        device = link.device or ""
        if device.startswith("aggr"):
            return f"{link.link:<9}\ttype: {link.lclass}\tmtu: {link.mtu}\taggregation: key {device[4:]}"
        return f"{link.link:<9}\ttype: {link.lclass}\tmtu: {link.mtu}\tdevice: {device}"
    return f"{link.link}\t\tlink: {link.state}\tspeed: {link.speed:>7}\tduplex: {link.duplex}"


def render_dladm(capture: DladmCapture, style: str = "human", indent: Optional[str] = None) -> str:
    """``style``: ``human``, ``collapsed``, ``parseable`` (``-p -o``), ``bare`` (``dladm``
    with OVER comma-separated) or ``s10``."""
    phys = [link for link in capture.links if is_phys(link)]
    links = [link for link in capture.links if not is_phys(link)]
    lines: list[str] = []
    if style == "s10":
        lines = ["primary# dladm show-link", *(s10_line(link) for link in capture.links)]
        return "\n".join(indented(lines, indent)) + "\n"
    if phys:
        if style == "parseable":
            lines += [
                "# dladm show-phys -p -o link,media,state,speed,duplex,device",
                *parseable([phys_row(link) for link in phys]),
            ]
        else:
            lines += ["# dladm show-phys", *table(SHOW_PHYS, [phys_row(link) for link in phys])]
    if links:
        if style == "parseable":
            lines += [
                "# dladm show-link -p -o link,class,mtu,state,over",
                *parseable([link_row(link, False) for link in links]),
            ]
        else:
            lines += [
                "# dladm" if style == "bare" else "# dladm show-link",
                *table(SHOW_LINK, [link_row(link, style == "bare") for link in links]),
            ]
    if style == "collapsed":
        lines = collapsed(lines)
    return "\n".join(indented(lines, indent)) + "\n"


SHOW_VNIC = (("LINK", 10), ("OVER", 9), ("SPEED", 11), ("MACADDRESS", 20), ("MACADDRTYPE", 18), ("VIDS", 10))
SHOW_VLAN = (("LINK", 16), ("VID", 9), ("OVER", 16), ("FLAGS", 7))


def render_stacked(
    vnics: list[Datalink], vlans: list[Datalink], style: str = "human", indent: Optional[str] = None
) -> str:
    """``dladm show-vnic`` rows (link, over, speed; a made-up MAC, no VLAN) and ``dladm
    show-vlan`` rows (link, over; VID 2, no flags) as the widths of the dladm(1M) and
    Oracle examples print them; ``style``: ``human``, ``collapsed`` or ``parseable``."""
    lines: list[str] = []
    if vnics:
        rows = [[v.link, v.over[0], _t(v.speed), "2:8:20:c2:39:38", "random", ""] for v in vnics]
        if style == "parseable":
            lines += ["# dladm show-vnic -p -o link,over,speed", *parseable([r[:3] for r in rows])]
        else:
            lines += ["# dladm show-vnic", *table(SHOW_VNIC, rows)]
    if vlans:
        rows = [[v.link, "2", v.over[0], "-----"] for v in vlans]
        if style == "parseable":
            lines += ["# dladm show-vlan -p -o link,over", *parseable([[r[0], r[2]] for r in rows])]
        else:
            lines += ["# dladm show-vlan", *table(SHOW_VLAN, rows)]
    if style == "collapsed":
        lines = collapsed(lines)
    return "\n".join(indented(lines, indent)) + "\n"


SHOW_AGGR_X = (
    ("LINK", 11),
    ("PORT", 15),
    ("SPEED", 6),
    ("DUPLEX", 9),
    ("STATE", 10),
    ("ADDRESS", 19),
    ("PORTSTATE", 9),
)
SHOW_AGGR_L = (
    ("LINK", 6),
    ("PORT", 5),
    ("AGGREGATABLE", 13),
    ("SYNC", 5),
    ("COLL", 5),
    ("DIST", 5),
    ("DEFAULTED", 10),
    ("EXPIRED", 7),
)


def render_aggregations(aggrs: list[Datalink], style: str = "x", indent: Optional[str] = None) -> str:
    """Aggregations (link, over = ports) as ``dladm show-aggr -x`` (the aggregation's row,
    then a row per port with LINK empty), ``-L`` (the first port on the aggregation's
    row) or ``-x -p -o link,port``."""
    lines: list[str] = []
    if style == "parseable":
        lines.append("# dladm show-aggr -x -p -o link,port")
        for a in aggrs:
            lines += parseable([[a.link, ""], *[["", port] for port in a.over]])
    elif style == "x":
        rows = []
        for a in aggrs:
            rows.append([a.link, "", "1000Mb", "full", "up", "8:0:27:49:10:b8", ""])
            rows += [["", port, "1000Mb", "full", "up", "8:0:27:49:10:b8", "attached"] for port in a.over]
        lines += ["# dladm show-aggr -x", *table(SHOW_AGGR_X, rows)]
    else:
        rows = [
            [a.link if i == 0 else "", port, "yes", "yes", "yes", "yes", "no", "no"]
            for a in aggrs
            for i, port in enumerate(a.over)
        ]
        lines += ["# dladm show-aggr -L", *table(SHOW_AGGR_L, rows)]
    return "\n".join(indented(lines, indent)) + "\n"
