"""Render ipadm model objects as ``ipadm`` prints them (Solaris 11).

Field widths are those the real outputs show (FORMATS.md 8.1/8.2, the 11.2 guide's bare
``ipadm``), and illumos ``ipadm.c`` for ``-o all`` and the property tables.
``render_ipadm`` writes an ``IpadmCapture`` as ``show-if`` + ``show-addr``, or as bare
``ipadm`` (interface rows, each followed by its address rows, 11.2 flat or 11.4
indented); ``render_prop`` writes a ``RoutingState`` as ``show-prop`` and
``show-ifprop`` tables (with OFMT_WRAP) or their ``-c`` parseable form.
"""

from __future__ import annotations

from typing import Optional

from ofmt_render import collapsed, indented, parseable, table

from ipmplint.model import IpadmAddress, IpadmCapture, IpadmInterface, RoutingOption, RoutingState

SHOW_IF = (("IFNAME", 11), ("CLASS", 9), ("STATE", 9), ("ACTIVE", 7), ("OVER", 8))
SHOW_IF_ALL = (
    ("IFNAME", 11),
    ("CLASS", 9),
    ("STATE", 9),
    ("ACTIVE", 7),
    ("CURRENT", 13),
    ("PERSISTENT", 11),
    ("OVER", 8),
)
SHOW_ADDR = (("ADDROBJ", 18), ("TYPE", 9), ("STATE", 13), ("ADDR", 46))
BARE = (("NAME", 13), ("CLASS/TYPE", 11), ("STATE", 10), ("UNDER", 7), ("ADDR", 46))
SHOW_PROP = (
    ("PROTO", 6),
    ("PROPERTY", 22),
    ("PERM", 5),
    ("CURRENT", 13),
    ("PERSISTENT", 13),
    ("DEFAULT", 13),
    ("POSSIBLE", 15),
)
SHOW_IFPROP = (
    ("IFNAME", 12),
    ("PROPERTY", 16),
    ("PROTO", 6),
    ("PERM", 5),
    ("CURRENT", 11),
    ("PERSISTENT", 11),
    ("DEFAULT", 11),
    ("POSSIBLE", 16),
)


def _t(value: Optional[str]) -> str:
    return value or ""


def addr_text(a: IpadmAddress) -> str:
    if a.address is None:
        return ""
    text = a.address.text
    if a.remote is not None:
        return f"{text}->{a.remote}"
    return f"{text}/{a.address.prefixlen}" if a.address.prefixlen is not None else text


def if_row(i: IpadmInterface, all_fields: bool) -> list[str]:
    active = "" if i.active is None else ("yes" if i.active else "no")
    row = [i.name, _t(i.iclass), _t(i.state), active]
    if all_fields:
        row += ["bm4---------", _t(i.persistent)]
    return row + [" ".join(i.over)]


def addr_row(a: IpadmAddress) -> list[str]:
    return [a.addrobj, _t(a.type), _t(a.state), addr_text(a)]


def render_ipadm(capture: IpadmCapture, style: str = "show", indent: Optional[str] = None) -> str:
    """``style``: ``show`` (show-if + show-addr), ``all`` (``-o all``), ``parseable``
    (``-p -o``), ``collapsed`` (spacing squeezed), ``bare`` (11.2), ``bare-11.4``."""
    if style.startswith("bare"):
        lines = ["# ipadm", *_bare(capture, deep=style == "bare-11.4")]
    elif style == "parseable":
        lines = [
            "# ipadm show-if -p -o ifname,class,state,active,persistent,over",
            *parseable(
                [
                    [
                        i.name,
                        _t(i.iclass),
                        _t(i.state),
                        "" if i.active is None else ("yes" if i.active else "no"),
                        _t(i.persistent),
                        " ".join(i.over),
                    ]
                    for i in capture.interfaces
                ]
            ),
            "# ipadm show-addr -p -o addrobj,type,state,addr",
            *parseable([addr_row(a) for a in capture.addresses]),
        ]
    else:
        all_fields = style == "all"
        lines = [
            "root@solaris11-1:~# ipadm show-if" + (" -o all" if all_fields else ""),
            *table(SHOW_IF_ALL if all_fields else SHOW_IF, [if_row(i, all_fields) for i in capture.interfaces]),
            "",
            "root@solaris11-1:~# ipadm show-addr",
            *table(SHOW_ADDR, [addr_row(a) for a in capture.addresses]),
        ]
        if style == "collapsed":
            lines = collapsed(lines)
    return "\n".join(indented(lines, indent)) + "\n"


def _bare(capture: IpadmCapture, deep: bool) -> list[str]:
    """Each interface row followed by the rows of its addresses (then any address
    whose interface has no row)."""
    rows: list[list[str]] = []
    placed: set[int] = set()
    pad = "  " if deep else ""
    for i in capture.interfaces:
        rows.append([i.name, _t(i.iclass), _t(i.state), _t(i.under), ""])
        for k, a in enumerate(capture.addresses):
            if a.interface == i.name and k not in placed:
                placed.add(k)
                rows.append([pad + a.addrobj, _t(a.type), _t(a.state), "", addr_text(a)])
    rows += [
        [pad + a.addrobj, _t(a.type), _t(a.state), "", addr_text(a)]
        for k, a in enumerate(capture.addresses)
        if k not in placed
    ]
    return table(BARE, rows)


def _on_off(value: Optional[bool]) -> str:
    return "" if value is None else ("on" if value else "off")


def prop_row(o: RoutingOption) -> list[str]:
    """One row of show-prop (``proto property``) or show-ifprop (``ifname proto property``)."""
    words = o.option.split()
    current, persistent = _on_off(o.current), _on_off(o.configured)
    if len(words) == 3:
        return [words[0], words[2], words[1], "rw", current, persistent, "off", "on,off"]
    return [words[0], words[1], "rw", current, persistent, "off", "on,off"]


def render_prop(state: RoutingState, style: str = "show") -> str:
    """``style``: ``show`` (tables, with a wrapped non-routing tunable between rows),
    ``parseable`` (``-c -o``)."""
    modules = [o for o in state.options if len(o.option.split()) == 2]
    interfaces = [o for o in state.options if len(o.option.split()) == 3]
    lines: list[str] = []
    if modules:
        lines.append(
            "# ipadm show-prop"
            + (" -c -o proto,property,perm,current,persistent,default,possible" if style == "parseable" else "")
        )
        rows = [prop_row(o) for o in modules]
        if style == "parseable":
            lines += parseable(rows)
        else:
            rows.insert(
                1, ["tcp", "cong_default", "rw", "newreno", "", "newreno", "newreno,cubic,dctcp,highspeed,vegas"]
            )
            lines += table(SHOW_PROP, rows, wrap=True)
    if interfaces:
        lines.append(
            "# ipadm show-ifprop -p forwarding"
            + (" -c -o ifname,property,proto,perm,current,persistent,default,possible" if style == "parseable" else "")
        )
        rows = [prop_row(o) for o in interfaces]
        lines += parseable(rows) if style == "parseable" else table(SHOW_IFPROP, rows, wrap=True)
    return "\n".join(lines) + "\n"
