"""Render an ``LdmListing`` as ``ldm list -l`` prints it, in each release's layout.

``release`` picks the NETWORK and VSW columns (FORMATS.md section 3): ``1.2`` is LDoms
1.0-1.2 (``NAME MAC NET-DEV DEVICE MODE`` / ``NAME SERVICE DEVICE MAC``), ``bindings``
is LDoms 1.2 ``list-bindings`` (the NETWORK header repeated per vnet, PEER sub-tables),
and ``3.x`` is LDoms 1.3 / OVM 3.x with ID, LINKPROP, VLAN, MTU, MAXBW and
INTER-VNET-LINK. Cells are left-aligned under their header word and empty cells are
blanks, as ldm prints them; every other section is a VCPU table the parser must skip.
``3.4`` is the OVM 3.4+ layout: a MACADDRESS column and a packed ``PVID|PVLAN|VIDs``
(``DVID|PVID|VIDs`` for vsws) column, a row of dashes, ``--`` for an empty value, and
``KEY :value`` detail lines two to a line under each row, then its PEER sub-table in the
same style (the vsw layout and the PEER table are **not seen verbatim**).
``render_services`` writes the same vsws as ``ldm list-services`` prints them.
"""

from __future__ import annotations

from typing import Optional, Sequence

from ipmplint.model import LdmDomain, LdmListing, VirtualNetwork, VirtualSwitch

VSW_HEADERS = {
    "1.2": ("NAME", "MAC", "NET-DEV", "DEVICE", "MODE"),
    "bindings": ("NAME", "MAC", "NET-DEV", "DEVICE", "MODE"),
    "3.x": (
        "NAME",
        "MAC",
        "NET-DEV",
        "ID",
        "DEVICE",
        "LINKPROP",
        "DEFAULT-VLAN-ID",
        "PVID",
        "VID",
        "MTU",
        "MODE",
        "INTER-VNET-LINK",
    ),
}
NETWORK_HEADERS = {
    "1.2": ("NAME", "SERVICE", "DEVICE", "MAC"),
    "bindings": ("NAME", "SERVICE", "DEVICE", "MAC"),
    "3.x": ("NAME", "SERVICE", "ID", "DEVICE", "MAC", "MODE", "PVID", "VID", "MTU", "MAXBW", "LINKPROP"),
}
DOMAIN_HEADER = ("NAME", "STATE", "FLAGS", "CONS", "VCPU", "MEMORY", "UTIL", "UPTIME")

#: The OVM 3.4+ layout: the row's columns, then the detail keys two to a line.
WIDE_VSW_HEADER = ("NAME", "MACADDRESS", "NET-DEV", "DVID|PVID|VIDs")
WIDE_NETWORK_HEADER = ("NAME", "SERVICE", "MACADDRESS", "PVID|PVLAN|VIDs")
WIDE_PEER_HEADER = ("PEER", "MACADDRESS", "PVID|PVLAN|VIDs")
WIDE_VSW_DETAILS = (("DEVICE", "ID"), ("LINKPROP", "MTU"), ("MODE", "INTER-VNET-LINK"))
WIDE_NETWORK_DETAILS = (("DEVICE", "ID"), ("LINKPROP", "MTU"), ("MAXBW", "MODE"))


def cell_text(value) -> str:
    """A value as ldm prints it: empty for None, a comma list for a tuple."""
    if value is None:
        return ""
    if isinstance(value, tuple):
        return ",".join(str(v) for v in value)
    return str(value)


def vsw_cells(v: VirtualSwitch) -> dict[str, str]:
    return {
        "NAME": v.name,
        "MAC": cell_text(v.mac),
        "NET-DEV": cell_text(v.net_dev),
        "ID": cell_text(v.id),
        "DEVICE": cell_text(v.device),
        "LINKPROP": cell_text(v.linkprop),
        "DEFAULT-VLAN-ID": cell_text(v.default_vlan_id),
        "PVID": cell_text(v.pvid),
        "VID": cell_text(v.vids),
        "MTU": cell_text(v.mtu),
        "MODE": cell_text(v.mode),
        "INTER-VNET-LINK": cell_text(v.inter_vnet_link),
    }


def vnet_cells(v: VirtualNetwork) -> dict[str, str]:
    service = f"{v.service}@{v.service_domain}" if v.service_domain else v.service
    return {
        "NAME": v.name,
        "SERVICE": service,
        "ID": cell_text(v.id),
        "DEVICE": cell_text(v.device),
        "MAC": cell_text(v.mac),
        "MODE": cell_text(v.mode),
        "PVID": cell_text(v.pvid),
        "VID": cell_text(v.vids),
        "MTU": cell_text(v.mtu),
        "MAXBW": cell_text(v.maxbw),
        "LINKPROP": cell_text(v.linkprop),
    }


def table(
    headers: Sequence[str], rows: Sequence[dict[str, str]], indent: str = "    ", rule: bool = False
) -> list[str]:
    """A left-aligned table: each column as wide as its widest cell, plus two blanks;
    with ``rule``, a row of dashes under the header (OVM 3.4+)."""
    widths = [max([len(h)] + [len(r.get(h, "")) for r in rows]) + 2 for h in headers]
    dashes = [{h: "-" * len(h) for h in headers}] if rule else []
    lines = []
    for cells in [dict(zip(headers, headers)), *dashes, *rows]:
        line = "".join(cells.get(h, "").ljust(w) for h, w in zip(headers, widths))
        lines.append((indent + line).rstrip())
    return lines


def wide(value) -> str:
    """A value as OVM 3.4+ prints it: ``--`` for none."""
    return cell_text(value) or "--"


def details(cells: dict[str, str], keys: Sequence[tuple[str, str]], indent: str = "            ") -> list[str]:
    """``KEY :value`` pairs two to a line: ``DEVICE     :network@0       ID   :0``."""
    lines = []
    for left, right in keys:
        first = f"{left:<11}:{wide(cells[left])}".ljust(27) + " "
        lines.append(f"{indent}{first}{right:<4} :{wide(cells[right])}")
    return lines


def render_wide(d: LdmDomain) -> list[str]:
    """The VSW and NETWORK sections of one domain in the OVM 3.4+ layout: one table, each
    row followed by its detail lines (and, for a vnet, its PEER sub-table)."""
    out: list[str] = []
    if d.vswitches:
        rows = [
            {
                "NAME": v.name,
                "MACADDRESS": wide(v.mac),
                "NET-DEV": wide(v.net_dev),
                "DVID|PVID|VIDs": "|".join(wide(x) for x in (v.default_vlan_id, v.pvid, v.vids)),
            }
            for v in d.vswitches
        ]
        lines = table(WIDE_VSW_HEADER, rows, rule=True)
        out += ["VSW", *lines[:2]]
        for line, v in zip(lines[2:], d.vswitches):
            out += [line, *details(vsw_cells(v), WIDE_VSW_DETAILS)]
        out.append(" ")
    if d.vnets:
        cells = [vnet_cells(n) for n in d.vnets]
        rows = [
            {
                "NAME": n.name,
                "SERVICE": c["SERVICE"],
                "MACADDRESS": wide(n.mac),
                "PVID|PVLAN|VIDs": "|".join(wide(x) for x in (n.pvid, None, n.vids)),
            }
            for n, c in zip(d.vnets, cells)
        ]
        lines = table(WIDE_NETWORK_HEADER, rows, rule=True)
        out += ["NETWORK", *lines[:2]]
        for line, n, c in zip(lines[2:], d.vnets, cells):
            out += [line, *details(c, WIDE_NETWORK_DETAILS)]
            if n.peers:
                out += table(
                    WIDE_PEER_HEADER,
                    [{"PEER": p, "MACADDRESS": "00:14:4f:f8:00:01", "PVID|PVLAN|VIDs": "1|--|--"} for p in n.peers],
                    indent="            ",
                    rule=True,
                )
        out.append(" ")
    return out


def _domain_row(d: LdmDomain) -> str:
    cells = (d.name, d.state or "active", d.flags or "-n---", "5000", "4", "4G", "0.1%", "1d 2h 3m")
    widths = (17, 9, 8, 8, 6, 9, 6, 0)
    return "".join(c.ljust(w - 1) + " " if w else c for c, w in zip(cells, widths))


def render_domain(d: LdmDomain, release: str) -> list[str]:
    out = [
        "NAME             STATE    FLAGS   CONS    VCPU  MEMORY   UTIL  UPTIME",
        _domain_row(d),
        " ",
        "VCPU",
        "    VID    PID    UTIL STRAND",
        "    0      0      0.9%   100%",
        " ",
    ]
    if release == "3.4":
        return out + render_wide(d)
    if d.vswitches:
        out.append("VSW")
        out.extend(table(VSW_HEADERS[release], [vsw_cells(v) for v in d.vswitches]))
        out.append(" ")
    if d.vnets:
        out.append("NETWORK")
        if release == "bindings":
            for v in d.vnets:
                out.extend(table(NETWORK_HEADERS[release], [vnet_cells(v)]))
                if v.peers:
                    out.extend(
                        table(
                            ("PEER", "MAC"),
                            [{"PEER": p, "MAC": "00:14:4f:f8:00:01"} for p in v.peers],
                            indent="        ",
                        )
                    )
        else:
            out.extend(table(NETWORK_HEADERS[release], [vnet_cells(v) for v in d.vnets]))
        out.append(" ")
    return out


def render_ldm(listing: LdmListing, release: str = "3.x", prompt: Optional[str] = "primary# ldm list -l") -> str:
    out: list[str] = [prompt] if prompt else []
    for i, d in enumerate(listing.domains):
        if i:
            out.append("-" * 78)
        out.extend(render_domain(d, release))
    return "\n".join(out) + "\n"


def render_services(
    listing: LdmListing,
    release: str = "3.x",
    ldom_column: bool = True,
    prompt: Optional[str] = "primary# ldm list-services",
) -> str:
    """``ldm list-services``: a VCC section, every domain's vsws in one VSW table with an
    LDOM column after NAME (or, without it, one ``ldm list-services <domain>`` per
    domain, each naming its domain on the prompt), and a VDS section."""
    headers = VSW_HEADERS[release]
    if ldom_column:
        headers = (headers[0], "LDOM", *headers[1:])
    out: list[str] = [prompt] if prompt else []
    out += [
        "VCC",
        "    NAME             LDOM             PORT-RANGE",
        "    primary-vcc0     primary          5000-5100",
        "",
    ]
    if ldom_column:
        rows = [{**vsw_cells(v), "LDOM": d.name} for d in listing.domains for v in d.vswitches]
        out += ["VSW", *table(headers, rows), ""]
    else:
        for d in listing.domains:
            out += [
                f"primary# ldm list-services {d.name}",
                "VSW",
                *table(headers, [vsw_cells(v) for v in d.vswitches]),
                "",
            ]
    out += [
        "VDS",
        "    NAME             LDOM             VOLUME         OPTIONS          DEVICE",
        "    primary-vds0     primary          vol0                            /dev/zvol/dsk/rpool/vol0",
    ]
    return "\n".join(out) + "\n"
