"""IPMP groups of a domain, derived from the interfaces that name them.

Runtime groups come from ``ifconfig -a`` (``groupname`` on a physical interface; its
logical interfaces carry the addresses) and persistent groups from ``/etc/hostname.*``
(``group``; ``addif`` entries carry extra addresses). The two are built separately and
never merged. An address flagged NOFAILOVER (``-failover``) is a test address; any
other usable address is a data address; ``0.0.0.0`` is neither.
"""

from __future__ import annotations

from collections import defaultdict
from typing import Iterable, Optional

from ipmplint import addressing
from ipmplint.model import (
    Address,
    GroupMember,
    HostnameFile,
    IfconfigCapture,
    IpmpGroup,
    LogicalInterface,
)


def runtime_groups(domain: str, ifconfig: IfconfigCapture) -> tuple[IpmpGroup, ...]:
    """Groups as ``ifconfig -a`` shows them, members in order of appearance."""
    by_device: dict[str, list[LogicalInterface]] = defaultdict(list)
    for lif in ifconfig.interfaces:
        by_device[lif.device].append(lif)

    members_of: dict[str, list[GroupMember]] = {}
    for device, lifs in by_device.items():
        group = next((l.group for l in lifs if l.unit == 0 and l.group), None)
        if group is None:
            continue
        members_of.setdefault(group, []).append(_runtime_member(device, lifs))
    return tuple(_group(name, domain, "runtime", members) for name, members in members_of.items())


def _runtime_member(device: str, lifs: list[LogicalInterface]) -> GroupMember:
    physical = [l for l in lifs if l.unit == 0]
    primary = next((l for l in physical if l.family == "inet"), physical[0] if physical else lifs[0])
    mac = next((l.mac for l in physical if l.mac), None)
    data: list[Address] = []
    test: list[Address] = []
    for lif in lifs:
        if lif.address is None or lif.address.unspecified:
            continue
        (test if "NOFAILOVER" in lif.flags else data).append(lif.address)
    return GroupMember(
        interface=device,
        source=primary.source,
        flags=primary.flags,
        data_addresses=tuple(data),
        test_addresses=tuple(test),
        mac=mac,
        mtu=primary.mtu,
    )


def persistent_groups(domain: str, files: Iterable[HostnameFile]) -> tuple[IpmpGroup, ...]:
    """Groups as ``/etc/hostname.*`` will configure them at the next boot."""
    members_of: dict[str, list[GroupMember]] = {}
    for hf in sorted(files, key=lambda f: (f.family != "inet", f.interface)):
        group = next((e.group for e in hf.entries if e.group), None)
        if group is None:
            continue
        existing = members_of.setdefault(group, [])
        if any(m.interface == hf.interface for m in existing):
            continue  # hostname6.<if> of a member already listed by hostname.<if>
        existing.append(_persistent_member(hf))
    return tuple(_group(name, domain, "persistent", members) for name, members in members_of.items())


def _persistent_member(hf: HostnameFile) -> GroupMember:
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
        prefix = addressing.prefix_from_netmask(entry.netmask) if entry.netmask and entry.netmask != "+" else None
        address = Address(
            text=entry.address,
            source=entry.source,
            family=hf.family,
            ip=addressing.ip(entry.address),
            prefixlen=prefix,
        )
        if address.unspecified:
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


def _group(name: str, domain: str, origin: str, members: list[GroupMember]) -> IpmpGroup:
    return IpmpGroup(name=name, domain=domain, origin=origin, source=members[0].source, members=tuple(members))
