"""The one typed model every capture format fills and every rule reads.

Plain frozen data only: no parsing, no rule logic, no I/O. Each fact carries the
``Source`` it was read from so a finding can point at the line that caused it.

Runtime state (``ifconfig -a``, ``ipmpstat``) and persistent configuration
(``/etc/hostname.*``, ``ipadm`` persistent) are kept in separate objects and never
merged: IPMP401 compares them, every other rule judges one of them.
"""

from __future__ import annotations

import enum
import functools
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
    all: a listing without it predates LDoms 1.3 (Logical Domains 1.3 Release Notes: link-based IPMP,
    ``linkprop=phys-state``, is new in 1.3).
    """

    source: Source
    domains: tuple[LdmDomain, ...] = ()
    linkprop_column: bool = False
    #: ``list-l`` (ldm list -l), ``list-bindings``, ``list-p`` (ldm list -p, parseable),
    #: ``list-services`` (only the services: vsws, no vnets).
    view: str = "list-l"
    #: Whether the listing printed each domain's resources (any section or record under
    #: a domain: the long forms ``-l``, ``list-bindings``, ``list-constraints``). A short
    #: ``ldm list`` or ``ldm list -p`` names the domains and says nothing of their vnets,
    #: so it cannot give the bindings: a domain without NETWORK there is no evidence.
    resources: bool = False

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
def _network(ip: ipaddress.IPv4Address | ipaddress.IPv6Address,
             prefixlen: int) -> ipaddress.IPv4Network | ipaddress.IPv6Network:
    return ipaddress.ip_network(f"{ip}/{prefixlen}", strict=False)


# ------------------------------------------------------------- runtime: ifconfig


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
    #: The far end of a tunnel (``addif 10.0.0.1 10.0.0.2 up`` in a hostname.ip.tun0).
    destination: Optional[str] = None
    #: ``ipmp``: the entry makes the interface an IPMP interface (Solaris Express and
    #: OpenSolaris, where /etc/hostname.ipmp0 holds ``ipmp group itops0 ...``).
    ipmp: bool = False


@attrs.frozen
class HostnameFile:
    """``/etc/hostname.<if>`` (or ``hostname6.<if>``): persistent configuration of one
    interface. An empty file plumbs the interface with no address."""

    interface: str
    source: Source
    family: str = "inet"
    entries: tuple[HostnameEntry, ...] = ()


# ------------------------------------------------------------------- routes


class _RouteAddresses:
    """A route's destination and gateway as addresses (None when the text is no
    address: ``default``, a host name, an anonymised value)."""

    destination: str
    gateway: str

    @property
    def destination_ip(self) -> Optional[ipaddress.IPv4Address | ipaddress.IPv6Address]:
        return _ip_or_none(self.destination)

    @property
    def gateway_ip(self) -> Optional[ipaddress.IPv4Address | ipaddress.IPv6Address]:
        return _ip_or_none(self.gateway)


@attrs.frozen
class Route(_RouteAddresses):
    """One row of ``netstat -rn``."""

    destination: str
    gateway: str
    flags: str
    source: Source
    family: str = "inet"
    interface: Optional[str] = None
    ref: Optional[int] = None
    use: Optional[int] = None
    #: From the Mask column of ``netstat -rnv`` (IPv4); ``-rn`` prints no mask.
    prefixlen: Optional[int] = None

    @property
    def is_gateway(self) -> bool:
        return "G" in self.flags

    @property
    def is_host(self) -> bool:
        return "H" in self.flags


@attrs.frozen
class RouteTable:
    """``netstat -rn`` of one domain."""

    source: Source
    routes: tuple[Route, ...] = ()
    #: Host or network names stand where addresses should (``netstat -r`` without
    #: ``-n``): those routes are kept as written, with no address; a rule that needs
    #: them can say the capture should be ``netstat -rn``.
    host_names: bool = False


@functools.lru_cache(maxsize=65536)  # rules ask for the same routes' addresses again and again
def _ip_or_none(text: str) -> Optional[ipaddress.IPv4Address | ipaddress.IPv6Address]:
    try:
        return ipaddress.ip_address(text.split("%", 1)[0])
    except ValueError:
        return None


# ------------------------------------------------ persistent routes and names


@attrs.frozen
class PersistentRoute(_RouteAddresses):
    """A route that survives a reboot: a line of ``/etc/inet/static_routes`` (Solaris 10
    ``route -p add`` writes them there) or of ``route -p show`` (Solaris 11). The words
    are those of ``route add``: ``-host 192.168.102.1 192.168.102.1 -static``."""

    destination: str
    gateway: str
    source: Source
    host: bool = False
    prefixlen: Optional[int] = None
    family: str = "inet"
    static: bool = False


@attrs.frozen
class PersistentRoutes:
    """``/etc/inet/static_routes`` or ``route -p show`` of one domain."""

    source: Source
    routes: tuple[PersistentRoute, ...] = ()


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


@attrs.frozen
class DefaultRouters:
    """``/etc/defaultrouter``: one router (address or host name) per line."""

    source: Source
    routers: tuple[tuple[str, Source], ...] = ()


# --------------------------------------------------------- settings of a domain


@attrs.frozen
class Setting:
    """One ``KEY=value`` (``/etc/default/mpathd``, ``eeprom``) or one SMF property
    (``svcprop``: ``config/transitive-probing boolean false``); ``type`` is the SMF
    type when there is one."""

    key: str
    value: str
    source: Source
    type: Optional[str] = None


@attrs.frozen
class Settings:
    """A file of settings. ``get`` matches keys case-insensitively and the first
    occurrence wins, as for in.mpathd, which reads its file with defread (illumos
    deflt.c)."""

    source: Source
    settings: tuple[Setting, ...] = ()

    def get(self, key: str) -> Optional[Setting]:
        lowered = key.lower()
        return next((s for s in self.settings if s.key.lower() == lowered), None)


@attrs.frozen
class RoutingOption:
    """A row of ``routeadm`` (``IPv4 forwarding  enabled  enabled``), or the forwarding
    property of ``ipadm show-prop`` (``ipv4 forwarding rw on on off on,off``).
    ``configured`` is the persistent setting, ``current`` the running one; each is
    True/False, or None when the capture says neither (``default``, ``--``)."""

    option: str
    source: Source
    configured: Optional[bool] = None
    current: Optional[bool] = None


@attrs.frozen
class RoutingState:
    """``routeadm`` or ``ipadm show-prop`` of one domain: the options it listed."""

    source: Source
    options: tuple[RoutingOption, ...] = ()

    def option(self, name: str) -> Optional[RoutingOption]:
        lowered = name.lower()
        return next((o for o in self.options if o.option.lower() == lowered), None)


# --------------------------------------------------------------- Solaris 11


@attrs.frozen
class IpadmInterface:
    """A row of ``ipadm show-if`` (or an interface row of bare ``ipadm``): CLASS is
    ``ip``, ``ipmp``, ``loopback``, ``vni``; OVER lists an IPMP interface's members
    (bare ``ipadm`` says it the other way round: UNDER on each member)."""

    name: str
    source: Source
    iclass: Optional[str] = None
    state: Optional[str] = None
    active: Optional[bool] = None
    over: tuple[str, ...] = ()
    under: Optional[str] = None
    persistent: Optional[str] = None


@attrs.frozen
class IpadmAddress:
    """A row of ``ipadm show-addr`` (or an address row of bare ``ipadm``): ADDROBJ is
    ``<interface>/<name>``. On Solaris 11 an address on an underlying interface of a
    group is a test address; data addresses belong on the IPMP interface."""

    addrobj: str
    source: Source
    type: Optional[str] = None
    state: Optional[str] = None
    address: Optional[Address] = None
    #: A point-to-point tunnel address (``a->b``): kept as text, never an IPMP address.
    remote: Optional[str] = None

    @property
    def interface(self) -> str:
        return self.addrobj.split("/", 1)[0]


@attrs.frozen
class IpadmCapture:
    """``ipadm show-if``, ``ipadm show-addr`` or bare ``ipadm`` of one domain."""

    source: Source
    interfaces: tuple[IpadmInterface, ...] = ()
    addresses: tuple[IpadmAddress, ...] = ()


@attrs.frozen
class IpmpstatGroup:
    """A row of ``ipmpstat -g``. ``interfaces`` are the members as printed: a plain name
    is active, ``(name)`` working but inactive, ``[name]`` unusable (failed or offline);
    ``fdt`` is in ms, None when probe-based detection is off (``--``)."""

    group: str
    source: Source
    groupname: Optional[str] = None
    state: Optional[str] = None
    fdt_ms: Optional[int] = None
    active: tuple[str, ...] = ()
    inactive: tuple[str, ...] = ()
    unusable: tuple[str, ...] = ()

    @property
    def members(self) -> tuple[str, ...]:
        return self.active + self.inactive + self.unusable


@attrs.frozen
class IpmpstatInterface:
    """A row of ``ipmpstat -i``: FLAGS letters (``i`` inactive, ``s`` standby, ``m``/``b``
    /``M`` multicast and broadcast, ``d`` down, ``h`` duplicate hardware address), LINK
    up/down/unknown, PROBE ok/failed/unknown/disabled, STATE ok/failed/offline/unknown."""

    interface: str
    source: Source
    active: Optional[bool] = None
    group: Optional[str] = None
    flags: str = ""
    link: Optional[str] = None
    probe: Optional[str] = None
    state: Optional[str] = None


@attrs.frozen
class IpmpstatTarget:
    """A row of ``ipmpstat -t``: MODE routes/multicast/disabled/transitive, the test
    address (None for ``--``) and the probe targets in use."""

    interface: str
    source: Source
    mode: Optional[str] = None
    testaddr: Optional[str] = None
    targets: tuple[str, ...] = ()


@attrs.frozen
class IpmpstatAddress:
    """A row of ``ipmpstat -a``: a data address, its state and group, and the interfaces
    it is received on and sent from."""

    address: str
    source: Source
    state: Optional[str] = None
    group: Optional[str] = None
    inbound: tuple[str, ...] = ()
    outbound: tuple[str, ...] = ()


@attrs.frozen
class IpmpstatProbe:
    """A row of ``ipmpstat -p`` (one probe sent and answered)."""

    interface: str
    source: Source
    target: Optional[str] = None
    rtt: Optional[str] = None


@attrs.frozen
class IpmpstatCapture:
    """``ipmpstat`` output of one domain (any of ``-g -i -t -a -p`` and their ``-P -o``
    forms, one or several per file). ``probe_disabled`` is set when ipmpstat said
    "probe-based failure detection is disabled"."""

    source: Source
    groups: tuple[IpmpstatGroup, ...] = ()
    interfaces: tuple[IpmpstatInterface, ...] = ()
    targets: tuple[IpmpstatTarget, ...] = ()
    addresses: tuple[IpmpstatAddress, ...] = ()
    probes: tuple[IpmpstatProbe, ...] = ()
    probe_disabled: Optional[Source] = None


@attrs.frozen
class Datalink:
    """A row of ``dladm show-phys`` (LINK MEDIA STATE SPEED DUPLEX DEVICE), ``dladm
    show-link`` (LINK CLASS MTU STATE OVER), ``dladm show-vnic`` (LINK OVER SPEED ...) or
    ``dladm show-vlan`` (LINK VID OVER FLAGS), or an aggregation and its ports from ``dladm
    show-aggr -x``/``-L``; a field the command did not print is None.
    ``over`` is what the link is built on: an aggregation's ports, a VNIC's or VLAN's link."""

    link: str
    source: Source
    media: Optional[str] = None
    state: Optional[str] = None
    speed: Optional[str] = None
    duplex: Optional[str] = None
    device: Optional[str] = None
    lclass: Optional[str] = None
    mtu: Optional[int] = None
    over: tuple[str, ...] = ()


@attrs.frozen
class DladmCapture:
    source: Source
    links: tuple[Datalink, ...] = ()


@attrs.frozen
class VirtinfoCapture:
    """``virtinfo -ap``: the domain's own view of its role (``DOMAINROLE|impl=LDoms|
    control=false|io=false|service=false|root=false``) and name."""

    source: Source
    impl: Optional[str] = None
    name: Optional[str] = None
    control: Optional[bool] = None
    io: Optional[bool] = None
    service: Optional[bool] = None
    root: Optional[bool] = None
    control_domain: Optional[str] = None


@attrs.frozen
class RouteLookup:
    """``route -n get <destination>``: the route the kernel would use."""

    source: Source
    destination: Optional[str] = None
    gateway: Optional[str] = None
    interface: Optional[str] = None
    flags: frozenset[str] = frozenset()


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
    persistent_routes: Optional[PersistentRoutes] = None
    hosts: Optional[HostsFile] = None
    netmasks: Optional[NetmasksFile] = None
    defaultrouter: Optional[DefaultRouters] = None
    mpathd: Optional[Settings] = None
    svcprop_ipmp: Optional[Settings] = None
    eeprom: Optional[Settings] = None
    routeadm: Optional[RoutingState] = None
    ipadm_prop: Optional[RoutingState] = None
    ipadm: Optional[IpadmCapture] = None
    ipmpstat: Optional[IpmpstatCapture] = None
    dladm: Optional[DladmCapture] = None
    virtinfo: Optional[VirtinfoCapture] = None
    route_lookup: Optional[RouteLookup] = None
    runtime_groups: tuple[IpmpGroup, ...] = ()
    persistent_groups: tuple[IpmpGroup, ...] = ()

    @property
    def runtime_captured(self) -> bool:
        """Whether the domain's runtime network state was captured (``ifconfig -a``,
        ``ipadm`` or ``ipmpstat``)."""
        return self.ifconfig is not None or self.ipadm is not None or self.ipmpstat is not None

    @property
    def groups(self) -> tuple[IpmpGroup, ...]:
        """The groups rules judge: runtime state where captured, else persistent config."""
        return self.runtime_groups if self.runtime_captured else self.persistent_groups


@attrs.frozen
class Server:
    """One capture root: a physical server (with an ``ldm`` capture) or a single host."""

    name: str
    path: str
    #: The listing the rules read the bindings from: the first of ``ldm list -l``,
    #: ``list-bindings``, ``-p`` that printed each domain's resources (ipmplint.capture.loader).
    ldm: Optional[LdmListing] = None
    #: Each ldm view as captured (``ldm`` is one of them).
    ldm_long: Optional[LdmListing] = None
    ldm_bindings: Optional[LdmListing] = None
    ldm_parseable: Optional[LdmListing] = None
    ldm_services: Optional[LdmListing] = None
    ldm_version: Optional[LdmRelease] = None
    release: Optional[LdmRelease] = None
    domains: tuple[DomainCapture, ...] = ()
    files: dict[str, str] = attrs.field(factory=dict, hash=False)
    warnings: tuple[ParseWarning, ...] = ()
    unrecognised: tuple[str, ...] = ()
    accounts: tuple[LineAccount, ...] = ()

    def domain(self, name: str) -> Optional[DomainCapture]:
        return next((d for d in self.domains if d.name == name), None)

    @property
    def ldm_views(self) -> tuple[LdmListing, ...]:
        """Every ldm view captured, ``ldm`` (the one the rules read) first."""
        views = [self.ldm, self.ldm_long, self.ldm_bindings, self.ldm_parseable, self.ldm_services]
        return tuple({id(v): v for v in views if v is not None}.values())

    @property
    def domain_listing(self) -> Optional[LdmListing]:
        """The listing that names the logical domains: ``ldm``, else any ldm list (even a
        short ``ldm list``, which names them without their resources)."""
        return next((v for v in self.ldm_views if v.view != "list-services"), None)
