"""Building one server's topology from its model: ldm's domains, vsws and vnets, then
each captured domain's interfaces and IPMP groups, matched onto them.

Needs the ``ldm`` capture for vnets and vsws; without it the topology holds only
domains, groups and interfaces (a single host, or a domain whose control domain was
not captured), and the topology rules skip.
"""

from __future__ import annotations

from typing import Optional

from ipmplint.model import LdmDomain, Server, VirtualSwitch
from ipmplint.topology import matching
from ipmplint.topology.index import Index
from ipmplint.topology.kinds import EdgeKind
from ipmplint.topology.nodes import NodeId
from ipmplint.topology.topology import Topology, Unmatched


def build(server: Server) -> Topology:
    """The topology of one server."""
    index = Index()
    unmatched: list[Unmatched] = []
    unplaced: list[Unmatched] = []
    ldm = server.ldm

    if ldm is not None:
        for d in ldm.domains:
            _add_domain(index, d.name, d)
        vswitches = ldm.vswitches
        named: dict[str, list[VirtualSwitch]] = {}
        for vsw in vswitches:
            named.setdefault(vsw.name, []).append(vsw)
            node, home = NodeId.of_vsw(vsw.domain, vsw.name), NodeId.of_domain(vsw.domain)
            index.add_node(node, vsw)
            index.add_edge(node, home, EdgeKind.SERVED_BY)
            if vsw.net_dev:
                nic = NodeId.of_nic(vsw.domain, vsw.net_dev)
                index.add_edge(node, nic, EdgeKind.BACKED_BY)
                index.add_edge(nic, home, EdgeKind.IN)
        for vnet in ldm.vnets:
            node = NodeId.of_vnet(vnet.domain, vnet.name)
            index.add_node(node, vnet)
            index.add_edge(NodeId.of_domain(vnet.domain), node, EdgeKind.OWNS)
            served = matching.vsw_for(named.get(vnet.service, ()), vnet)
            if served is not None:
                index.add_edge(node, NodeId.of_vsw(served.domain, served.name), EdgeKind.BOUND)

    for dc in server.domains:
        _add_domain(index, dc.name, None)
        domain = NodeId.of_domain(dc.name)
        links = matching.links(dc)
        ldm_domain = ldm.domain(dc.name) if ldm is not None else None
        vnets = matching.ldm_vnets(ldm_domain)
        for interface in links.interfaces:
            inode = NodeId.of_interface(dc.name, interface)
            index.add_edge(domain, inode, EdgeKind.HAS)
            if ldm is None:
                if matching.looks_virtual(links, interface):
                    unplaced.append(
                        Unmatched(
                            dc.name,
                            interface,
                            (
                                f"{interface} is a virtual network device, but no ldm capture says which vsw, NIC "
                                f"and service domain it runs through"
                            ),
                        )
                    )
                continue
            matched, reason = matching.vnet(links, interface, ldm_domain, vnets)
            if matched is not None:
                index.add_edge(inode, NodeId.of_vnet(matched.domain, matched.name), EdgeKind.IS)
            elif reason is not None:
                unmatched.append(Unmatched(dc.name, interface, reason))
            plumbed = matching.plumbed_vsw(links, interface, ldm_domain)
            if plumbed is not None:
                index.add_edge(inode, NodeId.of_vsw(plumbed.domain, plumbed.name), EdgeKind.PLUMBS)
        for group in dc.groups:
            gnode = NodeId.of_group(dc.name, group.name)
            index.add_node(gnode, group)
            index.add_edge(domain, gnode, EdgeKind.HAS)
            for member in group.members:
                index.add_edge(gnode, NodeId.of_interface(dc.name, member.interface), EdgeKind.MEMBER)
    return Topology(index, tuple(unmatched), tuple(unplaced))


def _add_domain(index: Index, name: str, ldm_domain: Optional[LdmDomain]) -> None:
    index.add_node(NodeId.of_domain(name), ldm_domain)
