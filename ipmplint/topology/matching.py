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

import attrs

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


def looks_virtual(links: "Links", interface: str) -> bool:
    """A vnet or a plumbed vsw by its name (Solaris 11: by its dladm DEVICE)."""
    return virtual_name(interface) or virtual_name(links.device(interface))


@attrs.frozen
class Links:
    """What the matching reads of one captured domain, read once: its interface names,
    the MAC each shows in ``ifconfig -a`` and the dladm DEVICE of each link. The builder
    asks these of every interface, and each answer is a scan of the domain's captures."""

    name: str
    #: Physical interface names: from ifconfig (and ipadm) if captured, else from
    #: /etc/hostname.*, and every group member, in that order.
    interfaces: tuple[str, ...]
    #: Each device's MAC (normalised), from the first of its stanzas that shows one.
    macs: dict[str, str]
    #: Each link's dladm DEVICE, from the first row that names one.
    devices: dict[str, str]

    def device(self, interface: str) -> str:
        """``dladm_device``: the link's DEVICE, else the interface name itself."""
        return self.devices.get(interface, interface)


def links(dc: DomainCapture) -> Links:
    """The ``Links`` of a captured domain."""
    names: dict[str, None] = {}
    macs: dict[str, str] = {}
    if dc.ifconfig is not None:
        for lif in dc.ifconfig.interfaces:
            device = lif.device
            if "LOOPBACK" not in lif.flags and device != "lo0":
                names.setdefault(device)
            if lif.mac and device not in macs:
                mac = addressing.normalize_mac(lif.mac)
                if mac:
                    macs[device] = mac
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
    devices: dict[str, str] = {}
    if dc.dladm is not None:
        for link in dc.dladm.links:
            if link.device:
                devices.setdefault(link.link, link.device)
    return Links(dc.name, tuple(names), macs, devices)


@attrs.frozen
class LdmVnets:
    """One ldm domain's vnets as the matching looks them up: by MAC (normalised; the
    first listed with it) and by device instance (``network@N``)."""

    by_mac: dict[str, VirtualNetwork]
    by_instance: dict[int, list[VirtualNetwork]]


def ldm_vnets(ldm_domain: Optional[LdmDomain]) -> LdmVnets:
    by_mac: dict[str, VirtualNetwork] = {}
    by_instance: dict[int, list[VirtualNetwork]] = {}
    for candidate in ldm_domain.vnets if ldm_domain is not None else ():
        mac = addressing.normalize_mac(candidate.mac)
        if mac is not None:
            by_mac.setdefault(mac, candidate)
        instance = candidate.instance
        if instance is not None:
            by_instance.setdefault(instance, []).append(candidate)
    return LdmVnets(by_mac, by_instance)


def vnet(
    links: Links, interface: str, ldm_domain: Optional[LdmDomain], vnets: LdmVnets
) -> tuple[Optional[VirtualNetwork], Optional[str]]:
    """The vnet a domain interface is, or why it cannot be told (None when it is no vnet);
    ``vnets`` is ``ldm_vnets(ldm_domain)``."""
    mac = links.macs.get(interface)
    if mac is not None:
        found = vnets.by_mac.get(mac)
        if found is not None:
            return found, None
    m = _VNET_NAME.match(interface) or _VNET_NAME.match(links.device(interface))  # net0 → vnet0 (S11)
    if m is None:
        return None, None  # a physical NIC, a plumbed vsw, an IPMP interface: not a vnet
    if ldm_domain is None:
        return None, f"domain {links.name} is not in the ldm capture"
    instance = int(m.group(1))
    by_instance = vnets.by_instance.get(instance, [])
    if mac is not None and by_instance:
        return None, (
            f"{interface} has MAC {mac}, which no vnet of {links.name} has in ldm "
            f"(network@{instance} is {by_instance[0].name} with MAC {by_instance[0].mac})"
        )
    if len(by_instance) == 1:
        return by_instance[0], None
    if not by_instance:
        return None, f"no vnet of {links.name} in ldm has device network@{instance} or the MAC of {interface}"
    return None, f"several vnets of {links.name} have device network@{instance}"


def plumbed_vsw(links: Links, interface: str, ldm_domain: Optional[LdmDomain]) -> Optional[VirtualSwitch]:
    """The vsw a service domain's interface is: ``vswN`` for ``switch@N`` (Solaris 11: a
    link whose dladm DEVICE is ``vswN``), or None."""
    if ldm_domain is None or not ldm_domain.vswitches:
        return None
    return _vsw_named(interface, ldm_domain) or _vsw_named(links.device(interface), ldm_domain)


def vsw_for(vswitches: Iterable[VirtualSwitch], vnet: VirtualNetwork) -> Optional[VirtualSwitch]:
    """The vsw ldm binds a vnet to: its SERVICE by name (in its service domain when ldm
    says which); None when no vsw, or more than one, fits."""
    candidates = [v for v in vswitches if v.name == vnet.service]
    if vnet.service_domain is not None:
        candidates = [v for v in candidates if v.domain == vnet.service_domain]
    return candidates[0] if len(candidates) == 1 else None


def _vsw_named(interface: str, ldm_domain: LdmDomain) -> Optional[VirtualSwitch]:
    m = _VSW_NAME.match(interface)
    if m is None:
        return None
    for vsw in ldm_domain.vswitches:
        if vsw.device == f"switch@{m.group(1)}":
            return vsw
    return None
