"""Reading the address notations Solaris and ldm print: hex netmasks, unpadded MACs.

Pure functions shared by the parsers (which read them) and the topology (which matches
guest MACs to ldm's). ``None`` means "not usable", and the caller decides whether
that is worth a parse warning.
"""

from __future__ import annotations

import functools
import ipaddress
import re
from typing import Optional

_MAC = re.compile(r"^[0-9a-fA-F]{1,2}(?::[0-9a-fA-F]{1,2}){5}$")
_HEX_MASK = re.compile(r"[0-9a-fA-F]{1,8}")


@functools.lru_cache(maxsize=65536)  # the topology matches every MAC of a server again
def normalize_mac(text: Optional[str]) -> Optional[str]:
    """``0:14:4f:f8:91:4f`` (Solaris, unpadded) and ``00:14:4F:F8:91:4F`` (ldm) are one
    MAC; anonymised values such as ``0:xx:xx:xx:xx:xx`` are not a MAC at all."""
    if not text or not _MAC.match(text):
        return None
    return ":".join(f"{int(part, 16):02x}" for part in text.split(":"))


@functools.lru_cache(maxsize=65536)
def ip(text: str) -> Optional[ipaddress.IPv4Address | ipaddress.IPv6Address]:
    """An IPv4 or IPv6 address, or None (``10.888.999.133`` is kept as text by callers)."""
    try:
        return ipaddress.ip_address(text.split("%", 1)[0])
    except ValueError:
        return None


@functools.lru_cache(maxsize=4096)  # a fleet prints a handful of masks, on every interface
def prefix_from_netmask(text: str) -> Optional[int]:
    """Prefix length of a netmask as ifconfig prints it (``ffffff00``) or as written in
    hostname files and ``/etc/netmasks`` (``255.255.255.0``); None if not contiguous."""
    text = text.strip()
    if text.lower().startswith("0x"):
        text = text[2:]
    value: Optional[int] = None
    if _HEX_MASK.fullmatch(text):
        value = int(text, 16)
    else:
        try:
            value = int(ipaddress.IPv4Address(text))
        except ValueError:
            return None
    bits = f"{value:032b}"
    if "01" in bits:
        return None
    return bits.count("1")
