"""How a domain's interfaces are matched to what ldm lists: the judgement calls of the
topology, kept apart from the graph so they can be read (and argued with) on their own.

Guest interfaces are matched to ldm vnets by MAC first (Solaris prints ``0:14:4f:…``
for ldm's ``00:14:4f:…``), then by device instance (``vnetN`` ↔ ``network@N``). An
interface that looks virtual but matches nothing comes back with the reason: it is
reported (IPMP105), never guessed. A ``vswN`` interface in a service domain is its vsw
``switch@N`` plumbed (LDoms 1.2 Administration Guide, Figure 7-5).
"""

from __future__ import annotations

import re
from typing import Iterable, Optional

from ipmplint.model import DomainCapture, LdmDomain, VirtualNetwork, VirtualSwitch, addressing

_VNET_NAME = re.compile(r"^vnet(\d+)$")
_VSW_NAME = re.compile(r"^vsw(\d+)$")


def virtual_name(name: str) -> bool:
    """A vnet's (``vnetN``) or a plumbed vsw's (``vswN``) device name."""
    return bool(_VNET_NAME.match(name) or _VSW_NAME.match(name))


def dladm_device(dc: DomainCapture, interface: str) -> str:
    """Solaris 11: the DEVICE ``dladm show-phys`` gives a vanity-named link (a plumbed
    vsw shows as ``vswN``), else the interface name itself."""
    if dc.dladm is not None:
        for link in dc.dladm.links:
            if link.link == interface and link.device:
                return link.device
    return interface


def looks_virtual(dc: DomainCapture, interface: str) -> bool:
    """A vnet or a plumbed vsw by its name (Solaris 11: by its dladm DEVICE)."""
    return virtual_name(interface) or virtual_name(dladm_device(dc, interface))


def interfaces(dc: DomainCapture) -> list[str]:
    """Physical interface names of a domain: from ifconfig (and ipadm) if captured, else
    from /etc/hostname.*, and every group member."""
    names: dict[str, None] = {}
    if dc.ifconfig is not None:
        for lif in dc.ifconfig.interfaces:
            if "LOOPBACK" not in lif.flags and lif.device != "lo0":
                names.setdefault(lif.device)
    if dc.ipadm is not None:  # Solaris 11 without ifconfig: the IP interfaces ipadm lists
        for iface in dc.ipadm.interfaces:
            if iface.iclass not in ("loopback", "ipmp") and iface.name != "lo0":
                names.setdefault(iface.name)
    if not dc.runtime_captured:  # no runtime capture: what /etc/hostname.* plumbs at boot
        for hf in dc.hostname_files:
            names.setdefault(hf.interface)
    for group in dc.groups:
        for member in group.members:
            names.setdefault(member.interface)
    return list(names)


def vnet(
    dc: DomainCapture, interface: str, ldm_domain: Optional[LdmDomain]
) -> tuple[Optional[VirtualNetwork], Optional[str]]:
    """The vnet a domain interface is, or why it cannot be told (None when it is no vnet)."""
    vnets = ldm_domain.vnets if ldm_domain is not None else ()
    mac = _mac_of(dc, interface)
    if mac is not None:
        for candidate in vnets:
            if addressing.normalize_mac(candidate.mac) == mac:
                return candidate, None
    m = _VNET_NAME.match(interface) or _VNET_NAME.match(dladm_device(dc, interface))  # net0 → vnet0 (S11)
    if m is None:
        return None, None  # a physical NIC, a plumbed vsw, an IPMP interface: not a vnet
    if ldm_domain is None:
        return None, f"domain {dc.name} is not in the ldm capture"
    instance = int(m.group(1))
    by_instance = [v for v in vnets if v.instance == instance]
    if mac is not None and by_instance:
        return None, (
            f"{interface} has MAC {mac}, which no vnet of {dc.name} has in ldm "
            f"(network@{instance} is {by_instance[0].name} with MAC {by_instance[0].mac})"
        )
    if len(by_instance) == 1:
        return by_instance[0], None
    if not by_instance:
        return None, f"no vnet of {dc.name} in ldm has device network@{instance} or the MAC of {interface}"
    return None, f"several vnets of {dc.name} have device network@{instance}"


def plumbed_vsw(dc: DomainCapture, interface: str, ldm_domain: Optional[LdmDomain]) -> Optional[VirtualSwitch]:
    """The vsw a service domain's interface is: ``vswN`` for ``switch@N`` (Solaris 11: a
    link whose dladm DEVICE is ``vswN``), or None."""
    return _vsw_named(interface, ldm_domain) or _vsw_named(dladm_device(dc, interface), ldm_domain)


def vsw_for(vswitches: Iterable[VirtualSwitch], vnet: VirtualNetwork) -> Optional[VirtualSwitch]:
    """The vsw ldm binds a vnet to: its SERVICE by name (in its service domain when ldm
    says which); None when no vsw, or more than one, fits."""
    candidates = [v for v in vswitches if v.name == vnet.service]
    if vnet.service_domain is not None:
        candidates = [v for v in candidates if v.domain == vnet.service_domain]
    return candidates[0] if len(candidates) == 1 else None


def _mac_of(dc: DomainCapture, interface: str) -> Optional[str]:
    if dc.ifconfig is None:
        return None
    for lif in dc.ifconfig.interfaces:
        if lif.device == interface and lif.mac:
            mac = addressing.normalize_mac(lif.mac)
            if mac:
                return mac
    return None


def _vsw_named(interface: str, ldm_domain: Optional[LdmDomain]) -> Optional[VirtualSwitch]:
    m = _VSW_NAME.match(interface)
    if m is None or ldm_domain is None:
        return None
    for vsw in ldm_domain.vswitches:
        if vsw.device == f"switch@{m.group(1)}":
            return vsw
    return None
