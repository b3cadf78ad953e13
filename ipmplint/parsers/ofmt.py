"""What ``ipadm``, ``ipmpstat`` and ``dladm`` share on Solaris 11: they print through
libofmt, so one reader serves the three (grammar ``grammars/ofmt.lark``).

Facts about libofmt that shape this module, from its source
(illumos ``usr/src/lib/libinetutil/common/ofmt.c``, the library Solaris 11 ships):

- A header of upper-case field names, then one row per object. Each field is printed
  ``%-*s`` to its width; a longer value is printed whole with one blank after it and
  the next fields give the overflow back, so cells are always separated by blanks:
  rows are split on blanks and mapped to the header's words, never to fixed columns.
  Only a value that holds blanks itself (``ipmpstat -g`` INTERFACES, ``ipadm show-if``
  OVER, ...) needs care: such a column takes the words a row has beyond the header's
  count (``Table.lists``).
- An empty value is printed ``--``; a value the command could not get is ``?`` (and a
  message goes to stderr).
- The header is printed again every ``ws_row`` rows, 24 when the output is not a
  terminal (a file, a pipe): a long capture holds it several times.
- ``OFMT_WRAP`` (``ipadm show-prop``) breaks a long comma list at commas onto further
  lines, with blanks under the other columns.
- Machine-parseable output (``ipmpstat -P``, ``ipadm show-if -p``, ``ipadm show-prop
  -c``, ``dladm -p``) requires ``-o field,...``: no header, fields separated by ``:``,
  an empty value empty, and when more than one field is asked for, a ``:`` or ``\\``
  inside a value is escaped with ``\\`` (ipmpstat(1M), "Output Format",
  https://docs.oracle.com/cd/E86824_01/html/E54764/ipmpstat-1m.html). Only the echoed
  command names the fields, so parseable lines without one are warned, never guessed.

The transformer here walks the grammar's commands and tables in order; each command
module says which tables it knows (``Table``) and turns a row's cells into its model
objects (``OfmtTransformer.read``).

Why over 400 lines: ``OfmtTransformer`` is the one reader of libofmt's output for three
commands (ipadm, ipmpstat, dladm): header, rows, parseable ``-o`` forms and their
warnings are one state machine, and each command's module holds only its columns.
"""

from __future__ import annotations

import abc
import functools
import re
from typing import Any, Mapping, Optional

import attrs

from ipmplint.parsers.base import CaptureTransformer, ParseContext, first_column, tokens_with_columns
from ipmplint.parsers.tokens import Token

#: What libofmt prints for an empty value and for one it could not get.
EMPTY = "--"
UNKNOWN = "?"

#: Shell words that end the command (a pipe, a redirection, the next command).
_COMMAND_END = re.compile(r"^(?:\||;|&&|\|\||[0-9]*>.*|>.*|<.*)$")

#: A bare operand that is a list of field names (``groupname,fdt,interfaces``).
_FIELD_LIST = re.compile(r"^[A-Za-z][\w-]*(?:,[A-Za-z][\w-]*)*$")

_WORD = re.compile(r"\S+")
_SUBCOMMAND = re.compile(r"^[a-z][a-z-]*$")
#: Two blanks or more inside a line: table cells, never parseable fields.
_GAP = re.compile(r"[ \t]{2,}")
#: What separates the names of a list cell: blanks (libofmt lists) or commas (dladm OVER).
_NAME_SEPARATORS = re.compile(r"[\s,]+")


@attrs.frozen
class Cell:
    """One value of a row: its text (``""`` for an empty value), its 1-based column, and
    the header word (or ``-o`` field) it stands under, for messages."""

    text: str
    col: int
    column: str = ""


@attrs.frozen
class Syntax:
    """The options of one subcommand that matter here: the short options that take a
    value (getopt's ``o:``) and the letter that asks for parseable output."""

    with_value: str = "o"
    parseable: str = "p"


@attrs.frozen
class Command:
    """An echoed ``ipadm``/``ipmpstat``/``dladm`` command line, as far as it tells how
    the output below it is laid out."""

    program: str
    subcommand: str
    flags: frozenset[str]
    #: The ``-o`` fields in upper case (header words); None without ``-o`` or with ``all``.
    fields: Optional[tuple[str, ...]]
    #: The 1-based column of the field list in the prompt line (for warnings).
    fields_col: int
    parseable: bool


@functools.cache
def _program(program: str) -> re.Pattern[str]:
    """Where a prompt line names ``program`` (a path before it allowed)."""
    return re.compile(rf"(?<![\w.-])(?:[\w./-]*/)?{program}(?![\w.-])")


def read_command(text: str, program: str, syntax: Mapping[str, Syntax]) -> Optional[Command]:
    """The command a prompt line echoes, when it runs ``program``; None otherwise."""
    m = _program(program).search(text)
    if m is None:
        return None
    words = [(w.group(0), m.end() + w.start() + 1) for w in _WORD.finditer(text[m.end() :])]
    for i, (word, _) in enumerate(words):
        if _COMMAND_END.match(word):
            words = words[:i]
            break
    subcommand = ""
    if words and _SUBCOMMAND.match(words[0][0]):
        subcommand, words = words[0][0], words[1:]
    rules = syntax.get(subcommand, Syntax())
    flags, fields, fields_col = _options(words, rules)
    return Command(program, subcommand, frozenset(flags), fields, fields_col, rules.parseable in flags)


def _options(words: list[tuple[str, int]], rules: Syntax) -> tuple[set[str], Optional[tuple[str, ...]], int]:
    """The option letters given, the ``-o`` fields and their column, read as getopt
    would, with one exception taken from the Oracle docs: ``ipmpstat -P -o -g
    groupname,fdt,interfaces`` (819-6990 and the 11.2 guides print it so) gives ``-o``
    no value, and the field list is the operand after it."""
    flags: set[str] = set()
    fields: Optional[tuple[str, ...]] = None
    fields_col = 1
    wants_fields = False
    i = 0
    while i < len(words):
        word, col = words[i]
        i += 1
        if word.startswith("--"):  # --output=f,... / --output f,... / --parsable
            name, _, value = word[2:].partition("=")
            if name == "output":
                vcol = col + len("--output=")
                if not value and i < len(words):
                    (value, vcol), i = words[i], i + 1
                fields, fields_col = _fields(value), vcol
            elif name in ("parsable", "parseable"):
                flags.add(rules.parseable)
        elif not word.startswith("-") or word == "-":  # an operand
            if wants_fields and _FIELD_LIST.match(word):
                fields, fields_col, wants_fields = _fields(word), col, False
        else:
            for k, letter in enumerate(word[1:], start=1):
                if letter not in rules.with_value:
                    flags.add(letter)
                    continue
                value, vcol = word[k + 1 :], col + k + 1
                if not value and i < len(words):
                    value, vcol = words[i]
                    if value.startswith("-"):  # the doc's `-o -g fields`
                        wants_fields = letter == "o"
                        break
                    i += 1
                if letter == "o":
                    fields, fields_col = _fields(value), vcol
                break
    return flags, fields, fields_col


def _fields(value: str) -> Optional[tuple[str, ...]]:
    names = tuple(f.strip().upper() for f in value.split(",") if f.strip())
    return None if not names or names == ("ALL",) else names


@attrs.frozen
class Table:
    """One table a command prints: its header words, the field each maps to (None: read
    and dropped on purpose), the fields a row cannot do without, and the command that
    prints it (``commands`` are subcommands, ``""`` for none; ``flag`` the option that
    picks this table among the subcommand's)."""

    name: str
    columns: Mapping[str, Optional[str]] = attrs.field(hash=False)
    #: The fields a row is tied to: a header or -o list needs one of them.
    keys: tuple[str, ...]
    commands: tuple[str, ...] = ("",)
    flag: Optional[str] = None
    #: Columns whose value may hold blanks (a list of names).
    lists: frozenset[str] = frozenset()
    #: Printed with OFMT_WRAP: a long value continues on the lines below.
    wraps: bool = False
    #: Known and not needed: its header and rows are skipped on purpose.
    skipped: bool = False
    #: A row may have all its keys empty (ipmpstat -g: the anonymous group).
    anonymous: bool = False
    #: How a field's cell is read (``OfmtTransformer.read_<reader>``); ``text`` when absent.
    readers: Mapping[str, str] = attrs.field(factory=dict, hash=False)
    #: The fields the table fills, each once, in header order (each row asks for them).
    fields: tuple[str, ...] = attrs.field(init=False, hash=False, eq=False)

    #: Each of ``fields`` with the name of the method that reads its cell (``read_text``...).
    field_readers: tuple[tuple[str, str], ...] = attrs.field(init=False, hash=False, eq=False)

    @fields.default
    def _fields(self) -> tuple[str, ...]:
        return tuple(dict.fromkeys(f for f in self.columns.values() if f is not None))

    @field_readers.default
    def _field_readers(self) -> tuple[tuple[str, str], ...]:
        return tuple((field, f"read_{self.readers.get(field, 'text')}") for field in self.fields)

    def selected_by(self, command: Optional[Command]) -> int:
        """How specifically ``command`` asks for this table: 0 not at all, 1 by its
        subcommand, 2 by its subcommand and option."""
        if command is None or command.subcommand not in self.commands:
            return 0
        if self.flag is None:
            return 1
        return 2 if self.flag in command.flags else 0


@attrs.define
class _Layout:
    """The table being read: which table, and each column's field (None: not read)."""

    table: Table
    fields: list[Optional[str]]
    first_col: int
    #: The header words (or -o fields, upper-cased), one per field.
    names: list[str] = attrs.Factory(list)
    #: The columns whose value may hold blanks (``Table.lists``), by index.
    spread: list[int] = attrs.field(init=False)

    @spread.default
    def _spread(self) -> list[int]:
        return [j for j, f in enumerate(self.fields) if f is not None and f in self.table.lists]


class OfmtTransformer(CaptureTransformer, abc.ABC):
    """Walks the commands and tables of one capture; a subclass names its program,
    its tables, and what a row's cells become (``read``)."""

    PROGRAM: str = ""
    SYNTAX: Mapping[str, Syntax] = {}
    TABLES: tuple[Table, ...] = ()
    #: Every header word of the tables (set per subclass, from ``TABLES``, once).
    known: frozenset[str] = frozenset()

    def __init_subclass__(cls, **kwargs: Any) -> None:
        super().__init_subclass__(**kwargs)
        cls.known = frozenset(w for t in cls.TABLES for w in t.columns)

    def __init__(self, ctx: ParseContext, reads: Optional[frozenset[str]] = None) -> None:
        super().__init__(ctx)
        self.echoed: Optional[Command] = None
        #: The tables this parse keeps (by name); None: all. The others belong to
        #: another capture kind: warned on their header, rows not read.
        self.reads = reads

    # -- what a subclass provides ----------------------------------------------------

    @abc.abstractmethod
    def read(self, table: Table, cells: dict[str, Cell], line: int, col: int) -> bool:
        """Turn one row into model objects; False when the row cannot be used (the
        subclass warned or skipped it). Cells of columns the row did not print are absent."""

    def message(self, tok: Token, text: str, col: int) -> None:
        """A line the command wrote on stderr: by default its output is incomplete."""
        self.ctx.warn(
            tok.line, col, f"{self.PROGRAM} reported an error; what it could not show is not in the capture: {text}"
        )

    def own_line(self, tok: Token) -> bool:
        """Whether a line inside a table is another format's, read by the subclass
        itself (dladm: a Solaris 10 line pasted under a Solaris 11 table)."""
        return False

    def loose_row(self, tok: Token) -> None:
        """A line outside any table and not under a parseable command."""
        col = first_column(tok)
        if ":" in tok.value and not _GAP.search(tok.value.strip()):
            self.ctx.warn(
                tok.line,
                col,
                f"parseable {self.PROGRAM} output without an echoed command naming its -o fields; not read",
            )
        else:
            self.ctx.warn(tok.line, col, self.STRAY)

    # -- grammar rules ------------------------------------------------------------------

    def row(self, children: list[Token]) -> Token:
        return children[0]

    def diagnostic(self, children: list[Token]) -> None:
        tok = children[0]
        head, _, text = tok.value.strip().partition(":")
        col = first_column(tok) + len(head) + 1
        col += len(text) - len(text.lstrip())
        if head != self.PROGRAM:
            self.ctx.warn(tok.line, first_column(tok), f"message from {head}, not {self.PROGRAM}: not read")
            return None
        self.message(tok, text.strip(), col)
        return None

    def loose(self, children: list[Token]) -> None:
        self.loose_row(children[0])

    def command(self, children: list) -> None:
        prompt: Token = children[0]
        rows = [tok for tok in children[1:] if tok is not None]
        self.ctx.skip(prompt.line)
        self.echoed = read_command(prompt.value, self.PROGRAM, self.SYNTAX)
        if not rows:
            return
        layout = self._parseable_layout(prompt) if self.echoed is not None and self.echoed.parseable else None
        for tok in rows:
            if layout is None:
                self.loose_row(tok)
            else:
                self._parseable_row(tok, layout)

    def table(self, children: list) -> None:
        header: Token = children[0]
        rows = [tok for tok in children[1:] if tok is not None]
        glued = self.ctx.echoes.get(header.line)
        if glued is not None and glued.output is not None:  # the header was glued to its command
            self.echoed = read_command(self.ctx.original[header.line - 1][: glued.output], self.PROGRAM, self.SYNTAX)
        layout = self._header(header)
        previous: Optional[int] = None
        for tok in rows:
            if layout is None:
                self.ctx.cover(tok.line)
            elif layout.table.skipped:
                self.ctx.skip(tok.line)
            else:
                previous = self._row(tok, layout, previous)

    # -- headers ------------------------------------------------------------------------

    def _header(self, tok: Token) -> Optional[_Layout]:
        self.ctx.skip(tok.line)
        words = tokens_with_columns(tok.value, tok.column)
        names = [w for w, _ in words]
        fits, candidates = self._fitting(tuple(names))
        if not candidates:
            what = (
                f"{fits[0].name} header without a {' or '.join(k.upper() for k in fits[0].keys)} column: "
                "its rows cannot be tied to anything"
                if fits
                else f"header of no {self.PROGRAM} table ipmplint knows"
            )
            self.ctx.warn(tok.line, words[0][1], f"{what}; its rows are not read")
            return None
        best = max(t.selected_by(self.echoed) for t in candidates)
        if best:
            candidates = tuple(t for t in candidates if t.selected_by(self.echoed) == best)
        if len(candidates) > 1:
            tables = ", ".join(t.name for t in candidates)
            self.ctx.warn(
                tok.line,
                words[0][1],
                f"header fits several tables ({tables}) and no echoed command tells which; its rows are not read",
            )
            return None
        table = candidates[0]
        if not self._ours(table, tok.line, words[0][1]):
            return None
        for word, col in words:
            if word not in table.columns:
                self.ctx.warn(
                    tok.line, col, f"unknown column '{word}' in the {table.name} header; its cells are not read"
                )
        return _Layout(table, [table.columns.get(w) for w in names], words[0][1], names)

    @classmethod
    @functools.lru_cache(maxsize=1024)  # a fleet prints a few headers, each thousands of times
    def _fitting(cls, names: tuple[str, ...]) -> tuple[tuple[Table, ...], tuple[Table, ...]]:
        """The tables a header's words fit: those that know the most of its words (a
        table that knows every known word, else the most), and of them the ones a row
        can be tied to (the header has a key column) or that are skipped anyway."""
        known = [w for w in names if w in cls.known]
        overlap = {t.name: sum(w in t.columns for w in known) for t in cls.TABLES}
        most = max(overlap.values(), default=0)
        fits = tuple(t for t in cls.TABLES if most and overlap[t.name] == most)
        return fits, tuple(t for t in fits if t.skipped or any(t.columns.get(w) in t.keys for w in names))

    def _ours(self, table: Table, line: int, col: int) -> bool:
        """Whether this parse reads ``table``; a table of another kind is warned."""
        if self.reads is None or table.name in self.reads or table.skipped:
            return True
        self.ctx.warn(line, col, f"{table.name} output belongs in a capture of its own; not read from this one")
        return False

    # -- human-readable rows ------------------------------------------------------------

    def _row(self, tok: Token, layout: _Layout, previous: Optional[int]) -> Optional[int]:
        """Read one row; returns the line of the last row read (for wrapped values)."""
        words = tokens_with_columns(tok.value, tok.column)
        n = len(layout.fields)
        if self.own_line(tok):
            return previous
        if layout.table.wraps and previous is not None and len(words) < n and words[0][1] > layout.first_col:
            self.ctx.skip(tok.line)  # OFMT_WRAP: the row above's long value, continued
            return previous
        if len(words) == n - 1 and words[0][1] > layout.first_col:
            # The first column left blank, as ``dladm show-aggr -x`` prints an
            # aggregation's port rows under its own: the row starts past that column.
            words = [(EMPTY, layout.first_col), *words]
        cells = self._split(tok, words, layout)
        if cells is not None:
            self._read(layout.table, cells, tok.line, words[0][1])
        return tok.line

    def _read(self, table: Table, cells: dict[str, Cell], line: int, col: int) -> None:
        """Hand a row to ``read`` unless it has nothing to be tied to."""
        if not table.anonymous and not any(k in cells and cells[k].text for k in table.keys):
            keys = " or ".join(k.upper() for k in table.keys)
            self.ctx.warn(line, col, f"{table.name} row without its {keys}; not read")
        elif self.read(table, cells, line, col):
            self.ctx.consume(line)

    def _split(self, tok: Token, words: list[tuple[str, int]], layout: _Layout) -> Optional[dict[str, Cell]]:
        fields = layout.fields
        n = len(fields)
        spread = layout.spread
        if len(words) < n:
            self.ctx.warn(
                tok.line, words[0][1], f"row has {len(words)} cells, the {layout.table.name} header {n}; not read"
            )
            return None
        if len(words) > n and len(spread) == 1:
            j, extra = spread[0], len(words) - n
            last_word, last_col = words[j + extra]
            start, end = words[j][1] - tok.column, last_col - tok.column + len(last_word)
            words = words[:j] + [(tok.value[start:end], words[j][1])] + words[j + extra + 1 :]
        elif len(words) > n:
            self.ctx.warn(
                tok.line,
                words[n][1],
                f"more cells than the {layout.table.name} header has columns; the extra ones are not read",
            )
            words = words[:n]
        return {
            f: Cell("" if w == EMPTY else w, c, name)
            for f, name, (w, c) in zip(fields, layout.names, words)
            if f is not None
        }

    # -- parseable rows -----------------------------------------------------------------

    def _parseable_layout(self, prompt: Token) -> Optional[_Layout]:
        command = self.echoed
        assert command is not None
        tables = [t for t in self.TABLES if t.selected_by(command)]
        if not tables:
            self.ctx.warn(
                prompt.line,
                first_column(prompt),
                f"parseable output of a {self.PROGRAM} command ipmplint does not read",
            )
            return None
        best = max(t.selected_by(command) for t in tables)
        table = next(t for t in tables if t.selected_by(command) == best)
        if not self._ours(table, prompt.line, first_column(prompt)):
            return None
        if command.fields is None:
            self.ctx.warn(prompt.line, first_column(prompt), "parseable output without -o fields; not read")
            return None
        fields: list[Optional[str]] = []
        for name in command.fields:
            if name not in table.columns:
                self.ctx.warn(
                    prompt.line,
                    command.fields_col,
                    f"unknown field '{name.lower()}' for {table.name}; its values are not read",
                )
            fields.append(table.columns.get(name))
        if not table.skipped and not any(k in fields for k in table.keys):
            self.ctx.warn(
                prompt.line,
                command.fields_col,
                f"-o fields without {' or '.join(table.keys)}: the rows cannot be tied to anything; not read",
            )
            return None
        return _Layout(table, fields, 1, list(command.fields))

    def _parseable_row(self, tok: Token, layout: _Layout) -> None:
        if layout.table.skipped:
            self.ctx.skip(tok.line)
            return
        values = split_parseable(tok.value, tok.column, len(layout.fields))
        if len(values) != len(layout.fields):
            self.ctx.warn(
                tok.line,
                first_column(tok),
                f"parseable line has {len(values)} fields, the command asked for {len(layout.fields)}; not read",
            )
            return
        cells = {
            f: Cell(v.text, v.col, name) for f, name, v in zip(layout.fields, layout.names, values) if f is not None
        }
        self._read(layout.table, cells, tok.line, values[0].col)

    # -- cells → values -----------------------------------------------------------------

    def values(self, table: Table, cells: dict[str, Cell], line: int) -> dict[str, Any]:
        """The row's value for each field of ``table``, read by the table's reader for
        it: model keyword arguments when the fields are named after the model's."""
        return {field: getattr(self, reader)(cells, field, line) for field, reader in table.field_readers}

    def read_text(self, cells: dict[str, Cell], field: str, line: int) -> Optional[str]:
        """A cell's text; None when empty or not printed. ``?`` is warned: the command
        could not get the value."""
        cell = cells.get(field)
        if cell is None or cell.text == "":
            return None
        if cell.text == UNKNOWN:
            self.ctx.warn(line, cell.col, f"{self.PROGRAM} could not tell the {cell.column} ('?')")
            return None
        return cell.text

    def read_raw(self, cells: dict[str, Cell], field: str, line: int) -> str:
        """A cell's text as printed (``""`` when empty): a row's name."""
        cell = cells.get(field)
        return "" if cell is None else cell.text

    def read_yes_no(self, cells: dict[str, Cell], field: str, line: int) -> Optional[bool]:
        text = self.read_text(cells, field, line)
        if text is None:
            return None
        if text in ("yes", "no"):
            return text == "yes"
        self.ctx.warn(line, cells[field].col, f"{cells[field].column} '{text}' is neither yes nor no")
        return None

    def read_number(self, cells: dict[str, Cell], field: str, line: int) -> Optional[int]:
        text = self.read_text(cells, field, line)
        if text is None:
            return None
        if text.isdigit():
            return int(text)
        self.ctx.warn(line, cells[field].col, f"{cells[field].column} '{text}' is not a number")
        return None

    def read_names(self, cells: dict[str, Cell], field: str, line: int) -> tuple[str, ...]:
        """A list of names: blank-separated (libofmt lists) or comma-separated (dladm OVER)."""
        text = self.read_text(cells, field, line)
        return tuple(n for n in _NAME_SEPARATORS.split(text) if n) if text else ()


def split_parseable(text: str, start_col: int, nfields: int) -> list[Cell]:
    """The fields of a parseable line, with libofmt's ``\\`` escapes undone. With one
    field libofmt escapes nothing and prints the value as is."""
    lead = len(text) - len(text.lstrip(" \t"))
    if nfields == 1:
        return [Cell(text.strip(), start_col + lead)]
    cells: list[Cell] = []
    buf: list[str] = []
    start = lead
    i = lead
    while i < len(text):
        c = text[i]
        if c == "\\" and i + 1 < len(text):
            buf.append(text[i + 1])
            i += 2
            continue
        if c == ":":
            cells.append(Cell("".join(buf), start_col + start))
            buf, start = [], i + 1
        else:
            buf.append(c)
        i += 1
    cells.append(Cell("".join(buf), start_col + start))
    return cells
