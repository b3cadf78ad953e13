"""Two IPMP groups in one domain have data addresses on the same subnet.

## What it checks
In every domain, the IPv4 subnets of each group's data addresses (on its members and
on its IPMP interface). A subnet that two groups use is reported — often a typo in a
group name split one group in two (see IPMP301).

## Why it breaks failover
One IP link is one group: IPMP fails addresses over only within a group. Two groups
on one subnet cannot back each other up, and the kernel may send a subnet's traffic
out of either group, so a failure in one group breaks connections the other group was
meant to carry.

## Example
Group `prod` with `192.168.10.20/24` on `e1000g0`, group `prod1` with
`192.168.10.21/24` on `e1000g1`.

## Fix
Put all interfaces of the one IP link in one group (correct the misspelled group
name), or move one group to its own subnet.

## Source
Solaris 10 System Administration Guide: IP Services, "Requirements for IPMP" (one
group per IP link), https://docs.oracle.com/cd/E19253-01/816-4554/eyprl/index.html
"""

from __future__ import annotations

from typing import Iterator

from ipmplint.rule import Problem, RuleContext, Severity
from ipmplint.topology import group_node

ID = "IPMP308"
NAME = "groups-share-subnet"
SEVERITY = Severity.WARNING
SOURCE = "Solaris 10 IP Services, Requirements for IPMP (one group per IP link)"
TAGS = ("group-shape", "addressing")


def check(ctx: RuleContext) -> Iterator[Problem]:
    for dc in ctx.server.domains:
        owner: dict = {}
        for group in dc.groups:
            for address in group.all_data_addresses:
                network = address.network if address.family == "inet" else None
                if network is None:
                    continue
                first = owner.setdefault(network, group)
                if first is group:
                    continue
                yield Problem(
                    message=(f"groups {first.name} and {group.name} in {dc.name} both have data addresses on "
                             f"{network} ({address.text} in {group.name}): one IP link is one group. Merge them "
                             f"(a misspelled group name?) or move one to its own subnet"),
                    source=address.source,
                    domain=dc.name,
                    group=group.name,
                    object=str(network),
                    nodes=(group_node(dc.name, first.name), group_node(dc.name, group.name)),
                )
                owner[network] = group  # report each further group once, against the last
