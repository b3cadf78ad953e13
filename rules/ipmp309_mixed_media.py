"""An IPMP group mixes media types (e.g. IP over InfiniBand with Ethernet).

## What it checks
The media of each member of every group: `dladm show-phys` MEDIA where captured (the
only source for Solaris 11 vanity names such as `net0`), else the driver the interface
is named after (`ibd`/`ibp`: InfiniBand; `e1000g`, `nxge`, `igb`, `ixgbe`, `vnet`, ...:
Ethernet). A member whose media cannot be told is not judged.

## Why it breaks failover
IPMP requires every interface of a group to be of the same media type: the data
addresses and their ARP/neighbour entries, MTU and link-layer addressing do not carry
over between an InfiniBand and an Ethernet interface, so failover between them fails.

## Example
`ibd0` and `e1000g0` both `groupname prod`.

## Fix
Build one group per media type (IPoIB interfaces with IPoIB interfaces).

## Source
Solaris 10 System Administration Guide: IP Services, "Requirements for IPMP" (same
media type), https://docs.oracle.com/cd/E19253-01/816-4554/eyprl/index.html
"""

from __future__ import annotations

from functools import partial
from typing import Iterator, Optional

from ipmplint.analysis import groups, media
from ipmplint.model import DomainCapture, GroupMember
from ipmplint.rule import Problem, RuleContext, Severity
from ipmplint.topology import NodeId

ID = "IPMP309"
NAME = "mixed-media"
SEVERITY = Severity.WARNING
SOURCE = "Solaris 10 IP Services, Requirements for IPMP (same media type)"
TAGS = ("group-shape",)


def _media_of(dc: DomainCapture, member: GroupMember) -> Optional[str]:
    return media.media(dc, member.interface)


def check(ctx: RuleContext) -> Iterator[Problem]:
    for dc in ctx.server.domains:
        for group in dc.groups:
            for member, kind, first, first_kind in groups.odd_members(group, partial(_media_of, dc)):
                yield Problem(
                    message=(
                        f"group {group.name} in {dc.name} mixes media: {member.interface} is {kind}, "
                        f"{first.interface} is {first_kind}. A group's interfaces must be of one media "
                        f"type: make one group per media"
                    ),
                    source=member.source,
                    domain=dc.name,
                    group=group.name,
                    object=member.interface,
                    nodes=(NodeId.of_interface(dc.name, member.interface),),
                )
