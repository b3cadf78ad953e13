"""What every ldm view shares: the sections no rule needs, a vsw or vnet being read as
cells (``Cell``, ``Fields``), and the one judgement of those cells into the model
(``vswitch``, ``vnet``), so ``ldm list -l`` / ``list-bindings`` / ``list-services``
(ldm_long) and their ``-p`` forms (ldm_parseable) read a value the same way."""

from __future__ import annotations

import re
from typing import Callable, Optional, TypeVar

import attrs

from ipmplint.model import VirtualNetwork, VirtualSwitch, addressing
from ipmplint.parsers.base import ParseContext

T = TypeVar("T")

#: Sections ipmplint knows and does not need: skipped on purpose, never a warning
#: (ldm(1M) / ldm(8) of LDoms 1.0 to OVM 3.6).
SKIPPED_SECTIONS = frozenset(
    {
        "UUID",
        "MAC",
        "HOSTID",
        "CONTROL",
        "DEPENDENCY",
        "CORE",
        "VCPU",
        "MEMORY",
        "CONSTRAINT",
        "VARIABLES",
        "IO",
        "VCC",
        "VDS",
        "VDPCS",
        "VDPCC",
        "DISK",
        "VCONS",
        "VLDC",
        "VLDCC",
        "MAU",
        "CRYPTO",
        "SOFTSTATE",
        "CMI",
        "PCIE",
        "PHYSIO",
        "VHBA",
        "VSAN",
        "RESOURCE",
        "PARTITION",
        "PM",
        "POWER",
        "DATA",
        "VDISK",
        "VCONSOLE",
        "LDC",
        "PCI",
        "NIU",
        "SRIOV",
        "VF",
        "PF",
        "SHUTDOWN-GROUP",
        "PERF-COUNTERS",
        "THREADING",
        "MBLOCK",
        "POOL",
        "DEVICE",
    }
)

_DEVICE = {"vsw": re.compile(r"^switch@\d+$"), "vnet": re.compile(r"^network@\d+$")}
_EMPTY = frozenset({"", "--", "-"})


@attrs.frozen
class Cell:
    """One value as printed: its text, the 1-based column it starts at, and the header
    word or key it was printed under (what a warning about it names); ``line`` when it is
    not on the object's first line (an OVM 3.4+ detail line), else 0."""

    text: str
    col: int
    label: str
    line: int = 0


@attrs.define
class Fields:
    """A vsw or vnet being read, in any ldm view: its cells by model field (the
    ``VirtualSwitch``/``VirtualNetwork`` attribute names), where it starts, its peers."""

    kind: str
    #: How a warning names the whole object: "VSW row", "VNET record".
    what: str
    line: int
    col: int
    cells: dict[str, Cell] = attrs.Factory(dict)
    peers: list[str] = attrs.Factory(list)


def vswitch(ctx: ParseContext, f: Fields, domain: str) -> Optional[VirtualSwitch]:
    """The ``VirtualSwitch`` a vsw's cells describe; None (with a warning) without a name."""
    name = _text(f, "name")
    if name is None:
        ctx.warn(f.line, f.col, f"{f.what} without a name; not read")
        return None
    return VirtualSwitch(
        name=name,
        domain=domain,
        source=ctx.source(f.line, f.col),
        net_dev=_text(f, "net_dev"),
        default_vlan_id=_number(ctx, f, "default_vlan_id", int),
        inter_vnet_link=_inter_vnet_link(_text(f, "inter_vnet_link")),
        **_common(ctx, f),
    )


def vnet(ctx: ParseContext, f: Fields, domain: str) -> Optional[VirtualNetwork]:
    """The ``VirtualNetwork`` a vnet's cells describe; the SERVICE ``vsw@domain`` is split
    in two. None (with a warning) without a name and a service."""
    name, service = _text(f, "name"), _text(f, "service")
    if name is None or service is None:
        ctx.warn(f.line, f.col, f"{f.what} without a name and a service; not read")
        return None
    vsw, _, service_domain = service.partition("@")
    return VirtualNetwork(
        name=name,
        domain=domain,
        service=vsw,
        source=ctx.source(f.line, f.col),
        service_domain=service_domain or None,
        maxbw=_text(f, "maxbw"),
        **_common(ctx, f),
    )


def _common(ctx: ParseContext, f: Fields) -> dict:
    """The fields a vsw and a vnet share. A MAC that is no MAC (anonymised) and a device
    that is not ``switch@N``/``network@N`` are kept as printed, with a warning."""
    mac, device = f.cells.get("mac"), f.cells.get("device")
    if mac is not None and mac.text not in _EMPTY and addressing.normalize_mac(mac.text) is None:
        ctx.warn(mac.line or f.line, mac.col, f"'{mac.text}' is not a usable MAC address (anonymised?)")
    if device is not None and device.text not in _EMPTY and not _DEVICE[f.kind].match(device.text):
        ctx.warn(
            device.line or f.line,
            device.col,
            f"device '{device.text}' is not like {'switch@N' if f.kind == 'vsw' else 'network@N'}",
        )
    return {
        "mac": _text(f, "mac"),
        "device": _text(f, "device"),
        "mode": _text(f, "mode"),
        "linkprop": _text(f, "linkprop"),
        "pvid": _number(ctx, f, "pvid", int),
        "vids": _number(ctx, f, "vids", _vids) or (),
        "mtu": _number(ctx, f, "mtu", int),
        "id": _number(ctx, f, "id", int),
        "peers": tuple(f.peers),
    }


def _inter_vnet_link(text: Optional[str]) -> Optional[str]:
    """The property's value: OVM 3.4+ is said to print the state after it (``on/LDCs``,
    **not seen verbatim**); ``on``, ``off`` or ``auto`` before a ``/`` is kept alone."""
    if text is not None and "/" in text:
        head = text.split("/", 1)[0]
        if head in ("on", "off", "auto"):
            return head
    return text


def _text(f: Fields, field: str) -> Optional[str]:
    cell = f.cells.get(field)
    return None if cell is None or cell.text in _EMPTY else cell.text


def _number(ctx: ParseContext, f: Fields, field: str, convert: Callable[[str], T]) -> Optional[T]:
    """The cell converted, or None when it is empty or (with a warning at it) unusable."""
    text = _text(f, field)
    if text is None:
        return None
    try:
        return convert(text)
    except ValueError:
        cell = f.cells[field]
        ctx.warn(cell.line or f.line, cell.col, f"{cell.label} '{text}' is not usable")
        return None


def _vids(text: str) -> tuple[int, ...]:
    """``5,6`` → (5, 6); raises ValueError on anything that is not a list of VLAN ids."""
    vids = tuple(int(v) for v in text.strip(",").split(","))
    if any(not 1 <= v <= 4094 for v in vids):
        raise ValueError(text)
    return vids
