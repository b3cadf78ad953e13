"""Two ldm views of one server (`ldm list -l`, `list-bindings`, `-p`) disagree on a vnet or vsw.

## What it checks
The rules read the bindings from one ldm view: the first captured of `ldm list -l`,
`ldm list-bindings` and the parseable `ldm list -l -p` (`list-bindings -p`,
`list-constraints -p`) that lists each domain's resources. Every other view captured
beside it — another of those, or `ldm list-services` — is compared with it, domain by
domain: a vnet or vsw (matched by domain and name) that one view lists and the other
does not, and each field both views state that differs — the vnet's SERVICE
(`vsw@domain`, or the vsw name alone when a view omits the domain), MAC (compared
normalised: `0:14:4f:…` is `00:14:4f:…`), DEVICE, NET-DEV, LINKPROP, PVID, VID, MTU,
MODE. A field one view leaves empty is not compared; `ldm list-services` has only
vsws. A view that lists no vsw or vnet at all (the short `ldm list -p`, or a bare
`ldm list`) is not compared. Each finding names both files and lines, and the view
the rules used.

## Why it breaks failover
It does not break failover by itself: it means the verdict may be about another
configuration. The topology rules judge one view; two views of one server that
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
disagree, the view the finding names is what the rules judged: find out which one the
running configuration is.

## Source
`ldm list-bindings` prints the sections of `ldm list -l`, and `ldm list -p` is the
machine-readable form of the same listing (Logical Domains 1.2 to OVM 3.6
Administration Guides, "Listing Domain Resources" and "Machine-Readable Output":
"always use the -p option"); docs/captures.md, "Which ldm view the rules read".
"""

from __future__ import annotations

from typing import Any, Callable, Iterator, Optional, Sequence, Union

from ipmplint.model import LdmDomain, LdmListing, Source, VirtualNetwork, VirtualSwitch, addressing
from ipmplint.rule import Problem, RuleContext, Severity, Skip
from ipmplint.topology import NodeId

ID = "CAP004"
NAME = "ldm-views-disagree"
SEVERITY = Severity.WARNING
SOURCE = "ldm(1M): list-bindings prints the sections of list -l, and -p is their machine-readable form"
TAGS = ("capture",)
REQUIRES = ("ldm-bindings", "ldm-second-view")

Device = Union[VirtualSwitch, VirtualNetwork]

#: What each view is called in a message.
_VIEW = {
    "list-l": "ldm list -l",
    "list-bindings": "ldm list-bindings",
    "list-p": "ldm list -p",
    "list-services": "ldm list-services",
}


#: The views that print services and not the domains' vnets.
_NO_VNETS = frozenset({"list-services"})


#: Why the rules read the view they read (ipmplint.capture.loader.bindings_view).
USED_BECAUSE = "the first captured of ldm list -l, list-bindings and -p that lists the domains' resources"


def view_name(listing: LdmListing) -> str:
    return _VIEW.get(listing.view, listing.view)


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
    used, *others = ctx.server.ldm_views
    for other in others:
        yield from _compare(used, other)


def _compare(used: LdmListing, other: LdmListing) -> Iterator[Union[Problem, Skip]]:
    vnets = other.view not in _NO_VNETS
    for listing in (used, other):
        if not any(d.vswitches or (vnets and d.vnets) for d in listing.domains):
            yield Skip(
                f"{listing.source.file} lists no vsw{' or vnet' if vnets else ''}: "
                f"{view_name(other)} and {view_name(used)} cannot be compared"
            )
            return
    for ld in used.domains:
        od = other.domain(ld.name)
        if od is None:
            continue
        yield from _devices(ld, ld.vswitches, od.vswitches, used, other)
        if vnets:
            yield from _devices(ld, ld.vnets, od.vnets, used, other)


def _devices(
    ld: LdmDomain, mine: Sequence[Device], theirs: Sequence[Device], used: LdmListing, other: LdmListing
) -> Iterator[Problem]:
    """The devices of one kind in one domain: those only one view lists, and the fields
    that differ."""
    view, ours = view_name(other), view_name(used)
    theirs_by_name = {d.name: d for d in theirs}
    mine_names = {d.name for d in mine}
    for d in mine:
        t = theirs_by_name.get(d.name)
        if t is None:
            yield _problem(ld, d, f" is in {d.source} ({ours}) but not in {other.source.file} ({view})", d.source, used)
            continue
        for label, value in _fields(d):
            a, b = value(d), value(t)
            if a is not None and b is not None and a != b:
                shown = (d.mac, t.mac) if label == "MAC" else (a, b)
                yield _problem(
                    ld,
                    d,
                    f": {label} is {shown[0]} in {d.source} ({ours}) but {shown[1]} in {t.source} ({view})",
                    d.source,
                    used,
                )
        if isinstance(d, VirtualNetwork):
            assert isinstance(t, VirtualNetwork)  # both lists are of one kind
            service = _service(d, t)
            if service is not None:
                yield _problem(
                    ld,
                    d,
                    f": SERVICE is {service[0]} in {d.source} ({ours}) but {service[1]} in {t.source} ({view})",
                    d.source,
                    used,
                )
    for t in theirs:
        if t.name not in mine_names:
            yield _problem(ld, t, f" is in {t.source} ({view}) but not in {ld.source.file} ({ours})", ld.source, used)


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


def _problem(ld: LdmDomain, d: Device, what: str, source: Source, used: LdmListing) -> Problem:
    """A finding about one device; ``what`` continues "vnet X of domain Y"."""
    if isinstance(d, VirtualSwitch):
        kind, node = "vsw", NodeId.of_vsw(ld.name, d.name)
    else:
        kind, node = "vnet", NodeId.of_vnet(ld.name, d.name)
    return Problem(
        message=f"{kind} {d.name} of domain {ld.name}{what}; the ldm views disagree, so the "
        f"captures may not show one configuration. The rules read {view_name(used)} "
        f"({used.source.file}): {USED_BECAUSE}",
        source=source,
        domain=ld.name,
        object=d.name,
        nodes=(node,),
    )
