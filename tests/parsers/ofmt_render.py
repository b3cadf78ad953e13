"""Print rows the way libofmt does (illumos ``usr/src/lib/libinetutil/common/ofmt.c``),
for the render modules of ``ipadm``, ``ipmpstat`` and ``dladm``.

``table`` is the human-friendly form: each value left-aligned to its field's width, a
longer value printed whole with one blank after it and the overflow given back by the
fields after it, an empty value printed ``--``, the last field bare, and the header
printed again every 24 lines (``ws_row`` when the output is not a terminal).
``wrapped`` adds OFMT_WRAP (comma lists broken onto further lines). ``parseable`` is
the ``-p``/``-P``/``-c`` form: ``:`` between fields, ``\\`` before a ``:`` or ``\\`` in a
value when there is more than one field. ``collapsed`` is a copy whose spacing was
squeezed to one blank (a mail or a wiki page).
"""

from __future__ import annotations

from typing import Optional, Sequence

Field = tuple[str, int]  # header word, width

#: Lines between headers when stdout is not a terminal (ofmt_update_winsize).
WS_ROW = 24


def _line(fields: Sequence[Field], values: Sequence[str], undef: bool = True) -> str:
    out: list[str] = []
    overflow = 0
    for i, ((_, width), value) in enumerate(zip(fields, values)):
        if not value and undef:
            value = "--"
        if i + 1 == len(fields):
            out.append(value)
            continue
        if len(value) + overflow >= width:
            overflow += len(value) - width + 1
            out.append(value + " ")
            continue
        if overflow > 0:
            compress = min(overflow, width - len(value))
            overflow -= compress
            width -= compress
        out.append(value.ljust(width))
    return "".join(out).rstrip()


def _fit(pieces: list[str], start: int, width: int) -> tuple[str, int]:
    """ofmt_fit_width: as many comma pieces from ``start`` as fit ``width``."""
    value = ""
    i = start
    while i < len(pieces):
        value += pieces[i] + ","
        if i + 1 == len(pieces):
            value, nextlen = value[:-1], 0
        else:
            nextlen = len(pieces[i + 1])
        i += 1
        if len(value) + nextlen > width:
            break
    return value, i


def table(fields: Sequence[Field], rows: Sequence[Sequence[str]], wrap: bool = False) -> list[str]:
    """The human-friendly lines, header included (and repeated as libofmt does)."""
    header = _line(fields, [name for name, _ in fields])
    out: list[str] = []
    nrow = 0
    for row in rows:
        if nrow % WS_ROW == 0:
            out.append(header)
            nrow += 1
        nrow += 1
        if not wrap:
            out.append(_line(fields, row))
            continue
        pieces = [v.split(",") if v else [] for v in row]
        at = [0] * len(row)
        first = []
        for j, (_, width) in enumerate(fields):
            value, at[j] = _fit(pieces[j], 0, width)
            first.append(value)
        out.append(_line(fields, first))
        while any(at[j] < len(pieces[j]) for j in range(len(row))):
            more = []
            for j, (_, width) in enumerate(fields):
                value, at[j] = _fit(pieces[j], at[j], width)
                more.append(value)
            out.append(_line(fields, more, undef=False))
    if not rows:
        out.append(header)
    return out


def parseable(rows: Sequence[Sequence[str]]) -> list[str]:
    """The machine-parseable lines."""

    def escape(value: str, n: int) -> str:
        return value if n == 1 else value.replace("\\", "\\\\").replace(":", "\\:")

    return [":".join(escape(v, len(row)) for v in row) for row in rows]


def collapsed(lines: Sequence[str]) -> list[str]:
    return [" ".join(line.split()) for line in lines]


def indented(lines: Sequence[str], indent: Optional[str]) -> list[str]:
    """A paste indented as a whole (a web page's code block)."""
    return [indent + line if line and indent else line for line in lines]
