"""Grammars read line by line without the LALR parser, against their own terminals.

Most capture grammars say little more than what each line is: ``fields.lark`` (a
prompt, a comment or a record, one a line), ``ofmt.lark`` (an echoed command or a
header, then the rows under it), ``netstat.lark`` (tables of titles, headers, rules and
rows), ``ifconfig.lark`` (a stanza: a header, perhaps wrapped, then its detail lines),
``hostname.lark`` (lines of words, a file heading with its rule under it) and
``ldm_long.lark`` (domain blocks of rows and sections). For them lark's LALR parser
does nothing a walk over the lines cannot, and it is most of their cost: a parser step
per token and per newline, a reduction per repetition (a third of an ``ldm list -l``
file's parse, most of a small file's). Here each token is matched against the
grammar's own terminals, in lark's lexer order, and the tree the grammar describes is
built from those tokens; the format's Transformer reads that tree as it reads one from
lark. ``tests/parsers/test_lines.py`` keeps the two the same: for every fixture and
sample and for generated input, this tree is lark's tree, token for token, and where
lark stops, this reader stops at the same line and column.

What the grammar's rules say is written here once more, as a ``Shape``: a few states
(where in the grammar a line starts), and in each the terminals lark's contextual lexer
accepts there, each with what its token does to the tree (which open nodes it leaves
open, which rules it opens) and the state that follows. A token ends within its line
but for ldm's skipped sections (a title and its indented body in one token).
"""

from __future__ import annotations

import functools
import re
from typing import Mapping, Optional

import attrs
from lark import Lark, Tree
from lark.exceptions import UnexpectedCharacters

from ipmplint.parsers.tokens import Token

#: The newline terminal every capture grammar ends its lines with (grammars/common.lark).
NL = "_NL"


@attrs.frozen
class Step:
    """What one token does. The token closes the open nodes past the ``keep`` first
    (0: none but the file's ``start``; 1: the last item's node stays open, ...), opens
    ``opens`` each inside the one before, and goes into the innermost open node (a
    terminal named with ``_`` into none, as lark filters it). The next line starts in
    state ``then``; a ``word`` token need not end its line: the line goes on in ``then``,
    whose ``_NL`` step says where the next line starts."""

    then: str
    keep: int = 0
    opens: tuple[str, ...] = ()
    word: bool = False


@attrs.frozen
class Shape:
    """A grammar's rules as states: ``states[name]`` maps each terminal lark accepts at
    that point to its ``Step``; ``_NL`` there is a blank line (absent: lark stops at it).
    Reading starts in ``start``."""

    start: str
    states: Mapping[str, Mapping[str, Step]]


def _items(then: str, **rules: str) -> dict[str, Step]:
    """Terminals that each make an item of the file's (``start``'s) own, one line long."""
    return {terminal: Step(then, 0, (rule,)) for terminal, rule in rules.items()}


#: grammars/fields.lark: ``start: _NL* (_item _NL*)*``, ``_item: prompt | comment | record``.
_FIELDS = Shape(
    "line", {"line": {**_items("line", PROMPT="prompt", COMMENT="comment", RECORD="record"), NL: Step("line")}}
)


def _sectioned(outside: dict[str, Step], inside: dict[str, Step]) -> Shape:
    """A grammar of sections (a head line and the lines after it, blank ones too, up to
    a line only ``outside`` takes) and of lines outside any: two states, ``out`` and
    ``section``; in a section, ``inside`` adds to ``outside``."""
    return Shape(
        "out",
        {"out": {**outside, NL: Step("out")}, "section": {**outside, **inside, NL: Step("section")}},
    )


#: grammars/ofmt.lark: ``command: PROMPT _NL (_line | _NL)*``, ``table: HEADER _NL (_line |
#: _NL)*`` (``_line: row | diagnostic``), and outside them ``diagnostic`` and ``loose``.
_OFMT = _sectioned(
    {
        "PROMPT": Step("section", 0, ("command",)),
        "HEADER": Step("section", 0, ("table",)),
        **_items("out", DIAGNOSTIC="diagnostic", ROW="loose"),
    },
    {"ROW": Step("section", 1, ("row",)), "DIAGNOSTIC": Step("section", 1, ("diagnostic",))},
)

#: grammars/netstat.lark: ``table: (title | heading) (heading | rule | row | _NL)*``,
#: ``prompt``, ``stray: (OTHER | RULE) _NL``. ROW is a terminal of tables only; OTHER
#: outside them (inside, a line ROW does not read, blanks only, ends the table).
_NETSTAT = _sectioned(
    {
        "TITLE": Step("section", 0, ("table", "title")),
        "HEADER": Step("section", 0, ("table", "heading")),
        **_items("out", PROMPT="prompt", OTHER="stray", RULE="stray"),
    },
    {
        "HEADER": Step("section", 1, ("heading",)),
        "RULE": Step("section", 1, ("rule",)),
        "ROW": Step("section", 1, ("row",)),
    },
)

#: grammars/ifconfig.lark: ``stanza: header (detail | _NL)*``, ``header: HEADER _NL
#: (HEADCONT _NL)* | IFNAME _NL (FLAGS _NL (HEADCONT _NL)*)?``, ``prompt``, ``stray``.
#: Every state accepts every terminal; what differs is where a token goes.
_DETAILS = ("INET", "INET6", "GROUPNAME", "ETHER", "ZONE", "DETAIL", "FLUSHDETAIL")
_IFCONFIG_OUT = {
    "HEADER": Step("header", 0, ("stanza", "header")),
    "IFNAME": Step("ifname", 0, ("stanza", "header")),
    **_items("out", PROMPT="prompt", OTHER="stray", FLAGS="stray", HEADCONT="stray"),
    **_items("out", **{terminal: "stray" for terminal in _DETAILS}),
    NL: Step("out"),
}
_IFCONFIG_STANZA = {**_IFCONFIG_OUT, **{t: Step("stanza", 1, ("detail",)) for t in _DETAILS}, NL: Step("stanza")}
_IFCONFIG = Shape(
    "out",
    {
        "out": _IFCONFIG_OUT,
        "stanza": _IFCONFIG_STANZA,
        # a header's lines: after HEADER (or FLAGS) its HEADCONT lines, after IFNAME its FLAGS
        "header": {**_IFCONFIG_STANZA, "HEADCONT": Step("header", 2)},
        "ifname": {**_IFCONFIG_STANZA, "FLAGS": Step("header", 2)},
    },
)

#: grammars/hostname.lark: ``filehead: FILEHEAD _NL (RULE _NL)?``, ``prompt``, ``comment``,
#: ``words: WORD+ COMMENT? _NL``; blanks between words are ignored (BLANK).
_HOSTNAME_LINE = {
    "FILEHEAD": Step("headed", 0, ("filehead",)),
    **_items("line", PROMPT="prompt", COMMENT="comment"),
    "WORD": Step("words", 0, ("words",), word=True),
    NL: Step("line"),
}
_HOSTNAME = Shape(
    "line",
    {
        "line": _HOSTNAME_LINE,
        # right under a file heading a rule of dashes is the heading's (else a word)
        "headed": {**_HOSTNAME_LINE, "RULE": Step("line", 1), NL: Step("line")},
        "words": {"WORD": Step("words", 1, word=True), "COMMENT": Step("line", 1), NL: Step("line")},
    },
)

#: grammars/ldm_long.lark: ``domain: (DOMHEAD | ONAME) _NL _body*`` (``_body: row |
#: section | orphan | _NL``), ``section: (SECTION | SKIPPED | SOFTSTATE) _NL (ROW _NL |
#: _NL)*``, and outside a domain ``prompt``, ``separator``, ``section`` and ``stray: (LINE
#: | ROW) _NL``. A section keeps the blank lines after it (the parser shifts them).
_TITLES = ("SECTION", "SKIPPED", "SOFTSTATE")
_LDM_OUT = {
    "DOMHEAD": Step("domain", 0, ("domain",)),
    "ONAME": Step("domain", 0, ("domain",)),
    **{title: Step("section", 0, ("section",)) for title in _TITLES},
    **_items("out", PROMPT="prompt", SEPARATOR="separator", LINE="stray", ROW="stray"),
    NL: Step("out"),
}
_LDM_DOMAIN = {
    **_LDM_OUT,
    **{title: Step("domain section", 1, ("section",)) for title in _TITLES},
    "LINE": Step("domain", 1, ("row",)),
    "ROW": Step("domain", 1, ("orphan",)),
    NL: Step("domain"),
}
_LDM_LONG = Shape(
    "out",
    {
        "out": _LDM_OUT,
        "section": {**_LDM_OUT, "ROW": Step("section", 1), NL: Step("section")},
        "domain": _LDM_DOMAIN,
        "domain section": {**_LDM_DOMAIN, "ROW": Step("domain section", 2), NL: Step("domain section")},
    },
)

#: The grammars read line by line, each with what its rules say (grammars/<name>.lark).
SHAPES: dict[str, Shape] = {
    "fields": _FIELDS,
    "ofmt": _OFMT,
    "netstat": _NETSTAT,
    "ifconfig": _IFCONFIG,
    "hostname": _HOSTNAME,
    "ldm_long": _LDM_LONG,
}


def scanner(compiled: Lark, accepts: frozenset[str]) -> re.Pattern[str]:
    """One pattern of a compiled grammar's terminals ``accepts`` and its ignored ones,
    each a named group, in the order lark's lexer tries them (priority, then the longest
    possible match, then the longest pattern, then the name): the group that matches is
    the token lark's contextual lexer makes where the grammar accepts those terminals."""
    conf = compiled.lexer_conf
    terminals = sorted(
        (t for t in conf.terminals if t.name in accepts or t.name in conf.ignore),
        key=lambda t: (-t.priority, -t.pattern.max_width, -len(t.pattern.value), t.name),
    )
    return re.compile("|".join(f"(?P<{t.name}>{t.pattern.to_regexp()})" for t in terminals), conf.g_regex_flags)


@attrs.frozen
class _State:
    """A state ready to read with: its scanner, its steps, and the step of a blank line."""

    rx: re.Pattern[str]
    steps: Mapping[str, Step]
    blank: Optional[Step]


@attrs.frozen
class _Reader:
    """A grammar ready to read with: its states, and its ignored terminals alone (what
    may follow a line token before the line's end)."""

    states: Mapping[str, _State]
    start: _State
    ignore: frozenset[str]
    blanks: Optional[re.Pattern[str]]


@functools.cache
def _reader(compiled: Lark, name: str) -> _Reader:
    shape, ignore = SHAPES[name], frozenset(compiled.lexer_conf.ignore)
    states = {
        state: _State(scanner(compiled, frozenset(steps) - {NL}), steps, steps.get(NL))
        for state, steps in shape.states.items()
    }
    return _Reader(states, states[shape.start], ignore, scanner(compiled, frozenset()) if ignore else None)


def parse(text: str, name: str, compiled: Lark) -> Tree:
    """The tree ``grammars/<name>.lark`` (compiled: ``compiled``) gives ``text`` (a
    cleaned capture: lines ended by ``\\n``), built line by line. Raises lark's
    ``UnexpectedCharacters`` where lark would stop: at a character no terminal accepted
    there reads, or at a blank line the grammar takes nowhere."""
    reader = _reader(compiled, name)
    states, ignore, state = reader.states, reader.ignore, reader.start
    items: list = []
    stack = [items]
    pos, number, end = 0, 1, text.find("\n")
    while end >= 0:
        at, last = pos, None  # last: the step of the line's last token
        while at < end:
            m = state.rx.match(text, at)
            if m is None or m.end() <= at:
                raise UnexpectedCharacters(text, at, number, at - pos + 1)
            kind, stop = str(m.lastgroup), m.end()
            token = Token(kind, m.group(), at, number, at - pos + 1, number, stop - pos + 1, stop)
            if stop > end:  # a token of several lines (ldm's skipped sections): its last is the line now
                newline = text.rindex("\n", at, stop)
                number += text.count("\n", at, stop)
                pos, end = newline + 1, text.find("\n", stop)
                token.end_line, token.end_column = number, stop - newline
                if end < 0:
                    raise UnexpectedCharacters(text, stop, number, stop - pos + 1)
            if kind not in ignore:
                last = state.steps[kind]
                del stack[last.keep + 1 :]
                for rule in last.opens:
                    node: list = []
                    stack[-1].append(Tree(rule, node))
                    stack.append(node)
                stack[-1].append(token)
                state = states[last.then]
                if not last.word:  # a line token: nothing but ignored blanks may follow it
                    stop = _blanks(reader.blanks, text, stop, end)
                    if stop < end:
                        raise UnexpectedCharacters(text, stop, number, stop - pos + 1)
            at = stop
        if last is None or last.word:  # the line's _NL, read where its words (or nothing) left off
            if state.blank is None:
                raise UnexpectedCharacters(text, end, number, end - pos + 1)
            state = states[state.blank.then]
        pos, number, end = end + 1, number + 1, text.find("\n", end + 1)
    return Tree("start", items)


def _blanks(blanks: Optional[re.Pattern[str]], text: str, at: int, end: int) -> int:
    """Where the ignored terminals (blanks lark skips) from ``at`` end, within the line."""
    while blanks is not None and at < end:
        m = blanks.match(text, at)
        if m is None or not at < m.end() <= end:
            break
        at = m.end()
    return at
