"""Two members of one IPMP group have the same MAC address.

## What it checks
The MAC address of each member of every group, as `ifconfig -a` prints it on the
`ether` line (seen only when ifconfig runs as root). MACs are compared in one form
(`0:14:4f:f8:91:4f` is `00:14:4F:F8:91:4F`); an anonymised MAC is not compared.

## Why it breaks failover
IPMP requires a unique MAC on every interface of a group: with two members answering
for one MAC the switch learns it on one port at a time, probes and data go astray,
and in.mpathd can declare the healthy interface failed or miss the failed one. On SPARC
this is what `local-mac-address?=false` produces (IPMP307).

## Example
```
bge0: ... groupname prod
        ether 0:3:ba:d8:b1:46
bge1: ... groupname prod
        ether 0:3:ba:d8:b1:46
```

## Fix
Give each interface its own MAC: on SPARC `eeprom local-mac-address?=true` and a
reboot (then each NIC uses its factory MAC); for vnets, each `ldm add-vnet` gets its
own `mac-addr`.

## Source
Solaris 10 System Administration Guide: IP Services, "Requirements for IPMP" (unique
MAC per interface; "by default, the network interfaces on SPARC based systems all share
a single MAC address"), https://docs.oracle.com/cd/E19253-01/816-4554/eyprl/index.html
"""

from __future__ import annotations

from typing import Iterator

from ipmplint.model import addressing
from ipmplint.rule import Problem, RuleContext, Severity
from ipmplint.topology import NodeId

ID = "IPMP306"
NAME = "duplicate-mac"
SEVERITY = Severity.ERROR
SOURCE = "Solaris 10 IP Services, Requirements for IPMP (unique MAC address)"
TAGS = ("group-shape",)


def check(ctx: RuleContext) -> Iterator[Problem]:
    for dc in ctx.server.domains:
        for group in dc.groups:
            first_with: dict[str, str] = {}
            for member in group.members:
                mac = addressing.normalize_mac(member.mac)
                if mac is None:
                    continue
                if mac not in first_with:
                    first_with[mac] = member.interface
                    continue
                yield Problem(
                    message=(
                        f"group {group.name} in {dc.name}: member {member.interface} has MAC {member.mac}, "
                        f"the same as {first_with[mac]}; a group needs a unique MAC per interface. On SPARC "
                        f"set eeprom local-mac-address?=true; give each vnet its own mac-addr"
                    ),
                    source=member.source,
                    domain=dc.name,
                    group=group.name,
                    object=member.interface,
                    nodes=(
                        NodeId.of_interface(dc.name, member.interface),
                        NodeId.of_interface(dc.name, first_with[mac]),
                    ),
                )
