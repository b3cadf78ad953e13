"""What every capture parser shares: decoding, cleaning, grammar loading, line accounting.

A parser reads one file's text and returns a ``ParseResult``: the model object, the
parse warnings, and the line accounting. Each line of the file ends in exactly one
``LineStatus``; a line no transformer claimed is reported, never dropped.

Cleaning keeps line numbers 1:1 with the file (lark counts lines the same way), so
every ``Source`` points at the line the user sees in their editor.
"""

from __future__ import annotations

import functools
import html
import re
from typing import Generic, Optional, TypeVar

import attrs
from lark import Token, Transformer, v_args
from lark.exceptions import UnexpectedInput, VisitError

from ipmplint.model import LineAccount, LineStatus, ParseWarning, Source

T = TypeVar("T")

#: HTML left over from a web paste. Only tags that carry no meaning in a capture are
#: removed, so ``flags=…<UP,RUNNING>`` stays intact.
_HTML_TAG = re.compile(
    r"</?(?:pre|code|br|p|div|span|tt|samp|kbd|b|i|em|strong|font|blockquote)\b[^>]*>",
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


def clean_line(line: str) -> str:
    """Remove what a paste adds but the command never printed: ``\\r``, HTML tags and
    entities, trailing blanks. A whitespace-only line becomes empty (a blank line)."""
    line = line.rstrip("\r")
    if "<" in line:
        line = _HTML_TAG.sub(lambda m: " " * len(m.group(0)), line)
    if "&" in line:
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
        raw = text.split("\n")
        if raw and raw[-1] == "":
            raw.pop()  # the final newline ends the last line; it is not a line of its own
        lines = [clean_line(line) for line in raw]
        self.offset = len(_common_indent(lines))
        self.lines: list[str] = [line[self.offset:] for line in lines]
        self.status: list[Optional[LineStatus]] = [
            LineStatus.BLANK if not line else None for line in self.lines
        ]
        self.warnings: list[ParseWarning] = []

    @property
    def text(self) -> str:
        """The cleaned text handed to the grammar: one line per input line, ``\\n``-ended."""
        return "".join(line + "\n" for line in self.lines)

    def source(self, line: int, col: int = 1) -> Source:
        """A position in the grammar's text, as a position in the user's file."""
        return Source(self.path, line, col + self.offset)

    def line_text(self, line: int) -> str:
        return self.lines[line - 1] if 0 < line <= len(self.lines) else ""

    def consume(self, line: int) -> None:
        """The line's content is in the model."""
        self._mark(line, LineStatus.CONSUMED)

    def skip(self, line: int) -> None:
        """The line is known and irrelevant (a prompt, a section ipmplint does not use)."""
        self._mark(line, LineStatus.SKIPPED)

    def warn(self, line: int, col: int, message: str) -> None:
        """Part of the line is not in the model. The line counts as warned even when the
        rest of it was taken: its facts are incomplete."""
        self.warnings.append(ParseWarning(self.source(line, col), message, self.line_text(line)))
        if 0 < line <= len(self.status):
            self.status[line - 1] = LineStatus.WARNED

    def cover(self, line: int) -> None:
        """The line is not in the model and a warning elsewhere says so (an unknown
        section's body under the warning on its title): it counts as warned."""
        if 0 < line <= len(self.status) and self.status[line - 1] is not LineStatus.BLANK:
            self.status[line - 1] = LineStatus.WARNED

    def _mark(self, line: int, status: LineStatus) -> None:
        if 0 < line <= len(self.status) and self.status[line - 1] in (None, LineStatus.SKIPPED):
            if self.status[line - 1] is None or status is LineStatus.CONSUMED:
                self.status[line - 1] = status

    def finish(self, value: Optional[T]) -> ParseResult[T]:
        """Close the accounting: a line nobody claimed becomes a warning, so the four
        counts always add up to the file's lines."""
        for number, status in enumerate(self.status, start=1):
            if status is None:
                self.warn(number, 1, f"line not understood as {self.kind} output")
        counts = {s: 0 for s in LineStatus}
        for status in self.status:
            counts[status] += 1  # type: ignore[index]
        account = LineAccount(
            file=self.path,
            kind=self.kind,
            total=len(self.lines),
            consumed=counts[LineStatus.CONSUMED],
            skipped=counts[LineStatus.SKIPPED],
            warned=counts[LineStatus.WARNED],
            blank=counts[LineStatus.BLANK],
        )
        warnings = tuple(sorted(self.warnings, key=lambda w: (w.source.line, w.source.col)))
        return ParseResult(value, warnings, account)


@functools.cache
def grammar(name: str):
    """The compiled LALR parser for ``grammars/<name>.lark``, built once per process and
    cached on disk by lark between runs. Transformers are applied by the caller so one
    compiled grammar serves every file."""
    from lark import Lark

    return Lark.open_from_package(
        "ipmplint.grammars",
        f"{name}.lark",
        search_paths=("",),
        parser="lalr",
        lexer="contextual",
        propagate_positions=False,
        maybe_placeholders=False,
        cache=True,
    )


def _common_indent(lines: list[str]) -> str:
    """The blanks every non-blank line starts with (the same characters on each)."""
    prefix: Optional[str] = None
    for line in lines:
        if not line:
            continue
        lead = line[: len(line) - len(line.lstrip(" \t"))]
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


class CaptureTransformer(Transformer):
    """What every capture Transformer shares: the parse's context, a shell prompt line
    skipped, and a line that belongs nowhere warned at its first non-blank column."""

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


def run(ctx: ParseContext, name: str, transformer: Transformer) -> ParseResult:
    """Parse the context's text with ``grammars/<name>.lark`` and the transformer, and
    close the accounting. Never raises: the grammars accept every line, so a failure
    here is a last resort that becomes a warning, and the file's model is None."""
    try:
        value = transformer.transform(grammar(name).parse(ctx.text))
    except UnexpectedInput as exc:
        ctx.warn(getattr(exc, "line", 1) or 1, getattr(exc, "column", 1) or 1, f"{ctx.kind} parse failed: {exc}")
        value = None
    except Exception as exc:  # a parser bug must cost this file, not the run
        inner = exc.orig_exc if isinstance(exc, VisitError) else exc
        ctx.warn(1, 1, f"ipmplint could not read this {ctx.kind} capture (internal error "
                       f"{type(inner).__name__}: {inner}); please report it with the file")
        value = None
    return ctx.finish(value)


def tokens_with_columns(text: str, start_col: int = 1) -> list[tuple[str, int]]:
    """Whitespace-separated words of ``text`` with their 1-based columns."""
    return [(m.group(0), m.start() + start_col) for m in re.finditer(r"\S+", text)]
