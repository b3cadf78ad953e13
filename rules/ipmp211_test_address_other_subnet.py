"""The test addresses are on a different subnet from the group's data addresses.

## What it checks
For every probe-based IPMP group (a member has a test address) whose IPv4 test
addresses share one subnet: that subnet against the subnets of the group's IPv4 data
addresses (on its members, and on its IPMP interface on Solaris 11) whose network is
known. When the test subnet is none of them, it is reported as information, naming the
targets the routing table gives on the test subnet (none is IPMP202's error). A group
whose test addresses span subnets is IPMP206's and is not reported here; one without a
data address of known subnet cannot be compared.

Applies to Solaris 10 and 11, every LDoms release.

## Why it breaks failover
It is allowed — the guides suggest RFC 1918 test addresses where addresses are scarce —
but in.mpathd probes only hosts on the test subnet. The data subnet's default router,
the usual target, is then no target, and the failure detection depends on hosts or
routers on the test subnet that are easy to forget when the network changes.

## Example
Data address `192.168.1.10/24` on `vnet0`, test addresses `192.168.102.11/24` and
`192.168.102.12/24`, default router `192.168.1.1`.

## Fix
Nothing, if the test subnet has dependable targets (two or more persistent host routes,
or a router with an address on it). Otherwise put the test addresses on the data
subnet, or add targets on the test subnet.

## Source
Solaris 10 System Administration Guide: IP Services, "IPv4 Test Addresses" ("be sure to
configure other systems, preferably routers, on the IP link with addresses on the
appropriate RFC 1918 subnet"), https://docs.oracle.com/cd/E19253-01/816-4554/emqyk/index.html;
Sun document 70062, "Summary of typical IPMP Configurations", section 2 ("The in.mpathd
only looks to the test subnet. Therefore if you have no IP addresses available in the
test subnet the IPMP group will fail although if the production subnet is available"),
as mirrored in the GitHub repository pr8kerl/blog,
src/content/posts/solaris-ipmp-network-setup.md; Oracle Solaris 11.4,
"IPMP Addressing", https://docs.oracle.com/cd/E37838_01/html/E60991/gfayi.html
"""

from __future__ import annotations

from typing import Iterator

from ipmplint.analysis.probing import data_subnets, probed_groups
from ipmplint.rule import Problem, RuleContext, Severity
from ipmplint.topology import NodeId

ID = "IPMP211"
NAME = "test-address-other-subnet"
SEVERITY = Severity.INFO
SOURCE = "Solaris 10 IP Services, IPv4 Test Addresses; Sun document 70062"
TAGS = ("failure-detection", "test-addresses")


def check(ctx: RuleContext) -> Iterator[Problem]:
    for dc, group, found in probed_groups(ctx.server):
        data = data_subnets(group)
        if len(found.subnets) != 1 or not data:
            continue
        (subnet,) = found.subnets
        if subnet in data:
            continue
        first = next(a for a in group.test_addresses if a.network == subnet)
        targets = ", ".join(str(t.address) for t in found.targets[subnet]) or "none"
        yield Problem(
            message=(
                f"group {group.name} in {dc.name}: its test addresses are on {subnet}, its data addresses "
                f"on {', '.join(str(d) for d in data)}: in.mpathd probes only targets on {subnet} "
                f"(the data subnet's router is none of them); targets there now: {targets}. Keep "
                f"dependable targets on {subnet}, or move the test addresses to the data subnet"
            ),
            source=first.source,
            domain=dc.name,
            group=group.name,
            object=str(subnet),
            nodes=(NodeId.of_group(dc.name, group.name),),
        )
