"""Render an ``LdmListing`` as ``ldm list -l`` prints it, in each release's layout.

``release`` picks the NETWORK and VSW columns (FORMATS.md section 3): ``1.2`` is LDoms
1.0-1.2 (``NAME MAC NET-DEV DEVICE MODE`` / ``NAME SERVICE DEVICE MAC``), ``bindings``
is LDoms 1.2 ``list-bindings`` (the NETWORK header repeated per vnet, PEER sub-tables),
and ``3.x`` is LDoms 1.3 / OVM 3.x with ID, LINKPROP, VLAN, MTU, MAXBW and
INTER-VNET-LINK. Cells are left-aligned under their header word and empty cells are
blanks, as ldm prints them; every other section is a VCPU table the parser must skip.
``render_services`` writes the same vsws as ``ldm list-services`` prints them.
"""

from __future__ import annotations

from typing import Optional, Sequence

from ipmplint.model import LdmDomain, LdmListing, VirtualNetwork, VirtualSwitch

VSW_HEADERS = {
    "1.2": ("NAME", "MAC", "NET-DEV", "DEVICE", "MODE"),
    "bindings": ("NAME", "MAC", "NET-DEV", "DEVICE", "MODE"),
    "3.x": ("NAME", "MAC", "NET-DEV", "ID", "DEVICE", "LINKPROP", "DEFAULT-VLAN-ID", "PVID", "VID", "MTU",
            "MODE", "INTER-VNET-LINK"),
}
NETWORK_HEADERS = {
    "1.2": ("NAME", "SERVICE", "DEVICE", "MAC"),
    "bindings": ("NAME", "SERVICE", "DEVICE", "MAC"),
    "3.x": ("NAME", "SERVICE", "ID", "DEVICE", "MAC", "MODE", "PVID", "VID", "MTU", "MAXBW", "LINKPROP"),
}
DOMAIN_HEADER = ("NAME", "STATE", "FLAGS", "CONS", "VCPU", "MEMORY", "UTIL", "UPTIME")


def cell_text(value) -> str:
    """A value as ldm prints it: empty for None, a comma list for a tuple."""
    if value is None:
        return ""
    if isinstance(value, tuple):
        return ",".join(str(v) for v in value)
    return str(value)


def vsw_cells(v: VirtualSwitch) -> dict[str, str]:
    return {
        "NAME": v.name, "MAC": cell_text(v.mac), "NET-DEV": cell_text(v.net_dev), "ID": cell_text(v.id),
        "DEVICE": cell_text(v.device), "LINKPROP": cell_text(v.linkprop),
        "DEFAULT-VLAN-ID": cell_text(v.default_vlan_id), "PVID": cell_text(v.pvid), "VID": cell_text(v.vids),
        "MTU": cell_text(v.mtu), "MODE": cell_text(v.mode), "INTER-VNET-LINK": cell_text(v.inter_vnet_link),
    }


def vnet_cells(v: VirtualNetwork) -> dict[str, str]:
    service = f"{v.service}@{v.service_domain}" if v.service_domain else v.service
    return {
        "NAME": v.name, "SERVICE": service, "ID": cell_text(v.id), "DEVICE": cell_text(v.device),
        "MAC": cell_text(v.mac), "MODE": cell_text(v.mode), "PVID": cell_text(v.pvid), "VID": cell_text(v.vids),
        "MTU": cell_text(v.mtu), "MAXBW": cell_text(v.maxbw), "LINKPROP": cell_text(v.linkprop),
    }


def table(headers: Sequence[str], rows: Sequence[dict[str, str]], indent: str = "    ") -> list[str]:
    """A left-aligned table: each column as wide as its widest cell, plus two blanks."""
    widths = [max([len(h)] + [len(r.get(h, "")) for r in rows]) + 2 for h in headers]
    lines = []
    for cells in [dict(zip(headers, headers)), *rows]:
        line = "".join(cells.get(h, "").ljust(w) for h, w in zip(headers, widths))
        lines.append((indent + line).rstrip())
    return lines


def _domain_row(d: LdmDomain) -> str:
    cells = (d.name, d.state or "active", d.flags or "-n---", "5000", "4", "4G", "0.1%", "1d 2h 3m")
    widths = (17, 9, 8, 8, 6, 9, 6, 0)
    return "".join(c.ljust(w - 1) + " " if w else c for c, w in zip(cells, widths))


def render_domain(d: LdmDomain, release: str) -> list[str]:
    out = ["NAME             STATE    FLAGS   CONS    VCPU  MEMORY   UTIL  UPTIME", _domain_row(d), " ",
           "VCPU", "    VID    PID    UTIL STRAND", "    0      0      0.9%   100%", " "]
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
                    out.extend(table(("PEER", "MAC"), [{"PEER": p, "MAC": "00:14:4f:f8:00:01"} for p in v.peers],
                                     indent="        "))
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


def render_services(listing: LdmListing, release: str = "3.x", ldom_column: bool = True,
                    prompt: Optional[str] = "primary# ldm list-services") -> str:
    """``ldm list-services``: a VCC section, every domain's vsws in one VSW table with an
    LDOM column after NAME (or, without it, one ``ldm list-services <domain>`` per
    domain, each naming its domain on the prompt), and a VDS section."""
    headers = VSW_HEADERS[release]
    if ldom_column:
        headers = (headers[0], "LDOM", *headers[1:])
    out: list[str] = [prompt] if prompt else []
    out += ["VCC", "    NAME             LDOM             PORT-RANGE",
            "    primary-vcc0     primary          5000-5100", ""]
    if ldom_column:
        rows = [{**vsw_cells(v), "LDOM": d.name} for d in listing.domains for v in d.vswitches]
        out += ["VSW", *table(headers, rows), ""]
    else:
        for d in listing.domains:
            out += [f"primary# ldm list-services {d.name}", "VSW",
                    *table(headers, [vsw_cells(v) for v in d.vswitches]), ""]
    out += ["VDS", "    NAME             LDOM             VOLUME         OPTIONS          DEVICE",
            "    primary-vds0     primary          vol0                            /dev/zvol/dsk/rpool/vol0"]
    return "\n".join(out) + "\n"
