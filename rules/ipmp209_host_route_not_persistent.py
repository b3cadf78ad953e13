"""A host route in use as a probe target will be gone after a reboot.

## What it checks
For every probe-based IPMP group (a member has a test address), the host routes of
`netstat -rn` that are probe targets on its test subnet (H flag, destination on the
subnet: what in.mpathd picks first). Each must also be in the domain's persistent
routes — `/etc/inet/static_routes` (what `route -p add` writes; Solaris 10 8/07 and
later) or `route -p show` (Solaris 11) — as a host route to the same destination.

When no persistent routes were captured the check is skipped for the domain, naming
the file its release keeps them in (both files when the release is unknown): a missing
capture is not an empty file. A route that an old-style start-up script adds again at
boot (Sun document 70062's `/etc/rc2.d/S70staticroutes`, from before `route -p`) cannot
be seen in either and is reported all the same.

Applies to Solaris 10 and 11, every LDoms release.

## Why it breaks failover
`route add` (the seed's `route add -host T T -static`) changes only the running table.
After the next reboot the targets are gone, and the group probes whatever else the
table offers — often nothing (multicast fallback, IPMP202) or the one default router
(IPMP210) — so failures go undetected from then on, long after the change looked fine.

## Example
`netstat -rn` shows `192.168.102.2  192.168.102.2  UGH` and `/etc/inet/static_routes`
holds only `-host 192.168.102.1 192.168.102.1 -static`.

## Fix
Add it persistently: `route -p add -host 192.168.102.2 192.168.102.2 -static`.

## Source
Logical Domains 1.2 Administration Guide, "Configure a Host Route" (`route add -host
... -static`, which does not persist),
https://docs.oracle.com/cd/E19227-01/820-7253/6nihau43t/index.html; Oracle Solaris 11.3,
"About Probe-Based Failure Detection" ("You can use the -p option with this command to
add persistent routes ... without needing any special scripts to recreate these routes
with every system start-up"), https://docs.oracle.com/cd/E53394_01/html/E54741/gnvkt.html
"""

from __future__ import annotations

import os
from typing import Iterator, Union

from ipmplint.analysis import osrelease
from ipmplint.analysis.probing import no_routes, persistent_host_route, probed_domains, probing, routes_missing
from ipmplint.rule import Problem, RuleContext, Severity, Skip
from ipmplint.topology import NodeId

ID = "IPMP209"
NAME = "host-route-not-persistent"
SEVERITY = Severity.WARNING
SOURCE = (
    "LDoms 1.2 Administration Guide, Configure a Host Route; Oracle Solaris 11.3, About Probe-Based Failure Detection"
)
TAGS = ("failure-detection", "probe-targets", "persistence")

#: Where each Solaris release keeps its persistent routes (docs/captures.md names).
PERSISTENT_FILES = {
    10: ("etc/inet/static_routes",),
    11: ("route-p-show.txt",),
    None: ("etc/inet/static_routes", "route-p-show.txt"),
}


def check(ctx: RuleContext) -> Iterator[Union[Problem, Skip]]:
    for dc, probed in probed_domains(ctx.server):
        if no_routes(dc):
            yield routes_missing(dc)
            continue
        targets = [
            (g, t)
            for g in probed
            for ts in probing(dc, g).targets.values()
            for t in ts
            if t.kind == "host-route" and t.route is not None
        ]
        if not targets:
            continue
        if dc.persistent_routes is None:
            files = PERSISTENT_FILES[osrelease.solaris(dc).version]
            yield Skip(
                reason=(f"domain {dc.name} probes host-route targets, but its persistent routes were not captured"),
                missing=tuple(os.path.join(dc.path, f) for f in files),
                domain=dc.name,
            )
            continue
        for group, target in targets:
            if persistent_host_route(dc, target.address) is not None:
                continue
            route = target.route
            assert route is not None
            yield Problem(
                message=(
                    f"group {group.name} in {dc.name} probes {target.address} through the host route "
                    f"{route.destination} via {route.gateway}, which is not among its persistent routes: after "
                    f"a reboot the target is gone. Add it with "
                    f"route -p add -host {route.destination} {route.gateway} -static"
                ),
                source=route.source,
                domain=dc.name,
                group=group.name,
                object=route.destination,
                nodes=(NodeId.of_group(dc.name, group.name),),
            )
