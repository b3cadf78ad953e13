"""Where each fact was read, and what became of every line read.

``Source`` is the location a finding points at; ``ParseWarning`` keeps a line the model
does not hold (surfaced as CAP001); ``LineAccount`` proves every line of a recognised
file was consumed, skipped, warned or blank.
"""

from __future__ import annotations

import enum

import attrs


@attrs.frozen(order=True)
class Source:
    """Where a fact was read: a capture file (as the user named it), 1-based line and column."""

    file: str
    line: int = 0
    col: int = 1

    def __str__(self) -> str:
        return f"{self.file}:{self.line}:{self.col}" if self.line else self.file


@attrs.frozen
class ParseWarning:
    """A line (or a token of one) of a recognised capture that the model does not hold.

    Surfaced as CAP001 findings so a half-read capture cannot pass a gate silently.
    """

    source: Source
    message: str
    text: str = ""


class LineStatus(enum.Enum):
    """The fate of each input line; the four add up to the file's line count."""

    CONSUMED = "consumed"
    SKIPPED = "skipped"
    WARNED = "warned"
    BLANK = "blank"


@attrs.frozen
class LineAccount:
    """Per-file line accounting: consumed + skipped + warned + blank == total."""

    file: str
    kind: str
    total: int
    consumed: int
    skipped: int
    warned: int
    blank: int

    @property
    def balanced(self) -> bool:
        return self.consumed + self.skipped + self.warned + self.blank == self.total
