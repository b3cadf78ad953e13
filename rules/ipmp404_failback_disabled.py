"""FAILBACK=no: a repaired interface stays INACTIVE until another failure.

## What it checks
In each domain with an IPMP group, in.mpathd's FAILBACK setting: `FAILBACK=` in
`/etc/default/mpathd` (value read as in.mpathd does: case-insensitive, by its `yes`/
`no` prefix) — on Solaris 11 too: its guides still configure FAILBACK in that file,
and `svc:/network/ipmp` has no failback property. `no` is reported (as information: it is a legitimate choice).

## Why it breaks failover
It does not stop the next failover, but after a repair the data addresses stay where
they failed over to, and the repaired interface stays INACTIVE: the load is no longer
spread as designed, and a standby keeps carrying production traffic until someone
notices.

## Example
```
FAILBACK=no
```

## Fix
If failback is wanted, `FAILBACK=yes` in `/etc/default/mpathd` and `pkill -HUP
in.mpathd` (Solaris 11: `svccfg -s svc:/network/ipmp setprop config/failback=true`,
then `svcadm refresh network/ipmp`).

## Source
mpathd.dfl comments ("Failback is enabled by default. To disable failback turn off
this option"); Solaris 10 System Administration Guide: IP Services, "How to Configure
the /etc/default/mpathd File"; in.mpathd(1M).
"""

from __future__ import annotations

from typing import Iterator, Optional

from ipmplint.model import DomainCapture, Setting
from ipmplint.rule import Problem, RuleContext, Severity
from ipmplint.topology import NodeId

ID = "IPMP404"
NAME = "failback-disabled"
SEVERITY = Severity.INFO
SOURCE = "mpathd.dfl; Solaris 10 IP Services, How to Configure the /etc/default/mpathd File; in.mpathd(1M)"
TAGS = ("failure-detection",)


def failback_off(dc: DomainCapture) -> Optional[Setting]:
    """The setting that turns failback off, if one does."""
    if dc.mpathd is not None:
        setting = dc.mpathd.get("FAILBACK")
        if setting is not None and setting.value.strip().lower().startswith("no"):
            return setting
    return None


def check(ctx: RuleContext) -> Iterator[Problem]:
    for dc in ctx.server.domains:
        if not dc.groups:
            continue
        setting = failback_off(dc)
        if setting is None:
            continue
        yield Problem(
            message=(
                f"in {dc.name}: failback is off ({setting.key} {setting.value}): after a repair the "
                f"interface stays INACTIVE and the data addresses stay where they failed over to"
            ),
            source=setting.source,
            domain=dc.name,
            object=setting.key,
            nodes=(NodeId.of_domain(dc.name),),
        )
