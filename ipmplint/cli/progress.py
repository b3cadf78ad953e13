"""A progress line on stderr for long runs: ``checked 120/1000 servers``, or ``checked
120 servers`` while the fleet is still being walked (its size is known at the end).

Shown only where a person watches: stderr is a terminal, ``--quiet`` was not given,
and ``TERM`` is not ``dumb``. It redraws one line in place (carriage return, then
"erase to end of line"), at most ``RATE`` times a second so a fast warm run does not
spend its time writing to the terminal, and erases itself when the run ends, so the
report that follows starts on a clean line. No dependency: a counter and a carriage
return are all it needs (tqdm or rich would each add an import for this one line).
"""

from __future__ import annotations

import os
import sys
import time
from typing import Callable, Optional, TextIO

#: Redraws per second at most.
RATE = 10


def wanted(stream: TextIO, quiet: bool) -> bool:
    """Whether a progress line belongs on ``stream``."""
    if quiet or os.environ.get("TERM") == "dumb":
        return False
    try:
        return stream.isatty()
    except (AttributeError, ValueError):
        return False


class Progress:
    """``checked N/TOTAL servers`` (``checked N servers`` when ``total`` is None: not
    known), redrawn in place; a no-op when not ``enabled`` or for one server."""

    def __init__(
        self,
        total: Optional[int],
        stream: Optional[TextIO] = None,
        enabled: bool = True,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self.total = total
        self.stream = stream or sys.stderr
        self.enabled = enabled and (total is None or total > 1)
        self.done = 0
        self._clock = clock
        self._last = float("-inf")
        self._shown = False

    def step(self) -> None:
        """One more server checked."""
        self.done += 1
        if not self.enabled or (self.total is None and self.done < 2):
            return
        now = self._clock()
        if now - self._last < 1 / RATE and (self.total is None or self.done < self.total):
            return
        self._last = now
        of = "" if self.total is None else f"/{self.total}"
        self.stream.write(f"\r\x1b[Kchecked {self.done}{of} servers")
        self.stream.flush()
        self._shown = True

    def close(self) -> None:
        """Erase the line, if one was drawn."""
        if self._shown:
            self.stream.write("\r\x1b[K")
            self.stream.flush()
            self._shown = False
