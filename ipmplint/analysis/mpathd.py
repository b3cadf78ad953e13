"""What in.mpathd reads from ``/etc/default/mpathd``, written down once: how it turns
``FAILURE_DETECTION_TIME`` into milliseconds, and which detection time applies to a
group. IPMP207 judges the setting; the simulation (ipmplint.simulation) says how long a
probe-based failover takes. Both read the value the same way, here.

- ``FAILURE_DETECTION_TIME`` (ms) is read like ``strtol(value, NULL, 0)``; a value that
  gives no number above 0 is rejected and the default, 10000 ms, used; a smaller one
  than 100 ms is raised to 100 ms (mpathd.dfl; in.mpathd(1M); the in.mpathd source as
  published in OpenSolaris/illumos).
- ``ipmpstat -g`` FDT (Solaris 11) is the time in force, which beats the file.
"""

from __future__ import annotations

import re
from typing import Optional

from ipmplint.model import DomainCapture, IpmpGroup

#: in.mpathd's default and minimum failure detection time (ms).
DEFAULT_FDT = 10000
MINIMUM_FDT = 100

#: What strtol(value, NULL, 0) reads: blanks, a sign, then hex, octal or decimal digits.
_STRTOL = re.compile(r"\s*([+-]?)(0[xX][0-9a-fA-F]+|0[0-7]*|[1-9][0-9]*)")


def strtol(text: str) -> tuple[int, str, bool]:
    """What C's ``strtol(text, NULL, 0)`` returns, the text after the number, and
    whether the number was read as octal."""
    m = _STRTOL.match(text)
    if m is None:
        return 0, text.strip(), False
    sign, digits = m.groups()
    if digits[:2].lower() == "0x":
        value, octal = int(digits, 16), False
    elif digits.startswith("0"):
        value, octal = int(digits, 8), len(digits) > 1
    else:
        value, octal = int(digits), False
    return (-value if sign == "-" else value), text[m.end() :].strip(), octal


def detection_time(dc: DomainCapture, group: IpmpGroup) -> tuple[int, str]:
    """The failure detection time in.mpathd uses for a group (ms), and where it comes
    from: ``ipmpstat -g`` FDT, else ``/etc/default/mpathd`` read as in.mpathd reads it,
    else in.mpathd's default."""
    if dc.ipmpstat is not None:
        row = next(
            (r for r in dc.ipmpstat.groups if group.name in (r.groupname, r.group) and r.fdt_ms is not None), None
        )
        if row is not None and row.fdt_ms is not None:
            return row.fdt_ms, "ipmpstat -g FDT"
    setting = dc.mpathd.get("FAILURE_DETECTION_TIME") if dc.mpathd is not None else None
    if setting is None:
        return DEFAULT_FDT, "in.mpathd's default"
    number = configured_fdt(setting.value)
    if number is None:
        return DEFAULT_FDT, f"in.mpathd's default (FAILURE_DETECTION_TIME={setting.value} is rejected)"
    return number, "/etc/default/mpathd FAILURE_DETECTION_TIME"


def configured_fdt(value: str) -> Optional[int]:
    """The time in.mpathd uses for a ``FAILURE_DETECTION_TIME`` value (ms), or None when it
    rejects the value and falls back to its default."""
    number, _, _ = strtol(value)
    return max(number, MINIMUM_FDT) if number > 0 else None
