"""The data addresses of one IPMP group are on different subnets, or their netmasks differ.

## What it checks
The IPv4 data addresses of every group — on its members (Solaris 10) and on its IPMP
interface (Solaris 11) — whose network is known (an address and a netmask, or `netmask
+` resolved with `/etc/netmasks`). They must all lie on one subnet with one netmask.

## Why it breaks failover
An IPMP group is one IP link: in.mpathd moves a failed member's data addresses to
another member and expects them to work there. An address configured for a different
subnet, or with another netmask, is unreachable (or routes wrongly) once it lands on an
interface of the group's link — and the mismatch usually means two links were put in
one group, so the members do not back each other up at all.

## Example
```
e1000g0: ... inet 192.168.10.20 netmask ffffff00 ...   groupname prod
e1000g1: ... inet 192.168.20.20 netmask ffffff00 ...   groupname prod
```

## Fix
Give every data address of the group an address and netmask of the group's one subnet,
or, if the interfaces really are on two links, put them in two groups.

## Source
Solaris 10 System Administration Guide: IP Services, "Requirements for IPMP" (all
interfaces in a group on the same IP link) and "IPMP Addressing",
https://docs.oracle.com/cd/E19253-01/816-4554/eyprl/index.html
"""

from __future__ import annotations

from typing import Iterator

from ipmplint.rule import Problem, RuleContext, Severity
from ipmplint.topology import NodeId

ID = "IPMP304"
NAME = "members-span-subnets"
SEVERITY = Severity.ERROR
SOURCE = "Solaris 10 IP Services, Requirements for IPMP (same IP link); IPMP Addressing"
TAGS = ("group-shape", "addressing")


def check(ctx: RuleContext) -> Iterator[Problem]:
    for dc in ctx.server.domains:
        for group in dc.groups:
            known = [a for a in group.all_data_addresses if a.family == "inet" and a.network is not None]
            if not known:
                continue
            first = known[0]
            for address in known[1:]:
                if address.network == first.network:
                    continue
                yield Problem(
                    message=(
                        f"group {group.name} in {dc.name}: data address {address.text}/{address.prefixlen} "
                        f"is on {address.network}, but {first.text}/{first.prefixlen} is on "
                        f"{first.network}: a group is one IP link. Put every data address on one subnet "
                        f"with one netmask, or split the group"
                    ),
                    source=address.source,
                    domain=dc.name,
                    group=group.name,
                    object=address.text,
                    nodes=(NodeId.of_group(dc.name, group.name),),
                )
