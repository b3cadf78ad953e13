"""A probe-based IPMP group has fewer probe targets than the site requires.

## What it checks
For every probe-based IPMP group (a member has a test address, or Solaris 11
transitive probing is on), the probe targets in.mpathd can pick: the host routes and
routers on its test subnets, or what `ipmpstat -t` shows in use. A group with fewer
than the option `minimum` (default 3) is reported. Without a routing table the check
is skipped for that domain.

## Why it breaks failover
in.mpathd declares a member failed when its targets stop answering. With two targets,
one router reboot and one host patched in the same window take every member down
together, although every path is healthy.

## Example
A routing table whose only targets on the test subnet are two host routes:
```
192.168.102.1        192.168.102.1        UGH       1        182 vnet0
192.168.102.2        192.168.102.2        UGH       1        180 vnet0
```

## Fix
Add persistent host routes to a third host on the test subnet that answers ICMP echo
(`route -p add -host 192.168.102.3 192.168.102.3 -static`).

## Source
Example site network standard, section 4: probe targets.
"""

from __future__ import annotations

from typing import Iterator, Union

from ipmplint.analysis.probing import probe_based, probing
from ipmplint.rule import Problem, RuleContext, Severity, Skip

from ._site import STANDARD

ID = "SITE001"
NAME = "too-few-probe-targets"
SEVERITY = Severity.WARNING
SOURCE = STANDARD
TAGS = ("probing",)
OPTIONS = {"minimum": 3}


def check(ctx: RuleContext) -> Iterator[Union[Problem, Skip]]:
    minimum = int(ctx.options.get("minimum", OPTIONS["minimum"]))
    for dc in ctx.server.domains:
        for group in dc.groups:
            if not probe_based(dc, group):
                continue
            found = probing(dc, group)
            if dc.routes is None and not found.in_use:
                yield Skip(f"group {group.name}: no routing table", ("netstat-rn.txt",), dc.name)
                continue
            targets = sorted(
                {str(t.address) for t in found.all_targets} | {t for row in found.in_use.values() for t in row}
            )
            if len(targets) < minimum:
                yield Problem(
                    message=(
                        f"group {group.name} in {dc.name} has {len(targets)} probe target(s) "
                        f"({', '.join(targets) or 'none'}); the site requires {minimum}"
                    ),
                    source=group.source,
                    domain=dc.name,
                    group=group.name,
                    object=group.name,
                )
