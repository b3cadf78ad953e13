"""A member of an IPMP group is failed, offline or without link, or the group is degraded.

## What it checks
The runtime state of every group (where `ifconfig -a`, `ipadm` or `ipmpstat` was
captured; persistent configuration is never judged here):
- a member flagged FAILED or OFFLINE by ifconfig, or without RUNNING (its link is down);
- a member that `ipmpstat -i` shows failed or offline, or with LINK `down`;
- a group that `ipmpstat -g` (or bare `ipadm`) shows `degraded` or `failed`, when no
  member finding already says why.

Only the member itself is reported: the `0.0.0.0` placeholder and `mtu 0` it shows,
and its data addresses now on another member, are the normal leftovers of a failover
(docs/runtime-state.md), which the other rules do not report either.

## Why it breaks failover
The redundancy is already spent: the group runs on fewer interfaces than designed, and
the next failure — of the interface that still carries the data addresses — takes the
service down. A member that stays failed also hides a cabling or switch fault that will
catch the next failover too.

## Example
```
bge3: flags=19000802<BROADCAST,MULTICAST,IPv4,NOFAILOVER,FAILED> mtu 1500 index 5
        groupname prod
```

## Fix
Find and repair the failed path (cable, switch port, vsw, service domain), then check
that in.mpathd repairs the member (`ipmpstat -i`, `/var/adm/messages`); bring an
offlined member back with `if_mpadm -r`.

## Source
in.mpathd(1M) (FAILED, OFFLINE; link-based detection watches RUNNING) and ipmpstat(1M)
(group state ok/degraded/failed; interface state ok/failed/offline; link up/down),
https://docs.oracle.com/cd/E86824_01/html/E54764/ipmpstat-1m.html; if_mpadm(1M)
(`-d` takes a member offline, `-r` brings it back); Solaris 10 System Administration
Guide: IP Services, "What Happens During Interface Failover" (the failed member and
its placeholder), https://docs.oracle.com/cd/E19253-01/816-4554/eoqse/index.html
"""

from __future__ import annotations

from typing import Iterator, Optional

from ipmplint.analysis import runtime_state
from ipmplint.analysis.runtime_state import MemberState
from ipmplint.model import GroupMember, IpmpGroup
from ipmplint.rule import Problem, RuleContext, Severity
from ipmplint.topology import NodeId

ID = "IPMP402"
NAME = "member-down"
SEVERITY = Severity.ERROR
SOURCE = "in.mpathd(1M); ipmpstat(1M)"
TAGS = ("state",)


def down(group: IpmpGroup, member: GroupMember, from_ifconfig: bool) -> Optional[str]:
    """Why the member is down, or None when nothing says it is: FAILED or OFFLINE (its
    runtime state, as ``runtime_state`` reads it), else a link that is down."""
    status = runtime_state.member_status(group, member, from_ifconfig)
    if status.state in (MemberState.FAILED, MemberState.OFFLINE):
        return status.evidence
    return status.link_down


def check(ctx: RuleContext) -> Iterator[Problem]:
    for dc in ctx.server.domains:
        if not dc.runtime_captured:
            continue
        for group in dc.runtime_groups:
            reported = False
            for member in group.members:
                why = down(group, member, dc.ifconfig is not None)
                if why is None:
                    continue
                reported = True
                yield Problem(
                    message=(
                        f"group {group.name} in {dc.name}: member {member.interface} is down ({why}); the "
                        f"group has already lost its redundancy. {_remedy(member, why)}"
                    ),
                    source=member.source,
                    domain=dc.name,
                    group=group.name,
                    object=member.interface,
                    nodes=(NodeId.of_interface(dc.name, member.interface),),
                )
            if not reported and group.state in ("degraded", "failed"):
                yield Problem(
                    message=(
                        f"group {group.name} in {dc.name} is {group.state}: it has already lost "
                        f"{'all' if group.state == 'failed' else 'part'} of its redundancy. Repair its "
                        f"failed members"
                    ),
                    source=group.source,
                    domain=dc.name,
                    group=group.name,
                    object=group.name,
                    nodes=(NodeId.of_group(dc.name, group.name),),
                )


def _remedy(member: GroupMember, why: str) -> str:
    """An offlined member is brought back, not repaired: ``if_mpadm -r`` (if_mpadm(1M))."""
    if "offline" in why.lower():
        return f"When its maintenance is done, bring it back with if_mpadm -r {member.interface}"
    return f"Repair the path behind {member.interface}"
