"""A file in a capture that is neither a known name nor recognisable by content.

## What it checks
Every file inside a capture root must be a capture ipmplint reads (by its name, an
alias of it, or the Oracle Explorer name). Anything else is listed here.

## Why it breaks failover
It does not by itself; but a capture the administrator meant to be checked (an
`ifconfig -a` saved as `net.txt`) would otherwise be silently ignored, and the rules
that needed it would not run.

## Example
`ldg1/network-notes.txt` in a capture folder.

## Fix
Rename the file to its canonical name (`ifconfig-a.txt`, `netstat-rn.txt`,
`etc/hostname.vnet0`, ... — see docs/captures.md), or move it out of the capture folder.

## Source
ipmplint's capture layout (docs/captures.md): a file that is neither a known name
nor recognisable by content is reported as an unrecognised capture, never silently
skipped.
"""

from __future__ import annotations

from typing import Iterator

from ipmplint.model import Source
from ipmplint.rule import Problem, RuleContext, Severity

ID = "CAP002"
NAME = "unrecognised-file"
SEVERITY = Severity.WARNING
SOURCE = "ipmplint docs/captures.md (layout)"
TAGS = ("capture",)


def check(ctx: RuleContext) -> Iterator[Problem]:
    for path in ctx.server.unrecognised:
        yield Problem(
            message="neither its name nor its first lines are those of a capture ipmplint reads; "
            "rename it to a canonical capture name (docs/captures.md) or move it out of the "
            "capture folder",
            # No object: the fingerprint then takes the file relative to its capture
            # root, so it does not change with where the captures are checked out.
            source=Source(path),
        )
