"""How a group's members sit on the topology: the questions the IPMP1xx/2xx rules share.

Kept apart from the rules so that "which vnet and vsw is this member" is answered in
one place: a member whose vnet cannot be matched makes the whole group undecidable
for the topology rules (IPMP105 says why), rather than judged on half its members.
"""

from __future__ import annotations

import ipaddress
from collections import defaultdict
from typing import Iterator, Optional, Union

import attrs

from ipmplint.analysis import memo, runtime_state
from ipmplint.model import (
    Address,
    DomainCapture,
    GroupMember,
    IpmpGroup,
    LdmRelease,
    Server,
    Source,
    VirtualNetwork,
    VirtualSwitch,
    addressing,
)
from ipmplint.topology import Topology
from ipmplint.topology.matching import dladm_device, virtual_name

#: An address of either family, as ``ipaddress`` parses it.
IPAddress = Union[ipaddress.IPv4Address, ipaddress.IPv6Address]


@attrs.frozen
class Placement:
    """Where one member sits: its vnet (None for a physical NIC) and that vnet's vsw."""

    member: GroupMember
    vnet: Optional[VirtualNetwork] = None
    vsw: Optional[VirtualSwitch] = None

    @property
    def vsw_key(self) -> Optional[tuple[Optional[str], str]]:
        """(service domain, vsw name): from ldm's VSW section, else the vnet's SERVICE."""
        if self.vsw is not None:
            return (self.vsw.domain, self.vsw.name)
        if self.vnet is not None:
            return (self.vnet.service_domain, self.vnet.service)
        return None


def placements(topo: Topology, group: IpmpGroup) -> Optional[tuple[Placement, ...]]:
    """Each member's placement, or None when a member cannot be matched to ldm."""
    result = []
    for member in group.members:
        if topo.is_unmatched(group.domain, member.interface):
            return None
        vnet = topo.vnet_of(group.domain, member.interface)
        result.append(Placement(member, vnet, topo.vsw_of(vnet) if vnet is not None else None))
    return tuple(result)


def placed_groups(server: Server, topo: Topology) -> Iterator[tuple[DomainCapture, IpmpGroup, tuple[Placement, ...]]]:
    """Every group of the server whose members could all be placed, with the placements.
    A group with an unmatched member is left out: IPMP105 explains it."""
    return iter(_placed(server, topo))


@memo.once_per_server
def _placed(server: Server, topo: Topology) -> tuple[tuple[DomainCapture, IpmpGroup, tuple[Placement, ...]], ...]:
    """``placed_groups``, once: eight rules walk them."""
    return tuple(
        (dc, group, found)
        for dc in server.domains
        for group in dc.groups
        if (found := placements(topo, group)) is not None
    )


def shared_vswitches(found: tuple[Placement, ...]) -> dict[tuple, list[Placement]]:
    """The vsws that carry two or more of a group's vnets (IPMP101; IPMP102 defers to it)."""
    by_vsw: dict[tuple, list[Placement]] = defaultdict(list)
    for p in found:
        if p.vnet is not None and p.vsw_key is not None:
            by_vsw[p.vsw_key].append(p)
    return {key: ps for key, ps in by_vsw.items() if len(ps) >= 2}


# -- vsws seen from their service domain (IPMP103/104/106/107, IPMP5xx) ----------------


def gateways_via(dc: DomainCapture, interface: str) -> Optional[list[tuple[IPAddress, Source]]]:
    """The routers a domain sends through one of its interfaces, each with the line that
    names it: gateways of its G routes (``netstat -rn``) on the interface's subnets or
    naming it, else its ``/etc/defaultrouter`` entries on those subnets. A host route to
    its own gateway (the seed's ``route add -host T T``, a probe target) reaches that
    host and routes through nothing. None when neither capture exists (a ``netstat -r``
    with host names, not addresses, counts as none)."""
    networks = [a.network for a in interface_addresses(dc, interface) if a.network is not None]

    def on_link(ip: IPAddress) -> bool:
        return any(ip.version == n.version and ip in n for n in networks)

    if dc.routes is not None and not dc.routes.host_names:
        return [
            (r.gateway_ip, r.source)
            for r in dc.routes.routes
            if r.is_gateway
            and r.gateway_ip is not None
            and r.destination_ip != r.gateway_ip
            and (on_link(r.gateway_ip) or (r.interface or "").split(":")[0] == interface)
        ]
    if dc.defaultrouter is not None:
        found: list[tuple[IPAddress, Source]] = []
        for text, source in dc.defaultrouter.routers:
            ip = addressing.ip(text)
            if ip is None and dc.hosts is not None:
                entry = dc.hosts.resolve(text)
                ip = addressing.ip(entry.address) if entry is not None else None
            if ip is not None and on_link(ip):
                found.append((ip, source))
        return found
    return None


def nic_name(dc: Optional[DomainCapture], name: str) -> str:
    """One name for a NIC however a capture writes it: a Solaris 11 vanity link (``net0``)
    is its dladm DEVICE (``e1000g0``) when dladm was captured in that domain."""
    return dladm_device(dc, name) if dc is not None else name


def aggregation(dc: Optional[DomainCapture], name: str) -> bool:
    """A link aggregation (``aggr1``; dladm CLASS ``aggr``): several NICs, not one."""
    if dc is not None and dc.dladm is not None:
        if any(link.link == name and (link.lclass or "").startswith("aggr") for link in dc.dladm.links):
            return True
    return name.startswith("aggr") and name[4:].isdigit()


def interface_addresses(dc: DomainCapture, interface: str) -> tuple[Address, ...]:
    """The usable addresses on one interface (and its logical interfaces): from the
    runtime capture where there is one, else from ``/etc/hostname.<if>`` (a host name
    resolved with the domain's ``/etc/hosts``). ``0.0.0.0``, a runtime placeholder, is no
    address."""
    return _addresses_by_interface(dc).get(interface, ())


@memo.once_per_server
def _addresses_by_interface(dc: DomainCapture) -> dict[str, tuple[Address, ...]]:
    """``interface_addresses`` of every interface of a domain, read in one pass over its
    captures (its askers only read it)."""
    found: dict[str, list[Address]] = defaultdict(list)
    if dc.runtime_captured:
        if dc.ifconfig is not None:
            for lif in dc.ifconfig.interfaces:
                if lif.address is not None:
                    found[lif.device].append(lif.address)
        if dc.ipadm is not None:
            for a in dc.ipadm.addresses:
                if a.remote is None and a.address is not None:
                    found[a.interface].append(a.address)
    else:
        for hf in dc.hostname_files:
            for entry in hf.entries:
                ip = addressing.ip(entry.address) if entry.address else None
                if ip is None and entry.address and dc.hosts is not None:
                    resolved = dc.hosts.resolve(entry.address)
                    ip = addressing.ip(resolved.address) if resolved is not None else None
                if ip is not None:
                    address = Address(text=entry.address or "", source=entry.source, family=hf.family, ip=ip)
                    found[hf.interface].append(address)
    return {
        interface: tuple(a for a in addresses if a.ip is not None and not runtime_state.placeholder(a))
        for interface, addresses in found.items()
    }


@attrs.frozen
class AddressSite:
    """Where an address of the server sits: a domain's interface and the vsw behind it."""

    domain: str
    interface: str
    address: Address
    vsw: VirtualSwitch


def address_sites(server: Server, topo: Topology, ip: IPAddress) -> tuple[AddressSite, ...]:
    """Where the server holds an address: every captured domain's interface that has it
    and reaches a vsw (a vnet, a plumbed vsw, or an IPMP interface whose members all sit
    on one vsw), in domain and interface order. Only the holders of ``ip`` are placed on
    the topology: IPMP107 asks of a few probe targets, among all the server's addresses."""
    sites = []
    for dc, interface, address in _holders(server, topo).get(ip, ()):
        vsw = topo.vswitch_of(dc.name, interface)
        if vsw is None:
            vsw = _only_vswitch(topo, dc, interface)
        if vsw is not None:
            sites.append(AddressSite(dc.name, interface, address, vsw))
    return tuple(sites)


@memo.once_per_server
def _holders(server: Server, topo: Topology) -> dict[Optional[IPAddress], list[tuple[DomainCapture, str, Address]]]:
    """Each address of the captured domains' interfaces (and IPMP interfaces), and the
    domain and interface that hold it (its askers only read it)."""
    found: dict[Optional[IPAddress], list[tuple[DomainCapture, str, Address]]] = defaultdict(list)
    for dc in server.domains:
        names = topo.interfaces(dc.name)
        names += [g.interface for g in dc.groups if g.interface and g.interface not in names]
        held = _addresses_by_interface(dc)
        for interface in names:
            for address in held.get(interface, ()):
                found[address.ip].append((dc, interface, address))
    return dict(found)


def _only_vswitch(topo: Topology, dc: DomainCapture, interface: str) -> Optional[VirtualSwitch]:
    """The vsw of an IPMP interface's addresses: the one vsw all its members sit on."""
    group = next((g for g in dc.groups if g.interface == interface), None)
    if group is None or not group.members:
        return None
    vsws = {topo.vswitch_of(dc.name, m.interface) for m in group.members}
    return vsws.pop() if len(vsws) == 1 else None


# -- link state: what link-based detection can see (IPMP201, IPMP203) ------------------


def vnet_link_gaps(
    release: Optional[LdmRelease], vnet: VirtualNetwork, vsw: Optional[VirtualSwitch]
) -> tuple[str, ...]:
    """Why physical link state does not reach a vnet, as the captures show it: the
    release is before LDoms 1.3, the vnet lacks ``linkprop=phys-state``, or its vsw has
    no ``net-dev`` (LDoms 1.3 guide, "Using Link-Based IPMP"; OVM guide, "Configuring
    Link-Based IPMP"). Empty when nothing captured stands in the way."""
    reasons = []
    if release is not None and not release.at_least(1, 3):
        reasons.append(f"this is LDoms before 1.3 ({release.how})")
    elif vnet.linkprop != "phys-state":
        reasons.append(f"vnet {vnet.name} does not have linkprop=phys-state")
    if vsw is not None and not vsw.net_dev:
        reasons.append(f"its vsw {vsw.name}@{vsw.domain} has no net-dev")
    return tuple(reasons)


def physical_link_state(server: Server, topo: Topology, dc: DomainCapture, interface: str) -> Optional[bool]:
    """Whether a failure of the physical path shows in an interface's link state, so that
    link-based detection sees it. True for a physical NIC, and for a vnet or a plumbed
    vsw that physical link state reaches; False for a vnet or vsw it does not reach
    (IPMP201, IPMP503); None when it cannot be told: the interface looks virtual (its
    name, or on Solaris 11 its dladm DEVICE, is a vnet's or vsw's) but is placed on no
    vnet or vsw of the ldm capture (IPMP105) or there is none, its vsw is not in the
    capture, or the domain says it is an LDoms domain without I/O (``virtinfo -ap``),
    which has no physical NIC."""
    if topo.is_unmatched(dc.name, interface):
        return None
    vnet = topo.vnet_of(dc.name, interface)
    if vnet is not None:
        vsw = topo.vsw_of(vnet)
        if vnet_link_gaps(server.release, vnet, vsw):
            return False
        return True if vsw is not None else None
    vsw = topo.plumbed_vsw(dc.name, interface)
    if vsw is not None:
        release = server.release
        before_13 = release is not None and not release.at_least(1, 3)
        return not before_13 and vsw.linkprop == "phys-state" and bool(vsw.net_dev)
    if virtual_name(dladm_device(dc, interface)):
        return None
    info = dc.virtinfo
    if info is not None and info.impl == "LDoms" and info.io is False and info.control is False:
        return None
    return True


def vsw_link_gaps(release: Optional[LdmRelease], vsw: VirtualSwitch) -> tuple[str, ...]:
    """Why physical link state does not reach a vsw plumbed in its service domain: the
    release is before LDoms 1.3, the vsw lacks ``linkprop=phys-state``, or it has no
    ``net-dev`` to track (LDoms 1.3 guide, "Configure Physical Link Status Updates").
    Empty when nothing captured stands in the way."""
    reasons = []
    if release is not None and not release.at_least(1, 3):
        reasons.append(f"this is LDoms before 1.3 ({release.how}), whose vsw reports no physical link state")
    elif vsw.linkprop != "phys-state":
        reasons.append(f"vsw {vsw.name} does not have linkprop=phys-state")
    if not vsw.net_dev:
        reasons.append(f"vsw {vsw.name} has no net-dev, so there is no physical link to track")
    return tuple(reasons)
