"""Solaris 11: a data address sits on an underlying interface of a group, not on the IPMP interface.

## What it checks
On Solaris 11 (where a group has an IPMP interface, `ipmp0`), the addresses that
`ifconfig -a` shows on the group's underlying interfaces: each must be a test address
(NOFAILOVER). An address there without NOFAILOVER is a data address on an underlying
interface. (`ipadm` alone cannot tell the two apart — it treats every address on an
underlying interface as a test address — so only an `ifconfig -a` capture is judged.)

## Why it breaks failover
In the Solaris 11 IPMP design data addresses belong to the IPMP interface, which
moves them among the active underlying interfaces. An address configured on an
underlying interface stays with that interface: when it fails, the address and the
service behind it go down.

## Example
```
ipmp0: flags=8011000803<UP,BROADCAST,MULTICAST,IPv4,IPMP> mtu 1500 index 4
        inet 192.168.1.50 netmask ffffff00 broadcast 192.168.1.255
        groupname ipmp0
net0: flags=1000843<UP,BROADCAST,RUNNING,MULTICAST,IPv4> mtu 1500 index 2
        inet 192.168.1.60 netmask ffffff00 broadcast 192.168.1.255
        groupname ipmp0
```

## Fix
Delete the address from the underlying interface and create it on the IPMP interface:
`ipadm delete-addr net0/v4; ipadm create-addr -T static -a 192.168.1.60/24 ipmp0/v4b`.

## Source
Oracle Solaris 11.1 "IPMP Addressing" ("Data addresses are assigned to the IPMP
interface (or group) only ... Only test addresses are assigned to the underlying
interfaces"), https://docs.oracle.com/cd/E28993_01/html/E28992/gfayi.html; the same in
Solaris 11.3, https://docs.oracle.com/cd/E53394_01/html/E54741/gfayi.html
"""

from __future__ import annotations

from typing import Iterator

from ipmplint.analysis import osrelease
from ipmplint.rule import Problem, RuleContext, Severity
from ipmplint.topology import NodeId

ID = "IPMP310"
NAME = "data-address-on-underlying"
SEVERITY = Severity.ERROR
SOURCE = "Oracle Solaris 11.1, IPMP Addressing (E28993 gfayi)"
TAGS = ("group-shape", "addressing", "solaris11")


def check(ctx: RuleContext) -> Iterator[Problem]:
    for dc in ctx.server.domains:
        if dc.ifconfig is None or osrelease.solaris(dc).version != 11:
            continue
        for group in dc.groups:
            if group.interface is None:
                continue
            for member in group.members:
                for address in member.data_addresses:
                    if address.ip is not None and address.ip.version == 6 and address.ip.is_link_local:
                        continue  # an IPv6 link-local address is the interface's own, never a data address
                    yield Problem(
                        message=(
                            f"group {group.name} in {dc.name}: data address {address.text} is on the "
                            f"underlying interface {address.logical or member.interface}, not on the IPMP "
                            f"interface {group.interface}: it will not fail over. Move it to "
                            f"{group.interface}"
                        ),
                        source=address.source,
                        domain=dc.name,
                        group=group.name,
                        object=address.text,
                        nodes=(NodeId.of_interface(dc.name, member.interface),),
                    )
