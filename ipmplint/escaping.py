"""Text from captures, file names and ldm output made safe for where it is shown.

A capture, a folder name or an ``ldm`` domain name is written by someone else: its
bytes must not drive the terminal (an escape sequence that sets the title or clears
the screen), split a line (a newline in a file name makes a table row or a log line
of its own), start a GitHub workflow command (a stderr line beginning with ``::`` is
read by the runner as one, whatever the step meant), or make XML ill-formed (control
bytes are not allowed in XML 1.0 at all). Every boundary that shows such text goes
through one of these functions; none of them can fail, whatever the text holds
(surrogate-escaped bytes of a non-UTF-8 file name included).
"""

from __future__ import annotations

import re

#: C0 controls but tab, DEL, C1 controls, and lone surrogates (``surrogateescape``d bytes).
_UNPRINTABLE = re.compile(r"[\x00-\x08\x0a-\x1f\x7f-\x9f\ud800-\udfff]")
_UNPRINTABLE_KEEP_NEWLINES = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff]")
#: The same for one line of a table or a log: a tab is shown too.
_UNPRINTABLE_LINE = re.compile(r"[\x00-\x1f\x7f-\x9f\ud800-\udfff]")
#: What XML 1.0 cannot hold at all (tab, newline and carriage return it can).


def _shown(match: re.Match[str]) -> str:
    char = match.group(0)
    code = ord(char)
    if 0xDC80 <= code <= 0xDCFF:  # a byte that was not UTF-8, as surrogateescape keeps it
        return f"\\x{code - 0xDC00:02x}"
    return f"\\x{code:02x}" if code <= 0xFF else f"\\u{code:04x}"


def printable(text: str, newlines: bool = False) -> str:
    """``text`` with every control character shown as ``\\x1b`` (newline included, but
    with ``newlines``, for a format that escapes them itself): inert on any terminal.
    Printable text, accents and tabs are unchanged."""
    pattern = _UNPRINTABLE_KEEP_NEWLINES if newlines else _UNPRINTABLE
    return pattern.sub(_shown, text) if pattern.search(text) else text


def name(text: str) -> str:
    """A file or folder name for a terminal: as it is when it is plain, else quoted with
    its controls shown (``'srv\\x1b]0;x\\x07'``), as ``ls`` quotes such names: the
    reader sees that the name itself is odd."""
    shown = printable(text)
    return shown if shown == text and "'" not in text else "'" + shown.replace("'", "\\'") + "'"


def line(text: str) -> str:
    """``text`` as one log line: controls (tab and newline too) shown escaped, and never
    starting with ``::``, even after blanks, which a GitHub Actions runner would take for
    a workflow command (such a line gets ``| `` in front)."""
    shown = _UNPRINTABLE_LINE.sub(_shown, text) if _UNPRINTABLE_LINE.search(text) else text
    return "| " + shown if shown.lstrip().startswith("::") else shown


def lines(text: str) -> str:
    """Several lines (a multi-line message, a table): each one made safe by ``line``."""
    return "\n".join(line(part) for part in text.split("\n"))


def utf8(text: str) -> str:
    """A string that encodes to UTF-8 whatever it holds: a file name's bytes that were
    not UTF-8 (kept as lone surrogates by ``surrogateescape``) shown as ``\\xff``."""
    try:
        text.encode("utf-8")
        return text
    except UnicodeEncodeError:
        return re.sub(r"[\ud800-\udfff]", _shown, text)
