"""A host name in `/etc/hostname.*` is not in the domain's `/etc/hosts`.

## What it checks
Every address word of every `/etc/hostname.<if>` entry (the first word, or the word
after `addif`) that is a host name rather than an address must be listed in the
domain's `/etc/hosts` (or `/etc/inet/hosts`; `/etc/inet/ipnodes` for `hostname6.*`).
When host names are used but no hosts file was captured, the check is skipped and the
file named.

## Why it breaks failover
The boot scripts resolve these names from the local files before any name service
runs. A name they cannot resolve leaves the interface — often a test address, which is
deliberately kept out of DNS — unconfigured after the next reboot: the member has no
test address, or the group has no data address.

## Example
`/etc/hostname.qfe0`: `host10 netmask + broadcast + group ipmp0 up` with no `host10`
line in `/etc/hosts`.

## Fix
Add the name to `/etc/inet/hosts` (`192.168.85.19 host10`), or write the address in
the hostname file instead of the name.

## Source
Sun document 70062 "Summary of typical IPMP configurations" (hostname files naming
`host10`, `host10-test-qfe0` resolved from `/etc/hosts`); Solaris 10 System
Administration Guide: IP Services, "Preventing Applications From Using Test Addresses"
(IPv4 test addresses should not be in DNS/NIS), https://docs.oracle.com/cd/E19253-01/816-4554/emycj/index.html
"""

from __future__ import annotations

import os
from typing import Iterator, Union

from ipmplint.model import addressing
from ipmplint.rule import Problem, RuleContext, Severity, Skip
from ipmplint.topology import NodeId

ID = "IPMP403"
NAME = "hostname-unresolved"
SEVERITY = Severity.WARNING
SOURCE = "Sun document 70062; Solaris 10 IP Services, Preventing Applications From Using Test Addresses"
TAGS = ("persistence",)


def check(ctx: RuleContext) -> Iterator[Union[Problem, Skip]]:
    for dc in ctx.server.domains:
        named = [
            (hf, e)
            for hf in dc.hostname_files
            for e in hf.entries
            if e.address is not None and addressing.ip(e.address.split("/", 1)[0]) is None
        ]
        if not named:
            continue
        if dc.hosts is None:
            yield Skip(
                reason=f"domain {dc.name}: /etc/hostname.* files use host names but /etc/hosts was not captured",
                missing=(os.path.join(dc.path, "etc", "hosts"),),
                domain=dc.name,
            )
            continue
        for hf, entry in named:
            if dc.hosts.resolve(entry.address) is not None:  # type: ignore[arg-type]
                continue
            group = next((e.group for e in hf.entries if e.group), None)
            yield Problem(
                message=(
                    f"in {dc.name}: '{entry.address}' in {os.path.basename(hf.source.file)} is not in "
                    f"/etc/hosts: at boot {hf.interface} gets no such address. Add it to /etc/inet/hosts "
                    f"or write the address"
                ),
                source=entry.source,
                domain=dc.name,
                group=group,
                object=entry.address,
                nodes=(NodeId.of_interface(dc.name, hf.interface),),
            )
