"""Runtime interfaces: the stanzas of ``ifconfig -a`` (physical and logical interfaces,
their flags and addresses, tunnels)."""

from __future__ import annotations

from typing import Optional

import attrs

from ipmplint.model.address import Address
from ipmplint.model.source import Source


@attrs.frozen
class Tunnel:
    """The tunnel lines of an ``ifconfig -a`` stanza (``ip.tun0``, ``ip6.tun0``): kept
    so that a tunnel reads as a tunnel, not as an interface with a strange address.
    No IPMP rule uses them: a tunnel is never an IPMP group member."""

    #: The outer family: ``inet`` (IPv4 tunnel) or ``inet6`` (IPv6 tunnel).
    family: str
    src: Optional[str] = None
    dst: Optional[str] = None
    hop_limit: Optional[int] = None
    #: None when not printed; -1 when printed as ``disabled``.
    encap_limit: Optional[int] = None
    #: What follows ``tunnel security settings``, as printed.
    security: Optional[str] = None


@attrs.frozen
class LogicalInterface:
    """One stanza of ``ifconfig -a``: a physical (``bge0``) or logical (``bge0:1``) interface."""

    name: str
    source: Source
    flags: frozenset[str] = frozenset()
    flags_hex: Optional[str] = None
    mtu: Optional[int] = None
    index: Optional[int] = None
    address: Optional[Address] = None
    group: Optional[str] = None
    mac: Optional[str] = None
    zone: Optional[str] = None
    #: The far end of a point-to-point link (``inet 10.0.0.1 --> 10.0.0.2``).
    peer: Optional[str] = None
    #: The subnet ifconfig prints when the interface has no local address (NOLOCAL):
    #: ``inet subnet 10.0.0.0/24``.
    subnet: Optional[str] = None
    metric: Optional[int] = None
    #: The tunnel this interface is the IP end of (``ip.tun0``, ``ip6.tun0``).
    tunnel: Optional[Tunnel] = None
    #: ``usesrc vni0``: the interface whose address this one uses as its source.
    usesrc: Optional[str] = None
    #: ``srcof qfe1 qfe2``: the interfaces that use this one's address as their source.
    srcof: tuple[str, ...] = ()
    #: The InfiniBand hardware address ifconfig prints as ``ipib`` (IPoIB) where an
    #: Ethernet interface has ``ether``; it is no MAC address.
    ipib: Optional[str] = None

    @property
    def device(self) -> str:
        """The physical interface name: ``bge0`` for ``bge0:1``."""
        return self.name.split(":", 1)[0]

    @property
    def unit(self) -> int:
        _, _, unit = self.name.partition(":")
        return int(unit) if unit.isdigit() else 0

    @property
    def family(self) -> str:
        return "inet6" if "IPv6" in self.flags else "inet"


@attrs.frozen
class IfconfigCapture:
    """``ifconfig -a`` of one domain: runtime state."""

    source: Source
    interfaces: tuple[LogicalInterface, ...] = ()
    #: The interfaces the echoed commands named when every one was ``ifconfig <if>``,
    #: not ``-a`` (a paste of ``# ifconfig hme0``): the capture shows those alone, so a
    #: group's other members may exist unseen. Empty for a whole ``ifconfig -a``.
    shown: tuple[str, ...] = ()
