"""Render ``LogicalInterface`` objects as ``ifconfig -a`` prints them (for round-trip tests)."""

from __future__ import annotations

from ipmplint import addressing
from ipmplint.model import LogicalInterface
from ipmplint.parsers import ifflags


def render(interfaces: list[LogicalInterface]) -> str:
    out = []
    for lif in interfaces:
        names = sorted(lif.flags, key=lambda n: next(b for b, v in ifflags.FLAG_BITS.items() if v == n))
        header = f"{lif.name}: flags={lif.flags_hex}<{','.join(names)}>"
        if lif.mtu is not None:
            header += f" mtu {lif.mtu}"
        if lif.index is not None:
            header += f" index {lif.index}"
        out.append(header)
        a = lif.address
        if a is not None:
            if a.family == "inet6":
                out.append(f"\tinet6 {a.text}" + (f"/{a.prefixlen}" if a.prefixlen is not None else ""))
            else:
                line = f"\tinet {a.text}"
                if a.prefixlen is not None:
                    line += f" netmask {addressing.netmask_hex(a.prefixlen)}"
                if a.broadcast:
                    line += f" broadcast {a.broadcast}"
                out.append(line + " ")
        if lif.group is not None:
            out.append(f"\tgroupname {lif.group}")
        if lif.zone is not None:
            out.append(f"\tzone {lif.zone}")
        if lif.mac is not None:
            out.append(f"\tether {lif.mac} ")
    return "\n".join(out) + "\n"
