"""A member vnet's virtual switch has no physical NIC and is not a routed vsw.

## What it checks
For every member of an IPMP group that is a vnet (matched to `ldm list -l`): its vsw.
A vsw with no `NET-DEV` is reported unless it is the routed design of the seed's
Figure 7-5: the vsw plumbed as an interface in its own service domain (`vswN` for
`switch@N`; on Solaris 11 a link whose `dladm show-phys` DEVICE is `vswN`) and IPv4
forwarding on there (`routeadm`, else `ipadm show-prop`). When the vsw is plumbed but
no forwarding capture says whether it routes, or when the service domain's interfaces
were not captured, the check is skipped for it, naming the file.

Applies to every LDoms / Oracle VM Server for SPARC release and to Solaris 10 and 11.

## Why it breaks failover
A vsw without a network device only switches between the domains bound to it: the
member's traffic cannot leave the server, and (since the vsw has no physical link) the
member gets no physical link state either. Probes from it reach only other domains
on the same vsw; a failure outside goes unnoticed, and a failover to it strands the
data addresses.

## Example
```
VSW
    NAME             MAC               NET-DEV   DEVICE    MODE
    alternate-vsw0   00:14:4f:fb:60:01           switch@0  prog,promisc
```
with the guest's `vnet1` on `alternate-vsw0` in group `ipmp0`, and no `vsw0` plumbed in
`alternate`.

## Fix
Give the vsw a physical network device (`ldm set-vsw net-dev=nxge0 alternate-vsw0`),
or, on purpose, build Figure 7-5: plumb `vsw0` in the service domain
(`/etc/hostname.vsw0`) and turn IPv4 forwarding on there (`routeadm -e
ipv4-forwarding -u`).

## Source
Logical Domains 1.2 Administration Guide, "Configuring and Using IPMP in the Service
Domain" (the vsw without a network device, plumbed, the service domain "to act as an
IP router"), https://docs.oracle.com/cd/E19227-01/820-7253/configuringandusingipmpinservicedomain/index.html;
Oracle VM Server for SPARC Administration Guide, "Configuring Link-Based IPMP" ("If the
virtual switch has a physical network device assigned, physical link state updates
are enabled automatically. Otherwise, only the link to the virtual switch is monitored
for state changes"),
https://docs.oracle.com/en/virtualization/oracle-vm-server-sparc/ldoms-admin/configuring-link-based-ipmp.html
"""

from __future__ import annotations

import os
from typing import Iterator, Union

from ipmplint.analysis.membership import placed_groups
from ipmplint.analysis.routing import forwarding_unknown, ipv4_forwarding
from ipmplint.rule import Problem, RuleContext, Severity, Skip
from ipmplint.topology import NodeId

ID = "IPMP104"
NAME = "vswitch-without-physical-nic"
SEVERITY = Severity.WARNING
SOURCE = (
    "LDoms 1.2 Administration Guide, Configuring and Using IPMP in the Service Domain; "
    "Oracle VM Server for SPARC Administration Guide, Configuring Link-Based IPMP"
)
TAGS = ("topology",)
REQUIRES = ("ldm-bindings",)


def check(ctx: RuleContext) -> Iterator[Union[Problem, Skip]]:
    server, topo = ctx.server, ctx.topology
    for dc, group, found in placed_groups(server, topo):
        for p in found:
            if p.vnet is None or p.vsw is None or p.vsw.net_dev:
                continue
            vsw = p.vsw
            service = server.domain(vsw.domain)
            plumbed = topo.plumbed_interfaces(vsw)
            if plumbed:
                assert service is not None
                forwarding = ipv4_forwarding(service)
                interfaces = ", ".join(plumbed)
                if forwarding is None:
                    yield forwarding_unknown(
                        service, f"vsw {vsw.name} is plumbed as {interfaces} in {vsw.domain} (the routed design)"
                    )
                    continue
                if forwarding.enabled:
                    continue  # Figure 7-5: the service domain routes for its guests
                why = f"it is plumbed as {interfaces} in {vsw.domain}, but {forwarding} there"
            elif service is None or not (service.runtime_captured or service.hostname_files):
                yield Skip(
                    reason=f"cannot tell whether vsw {vsw.name} is plumbed in {vsw.domain}: its interfaces "
                    f"were not captured",
                    missing=(
                        os.path.join(
                            service.path if service else os.path.join(server.path, vsw.domain), "ifconfig-a.txt"
                        ),
                    ),
                    domain=vsw.domain,
                )
                continue
            else:
                why = f"it is not plumbed in {vsw.domain} as a routed vsw either"
            yield Problem(
                message=(
                    f"group {group.name} in {dc.name}: member {p.member.interface} (vnet {p.vnet.name}) "
                    f"is on vsw {vsw.name}@{vsw.domain}, which has no net-dev, and {why}: the member "
                    f"cannot reach outside the server and gets no physical link state. Give the vsw "
                    f"a net-dev, or make {vsw.domain} route for it (Figure 7-5)"
                ),
                source=vsw.source,
                domain=dc.name,
                group=group.name,
                object=p.member.interface,
                nodes=(NodeId.of_vnet(p.vnet.domain, p.vnet.name), NodeId.of_vsw(vsw.domain, vsw.name)),
            )
