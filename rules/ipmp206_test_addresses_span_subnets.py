"""The test addresses of one group are on different IP subnets.

## What it checks
For every IPMP group with test addresses: the IPv4 subnets of its test addresses (an
address and its netmask; `netmask +` resolved with `/etc/netmasks`). They must all be
one subnet. The subnet that most test addresses share is taken as the group's (the
first one seen on a tie), and each test address on another subnet is reported. IPv6
test addresses are link-local and are not compared. When a test address's subnet
cannot be told (no netmask) and the others leave fewer than two subnets known, the
group is skipped.

Applies to Solaris 10 and 11, every LDoms release.

## Why it breaks failover
The members of a group share one IP link, and in.mpathd exchanges probes only with
hosts on the test address's own subnet. A member whose test address is on another
subnet probes other targets (or none, if that subnet has no router or host route on
the link) and is judged on a different path from the others: a member may be failed
while healthy, or kept while its path is gone.

## Example
```
vnet0:1: flags=9040843<UP,BROADCAST,RUNNING,MULTICAST,DEPRECATED,IPv4,NOFAILOVER> mtu 1500 index 2
        inet 192.168.102.11 netmask ffffff00 broadcast 192.168.102.255
vnet1: flags=69040843<UP,BROADCAST,RUNNING,MULTICAST,DEPRECATED,IPv4,NOFAILOVER,STANDBY,INACTIVE> mtu 1500 index 3
        inet 192.168.103.12 netmask ffffff00 broadcast 192.168.103.255
```

## Fix
Give every member a test address on the same subnet (`192.168.102.12` for `vnet1`),
with the same netmask, in `/etc/hostname.<if>` (Solaris 10) or with `ipadm
create-addr` (Solaris 11).

## Source
IP Network Multipathing Administration Guide, "IPv4 Test Addresses" ("All test IP
addresses in a multipathing group must use the same network prefix. The test IP
addresses must belong to a single IP subnet"),
https://docs.oracle.com/cd/E19683-01/816-5249/mpoverview-19/index.html; Solaris 10
System Administration Guide: IP Services, "IPv4 Test Addresses" ("in.mpathd ...
exchanges only ICMP probes with other hosts on the same subnet as the test address"),
https://docs.oracle.com/cd/E19253-01/816-4554/emqyk/index.html. Later guides only
imply it ("same IP link"); the 2002 guide states it outright.
"""

from __future__ import annotations

from collections import Counter
from typing import Iterator, Union

from ipmplint.analysis.probing import probed_groups
from ipmplint.rule import Problem, RuleContext, Severity, Skip
from ipmplint.topology import NodeId

ID = "IPMP206"
NAME = "test-addresses-span-subnets"
SEVERITY = Severity.ERROR
SOURCE = (
    "IP Network Multipathing Administration Guide, IPv4 Test Addresses; Solaris 10 IP Services, IPv4 Test Addresses"
)
TAGS = ("failure-detection", "test-addresses")


def check(ctx: RuleContext) -> Iterator[Union[Problem, Skip]]:
    for dc, group, found in probed_groups(ctx.server):
        if len(found.subnets) < 2:
            if found.unknown:
                yield Skip(
                    reason=(
                        f"group {group.name} in {dc.name}: the subnet of test address "
                        f"{found.unknown[0].text} is unknown (no netmask), so whether the test "
                        f"addresses share one subnet cannot be told"
                    ),
                    domain=dc.name,
                )
            continue
        placed = [
            (m, a, a.network)
            for m in group.members
            for a in m.test_addresses
            if a.family == "inet" and a.network is not None
        ]
        counts = Counter(net for _, _, net in placed)
        main = max(found.subnets, key=lambda net: counts[net])  # first seen wins a tie
        for member, address, network in placed:
            if network == main:
                continue
            yield Problem(
                message=(
                    f"group {group.name} in {dc.name}: test address {address.text} of "
                    f"{member.interface} is on {network}, while the group probes from {main}: all test "
                    f"addresses of a group must be on one subnet. Move it to {main}"
                ),
                source=address.source,
                domain=dc.name,
                group=group.name,
                object=address.text,
                nodes=(NodeId.of_group(dc.name, group.name), NodeId.of_interface(dc.name, member.interface)),
            )
