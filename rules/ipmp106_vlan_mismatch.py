"""Members of one IPMP group sit on different VLANs.

## What it checks
For every IPMP group whose members could all be placed on the topology: the VLAN each
member's interface is on, as `ldm list -l` (or `list-bindings`) shows it.

- An untagged interface (`vnet0`, Solaris 11 `net0`) is on its vnet's `PVID`: "the
  vnet0 interface would be implicitly assigned to belong to the VLAN" of the vnet's
  PVID. A plumbed vsw interface (`vsw0`) is on the vsw's own `PVID`.
- A Solaris 10 VLAN interface (`vnet20000`: VLAN 20 on instance 0, the PPA being
  VID × 1000 + instance) is on its VID.

A member whose VLAN the captures do not give (no PVID column, a Solaris 11 VLAN link
whose VID `dladm` does not show) is left out, never guessed. Members on a VLAN other
than the one most members share are reported, each at its `ldm` row.

Applies to every LDoms / Oracle VM Server for SPARC release that prints PVID/VID
(LDoms 1.3 and later; VLAN tagging itself exists since LDoms 1.2) and to Solaris 10
and 11.

## Why it breaks failover
IPMP moves the data addresses to another member of the group and expects them to be
reachable there: the members must share one IP link. A member on another VLAN is on
another link; after failover the address sits on a VLAN where its subnet does not
exist, and the clients lose it (probes on it fail too, or, worse, find other targets).

## Example
```
NETWORK
    NAME             SERVICE                     ID   DEVICE     MAC               MODE   PVID VID                  MTU   MAXBW      LINKPROP
    vnet0            primary-vsw0@primary        0    network@0  00:14:4f:f8:91:4f        1                         1500             phys-state
    vnet1            alternate-vsw0@alternate    1    network@1  00:14:4f:f8:dd:68        20                        1500             phys-state
```
with `vnet0` and `vnet1` in group `ipmp0`.

## Fix
Put every member on the group's VLAN: `ldm set-vnet pvid=1 vnet1 ldg1` (or tag the same
VID on each: `vid=` on every vnet and the matching VLAN interfaces in the guest).

## Source
*Inference* from the "same IP link" requirement of IPMP (Solaris 10 System
Administration Guide: IP Services, "Requirements for IPMP",
https://docs.oracle.com/cd/E19253-01/816-4554/eyprl/) and the VLAN semantics of
`ldm add-vnet pvid=/vid=` (Logical Domains 1.2 Administration Guide, "Port VLAN ID
(PVID)", https://docs.oracle.com/cd/E19227-01/820-7253/portvlanid/index.html; "VLAN ID
(VID)"). The vsw's own `pvid`/`vid` are the VLANs of the vsw's interface in its
service domain, which is why they count only for plumbed vsw members.
"""

from __future__ import annotations

import re
from collections import Counter
from typing import Iterator, Optional, Union

from ipmplint.analysis.membership import placed_groups
from ipmplint.model import DomainCapture, Source, VirtualNetwork, VirtualSwitch
from ipmplint.rule import Problem, RuleContext, Severity
from ipmplint.topology import NodeId, Topology

ID = "IPMP106"
NAME = "vlan-mismatch"
SEVERITY = Severity.ERROR
SOURCE = (
    "Solaris 10 IP Services, Requirements for IPMP (same IP link); "
    "LDoms 1.2 Administration Guide, Port VLAN ID (PVID) and VLAN ID (VID) (inference)"
)
TAGS = ("topology", "vlan")
REQUIRES = ("ldm-bindings",)

#: Solaris 10 names a VLAN interface <driver><VID * 1000 + instance> (vnet20000).
_PPA = re.compile(r"^(?:vnet|vsw)(\d+)$")


def check(ctx: RuleContext) -> Iterator[Problem]:
    topo = ctx.topology
    for dc, group, found in placed_groups(ctx.server, topo):
        vlans = []
        for p in found:
            on = _vlan(topo, dc, p.member.interface, p.vnet)
            if on is not None:
                vlans.append((p.member.interface, *on))
        if len({vlan for _, vlan, _, _, _ in vlans}) < 2:
            continue
        counts = Counter(vlan for _, vlan, _, _, _ in vlans)
        ((usual, _),) = counts.most_common(1)  # on a tie, the first member's VLAN
        peers = ", ".join(f"{member} ({how})" for member, vlan, how, _, _ in vlans if vlan == usual)
        for member, vlan, how, source, node in vlans:
            if vlan == usual:
                continue
            yield Problem(
                message=(
                    f"group {group.name} in {dc.name}: member {member} is on VLAN {vlan} ({how}), "
                    f"while {peers} {'is' if counts[usual] == 1 else 'are'} on VLAN {usual}: after a "
                    f"failover the data addresses land on a VLAN where they are unreachable. Put "
                    f"{member} on VLAN {usual}"
                ),
                source=source,
                domain=dc.name,
                group=group.name,
                object=member,
                nodes=(NodeId.of_interface(dc.name, member), node),
            )


def _vlan(
    topo: Topology, dc: DomainCapture, interface: str, vnet: Optional[VirtualNetwork]
) -> Optional[tuple[int, str, Source, NodeId]]:
    """(VLAN, how it is known, the ldm row that sets it, its node) of one member, or None."""
    device: Union[VirtualNetwork, VirtualSwitch]
    if vnet is not None:
        device, source, node, what = vnet, vnet.source, NodeId.of_vnet(vnet.domain, vnet.name), f"vnet {vnet.name}"
    else:
        vsw = topo.plumbed_vsw(dc.name, interface)
        if vsw is None:
            return None  # a physical NIC: its VLAN is the switch port's, not in any capture
        device, source, node, what = vsw, vsw.source, NodeId.of_vsw(vsw.domain, vsw.name), f"vsw {vsw.name}"
    m = _PPA.match(interface)
    if m is not None and int(m.group(1)) >= 1000:
        return int(m.group(1)) // 1000, f"VLAN interface of {what}", source, node
    if dc.dladm is not None and any(
        link.link == interface and (link.lclass or "").startswith("vlan") for link in dc.dladm.links
    ):
        return None  # a Solaris 11 VLAN link: its VID is not in the model
    if device.pvid is None:
        return None
    return device.pvid, f"PVID of {what}", source, node
