"""What one capture root holds: a ``Server`` (its ldm views, release and domains) and
each ``DomainCapture`` (every file captured inside one domain)."""

from __future__ import annotations

from typing import Optional

import attrs

from ipmplint.model.datalinks import DladmCapture
from ipmplint.model.groups import IpmpGroup
from ipmplint.model.hostname import HostnameFile
from ipmplint.model.interfaces import IfconfigCapture
from ipmplint.model.ipadm import IpadmCapture
from ipmplint.model.ipmpstat import IpmpstatCapture
from ipmplint.model.ldm import LdmListing, LdmRelease, VirtinfoCapture
from ipmplint.model.names import HostsFile, NetmasksFile
from ipmplint.model.routes import DefaultRouters, PersistentRoutes, RouteLookup, RouteTable
from ipmplint.model.settings import RoutingState, Settings
from ipmplint.model.source import LineAccount, ParseWarning


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
