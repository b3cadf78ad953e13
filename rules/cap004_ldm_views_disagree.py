"""`ldm list -l` and `ldm list -p` of one server disagree on a vnet or vsw.

## What it checks
When a capture holds both `ldm list -l` (or `list-bindings`) and its parseable form
`ldm list -p` (`-l -p`, `list-bindings -p`, `list-constraints -p`), every domain both
list is compared: a vnet or vsw (matched by domain and name) that one view lists and
the other does not, and each field both views state that differs — the vnet's SERVICE
(`vsw@domain`, or the vsw name alone when a view omits the domain), MAC (compared
normalised: `0:14:4f:…` is `00:14:4f:…`), DEVICE, NET-DEV, LINKPROP, PVID, VID, MTU,
MODE. A field one view leaves empty is not compared. When `ldm list-services` is
captured too, its vsws are compared with `ldm list -l`'s the same way. A view that
lists no vsw or vnet at all (the short `ldm list -p`, or a bare `ldm list`) is not
compared.

## Why it breaks failover
It does not break failover by itself: it means the verdict may be about another
configuration. The topology rules judge `ldm list -l`; two views of one server that
disagree were captured at different times (a vnet moved with `ldm set-vnet` in
between), from different servers, or edited by hand. A group judged safe on two
virtual switches may in fact sit on one.

## Example
`ldm-list-l.txt`:
```
NETWORK
    NAME             SERVICE                   DEVICE     MAC
    vnet1            alternate-vsw0@alternate  network@1  00:14:4f:f8:dd:68
```
`ldm-list-p.txt`:
```
VNET|name=vnet1|dev=network@1|service=primary-vsw0@primary|mac-addr=00:14:4f:f8:dd:68
```

## Fix
Capture every `ldm` view in one session, one command after the other, and capture
again after any `ldm set-vnet`/`add-vsw` (the collector does this). If they still
disagree, `ldm list -l` is what the rules judge: find out which one the running
configuration is.

## Source
RULES.md, "The captures themselves" (CAP004). `ldm list -p` is the machine-readable
form of the same listing (Logical Domains 1.2 to OVM 3.6 Administration Guides,
"Machine-Readable Output": "always use the -p option").
"""

from __future__ import annotations

from typing import Any, Callable, Iterator, Optional, Sequence, Union

from ipmplint import addressing
from ipmplint.model import LdmDomain, LdmListing, Source, VirtualNetwork, VirtualSwitch
from ipmplint.rule import Problem, RuleContext, Severity, Skip
from ipmplint.topology import vnet_node, vsw_node

ID = "CAP004"
NAME = "ldm-views-disagree"
SEVERITY = Severity.WARNING
SOURCE = "RULES.md (CAP004); ldm(1M): list -p is the machine-readable form of list -l"
TAGS = ("capture",)
REQUIRES = ("ldm-list-l", "ldm-list-p")

Device = Union[VirtualSwitch, VirtualNetwork]

#: What each view is called in a message.
_VIEW = {"list-p": "ldm list -p", "list-services": "ldm list-services"}


def _mac(d: Device) -> Optional[str]:
    """Only a usable MAC is compared: an anonymised one says nothing."""
    return addressing.normalize_mac(d.mac)


def _vids(d: Device) -> Optional[str]:
    return ",".join(str(v) for v in d.vids) if d.vids else None


def _attr(name: str) -> Callable[[Device], Any]:
    return lambda d: getattr(d, name)


#: (column name, value) compared for every device kind; None means "not stated".
_COMMON: tuple[tuple[str, Callable[[Device], Any]], ...] = (
    ("MAC", _mac),
    ("DEVICE", _attr("device")),
    ("LINKPROP", _attr("linkprop")),
    ("PVID", _attr("pvid")),
    ("VID", _vids),
    ("MTU", _attr("mtu")),
    ("MODE", _attr("mode")),
)
_VSW_FIELDS = (("NET-DEV", _attr("net_dev")), *_COMMON)


def check(ctx: RuleContext) -> Iterator[Union[Problem, Skip]]:
    server = ctx.server
    if server.ldm is None:
        return
    for other in (server.ldm_parseable, server.ldm_services):
        if other is not None:
            yield from _compare(server.ldm, other)


def _compare(long: LdmListing, other: LdmListing) -> Iterator[Union[Problem, Skip]]:
    vnets = other.view != "list-services"
    for listing in (long, other):
        if not any(d.vswitches or (vnets and d.vnets) for d in listing.domains):
            yield Skip(f"{listing.source.file} lists no vsw{' or vnet' if vnets else ''}: "
                       f"{_VIEW.get(other.view, other.view)} and ldm list -l cannot be compared")
            return
    for ld in long.domains:
        od = other.domain(ld.name)
        if od is None:
            continue
        yield from _devices(ld, ld.vswitches, od.vswitches, other)
        if vnets:
            yield from _devices(ld, ld.vnets, od.vnets, other)


def _devices(ld: LdmDomain, mine: Sequence[Device], theirs: Sequence[Device],
             other: LdmListing) -> Iterator[Problem]:
    """The devices of one kind in one domain: those only one view lists, and the fields
    that differ."""
    view = _VIEW.get(other.view, other.view)
    theirs_by_name = {d.name: d for d in theirs}
    mine_names = {d.name for d in mine}
    for d in mine:
        t = theirs_by_name.get(d.name)
        if t is None:
            yield _problem(ld, d, f" is in {d.source} but not in {other.source.file} ({view})", d.source)
            continue
        for label, value in _fields(d):
            a, b = value(d), value(t)
            if a is not None and b is not None and a != b:
                shown = (d.mac, t.mac) if label == "MAC" else (a, b)
                yield _problem(ld, d, f": {label} is {shown[0]} in {d.source} but {shown[1]} in {t.source} ({view})",
                               d.source)
        if isinstance(d, VirtualNetwork) and isinstance(t, VirtualNetwork):
            service = _service(d, t)
            if service is not None:
                yield _problem(ld, d, f": SERVICE is {service[0]} in {d.source} but {service[1]} in "
                                      f"{t.source} ({view})", d.source)
    for t in theirs:
        if t.name not in mine_names:
            yield _problem(ld, t, f" is in {t.source} ({view}) but not in {ld.source.file} (ldm list -l)", ld.source)


def _fields(d: Device) -> tuple[tuple[str, Callable[[Device], Any]], ...]:
    return _VSW_FIELDS if isinstance(d, VirtualSwitch) else _COMMON


def _service(a: VirtualNetwork, b: VirtualNetwork) -> Optional[tuple[str, str]]:
    """The two SERVICE values when they differ: ``vsw@domain`` when both views name the
    domain, else the vsw names alone (``list-constraints -p`` prints no domain)."""
    if a.service_domain and b.service_domain:
        x, y = f"{a.service}@{a.service_domain}", f"{b.service}@{b.service_domain}"
    else:
        x, y = a.service, b.service
    return (x, y) if x != y else None


def _problem(ld: LdmDomain, d: Device, what: str, source: Source) -> Problem:
    """A finding about one device; ``what`` continues "vnet X of domain Y"."""
    kind = "vsw" if isinstance(d, VirtualSwitch) else "vnet"
    node = vsw_node(ld.name, d.name) if kind == "vsw" else vnet_node(ld.name, d.name)
    return Problem(
        message=f"{kind} {d.name} of domain {ld.name}{what}; the ldm views disagree, so the "
                f"captures may not show one configuration",
        source=source,
        domain=ld.name,
        object=d.name,
        nodes=(node,),
    )
