"""Solaris 10: a test address is not marked `deprecated`, so applications may use it.

## What it checks
Solaris 10 domains only (`osrelease`: `/etc/hostname.*` or `/etc/inet/static_routes`
captured and nothing that only Solaris 11 prints; an unknown release is not judged).
Every IPv4 test address (NOFAILOVER, `-failover`) of a group member must also be
DEPRECATED — in `ifconfig -a` the flags of its logical interface, in
`/etc/hostname.<if>` the word `deprecated` of its entry.

Not reported:
- IPv6 test addresses: they are link-local, and the guides say link-local addresses
  must *not* be marked deprecated;
- a member whose test address proper is deprecated and that carries another, not
  deprecated NOFAILOVER address: that one is a pinned data address (IPMP303);
- the one address of a single-interface group that has no other data address: the
  guides configure it `-failover` without `deprecated`, as data and test address at once.

Solaris 11 marks NOFAILOVER addresses DEPRECATED itself, so the rule does not apply.

## Why it breaks failover
IPv4 uses a non-deprecated address as the source of outgoing connections. A test
address does not move when its interface fails, so connections that picked it as
their source (and clients that were given it) break although the group's other
interfaces are healthy.

## Example
```
vnet0:1: flags=9000843<UP,BROADCAST,RUNNING,MULTICAST,IPv4,NOFAILOVER> mtu 1500 index 2
        inet 192.168.102.11 netmask ffffff00 broadcast 192.168.102.255
```

## Fix
`ifconfig vnet0:1 deprecated`, and add `deprecated` to its entry in
`/etc/hostname.vnet0` (`addif 192.168.102.11 deprecated -failover netmask + broadcast
+ up`).

## Source
Solaris 10 System Administration Guide: IP Services, "Preventing Applications From
Using Test Addresses" ("To ensure that IP does not choose the test address for normal
applications, mark the test address as deprecated"; "you must not mark IPv6
link-local addresses as deprecated"),
https://docs.oracle.com/cd/E19253-01/816-4554/emycj/index.html; IP Network
Multipathing Administration Guide, "Administering Multipathing Groups With a Single
Physical Interface", https://docs.oracle.com/cd/E19683-01/816-5249/mpoverview-10/index.html;
Oracle Solaris 11.4, "IPMP Addressing" (test addresses no longer need marking),
https://docs.oracle.com/cd/E37838_01/html/E60991/gfayi.html
"""

from __future__ import annotations

from typing import Iterator

from ipmplint.analysis import osrelease
from ipmplint.rule import Problem, RuleContext, Severity
from ipmplint.topology import NodeId

ID = "IPMP205"
NAME = "test-address-not-deprecated"
SEVERITY = Severity.WARNING
SOURCE = "Solaris 10 IP Services, Preventing Applications From Using Test Addresses"
TAGS = ("failure-detection", "test-addresses", "solaris-10")


def check(ctx: RuleContext) -> Iterator[Problem]:
    for dc in ctx.server.domains:
        release = osrelease.solaris(dc)
        if release.version != 10:
            continue
        for group in dc.groups:
            shared = len(group.members) == 1 and not group.all_data_addresses
            for member in group.members:
                tests = [a for a in member.test_addresses if a.family == "inet"]
                if shared or any("DEPRECATED" in a.flags for a in tests):
                    continue
                for address in tests:
                    where = address.logical or member.interface
                    yield Problem(
                        message=(
                            f"group {group.name} in {dc.name}: test address {address.text} on {where} is "
                            f"not deprecated, so applications may use it as a source address and break "
                            f"when {member.interface} fails, since a test address does not move. Mark it "
                            f"deprecated (this is {release})"
                        ),
                        source=address.source,
                        domain=dc.name,
                        group=group.name,
                        object=address.text,
                        nodes=(NodeId.of_interface(dc.name, member.interface),),
                    )
