"""Solaris 11 ``ipadm``: IP interfaces (``show-if``) and address objects (``show-addr``)."""

from __future__ import annotations

from typing import Optional

import attrs

from ipmplint.model.address import Address
from ipmplint.model.source import Source


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
