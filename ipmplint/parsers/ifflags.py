"""Solaris interface flags: the names ifconfig prints for each ``IFF_*`` bit.

Most captures print the names inside ``<...>``; some (Sun Doc 70062) print only the
hex value, which is decoded here. Values from illumos ``<net/if.h>``; the names are
ifconfig's spellings, from the ``if_flags_tbl`` table of ifconfig's source
(usr/src/cmd/cmd-inet/usr.sbin/ifconfig/ifconfig.c): ``DHCP`` for
``IFF_DHCPRUNNING``, ``IPv4`` for ``IFF_IPV4``, ``CoS`` for ``IFF_COS_ENABLED``.
``PHYSRUNNING`` and ``NOLINKLOCAL`` are printed by Oracle Solaris 11 only.
"""

from __future__ import annotations

FLAG_BITS: dict[int, str] = {
    0x1: "UP",
    0x2: "BROADCAST",
    0x4: "DEBUG",
    0x8: "LOOPBACK",
    0x10: "POINTOPOINT",
    0x20: "NOTRAILERS",
    0x40: "RUNNING",
    0x80: "NOARP",
    0x100: "PROMISC",
    0x200: "ALLMULTI",
    0x400: "INTELLIGENT",
    0x800: "MULTICAST",
    0x1000: "MULTI_BCAST",
    0x2000: "UNNUMBERED",
    0x4000: "DHCP",
    0x8000: "PRIVATE",
    0x10000: "NOXMIT",
    0x20000: "NOLOCAL",
    0x40000: "DEPRECATED",
    0x80000: "ADDRCONF",
    0x100000: "ROUTER",
    0x200000: "NONUD",
    0x400000: "ANYCAST",
    0x800000: "NORTEXCH",
    0x1000000: "IPv4",
    0x2000000: "IPv6",
    0x4000000: "NOACCEPT",
    0x8000000: "NOFAILOVER",
    0x10000000: "FAILED",
    0x20000000: "STANDBY",
    0x40000000: "INACTIVE",
    0x80000000: "OFFLINE",
    0x100000000: "XRESOLV",
    0x200000000: "CoS",
    0x400000000: "PREFERRED",
    0x800000000: "TEMPORARY",
    0x1000000000: "FIXEDMTU",
    0x2000000000: "VIRTUAL",
    0x4000000000: "DUPLICATE",
    0x8000000000: "IPMP",
    0x10000000000: "VRRP",
    0x20000000000: "NOLINKLOCAL",
    0x40000000000: "L3PROTECT",
    0x100000000000: "PHYSRUNNING",
}

KNOWN_NAMES = frozenset(FLAG_BITS.values())


def decode(value: int) -> frozenset[str]:
    """The flag names set in ``value``; unknown bits are ignored (reported by the caller)."""
    return frozenset(name for bit, name in FLAG_BITS.items() if value & bit)


#: Every bit with a name, or'ed together.
KNOWN_BITS = sum(FLAG_BITS)


def unknown_bits(value: int) -> int:
    return value & ~KNOWN_BITS
