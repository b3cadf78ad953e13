"""Two or more members of one IPMP group are vnets bound to the same virtual switch.

## What it checks
For every IPMP group of every domain, the vnets of its members (matched to the
`ldm list -l` NETWORK section by MAC, then by `network@N` ↔ `vnetN`) and the virtual
switch each is bound to. Two members on one vsw are reported.

## Why it breaks failover
Both vnets reach the network through the same vsw and so through the same physical
NIC and cable. When that NIC, its cable or its switch port fails, every member of the
group fails at once: there is nothing left to fail over to.

## Example
```
NETWORK
    NAME             SERVICE                   DEVICE     MAC
    vnet0            primary-vsw0@primary      network@0  00:14:4f:f8:00:10
    vnet1            primary-vsw0@primary      network@1  00:14:4f:f8:00:11
```
with `vnet0` and `vnet1` in group `ipmp0` in the guest.

## Fix
Bind each member's vnet to a virtual switch of its own, each backed by its own
physical NIC (`ldm add-vsw net-dev=e1000g1 primary-vsw1 primary`,
`ldm set-vnet primary-vsw1 vnet1 ldg1`) — better still in two service domains.

## Source
Logical Domains 1.2 Administration Guide, "Configuring Virtual Network Devices into
an IPMP Group in a Logical Domain", Figure 7–3 (two vnets "connected to separate
virtual switch instances"),
https://docs.oracle.com/cd/E19227-01/820-7253/configuringvnetdevicesintoipmpgroupinldom/index.html
"""

from __future__ import annotations

from typing import Iterator

from ipmplint.analysis.membership import placed_groups, shared_vswitches
from ipmplint.rule import Problem, RuleContext, Severity
from ipmplint.topology import NodeId

ID = "IPMP101"
NAME = "vnets-share-vswitch"
SEVERITY = Severity.ERROR
SOURCE = "LDoms 1.2 Administration Guide, Configuring IPMP in a Logical Domains Environment, Figure 7-3"
TAGS = ("topology", "single-point-of-failure")
REQUIRES = ("ldm-bindings",)


def check(ctx: RuleContext) -> Iterator[Problem]:
    for dc, group, found in placed_groups(ctx.server, ctx.topology):
        for (service_domain, vsw), shared in shared_vswitches(found).items():
            names = ", ".join(f"{p.member.interface} ({p.vnet.name})" for p in shared if p.vnet)
            where = f"{vsw}@{service_domain}" if service_domain else vsw
            last = shared[-1].vnet
            assert last is not None
            yield Problem(
                message=(
                    f"group {group.name} in {dc.name}: members {names} are vnets on the same "
                    f"virtual switch {where}; one NIC or cable failure takes them all down. "
                    f"Bind each member's vnet to its own vsw"
                ),
                source=last.source,
                domain=dc.name,
                group=group.name,
                object=where,
                nodes=(NodeId.of_vsw(service_domain or last.service_domain or "", vsw),),
            )
