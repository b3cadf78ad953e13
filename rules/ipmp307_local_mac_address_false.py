"""SPARC `local-mac-address?=false` while an IPMP group has physical members.

## What it checks
In each domain with an IPMP group that has a physical member (a NIC, not an LDoms
vnet or vsw), the OpenBoot variable `local-mac-address?` from `eeprom`. `false` is
reported. Groups of vnets only are never judged: each vnet has its own MAC from the
Logical Domains Manager, whatever the variable says. When the domain's `eeprom` was
not captured, the check is skipped and the file named.

## Why it breaks failover
With `local-mac-address?=false` every NIC of a SPARC system uses the one system MAC.
IPMP needs a unique MAC per member: the switch sees one MAC on two ports, and failure
detection and failover misbehave (see IPMP306).

## Example
```
local-mac-address?=false
```
in `eeprom.txt` of a domain whose group `prod` holds `e1000g0` and `e1000g1`.

## Fix
`eeprom local-mac-address?=true`, then reboot (or, in a guest or I/O domain,
`ldm set-variable local-mac-address?=true <domain>` from the control domain).

## Source
Solaris 10 System Administration Guide: IP Services, "SPARC: How to Ensure That the MAC
Address of an Interface Is Unique", https://docs.oracle.com/cd/E19253-01/816-4554/fpdde/index.html;
"Requirements for IPMP", https://docs.oracle.com/cd/E19253-01/816-4554/eyprl/index.html
"""

from __future__ import annotations

import os
from typing import Iterator, Union

from ipmplint.analysis import media
from ipmplint.rule import Problem, RuleContext, Severity, Skip
from ipmplint.topology import NodeId

ID = "IPMP307"
NAME = "local-mac-address-false"
SEVERITY = Severity.ERROR
SOURCE = "Solaris 10 IP Services, SPARC: How to Ensure That the MAC Address of an Interface Is Unique"
TAGS = ("group-shape", "sparc")


def check(ctx: RuleContext) -> Iterator[Union[Problem, Skip]]:
    for dc in ctx.server.domains:
        physical = [(g, m) for g in dc.groups for m in g.members if media.is_virtual(dc, m.interface) is False]
        if not physical:
            continue
        if dc.eeprom is None:
            yield Skip(
                reason=f"domain {dc.name} has groups over physical NICs but its eeprom was not captured",
                missing=(os.path.join(dc.path, "eeprom.txt"),),
                domain=dc.name,
            )
            continue
        setting = dc.eeprom.get("local-mac-address?")
        if setting is None or setting.value.strip().lower() != "false":
            continue
        for group in dict.fromkeys(g for g, _ in physical):
            names = ", ".join(m.interface for g, m in physical if g is group)
            yield Problem(
                message=(
                    f"group {group.name} in {dc.name} has physical members ({names}) but "
                    f"local-mac-address?=false: they all use the system MAC. Set "
                    f"eeprom local-mac-address?=true and reboot"
                ),
                source=setting.source,
                domain=dc.name,
                group=group.name,
                object="local-mac-address?",
                nodes=(NodeId.of_group(dc.name, group.name),),
            )
