"""Two runtime captures of one domain (`ifconfig -a`, `ipadm`, `ipmpstat`) disagree on a group.

## What it checks
In each domain where more than one runtime capture lists interfaces — `ifconfig -a`,
`ipadm` (`show-if`, or bare `ipadm`), `ipmpstat` (`-g` or `-i`) — the IPMP groups each
shows on its own are compared, every pair of captures: a group one shows and the other
does not (matched by group name or IPMP interface: `ipmpstat -g` GROUP, `ipadm`'s
`ipmp`-class interface), a member one puts in the group and the other does not, and a
state both state that differs — a member's (ok, failed, offline: ifconfig's FAILED and
OFFLINE flags, `ipadm` STATE, `ipmpstat -i` STATE) or the group's (ok, degraded,
failed: `ipadm` STATE of the IPMP interface, `ipmpstat -g` STATE). Each finding names
both files and lines, and the capture the rules read. A domain with one runtime
capture has nothing to compare.

## Why it breaks failover
It does not break failover by itself: it means the verdict may be about another
configuration, or another moment. The group rules read the members from one capture
(`ifconfig -a`, else `ipadm`, else `ipmpstat`) and the state from `ipmpstat` when it was
captured; captures that disagree were taken at different times (a member failed or was
repaired in between, `ipadm add-ipmp` ran), on another domain, or edited by hand. A
group judged on two members may be running on one.

## Example
`ipadm-show-if.txt`:
```
IFNAME     CLASS    STATE    ACTIVE OVER
net1       ip       failed   no     --
ipmp0      ipmp     degraded yes    net0 net1
```
`ipmpstat-i.txt`:
```
INTERFACE   ACTIVE  GROUP       FLAGS     LINK      PROBE     STATE
net1        yes     ipmp0       -------   up        ok        ok
```

## Fix
Capture a domain's `ifconfig -a`, `ipadm` and `ipmpstat` in one session, one command
after the other (the collector does this), and again after any repair or change to the
group. If they still disagree, find out which one the running configuration is.

## Source
ipadm(1M) (`show-if` STATE ok, offline, failed, down, disabled; an `ipmp` interface
OVER its members), ipmpstat(1M) (group state ok/degraded/failed; interface state
ok/failed/offline) and in.mpathd(1M) (FAILED, OFFLINE): three views of the one state
in.mpathd keeps, https://docs.oracle.com/cd/E86824_01/html/E54764/ipmpstat-1m.html;
docs/captures.md.
"""

from __future__ import annotations

from itertools import combinations
from typing import Iterator, Optional

import attrs

from ipmplint.analysis.groups import RUNTIME_ORDER, RuntimeView, runtime_commands, runtime_views
from ipmplint.model import DomainCapture, GroupMember, IpmpGroup, Source
from ipmplint.rule import Problem, RuleContext, Severity
from ipmplint.topology import NodeId

ID = "CAP005"
NAME = "domain-views-disagree"
SEVERITY = Severity.WARNING
SOURCE = "ipadm(1M), ipmpstat(1M), in.mpathd(1M): three views of in.mpathd's state"
TAGS = ("capture",)

#: The states both sides must state, and in these words, to be compared.
_MEMBER_STATES = frozenset({"ok", "failed", "offline"})
_GROUP_STATES = frozenset({"ok", "degraded", "failed"})


def check(ctx: RuleContext) -> Iterator[Problem]:
    for dc in ctx.server.domains:
        if len(runtime_commands(dc)) < 2:
            continue
        views = runtime_views(dc)
        commands = [v.command for v in views]
        read = _Read(
            members=f"the members from {commands[0]}, {RUNTIME_ORDER}",
            state="the state from ipmpstat, in.mpathd's own report"
            if "ipmpstat" in commands
            else f"the state from {commands[0]}",
        )
        for a, b in combinations(views, 2):
            yield from _compare(dc, a, b, read)


@attrs.frozen
class _Read:
    """What the rules read from which capture, as a finding says it."""

    members: str
    state: str


def _compare(dc: DomainCapture, a: RuntimeView, b: RuntimeView, read: _Read) -> Iterator[Problem]:
    for group in a.groups:
        other = _match(group, b.groups)
        if other is None:
            yield _problem(
                dc,
                group,
                f"is in {a.command} ({group.source}) but not in {b.command} ({_file(b, dc)})",
                group.source,
                read,
            )
            continue
        yield from _members(dc, group, other, a, b, read)
        mine, their = _group_state(group, a, dc), _group_state(other, b, dc)
        if mine is not None and their is not None and mine[0] != their[0]:
            yield _problem(
                dc,
                group,
                f"is {mine[0]} in {a.command} ({mine[1]}) but {their[0]} in {b.command} ({their[1]})",
                mine[1],
                read,
                state=True,
            )
    for other in b.groups:
        if _match(other, a.groups) is None:
            yield _problem(
                dc,
                other,
                f"is in {b.command} ({other.source}) but not in {a.command} ({_file(a, dc)})",
                other.source,
                read,
            )


def _members(
    dc: DomainCapture, group: IpmpGroup, other: IpmpGroup, a: RuntimeView, b: RuntimeView, read: _Read
) -> Iterator[Problem]:
    theirs = {m.interface: m for m in other.members}
    for m in group.members:
        t = theirs.get(m.interface)
        if t is None:
            yield _problem(
                dc,
                group,
                f"has member {m.interface} in {a.command} ({m.source}) but not in {b.command} ({other.source})",
                m.source,
                read,
                m.interface,
            )
            continue
        mine, their = _state(m, a, dc), _state(t, b, dc)
        if mine is not None and their is not None and mine[0] != their[0]:
            yield _problem(
                dc,
                group,
                f"has member {m.interface} {mine[0]} in {a.command} ({mine[1]}) but "
                f"{their[0]} in {b.command} ({their[1]})",
                m.source,
                read,
                m.interface,
                state=True,
            )
    mine_names = {m.interface for m in group.members}
    for t in other.members:
        if t.interface not in mine_names:
            yield _problem(
                dc,
                group,
                f"has member {t.interface} in {b.command} ({t.source}) but not in {a.command} ({group.source})",
                t.source,
                read,
                t.interface,
            )


def _state(member: GroupMember, view: RuntimeView, dc: DomainCapture) -> Optional[tuple[str, Source]]:
    """A member's state as one capture states it, and the line that states it."""
    if view.command == "ifconfig -a":
        flags = member.flags
        state = (
            "failed" if "FAILED" in flags else "offline" if "OFFLINE" in flags else "ok" if "RUNNING" in flags else None
        )
        return (state, member.source) if state else None
    if view.command == "ipmpstat":
        row = (
            next((i for i in dc.ipmpstat.interfaces if i.interface == member.interface), None)
            if dc.ipmpstat is not None
            else None
        )
        return (row.state, row.source) if row is not None and row.state in _MEMBER_STATES else None
    return (member.state, member.source) if member.state in _MEMBER_STATES else None


def _group_state(group: IpmpGroup, view: RuntimeView, dc: DomainCapture) -> Optional[tuple[str, Source]]:
    """A group's state as one capture states it (``ipmpstat -g`` STATE, or ``ipadm``'s
    STATE of the IPMP interface), and the line that states it."""
    if view.command == "ipmpstat":
        rows = dc.ipmpstat.groups if dc.ipmpstat is not None else ()
        # the group of the ipmpstat view is built from its -g row: GROUP is its interface
        row = next((g for g in rows if g.group == group.interface), None)
        return (row.state, row.source) if row is not None and row.state in _GROUP_STATES else None
    return (group.state, group.source) if group.state in _GROUP_STATES else None


def _match(group: IpmpGroup, groups: tuple[IpmpGroup, ...]) -> Optional[IpmpGroup]:
    """The same group in another capture: by name, or by its IPMP interface."""
    names = {n for n in (group.name, group.interface) if n}
    return next((g for g in groups if names & {g.name, g.interface}), None)


def _file(view: RuntimeView, dc: DomainCapture) -> str:
    """The file a capture that lacks the group was read from."""
    kinds = {
        "ifconfig -a": ("ifconfig-a",),
        "ipadm": ("ipadm-show-if", "ipadm"),
        "ipmpstat": ("ipmpstat-g", "ipmpstat-i", "ipmpstat"),
    }[view.command]
    return next((dc.files[k] for k in kinds if k in dc.files), dc.path)


def _problem(
    dc: DomainCapture,
    group: IpmpGroup,
    what: str,
    source: Source,
    read: _Read,
    member: Optional[str] = None,
    state: bool = False,
) -> Problem:
    """A finding about one group (or one member of it); ``what`` continues "group G in D"."""
    return Problem(
        message=f"group {group.name} in {dc.name} {what}; the domain's captures disagree, so they may not "
        f"show one configuration. The rules read {read.state if state else read.members}",
        source=source,
        domain=dc.name,
        group=group.name,
        object=member or group.name,
        nodes=(NodeId.of_interface(dc.name, member),) if member else (NodeId.of_group(dc.name, group.name),),
    )
