"""An IPMP group has one member (or none): there is nothing to fail over to.

## What it checks
Every IPMP group of every domain (runtime state where captured, else the persistent
configuration) must have two or more member interfaces. When another group of the same
domain has a nearly identical name (``ipmp0`` and ``ipmp_0``, ``prod-a`` and
``prod_a``), the finding says so: the usual cause is a typo that split one group in two.

## Why it breaks failover
A single-interface group is a valid configuration — in.mpathd still watches the
interface — but when that interface fails there is no other interface to move its data
addresses to: the address goes down with it.

## Example
```
vnet0: flags=1000843<UP,BROADCAST,RUNNING,MULTICAST,IPv4> mtu 1500 index 2
        groupname ipmp0
vnet1: flags=1000843<UP,BROADCAST,RUNNING,MULTICAST,IPv4> mtu 1500 index 3
        groupname ipmp_0
```
Two groups of one member each: `ipmp0` and `ipmp_0` look like one group misspelled.

## Fix
Put a second interface — on another NIC, another vsw, or another service domain — in
the group (`group ipmp0` in its `/etc/hostname.<if>`, or `ipadm add-ipmp -i net1
ipmp0` on Solaris 11), and correct a misspelled group name.

## Source
Solaris 10 System Administration Guide: IP Services, "IPMP Interface Configurations"
("A single interface can also be configured in its own IPMP group ... However, failover
and failback cannot occur for an IPMP group with only one interface"),
https://docs.oracle.com/cd/E19253-01/816-4554/eobra/index.html
"""

from __future__ import annotations

import difflib
import os
from typing import Iterator, Union

from ipmplint.analysis import groups
from ipmplint.rule import Problem, RuleContext, Severity, Skip
from ipmplint.topology import NodeId

ID = "IPMP301"
NAME = "single-member-group"
SEVERITY = Severity.WARNING
SOURCE = "Solaris 10 IP Services, IPMP Interface Configurations (single-interface groups)"
TAGS = ("group-shape",)
OPTIONS = {"similar-name-ratio": 0.8}


def check(ctx: RuleContext) -> Iterator[Union[Problem, Skip]]:
    ratio = ctx.options["similar-name-ratio"]
    for dc in ctx.server.domains:
        names = [g.name for g in dc.groups]
        for group in dc.groups:
            if len(group.members) > 1:
                continue
            unseen = groups.members_unseen(dc, group)
            if unseen is not None:
                yield Skip(reason=unseen, missing=(os.path.join(dc.path, "ifconfig-a.txt"),), domain=dc.name)
                continue
            others = [n for n in names if n != group.name]
            similar = difflib.get_close_matches(group.name, others, n=1, cutoff=ratio)
            what = f"one member ({group.members[0].interface})" if group.members else "no member"
            hint = (
                f"; its name is close to group {similar[0]} of the same domain: a typo splitting one group in two?"
                if similar
                else ""
            )
            yield Problem(
                message=(
                    f"group {group.name} in {dc.name} has {what}: when it fails there is nothing to fail "
                    f"over to. Add a second interface to the group{hint}"
                ),
                source=group.source,
                domain=dc.name,
                group=group.name,
                object=group.name,
                nodes=(NodeId.of_group(dc.name, group.name),),
            )
