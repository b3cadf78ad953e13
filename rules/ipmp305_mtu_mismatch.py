"""Members of one IPMP group have different MTUs.

## What it checks
The MTU of each member of every group (its IPv4 interface in `ifconfig -a`, or the
`mtu` of its `/etc/hostname.<if>`), where known for two or more members. The `mtu 0`
that Solaris 10 prints beside the `0.0.0.0` placeholder of an inactive standby, or of
a failed or offline member whose addresses moved away, is no MTU: such a member's MTU
is read from its other logical interfaces (its test address), else it is unknown (see
docs/runtime-state.md).

## Why it breaks failover
After a failover the data addresses run on the other member's MTU: a smaller one
drops or fragments the large packets the clients were sending (a path-MTU black hole
with jumbo frames), a larger one sends frames the switch ports of that path may not
pass. The group works until the day it fails over.

## Example
```
vnet0: flags=1000843<UP,BROADCAST,RUNNING,MULTICAST,IPv4> mtu 9000 index 2   groupname ipmp0
vnet1: flags=1000843<UP,BROADCAST,RUNNING,MULTICAST,IPv4> mtu 1500 index 3   groupname ipmp0
```

## Fix
Give every member the same MTU (`mtu 9000` in each `/etc/hostname.<if>`, the vnets'
and vsws' `mtu=` in `ldm set-vnet`/`set-vsw`, and the switch ports).

## Source
An inference from the requirement that a group's members share one IP link (Solaris
10 System Administration Guide: IP Services, "Requirements for IPMP",
https://docs.oracle.com/cd/E19253-01/816-4554/eyprl/index.html); OVM for SPARC guides,
"Configuring Jumbo Frames" (vnet and vsw MTUs must agree along the path).
"""

from __future__ import annotations

from typing import Iterator

from ipmplint.analysis import groups, runtime_state
from ipmplint.rule import Problem, RuleContext, Severity
from ipmplint.topology import NodeId

ID = "IPMP305"
NAME = "mtu-mismatch"
SEVERITY = Severity.WARNING
SOURCE = "Inference from Solaris 10 IP Services, Requirements for IPMP; OVM guide, Configuring Jumbo Frames"
TAGS = ("group-shape",)


def check(ctx: RuleContext) -> Iterator[Problem]:
    for dc in ctx.server.domains:
        for group in dc.groups:
            for member, mtu, first, first_mtu in groups.odd_members(group, runtime_state.member_mtu):
                yield Problem(
                    message=(
                        f"group {group.name} in {dc.name}: member {member.interface} has MTU {mtu}, "
                        f"{first.interface} has {first_mtu}; after a failover the data addresses run on "
                        f"the other MTU. Give every member the same MTU"
                    ),
                    source=member.source,
                    domain=dc.name,
                    group=group.name,
                    object=member.interface,
                    nodes=(NodeId.of_interface(dc.name, member.interface),),
                )
