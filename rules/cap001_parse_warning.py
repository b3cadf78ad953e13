"""A line (or a token) of a recognised capture that the model does not hold.

## What it checks
Every parse warning of every capture file becomes a finding at its file:line:col:
a line no grammar understood, a value that cannot be used (an anonymised address
such as `10.888.999.133`, a MAC written `0:xx:xx:xx:xx:xx`), an unknown column, a
file that could not be read.

## Why it breaks failover
It may not — but a verdict on a half-read capture is not a verdict. A gate must not
pass because the interface that breaks failover sat on a line ipmplint skipped.

## Example
```
bge2: flags=9040843<UP,BROADCAST,RUNNING,MULTICAST,DEPRECATED,IPv4,NOFAILOVER> mtu 1380 index 4
 inet 10.888.999.133 netmask fffffff0 broadcast 10.225.228.143
```
`ifconfig-a.txt:2:7: '10.888.999.133' is not a valid IPv4 address`

## Fix
Capture the command's output again, unedited (or as the collector writes it). If
the line is genuine output ipmplint should know, report it with the capture.

## Source
Batfish-style parse warnings; ipmplint's own contract (docs/captures.md): every line
of every recognised file is either taken into the model or reported as a parse
warning with file:line:col.
"""

from __future__ import annotations

from typing import Iterator

from ipmplint.rule import Problem, RuleContext, Severity

ID = "CAP001"
NAME = "parse-warning"
SEVERITY = Severity.WARNING
SOURCE = "ipmplint docs/captures.md (every line read or warned)"
TAGS = ("capture",)


def check(ctx: RuleContext) -> Iterator[Problem]:
    for warning in ctx.server.warnings:
        yield Problem(message=warning.message, source=warning.source)
