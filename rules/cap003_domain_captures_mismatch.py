"""A domain in `ldm` without a folder of captures, or a folder named like no domain.

## What it checks
In a capture root with an `ldm list -l`, every domain ldm lists should have a folder
of its own captures named exactly as ldm names it, and every folder should be a domain
ldm lists.

## Why it breaks failover
A guest whose captures are missing is not judged at all; a folder whose name differs
from the ldm domain name (`LDG1` for `ldg1`) cannot be joined to its vnets, so the
topology rules skip it.

## Example
`ldm list -l` lists `primary` and `ldg1`; the capture root holds only `primary/`.

## Fix
Capture the missing domain (the collector does it per domain), or rename the folder
to the domain's ldm name.

## Source
ipmplint's capture layout (docs/captures.md): one folder per domain, named exactly as
`ldm` names it.
"""

from __future__ import annotations

from typing import Iterator

from ipmplint.model import Source
from ipmplint.rule import Problem, RuleContext, Severity

ID = "CAP003"
NAME = "domain-captures-mismatch"
SEVERITY = Severity.INFO
SOURCE = "ipmplint docs/captures.md (layout)"
TAGS = ("capture",)
REQUIRES = ("ldm-domains",)


def check(ctx: RuleContext) -> Iterator[Problem]:
    server = ctx.server
    listing = server.domain_listing
    assert listing is not None
    folders = {d.name for d in server.domains}
    for domain in listing.domains:
        if domain.name not in folders:
            yield Problem(
                message=f"domain {domain.name} is in ldm but has no folder of captures; it is not checked",
                source=domain.source,
                domain=domain.name,
                object=domain.name,
            )
    listed = {d.name for d in listing.domains}
    for dc in server.domains:
        if dc.name not in listed:
            yield Problem(
                message=f"folder {dc.name} is named like no domain in ldm; its interfaces cannot be "
                f"joined to vnets (names must match ldm exactly)",
                source=Source(dc.path),
                domain=dc.name,
                object=dc.name,
            )
