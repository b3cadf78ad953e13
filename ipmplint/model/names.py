"""Name files of a domain: ``/etc/hosts`` (host names of hostname.* entries) and
``/etc/netmasks`` (the masks ``netmask +`` takes)."""

from __future__ import annotations

from typing import Optional

import attrs

from ipmplint.model.source import Source


@attrs.frozen
class HostEntry:
    """A line of ``/etc/hosts`` (``/etc/inet/hosts``): an address and its names."""

    address: str
    names: tuple[str, ...]
    source: Source


@attrs.frozen
class HostsFile:
    source: Source
    entries: tuple[HostEntry, ...] = ()

    def resolve(self, name: str) -> Optional[HostEntry]:
        """The first entry naming ``name`` (names are case-insensitive, as the resolver)."""
        lowered = name.lower()
        return next((e for e in self.entries if lowered in (n.lower() for n in e.names)), None)


@attrs.frozen
class NetmaskEntry:
    """A line of ``/etc/netmasks``: a network number and its mask (``netmask +``)."""

    network: str
    netmask: str
    source: Source


@attrs.frozen
class NetmasksFile:
    source: Source
    entries: tuple[NetmaskEntry, ...] = ()
