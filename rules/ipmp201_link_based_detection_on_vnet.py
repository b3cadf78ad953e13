"""A vnet member relies on link-based detection, but no physical link state reaches it.

## What it checks
Every member of an IPMP group that is a vnet (matched to `ldm list -l`) and has no
test address of its own, so that only link-based detection could notice its
failure. That works only when physical link state reaches the vnet: LDoms 1.3 or
later, the vnet's LINKPROP is `phys-state`, and its vsw has a `net-dev`. When any of
the three is missing, the member is reported with the reason — unless the domain runs
Solaris 11 with transitive probing (`svc:/network/ipmp` `config/transitive-probing`,
or `ipmpstat -t` MODE `transitive`), which probes a member without a test address.
On Solaris 11 with neither captured, the check is skipped and `svcprop-ipmp.txt`
named.

## Why it breaks failover
Without physical link state a vnet reports only its virtual link to the vsw, which
stays up when the NIC, cable or switch port behind the vsw fails. in.mpathd never
sees the failure; the data addresses stay on a dead path.

## Example
LDoms 1.2 (`ldm list -l` without a LINKPROP column) and a guest with
```
vnet0: flags=1000843<UP,BROADCAST,RUNNING,MULTICAST,IPv4> mtu 1500 index 2
        inet 192.168.1.10 netmask ffffff00 broadcast 192.168.1.255
        groupname ipmp0
```

## Fix
Either configure a test address on each vnet (probe-based detection:
`addif 192.168.1.11 deprecated -failover netmask + broadcast + up` in
`/etc/hostname.vnet0`, with probe targets — see IPMP202), or, on LDoms 1.3 and later,
give the vnet physical link state (`ldm set-vnet linkprop=phys-state vnet0 ldg1`) on
a vsw that has a `net-dev`.

## Source
Logical Domains 1.2 Administration Guide, "Configuring Virtual Network Devices into an
IPMP Group in a Logical Domain" ("Link-based detection and failover currently are not
supported for virtual network devices in Logical Domains 1.2 software"),
https://docs.oracle.com/cd/E19227-01/820-7253/configuringvnetdevicesintoipmpgroupinldom/index.html;
Logical Domains 1.3 Administration Guide, "Using Link-Based IPMP in Logical Domains
Virtual Networking", https://docs.oracle.com/cd/E19604-01/821-0406/linkbasedipmp/;
Oracle VM Server for SPARC guide, "Configuring Link-Based IPMP" (physical link state
only when the vsw has a physical network device).
"""

from __future__ import annotations

import os
from typing import Iterator, Union

from ipmplint.analysis.membership import placed_groups, vnet_link_gaps
from ipmplint.analysis.probing import transitive_for
from ipmplint.rule import Problem, RuleContext, Severity, Skip
from ipmplint.topology import NodeId

ID = "IPMP201"
NAME = "link-based-detection-on-vnet"
SEVERITY = Severity.ERROR
SOURCE = (
    "LDoms 1.2 Administration Guide, Configuring IPMP in a Logical Domains Environment; "
    "LDoms 1.3 Administration Guide, Using Link-Based IPMP"
)
TAGS = ("failure-detection",)
REQUIRES = ("ldm-bindings",)


def check(ctx: RuleContext) -> Iterator[Union[Problem, Skip]]:
    release = ctx.server.release
    for dc, group, found in placed_groups(ctx.server, ctx.topology):
        for p in found:
            if p.vnet is None or p.member.test_addresses:
                continue
            reasons = vnet_link_gaps(release, p.vnet, p.vsw)
            if not reasons:
                continue
            transitive = transitive_for(dc, p.member.interface)
            if transitive:
                continue  # Solaris 11 probes it without a test address
            if transitive is None:
                yield Skip(
                    reason=(
                        f"group {group.name} in {dc.name}: {p.member.interface} has no test address and "
                        f"no physical link state; whether Solaris 11 probes it transitively is not "
                        f"captured"
                    ),
                    missing=(os.path.join(dc.path, "svcprop-ipmp.txt"),),
                    domain=dc.name,
                )
                continue
            yield Problem(
                message=(
                    f"group {group.name} in {dc.name}: member {p.member.interface} (vnet "
                    f"{p.vnet.name}) has no test address, so only link-based detection could see "
                    f"its failure, but no physical link state reaches it: {'; '.join(reasons)}. "
                    f"Add a test address, or set linkprop=phys-state on a vsw with a net-dev"
                ),
                source=p.member.source,
                domain=dc.name,
                group=group.name,
                object=p.member.interface,
                nodes=(NodeId.of_vnet(p.vnet.domain, p.vnet.name),),
            )
