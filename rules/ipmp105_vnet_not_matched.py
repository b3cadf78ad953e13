"""A group member that is a virtual network device matches no vnet in `ldm`.

## What it checks
Every member of an IPMP group that is (or looks like) a vnet — named `vnetN`, or in a
domain whose devices ldm lists — must be matched to a vnet of its domain in
`ldm list -l`: by MAC address first (Solaris prints `0:14:4f:f8:91:4f` for ldm's
`00:14:4f:f8:91:4f`), then by device instance (`network@N` ↔ `vnetN`). A member that
cannot be matched is reported with the reason, and the topology rules (IPMP101,
IPMP102, IPMP201) skip its group instead of judging it on half its members.

## Why it breaks failover
It may not — but without the match nobody can tell which vsw, NIC and service domain
the member depends on, so a shared single point of failure would go unseen.

## Example
The guest's `vnet2` has MAC `0:14:4f:fa:0:9`, and ldm lists for the domain only
`network@0` and `network@1` with other MACs.

## Fix
Capture `ifconfig -a` as root (so `ether` lines are printed) and `ldm list -l` at the
same time; name the domain folder exactly as ldm names the domain. On Solaris 10 the
instance of `vnetN` is not always N of `network@N`: the MAC decides.

## Source
Capture consistency; Logical Domains 1.3 Administration Guide, "Find Solaris OS Network
Interface Name" (the MAC ties `network@N` to the Solaris interface),
https://docs.oracle.com/cd/E19604-01/821-0406/findsolarisnetinterfacenametask/index.html
"""

from __future__ import annotations

from typing import Iterator

from ipmplint.rule import Problem, RuleContext, Severity
from ipmplint.topology import NodeId

ID = "IPMP105"
NAME = "vnet-not-matched"
SEVERITY = Severity.WARNING
SOURCE = "Capture consistency; LDoms 1.3 Administration Guide, Find Solaris OS Network Interface Name"
TAGS = ("topology", "capture")
REQUIRES = ("ldm-bindings",)


def check(ctx: RuleContext) -> Iterator[Problem]:
    topo = ctx.topology
    for dc in ctx.server.domains:
        for group in dc.groups:
            for member in group.members:
                unmatched = topo.is_unmatched(dc.name, member.interface)
                if unmatched is None:
                    continue
                yield Problem(
                    message=(
                        f"group {group.name} in {dc.name}: member {member.interface} cannot be matched "
                        f"to a vnet in ldm ({unmatched.reason}); the topology checks of this group "
                        f"are skipped"
                    ),
                    source=member.source,
                    domain=dc.name,
                    group=group.name,
                    object=member.interface,
                    nodes=(NodeId.of_interface(dc.name, member.interface),),
                )
