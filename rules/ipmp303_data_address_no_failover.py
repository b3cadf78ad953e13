"""A data address is marked `-failover` (NOFAILOVER): it will not move on failover.

## What it checks
On each member of every IPMP group: addresses flagged NOFAILOVER (`-failover`) that
are not DEPRECATED, on a member that already has its test address (a NOFAILOVER address
that is DEPRECATED). Such an address is not the member's test address: it is a data
address that has been pinned to the interface.

On Solaris 11 every NOFAILOVER address is made DEPRECATED by the system and the data
addresses live on the IPMP interface, so this arises on Solaris 10 (and wherever the
release cannot be told, from what the flags say).

## Why it breaks failover
in.mpathd moves only addresses without NOFAILOVER when an interface fails. A data
address marked `-failover` stays on the failed interface, and the service behind it
becomes unreachable although the group's other interfaces are healthy.

## Example
```
bge0:1: flags=9040843<UP,BROADCAST,RUNNING,MULTICAST,DEPRECATED,IPv4,NOFAILOVER> mtu 1500 index 2
        inet 192.168.10.21 netmask ffffff00 broadcast 192.168.10.255
bge0:2: flags=8000843<UP,BROADCAST,RUNNING,MULTICAST,IPv4,NOFAILOVER> mtu 1500 index 2
        inet 192.168.10.30 netmask ffffff00 broadcast 192.168.10.255
```
`bge0:1` is the test address; `192.168.10.30` is a data address that will not fail over.

## Fix
Drop `-failover` from the data address (`ifconfig bge0:2 failover`, and the word from
its `addif` clause in `/etc/hostname.bge0`).

## Source
Solaris 10 System Administration Guide: IP Services, "IPMP Addressing" — data
addresses fail over, test addresses are marked `-failover` and `deprecated`
https://docs.oracle.com/cd/E19253-01/816-4554/emqwq/index.html, and "Preventing
Applications From Using Test Addresses" (IPv6 link-local test addresses must not be
marked deprecated, so they are never taken for pinned data addresses here),
https://docs.oracle.com/cd/E19253-01/816-4554/emycj/index.html
"""

from __future__ import annotations

from typing import Iterator

from ipmplint.model import Address, GroupMember
from ipmplint.rule import Problem, RuleContext, Severity
from ipmplint.topology import NodeId

ID = "IPMP303"
NAME = "data-address-no-failover"
SEVERITY = Severity.ERROR
SOURCE = "Solaris 10 IP Services, IPMP Addressing (data and test addresses)"
TAGS = ("group-shape", "addressing")


def pinned_data_addresses(member: GroupMember) -> tuple[Address, ...]:
    """NOFAILOVER addresses that are not DEPRECATED, on a member that has a proper
    (DEPRECATED) test address besides: data addresses pinned to the interface."""
    marked = [a for a in member.test_addresses if "NOFAILOVER" in a.flags]
    if not any("DEPRECATED" in a.flags for a in marked):
        return ()
    return tuple(
        a
        for a in marked
        if "DEPRECATED" not in a.flags and not (a.ip is not None and a.ip.version == 6 and a.ip.is_link_local)
    )


def check(ctx: RuleContext) -> Iterator[Problem]:
    for dc in ctx.server.domains:
        for group in dc.groups:
            for member in group.members:
                for address in pinned_data_addresses(member):
                    where = address.logical or member.interface
                    yield Problem(
                        message=(
                            f"group {group.name} in {dc.name}: {address.text} on {where} is not deprecated, "
                            f"so it is a data address, but it is marked -failover and will stay on "
                            f"{member.interface} when it fails. Remove -failover from it"
                        ),
                        source=address.source,
                        domain=dc.name,
                        group=group.name,
                        object=address.text,
                        nodes=(NodeId.of_interface(dc.name, member.interface),),
                    )
