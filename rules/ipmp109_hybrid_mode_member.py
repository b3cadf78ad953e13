"""A group member is a vnet in NIU Hybrid I/O mode, a deprecated feature.

## What it checks
For every IPMP group whose members could all be placed on the topology, each member
vnet whose `MODE` in `ldm list -l` is `hybrid` (`ldm add-vnet mode=hybrid`).

Hybrid mode is documented from the LDoms 1.2 guide to Oracle VM Server for SPARC 3.2
(the last release with it), for UltraSPARC T2 NIU devices; a listing that shows
`hybrid` is of one of those releases, so the rule needs no release gate. Solaris 10
and 11.

## Why it breaks failover
It may not today, but the group leans on a feature that is gone after OVM 3.2: an
upgrade of the Logical Domains Manager or a migration leaves the vnet in plain virtual
I/O, with other performance, and `maxbw` is not enforced on it meanwhile. Worth knowing
before the next upgrade of a redundant design.

## Example
```
NETWORK
    NAME  SERVICE              DEVICE    MAC               MODE   PVID VID MTU
    vnet  primary-vsw0@primary network@0 00:14:4f:fb:e0:4b hybrid 1        1500
```
with the guest's `vnet0` in group `ipmp0`.

## Fix
Turn hybrid mode off (`ldm set-vnet mode= vnet ldg1`), and use SR-IOV virtual functions
where the performance is needed.

## Source
Oracle VM Server for SPARC 3.2 Administration Guide, "Network (network) Resource"
("The NIU Hybrid I/O feature is deprecated in favor of SR-IOV. Oracle VM Server for
SPARC 3.2 is the last software release to include this feature"),
https://docs.oracle.com/cd/E48724_01/html/E48732/networkresource.html; "Network
Bandwidth Limitations" (maxbw not enforced for Hybrid mode),
https://docs.oracle.com/cd/E48724_01/html/E48732/networkbandwidthlimitations.html
"""

from __future__ import annotations

from typing import Iterator

from ipmplint.analysis.membership import placed_groups
from ipmplint.rule import Problem, RuleContext, Severity
from ipmplint.topology import NodeId

ID = "IPMP109"
NAME = "hybrid-mode-member"
SEVERITY = Severity.INFO
SOURCE = "Oracle VM Server for SPARC 3.2 Administration Guide, NIU Hybrid I/O (deprecated)"
TAGS = ("topology", "deprecated")
REQUIRES = ("ldm-bindings",)


def check(ctx: RuleContext) -> Iterator[Problem]:
    for dc, group, found in placed_groups(ctx.server, ctx.topology):
        for p in found:
            if p.vnet is None or "hybrid" not in (p.vnet.mode or "").split(","):
                continue
            yield Problem(
                message=(
                    f"group {group.name} in {dc.name}: member {p.member.interface} is vnet {p.vnet.name} "
                    f"in NIU Hybrid I/O mode (mode=hybrid), deprecated and gone after Oracle VM Server "
                    f"for SPARC 3.2. Turn it off (ldm set-vnet mode= {p.vnet.name} {p.vnet.domain})"
                ),
                source=p.vnet.source,
                domain=dc.name,
                group=group.name,
                object=p.member.interface,
                nodes=(NodeId.of_vnet(p.vnet.domain, p.vnet.name),),
            )
