"""A host route set up as a probe target is not on the test addresses' subnet.

## What it checks
In every domain with a probe-based IPMP group (a member has a test address), the
routing table (`netstat -rn`): each host route shaped like the seed's probe target —
`route add -host T T -static`, an IPv4 route with the H flag whose gateway is its
destination (loopback, multicast and redirects, flag D, left out) — must lead to a
target on the subnet of some group's test addresses. One that lies on none of them is
reported, with the group whose interface it leaves by (or the only probe-based group
of the domain). When a test address's subnet cannot be told (no netmask), the domain
is skipped.

Applies to Solaris 10 and 11, every LDoms release.

## Why it breaks failover
in.mpathd exchanges probes only with hosts on the test address's own subnet, so it
never uses such a route: the target the administrator set up is not probed, and the
group falls back to whatever else the table offers — often nothing (IPMP202), or the
one default router (IPMP210).

## Example
Test addresses on `192.168.102.0/24`, and in `netstat -rn`:
```
10.1.1.1             10.1.1.1             UGH       1         12 vnet2
```

## Fix
Delete the route (`route -p delete -host 10.1.1.1 10.1.1.1`) and add host routes to two
or more hosts on the test subnet that answer ICMP echo (`route -p add -host
192.168.102.1 192.168.102.1 -static`).

## Source
Logical Domains 1.2 Administration Guide, "Configure a Host Route",
https://docs.oracle.com/cd/E19227-01/820-7253/6nihau43t/index.html; Solaris 10 System
Administration Guide: IP Services, "Configuring Target Systems" (the target "is on the
same subnet as the interfaces in IPMP group"),
https://docs.oracle.com/cd/E19253-01/816-4554/etmkd/index.html, and "IPv4 Test
Addresses" ("in.mpathd ... exchanges only ICMP probes with other hosts on the same
subnet as the test address"), https://docs.oracle.com/cd/E19253-01/816-4554/emqyk/index.html
"""

from __future__ import annotations

from typing import Iterator, Optional, Union

from ipmplint.analysis.probing import no_routes, probed_domains, probing, routes_missing, seed_host_routes
from ipmplint.model import IpmpGroup, Route
from ipmplint.rule import Problem, RuleContext, Severity, Skip
from ipmplint.topology import NodeId

ID = "IPMP208"
NAME = "host-route-off-subnet"
SEVERITY = Severity.WARNING
SOURCE = (
    "LDoms 1.2 Administration Guide, Configure a Host Route; "
    "Solaris 10 IP Services, Configuring Target Systems and IPv4 Test Addresses"
)
TAGS = ("failure-detection", "probe-targets")


def check(ctx: RuleContext) -> Iterator[Union[Problem, Skip]]:
    for dc, probed in probed_domains(ctx.server):
        if no_routes(dc):
            yield routes_missing(dc)
            continue
        found = [probing(dc, g) for g in probed]
        unknown = [a for f in found for a in f.unknown]
        if unknown:
            yield Skip(
                reason=(
                    f"domain {dc.name}: the subnet of test address {unknown[0].text} is unknown (no "
                    f"netmask), so whether host routes lie on a test subnet cannot be told"
                ),
                domain=dc.name,
            )
            continue
        subnets = [s for f in found for s in f.subnets]
        for route in seed_host_routes(dc):
            if any(route.destination_ip in s for s in subnets):
                continue
            group = _group_of(route, probed)
            where = (
                f"group {group.name}'s test subnet {', '.join(str(s) for s in probing(dc, group).subnets)}"
                if group is not None
                else f"any test subnet ({', '.join(str(s) for s in subnets)})"
            )
            yield Problem(
                message=(
                    f"in {dc.name}: host route {route.destination} via {route.gateway} is set up like a "
                    f"probe target, but it is not on {where}: in.mpathd probes only targets on the test "
                    f"subnet and never uses it. Add host routes to targets on the test subnet instead"
                ),
                source=route.source,
                domain=dc.name,
                group=group.name if group is not None else None,
                object=route.destination,
                nodes=(NodeId.of_group(dc.name, group.name),) if group is not None else (NodeId.of_domain(dc.name),),
            )


def _group_of(route: Route, groups: tuple[IpmpGroup, ...]) -> Optional[IpmpGroup]:
    """The group whose interface the route leaves by, else the domain's only probed group."""
    device = (route.interface or "").split(":", 1)[0]
    for group in groups:
        if device and (device == group.interface or group.member(device) is not None):
            return group
    return groups[0] if len(groups) == 1 else None
