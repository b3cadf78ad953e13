"""How in.mpathd probes a group: its test subnets, and the targets it can pick.

The questions every failure-detection rule (IPMP2xx) asks, answered in one place:

- in.mpathd picks probe targets from the routing table: routers on the test addresses'
  subnet, host routes listed first; with neither it multicasts to 224.0.0.1 (Solaris
  10 IP Services, "Probe-Based Failure Detection"; in.mpathd(1M)). A route with the G
  flag is a router when its gateway lies on the subnet; one with the H flag names a
  target, its destination, when that lies on the subnet. An interface route (``U``
  alone, gateway = our own address) is neither.
- ``ipmpstat -t`` (Solaris 11) shows the targets in use, which beat any inference.
- Solaris 11 transitive probing (``svc:/network/ipmp`` ``config/transitive-probing``)
  gives probe-based detection without test addresses (Oracle Solaris 11.2, "Selecting
  a Failure Detection Method").
"""

from __future__ import annotations

import ipaddress
from typing import Optional, Union

import attrs

from ipmplint.model import Address, DomainCapture, IpmpGroup, Route, Setting

Network = Union[ipaddress.IPv4Network, ipaddress.IPv6Network]
IP = Union[ipaddress.IPv4Address, ipaddress.IPv6Address]


@attrs.frozen
class Target:
    """A probe target: its address, and the route (or ipmpstat row) that makes it one."""

    address: IP
    kind: str  # "host-route", "router" or "ipmpstat"
    route: Optional[Route] = None


@attrs.frozen
class Probing:
    """One group's probing, as far as the captures tell."""

    group: IpmpGroup
    #: The IPv4 subnets of its test addresses (IPv6 targets come from router discovery).
    subnets: tuple[Network, ...] = ()
    #: Test addresses whose subnet cannot be told (no usable address or netmask).
    unknown: tuple[Address, ...] = ()
    #: Targets from the routing table, host routes first; per subnet.
    targets: dict[Network, tuple[Target, ...]] = attrs.field(factory=dict, hash=False)
    #: Targets ``ipmpstat -t`` shows in use, per member interface.
    in_use: dict[str, tuple[str, ...]] = attrs.field(factory=dict, hash=False)

    @property
    def all_targets(self) -> tuple[Target, ...]:
        seen: dict[IP, Target] = {}
        for targets in self.targets.values():
            for t in targets:
                seen.setdefault(t.address, t)
        return tuple(seen.values())


def transitive(dc: DomainCapture) -> Optional[Setting]:
    """The ``config/transitive-probing`` property when it is ``true`` (Solaris 11.2+)."""
    if dc.svcprop_ipmp is None:
        return None
    setting = dc.svcprop_ipmp.get("config/transitive-probing")
    return setting if setting is not None and setting.value.strip().lower() == "true" else None


def probe_based(dc: DomainCapture, group: IpmpGroup) -> bool:
    """in.mpathd probes the group: a member has a test address, or transitive probing is on."""
    return group.probe_based or transitive(dc) is not None


def probing(dc: DomainCapture, group: IpmpGroup) -> Probing:
    """The group's test subnets and the targets the domain's routes and ipmpstat give."""
    subnets: dict[Network, None] = {}
    unknown: list[Address] = []
    for address in group.test_addresses:
        if address.family != "inet":
            continue
        network = address.network
        if network is None:
            unknown.append(address)
        else:
            subnets.setdefault(network)
    routes = dc.routes.routes if dc.routes is not None else ()
    targets = {subnet: route_targets(routes, subnet) for subnet in subnets}
    in_use: dict[str, tuple[str, ...]] = {}
    if dc.ipmpstat is not None:
        members = {m.interface for m in group.members}
        for row in dc.ipmpstat.targets:
            if row.interface in members and row.targets:
                in_use[row.interface] = row.targets
    return Probing(group, tuple(subnets), tuple(unknown), targets, in_use)


def route_targets(routes: tuple[Route, ...], subnet: Network) -> tuple[Target, ...]:
    """Targets on ``subnet`` from a routing table: host-route destinations first, then
    routers (gateways of G routes), each address once, loopback never."""
    hosts: dict[IP, Target] = {}
    routers: dict[IP, Target] = {}
    for r in routes:
        if r.family != "inet":
            continue
        dest, gw = r.destination_ip, r.gateway_ip
        if r.is_host and dest is not None and dest in subnet and not dest.is_loopback:
            hosts.setdefault(dest, Target(dest, "host-route", r))
        elif r.is_gateway and gw is not None and gw in subnet:
            routers.setdefault(gw, Target(gw, "router", r))
    return tuple(hosts.values()) + tuple(t for a, t in routers.items() if a not in hosts)
