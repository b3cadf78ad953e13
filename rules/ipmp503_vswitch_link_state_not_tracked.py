"""A service domain's IPMP group over plumbed vsws relies on link state the vsw does not report.

## What it checks
For every IPMP group of a service domain whose members include plumbed vsw interfaces
(`vswN` for `switch@N`; on Solaris 11 a link whose `dladm show-phys` DEVICE is `vswN`):
each such member without a test address of its own (so only link-based detection
could see its failure), unless Solaris 11 transitive probing is on. The member is
reported when no physical link state reaches it: the release is before LDoms 1.3 (from
`ldm -V`, else the `ldm list` format), or its vsw's `LINKPROP` is not `phys-state`, or
the vsw has no `NET-DEV` (no physical link to track).

Applies to every LDoms / Oracle VM Server for SPARC release (before 1.3 always
reported) and to Solaris 10 and 11. From OVM 3.4 `linkprop` defaults to `phys-state`
where the backing device supports it; the listing shows what is in force.

## Why it breaks failover
A plumbed vsw reports to the service domain's IP layer the state of its own virtual
link, which stays up when the NIC, cable or switch port behind it fails, unless it was
told to follow the physical link (`linkprop=phys-state`, LDoms 1.3 and later). Without
it in.mpathd never sees the failure, and the service domain's addresses stay on the
dead path.

## Example
```
VSW
    NAME             MAC               NET-DEV   ID   DEVICE     LINKPROP   DEFAULT-VLAN-ID PVID VID                  MTU   MODE   INTER-VNET-LINK
    primary-vsw0     00:14:4f:fb:54:f2 nxge0     0    switch@0   phys-state 1               1                         1500         on
    primary-vsw1     00:14:4f:fb:54:f3 nxge1     1    switch@1              1               1                         1500         on
```
with `vsw0` and `vsw1` in group `ipmp0` in `primary`, no test addresses.

## Fix
`ldm set-vsw linkprop=phys-state primary-vsw1` on LDoms 1.3 and later; before 1.3, give
each vsw interface a test address (probe-based detection), or use the pre-1.3 design:
IPMP over the physical NICs and one routed vsw without a network device.

## Source
Logical Domains 1.3 Administration Guide, "Configure Physical Link Status Updates"
("You need to use the linkprop=phys-state option only if the virtual switch device
itself is plumbed as an interface"),
https://docs.oracle.com/cd/E19604-01/821-0406/configurephyslinkstatusupdatestask/index.html;
"Configuring and Using IPMP in the Service Domain" (vsw interfaces in a group, the vsw
"detects the link failure" and notifies the IP layer),
https://docs.oracle.com/cd/E19604-01/821-0406/configuringandusingipmpinservicedomain/index.html;
"Configuring and Using IPMP in Releases Prior to Logical Domains 1.3" ("the virtual
switch device is not capable of physical link failure detection"),
https://docs.oracle.com/cd/E19604-01/821-0406/6nlf9s1ke/index.html
"""

from __future__ import annotations

from typing import Iterator

from ipmplint.analysis.membership import vsw_link_gaps
from ipmplint.analysis.probing import transitive
from ipmplint.rule import Problem, RuleContext, Severity
from ipmplint.topology import NodeId

ID = "IPMP503"
NAME = "vswitch-link-state-not-tracked"
SEVERITY = Severity.ERROR
SOURCE = (
    "LDoms 1.3 Administration Guide, Configure Physical Link Status Updates; "
    "Configuring and Using IPMP in the Service Domain"
)
TAGS = ("service-domain", "failure-detection")
REQUIRES = ("ldm-bindings",)


def check(ctx: RuleContext) -> Iterator[Problem]:
    release, topo = ctx.server.release, ctx.topology
    for dc in ctx.server.domains:
        if transitive(dc) is not None:
            continue
        for group in dc.groups:
            for member in group.members:
                vsw = topo.plumbed_vsw(dc.name, member.interface)
                if vsw is None or member.test_addresses:
                    continue
                reasons = vsw_link_gaps(release, vsw)
                if not reasons:
                    continue
                yield Problem(
                    message=(
                        f"group {group.name} in {dc.name}: member {member.interface} (vsw {vsw.name}) has "
                        f"no test address, so only link-based detection could see its failure, but "
                        f"{'; '.join(reasons)}. Set linkprop=phys-state on a vsw with a net-dev "
                        f"(ldm set-vsw linkprop=phys-state {vsw.name}), or add a test address"
                    ),
                    source=vsw.source,
                    domain=dc.name,
                    group=group.name,
                    object=member.interface,
                    nodes=(NodeId.of_vsw(vsw.domain, vsw.name),),
                )
