"""A probe-based group has no router and no host route on its test subnet.

## What it checks
For every IPMP group with test addresses (probe-based detection), the domain's
routing table (`netstat -rn`): on each IPv4 subnet of the test addresses there must be
a router (a route with the G flag whose gateway lies on the subnet — an interface
route such as `192.168.102.0 192.168.102.10 U` is no router) or a host route (H flag)
to a target on the subnet.

## Why it breaks failover
in.mpathd chooses probe targets from the routing table: routers on the test subnet,
host routes first. With neither, it multicasts to 224.0.0.1 and uses whatever hosts
answer; when none answer (switches that filter multicast, hosts that ignore ICMP
echo), no member can be tested and a path failure is never detected.

## Example
Test addresses `192.168.102.11`/`192.168.102.12`, and a routing table with only
`192.168.102.0  192.168.102.10  U` and a default router on another subnet.

## Fix
Add persistent host routes to two or more targets on the test subnet that answer
ICMP echo (`route -p add -host 192.168.102.1 192.168.102.1 -static`), or a router
on the test subnet.

## Source
Logical Domains 1.2 Administration Guide, "Configure a Host Route" ("If no explicit
route is configured for a router in the network corresponding to the IPMP
interfaces, then one or more explicit host routes to target systems need to be
configured for the IPMP probe-based detection to work as expected"),
https://docs.oracle.com/cd/E19227-01/820-7253/6nihau43t/index.html; Solaris 10 System
Administration Guide: IP Services, "Probe-Based Failure Detection",
https://docs.oracle.com/cd/E19253-01/816-4554/emqra/; in.mpathd(1M).
"""

from __future__ import annotations

from typing import Iterator, Union

from ipmplint.analysis.probing import no_routes, probed_domains, probing, routes_missing
from ipmplint.rule import Problem, RuleContext, Severity, Skip
from ipmplint.topology import NodeId

ID = "IPMP202"
NAME = "no-probe-targets"
SEVERITY = Severity.ERROR
SOURCE = (
    "LDoms 1.2 Administration Guide, Configure a Host Route; "
    "Solaris 10 IP Services, Probe-Based Failure Detection; in.mpathd(1M)"
)
TAGS = ("failure-detection", "probe-targets")


def check(ctx: RuleContext) -> Iterator[Union[Problem, Skip]]:
    for dc, probed in probed_domains(ctx.server):
        if no_routes(dc):
            yield routes_missing(dc)
            continue
        for group in probed:
            found = probing(dc, group)
            for address in found.unknown:
                yield Skip(
                    reason=(
                        f"group {group.name} in {dc.name}: test address {address.text} has no "
                        f"usable address or netmask, so its subnet is unknown"
                    ),
                    domain=dc.name,
                )
            for subnet in found.subnets:
                if found.targets[subnet]:
                    continue
                yield Problem(
                    message=(
                        f"group {group.name} in {dc.name} probes from {subnet}, but the routing table has "
                        f"no router on {subnet} and no host route to a target on it: in.mpathd falls "
                        f"back to multicast and, if no host answers, detects no failure. Add host "
                        f"routes to two or more targets on {subnet}"
                    ),
                    source=group.source,
                    domain=dc.name,
                    group=group.name,
                    object=str(subnet),
                    nodes=(NodeId.of_group(dc.name, group.name),),
                )
