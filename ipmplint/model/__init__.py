"""The one typed model every capture format fills and every rule reads.

Plain frozen data only: no parsing, no rule logic, no I/O. Each fact carries the
``Source`` it was read from so a finding can point at the line that caused it.

Runtime state (``ifconfig -a``, ``ipmpstat``) and persistent configuration
(``/etc/hostname.*``, ``ipadm`` persistent) are kept in separate objects and never
merged: IPMP401 compares them, every other rule judges one of them.

One module per job (``source``, ``ldm``, ``address``, ``interfaces``, ``hostname``,
``routes``, ``names``, ``settings``, ``ipadm``, ``ipmpstat``, ``datalinks``, ``groups``,
``server``); this package re-exports their public names, so ``from ipmplint.model
import Server`` is how the rest of ipmplint (and plugins) name the model: the
vocabulary stays one import wherever a class lives.
"""

from __future__ import annotations

from ipmplint.model.address import Address
from ipmplint.model.datalinks import Datalink, DladmCapture
from ipmplint.model.groups import GroupMember, IpmpGroup
from ipmplint.model.hostname import HostnameEntry, HostnameFile
from ipmplint.model.interfaces import IfconfigCapture, LogicalInterface, Tunnel
from ipmplint.model.ipadm import IpadmAddress, IpadmCapture, IpadmInterface
from ipmplint.model.ipmpstat import (
    IpmpstatAddress,
    IpmpstatCapture,
    IpmpstatGroup,
    IpmpstatInterface,
    IpmpstatProbe,
    IpmpstatTarget,
)
from ipmplint.model.ldm import LdmDomain, LdmListing, LdmRelease, VirtinfoCapture, VirtualNetwork, VirtualSwitch
from ipmplint.model.names import HostEntry, HostsFile, NetmaskEntry, NetmasksFile
from ipmplint.model.routes import DefaultRouters, PersistentRoute, PersistentRoutes, Route, RouteLookup, RouteTable
from ipmplint.model.server import DomainCapture, Server
from ipmplint.model.settings import RoutingOption, RoutingState, Setting, Settings
from ipmplint.model.source import LineAccount, LineStatus, ParseWarning, Source

#: The modules that define the model's classes (a cache file may build their classes
#: and nothing else of ipmplint's: ipmplint.engine.cache).
MODULES = (
    "ipmplint.model.source",
    "ipmplint.model.ldm",
    "ipmplint.model.address",
    "ipmplint.model.interfaces",
    "ipmplint.model.hostname",
    "ipmplint.model.routes",
    "ipmplint.model.names",
    "ipmplint.model.settings",
    "ipmplint.model.ipadm",
    "ipmplint.model.ipmpstat",
    "ipmplint.model.datalinks",
    "ipmplint.model.groups",
    "ipmplint.model.server",
)

__all__ = [
    "Address",
    "Datalink",
    "DefaultRouters",
    "DladmCapture",
    "DomainCapture",
    "GroupMember",
    "HostEntry",
    "HostnameEntry",
    "HostnameFile",
    "HostsFile",
    "IfconfigCapture",
    "IpadmAddress",
    "IpadmCapture",
    "IpadmInterface",
    "IpmpGroup",
    "IpmpstatAddress",
    "IpmpstatCapture",
    "IpmpstatGroup",
    "IpmpstatInterface",
    "IpmpstatProbe",
    "IpmpstatTarget",
    "LdmDomain",
    "LdmListing",
    "LdmRelease",
    "LineAccount",
    "LineStatus",
    "LogicalInterface",
    "NetmaskEntry",
    "NetmasksFile",
    "ParseWarning",
    "PersistentRoute",
    "PersistentRoutes",
    "Route",
    "RouteLookup",
    "RouteTable",
    "RoutingOption",
    "RoutingState",
    "Server",
    "Setting",
    "Settings",
    "Source",
    "Tunnel",
    "VirtinfoCapture",
    "VirtualNetwork",
    "VirtualSwitch",
]
