"""Render model objects back into capture text, for the round-trip property tests.

``render_hostname`` writes a ``HostnameFile`` as ifconfig words, with the separators
the test chooses between them (a blank, a plain newline or a ``\\`` continuation), so
the parser must treat the file as one stream. ``render_netstat`` writes a
``RouteTable`` with the printf formats of illumos ``netstat.c`` (``-rn`` and ``-rnv``),
or in the collapsed one-space form of the gist copy (FORMATS.md section 9).
"""

from __future__ import annotations

import ipaddress
import random
from typing import Optional, Sequence

from ipmplint.model import HostnameEntry, HostnameFile, Route, RouteTable

# ---------------------------------------------------------------------- hostname


def hostname_clauses(entry: HostnameEntry) -> list[list[str]]:
    """The entry's words in clauses (a keyword with its value stays together); the
    first clause is the address (``addif <addr>`` for an addif entry), when there is one."""
    clauses: list[list[str]] = []
    if entry.addif:
        clauses.append(["addif", entry.address or ""])
    elif entry.address is not None:
        clauses.append([entry.address])
    for keyword in ("netmask", "broadcast", "group", "mtu"):
        value = getattr(entry, keyword)
        if value is not None:
            clauses.append([keyword, str(value)])
    for keyword, on in (
        ("deprecated", entry.deprecated),
        ("-failover", entry.nofailover),
        ("standby", entry.standby),
        ("up", entry.up),
        ("ipmp", entry.ipmp),
    ):
        if on:
            clauses.append([keyword])
    return clauses


def render_hostname(hf: HostnameFile, seps: Sequence[str] = (" ",), rng: Optional[random.Random] = None) -> str:
    """The file's text. ``seps`` are used in turn between words; ``rng`` shuffles each
    entry's clauses after its address clause (ifconfig does not care about their order)."""
    words: list[str] = []
    for entry in hf.entries:
        clauses = hostname_clauses(entry)
        lead = 1 if entry.addif or entry.address is not None else 0
        head, rest = clauses[:lead], clauses[lead:]
        if rng is not None:
            rng.shuffle(rest)
        for clause in head + rest:
            words.extend(clause)
    if not words:
        return ""
    out = [words[0]]
    for i, word in enumerate(words[1:]):
        out.append(seps[i % len(seps)] if seps else " ")
        out.append(word)
    return "".join(out) + "\n"


# ----------------------------------------------------------------------- netstat

_RN_HEADER = {
    "inet": (
        "  Destination           Gateway           Flags  Ref     Use     Interface \n"
        "-------------------- -------------------- ----- ----- ---------- --------- \n"
    ),
    "inet6": (
        "  Destination/Mask            Gateway                   Flags Ref   Use    If   \n"
        "--------------------------- --------------------------- ----- --- ------- ----- \n"
    ),
}

_RNV_HEADER = {
    "inet": (
        "  Destination             Mask           Gateway          Device Mxfrg Rtt   Ref Flg  Out  In/Fwd \n"
        "-------------------- --------------- -------------------- ------ ----- ----- --- --- ----- ------ \n"
    ),
    "inet6": (
        "  Destination/Mask            Gateway                    If    PMTU   Rtt  Ref Flags  Out   In/Fwd \n"
        "--------------------------- --------------------------- ----- ------ ----- --- ----- ------ ------ \n"
    ),
}


def _rn_row(r: Route) -> str:
    iface = r.interface or ""
    if r.family == "inet":
        return "%-20s %-20s %-5s  %4u %10u %-9s \n" % (r.destination, r.gateway, r.flags, r.ref, r.use, iface)
    return "%-27s %-27s %-5s %3u %7u %-5s \n" % (r.destination, r.gateway, r.flags, r.ref, r.use, iface)


def _rnv_row(r: Route) -> str:
    """``-rnv`` has no Use column: the route's ``use`` is printed as the Out counter, so
    four flag letters and a large counter run together as netstat prints them."""
    iface = r.interface or ""
    out = r.use or 0
    if r.family == "inet":
        mask = str(ipaddress.IPv4Network(f"0.0.0.0/{r.prefixlen if r.prefixlen is not None else 24}").netmask)
        return "%-20s %-15s %-20s %-6s %5u%c %4u %3u %-4s%6u %6u \n" % (
            r.destination,
            mask,
            r.gateway,
            iface,
            1500,
            "*",
            0,
            r.ref,
            r.flags,
            out,
            0,
        )
    return "%-27s %-27s %-5s %5u%c %5u %3u %-5s %6u %6u \n" % (
        r.destination,
        r.gateway,
        iface,
        1500,
        "*",
        0,
        r.ref,
        r.flags,
        out,
        0,
    )


def _gist_row(r: Route) -> str:
    words = [r.destination, r.gateway, r.flags, str(r.ref), str(r.use)]
    if r.interface:
        words.append(r.interface)
    return " ".join(words) + "\n"


def render_netstat(table: RouteTable, style: str = "rn") -> str:
    """The table as ``netstat -rn`` (``rn``), ``netstat -rnv`` (``rnv``) or the gist copy
    (``gist``) prints it: an IPv4 table, then an IPv6 table, each only when it has routes."""
    out: list[str] = []
    for family, name in (("inet", "IPv4"), ("inet6", "IPv6")):
        routes = [r for r in table.routes if r.family == family]
        if not routes:
            continue
        if style == "gist":
            out.append(f"Routing Table: {name}\n")
            out.append(
                "Destination Gateway Flags Ref Use Interface\n"
                if family == "inet"
                else "Destination/Mask Gateway Flags Ref Use If\n"
            )
            out.extend(_gist_row(r) for r in routes)
        elif style == "rnv":
            out.append(f"\nIRE Table: {name}\n")
            out.append(_RNV_HEADER[family])
            out.extend(_rnv_row(r) for r in routes)
        else:
            out.append(f"\nRouting Table: {name}\n")
            out.append(_RN_HEADER[family])
            out.extend(_rn_row(r) for r in routes)
    return "".join(out)
