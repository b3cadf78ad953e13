"""Guests route through a plumbed vsw, but its service domain does not forward IPv4.

## What it checks
For every vsw of `ldm list -l` that is plumbed in its own service domain (`vswN` for
`switch@N`; on Solaris 11 a link whose `dladm show-phys` DEVICE is `vswN`) and that
guests use: whether the guests route through it — a guest sends through a router
(`netstat -rn` G route, else `/etc/defaultrouter`) that is an address of the plumbed
vsw, or the vsw has no `NET-DEV`, so routing is the only way out. If so, the service
domain's IPv4 forwarding must be on: `routeadm` ("IPv4 forwarding"), else `ipadm
show-prop` ("ipv4 forwarding"); the running state is judged, the persistent one only
when the running one is not shown. Without either capture the check is skipped for the
domain, naming `routeadm.txt`: forwarding is never guessed.

Applies to every LDoms / Oracle VM Server for SPARC release and to Solaris 10 and 11.

## Why it breaks failover
In the seed's Figure 7-5 the guests' packets reach the outside only through the
service domain's IP layer, which then picks whichever member of its IPMP group is
working. With forwarding off the service domain drops every packet that is not its
own: the guests are cut off although every NIC and the group are healthy.

## Example
```
             Configuration   Current              Current
                    Option   Configuration        System State
---------------------------------------------------------------
           IPv4 forwarding   disabled             disabled
```
in `primary`, whose `vsw0` (192.168.1.1) is the default router of `ldg1`.

## Fix
Turn forwarding on, persistently and now: `routeadm -e ipv4-forwarding -u` (Solaris 11:
`ipadm set-prop -p forwarding=on ipv4`).

## Source
Logical Domains 1.2 Administration Guide, "Configuring and Using IPMP in the Service
Domain" ("configure the service domain itself to act as an IP router"),
https://docs.oracle.com/cd/E19227-01/820-7253/configuringandusingipmpinservicedomain/index.html;
Logical Domains 1.3 Administration Guide, "Configuring and Using IPMP in Releases
Prior to Logical Domains 1.3",
https://docs.oracle.com/cd/E19604-01/821-0406/6nlf9s1ke/index.html; routeadm(1M).
"""

from __future__ import annotations

from typing import Iterator, Union

from ipmplint.analysis.membership import gateways_via, interface_addresses
from ipmplint.analysis.routing import forwarding_unknown, ipv4_forwarding
from ipmplint.rule import Problem, RuleContext, Severity, Skip
from ipmplint.topology import NodeId

ID = "IPMP502"
NAME = "service-domain-not-routing"
SEVERITY = Severity.ERROR
SOURCE = (
    "LDoms 1.2 Administration Guide, Configuring and Using IPMP in the Service Domain; "
    "LDoms 1.3 Administration Guide, Configuring and Using IPMP in Releases Prior to 1.3"
)
TAGS = ("service-domain", "routing")
REQUIRES = ("ldm-bindings",)


def check(ctx: RuleContext) -> Iterator[Union[Problem, Skip]]:
    server, topo = ctx.server, ctx.topology
    assert server.ldm is not None
    for vsw in server.ldm.vswitches:
        plumbed = topo.plumbed_interfaces(vsw)
        service = server.domain(vsw.domain)
        guests = [v for v in topo.bound_vnets(vsw) if v.domain != vsw.domain]
        if not plumbed or service is None or not guests:
            continue
        mine = {a.ip for interface in plumbed for a in interface_addresses(service, interface)}
        reasons = [] if vsw.net_dev else [f"vsw {vsw.name} has no net-dev, so its guests can only be routed"]
        for vnet in guests:
            guest, interface = server.domain(vnet.domain), topo.interface_of(vnet)
            if guest is None or interface is None:
                continue
            for router, _ in gateways_via(guest, interface) or ():
                if router in mine:
                    reasons.append(f"{guest.name} routes through {router}, the address of {vsw.domain}'s {plumbed[0]}")
                    break
        if not reasons:
            continue
        forwarding = ipv4_forwarding(service)
        if forwarding is None:
            yield forwarding_unknown(service, f"guests route through vsw {vsw.name} plumbed in {vsw.domain}")
            continue
        if forwarding.enabled:
            continue
        yield Problem(
            message=(
                f"{vsw.domain} plumbs vsw {vsw.name} as {plumbed[0]} and its guests route through it "
                f"({'; '.join(reasons)}), but {forwarding}: the guests' packets are dropped there. "
                f"Turn IPv4 forwarding on in {vsw.domain} (routeadm -e ipv4-forwarding -u)"
            ),
            source=forwarding.source,
            domain=vsw.domain,
            object=f"{vsw.name}@{vsw.domain}",
            nodes=(NodeId.of_domain(vsw.domain), NodeId.of_vsw(vsw.domain, vsw.name)),
        )
