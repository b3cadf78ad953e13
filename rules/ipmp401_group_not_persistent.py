"""Runtime IPMP group membership differs from the persistent configuration.

## What it checks
For each domain whose runtime state (`ifconfig -a`) and persistent configuration were
both captured, each interface's group now and at the next boot:

- Solaris 10: the groups of `ifconfig -a` against the `group` of each interface's
  `/etc/hostname.<if>`. An interface in a group now whose hostname file is missing or
  names another group (or none), and an interface a hostname file puts in a group that
  has no such member now, are reported. When no `/etc/hostname.*` file was captured at
  all the check is skipped (a missing capture is not an empty `/etc`).
- Solaris 11: `ipadm show-if` tells whether each interface is persistent (its
  PERSISTENT column, `ipadm show-if -o all`); a group member or IPMP interface that is
  not persistent is reported. Without that column the check is skipped.

## Why it breaks failover
`ifconfig` and `if_mpadm` changes last until the next reboot; the hostname files (or
ipadm's persistent store) are what the boot configures. A group built by hand at runtime
silently loses a member — or disappears — at the next reboot, usually the reboot after
a failure, when it is needed.

## Example
`ifconfig -a` shows `vnet1` in `groupname ipmp0`; `/etc/hostname.vnet1` is empty.

## Fix
Write the configuration into `/etc/hostname.<if>` (`group ipmp0` and the addresses)
so that it matches what runs; on Solaris 11 recreate the configuration with `ipadm`
without `-t`.

## Source
Solaris 10 System Administration Guide: IP Services, "How to Configure an IPMP Group
With Multiple Interfaces" (the hostname files make the configuration persistent),
Chapter 31 "Administering IPMP", https://docs.oracle.com/cd/E19253-01/816-4554/6maoq02r8/index.html;
ipadm(1M) (`-t`:
temporary, not persistent).
"""

from __future__ import annotations

import os
from typing import Iterator, Optional, Union

from ipmplint.analysis import osrelease
from ipmplint.model import DomainCapture, Source
from ipmplint.rule import Problem, RuleContext, Severity, Skip
from ipmplint.topology import NodeId

ID = "IPMP401"
NAME = "group-not-persistent"
SEVERITY = Severity.WARNING
SOURCE = "Solaris 10 IP Services, How to Configure an IPMP Group With Multiple Interfaces; ipadm(1M)"
TAGS = ("persistence",)


def check(ctx: RuleContext) -> Iterator[Union[Problem, Skip]]:
    for dc in ctx.server.domains:
        if not dc.runtime_groups:
            continue
        if osrelease.solaris(dc).version == 11:
            yield from _solaris11(dc)
        else:
            yield from _solaris10(dc)


def _solaris10(dc: DomainCapture) -> Iterator[Union[Problem, Skip]]:
    if dc.ifconfig is None:
        return
    if not dc.hostname_files:
        yield Skip(
            reason=f"domain {dc.name} has runtime groups but no /etc/hostname.* file was captured",
            missing=(os.path.join(dc.path, "etc", "hostname.<if>"),),
            domain=dc.name,
        )
        return
    runtime = {m.interface: (g, m) for g in dc.runtime_groups for m in g.members}
    persistent = {m.interface: (g, m) for g in dc.persistent_groups for m in g.members}
    files = {hf.interface: hf for hf in dc.hostname_files if hf.family == "inet"}
    for interface, (group, member) in runtime.items():
        later = persistent.get(interface)
        if later is not None and later[0].name == group.name:
            continue
        if later is not None:
            what = f"its /etc/hostname.{interface} puts it in group {later[0].name}"
        elif interface in files:
            what = f"its /etc/hostname.{interface} names no group"
        else:
            what = f"it has no /etc/hostname.{interface}"
        yield _problem(
            dc,
            group.name,
            interface,
            member.source,
            f"{interface} is in group {group.name} now, but {what}: after a reboot it is not",
        )
    for interface, (group, member) in persistent.items():
        if interface in runtime:
            continue
        yield _problem(
            dc,
            group.name,
            interface,
            member.source,
            f"/etc/hostname.{interface} puts {interface} in group {group.name}, which it is not in "
            f"now: the group changes at the next reboot",
        )


def _solaris11(dc: DomainCapture) -> Iterator[Union[Problem, Skip]]:
    if dc.ipadm is None or not any(i.persistent is not None for i in dc.ipadm.interfaces):
        yield Skip(
            reason=(
                f"domain {dc.name} runs Solaris 11: whether its groups persist needs the PERSISTENT "
                f"column of ipadm show-if -o all"
            ),
            missing=(os.path.join(dc.path, "ipadm-show-if.txt"),),
            domain=dc.name,
        )
        return
    rows = {i.name: i for i in dc.ipadm.interfaces}
    for group in dc.runtime_groups:
        names = ([group.interface] if group.interface else []) + [m.interface for m in group.members]
        for name in names:
            row = rows.get(name)
            if row is None or row.persistent is None or _persists(row.persistent):
                continue
            yield _problem(
                dc,
                group.name,
                name,
                row.source,
                f"{name} of group {group.name} is not persistent (ipadm PERSISTENT "
                f"'{row.persistent}'): it is gone after the next reboot",
            )


def _persists(flags: Optional[str]) -> bool:
    """ipadm's PERSISTENT column: ``4`` and/or ``6`` when the interface is persistent
    for IPv4/IPv6, ``-`` in their place when not (``46--``, ``----``)."""
    return bool(flags) and any(c in "46" for c in flags)  # type: ignore[union-attr]


def _problem(dc: DomainCapture, group: str, interface: str, source: Source, what: str) -> Problem:
    return Problem(
        message=f"in {dc.name}: {what}. Make the persistent configuration match the running one",
        source=source,
        domain=dc.name,
        group=group,
        object=interface,
        nodes=(NodeId.of_interface(dc.name, interface),),
    )
