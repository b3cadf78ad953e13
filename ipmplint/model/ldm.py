"""The control domain's Logical Domains views: ``ldm list -l`` and its sister listings
(vsws, vnets and the domains they belong to), the ``ldm -V`` release, and a domain's own
view of its role (``virtinfo -ap``)."""

from __future__ import annotations

from typing import Optional

import attrs

from ipmplint.model.source import Source


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
            tail = self.device[len("network@") :]
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
