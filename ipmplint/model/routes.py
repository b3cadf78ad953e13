"""Routes: the running table (``netstat -rn``), persistent routes (``static_routes``,
``route -p show``), ``/etc/defaultrouter``, and the kernel's answer to ``route -n get``."""

from __future__ import annotations

import ipaddress
from typing import Optional

import attrs

from ipmplint.model import addressing
from ipmplint.model.source import Source


class _RouteAddresses:
    """A route's destination and gateway as addresses (None when the text is no
    address: ``default``, a host name, an anonymised value). Read by
    ``addressing.ip``, whose cache the parsers filled with the same texts."""

    destination: str
    gateway: str

    @property
    def destination_ip(self) -> Optional[ipaddress.IPv4Address | ipaddress.IPv6Address]:
        return addressing.ip(self.destination)

    @property
    def gateway_ip(self) -> Optional[ipaddress.IPv4Address | ipaddress.IPv6Address]:
        return addressing.ip(self.gateway)


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
class DefaultRouters:
    """``/etc/defaultrouter``: one router (address or host name) per line."""

    source: Source
    routers: tuple[tuple[str, Source], ...] = ()


@attrs.frozen
class RouteLookup:
    """``route -n get <destination>``: the route the kernel would use.

    No built-in rule reads it yet; it is kept, not dropped, because it is a documented
    fact a plugin rule can require (``route-lookup``, docs/writing-a-rule.md) and its
    parser is proven on a real capture: the file's lines are understood, not skipped."""

    source: Source
    destination: Optional[str] = None
    gateway: Optional[str] = None
    interface: Optional[str] = None
    flags: frozenset[str] = frozenset()
