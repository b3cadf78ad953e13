"""A member with known link state has no test address in a probe-based group.

## What it checks
Every IPMP group that uses probe-based detection (at least one member has a test
address). A member without a test address of its own is reported when its link state
is known to reflect the physical path — a physical NIC, or a vnet (or a plumbed vsw)
that physical link state reaches: LDoms 1.3 or later, `linkprop=phys-state`, a vsw
with a `net-dev` — and in.mpathd does not probe it transitively: Solaris 10 has no
transitive probing; on Solaris 11 its `ipmpstat -t` MODE is not `transitive`, or,
without `ipmpstat -t`, `config/transitive-probing` of `svc:/network/ipmp` is not
`true`.

A vnet that physical link state does not reach is IPMP201's (an error: nothing at all
sees its failure). A member that cannot be placed (no `ldm` capture and a `vnetN`
name, or a vnet IPMP105 could not match) is skipped, and so is a Solaris 11 domain
whose transitive-probing setting was not captured.

Applies to every LDoms / Oracle VM Server for SPARC release, Solaris 10 and 11.

## Why it breaks failover
Such a member is watched through its link alone. A failure beyond the link — a
switch port that stops forwarding, an upstream switch, a VLAN removed from the trunk —
leaves the link up, and the data addresses stay on a path that no longer reaches
anything, while the probed members would have noticed the same failure.

## Example
```
bge1: flags=1000843<UP,BROADCAST,RUNNING,MULTICAST,IPv4> mtu 1500 index 3
        inet 192.168.10.22 netmask ffffff00 broadcast 192.168.10.255
        groupname prod
```
beside a member `bge0` that has a test address `bge0:1` (NOFAILOVER).

## Fix
Give the member its own test address on the group's test subnet: Solaris 10
`addif 192.168.10.23 deprecated -failover netmask + broadcast + up` in
`/etc/hostname.bge1`; Solaris 11 `ipadm create-addr -a 192.168.10.23/24 net1/test`.
Or, on Solaris 11.2 and later, turn on transitive probing (`svccfg -s
svc:/network/ipmp setprop config/transitive-probing=true`).

## Source
IP Network Multipathing Administration Guide (Solaris 9), on test addresses ("You must
configure all physical interfaces of a multipathing group with a test address"),
https://docs.oracle.com/cd/E19683-01/816-5249/mpoverview-7/index.html; Solaris 10
System Administration Guide: IP Services, "Probe-Based Failure Detection",
https://docs.oracle.com/cd/E19253-01/816-4554/emqra/; Oracle Solaris 11.2,
"Selecting a Failure Detection Method" (transitive probing),
https://docs.oracle.com/cd/E36784_01/html/E37476/gldcc.html
"""

from __future__ import annotations

import os
from typing import Iterator, Union

from ipmplint.analysis import osrelease
from ipmplint.analysis.membership import physical_link_state
from ipmplint.analysis.probing import transitive_for
from ipmplint.model import facts
from ipmplint.rule import Problem, RuleContext, Severity, Skip
from ipmplint.topology import NodeId

ID = "IPMP203"
NAME = "missing-test-address"
SEVERITY = Severity.WARNING
SOURCE = (
    "IP Network Multipathing Administration Guide, test addresses; Solaris 10 IP Services, "
    "Probe-Based Failure Detection; Oracle Solaris 11.2, Selecting a Failure Detection Method"
)
TAGS = ("failure-detection", "test-addresses")


def check(ctx: RuleContext) -> Iterator[Union[Problem, Skip]]:
    server = ctx.server
    for dc in server.domains:
        for group in dc.groups:
            probed = [m.interface for m in group.members if m.test_addresses]
            if not probed:
                continue
            for member in group.members:
                if member.test_addresses:
                    continue
                linked = physical_link_state(server, ctx.topology, dc, member.interface)
                if linked is None:
                    yield Skip(
                        reason=(
                            f"group {group.name} in {dc.name}: whether {member.interface} is a NIC or a "
                            f"vnet with physical link state cannot be told"
                        ),
                        missing=() if server.ldm is not None else facts.BY_NAME["ldm-bindings"].files(server.path),
                        domain=dc.name,
                    )
                    continue
                if not linked:
                    continue  # no physical link state: IPMP201 (vnet) or IPMP503 (vsw)
                transitive = transitive_for(dc, member.interface)
                if transitive is None:
                    yield Skip(
                        reason=(
                            f"group {group.name} in {dc.name}: {member.interface} has no test address and "
                            f"whether Solaris 11 probes it transitively was not captured"
                        ),
                        missing=(os.path.join(dc.path, "svcprop-ipmp.txt"),),
                        domain=dc.name,
                    )
                    continue
                if transitive:
                    continue
                fix = (
                    f"ipadm create-addr -a <address> {member.interface}, or turn on transitive probing"
                    if osrelease.solaris(dc).version == 11
                    else f"addif <address> deprecated -failover netmask + broadcast + up in "
                    f"/etc/hostname.{member.interface}"
                )
                yield Problem(
                    message=(
                        f"group {group.name} in {dc.name} probes {', '.join(probed)}, but member "
                        f"{member.interface} has no test address and is not probed transitively: only its "
                        f"link is watched, so a failure beyond the link goes undetected on it. Give it a "
                        f"test address on the test subnet ({fix})"
                    ),
                    source=member.source,
                    domain=dc.name,
                    group=group.name,
                    object=member.interface,
                    nodes=_nodes(ctx, dc.name, member.interface),
                )


def _nodes(ctx: RuleContext, domain: str, interface: str) -> tuple[NodeId, ...]:
    vnet = ctx.topology.vnet_of(domain, interface)
    return (NodeId.of_interface(domain, interface),) + ((NodeId.of_vnet(vnet.domain, vnet.name),) if vnet else ())
