"""A test address lacks `-failover` (NOFAILOVER): it moves with the data addresses.

## What it checks
in.mpathd knows a test address by one flag only: NOFAILOVER (`-failover`). The guides
pair it with a second mark, `deprecated` ("You must mark an IPv4 test address as
deprecated"), and a data address is normally not deprecated. So an IPv4 address on a
member of a group of two or more that is DEPRECATED but not NOFAILOVER, on a member
that has no NOFAILOVER IPv4 address of its own, is taken for a test address that lost
its `-failover`: in `ifconfig -a` the flags of its logical interface, in
`/etc/hostname.<if>` the words of its entry (`addif 192.168.10.21 deprecated netmask +
broadcast + up`). A member that already has a NOFAILOVER test address may carry a
deprecated data address on purpose (one applications must not use as a source), and
is left alone; so is a single-interface group, where the guides say the one address
serves both roles and must not be deprecated. Plain data addresses are never flagged.

A data address that failed over (see docs/runtime-state.md) is judged by its
`/etc/hostname.<if>` entry, not by the flags it shows: Solaris 10 moves it onto the
surviving member, where it may take the DEPRECATED flag of that member's `0.0.0.0`
placeholder. Without its hostname file it is not judged.

Solaris 10 only (and wherever the release cannot be told, from what the flags say).
On Solaris 11 test addresses live on the underlying interfaces and the system marks
them; an address without NOFAILOVER there is a data address on an underlying
interface, which is IPMP310's.

## Why it breaks failover
Without NOFAILOVER in.mpathd does not take the address for a test address: the member
has none, so probe-based detection is off on it and only its link is watched (for a
vnet without physical link state, nothing is). And when the member fails, the address
moves to another member like any data address, so the test address the administrator
set up is no longer on the interface it was meant to test.

## Example
`/etc/hostname.bge1`, and what `ifconfig -a` then shows:
```
192.168.10.22 deprecated netmask + broadcast + group prod up

bge1: flags=1040843<UP,BROADCAST,RUNNING,MULTICAST,DEPRECATED,IPv4> mtu 1500 index 3
        inet 192.168.10.22 netmask ffffff00 broadcast 192.168.10.255
```

## Fix
Mark it a test address: `ifconfig bge1 -failover`, and add `-failover` to its entry in
`/etc/hostname.bge1` (`192.168.10.22 deprecated -failover netmask + broadcast + group
prod up`).

## Source
Solaris 10 System Administration Guide: IP Services, "Preventing Applications From
Using Test Addresses" (test addresses are marked `deprecated`, and do not fail over),
https://docs.oracle.com/cd/E19253-01/816-4554/emycj/index.html; IP Network
Multipathing Administration Guide, "IPv4 Test Addresses" ("You must mark an IPv4 test
address as deprecated"; `-failover` makes the test address),
https://docs.oracle.com/cd/E19683-01/816-5249/mpoverview-19/index.html, and
"Administering Multipathing Groups With a Single Physical Interface",
https://docs.oracle.com/cd/E19683-01/816-5249/mpoverview-10/index.html
"""

from __future__ import annotations

from typing import Iterator

from ipmplint.analysis import osrelease, runtime_state
from ipmplint.analysis.runtime_state import AddressRole
from ipmplint.model import IpmpGroup
from ipmplint.rule import Problem, RuleContext, Severity
from ipmplint.topology import NodeId

ID = "IPMP204"
NAME = "test-address-fails-over"
SEVERITY = Severity.ERROR
SOURCE = (
    "Solaris 10 IP Services, Preventing Applications From Using Test Addresses; "
    "IP Network Multipathing Administration Guide, IPv4 Test Addresses"
)
TAGS = ("failure-detection", "test-addresses")


def check(ctx: RuleContext) -> Iterator[Problem]:
    for dc in ctx.server.domains:
        if osrelease.solaris(dc).version == 11:
            continue
        for group in dc.groups:
            if len(group.members) < 2:
                continue
            for status in runtime_state.address_statuses(dc, group):
                if _lost_failover(group, status):
                    yield _problem(dc.name, group, status)


def _lost_failover(group: IpmpGroup, status: runtime_state.AddressStatus) -> bool:
    """A data address whose own flags are DEPRECATED without NOFAILOVER, on a member
    (its own, for one that failed over) that has no IPv4 test address. An address that
    failed over is judged by its configuration: the flags it shows are partly those of
    the interface it landed on, and unknown when its configuration was not captured."""
    flags = status.own_flags
    if status.role is AddressRole.TEST or flags is None or status.address.family != "inet":
        return False
    if "DEPRECATED" not in flags or "NOFAILOVER" in flags:
        return False
    owner = group.member(status.home or status.member)
    return owner is not None and not any(a.family == "inet" for a in owner.test_addresses)


def _problem(domain: str, group: IpmpGroup, status: runtime_state.AddressStatus) -> Problem:
    address, interface = status.address, status.home or status.member
    where = address.logical or status.member
    if status.role is AddressRole.FAILED_OVER:
        where = f"{where} (failed over from {interface}, where it is configured deprecated)"
    return Problem(
        message=(
            f"group {group.name} in {domain}: {address.text} on {where} is deprecated like "
            f"a test address but not marked -failover, so in.mpathd takes it for a data "
            f"address: {interface} is not probed, and the address moves away when "
            f"{interface} fails. Add -failover to it"
        ),
        source=address.source,
        domain=domain,
        group=group.name,
        object=address.text,
        nodes=(NodeId.of_interface(domain, interface),),
    )
