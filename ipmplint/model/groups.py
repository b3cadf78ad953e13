"""IPMP groups as derived from a domain's captures (ipmplint.capture.loader builds them):
members with their data and test addresses, from runtime state or from persistent
configuration, never merged."""

from __future__ import annotations

from typing import Optional

import attrs

from ipmplint.model.address import Address
from ipmplint.model.source import Source


@attrs.frozen
class GroupMember:
    """A physical or virtual interface in an IPMP group, with its addresses split into
    data addresses (they move on failover) and test addresses (NOFAILOVER)."""

    interface: str
    source: Source
    flags: frozenset[str] = frozenset()
    data_addresses: tuple[Address, ...] = ()
    test_addresses: tuple[Address, ...] = ()
    mac: Optional[str] = None
    mtu: Optional[int] = None
    #: What ``ipmpstat -i`` (or ``ipadm``) says of it, when captured: LINK up/down/
    #: unknown, STATE ok/failed/offline/unknown, PROBE ok/failed/unknown/disabled.
    link: Optional[str] = None
    state: Optional[str] = None
    probe: Optional[str] = None

    @property
    def standby(self) -> bool:
        return "STANDBY" in self.flags


@attrs.frozen
class IpmpGroup:
    """An IPMP group of one domain, from runtime state or from persistent configuration
    (``origin`` says which); the two are never merged."""

    name: str
    domain: str
    origin: str
    source: Source
    members: tuple[GroupMember, ...] = ()
    #: Solaris 11: the IPMP interface (``ipmp0``) and the data addresses on it; on
    #: Solaris 10 the data addresses live on the members and ``interface`` is None.
    interface: Optional[str] = None
    data_addresses: tuple[Address, ...] = ()
    #: ``ipmpstat -g`` STATE (ok/degraded/failed), when captured.
    state: Optional[str] = None

    @property
    def all_data_addresses(self) -> tuple[Address, ...]:
        """Every data address of the group: on its IPMP interface and on its members."""
        return self.data_addresses + tuple(a for m in self.members for a in m.data_addresses)

    def member(self, interface: str) -> Optional[GroupMember]:
        return next((m for m in self.members if m.interface == interface), None)

    @property
    def test_addresses(self) -> tuple[Address, ...]:
        return tuple(a for m in self.members for a in m.test_addresses)

    @property
    def probe_based(self) -> bool:
        """in.mpathd probes a group whose members have test addresses."""
        return bool(self.test_addresses)
