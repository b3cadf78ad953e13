"""Distinct virtual switches behind one IPMP group are backed by the same physical NIC.

## What it checks
For every IPMP group whose members could all be placed on the topology (vnets matched
to `ldm list -l`, or vsw interfaces plumbed in their service domain): the vsw behind
each member and its `NET-DEV`. Two or more distinct vsws of one service domain backed
by the same network device are reported (a Solaris 11 vanity name such as `net0` is
taken as its `dladm show-phys` DEVICE when that was captured). A link aggregation is
several NICs and is not reported. Two members on one vsw are IPMP101's.

Applies to every LDoms / Oracle VM Server for SPARC release and to Solaris 10 and 11.

## Why it breaks failover
Separate vsws look like separate paths, but every frame of both leaves through the one
NIC, cable and switch port. When that NIC, cable or port fails, every member of the
group loses the network at once: there is no healthy member left to fail over to.

## Example
```
VSW
    NAME             MAC               NET-DEV   DEVICE    MODE
    primary-vsw0     00:14:4f:fb:54:f2 e1000g0   switch@0  prog,promisc
    primary-vsw1     00:14:4f:fb:54:f3 e1000g0   switch@1  prog,promisc
```
with the guest's `vnet0` on `primary-vsw0` and `vnet1` on `primary-vsw1`, both in
group `ipmp0`.

## Fix
Back each vsw with its own physical NIC, cabled to its own switch
(`ldm set-vsw net-dev=e1000g1 primary-vsw1`): Figure 7-3 uses `e1000g0` and `e1000g1`.

## Source
Logical Domains 1.2 Administration Guide, "Configuring Virtual Network Devices into an
IPMP Group in a Logical Domain", Figure 7-3 ("two virtual networks ... connected to
separate virtual switch instances (vsw0 and vsw1) in the service domain, which, in
turn, use two different physical interfaces (e1000g0 and e1000g1)"),
https://docs.oracle.com/cd/E19227-01/820-7253/configuringvnetdevicesintoipmpgroupinldom/index.html
"""

from __future__ import annotations

from typing import Iterator

from ipmplint.analysis.membership import aggregation, nic_name, placed_groups
from ipmplint.rule import Problem, RuleContext, Severity
from ipmplint.topology import NodeId

ID = "IPMP103"
NAME = "vswitches-share-physical-nic"
SEVERITY = Severity.ERROR
SOURCE = "LDoms 1.2 Administration Guide, Configuring IPMP in a Logical Domains Environment, Figure 7-3"
TAGS = ("topology", "single-point-of-failure")
REQUIRES = ("ldm-bindings",)


def check(ctx: RuleContext) -> Iterator[Problem]:
    topo = ctx.topology
    for dc, group, found in placed_groups(ctx.server, topo):
        by_nic: dict[tuple[str, str], dict] = {}
        for p in found:
            vsw = topo.vswitch_of(dc.name, p.member.interface)
            if vsw is None or not vsw.net_dev:
                continue
            service = ctx.server.domain(vsw.domain)
            if aggregation(service, vsw.net_dev):
                continue
            nic = nic_name(service, vsw.net_dev)
            by_nic.setdefault((vsw.domain, nic), {}).setdefault(vsw.name, (vsw, p.member.interface))
        for (service_domain, nic), vsws in by_nic.items():
            if len(vsws) < 2:
                continue
            names = ", ".join(f"{member} on {vsw.name} (net-dev {vsw.net_dev})" for vsw, member in vsws.values())
            last = list(vsws.values())[-1][0]
            yield Problem(
                message=(
                    f"group {group.name} in {dc.name}: members {names} reach the network through "
                    f"distinct vsws that all use NIC {nic} in {service_domain}; one NIC or cable "
                    f"failure takes them all down. Back each vsw with its own physical NIC"
                ),
                source=last.source,
                domain=dc.name,
                group=group.name,
                object=f"{nic}@{service_domain}",
                nodes=(
                    NodeId.of_nic(service_domain, last.net_dev or nic),
                    *(NodeId.of_vsw(vsw.domain, vsw.name) for vsw, _ in vsws.values()),
                ),
            )
