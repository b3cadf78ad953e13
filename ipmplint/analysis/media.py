"""What kind of link an interface is: its driver, its media, virtual or physical.

Solaris names an interface after its driver and instance (``e1000g1``, ``vnet0``,
``ibd0``); Solaris 11 gives vanity names (``net0``) whose driver ``dladm show-phys``
prints in its DEVICE column, with the MEDIA beside it. The IPMP requirements (same
media type, unique MAC per member: Solaris 10 IP Services, "Requirements for IPMP")
and the LDoms rules (a vnet has its own MAC and no local-mac-address? to set) ask
these questions; an interface whose driver nothing names is unknown, never guessed.
"""

from __future__ import annotations

import re
from typing import Optional

from ipmplint.model import DomainCapture

#: LDoms virtual devices: a guest's virtual network device, a service domain's vsw.
VIRTUAL_DRIVERS = frozenset({"vnet", "vsw"})

#: IP over InfiniBand (ibd: Solaris 10 and 11; ibp: Solaris 11.1+ "IPoIB").
INFINIBAND_DRIVERS = frozenset({"ibd", "ibp"})

#: Ethernet drivers of SPARC servers and their PCIe cards (and the LDoms virtual ones).
ETHERNET_DRIVERS = frozenset(
    {
        "vnet",
        "vsw",
        "e1000g",
        "bge",
        "nxge",
        "igb",
        "ixgbe",
        "i40e",
        "hme",
        "qfe",
        "ce",
        "eri",
        "ge",
        "ipge",
        "xge",
        "nge",
        "rge",
        "ixgb",
        "bnx",
        "bnxe",
        "cxgbe",
        "hxge",
        "igbvf",
        "ixgbevf",
        "mlxne",
        "qlge",
        "oce",
        "usbecm",
        "aggr",
        "vnic",
    }
)

_NAME = re.compile(r"^(?P<driver>[a-z][a-z0-9]*?)(?P<instance>\d+)(?::\d+)?$")


def driver(dc: DomainCapture, interface: str) -> Optional[str]:
    """``e1000g1`` → ``e1000g``; a vanity name (``net0``) through ``dladm show-phys``'s
    DEVICE; None when neither tells."""
    name = interface.split(":", 1)[0]
    if dc.dladm is not None:
        for link in dc.dladm.links:
            if link.link == name and link.device:
                m = _NAME.match(link.device)
                return m.group("driver") if m else None
    m = _NAME.match(name)
    if m is None:
        return None
    found = m.group("driver")
    return None if found == "net" else found  # net: a Solaris 11 vanity name, device not captured


def is_virtual(dc: DomainCapture, interface: str) -> Optional[bool]:
    """Whether the interface is an LDoms virtual device (vnet, plumbed vsw)."""
    found = driver(dc, interface)
    return None if found is None else found in VIRTUAL_DRIVERS


def media(dc: DomainCapture, interface: str) -> Optional[str]:
    """``Ethernet`` or ``InfiniBand`` (dladm's words), from ``dladm show-phys`` MEDIA,
    else from a driver known to be one of them; None when unknown."""
    name = interface.split(":", 1)[0]
    if dc.dladm is not None:
        for link in dc.dladm.links:
            if link.link == name and link.media:
                return link.media
    found = driver(dc, interface)
    if found in INFINIBAND_DRIVERS:
        return "InfiniBand"
    if found in ETHERNET_DRIVERS:
        return "Ethernet"
    return None
