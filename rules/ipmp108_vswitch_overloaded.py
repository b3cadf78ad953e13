"""A virtual switch serves more vnets than the service domain is known to bear.

## What it checks
For every vsw in `ldm list -l`, the vnets of all domains bound to it (their SERVICE
column). More than `max-vnets` (default 32) is reported at the vsw's row.

Stated in the Logical Domains 1.2 Release Notes; no later release note that lifts the
limit was found, so it is checked for every release. A site that has verified a higher
number on its release raises `max-vnets` (`[options.IPMP108] max-vnets = 64`).

## Why it breaks failover
Every guest whose vnet is on that vsw depends on one service domain that the release
notes say may hang hard under that load: a hang takes every one of those vnets down
at once, and IPMP groups that have a second path through the same service domain lose
it too.

## Example
`primary-vsw0@primary` with 33 vnets bound to it across the guests.

## Fix
Spread the vnets over several vsws, each on its own network adapter (the release notes:
"create 4 vsw services, each serving 32 virtual net (vnet) instances"), and give the
service domain 4 to 8 virtual CPUs.

## Source
Logical Domains 1.2 Release Notes, "Booting a Large Number of Domains" ("Do not have
more than 32 vnet instances per vsw service because having more than that tied to a
single vsw could cause hard hangs in the service domain"),
https://docs.oracle.com/cd/E19227-01/820-7254/auto10/index.html
"""

from __future__ import annotations

from typing import Iterator

from ipmplint.rule import Problem, RuleContext, Severity
from ipmplint.topology import NodeId

ID = "IPMP108"
NAME = "vswitch-overloaded"
SEVERITY = Severity.INFO
SOURCE = "LDoms 1.2 Release Notes, Booting a Large Number of Domains"
TAGS = ("topology", "capacity")
REQUIRES = ("ldm-bindings",)
OPTIONS = {"max-vnets": 32}
#: Its name before every option was kebab-case, still read (ipmplint.engine.config).
OLD_OPTION_NAMES = {"max_vnets": "max-vnets"}


def check(ctx: RuleContext) -> Iterator[Problem]:
    limit = ctx.options["max-vnets"]
    assert ctx.server.ldm is not None
    for vsw in ctx.server.ldm.vswitches:
        vnets = ctx.topology.bound_vnets(vsw)
        if len(vnets) <= limit:
            continue
        domains = sorted({v.domain for v in vnets})
        yield Problem(
            message=(
                f"vsw {vsw.name}@{vsw.domain} serves {len(vnets)} vnets (of {len(domains)} domain"
                f"{'s' if len(domains) != 1 else ''}), more than {limit}: the LDoms 1.2 release notes warn "
                f"of hard hangs of the service domain. Spread the vnets over more vsws, each on its own NIC"
            ),
            source=vsw.source,
            domain=vsw.domain,
            object=f"{vsw.name}@{vsw.domain}",
            nodes=(NodeId.of_vsw(vsw.domain, vsw.name),),
        )
