"""One test address is configured twice: on two members, or beside another address.

## What it checks
In every domain, each test address (NOFAILOVER) of every group member against every
other address of the domain: the other test and data addresses of its groups (on the
members and on the IPMP interface), and, in the runtime state `ifconfig -a`, the
addresses of interfaces outside any group (loopback aside). The same IP address found
twice is reported once, at a test address: the second occurrence when both are test
addresses, else the test address itself.

Applies to Solaris 10 and 11, every LDoms release.

## Why it breaks failover
Each member needs its own test address: probes are sent from it and their replies come
back to it. With one address on two members the replies reach one of them, so a failed
member may be reported healthy, or the other one failed; in.mpathd notices ("Test
address ... is not unique in group; disabling probe-based failure detection") and stops
probing one of them. An address that is also a data address or another interface's
conflicts on the network, and neither use works reliably.

## Example
```
vnet0:1: flags=9040843<UP,BROADCAST,RUNNING,MULTICAST,DEPRECATED,IPv4,NOFAILOVER> mtu 1500 index 2
        inet 192.168.102.11 netmask ffffff00 broadcast 192.168.102.255
vnet1: flags=69040843<UP,BROADCAST,RUNNING,MULTICAST,DEPRECATED,IPv4,NOFAILOVER,STANDBY,INACTIVE> mtu 1500 index 3
        inet 192.168.102.11 netmask ffffff00 broadcast 192.168.102.255
```

## Fix
Give each member a test address of its own, unused anywhere else on the subnet
(`192.168.102.12` for `vnet1`), in `/etc/hostname.<if>` or with `ipadm create-addr`.

## Source
IP Network Multipathing Administration Guide (Solaris 9), on test addresses ("You must
configure all physical interfaces of a multipathing group with a test address"),
https://docs.oracle.com/cd/E19683-01/816-5249/mpoverview-7/index.html; in.mpathd, which
logs "Test address %s is not unique in group; disabling probe-based failure detection
on %s" (in.mpathd source, OpenSolaris/illumos).
"""

from __future__ import annotations

from collections import defaultdict
from typing import Iterator, NamedTuple, Optional

from ipmplint.analysis import runtime_state
from ipmplint.model import Address, DomainCapture
from ipmplint.rule import Problem, RuleContext, Severity
from ipmplint.topology import NodeId

ID = "IPMP212"
NAME = "duplicate-test-address"
SEVERITY = Severity.ERROR
SOURCE = "IP Network Multipathing Administration Guide, test addresses; in.mpathd(1M)"
TAGS = ("failure-detection", "test-addresses")


class Place(NamedTuple):
    """One occurrence of an address in a domain."""

    address: Address
    interface: str
    group: Optional[str]
    test: bool


def check(ctx: RuleContext) -> Iterator[Problem]:
    for dc in ctx.server.domains:
        by_ip: dict = defaultdict(list)
        for place in _places(dc):
            if place.address.ip is None:
                continue  # an address that cannot be read (anonymised) matches nothing
            by_ip[(place.address.family, place.address.ip)].append(place)
        for places in by_ip.values():
            tests = [p for p in places if p.test]
            if len(places) < 2 or not tests:
                continue
            at = next((p for p in tests if p is not places[0]), tests[0])
            other = next(p for p in places if p is not at)
            kind = "test address" if other.test else "address"
            where = f"of group {other.group}" if other.group and other.group != at.group else ""
            yield Problem(
                message=(
                    f"group {at.group} in {dc.name}: test address {at.address.text} of {at.interface} is "
                    f"also the {kind} of {other.interface}{' ' + where if where else ''} "
                    f"({other.address.source}): probes and replies go to one of them only, or the "
                    f"address conflicts. Give {at.interface} a test address of its own"
                ),
                source=at.address.source,
                domain=dc.name,
                group=at.group,
                object=at.address.text,
                nodes=tuple(dict.fromkeys(NodeId.of_interface(dc.name, p.interface.split(":", 1)[0]) for p in places)),
            )


def _places(dc: DomainCapture) -> Iterator[Place]:
    """Every usable address of the domain's groups, then of its other ifconfig interfaces."""
    inside: set[str] = set()
    for group in dc.groups:
        if group.interface:
            inside.add(group.interface)
            for address in group.data_addresses:
                yield Place(address, group.interface, group.name, False)
        for member in group.members:
            inside.add(member.interface)
            for address in member.data_addresses:
                yield Place(address, address.logical or member.interface, group.name, False)
            for address in member.test_addresses:
                yield Place(address, address.logical or member.interface, group.name, True)
    if dc.ifconfig is None or not dc.runtime_captured:
        return
    for lif in dc.ifconfig.interfaces:
        held = lif.address
        if (
            lif.device in inside
            or "LOOPBACK" in lif.flags
            or held is None
            or held.ip is None
            or runtime_state.placeholder(held)
        ):
            continue
        yield Place(held, lif.name, None, False)
