"""Which capture a file holds, judged from its name (CAPTURES.md "Layout").

Names are matched case-insensitively, ``.txt``/``.out``/``.log`` endings are optional,
and ``_``, ``-`` and space are interchangeable, so ``LDM_list_-l.out`` is
``ldm-list-l.txt``. Content sniffing (for files whose names say nothing) lives in
``sniff.py``; this module knows names only.
"""

from __future__ import annotations

import re
from typing import Optional

#: Captures of the whole server (run in the control domain).
SERVER_KINDS = frozenset({"ldm-list-l"})

#: Captures of one domain (or one bare-metal host).
DOMAIN_KINDS = frozenset({"ifconfig-a", "netstat-rn", "hostname"})

#: normalised name → kind. Every alias a capture is known by.
_ALIASES: dict[str, str] = {
    "ldm-list-l": "ldm-list-l",
    "ldm-ls-l": "ldm-list-l",
    "ldm-list-domain-l": "ldm-list-l",
    "ldm-list-bindings": "ldm-list-l",
    "ldm-ls-bindings": "ldm-list-l",
    "ldm-list-bindings-domain": "ldm-list-l",
    "ifconfig-a": "ifconfig-a",
    "netstat-rn": "netstat-rn",
    "netstat-nr": "netstat-rn",
    "netstat-rnv": "netstat-rn",
    "netstat-nrv": "netstat-rn",
}

_ENDINGS = (".txt", ".out", ".log")
_HOSTNAME = re.compile(r"^hostname(6)?\.(?P<if>[A-Za-z][\w.-]*?\d+(?::\d+)?)$")


def normalise(name: str) -> str:
    """``LDM_list_-l.out`` → ``ldm-list-l``: the form aliases are matched in."""
    lowered = name.lower()
    for ending in _ENDINGS:
        if lowered.endswith(ending):
            lowered = lowered[: -len(ending)]
            break
    lowered = re.sub(r"[_\s-]+", "-", lowered)
    return lowered.strip("-")


def kind_of(name: str) -> Optional[str]:
    """The capture kind a file name stands for, or None when the name says nothing."""
    if hostname_interface(name) is not None:
        return "hostname"
    return _ALIASES.get(normalise(name))


def hostname_interface(name: str) -> Optional[tuple[str, str]]:
    """``hostname.bge0`` → (``bge0``, ``inet``); ``hostname6.vnet1`` → (``vnet1``, ``inet6``)."""
    base = name
    for ending in _ENDINGS:
        if base.lower().endswith(ending):
            base = base[: -len(ending)]
            break
    m = _HOSTNAME.match(base)
    if not m:
        return None
    return m.group("if"), "inet6" if m.group(1) else "inet"
