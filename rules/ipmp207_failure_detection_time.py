"""in.mpathd's failure detection time is out of range, or its settings file has an error.

## What it checks
In every domain with an IPMP group, `/etc/default/mpathd` as in.mpathd reads it:

- `FAILURE_DETECTION_TIME` (milliseconds) is read like `strtol(value, NULL, 0)`: a
  leading `0x` is hex, a leading `0` octal, and reading stops at the first character
  that is not a digit. A value that gives no number above 0 is invalid (in.mpathd logs
  "Invalid failure detection time" and uses its default, 10000 ms); text after the
  number (`10s`, `10000ms`) and an octal value (`010000` is 4096 ms) are reported since
  they do not mean what they seem to. The time in.mpathd then uses must lie between
  the options `floor-ms` (default 100: in.mpathd's own minimum, to which it raises any
  smaller value) and `ceiling-ms` (default 30000).
- `FAILBACK` and `TRACK_INTERFACES_ONLY_WITH_GROUPS` take `yes` or `no`. The Solaris 10
  in.mpathd compares only the first letters (`yes…`, `no…`, any case); the Solaris 11
  one the whole value, so there anything else (`yes please`) is reported as well. A
  value that is neither is ignored by in.mpathd, which keeps the default.
- Any other name is unknown: in.mpathd reads only these three.

`FAILBACK=no` itself is IPMP404's. When a domain has groups but no
`etc/default/mpathd` was captured, the check is skipped for it.

Solaris 10 and 11 alike: the Solaris 11.2 and 11.3 guides still configure these three
parameters in `/etc/default/mpathd`, and `svc:/network/ipmp` documents only
`config/transitive-probing`; no SMF property for the failure detection time was found,
so `svcprop network/ipmp` is not read here (a Solaris 11 property was looked for and not found).

## Why it breaks failover
Below 100 ms in.mpathd probes every ~14 ms and takes a busy switch or a slow target for
a failure: members fail and fail back at random. A long time leaves the data addresses
on a dead path for that long. A value in.mpathd cannot read is silently replaced by
its default, so the tuning the administrator believes in is not in effect.

## Example
```
FAILURE_DETECTION_TIME=10
```
(meant as 10 seconds, as some guides put it: in.mpathd reads 10 ms, and uses 100 ms).

## Fix
Write the time in milliseconds, in decimal, between 100 and the ceiling
(`FAILURE_DETECTION_TIME=10000` is the default), `yes` or `no` for the two switches,
and then `pkill -HUP in.mpathd`.

## Source
mpathd.dfl, the shipped `/etc/default/mpathd` ("Time taken by mpathd to detect a NIC
failure in ms. The minimum time that can be specified is 100 ms."); in.mpathd(1M); the
in.mpathd source as published in OpenSolaris/illumos (`strtol(value, NULL, 0)`, the
"Invalid failure detection time" and "Too small failure detection time" messages, and
the FAILBACK comparisons); Oracle Solaris 11.3, "How to Configure the Behavior of the
IPMP Daemon", https://docs.oracle.com/cd/E53394_01/html/E54741/gfiev.html
"""

from __future__ import annotations

import os
from typing import Iterator, Optional, Union

from ipmplint.analysis import osrelease
from ipmplint.analysis.mpathd import DEFAULT_FDT, MINIMUM_FDT, strtol
from ipmplint.model import Setting
from ipmplint.rule import Problem, RuleContext, Severity, Skip
from ipmplint.topology import NodeId

ID = "IPMP207"
NAME = "failure-detection-time"
SEVERITY = Severity.WARNING
SOURCE = "mpathd.dfl; in.mpathd(1M); Oracle Solaris 11.3, How to Configure the Behavior of the IPMP Daemon"
TAGS = ("failure-detection", "mpathd")
OPTIONS = {"floor-ms": 100, "ceiling-ms": 30000}

SWITCHES = ("FAILBACK", "TRACK_INTERFACES_ONLY_WITH_GROUPS")


def check(ctx: RuleContext) -> Iterator[Union[Problem, Skip]]:
    floor, ceiling = ctx.options["floor-ms"], ctx.options["ceiling-ms"]
    for dc in ctx.server.domains:
        if not dc.groups:
            continue
        if dc.mpathd is None:
            yield Skip(
                reason=f"domain {dc.name} has IPMP groups but its in.mpathd settings were not captured",
                missing=(os.path.join(dc.path, "etc", "default", "mpathd"),),
                domain=dc.name,
            )
            continue
        solaris11 = osrelease.solaris(dc).version == 11
        for setting in dc.mpathd.settings:
            key = setting.key.upper()
            if key == "FAILURE_DETECTION_TIME":
                why = _fdt_problem(setting.value, floor, ceiling)
            elif key in SWITCHES:
                why = _switch_problem(setting.value, solaris11)
            else:
                why = (
                    "in.mpathd knows no such setting (only FAILURE_DETECTION_TIME, FAILBACK and "
                    "TRACK_INTERFACES_ONLY_WITH_GROUPS) and ignores it"
                )
            if why is None:
                continue
            yield _problem(dc.name, setting, why)


def _fdt_problem(value: str, floor: int, ceiling: int) -> Optional[str]:
    number, rest, octal = strtol(value)
    if number <= 0:
        return (
            f"no time above 0: in.mpathd rejects it and uses its default of {DEFAULT_FDT} ms. Write the "
            f"time in milliseconds"
        )
    used = max(number, MINIMUM_FDT)
    notes = []
    if rest:
        notes.append(f"in.mpathd reads only the number {number} and ignores '{rest}'")
    if octal:
        notes.append(f"the leading 0 makes it octal: {number} ms")
    if number < MINIMUM_FDT:
        notes.append(f"{number} ms is below in.mpathd's minimum, so it uses {MINIMUM_FDT} ms")
    if used < floor:
        notes.append(f"{used} ms is below the floor of {floor} ms: a busy link or target is taken for a failure")
    elif used > ceiling:
        notes.append(
            f"{used} ms is above the ceiling of {ceiling} ms: the data addresses stay that long on a failed path"
        )
    if not notes:
        return None
    return f"{'; '.join(notes)}. Write the time in decimal milliseconds"


def _switch_problem(value: str, solaris11: bool) -> Optional[str]:
    word = value.strip().lower()
    if word in ("yes", "no"):
        return None
    if word.startswith(("yes", "no")):
        if not solaris11:
            return None  # the Solaris 10 in.mpathd compares the first letters only
        return (
            "not yes or no: the Solaris 11 in.mpathd compares the whole value, rejects it and keeps the "
            "default. Write yes or no"
        )
    return "neither yes nor no: in.mpathd rejects it and keeps the default. Write yes or no"


def _problem(domain: str, setting: Setting, why: str) -> Problem:
    return Problem(
        message=f"in {domain}, /etc/default/mpathd has {setting.key}={setting.value}: {why}",
        source=setting.source,
        domain=domain,
        object=setting.key,
        nodes=(NodeId.of_domain(domain),),
    )
