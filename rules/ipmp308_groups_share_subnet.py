"""Two IPMP groups in one domain have addresses on the same subnet.

## What it checks
In every domain, the subnets of every address of each group: data addresses (on its
members and on its IPMP interface) and test addresses (`NOFAILOVER`: `-failover` in
`/etc/hostname.*`, or an address on an underlying interface in `ipadm` on Solaris 11),
IPv4 and IPv6. A subnet that two groups use is reported — often a typo in a group name
split one group in two, and the misspelled group then holds nothing but one member's
test address (IPMP301 reports each half as a single-member group).

Not addresses of an IP link, so never counted: `0.0.0.0` (the placeholder of an
inactive or failed member on Solaris 10, or a link-based standby plumbed without an
address) and IPv6 link-local addresses (`fe80::/10`): every IPv6 interface has one,
on every link, so two groups never "share" it.

## Why it breaks failover
One IP link is one group: IPMP fails addresses over only within a group. Two groups
on one subnet cannot back each other up, and the kernel may send a subnet's traffic
out of either group, so a failure in one group breaks connections the other group was
meant to carry.

## Example
Group `prod` with `192.168.10.20/24` on `e1000g0`, group `prod1` with
`192.168.10.21/24` on `e1000g1`. Or `/etc/hostname.e1000g1` reading
`192.168.10.22 netmask + broadcast + group prdo deprecated -failover up`: group `prdo`
has only that test address, on `prod`'s subnet.

## Fix
Put all interfaces of the one IP link in one group (correct the misspelled group
name), or move one group to its own subnet.

## Source
Solaris 10 System Administration Guide: IP Services, "Requirements for IPMP" (one
group per IP link), https://docs.oracle.com/cd/E19253-01/816-4554/eyprl/index.html;
for Solaris 11, Administering TCP/IP Networks, IPMP, and IP Tunnels in Oracle Solaris
11.2, "Rules for Using IPMP" ("you must configure only one IPMP group per subnet"),
https://docs.oracle.com/cd/E36784_01/html/E37476/gfayp.html
"""

from __future__ import annotations

from typing import Iterator

from ipmplint.model import Address, IpmpGroup
from ipmplint.rule import Problem, RuleContext, Severity
from ipmplint.topology import NodeId

ID = "IPMP308"
NAME = "groups-share-subnet"
SEVERITY = Severity.WARNING
SOURCE = "Solaris 10 IP Services, Requirements for IPMP (one group per IP link)"
TAGS = ("group-shape", "addressing")


def check(ctx: RuleContext) -> Iterator[Problem]:
    for dc in ctx.server.domains:
        owner: dict = {}
        for group in dc.groups:
            for address, role in _link_addresses(group):
                network = address.network
                first = owner.setdefault(network, group)
                if first is group:
                    continue
                yield Problem(
                    message=(
                        f"groups {first.name} and {group.name} in {dc.name} both have addresses on "
                        f"{network} ({role} address {address.text} in {group.name}): one IP link is one "
                        f"group. Merge them (a misspelled group name?) or move one to its own subnet"
                    ),
                    source=address.source,
                    domain=dc.name,
                    group=group.name,
                    object=str(network),
                    nodes=(NodeId.of_group(dc.name, first.name), NodeId.of_group(dc.name, group.name)),
                )
                owner[network] = group  # report each further group once, against the last


def _link_addresses(group: IpmpGroup) -> Iterator[tuple[Address, str]]:
    """The group's addresses that say which IP link it is on, each with its role: data
    then test addresses, without IPv6 link-local ones (every link has them) and without
    those whose subnet is not known. ``0.0.0.0`` never gets here: the groups leave it out."""
    for role, addresses in (("data", group.all_data_addresses), ("test", group.test_addresses)):
        for address in addresses:
            if address.network is not None and not (
                address.family == "inet6" and address.ip is not None and address.ip.is_link_local
            ):
                yield address, role
