"""Render ``LogicalInterface`` objects as ``ifconfig -a`` prints them (for round-trip tests)."""

from __future__ import annotations

from ipmplint.model import LogicalInterface

#: The IFF_* flags in bit order, as <net/if.h> of Solaris 10/11 defines them (IFF_UP is
#: bit 0, ..., IFF_PHYSRUNNING bit 44; bit 43 is unused). Written out here, not taken
#: from ipmplint.parsers.ifflags, so a wrong bit there cannot agree with itself.
FLAGS_BY_BIT = (
    "UP",
    "BROADCAST",
    "DEBUG",
    "LOOPBACK",
    "POINTOPOINT",
    "NOTRAILERS",
    "RUNNING",
    "NOARP",
    "PROMISC",
    "ALLMULTI",
    "INTELLIGENT",
    "MULTICAST",
    "MULTI_BCAST",
    "UNNUMBERED",
    "DHCP",
    "PRIVATE",
    "NOXMIT",
    "NOLOCAL",
    "DEPRECATED",
    "ADDRCONF",
    "ROUTER",
    "NONUD",
    "ANYCAST",
    "NORTEXCH",
    "IPv4",
    "IPv6",
    "NOACCEPT",
    "NOFAILOVER",
    "FAILED",
    "STANDBY",
    "INACTIVE",
    "OFFLINE",
    "XRESOLV",
    "CoS",
    "PREFERRED",
    "TEMPORARY",
    "FIXEDMTU",
    "VIRTUAL",
    "DUPLICATE",
    "IPMP",
    "VRRP",
    "NOLINKLOCAL",
    "L3PROTECT",
    None,
    "PHYSRUNNING",
)


def flags_hex(names) -> str:
    """The flags= value ifconfig prints for ``names``, lower-case hex without 0x."""
    return f"{sum(1 << FLAGS_BY_BIT.index(n) for n in names):x}"


def netmask_hex(prefixlen: int) -> str:
    """ifconfig's netmask: eight hex digits, ``prefixlen`` leading one bits."""
    return f"{(0xFFFFFFFF << (32 - prefixlen)) & 0xFFFFFFFF:08x}"


def render(interfaces: list[LogicalInterface]) -> str:
    out = []
    for lif in interfaces:
        names = sorted(lif.flags, key=FLAGS_BY_BIT.index)
        header = f"{lif.name}: flags={lif.flags_hex}<{','.join(names)}>"
        if lif.metric is not None:
            header += f" metric {lif.metric}"
        if lif.mtu is not None:
            header += f" mtu {lif.mtu}"
        if lif.index is not None:
            header += f" index {lif.index}"
        out.append(header)
        if lif.srcof:
            out.append("\tsrcof " + " ".join(lif.srcof))
        if lif.usesrc is not None:
            out.append(f"\tusesrc {lif.usesrc}")
        out.extend(_tunnel(lif.tunnel))
        a = lif.address
        peer = f" --> {lif.peer}" if lif.peer is not None else ""
        if a is None and lif.subnet is not None:
            out.append(f"\t{lif.family} subnet {lif.subnet}")
        if a is not None:
            if a.family == "inet6":
                out.append(f"\tinet6 {a.text}" + (f"/{a.prefixlen}" if a.prefixlen is not None else "") + peer)
            else:
                line = f"\tinet {a.text}{peer}"
                if a.prefixlen is not None:
                    line += f" netmask {netmask_hex(a.prefixlen)}"
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


def _tunnel(t) -> list[str]:
    """The tunnel lines as ifconfig's tun_status prints them."""
    if t is None:
        return []
    lines = [f"\t{t.family} tunnel src {t.src} " + (f"tunnel dst {t.dst}" if t.dst is not None else "")]
    if t.security is not None:
        lines.append(f"\ttunnel security settings  {t.security}")
    limits = f"tunnel hop limit {t.hop_limit} " if t.hop_limit is not None else ""
    if t.encap_limit is not None:
        limits += "tunnel encapsulation limit " + ("disabled" if t.encap_limit < 0 else str(t.encap_limit))
    if limits:
        lines.append("\t" + limits)
    return lines
