"""A service domain protects its NICs with IPMP, but its guests' vsw bypasses the group.

## What it checks
For every domain that `ldm list -l` shows serving a vsw, and every IPMP group of that
domain with physical NICs among its members (not vnets, not plumbed vsws): each vsw
of the domain that guests use (a vnet of another domain is bound to it) and that is
backed by a NIC of the group (`NET-DEV`; a Solaris 11 vanity name taken as its `dladm
show-phys` DEVICE) or by none; a vsw with none counts only when a guest routes out
through it (a gateway route, or `/etc/defaultrouter`, on the subnet of its vnet), so a
private vsw between guests is left alone. Such a vsw must be plumbed in the domain (`vswN` for
`switch@N`, in `ifconfig -a`, `ipadm`, or `/etc/hostname.vswN` when no runtime state
was captured; on Solaris 11 a link whose dladm DEVICE is `vswN`); one that is not is
reported at its `ldm` row. On Solaris 11 without a `dladm` capture a vanity-named
plumbed vsw cannot be recognised, so the check is skipped there, naming the file.

Applies to every LDoms / Oracle VM Server for SPARC release (the design is the only
service-domain IPMP before LDoms 1.3, and still valid after) and to Solaris 10 and 11.

## Why it breaks failover
IPMP over the service domain's NICs moves the service domain's own addresses. A vsw
bound straight to one of those NICs bridges the guests' frames below the IP layer, so
when that NIC fails the guests lose the network and nothing fails over for them. A vsw
with no NIC that is not plumbed cannot reach the outside at all. Only a plumbed vsw,
routed by the service domain, sends the guests' traffic through the IP layer and so
through the group.

## Example
`primary` has group `ipmp0` over `e1000g0` and `e1000g1`, `primary-vsw0` has
`NET-DEV e1000g0`, `ldg1`'s `vnet0` is bound to it, and `ifconfig -a` in `primary`
shows no `vsw0`.

## Fix
Either the seed's Figure 7-5: remove the vsw's network device
(`ldm set-vsw net-dev= primary-vsw0`), plumb it (`/etc/hostname.vsw0`), turn IPv4
forwarding on and route the guests through its address; or, from LDoms 1.3, give the
guests IPMP of their own over two vnets on two vsws (Figure 7-3/7-4).

## Source
Logical Domains 1.2 Administration Guide, "Configuring and Using IPMP in the Service
Domain" (configure "the virtual switch in the service domain as a network device" and
the service domain "to act as an IP router"; "the virtual switch sends all packets
originating from virtual networks ... to its IP layer, instead of sending the packets
directly by means of the physical device"),
https://docs.oracle.com/cd/E19227-01/820-7253/configuringandusingipmpinservicedomain/index.html;
Logical Domains 1.3 Administration Guide, "Configuring and Using IPMP in Releases
Prior to Logical Domains 1.3" ("Plumb the virtual switch interface in the service
domain and configure the service domain itself to act as an IP router"),
https://docs.oracle.com/cd/E19604-01/821-0406/6nlf9s1ke/index.html
"""

from __future__ import annotations

import os
from typing import Iterator, Union

from ipmplint.analysis import osrelease
from ipmplint.analysis.membership import gateways_via, nic_name
from ipmplint.model import DomainCapture, Server, VirtualNetwork
from ipmplint.rule import Problem, RuleContext, Severity, Skip
from ipmplint.topology import NodeId, Topology

ID = "IPMP501"
NAME = "vswitch-not-plumbed"
SEVERITY = Severity.ERROR
SOURCE = (
    "LDoms 1.2 Administration Guide, Configuring and Using IPMP in the Service Domain; "
    "LDoms 1.3 Administration Guide, Configuring and Using IPMP in Releases Prior to 1.3"
)
TAGS = ("service-domain", "topology")
REQUIRES = ("ldm-bindings",)


def check(ctx: RuleContext) -> Iterator[Union[Problem, Skip]]:
    server, topo = ctx.server, ctx.topology
    assert server.ldm is not None
    for dc in server.domains:
        ldm_domain = server.ldm.domain(dc.name)
        if ldm_domain is None or not ldm_domain.vswitches:
            continue
        for group in dc.groups:
            nics = {
                nic_name(dc, m.interface): m.interface
                for m in group.members
                if topo.vnet_of(dc.name, m.interface) is None
                and not topo.is_unmatched(dc.name, m.interface)
                and topo.plumbed_vsw(dc.name, m.interface) is None
            }
            if not nics:
                continue
            for vsw in ldm_domain.vswitches:
                guests = [v for v in topo.bound_vnets(vsw) if v.domain != dc.name]
                if not guests or topo.plumbed_interfaces(vsw):
                    continue
                backing = nic_name(dc, vsw.net_dev) if vsw.net_dev else None
                if backing is not None and backing not in nics:
                    continue
                if backing is None:
                    routed = [gateways_via(g, i) for g, i in _guest_interfaces(server, topo, guests)]
                    if not any(routed):
                        if routed and all(r is None for r in routed):
                            yield Skip(
                                reason=(
                                    f"vsw {vsw.name} of {dc.name} has no net-dev: whether its guests route "
                                    f"out through it needs their routing tables"
                                ),
                                missing=tuple(
                                    os.path.join(g.path, "netstat-rn.txt")
                                    for g, _ in _guest_interfaces(server, topo, guests)
                                ),
                                domain=dc.name,
                            )
                        continue  # a private vsw between guests: nothing routes out through it
                if osrelease.solaris(dc).version == 11 and dc.dladm is None:
                    yield Skip(
                        reason=(
                            f"{dc.name} runs Solaris 11: whether a vanity-named link plumbs vsw "
                            f"{vsw.name} needs dladm show-phys"
                        ),
                        missing=(os.path.join(dc.path, "dladm-show-phys.txt"),),
                        domain=dc.name,
                    )
                    continue
                users = ", ".join(sorted({f"{v.domain} {v.name}" for v in guests}))
                how = (
                    f"is bound to {nics[backing]}, a member of the group," if backing is not None else "has no net-dev"
                )
                yield Problem(
                    message=(
                        f"{dc.name} has group {group.name} over {', '.join(nics.values())}, and vsw "
                        f"{vsw.name}, used by {users}, {how} but is not plumbed in {dc.name}: guest "
                        f"traffic bypasses the IP layer, so the group does not protect it. Plumb the vsw "
                        f"and route the guests through it (Figure 7-5)"
                    ),
                    source=vsw.source,
                    domain=dc.name,
                    group=group.name,
                    object=f"{vsw.name}@{dc.name}",
                    nodes=(NodeId.of_vsw(dc.name, vsw.name), NodeId.of_group(dc.name, group.name)),
                )


def _guest_interfaces(server: Server, topo: Topology, vnets: list[VirtualNetwork]) -> list[tuple[DomainCapture, str]]:
    """The captured guest domains and interfaces behind some vnets."""
    found = []
    for vnet in vnets:
        guest, interface = server.domain(vnet.domain), topo.interface_of(vnet)
        if guest is not None and interface is not None:
            found.append((guest, interface))
    return found
