"""Solaris 11: members of one IPMP group are built on the same datalink.

## What it checks
On Solaris 11, for every group of two or more members: what each member's datalink is
built on, walked down through `dladm` (the OVER of `dladm show-link`, `dladm show-vnic`
and `dladm show-vlan`, the ports of `dladm show-aggr -x`) to its carrier — the first
link not built on exactly one other: a physical link, an aggregation or an etherstub. A VNIC over a VLAN over `net0` is
carried by `net0`; a VNIC over `aggr0` by `aggr0`, whatever ports `aggr0` has. Members
with one carrier are reported, a member that is its own carrier (`net0` beside a VNIC
over `net0`) included.

Two VNICs over one aggregation are reported too: the aggregation's ports protect against
a port's failure, not the group — whatever takes the aggregation down (its switch, its
LACP peer, its deletion) takes every member with it, and the group adds nothing the
aggregation does not already do.

When a member's datalink is not described by any `dladm` capture, or the walk reaches
a link none describes, and no shared carrier was found, the check is skipped, naming
`dladm-show-link.txt`. Solaris 10 has no VNICs and its `dladm` no OVER: the rule does not
apply there (IPMP101 and IPMP103 judge vnets and vsws); when the release cannot be told,
it is skipped.

## Why it breaks failover
IPMP fails addresses over from a member that failed to one that did not. VNICs and VLANs
over one link send and receive every frame through that link: when its NIC, cable or
switch port fails, every member built on it loses the network at once, and there is no
healthy member left to fail over to — the Solaris 11 form of two vnets on one virtual
switch (IPMP101) or two vsws on one NIC (IPMP103).

## Example
```
root@s11host:~# dladm show-vnic
LINK      OVER     SPEED      MACADDRESS          MACADDRTYPE       IDS
vnic1     net0     1000       2:8:20:c2:39:38     random            VID:0
vnic2     net0     1000       2:8:20:5f:84:ff     random            VID:0
root@s11host:~# ipadm show-if
IFNAME     CLASS    STATE    ACTIVE OVER
vnic1      ip       ok       yes    --
vnic2      ip       ok       yes    --
ipmp0      ipmp     ok       yes    vnic1 vnic2
```

## Fix
Build each member on its own physical link, cabled to its own switch
(`dladm delete-vnic vnic2; dladm create-vnic -l net1 vnic2`), or put the physical links
themselves in the group.

## Source
Administering TCP/IP Networks, IPMP, and IP Tunnels in Oracle Solaris 11.2, "Rules for
Using IPMP" (the interfaces of a group back each other up on one LAN),
https://docs.oracle.com/cd/E36784_01/html/E37476/gfayp.html; Creating and Using Oracle
Solaris Zones (11.4), "Networking in Exclusive-IP Non-Global Zones" ("the packet will go
out the physical link underlying the VNIC"),
https://docs.oracle.com/cd/E53394_01/html/E54752/gelkh.html; dladm(1M) (`create-vnic
-l`, `create-vlan -l`, `create-aggr -l`; OVER in `show-link`),
https://docs.oracle.com/cd/E86824_01/html/E54764/dladm-1m.html
"""

from __future__ import annotations

import os
from typing import Iterator, Union

from ipmplint.analysis import datalinks, osrelease
from ipmplint.model import DomainCapture, IpmpGroup, Source
from ipmplint.rule import Problem, RuleContext, Severity, Skip
from ipmplint.topology import NodeId

ID = "IPMP110"
NAME = "members-share-datalink"
SEVERITY = Severity.ERROR
SOURCE = (
    "Oracle Solaris 11.2 Administering TCP/IP Networks, IPMP, and IP Tunnels, Rules for Using IPMP; "
    "Creating and Using Oracle Solaris Zones 11.4, Networking in Exclusive-IP Non-Global Zones; dladm(1M)"
)
TAGS = ("topology", "single-point-of-failure", "solaris11")

#: The capture that describes every datalink and what it is built on.
SHOW_LINK = "dladm-show-link.txt"


def check(ctx: RuleContext) -> Iterator[Union[Problem, Skip]]:
    for dc in ctx.server.domains:
        groups = [g for g in dc.groups if len(g.members) > 1]
        if not groups:
            continue
        release = osrelease.solaris(dc)
        if release.version == 10:
            continue
        if release.version is None:
            yield Skip(
                reason=(
                    f"domain {dc.name}: the Solaris release cannot be told ({release.evidence}); "
                    "VNICs and datalinks built on others are Solaris 11's"
                ),
                missing=(os.path.join(dc.path, SHOW_LINK),),
                domain=dc.name,
            )
            continue
        links = datalinks.built_on(dc.dladm)
        for group in groups:
            yield from _group(dc, group, links)


def _group(dc: DomainCapture, group: IpmpGroup, links: dict) -> Iterator[Union[Problem, Skip]]:
    walks = {m.interface: datalinks.walk(links, m.interface) for m in group.members}
    by_carrier: dict[str, list[str]] = {}
    for member, w in walks.items():
        by_carrier.setdefault(w.carrier, []).append(member)
    shared = {carrier: members for carrier, members in by_carrier.items() if len(members) > 1}
    for carrier, members in shared.items():
        w = walks[members[0]]
        what = f"aggregation {carrier} (ports {', '.join(w.ports)})" if len(w.ports) > 1 else f"datalink {carrier}"
        names = ", ".join(_described(walks[m]) for m in members)
        yield Problem(
            message=(
                f"group {group.name} in {dc.name}: members {names} are all carried by {what}; when it fails "
                f"they fail together and IPMP has no member left to fail over to. Build each member on its "
                f"own physical link"
            ),
            source=_row(dc, members[-1], group.source),
            domain=dc.name,
            group=group.name,
            object=carrier,
            nodes=tuple(NodeId.of_interface(dc.name, m) for m in members),
        )
    unknown = sorted({w.carrier for w in walks.values() if not w.closed})
    if not shared and unknown:
        yield Skip(
            reason=(
                f"group {group.name} in {dc.name}: what {', '.join(unknown)} is built on was not "
                "captured, so whether its members share a datalink cannot be told"
            ),
            missing=(os.path.join(dc.path, SHOW_LINK),),
            domain=dc.name,
        )


def _described(w: datalinks.Walk) -> str:
    """``vnic1`` or ``vnic1 (over vlan5, over net0)``."""
    below = w.path[1:]
    return w.path[0] + (f" ({', '.join('over ' + name for name in below)})" if below else "")


def _row(dc: DomainCapture, member: str, fallback: Source) -> Source:
    """The dladm row that says what ``member`` is built on (else the group's own source)."""
    rows = [link for link in (dc.dladm.links if dc.dladm is not None else ()) if link.link == member]
    row = next((link for link in rows if link.over), rows[0] if rows else None)
    return row.source if row is not None else fallback
