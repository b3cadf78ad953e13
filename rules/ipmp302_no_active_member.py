"""Every member of an IPMP group is standby or offline: no interface carries the data.

## What it checks
For every IPMP group: whether any member can carry its data addresses. A member cannot
when it is configured `standby` (persistent configuration) or held in reserve at
runtime (ifconfig `INACTIVE`, `ipmpstat -i` ACTIVE `no`), or taken offline (`OFFLINE`,
`if_mpadm -d`, ipmpstat STATE `offline`). A standby interface that has taken over
after a failure is active and does not count. A FAILED member is IPMP402's. The
member states are read as docs/runtime-state.md describes them.

## Why it breaks failover
IPMP does not permit a data address on a standby interface, and moves the data
addresses off an interface that is made standby. With every member in reserve or
offline, the group's data addresses have no active interface to live on: the service
is unreachable before any failure happens, and there is nothing to fail over from.

## Example
```
/etc/hostname.e1000g0:  192.168.10.11 deprecated -failover netmask + broadcast + group prod standby up
/etc/hostname.e1000g1:  192.168.10.12 deprecated -failover netmask + broadcast + group prod standby up
```

## Fix
Remove `standby` from at least one member (`ifconfig e1000g0 -standby`, and the word
from its `/etc/hostname.e1000g0`), or bring an offline member back
(`if_mpadm -r e1000g0`).

## Source
Solaris 10 System Administration Guide: IP Services, "Standby Interfaces in an IPMP
Group" ("IPMP does not permit you to add a data address to an interface that is
configured ... as standby"), https://docs.oracle.com/cd/E19253-01/816-4554/emylr/index.html;
System Administration Guide: Network Interfaces and Network Virtualization, "How IPMP
Works" (IPMP preserves the configured number of active interfaces),
https://docs.oracle.com/cd/E19082-01/819-6990/gfazt/index.html
"""

from __future__ import annotations

import os
from typing import Iterator, Optional, Union

from ipmplint.analysis import groups, runtime_state
from ipmplint.analysis.runtime_state import MemberState
from ipmplint.model import GroupMember, IpmpGroup
from ipmplint.rule import Problem, RuleContext, Severity, Skip
from ipmplint.topology import NodeId

ID = "IPMP302"
NAME = "no-active-member"
SEVERITY = Severity.ERROR
SOURCE = "Solaris 10 IP Services, Standby Interfaces in an IPMP Group; Solaris 11 How IPMP Works"
TAGS = ("group-shape",)


def inactive(group: IpmpGroup, member: GroupMember) -> Optional[str]:
    """Why a member cannot carry data addresses, or None when it can (its runtime state,
    as ``runtime_state`` reads it; a persistent group knows only ``standby``)."""
    status = runtime_state.member_status(group, member)
    if status.carries_data:
        return None
    if status.state is MemberState.OFFLINE:
        return "offline"
    if group.origin == "persistent":
        return "standby"
    return "standby, inactive" if member.standby else "inactive"


def check(ctx: RuleContext) -> Iterator[Union[Problem, Skip]]:
    for dc in ctx.server.domains:
        for group in dc.groups:
            if not group.members:
                continue
            reasons = [inactive(group, m) for m in group.members]
            if any(r is None for r in reasons):
                continue
            unseen = groups.members_unseen(dc, group)
            if unseen is not None:
                yield Skip(reason=unseen, missing=(os.path.join(dc.path, "ifconfig-a.txt"),), domain=dc.name)
                continue
            listed = ", ".join(f"{m.interface} ({r})" for m, r in zip(group.members, reasons))
            yield Problem(
                message=(
                    f"group {group.name} in {dc.name} has no active member: {listed}. Its data addresses "
                    f"have no interface to live on. Make at least one member active (remove standby, "
                    f"or bring it online with if_mpadm -r)"
                ),
                source=group.source,
                domain=dc.name,
                group=group.name,
                object=group.name,
                nodes=(NodeId.of_group(dc.name, group.name),),
            )
