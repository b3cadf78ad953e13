"""The one typed model every capture format fills and every rule reads.

Plain frozen data only: no parsing, no rule logic, no I/O. Each fact carries the
``Source`` it was read from so a finding can point at the line that caused it.

Runtime state (``ifconfig -a``, ``ipmpstat``) and persistent configuration
(``/etc/hostname.*``, ``ipadm`` persistent) are kept in separate objects and never
merged: IPMP401 compares them, every other rule judges one of them.
"""

from __future__ import annotations

import enum
import ipaddress
from typing import Optional

import attrs


@attrs.frozen(order=True)
class Source:
    """Where a fact was read: a capture file (as the user named it), 1-based line and column."""

    file: str
    line: int = 0
    col: int = 1

    def __str__(self) -> str:
        return f"{self.file}:{self.line}:{self.col}" if self.line else self.file


@attrs.frozen
class ParseWarning:
    """A line (or a token of one) of a recognised capture that the model does not hold.

    Surfaced as CAP001 findings so a half-read capture cannot pass a gate silently.
    """

    source: Source
    message: str
    text: str = ""


class LineStatus(enum.Enum):
    """The fate of each input line; the four add up to the file's line count."""

    CONSUMED = "consumed"
    SKIPPED = "skipped"
    WARNED = "warned"
    BLANK = "blank"


@attrs.frozen
class LineAccount:
    """Per-file line accounting: consumed + skipped + warned + blank == total."""

    file: str
    kind: str
    total: int
    consumed: int
    skipped: int
    warned: int
    blank: int

    @property
    def balanced(self) -> bool:
        return self.consumed + self.skipped + self.warned + self.blank == self.total


# --------------------------------------------------------------------------- ldm


@attrs.frozen
class VirtualSwitch:
    """A vsw service of a service domain, as ``ldm list -l`` (VSW section) prints it."""

    name: str
    domain: str
    source: Source
    mac: Optional[str] = None
    net_dev: Optional[str] = None
    device: Optional[str] = None
    mode: Optional[str] = None
    linkprop: Optional[str] = None
    default_vlan_id: Optional[int] = None
    pvid: Optional[int] = None
    vids: tuple[int, ...] = ()
    mtu: Optional[int] = None
    inter_vnet_link: Optional[str] = None
    id: Optional[int] = None
    peers: tuple[str, ...] = ()


@attrs.frozen
class VirtualNetwork:
    """A vnet of a domain, as ``ldm list -l`` (NETWORK section) prints it.

    ``service`` is the vsw name and ``service_domain`` the domain after ``@`` in the
    SERVICE column (``primary-vsw0@primary``); older constraint listings omit it.
    """

    name: str
    domain: str
    service: str
    source: Source
    service_domain: Optional[str] = None
    device: Optional[str] = None
    mac: Optional[str] = None
    mode: Optional[str] = None
    linkprop: Optional[str] = None
    pvid: Optional[int] = None
    vids: tuple[int, ...] = ()
    mtu: Optional[int] = None
    maxbw: Optional[str] = None
    id: Optional[int] = None
    peers: tuple[str, ...] = ()

    @property
    def instance(self) -> Optional[int]:
        """N of ``network@N``: the device instance that names the guest's ``vnetN``."""
        if self.device and self.device.startswith("network@"):
            tail = self.device[len("network@"):]
            if tail.isdigit():
                return int(tail)
        return None


@attrs.frozen
class LdmDomain:
    """One logical domain block of ``ldm list -l``."""

    name: str
    source: Source
    state: Optional[str] = None
    flags: Optional[str] = None
    vswitches: tuple[VirtualSwitch, ...] = ()
    vnets: tuple[VirtualNetwork, ...] = ()


@attrs.frozen
class LdmListing:
    """A whole ``ldm list -l`` capture of one control domain.

    ``linkprop_column`` records whether the NETWORK/VSW headers carried LINKPROP at
    all: a listing without it predates LDoms 1.3 (RULES.md release facts).
    """

    source: Source
    domains: tuple[LdmDomain, ...] = ()
    linkprop_column: bool = False

    def domain(self, name: str) -> Optional[LdmDomain]:
        return next((d for d in self.domains if d.name == name), None)

    @property
    def vswitches(self) -> tuple[VirtualSwitch, ...]:
        return tuple(v for d in self.domains for v in d.vswitches)

    @property
    def vnets(self) -> tuple[VirtualNetwork, ...]:
        return tuple(v for d in self.domains for v in d.vnets)


@attrs.frozen
class LdmRelease:
    """The Logical Domains Manager release (from ``ldm -V``, or inferred; ``how`` says)."""

    version: tuple[int, ...]
    how: str
    source: Optional[Source] = None

    def at_least(self, *version: int) -> bool:
        return self.version >= version

    def __str__(self) -> str:
        return ".".join(str(p) for p in self.version)


# ------------------------------------------------------------------- addresses


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

    @property
    def unspecified(self) -> bool:
        """``0.0.0.0``/``::`` (a link-based standby plumbed without an address) is no address."""
        return self.ip is not None and self.ip.is_unspecified

    @property
    def network(self) -> Optional[ipaddress.IPv4Network | ipaddress.IPv6Network]:
        if self.ip is None or self.prefixlen is None:
            return None
        return ipaddress.ip_network(f"{self.ip}/{self.prefixlen}", strict=False)


# ------------------------------------------------------------- runtime: ifconfig


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


# --------------------------------------------------------- persistent: hostname.*


@attrs.frozen
class HostnameEntry:
    """One logical interface configured by a ``/etc/hostname.<if>`` file: the first
    line's words, or one ``addif`` clause. ``address`` is the address or host name
    token as written (resolved later against ``/etc/hosts``)."""

    source: Source
    address: Optional[str] = None
    netmask: Optional[str] = None
    broadcast: Optional[str] = None
    group: Optional[str] = None
    deprecated: bool = False
    nofailover: bool = False
    standby: bool = False
    up: bool = False
    mtu: Optional[int] = None
    addif: bool = False


@attrs.frozen
class HostnameFile:
    """``/etc/hostname.<if>`` (or ``hostname6.<if>``): persistent configuration of one
    interface. An empty file plumbs the interface with no address."""

    interface: str
    source: Source
    family: str = "inet"
    entries: tuple[HostnameEntry, ...] = ()


# ------------------------------------------------------------------- routes


@attrs.frozen
class Route:
    """One row of ``netstat -rn``."""

    destination: str
    gateway: str
    flags: str
    source: Source
    family: str = "inet"
    interface: Optional[str] = None
    ref: Optional[int] = None
    use: Optional[int] = None

    @property
    def is_gateway(self) -> bool:
        return "G" in self.flags

    @property
    def is_host(self) -> bool:
        return "H" in self.flags

    @property
    def destination_ip(self) -> Optional[ipaddress.IPv4Address | ipaddress.IPv6Address]:
        return _ip_or_none(self.destination)

    @property
    def gateway_ip(self) -> Optional[ipaddress.IPv4Address | ipaddress.IPv6Address]:
        return _ip_or_none(self.gateway)


@attrs.frozen
class RouteTable:
    """``netstat -rn`` of one domain."""

    source: Source
    routes: tuple[Route, ...] = ()


def _ip_or_none(text: str) -> Optional[ipaddress.IPv4Address | ipaddress.IPv6Address]:
    try:
        return ipaddress.ip_address(text.split("%", 1)[0])
    except ValueError:
        return None


# --------------------------------------------------------- IPMP groups (derived)


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

    @property
    def test_addresses(self) -> tuple[Address, ...]:
        return tuple(a for m in self.members for a in m.test_addresses)

    @property
    def probe_based(self) -> bool:
        """in.mpathd probes a group whose members have test addresses."""
        return bool(self.test_addresses)


# ------------------------------------------------------------- captures


@attrs.frozen
class DomainCapture:
    """Everything captured inside one domain (or one bare-metal host).

    ``files`` maps a capture kind (``ifconfig-a``, ``netstat-rn``, ...) to the file it
    was read from, so a rule that cannot be decided can name the missing file.
    """

    name: str
    path: str
    files: dict[str, str] = attrs.field(factory=dict, hash=False)
    ifconfig: Optional[IfconfigCapture] = None
    hostname_files: tuple[HostnameFile, ...] = ()
    routes: Optional[RouteTable] = None
    runtime_groups: tuple[IpmpGroup, ...] = ()
    persistent_groups: tuple[IpmpGroup, ...] = ()

    @property
    def groups(self) -> tuple[IpmpGroup, ...]:
        """The groups rules judge: runtime state where captured, else persistent config."""
        return self.runtime_groups if self.ifconfig is not None else self.persistent_groups


@attrs.frozen
class Server:
    """One capture root: a physical server (with an ``ldm`` capture) or a single host."""

    name: str
    path: str
    ldm: Optional[LdmListing] = None
    release: Optional[LdmRelease] = None
    domains: tuple[DomainCapture, ...] = ()
    files: dict[str, str] = attrs.field(factory=dict, hash=False)
    warnings: tuple[ParseWarning, ...] = ()
    unrecognised: tuple[str, ...] = ()
    accounts: tuple[LineAccount, ...] = ()

    def domain(self, name: str) -> Optional[DomainCapture]:
        return next((d for d in self.domains if d.name == name), None)
