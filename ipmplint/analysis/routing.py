"""Whether a domain forwards IPv4: the one question IPMP104 and IPMP502 share.

A service domain that routes its guests' traffic (the seed's Figure 7-5: a vsw with no
``net-dev``, plumbed, and "the service domain itself to act as an IP router") must have
IPv4 forwarding on. Two captures say so:

- ``routeadm`` (Solaris 10 and 11): the ``IPv4 forwarding`` row, its persistent
  ("Current Configuration") and running ("Current System State") states;
- ``ipadm show-prop`` (Solaris 11): the ``ipv4 forwarding`` property, PERSISTENT and
  CURRENT.

The running state is what routes packets now, so it wins; the persistent one is used
only when the running one is not stated. Neither captured, or neither stated (``default``,
``--``): None, and the rule asking does not guess.
"""

from __future__ import annotations

import os
from typing import Optional

import attrs

from ipmplint.findings import Skip
from ipmplint.model import DomainCapture, Source

#: The captures that can answer, by canonical name (docs/captures.md), for a skip message.
FORWARDING_FILES = ("routeadm.txt", "ipadm-show-prop.txt")


@attrs.frozen
class Forwarding:
    """IPv4 forwarding of one domain, and the capture line that says it."""

    enabled: bool
    source: Source
    #: Which capture and which column: ``routeadm, current system state``.
    how: str

    def __str__(self) -> str:
        return f"IPv4 forwarding {'enabled' if self.enabled else 'disabled'} ({self.how})"


def ipv4_forwarding(dc: DomainCapture) -> Optional[Forwarding]:
    """The domain's IPv4 forwarding from ``routeadm``, else ``ipadm show-prop``; None when
    neither was captured or neither states it."""
    for state, what in ((dc.routeadm, "routeadm"), (dc.ipadm_prop, "ipadm show-prop")):
        option = state.option("IPv4 forwarding") if state is not None else None
        if option is None:
            continue
        if option.current is not None:
            return Forwarding(option.current, option.source, f"{what}, current state")
        if option.configured is not None:
            return Forwarding(option.configured, option.source, f"{what}, persistent setting")
    return None


def forwarding_unknown(dc: DomainCapture, why: str) -> Skip:
    """The skip of a rule that needs ``dc``'s IPv4 forwarding and found no capture of it:
    ``why`` says what made it matter; the missing file named is ``routeadm.txt``."""
    return Skip(
        reason=f"{why}, but whether {dc.name} forwards IPv4 was not captured",
        missing=(os.path.join(dc.path, "routeadm.txt"),),
        domain=dc.name,
    )
