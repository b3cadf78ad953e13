"""How a group's members sit on the topology: the questions the IPMP1xx/2xx rules share.

Kept apart from the rules so that "which vnet and vsw is this member" is answered in
one place: a member whose vnet cannot be matched makes the whole group undecidable
for the topology rules (IPMP105 says why), rather than judged on half its members.
"""

from __future__ import annotations

from collections import defaultdict
from typing import Iterator, Optional

import attrs

from ipmplint.model import DomainCapture, GroupMember, IpmpGroup, Server, VirtualNetwork, VirtualSwitch
from ipmplint.topology import Topology


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


def placements(topo: Topology, group: IpmpGroup) -> Optional[list[Placement]]:
    """Each member's placement, or None when a member cannot be matched to ldm."""
    result = []
    for member in group.members:
        if topo.is_unmatched(group.domain, member.interface):
            return None
        vnet = topo.vnet_of(group.domain, member.interface)
        result.append(Placement(member, vnet, topo.vsw_of(vnet) if vnet is not None else None))
    return result


def placed_groups(server: Server, topo: Topology) -> Iterator[tuple[DomainCapture, IpmpGroup, list[Placement]]]:
    """Every group of the server whose members could all be placed, with the placements.
    A group with an unmatched member is left out: IPMP105 explains it."""
    for dc in server.domains:
        for group in dc.groups:
            found = placements(topo, group)
            if found is not None:
                yield dc, group, found


def shared_vswitches(found: list[Placement]) -> dict[tuple, list[Placement]]:
    """The vsws that carry two or more of a group's vnets (IPMP101; IPMP102 defers to it)."""
    by_vsw: dict[tuple, list[Placement]] = defaultdict(list)
    for p in found:
        if p.vnet is not None and p.vsw_key is not None:
            by_vsw[p.vsw_key].append(p)
    return {key: ps for key, ps in by_vsw.items() if len(ps) >= 2}
