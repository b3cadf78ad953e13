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
        ip = self.ip
        if ip is None or self.prefixlen is None:
            return None
        return _network(int(ip), ip.version, self.prefixlen)


@functools.lru_cache(maxsize=65536)
def _network(number: int, version: int, prefixlen: int) -> ipaddress.IPv4Network | ipaddress.IPv6Network:
    """The network of the address ``number`` with that prefix. Keyed on numbers: the rules
    ask for the networks of a server's addresses a hundred times, and an ``ipaddress``
    address hashes in Python; built from the number, since a network read from text is
    parsed again. A prefix no network has fails as the text ``ip/prefix`` would."""
    network = ipaddress.IPv4Network if version == 4 else ipaddress.IPv6Network
    if 0 <= prefixlen <= (32 if version == 4 else 128):
        return network((number, prefixlen), strict=False)
    address = ipaddress.IPv4Address(number) if version == 4 else ipaddress.IPv6Address(number)
    return ipaddress.ip_network(f"{address}/{prefixlen}", strict=False)
