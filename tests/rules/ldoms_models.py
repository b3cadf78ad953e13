"""Tiny LDoms servers for the topology and service-domain rule tests (IPMP1xx, IPMP5xx).

Models are built directly (no parser): an ``ldm list -l`` of vsws and vnets, each domain's
``ifconfig -a`` as logical interfaces (groups derived from it as the loader does), its
routes and settings. Every fact gets a distinct source line so a test can assert the
exact location a finding points at.
"""

from __future__ import annotations

import ipaddress
from types import ModuleType
from typing import Optional

import attrs

from ipmplint.analysis import groups
from ipmplint.model import (
    Address,
    DomainCapture,
    IfconfigCapture,
    LdmDomain,
    LdmListing,
    LdmRelease,
    LogicalInterface,
    Route,
    RouteTable,
    RoutingOption,
    RoutingState,
    Server,
    Source,
    VirtualNetwork,
    VirtualSwitch,
)
from ipmplint.rule import Problem, Rule, RuleContext, Skip

LDM = "s/ldm-list-l.txt"
R12 = LdmRelease((1, 2), "inferred: ldm list has no LINKPROP column (before LDoms 1.3)")
R34 = LdmRelease((3, 4), "ldm -V")


def vsw(name: str, domain: str, line: int, net_dev: Optional[str] = None, n: int = 0, **kw) -> VirtualSwitch:
    return VirtualSwitch(name, domain, Source(LDM, line, 5), net_dev=net_dev, device=f"switch@{n}", **kw)


def vnet(name: str, domain: str, switch: VirtualSwitch, line: int, n: int, mac: str, **kw) -> VirtualNetwork:
    return VirtualNetwork(
        name,
        domain,
        switch.name,
        Source(LDM, line, 5),
        service_domain=switch.domain,
        device=f"network@{n}",
        mac=mac,
        **kw,
    )


def lif(
    domain: str,
    name: str,
    line: int,
    ip: Optional[str] = None,
    *flags: str,
    group: Optional[str] = None,
    mac: Optional[str] = None,
    prefix: int = 24,
) -> LogicalInterface:
    source = Source(f"s/{domain}/ifconfig-a.txt", line, 1)
    address = None
    if ip is not None:
        address = Address(
            ip,
            Source(source.file, line + 1, 14),
            ip=ipaddress.ip_address(ip),
            prefixlen=0 if ip == "0.0.0.0" else prefix,
        )
    return LogicalInterface(
        name, source, flags=frozenset({"UP", "RUNNING", "IPv4", *flags}), address=address, group=group, mac=mac
    )


def route(domain: str, line: int, destination: str, gateway: str, flags: str, interface: str = "") -> Route:
    return Route(
        destination, gateway, flags, Source(f"s/{domain}/netstat-rn.txt", line, 1), interface=interface or None
    )


def routeadm(domain: str, forwarding: Optional[bool], line: int = 7) -> RoutingState:
    path = f"s/{domain}/routeadm.txt"
    return RoutingState(
        Source(path),
        (RoutingOption("IPv4 forwarding", Source(path, line, 13), configured=forwarding, current=forwarding),),
    )


def domain(name: str, *lifs: LogicalInterface, routes: tuple[Route, ...] = (), **fields) -> DomainCapture:
    """A domain capture; its groups derived from its ifconfig as the loader derives them."""
    dc = DomainCapture(
        name,
        f"s/{name}",
        ifconfig=IfconfigCapture(Source(f"s/{name}/ifconfig-a.txt"), lifs) if lifs else None,
        routes=RouteTable(Source(f"s/{name}/netstat-rn.txt"), routes) if routes else None,
        **fields,
    )
    return attrs.evolve(dc, runtime_groups=groups.runtime_groups(dc), persistent_groups=groups.persistent_groups(dc))


def server(
    ldm: dict[str, tuple[tuple[VirtualSwitch, ...], tuple[VirtualNetwork, ...]]],
    *domains: DomainCapture,
    release: Optional[LdmRelease] = R12,
) -> Server:
    listing = LdmListing(
        Source(LDM),
        tuple(
            LdmDomain(name, Source(LDM, 2 + i, 1), vswitches=vsws, vnets=vnets)
            for i, (name, (vsws, vnets)) in enumerate(ldm.items())
        ),
    )
    return Server("s", "s", ldm=listing, release=release, domains=domains)


def run(module: ModuleType, srv: Server, **options) -> list:
    """What a rule yields for a server, with its default options (changed by ``options``)."""
    rule = Rule.from_module(module)
    return list(rule.check(RuleContext(srv, {**rule.options, **options})))


def where(items: list) -> list[tuple]:
    """(file:line:col, domain, group, object) of each problem; skips as ('skip', domain, missing)."""
    out = []
    for item in items:
        if isinstance(item, Problem):
            out.append((str(item.source), item.domain, item.group, item.object))
        elif isinstance(item, Skip):
            out.append(("skip", item.domain, item.missing))
    return out


def guest(
    name: str,
    *members: tuple[str, str, Optional[str], Optional[str]],
    group: str = "ipmp0",
    routes: tuple[Route, ...] = (),
    **fields,
) -> DomainCapture:
    """A guest with one IPMP group: members as (interface, MAC, data address, test
    address); a member without addresses is plumbed 0.0.0.0 (link-based standby)."""
    lifs, line = [], 3
    for interface, mac, data, test in members:
        lifs.append(
            lif(
                name,
                interface,
                line,
                data or test or "0.0.0.0",
                *(("DEPRECATED", "NOFAILOVER") if test and not data else ()),
                group=group,
                mac=mac,
            )
        )
        line += 4
        if data and test:
            lifs.append(lif(name, f"{interface}:1", line, test, "DEPRECATED", "NOFAILOVER"))
            line += 2
    return domain(name, *lifs, routes=routes, **fields)


def needs_ldm(module: ModuleType) -> tuple:
    """The runner's skip for a server captured without any ldm view of the bindings:
    the files that would give them, by name."""
    from ipmplint.engine import runner

    report = runner.check_server(Server("s", "s"), [Rule.from_module(module)])
    assert report.findings == ()
    return tuple(tuple(m.rsplit("/", 1)[-1] for m in k.missing) for k in report.skipped)


#: What ``needs_ldm`` names: any of them gives the bindings.
LDM_FILES = (("ldm-list-l.txt", "ldm-list-bindings.txt", "ldm-list-p.txt"),)
