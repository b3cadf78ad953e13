"""One IP address as a capture wrote it, with its prefix and the flags of the logical
interface that holds it. (Reading address notations is ``ipmplint.model.addressing``.)"""

from __future__ import annotations

import functools
import ipaddress
from typing import Optional

import attrs

from ipmplint.model.source import Source


@attrs.frozen
class Address:
    """One IP address as written in a capture; ``ip`` is None when the text is unusable
    (anonymised ``10.888.999.133``), and the text is kept either way."""

    text: str
    source: Source
    family: str = "inet"
    ip: Optional[ipaddress.IPv4Address | ipaddress.IPv6Address] = None
    prefixlen: Optional[int] = None
    broadcast: Optional[str] = None
    #: The flags of the logical interface that holds it, where a group member's address
    #: is concerned (``DEPRECATED``, ``NOFAILOVER``, ``UP``, ...: from ifconfig, or
    #: the words of its hostname.* entry), and that logical interface's name.
    flags: frozenset[str] = frozenset()
    logical: Optional[str] = None

    @property
    def unspecified(self) -> bool:
        """``0.0.0.0``/``::`` (a link-based standby plumbed without an address) is no address."""
        return self.ip is not None and self.ip.is_unspecified

    @property
    def network(self) -> Optional[ipaddress.IPv4Network | ipaddress.IPv6Network]:
        if self.ip is None or self.prefixlen is None:
            return None
        return _network(self.ip, self.prefixlen)


@functools.lru_cache(maxsize=65536)
def _network(
    ip: ipaddress.IPv4Address | ipaddress.IPv6Address, prefixlen: int
) -> ipaddress.IPv4Network | ipaddress.IPv6Network:
    return ipaddress.ip_network(f"{ip}/{prefixlen}", strict=False)
