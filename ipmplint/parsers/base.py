"""What every capture parser shares: decoding, cleaning, grammar loading, line accounting.

A parser reads one file's text and returns a ``ParseResult``: the model object, the
parse warnings, and the line accounting. Each line of the file ends in exactly one
``LineStatus``; a line no transformer claimed is reported, never dropped.

Cleaning keeps line numbers 1:1 with the file (lark counts lines the same way), so
every ``Source`` points at the line the user sees in their editor.
"""

from __future__ import annotations

import functools
import re
from typing import TYPE_CHECKING, Any, Callable, Generic, Iterable, Optional, TypeVar

import attrs
from lark import Transformer, v_args
from lark.exceptions import UnexpectedInput, VisitError

from ipmplint.capture import limits
from ipmplint.model import LineAccount, LineStatus, ParseWarning, Source
from ipmplint.parsers import lines, paste
from ipmplint.parsers.tokens import Token
from ipmplint.parsers.transform import DirectTransformer

if TYPE_CHECKING:
    from lark import Lark

T = TypeVar("T")

#: The byte-order mark some Windows editors put first: no character of the capture.
BOM = "\ufeff"

#: HTML left over from a web paste. Only tags that carry no meaning in a capture are
#: removed, so ``flags=…<UP,RUNNING>`` stays intact.
#: ``[^<>]*``, not ``[^>]*``: a tag never holds ``<``, and a line of ``<b<b<b…`` without
#: ``>`` is then scanned once, not once per ``<`` (quadratic).
_HTML_TAG = re.compile(
    r"</?(?:pre|code|br|p|div|span|tt|samp|kbd|b|i|em|strong|font|blockquote)\b[^<>]*>",
    re.IGNORECASE,
)
_HTML_ENTITY = re.compile(r"&(?:lt|gt|amp|quot|nbsp|#\d+|#x[0-9a-fA-F]+);")


@attrs.frozen
class ParseResult(Generic[T]):
    """A parser's answer for one file."""

    value: Optional[T]
    warnings: tuple[ParseWarning, ...]
    account: LineAccount


def decode(data: bytes) -> tuple[str, Optional[int]]:
    """Decode capture bytes as UTF-8 with replacement.

    Returns the text and the 1-based line of the first undecodable byte (None when the
    bytes were clean), so the caller can warn once for the file.
    """
    try:
        return data.decode("utf-8"), None
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        return data.decode("utf-8", errors="replace"), line


def cleaned(text: str) -> tuple[list[str], str]:
    """The lines as ``clean_line`` leaves each, and the text ``paste.candidates`` reads
    (the file's own if only line ends were to clean). HTML and no-break spaces are one
    search of the whole text (``<UP,RUNNING>`` holds no tag); trailing blanks and ``\r``
    are stripped line by line, cheaper than any search for them."""
    text = text.removeprefix(BOM)
    lines = text.split("\n")
    if lines and lines[-1] == "":
        lines.pop()  # the final newline ends the last line; it is not a line of its own
    if (
        "\xa0" in text
        or ("<" in text and _HTML_TAG.search(text) is not None)
        or ("&" in text and _HTML_ENTITY.search(text) is not None)
    ):
        lines = [clean_line(line) for line in lines]
        return lines, "\n".join(lines)
    return [line.rstrip() for line in lines], text


def clean_line(line: str) -> str:
    """Remove what a paste adds but the command never printed: ``\\r``, HTML tags and
    entities, trailing blanks. A whitespace-only line becomes empty (a blank line)."""
    line = line.rstrip("\r")
    if "<" in line:
        line = _HTML_TAG.sub(lambda m: " " * len(m.group(0)), line)
    if "&" in line:
        import html  # deferred: start-up (html.entities is large; a web paste only)

        line = _HTML_ENTITY.sub(lambda m: html.unescape(m.group(0)), line)
    return line.rstrip().replace("\xa0", " ")


class ParseContext:
    """The mutable state of one parse: the cleaned lines, each line's status and the
    warnings. Transformers record into it; ``finish`` closes the accounting.

    A paste whose every line carries the same indentation (a code block copied from a
    web page, a mail quoted with blanks) is dedented before parsing, so grammars see
    the layout the command printed; ``source`` adds the indentation back, so every
    column still points at the character in the user's file.
    """

    def __init__(self, path: str, text: str, kind: str) -> None:
        self.path = path
        self.kind = kind
        lines, text = cleaned(text)
        self.original = lines
        #: What the paste added (paste.py): the echo of each prompt line, and for a line
        #: the grammar sees cut or re-shaped, how many characters it lost at its start.
        self.echoes: dict[int, paste.Echo] = {}
        self.shift: dict[int, int] = {}
        preset: dict[int, tuple[LineStatus, int, str]] = {}
        view = list(lines)
        for index in paste.candidates(text):
            if lines[index]:
                self._paste(index + 1, lines[index], view, preset)
        # A line the paste reading cut or re-shaped counts with the indentation it had.
        self.offset = len(
            _common_indent(
                _lead(lines[n - 1]) + v.lstrip() if n in self.shift else v for n, v in enumerate(view, 1) if v
            )
        )
        self.lines: list[str] = (
            [v if n in self.shift else v[self.offset :] for n, v in enumerate(view, 1)] if self.offset else view
        )
        self.status: list[Optional[LineStatus]] = [None if line else LineStatus.BLANK for line in self.lines]
        self.warnings: list[ParseWarning] = []
        #: Warnings past ``limits.MAX_WARNINGS_PER_FILE``: counted, said in one line.
        self.unshown = 0
        for number, (status, col, message) in preset.items():
            if status is LineStatus.WARNED:  # col is the file's: the grammar's line may be cut
                self.warn(number, col - self.shift[number], message)
            else:
                self.status[number - 1] = status

    def _paste(self, number: int, line: str, view: list[str], preset: dict[int, tuple[LineStatus, int, str]]) -> None:
        """Give the grammar the line as the command printed it: an elision and a bare
        prompt or another program's command become blank (warned, skipped); output glued
        to its command is cut free; a command the grammars read keeps its words and
        columns behind a plain ``#``; words that look glued but are no output of the
        command are warned at their column."""
        if paste.elision(line):
            view[number - 1], self.shift[number] = "", 0
            preset[number] = (LineStatus.WARNED, len(line) - len(line.lstrip()) + 1, paste.ELIDED)
            return
        echo = paste.echo(line)
        if echo is None:
            return
        self.echoes[number] = echo
        if echo.output is not None:
            view[number - 1], self.shift[number] = line[echo.output :], echo.output
            return
        if echo.unread is not None:
            preset[number] = (LineStatus.WARNED, echo.unread + 1, paste.UNREAD)
            line = line[: echo.unread].rstrip()
        # the command keeps its columns; one shown without a prompt is given one
        self.shift[number] = min(echo.command - 2, 0)
        shaped = " " * max(echo.command - 2, 0) + "# " + line[echo.command :]
        if not echo.bare and paste.grammar_prompt(shaped):
            view[number - 1] = shaped
        else:
            view[number - 1] = ""
            preset.setdefault(number, (LineStatus.SKIPPED, 1, ""))

    @property
    def text(self) -> str:
        """The cleaned text handed to the grammar: one line per input line, ``\\n``-ended."""
        return "\n".join(self.lines) + "\n" if self.lines else ""

    def source(self, line: int, col: int = 1) -> Source:
        """A position in the grammar's text, as a position in the user's file."""
        return Source(self.path, line, max(col + self.shift.get(line, self.offset), 1))

    def line_text(self, line: int) -> str:
        """The line as the grammar sees it (dedented, cut free of its prompt)."""
        return self.lines[line - 1] if 0 < line <= len(self.lines) else ""

    def consume(self, line: int) -> None:
        """The line's content is in the model (a line skipped before was read after all)."""
        if 0 < line <= len(self.status) and self.status[line - 1] in (None, LineStatus.SKIPPED):
            self.status[line - 1] = LineStatus.CONSUMED

    def skip(self, line: int) -> None:
        """The line is known and irrelevant (a prompt, a section ipmplint does not use)."""
        if 0 < line <= len(self.status) and self.status[line - 1] is None:
            self.status[line - 1] = LineStatus.SKIPPED

    def skip_lines(self, first: int, last: int) -> None:
        """``skip`` each line from ``first`` to ``last`` (included) in one call: unused
        sections are most of an ``ldm list -l``. Blank, consumed, warned lines stay so."""
        start, end = max(first, 1) - 1, min(last, len(self.status))
        if start < end:
            span = self.status[start:end]
            if span.count(None) == len(span):  # none claimed yet (a section lexed as one token): filled at once
                self.status[start:end] = [LineStatus.SKIPPED] * len(span)
            else:
                self.status[start:end] = [LineStatus.SKIPPED if s is None else s for s in span]

    def warn(self, line: int, col: int, message: str) -> None:
        """Part of the line is not in the model. The line counts as warned even when the
        rest of it was taken: its facts are incomplete."""
        if len(self.warnings) < limits.MAX_WARNINGS_PER_FILE:
            text = self.original[line - 1] if line in self.shift else self.line_text(line)
            self.warnings.append(ParseWarning(self.source(line, col), message, text))
        else:  # a file of garbage costs its lines, not a report, a cache and a screen of warnings each
            self.unshown += 1
        if 0 < line <= len(self.status):
            self.status[line - 1] = LineStatus.WARNED

    def cover(self, line: int) -> None:
        """The line is not in the model and a warning elsewhere says so (an unknown
        section's body under the warning on its title): it counts as warned."""
        if 0 < line <= len(self.status) and self.status[line - 1] is not LineStatus.BLANK:
            self.status[line - 1] = LineStatus.WARNED

    def finish(self, value: Optional[T]) -> ParseResult[T]:
        """Close the accounting: a line nobody claimed becomes a warning, so the four
        counts always add up to the file's lines."""
        if None in self.status:
            for number, status in enumerate(self.status, start=1):
                if status is None:
                    self.warn(number, 1, f"line not understood as {self.kind} output")
        count = self.status.count  # warned too is counted, not inferred: ``balanced`` proves the four
        account = LineAccount(
            file=self.path,
            kind=self.kind,
            total=len(self.lines),
            consumed=count(LineStatus.CONSUMED),
            skipped=count(LineStatus.SKIPPED),
            warned=count(LineStatus.WARNED),
            blank=count(LineStatus.BLANK),
        )
        warnings = sorted(self.warnings, key=lambda w: (w.source.line, w.source.col))
        if self.unshown:
            last = warnings[-1].source if warnings else self.source(1)
            warnings.append(
                ParseWarning(
                    last,
                    f"and {self.unshown} more warnings in this file, not shown (only "
                    f"the first {limits.MAX_WARNINGS_PER_FILE} are): is it {self.kind} output?",
                    "",
                )
            )
        return ParseResult(value, tuple(warnings), account)


@functools.cache
def grammar(name: str) -> "Lark":
    """The compiled LALR parser for ``grammars/<name>.lark``, built once per process and
    cached on disk by lark between runs (in ipmplint's cache folder, ``ipmplint.engine.cache``).
    It builds a tree; ``run`` hands the tree to the format's Transformer."""
    from lark import Lark

    from ipmplint.engine import cache

    return Lark.open_from_package(
        "ipmplint.grammars",
        f"{name}.lark",
        search_paths=("",),
        parser="lalr",
        lexer="contextual",
        propagate_positions=False,
        maybe_placeholders=False,
        cache=cache.grammar_file(name),
    )


def _lead(line: str) -> str:
    """The blanks a line starts with."""
    return line[: len(line) - len(line.lstrip(" \t"))]


def _common_indent(lines: Iterable[str]) -> str:
    """The blanks every non-blank line starts with (the same on each), read up to the
    first line with none (in most files their first line)."""
    prefix: Optional[str] = None
    for line in lines:
        if not line:
            continue
        lead = _lead(line)
        if prefix is None:
            prefix = lead
        else:
            n = 0
            while n < min(len(prefix), len(lead)) and prefix[n] == lead[n]:
                n += 1
            prefix = prefix[:n]
        if not prefix:
            return ""
    return prefix or ""


class CaptureTransformer(DirectTransformer):
    """What every capture Transformer shares: the parse's context, a shell prompt line
    skipped, and a line that belongs nowhere warned at its first non-blank column. Its
    ``transform`` is lark's walk with each callback found once per class (transform.py)."""

    #: The warning for a stray line; a format says where the line should have been.
    STRAY = "line not understood"

    def __init__(self, ctx: ParseContext) -> None:
        super().__init__(visit_tokens=False)
        self.ctx = ctx

    @v_args(inline=True)
    def prompt(self, tok: Token) -> None:
        self.ctx.skip(tok.line)

    @v_args(inline=True)
    def stray(self, tok: Token) -> None:
        self.ctx.warn(tok.line, first_column(tok), self.STRAY)


def first_column(tok: Token) -> int:
    """The 1-based column of a line token's first non-blank character."""
    return tok.column + len(tok.value) - len(tok.value.lstrip())


def run(
    ctx: ParseContext, name: str, transformer: Callable[..., Transformer], *args: Any, **kwargs: Any
) -> ParseResult:
    """Parse the context's text with ``grammars/<name>.lark``, hand the tree to a new
    ``transformer(ctx, *args, **kwargs)``, and close the accounting. Never raises, and one
    line costs one line: when a line stops the grammar or trips the transformer, that
    line is warned and taken out, and the file is read again without it, by a transformer
    made anew (within ``limits.MAX_LINE_RETRIES`` and ``MAX_RETRY_CHARS``; past them the
    file's model is None and the failure a warning)."""
    status, warnings = list(ctx.status), list(ctx.warnings)
    dropped: dict[int, tuple[int, str]] = {}
    while True:
        value, failure = _attempt(ctx, name, lambda: transformer(ctx, *args, **kwargs))
        if failure is None:
            return ctx.finish(value)
        line, col, message, one_line = failure
        retries = min(limits.MAX_LINE_RETRIES, limits.MAX_RETRY_CHARS // max(len(ctx.text), 1))
        if not one_line or line in dropped or len(dropped) >= retries:
            ctx.warn(line if one_line else 1, col if one_line else 1, message)
            return ctx.finish(None)
        dropped[line] = (col, message)
        ctx.lines[line - 1] = ""
        ctx.status[:], ctx.warnings[:] = status, warnings
        for number, (at, why) in dropped.items():
            ctx.warn(number, at, f"{why}; this line is not read, the rest of the file is")


def _attempt(
    ctx: ParseContext, name: str, make: Callable[[], Transformer]
) -> tuple[object, Optional[tuple[int, int, str, bool]]]:
    """One parse: the value, or what stopped it: its line and column, the message, and
    whether it is one line's doing (a token the grammar did not expect, a callback on
    one line's tokens) rather than the file's."""
    try:
        value = make().transform(tree(ctx.text, name))
    except UnexpectedInput as exc:
        line, col = getattr(exc, "line", 1) or 1, getattr(exc, "column", 1) or 1
        return None, (line, col, f"{ctx.kind} parse failed: {_first_line(exc)}", 0 < line <= len(ctx.lines))
    except Exception as exc:  # a parser bug must cost its line, not the run
        inner = exc.orig_exc if isinstance(exc, VisitError) else exc
        where = _lines(exc.obj) if isinstance(exc, VisitError) else {}
        line, col = min(where.items()) if where else (1, 1)
        return None, (
            line,
            col,
            f"ipmplint could not read this {ctx.kind} capture (internal error "
            f"{type(inner).__name__}: {inner}); please report it with the file",
            len(where) == 1,
        )
    return value, None


def tree(text: str, name: str) -> Any:
    """The tree ``grammars/<name>.lark`` gives ``text``: read line by line against the
    grammar's terminals where its rules allow (lines.py), else by lark's LALR parser.
    Raises lark's ``UnexpectedInput`` where the grammar stops."""
    parser = grammar(name)
    return lines.parse(text, name, parser) if name in lines.SHAPES else parser.parse(text)


def _lines(obj: object) -> dict[int, int]:
    """The lines (and each one's first column) of what a transformer callback was given."""
    tokens = (
        [obj]
        if isinstance(obj, Token)
        else list(getattr(obj, "scan_values", lambda _: ())(lambda v: isinstance(v, Token)))
    )
    found: dict[int, int] = {}
    for tok in tokens:
        if getattr(tok, "line", None):
            found[tok.line] = min(found.get(tok.line, 10**9), first_column(tok))
    return found


def _first_line(exc: UnexpectedInput) -> str:
    """lark's message without the context lines it adds."""
    return str(exc).strip().split("\n", 1)[0].rstrip(".")


def tokens_with_columns(text: str, start_col: int = 1) -> list[tuple[str, int]]:
    """Whitespace-separated words of ``text`` with their 1-based columns (each found from
    the end of the one before: blanks between, so found there first)."""
    words: list[tuple[str, int]] = []
    at = 0
    for word in text.split():
        at = text.find(word, at)
        words.append((word, at + start_col))
        at += len(word)
    return words
