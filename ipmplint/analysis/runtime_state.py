"""The IPMP runtime state machine of Solaris 10 and 11, written down once.

A capture taken on a working server is a snapshot of in.mpathd at work: members in
reserve, failed or taken offline, data addresses moved to another member, and the
placeholders Solaris leaves behind. None of that is configuration; rules that judge
what the group *will do* ask this module what each interface and address *is* before
they read a flag, an MTU or an address. Where each state comes from:

Members (``MemberState``)
- ACTIVE: carries data addresses. A standby that took over after a failure is active:
  Solaris 10 keeps its STANDBY flag and clears INACTIVE ("When a failover occurs on
  this standby interface, the INACTIVE flag is cleared": Solaris 10 System
  Administration Guide: IP Services, "How to Configure a Standby Interface for an IPMP
  Group", https://docs.oracle.com/cd/E19253-01/816-4554/enfiu/index.html);
  ``ipmpstat -i`` shows ACTIVE ``yes``.
- STANDBY: configured ``standby`` and held in reserve: ifconfig ``STANDBY,INACTIVE``,
  ``ipmpstat -i`` FLAGS ``s`` and ``i``, ``ipmpstat -g`` lists it in parentheses.
  ``ipadm show-if`` alone shows it ACTIVE ``no`` with STATE ``ok``, which does not say
  whether it is a standby: such a member is INACTIVE.
- INACTIVE: working but kept out of use without being a standby: a member repaired
  while ``FAILBACK=no`` ("in.mpathd does not fail back the interface if FAILBACK is set
  to no": IP Network Multipathing Administration Guide, "Failback",
  https://docs.oracle.com/cd/E19683-01/816-5249/mpoverview-17/index.html; "The daemon
  retains the interface's INACTIVE status": Oracle Solaris 11.4 "Administering TCP/IP
  Networks, IPMP, and IP Tunnels", "FAILBACK=no Mode",
  https://docs.oracle.com/cd/E37838_01/html/E60991/gfxym.html), or a Solaris 11
  member held back to keep the configured number of active interfaces ("Detecting
  Physical Interface Repairs", https://docs.oracle.com/cd/E37838_01/html/E60991/gfaym.html).
- FAILED: in.mpathd found it failed, by link (no ``RUNNING``) or by probes; ifconfig
  ``FAILED`` on every logical interface of it, ``ipmpstat -i`` STATE ``failed``
  (in.mpathd(1M); ipmpstat(1M)). Its data addresses have moved away.
- OFFLINE: taken out by ``if_mpadm -d``: ifconfig ``OFFLINE``, ``ipmpstat -i`` STATE
  ``offline``. "All network access fails over to a different interface ... Addresses
  marked with IFF_NOFAILOVER do not failover. They are marked down" (if_mpadm(1M)).

Addresses (``AddressRole``)
- PLACEHOLDER: ``inet 0.0.0.0 netmask 0`` with ``mtu 0`` on the physical interface
  (unit 0) of a member whose own unit-0 address is elsewhere: an inactive standby whose
  data address in.mpathd moved to an active member at boot, a FAILED or OFFLINE member
  whose addresses failed over (Solaris 10 IP Services, "What Happens During Interface
  Failover", Example 30-2: ``hme0: flags=19000842<...,NOFAILOVER,FAILED> mtu 0 ... inet
  0.0.0.0 netmask 0``, https://docs.oracle.com/cd/E19253-01/816-4554/eoqse/index.html).
  On Solaris 11 an underlying interface without a test address
  shows ``inet 0.0.0.0`` too. A placeholder is neither an address nor an MTU: its
  netmask and its ``mtu 0`` describe nothing, and its NOFAILOVER or DEPRECATED flags
  mark no test address.
- TEST: an address flagged NOFAILOVER (``-failover``). It never moves; on an OFFLINE
  member it is marked down (if_mpadm(1M)).
- DATA: any other usable address on the member it was configured on.
- FAILED_OVER: a data address sitting on another member than the one it belongs to:
  its ``/etc/hostname.<if>`` names another member, or it sits on a member configured
  ``standby`` ("if you configure as standby an interface that already has data
  addresses, these addresses automatically fail over to another interface in the IPMP
  group": Solaris 10 IP Services, "Standby Interfaces in an IPMP Group",
  https://docs.oracle.com/cd/E19253-01/816-4554/emylr/index.html; "A standby interface
  can have only one IP address, the test address": "How to Configure a Standby
  Interface for an IPMP Group"). It stays there after a repair while ``FAILBACK=no``. Solaris 10 moves
  it onto a new logical interface of the member it lands on (``hme1:2`` in Example
  30-2), or onto that member's unit-0 placeholder, whose per-address flags it then
  shows: an address that landed on a standby's placeholder reads ``DEPRECATED`` without
  being configured so. The flags such an address shows are those of where it landed,
  so its own are read from its configuration, when captured, and are unknown otherwise.

Solaris 11 keeps data addresses on the IPMP interface (``ipmp0``) and moves only their
binding among the underlying interfaces (``ipmpstat -a`` INBOUND/OUTBOUND), so nothing
fails over between members there; the member states come from ``ipmpstat -i`` and
``ipadm show-if`` STATE (Oracle Solaris 11 "Administering TCP/IP Networks, IPMP, and IP
Tunnels", "Monitoring IPMP Information"; ipmpstat(1M)).
"""

from __future__ import annotations

import enum
from typing import Iterable, Iterator, Optional

import attrs

from ipmplint.model import Address, DomainCapture, GroupMember, IpmpGroup, LogicalInterface


class MemberState(enum.Enum):
    """What in.mpathd is doing with a member (see the module docstring for the sources)."""

    ACTIVE = "active"
    STANDBY = "standby"
    INACTIVE = "inactive"
    FAILED = "failed"
    OFFLINE = "offline"


class AddressRole(enum.Enum):
    """What an address on a member is (see the module docstring for the sources)."""

    DATA = "data"
    TEST = "test"
    PLACEHOLDER = "placeholder"
    FAILED_OVER = "failed-over"


@attrs.frozen
class MemberStatus:
    """A member's state, and whether it is held in reserve (INACTIVE, which a failed
    standby keeps) and whether its link is down, with what said so."""

    member: GroupMember
    state: MemberState
    held_back: bool = False
    link_down: Optional[str] = None
    #: The flag or ipmpstat/ipadm column that decided the state.
    evidence: str = ""

    @property
    def carries_data(self) -> bool:
        """Whether the member can carry the group's data addresses now or after a
        failover: not offline, and not held in reserve. A FAILED member that was active
        counts: it is the failure, not the configuration, that keeps it idle."""
        return self.state is not MemberState.OFFLINE and not self.held_back


@attrs.frozen
class AddressStatus:
    """One address of a member: its role, the member it sits on, and for an address
    that failed over the member it belongs to (None when the captures do not say) and
    the flags it is configured with (None when its configuration was not captured)."""

    address: Address
    role: AddressRole
    member: str
    home: Optional[str] = None
    configured_flags: Optional[frozenset[str]] = None

    @property
    def own_flags(self) -> Optional[frozenset[str]]:
        """The flags that belong to the address itself: as shown, except for an address
        that failed over, whose shown flags are partly those of where it landed."""
        if self.role is AddressRole.FAILED_OVER:
            return self.configured_flags
        return self.address.flags


# -------------------------------------------------------------------- placeholders


def placeholder(address: Optional[Address]) -> bool:
    """``0.0.0.0``/``::``: the address of an interface whose own address is elsewhere."""
    return address is not None and address.unspecified


def link_mtu(lifs: Iterable[LogicalInterface]) -> Optional[int]:
    """A member's MTU from its ifconfig stanzas: that of its first IPv4 logical interface
    with a real address, else of any with a real address, else a placeholder's when it is
    not 0. ``mtu 0`` is the placeholder of a member whose addresses moved away, never an
    MTU; None when no stanza tells."""
    ordered = sorted(lifs, key=lambda lif: (lif.family != "inet", lif.unit))
    for wanted in (lambda lif: not placeholder(lif.address), lambda lif: True):
        for lif in ordered:
            if wanted(lif) and lif.mtu:
                return lif.mtu
    return None


# ------------------------------------------------------------------------ members


def member_status(group: IpmpGroup, member: GroupMember, from_ifconfig: bool = False) -> MemberStatus:
    """The member's state from its ifconfig flags (FAILED, OFFLINE, STANDBY, INACTIVE,
    RUNNING) and ``ipmpstat -i``/``ipadm show-if`` columns. A persistent group has no
    runtime state: its members are STANDBY when configured ``standby``, else ACTIVE."""
    if group.origin == "persistent":
        if member.standby:
            return MemberStatus(member, MemberState.STANDBY, held_back=True, evidence="configured standby")
        return MemberStatus(member, MemberState.ACTIVE)
    held_back = "INACTIVE" in member.flags
    link_down = _link_down(member, from_ifconfig)
    if "OFFLINE" in member.flags or member.state == "offline":
        evidence = "flagged OFFLINE" if "OFFLINE" in member.flags else "its state is offline"
        return MemberStatus(member, MemberState.OFFLINE, held_back, link_down, evidence)
    if "FAILED" in member.flags or member.state == "failed":
        evidence = "flagged FAILED" if "FAILED" in member.flags else "its state is failed"
        return MemberStatus(member, MemberState.FAILED, held_back, link_down, evidence)
    if held_back:
        state = MemberState.STANDBY if member.standby else MemberState.INACTIVE
        return MemberStatus(member, state, True, link_down, "flagged INACTIVE")
    return MemberStatus(member, MemberState.ACTIVE, False, link_down)


def member_statuses(group: IpmpGroup, from_ifconfig: bool = False) -> tuple[MemberStatus, ...]:
    return tuple(member_status(group, m, from_ifconfig) for m in group.members)


def _link_down(member: GroupMember, from_ifconfig: bool) -> Optional[str]:
    """Why the member's link is down: ``ipmpstat -i`` LINK ``down``, or, in ``ifconfig
    -a``, no RUNNING flag (link-based detection watches RUNNING: in.mpathd(1M))."""
    if member.link == "down":
        return "its link is down"
    if from_ifconfig and member.flags and "RUNNING" not in member.flags:
        return "its link is down (no RUNNING flag)"
    return None


# ---------------------------------------------------------------------- addresses


def address_statuses(dc: DomainCapture, group: IpmpGroup) -> Iterator[AddressStatus]:
    """Every usable address on the group's members, with its role. Placeholders are
    never in a member's addresses (the group builder leaves them out), so the roles
    here are DATA, TEST and FAILED_OVER."""
    homes = _configured_homes(dc, group)
    for member in group.members:
        for address in member.test_addresses:
            yield AddressStatus(address, AddressRole.TEST, member.interface, member.interface, address.flags)
        for address in member.data_addresses:
            yield _data_status(group, member, address, homes)


def _data_status(group: IpmpGroup, member: GroupMember, address: Address, homes: dict) -> AddressStatus:
    home, configured = homes.get((address.family, address.ip), (None, None))
    moved = (
        group.origin == "runtime"
        and group.interface is None
        and ((home is not None and home != member.interface) or "STANDBY" in member.flags)
    )
    if not moved:
        return AddressStatus(address, AddressRole.DATA, member.interface, member.interface, address.flags)
    return AddressStatus(address, AddressRole.FAILED_OVER, member.interface, home, configured)


def _configured_homes(dc: DomainCapture, group: IpmpGroup) -> dict:
    """(family, ip) -> (member, flags of its entry) for every address that the
    persistent configuration of the group's name puts on a member."""
    homes: dict = {}
    for persistent in dc.persistent_groups:
        if persistent.name != group.name:
            continue
        for member in persistent.members:
            for address in member.data_addresses + member.test_addresses:
                if address.ip is not None:
                    homes.setdefault((address.family, address.ip), (member.interface, address.flags))
    return homes


def member_mtu(member: GroupMember) -> Optional[int]:
    """The member's MTU, where one is known: ``0`` is a placeholder's, never an MTU."""
    return member.mtu if member.mtu else None
