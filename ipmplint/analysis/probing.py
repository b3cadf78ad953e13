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
import os
from typing import Iterator, Optional, Union

import attrs

from ipmplint.analysis import memo, osrelease
from ipmplint.findings import Skip
from ipmplint.model import (
    Address,
    DomainCapture,
    IpmpGroup,
    IpmpstatTarget,
    PersistentRoute,
    Route,
    Server,
    Setting,
)

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


@memo.once_per_server
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
    in_use = {row.interface: row.targets for row in target_rows(dc, group)}
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


# -- the other questions of the IPMP2xx rules ---------------------------------------------


def probed_groups(server: Server) -> Iterator[tuple[DomainCapture, IpmpGroup, Probing]]:
    """Every group of the server that has test addresses, with its probing."""
    for dc, groups in _probed(server):
        for group in groups:
            yield dc, group, probing(dc, group)


def probed_domains(server: Server) -> Iterator[tuple[DomainCapture, tuple[IpmpGroup, ...]]]:
    """Every domain of the server that has groups with test addresses, and those groups."""
    return iter(_probed(server))


@memo.once_per_server
def _probed(server: Server) -> tuple[tuple[DomainCapture, tuple[IpmpGroup, ...]], ...]:
    """``probed_domains``, once: eight rules walk them."""
    found = ((dc, tuple(g for g in dc.groups if g.probe_based)) for dc in server.domains)
    return tuple((dc, groups) for dc, groups in found if groups)


def no_routes(dc: DomainCapture) -> bool:
    """Whether the domain's routing table cannot name probe targets: not captured, or
    captured as ``netstat -r`` without ``-n`` (host names where addresses should be)."""
    return dc.routes is None or dc.routes.host_names


def routes_missing(dc: DomainCapture) -> Skip:
    """What a rule says of a domain with probe-based groups whose routing table, where
    the probe targets come from, was not captured (or only with host names)."""
    why = (
        "its routing table shows host names, not addresses (netstat -r without -n)"
        if dc.routes is not None
        else "no routing table was captured"
    )
    return Skip(
        reason=f"domain {dc.name} has probe-based groups but {why}",
        missing=(os.path.join(dc.path, "netstat-rn.txt"),),
        domain=dc.name,
    )


def target_rows(dc: DomainCapture, group: IpmpGroup) -> tuple[IpmpstatTarget, ...]:
    """The ``ipmpstat -t`` rows of the group's members that name targets in use."""
    if dc.ipmpstat is None:
        return ()
    members = {m.interface for m in group.members}
    return tuple(row for row in dc.ipmpstat.targets if row.interface in members and row.targets)


def transitive_for(dc: DomainCapture, interface: str) -> Optional[bool]:
    """Whether in.mpathd probes an interface that has no test address transitively
    (Solaris 11.2 and later): its ``ipmpstat -t`` MODE when captured (``transitive``;
    ``disabled`` or anything else is not), else the ``config/transitive-probing``
    property of ``svcprop network/ipmp``. False where the release has no transitive
    probing (no Solaris 11 evidence); None on Solaris 11 when neither was captured."""
    if dc.ipmpstat is not None:
        row = next((r for r in dc.ipmpstat.targets if r.interface == interface and r.mode), None)
        if row is not None:
            return (row.mode or "").lower() == "transitive"
    if dc.svcprop_ipmp is not None:
        return transitive(dc) is not None
    return None if osrelease.solaris(dc).version == 11 else False


def seed_host_routes(dc: DomainCapture) -> tuple[Route, ...]:
    """The routing table's host routes shaped like the seed's probe targets (``route add
    -host T T -static``: IPv4, H flag, the gateway is the destination itself), leaving
    out loopback, multicast and routes learned from a redirect (D flag). Whether they
    lie on a test subnet is the caller's question (IPMP208)."""
    if dc.routes is None:
        return ()
    return tuple(
        r
        for r in dc.routes.routes
        if r.family == "inet"
        and r.is_host
        and "D" not in r.flags
        and r.destination_ip is not None
        and r.destination_ip == r.gateway_ip
        and not r.destination_ip.is_loopback
        and not r.destination_ip.is_multicast
    )


def persistent_host_route(dc: DomainCapture, address: IP) -> Optional[PersistentRoute]:
    """The persistent route (``/etc/inet/static_routes``, ``route -p show``) that adds a
    host route to ``address`` again at boot; None when there is none or no persistent
    routes were captured (the caller tells the two apart with ``dc.persistent_routes``)."""
    if dc.persistent_routes is None:
        return None
    for p in dc.persistent_routes.routes:
        if p.destination_ip == address and (p.host or p.prefixlen == address.max_prefixlen):
            return p
    return None


def data_subnets(group: IpmpGroup) -> tuple[Network, ...]:
    """The IPv4 subnets of the group's data addresses (on its members and on its IPMP
    interface) whose network is known, in order of appearance."""
    subnets: dict[Network, None] = {}
    for address in group.all_data_addresses:
        if address.family == "inet" and address.network is not None:
            subnets.setdefault(address.network)
    return tuple(subnets)
