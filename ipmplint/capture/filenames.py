"""Which capture a file holds, judged from its name (docs/captures.md, "Layouts").

Names are matched case-insensitively, ``.txt``/``.out``/``.log`` endings are optional,
and ``_``, ``-`` and space are interchangeable, so ``LDM_list_-l.out`` is
``ldm-list-l.txt``. The names themselves are registered with their kinds in
``kinds.py``, which also sniffs content for files whose names say nothing; this module
only normalises names and reads ``hostname.<if>``.
"""

from __future__ import annotations

import functools
import re
from typing import Optional

from ipmplint.capture.kinds import ALIASES, DOMAIN_KINDS, SERVER_KINDS  # noqa: F401  (re-exported)

_ENDINGS = (".txt", ".out", ".log")
_HOSTNAME = re.compile(r"^hostname(6)?\.(?P<if>[A-Za-z][\w.-]*?\d+(?::\d+)?)$")


@functools.lru_cache(maxsize=4096)  # a fleet repeats the same few names thousands of times
def normalise(name: str) -> str:
    """``LDM_list_-l.out`` → ``ldm-list-l``: the form aliases are matched in."""
    lowered = name.lower()
    for ending in _ENDINGS:
        if lowered.endswith(ending):
            lowered = lowered[: -len(ending)]
            break
    lowered = re.sub(r"[_\s-]+", "-", lowered)
    return lowered.strip("-")


@functools.lru_cache(maxsize=4096)
def kind_of(name: str) -> Optional[str]:
    """The capture kind a file name stands for, or None when the name says nothing."""
    if hostname_interface(name) is not None:
        return "hostname"
    return ALIASES.get(normalise(name))


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
