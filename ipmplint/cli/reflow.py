"""Markdown-ish text refilled to a width: how ``ipmplint rule`` fits a terminal.

Rule documentation is written once, as Markdown (it also makes docs/rules.md and the
SARIF help), with lines of any length. On a terminal it is refilled: each paragraph
and each list item is wrapped to the width, with list items' continuation lines
indented under their text; headings, fenced code blocks (examples of real output,
whose columns matter), table rows and blank lines are kept exactly; a word longer than
the width (a URL) is never broken.
"""

from __future__ import annotations

import re
import textwrap

_ITEM = re.compile(r"^(\s*)([-*]|\d+\.)\s+")


def reflow(text: str, width: int = 80) -> str:
    """``text`` with its prose refilled to ``width`` columns."""
    out: list[str] = []
    paragraph: list[str] = []
    fenced = False

    def flush() -> None:
        if paragraph:
            out.extend(_fill(paragraph, width))
            paragraph.clear()

    for line in text.splitlines():
        stripped = line.strip()
        if stripped.startswith("```"):
            flush()
            fenced = not fenced
            out.append(line)
        elif fenced or not stripped or stripped.startswith(("#", "|")):
            flush()
            out.append(line)
        elif _ITEM.match(line):
            flush()
            paragraph.append(line)
        else:
            paragraph.append(line)
    flush()
    return "\n".join(out) + ("\n" if text.endswith("\n") else "")


def _fill(lines: list[str], width: int) -> list[str]:
    first = lines[0]
    item = _ITEM.match(first)
    lead = first[: len(first) - len(first.lstrip())]
    rest = " " * len(item.group(0)) if item else lead
    # A list item keeps its marker as written (the first line's own indent is in it).
    words = (first.rstrip() if item else lead + first.strip()) + "".join(" " + line.strip() for line in lines[1:])
    return textwrap.wrap(
        words,
        max(width, 20),
        subsequent_indent=rest,
        break_long_words=False,
        break_on_hyphens=False,
        drop_whitespace=True,
    )
