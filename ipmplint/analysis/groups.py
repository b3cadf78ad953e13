"""IPMP groups of a domain, derived from the captures that describe them.

Runtime groups come from the domain's running state: ``ifconfig -a`` (Solaris 10 and
11: ``groupname`` on a physical interface, whose logical interfaces carry the
addresses; on Solaris 11 the IPMP interface itself, flagged ``IPMP``, carries the data
addresses), else ``ipadm`` (Solaris 11: an ``ipmp``-class interface OVER its members;
an address on a member is a test address, one on the IPMP interface a data address),
else ``ipmpstat`` alone. Whatever the source, ``ipmpstat -i``/``-g`` rows, when
captured, add each member's link/probe/state and the group's state.

Persistent groups come from ``/etc/hostname.*`` (``group``; ``addif`` entries carry
extra addresses): what the next boot configures. The two are built separately and
never merged (IPMP401 compares them). An address flagged NOFAILOVER (``-failover``) is
a test address; any other usable address is a data address; ``0.0.0.0`` is neither,
and its ``mtu 0`` is no MTU (``runtime_state`` says what each runtime state means).

About 450 lines: the groups as each of four views shows them (hostname files,
``ifconfig -a``, ``ipadm``, ``ipmpstat``), written side by side so that they agree.
"""

from __future__ import annotations

import ipaddress
from collections import defaultdict
from typing import Any, Callable, Iterable, Iterator, Optional, TypeGuard

import attrs

from ipmplint.analysis import runtime_state
from ipmplint.model import (
    Address,
    DomainCapture,
    GroupMember,
    HostnameFile,
    HostsFile,
    IfconfigCapture,
    IpadmCapture,
    IpadmInterface,
    IpmpGroup,
    IpmpstatCapture,
    LogicalInterface,
    NetmasksFile,
    Source,
    addressing,
)


@attrs.frozen
class RuntimeView:
    """The groups one runtime capture of a domain shows on its own (CAP005 compares them)."""

    #: The command, as a message names it: ``ifconfig -a``, ``ipadm``, ``ipmpstat``.
    command: str
    groups: tuple[IpmpGroup, ...]


#: Why ``runtime_groups`` takes the members from the first view captured, in this order.
RUNTIME_ORDER = (
    "the first captured of ifconfig -a, ipadm and ipmpstat: ifconfig -a alone shows each "
    "address's flags (NOFAILOVER, DEPRECATED), and ipadm each address's interface"
)


def runtime_views(dc: DomainCapture) -> tuple[RuntimeView, ...]:
    """Each runtime capture that lists interfaces, with the groups it shows alone, in the
    order ``runtime_groups`` prefers them (RUNTIME_ORDER). A capture that lists no
    interface (``ipadm show-addr`` alone, ``ipmpstat -t`` alone) says nothing of members."""
    return tuple(RuntimeView(command, build()) for command, build in _views(dc))


def runtime_commands(dc: DomainCapture) -> tuple[str, ...]:
    """The commands of ``runtime_views``, in its order, without building their groups: a
    domain with one view has nothing to compare (CAP005), and most have one."""
    return tuple(command for command, _ in _views(dc))


def _views(dc: DomainCapture) -> list[tuple[str, Callable[[], tuple[IpmpGroup, ...]]]]:
    """Each runtime view's command, and how its groups are built."""
    views: list[tuple[str, Callable[[], tuple[IpmpGroup, ...]]]] = []
    ifconfig, ipadm, ipmpstat = dc.ifconfig, dc.ipadm, dc.ipmpstat
    if ifconfig is not None and ifconfig.interfaces:
        views.append(("ifconfig -a", lambda: from_ifconfig(dc.name, ifconfig)))
    if ipadm is not None and ipadm.interfaces:
        views.append(("ipadm", lambda: from_ipadm(dc.name, ipadm, ipmpstat)))
    if ipmpstat is not None and (ipmpstat.groups or ipmpstat.interfaces):
        views.append(("ipmpstat", lambda: from_ipmpstat(dc.name, ipmpstat)))
    return views


def runtime_groups(dc: DomainCapture) -> tuple[IpmpGroup, ...]:
    """The domain's groups as its running state shows them, members in order of appearance."""
    if dc.ifconfig is not None:
        found = from_ifconfig(dc.name, dc.ifconfig)
    elif dc.ipadm is not None:
        found = from_ipadm(dc.name, dc.ipadm, dc.ipmpstat)
    elif dc.ipmpstat is not None:
        found = from_ipmpstat(dc.name, dc.ipmpstat)
    else:
        return ()
    if dc.ipmpstat is not None:
        found = tuple(_with_ipmpstat(g, dc.ipmpstat) for g in found)
    return found


def members_unseen(dc: DomainCapture, group: IpmpGroup) -> Optional[str]:
    """Why ``group`` may have members its captures do not show, or None when they show
    them all: a runtime group read from ``ifconfig <if>`` output (not ``-a``) knows only
    the interfaces the commands named. A rule that judges a group by the members it
    lacks (one member, no active one) cannot decide it then."""
    if group.origin != "runtime" or dc.ifconfig is None or not dc.ifconfig.shown:
        return None
    return (
        f"group {group.name} in {dc.name}: the ifconfig capture shows {', '.join(dc.ifconfig.shown)} "
        f"alone ('ifconfig <if>', not 'ifconfig -a'), so its other members may be unseen"
    )


def odd_members(
    group: IpmpGroup, value_of: Callable[[GroupMember], Any]
) -> Iterator[tuple[GroupMember, Any, GroupMember, Any]]:
    """The members whose value (an MTU, a media type) differs from the first member's,
    among those whose value is known, each as (member, value, first, first's value):
    what must be alike across a group for the data addresses to work the same after a
    failover (IPMP305, IPMP309). Nothing when fewer than two values are known."""
    known = [(m, value) for m in group.members if (value := value_of(m)) is not None]
    if len({value for _, value in known}) < 2:
        return
    first, first_value = known[0]
    for member, value in known[1:]:
        if value != first_value:
            yield member, value, first, first_value


def persistent_groups(dc: DomainCapture) -> tuple[IpmpGroup, ...]:
    """The domain's groups as ``/etc/hostname.*`` will configure them at the next boot."""
    return from_hostname_files(dc.name, dc.hostname_files, dc.hosts, dc.netmasks)


# ----------------------------------------------------------------------- ifconfig


def from_ifconfig(domain: str, ifconfig: IfconfigCapture) -> tuple[IpmpGroup, ...]:
    by_device: dict[str, list[LogicalInterface]] = defaultdict(list)
    for lif in ifconfig.interfaces:
        by_device[lif.device].append(lif)

    members_of: dict[str, list[GroupMember]] = {}
    ipmp_of: dict[str, tuple[str, Source, list[Address]]] = {}
    for device, lifs in by_device.items():
        group = next((lif.group for lif in lifs if lif.unit == 0 and lif.group), None)
        if group is None:
            continue
        if any("IPMP" in lif.flags for lif in lifs if lif.unit == 0):
            addresses = [
                attrs.evolve(lif.address, flags=lif.flags, logical=lif.name) for lif in lifs if _usable(lif.address)
            ]
            ipmp_of.setdefault(group, (device, lifs[0].source, addresses))
            continue
        members_of.setdefault(group, []).append(_ifconfig_member(device, lifs))
    names = list(dict.fromkeys([*members_of, *ipmp_of]))
    out = []
    for name in names:
        members = members_of.get(name, [])
        interface, source, data = ipmp_of.get(name, (None, None, []))
        out.append(
            IpmpGroup(
                name=name,
                domain=domain,
                origin="runtime",
                source=source or members[0].source,
                members=tuple(members),
                interface=interface,
                data_addresses=tuple(data),
            )
        )
    return tuple(out)


def _ifconfig_member(device: str, lifs: list[LogicalInterface]) -> GroupMember:
    physical = [lif for lif in lifs if lif.unit == 0]
    primary = next((lif for lif in physical if lif.family == "inet"), physical[0] if physical else lifs[0])
    mac = next((lif.mac for lif in physical if lif.mac), None)
    data: list[Address] = []
    test: list[Address] = []
    for lif in lifs:
        if not _usable(lif.address):
            continue
        address = attrs.evolve(lif.address, flags=lif.flags, logical=lif.name)
        (test if "NOFAILOVER" in lif.flags else data).append(address)
    return GroupMember(
        interface=device,
        source=primary.source,
        flags=primary.flags,
        data_addresses=tuple(data),
        test_addresses=tuple(test),
        mac=mac,
        mtu=runtime_state.link_mtu(lifs),
    )


# --------------------------------------------------------------------- Solaris 11


def from_ipadm(domain: str, ipadm: IpadmCapture, ipmpstat: Optional[IpmpstatCapture] = None) -> tuple[IpmpGroup, ...]:
    """Groups from ``ipadm``: each ``ipmp``-class interface and its members (OVER in
    ``show-if``, UNDER in bare ``ipadm``). The group's name is ``ipmpstat -g``'s
    GROUPNAME when captured, else the IPMP interface's name (the usual convention)."""
    addresses: dict[str, list[Address]] = defaultdict(list)
    for a in ipadm.addresses:
        if a.remote is None and _usable(a.address):
            addresses[a.interface].append(a.address)
    state = {i.name: i for i in ipadm.interfaces}
    out = []
    for iface in ipadm.interfaces:
        if iface.iclass != "ipmp":
            continue
        names = list(dict.fromkeys([*iface.over, *(i.name for i in ipadm.interfaces if i.under == iface.name)]))
        members = tuple(
            GroupMember(
                interface=n,
                source=state[n].source if n in state else iface.source,
                flags=_ipadm_flags(state.get(n)),
                test_addresses=tuple(addresses.get(n, ())),
                state=state[n].state if n in state else None,
            )
            for n in names
        )
        out.append(
            IpmpGroup(
                name=_groupname(iface.name, ipmpstat),
                domain=domain,
                origin="runtime",
                source=iface.source,
                members=members,
                interface=iface.name,
                data_addresses=tuple(addresses.get(iface.name, ())),
                state=iface.state,
            )
        )
    return tuple(out)


def _ipadm_flags(row: Optional[IpadmInterface]) -> frozenset[str]:
    """INACTIVE for an underlying interface that ``ipadm show-if`` shows working (STATE
    ``ok``) but not in use (ACTIVE ``no``): a standby in reserve, or a member repaired
    while FAILBACK=no. A failed or offline one is not in use either; its STATE says why."""
    if row is not None and row.state == "ok" and row.active is False:
        return frozenset({"INACTIVE"})
    return frozenset()


def from_ipmpstat(domain: str, cap: IpmpstatCapture) -> tuple[IpmpGroup, ...]:
    """Groups from ``ipmpstat`` alone: membership from ``-g`` (else ``-i``'s GROUP
    column), test addresses from ``-t``, data addresses from ``-a``."""
    tests: dict[str, list[Address]] = defaultdict(list)
    for t in cap.targets:
        if t.testaddr:
            tests[t.interface].append(_address(t.testaddr, t.source))
    data: dict[str, list[Address]] = defaultdict(list)
    for a in cap.addresses:
        if a.group and a.state == "up":
            data[a.group].append(_address(a.address, a.source))
    # each member's source: the -g row that names it, or, from -i alone, its own row
    rows: list[tuple[str, Optional[str], Source, tuple[tuple[str, Source], ...]]] = [
        (g.groupname or g.group, g.group, g.source, tuple((m, g.source) for m in g.members)) for g in cap.groups
    ]
    if not rows:
        by_group: dict[str, list] = {}
        for i in cap.interfaces:
            if i.group:
                by_group.setdefault(i.group, []).append(i)
        rows = [
            (name, None, rows_[0].source, tuple((i.interface, i.source) for i in rows_))
            for name, rows_ in by_group.items()
        ]
    out = []
    for name, interface, source, members in rows:
        out.append(
            IpmpGroup(
                name=name,
                domain=domain,
                origin="runtime",
                source=source,
                members=tuple(
                    GroupMember(interface=m, source=where, test_addresses=tuple(tests.get(m, ())))
                    for m, where in members
                ),
                interface=interface,
                data_addresses=tuple(data.get(name, ()) or data.get(interface or "", ())),
            )
        )
    return tuple(out)


def _with_ipmpstat(group: IpmpGroup, cap: IpmpstatCapture) -> IpmpGroup:
    """The group with ``ipmpstat -i`` facts on its members and ``-g``'s state on it."""
    rows = {i.interface: i for i in cap.interfaces}
    members = []
    for m in group.members:
        row = rows.get(m.interface)
        if row is None:
            members.append(m)
            continue
        flags = set(m.flags)
        if "s" in row.flags:
            flags.add("STANDBY")
        if "i" in row.flags:
            flags.add("INACTIVE")
        members.append(
            attrs.evolve(m, flags=frozenset(flags), link=row.link, state=row.state or m.state, probe=row.probe)
        )
    g_row = next((g for g in cap.groups if group.name in (g.groupname, g.group) or g.group == group.interface), None)
    return attrs.evolve(
        group,
        members=tuple(members),
        state=g_row.state if g_row is not None and g_row.state else group.state,
    )


def _groupname(interface: str, ipmpstat: Optional[IpmpstatCapture]) -> str:
    if ipmpstat is not None:
        for g in ipmpstat.groups:
            if g.group == interface and g.groupname:
                return g.groupname
    return interface


# ------------------------------------------------------------------ hostname.*


def from_hostname_files(
    domain: str,
    files: Iterable[HostnameFile],
    hosts: Optional[HostsFile] = None,
    netmasks: Optional[NetmasksFile] = None,
) -> tuple[IpmpGroup, ...]:
    """Host names are resolved with the domain's ``/etc/hosts`` and ``netmask +`` with its
    ``/etc/netmasks``, as the boot scripts do; what cannot be resolved keeps no address
    or prefix (IPMP403 reports an unresolved name)."""
    members_of: dict[str, list[GroupMember]] = {}
    for hf in sorted(files, key=lambda f: (f.family != "inet", f.interface)):
        group = next((e.group for e in hf.entries if e.group), None)
        if group is None:
            continue
        existing = members_of.setdefault(group, [])
        if any(m.interface == hf.interface for m in existing):
            continue  # hostname6.<if> of a member already listed by hostname.<if>
        existing.append(_persistent_member(hf, hosts, netmasks))
    return tuple(
        IpmpGroup(name=name, domain=domain, origin="persistent", source=members[0].source, members=tuple(members))
        for name, members in members_of.items()
    )


def _persistent_member(hf: HostnameFile, hosts: Optional[HostsFile], netmasks: Optional[NetmasksFile]) -> GroupMember:
    data: list[Address] = []
    test: list[Address] = []
    flags: set[str] = set()
    mtu: Optional[int] = None
    for entry in hf.entries:
        if entry.standby:
            flags.add("STANDBY")
        if entry.mtu is not None and mtu is None:
            mtu = entry.mtu
        if not entry.addif:
            if entry.up:
                flags.add("UP")
            if entry.deprecated:
                flags.add("DEPRECATED")
            if entry.nofailover:
                flags.add("NOFAILOVER")
        if entry.address is None:
            continue
        ip = addressing.ip(entry.address)
        if ip is None and hosts is not None:
            resolved = hosts.resolve(entry.address)
            ip = addressing.ip(resolved.address) if resolved is not None else None
        if entry.netmask == "+":
            prefix = netmask_for(ip, netmasks)
        else:
            prefix = addressing.prefix_from_netmask(entry.netmask) if entry.netmask else None
        words = {
            "DEPRECATED": entry.deprecated,
            "NOFAILOVER": entry.nofailover,
            "UP": entry.up,
            "STANDBY": entry.standby,
        }
        address = Address(
            text=entry.address,
            source=entry.source,
            family=hf.family,
            ip=ip,
            prefixlen=prefix,
            flags=frozenset(k for k, on in words.items() if on),
            logical=hf.interface if not entry.addif else None,
        )
        if runtime_state.placeholder(address):
            continue
        (test if entry.nofailover else data).append(address)
    flags.add("IPv6" if hf.family == "inet6" else "IPv4")
    return GroupMember(
        interface=hf.interface,
        source=hf.entries[0].source if hf.entries else hf.source,
        flags=frozenset(flags),
        data_addresses=tuple(data),
        test_addresses=tuple(test),
        mtu=mtu,
    )


# ---------------------------------------------------------------------- helpers


def netmask_for(
    ip: Optional[ipaddress.IPv4Address | ipaddress.IPv6Address], netmasks: Optional[NetmasksFile]
) -> Optional[int]:
    """The prefix ``netmask +`` gives an IPv4 address: the ``/etc/netmasks`` entry whose
    network holds it (the longest such), else none known."""
    if ip is None or netmasks is None or ip.version != 4:
        return None
    best: Optional[int] = None
    for entry in netmasks.entries:
        prefix = addressing.prefix_from_netmask(entry.netmask)
        network = addressing.ip(entry.network)
        if prefix is None or network is None or network.version != 4:
            continue
        mask = (0xFFFFFFFF << (32 - prefix)) & 0xFFFFFFFF if prefix else 0
        if int(ip) & mask == int(network) & mask and (best is None or prefix > best):
            best = prefix
    return best


def _usable(address: Optional[Address]) -> TypeGuard[Address]:
    return address is not None and not runtime_state.placeholder(address)


def _address(text: str, source: Source) -> Address:
    ip = addressing.ip(text)
    return Address(text=text, source=source, family="inet6" if ":" in text else "inet", ip=ip)
