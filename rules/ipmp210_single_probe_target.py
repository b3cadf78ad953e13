"""A probe-based group has one router as its only probe target.

## What it checks
For every probe-based IPMP group (a member has a test address), the targets in.mpathd
probes:

- with `ipmpstat -t` captured (Solaris 11), the targets its members have in use: the
  group is reported when, all members together, they are one address and that address
  is not a host-route target the administrator set up;
- otherwise, from `netstat -rn`, on each subnet of the test addresses: the group is
  reported when the only target there is one router (a G route whose gateway is on the
  subnet) and no host route names another.

A group without any target is IPMP202's. Without a routing table (and without
`ipmpstat -t`) the check is skipped. Information only: one router can be a deliberate
choice.

Applies to Solaris 10 and 11, every LDoms release.

## Why it breaks failover
in.mpathd declares a member failed when its probes go unanswered. With one target, that
target is a single point of failure for the whole group: when the router reboots, is
overloaded, or rate-limits or filters ICMP echo, every member fails at once and the
group is down although every path is healthy.

## Example
A routing table whose only route on the test subnet `192.168.102.0/24` is
`default  192.168.102.1  UG`, and no host routes.

## Fix
Add persistent host routes to two or more other hosts on the test subnet that answer
ICMP echo (`route -p add -host 192.168.102.2 192.168.102.2 -static`); they are probed
before the router.

## Source
Oracle Solaris 11.3, "About Probe-Based Failure Detection" ("you should set up host
routes to configure specific probe targets rather than use the default router ... make
sure that you set up multiple targets to receive probes"),
https://docs.oracle.com/cd/E53394_01/html/E54741/gnvkt.html; IP Network Multipathing
Administration Guide, "Administering Multipathing Groups With a Single Physical
Interface" (probing one default router, a failure of the target cannot be told from a
failure of the NIC), https://docs.oracle.com/cd/E19683-01/816-5249/mpoverview-10/index.html;
Sun document 70062, "Summary of typical IPMP Configurations", section 1.1 ("when the
defaultrouter is down IPMP failover does not work anymore ... all interfaces in the
IPMP group get the state failed"; "The defaultrouter has to reliably answer ICMP echo
requests") and 1.3 (with fewer than five host routes the default router is probed as
well), as mirrored in the GitHub repository pr8kerl/blog,
src/content/posts/solaris-ipmp-network-setup.md.
"""

from __future__ import annotations

from typing import Iterator, Union

from ipmplint.analysis.probing import no_routes, probed_groups, routes_missing, target_rows
from ipmplint.model import addressing
from ipmplint.rule import Problem, RuleContext, Severity, Skip
from ipmplint.topology import NodeId

ID = "IPMP210"
NAME = "single-probe-target"
SEVERITY = Severity.INFO
SOURCE = "Oracle Solaris 11.3, About Probe-Based Failure Detection; Sun document 70062"
TAGS = ("failure-detection", "probe-targets", "single-point-of-failure")


def check(ctx: RuleContext) -> Iterator[Union[Problem, Skip]]:
    for dc, group, found in probed_groups(ctx.server):
        rows = target_rows(dc, group)
        if rows:
            in_use = list(dict.fromkeys(t for row in rows for t in row.targets))
            chosen = {t.address for t in found.all_targets if t.kind == "host-route"}
            if len(in_use) != 1 or addressing.ip(in_use[0]) in chosen:
                continue
            members = ", ".join(row.interface for row in rows)
            yield Problem(
                message=(
                    f"group {group.name} in {dc.name}: its members ({members}) all probe one target, "
                    f"{in_use[0]}: if it stops answering, every member fails at once. Add host routes "
                    f"to two or more other targets on the test subnet"
                ),
                source=rows[0].source,
                domain=dc.name,
                group=group.name,
                object=in_use[0],
                nodes=(NodeId.of_group(dc.name, group.name),),
            )
            continue
        if no_routes(dc):
            yield routes_missing(dc)
            continue
        for subnet in found.subnets:
            targets = found.targets[subnet]
            if len(targets) != 1:
                continue
            router = targets[0]
            if router.kind != "router" or router.route is None:
                continue
            yield Problem(
                message=(
                    f"group {group.name} in {dc.name}: the only probe target on {subnet} is the router "
                    f"{router.address}: if it reboots or filters ICMP echo, every member fails at once. "
                    f"Add host routes to two or more other targets on {subnet}"
                ),
                source=router.route.source,
                domain=dc.name,
                group=group.name,
                object=str(router.address),
                nodes=(NodeId.of_group(dc.name, group.name),),
            )
