"""A group's vnets use distinct virtual switches, but all in one service domain.

## What it checks
For every IPMP group whose members are all vnets on two or more distinct vsws: the
service domain of each vsw. When they are all the same domain, this is reported.
Not raised when IPMP101 already holds for the group (two members on one vsw).

## Why it breaks failover
Separate vsws on separate NICs survive a NIC or cable failure (Figure 7–3), but the
service domain itself is still one: when it crashes, reboots for patching, or is
upgraded, every vsw of the group goes with it and the guest loses the network.

## Example
`vnet0` on `primary-vsw0@primary` and `vnet1` on `primary-vsw1@primary`, both in
group `ipmp0`.

## Fix
Create the second vsw in a second service (or I/O) domain and bind the second vnet
to it (`ldm add-vsw net-dev=nxge0 alternate-vsw0 alternate`,
`ldm set-vnet alternate-vsw0 vnet1 ldg1`): Figure 7–4.

## Source
Logical Domains 1.2 Administration Guide, "Configuring Virtual Network Devices into
an IPMP Group in a Logical Domain", Figure 7–4 ("connecting each virtual network
device (vnet0 and vnet1) to virtual switch instances in different service domains
... LDom_A can detect virtual network failure and trigger a failover following a
service domain crash or shutdown"),
https://docs.oracle.com/cd/E19227-01/820-7253/configuringvnetdevicesintoipmpgroupinldom/index.html
"""

from __future__ import annotations

from typing import Iterator

from ipmplint.analysis.membership import placed_groups, shared_vswitches
from ipmplint.rule import Problem, RuleContext, Severity
from ipmplint.topology import NodeId

ID = "IPMP102"
NAME = "vswitches-share-service-domain"
SEVERITY = Severity.WARNING
SOURCE = "LDoms 1.2 Administration Guide, Configuring IPMP in a Logical Domains Environment, Figure 7-4"
TAGS = ("topology", "single-point-of-failure")
REQUIRES = ("ldm-bindings",)


def check(ctx: RuleContext) -> Iterator[Problem]:
    for dc, group, found in placed_groups(ctx.server, ctx.topology):
        if any(p.vnet is None for p in found) or shared_vswitches(found):
            continue
        keys = {p.vsw_key for p in found}
        service_domains = {k[0] for k in keys if k is not None}
        if len(keys) < 2 or len(service_domains) != 1 or None in service_domains:
            continue
        (service_domain,) = service_domains
        vsws = ", ".join(sorted(k[1] for k in keys if k is not None))
        last = found[-1].vnet
        assert last is not None and service_domain is not None
        yield Problem(
            message=(
                f"group {group.name} in {dc.name}: its vsws ({vsws}) are all in service domain "
                f"{service_domain}; a crash, reboot or upgrade of {service_domain} takes the whole "
                f"group down. Put one vsw in a second service domain"
            ),
            source=last.source,
            domain=dc.name,
            group=group.name,
            object=service_domain,
            nodes=(NodeId.of_domain(service_domain),),
        )
