"""Grammars whose every token is a whole line, read without the LALR parser.

Some capture grammars only say what each line is: ``fields.lark`` (a prompt, a comment
or a record, one a line) and ``ofmt.lark`` (an echoed command or a header, then the
rows under it). For them lark's LALR parser does nothing a line-by-line walk cannot,
and on a file of a few lines it is most of the cost: a parser state per file, a lexer
token per line and per newline, a reduction per repetition. Here each line is matched
against the grammar's own terminals, in lark's lexer order, and the tree the grammar
describes is built from those tokens; the format's Transformer reads that tree as it
reads one from lark. ``tests/parsers/test_lines.py`` keeps the two the same: for every
sample and for generated input, this tree is lark's tree, token for token.

What a grammar must be to be read so is its ``Shape``: which terminals open a section
(a head line and the lines after it, up to the next head), and which rule each line
terminal makes inside a section and outside one.
"""

from __future__ import annotations

import functools
import re
from typing import Mapping

import attrs
from lark import Lark, Tree
from lark.exceptions import UnexpectedCharacters

from ipmplint.parsers.tokens import Token


@attrs.frozen
class Shape:
    """How a line grammar groups its lines: ``sections`` maps a head terminal to its
    rule (the section runs to the next head); ``items`` maps a line terminal to its rule
    outside a section, ``body`` inside one (a terminal absent from ``body`` ends the
    section, as one absent from ``items`` cannot start the file: lark would stop there)."""

    sections: Mapping[str, str] = attrs.field(factory=dict)
    items: Mapping[str, str] = attrs.field(factory=dict)
    body: Mapping[str, str] = attrs.field(factory=dict)


#: The grammars read line by line, each with what its rules say (grammars/<name>.lark).
SHAPES: dict[str, Shape] = {
    # start: (prompt | comment | record)*, one line each
    "fields": Shape(items={"PROMPT": "prompt", "COMMENT": "comment", "RECORD": "record"}),
    # start: (command | table | diagnostic | loose)*, command: PROMPT (row | diagnostic)*,
    # table: HEADER (row | diagnostic)*
    "ofmt": Shape(
        sections={"PROMPT": "command", "HEADER": "table"},
        items={"DIAGNOSTIC": "diagnostic", "ROW": "loose"},
        body={"ROW": "row", "DIAGNOSTIC": "diagnostic"},
    ),
}


@functools.cache
def scanner(compiled: Lark) -> re.Pattern[str]:
    """One pattern of a compiled grammar's line terminals, each a named group, in the
    order lark's lexer tries them (priority, then the longest possible match, then the
    longest pattern, then the name): the group that matches is the token lark makes."""
    conf = compiled.lexer_conf
    terminals = sorted(
        (t for t in conf.terminals if t.name not in conf.ignore and t.name != "_NL"),
        key=lambda t: (-t.priority, -t.pattern.max_width, -len(t.pattern.value), t.name),
    )
    return re.compile("|".join(f"(?P<{t.name}>{t.pattern.to_regexp()})" for t in terminals), conf.g_regex_flags)


def parse(text: str, name: str, compiled: Lark) -> Tree:
    """The tree ``grammars/<name>.lark`` (compiled: ``compiled``) gives ``text`` (a
    cleaned capture: lines ended by ``\\n``), built line by line. Raises lark's
    ``UnexpectedCharacters`` at a line no terminal reads whole or none of the shape's
    rules takes, where lark would stop too."""
    shape, rx = SHAPES[name], scanner(compiled)
    items: list = []
    section: list | None = None
    pos = 0
    for number, line in enumerate(text.split("\n")[:-1], start=1):
        end = pos + len(line)
        if line:
            m = rx.match(text, pos)
            if m is None or m.end() != end:
                at = pos if m is None else m.end()
                raise UnexpectedCharacters(text, at, number, at - pos + 1)
            tok = Token(str(m.lastgroup), line, pos, number, 1, number, len(line) + 1, end)
            if tok.type in shape.sections:
                section = [tok]
                items.append(Tree(shape.sections[tok.type], section))
            elif section is not None and tok.type in shape.body:
                section.append(Tree(shape.body[tok.type], [tok]))
            elif tok.type in shape.items:
                section = None
                items.append(Tree(shape.items[tok.type], [tok]))
            else:
                raise UnexpectedCharacters(text, pos, number, 1)
        pos = end + 1
    return Tree("start", items)
