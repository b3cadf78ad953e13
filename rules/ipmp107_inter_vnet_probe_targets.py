"""A member's only probe targets are other domains on its own virtual switch.

## What it checks
For every probe-based IPMP group whose members could all be placed on the topology,
each member with a test address and the targets in.mpathd probes from it: the
targets `ipmpstat -t` shows for it when captured, else the targets the routing table
gives on its test subnet (host routes, then routers: see IPMP202). Every address of
every captured domain is placed too (`ifconfig -a`, `ipadm`, else `/etc/hostname.*`):
on the vsw behind its vnet, on the vsw its service domain plumbs (`vswN`), or, for a
Solaris 11 IPMP interface, on the one vsw all its members share. When every target of
a member is an address of another domain on the member's own vsw, the member is
reported. A target that is not a captured address counts as outside the server.

Applies to every LDoms / Oracle VM Server for SPARC release and to Solaris 10 and 11.

## Why it breaks failover
Domains on one vsw talk over LDC channels (inter-vnet links, or through the vsw when
`inter-vnet-link` is off): the frames never reach the vsw's physical NIC. When that
NIC, its cable or its switch port dies, the member's probes still succeed, in.mpathd
sees nothing wrong, and the data addresses stay on a member that cannot reach the
network.

## Example
`vnet0` of `ldg1` (on `primary-vsw0`) probes `192.168.102.20` and `192.168.102.21`
from its host routes, and those are `vsw0` of `primary` and `vnet0` of `ldg2`, both
on `primary-vsw0`.

## Fix
Choose probe targets outside the server, on the physical network of the test subnet:
routers or hosts that answer ICMP echo
(`route -p add -host 192.168.102.1 192.168.102.1 -static`), and remove the host
routes to the neighbouring domains.

## Source
*Inference* from Oracle VM Server for SPARC Administration Guide, "Inter-Vnet LDC
Channels" ("An LDC channel would be assigned between each pair of virtual network
devices that are connected to the same virtual switch device (inter-vnet) ... so that
virtual network devices can communicate directly"; with the property off the traffic
"goes through the virtual switch"),
https://docs.oracle.com/en/virtualization/oracle-vm-server-sparc/ldoms-admin/inter-vnet-ldc-channels.html;
Logical Domains 1.3 Administration Guide, "Virtual Network" (the vsw "switches packets
between the vnet devices connected to it within the system"),
https://docs.oracle.com/cd/E19604-01/821-0406/virtualnetwork/index.html; in.mpathd
target selection: Solaris 10 IP Services, "Probe-Based Failure Detection",
https://docs.oracle.com/cd/E19253-01/816-4554/emqra/.
"""

from __future__ import annotations

import os
from typing import Iterator, Union

from ipmplint.analysis.membership import IPAddress, address_sites, placed_groups
from ipmplint.analysis.probing import Probing, no_routes, probe_based, probing
from ipmplint.model import DomainCapture, GroupMember, Source, addressing
from ipmplint.rule import Problem, RuleContext, Severity, Skip
from ipmplint.topology import NodeId

ID = "IPMP107"
NAME = "inter-vnet-probe-targets"
SEVERITY = Severity.WARNING
SOURCE = (
    "Oracle VM Server for SPARC Administration Guide, Inter-Vnet LDC Channels (inference); "
    "Solaris 10 IP Services, Probe-Based Failure Detection"
)
TAGS = ("failure-detection", "probe-targets", "topology")
REQUIRES = ("ldm-bindings",)


def check(ctx: RuleContext) -> Iterator[Union[Problem, Skip]]:
    server, topo = ctx.server, ctx.topology
    for dc, group, found in placed_groups(server, topo):
        if not probe_based(dc, group):
            continue
        probe = probing(dc, group)
        if no_routes(dc) and not probe.in_use:
            yield Skip(
                reason=f"group {group.name} in {dc.name} is probe-based, but neither its routing table "
                f"(netstat -rn) nor ipmpstat -t was captured, so its probe targets are unknown",
                missing=(os.path.join(dc.path, "netstat-rn.txt"),),
                domain=dc.name,
            )
            continue
        for p in found:
            vsw = topo.vswitch_of(dc.name, p.member.interface)
            targets = _targets(dc, probe, p.member)
            if vsw is None or not targets:
                continue
            local = []
            for ip, _source in targets:
                near = [s for s in address_sites(server, topo, ip) if s.vsw == vsw and s.domain != dc.name]
                if not near:
                    break
                local.append(f"{ip} ({near[0].domain} {near[0].interface})")
            else:
                yield Problem(
                    message=(
                        f"group {group.name} in {dc.name}: member {p.member.interface} probes only "
                        f"targets on its own vsw {vsw.name}@{vsw.domain}: {', '.join(local)}; those "
                        f"probes never cross the vsw's NIC{f' ({vsw.net_dev})' if vsw.net_dev else ''}, so "
                        f"they keep succeeding when its uplink fails. Use probe targets outside the server"
                    ),
                    source=targets[0][1],
                    domain=dc.name,
                    group=group.name,
                    object=p.member.interface,
                    nodes=(NodeId.of_interface(dc.name, p.member.interface), NodeId.of_vsw(vsw.domain, vsw.name)),
                )


def _targets(dc: DomainCapture, probe: Probing, member: GroupMember) -> list[tuple[IPAddress, Source]]:
    """The member's probe targets and the line that makes each one: its ``ipmpstat -t``
    row, else the routes on its test subnets."""
    if member.interface in probe.in_use and dc.ipmpstat is not None:
        row = next(r for r in dc.ipmpstat.targets if r.interface == member.interface and r.targets)
        return [(ip, row.source) for ip in map(addressing.ip, row.targets) if ip is not None]
    found: dict = {}
    for address in member.test_addresses:
        network = address.network if address.family == "inet" else None
        for target in probe.targets.get(network, ()) if network is not None else ():
            if target.route is not None:
                found.setdefault(target.address, target.route.source)
    return list(found.items())
