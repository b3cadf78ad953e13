"""What a paste adds around a command's output, told apart from the output itself.

Captures reach ipmplint as files written by a collector, but just as often as text
copied from a terminal, a ticket or a web page. Such a paste carries lines the command
never printed, in every format alike:

- the shell prompt, with the command echoed after it (``primary# ldm list -l``,
  ``root@ldg1:~# ipmpstat -g``, ``[root@localhost ~]# ifconfig -a``, ``host:~ #``,
  ``-bash-4.1$``) or alone, as the paste's last line;
- the output glued to the echoed command on one line, when a web page lost the line
  break (``# ifconfig hme0 hme0: flags=1000843<UP,...> mtu 1500 index 2``);
- the lines of other commands typed in between (``# if_mpadm -d vnic0``);
- elisions: a ``...`` (or ``[...]``, ``<snip>``) where the author left rows out.

This module recognises those lines, one at a time and the same way for every parser
(``base.ParseContext`` applies it before any grammar sees the text). What it knows of
a command is only what names the output below it: the program, and the capture kind
its words stand for (``kinds.py`` aliases: ``ldm list-bindings`` is
``ldm-list-bindings``), whose content patterns tell where glued output begins.

Nearly every line of a capture is output, so a file is first scanned once as a whole
(``candidates``) for the few lines that can be a prompt, a command or an elision, and
only those are read one at a time: output costs a line of a regular expression's scan,
not a Python call (``tests/parsers/test_paste_candidates.py`` checks that the scan
never passes over a line ``elision`` or ``echo`` accepts).
"""

from __future__ import annotations

import functools
import re
from typing import Iterable, Optional

import attrs

#: The prompt before an echoed command: ``#``, ``$``, ``%`` alone or after a user,
#: host and directory (``root@host:~#``, ``bash-3.2#``, ``primary#``, ``-bash-4.1$``),
#: in brackets (``[root@localhost ~]#``), or with a blank before the sign (``host:~ #``,
#: SUSE and HP-UX shells). ``>`` (csh, ksh PS1) needs a name before it, so a line of
#: output ending in ``>`` is never taken for one, and a name holds a letter, so a lone
#: ``0.6%`` (a cell wrapped onto a line of its own) is none. A blank or the line's end
#: follows.
_PROMPT = re.compile(
    r"""(?P<prompt>
        \[[^\]\n]{1,80}\][ \t]?[#$%]
      | (?=[^\s#$%>]*[A-Za-z])[\w.@/()+-]{0,80}[:~][\w./~-]{0,80}[ \t]+[#$%]
      | (?=[^\s#$%>]*[A-Za-z])[\w.@:~/()+-]{1,80}[#$%>]
      | [#$%]
    )(?=[ \t]|$)""",
    re.VERBOSE,
)

#: Commands seen typed at a prompt in IPMP and LDoms pastes. A prompt sign followed by
#: another word is a comment in the files that have them (``# Internet host table``),
#: so a line is an echoed command only when its first word is one of these.
COMMANDS = frozenset(
    """
    ldm ifconfig netstat cat ipadm ipmpstat dladm routeadm eeprom svcprop svccfg route
    virtinfo more less head tail grep egrep fgrep uname hostname explorer if_mpadm
    in.mpathd pkill kill svcs svcadm ls echo date zonename zlogin pkg showrev prtconf
    prtdiag uptime who whoami id pwd cd ssh su sudo pfexec vi view clear exit ping
    traceroute snoop arp kstat dmesg init reboot shutdown ipmpadm cfgadm modinfo
    prtvtoc ldmd ldmconfig sleep sort awk sed wc tee find
""".split()
)

#: Words before the program that change who runs it, not what it prints.
_WRAPPERS = frozenset({"sudo", "pfexec", "time", "nohup"})

#: Programs that print a file: what they print is the file, after its name.
VIEWERS = frozenset({"cat", "more", "less", "head", "tail", "view"})

#: A line that stands for rows left out: ``...``, ``…``, ``[...]``, ``(...)``,
#: ``<snip>``, ``[snip]``, ``-- snip --``, ``[output truncated]``.
_ELISION = re.compile(
    r"[ \t]*(?:\.{3,}|…|[\[(<]\s*(?:\.{3,}|…|snip(?:ped)?|output\s+truncated|truncated)\s*[\])>]"
    r"|-+\s*snip\s*-+)[ \t]*",
    re.IGNORECASE,
)


def _alternation(words: Iterable[str]) -> str:
    """``words`` as one regular-expression alternation, grouped by first character:
    ``re`` enters a branch only when its first character matches, so a line is held
    against a hundred command names in some twenty comparisons, not a hundred."""
    rests: dict[str, list[str]] = {}
    for word in sorted(words):
        rests.setdefault(word[0], []).append(re.escape(word[1:]))
    return "(?:" + "|".join(f"{re.escape(first)}(?:{'|'.join(rest)})" for first, rest in rests.items()) + ")"


_NAMES = _alternation(COMMANDS | _WRAPPERS)

#: Where a line that ``elision`` or ``echo`` accepts starts, and a few more (a superset,
#: cheap to reject), tried once a line after its blanks (``\n``, a literal, first, so
#: ``re`` skips from line to line at the speed of a character search):
#: - an elision's first characters: ``...``, ``…``, ``[...``, ``(...``, ``<snip``,
#:   ``-- snip``;
#: - a command's name as the line's first word (an echo without a prompt: ``ipmpstat -g``;
#:   one named by its path, ``/usr/sbin/ldm``, is ``_PATH_COMMAND``'s);
#: - a prompt as ``_PROMPT`` reads one (``[root@host ~]#``; a first word running into its
#:   sign: ``primary#``, ``#``, ``root@host:~#``; or holding ``:``/``~`` and followed by
#:   blanks and a sign: ``host:~ #``), then nothing or a command's name: a comment
#:   (``# Internet host table``) is none.
#: Leading blanks are spaces and tabs, as ``_PROMPT`` and ``_ELISION`` take them; the
#: command's first word may follow any blank, as ``str.split`` finds it. A line whose
#: end the cleaning strips (``\r``, trailing blanks) is matched as its cleaned self:
#: what follows a name or a bare prompt is tested as blanks, which those are too.
_CANDIDATE = re.compile(
    r"""\n[ \t]*+(?:
        \.\.\.|…|[\[(<][^\S\n]*+(?:\.\.\.|…|(?i:[sot]))|-++[^\S\n]*+(?i:s)
      | [^\S\n]*+"""
    + _NAMES
    + r"""(?!\S)
      | (?:\[[^\]\n]*+\][ \t]?+[#$%]|[^ \t\n#$%>:~]*+(?:[#$%>]|[:~][^ \t\n#$%>]*+(?:[#$%>]|[ \t]++[#$%])))
        [^\S\n]*+(?:(?![^\n])|"""
    + _NAMES
    + r"""(?!\S)))""",
    re.VERBOSE,
)

#: A command named by its path (``/usr/sbin/ipmpstat -g``, after a prompt or not): a
#: name after a ``/`` anywhere (rare in output: ``/platform/sun4v`` is none).
_PATH_COMMAND = re.compile(r"/" + _NAMES + r"(?!\S)")


def candidates(text: str) -> list[int]:
    """The 0-based numbers of the lines of ``text`` (split at ``\n``) that may be a
    prompt, an echoed command or an elision: every line ``elision`` or ``echo`` accepts
    (as the cleaning leaves it) is among them, and few others are. Each place found is
    given its line by counting newlines from the place before: one pass, however many
    places a line holds."""
    places = [m.start() for m in _CANDIDATE.finditer("\n" + text)]  # where each line starts
    if "/" in text:
        places = sorted(places + [m.start() for m in _PATH_COMMAND.finditer(text)])
    numbers: list[int] = []
    line = at = 0
    for place in places:
        line += text.count("\n", at, place)
        at = place
        if not numbers or numbers[-1] != line:
            numbers.append(line)
    return numbers


#: A word of a command line.
_WORD = re.compile(r"\S+")

#: A word that may be part of a capture's name (``list-bindings``), not an option's value.
_NAME_WORD = re.compile(r"[\w.,-]+")

#: A column gap after a command, before two or more words: output, not arguments.
_GAP = re.compile(r"(?<=\S)[ \t]{2,}(?=\S+[ \t]+\S)")

#: The message an elision is warned with, in every format.
ELIDED = "elided output ('...'): rows may be missing here"

#: The message for words glued to a command that no line of its output starts with.
UNREAD = "text after the echoed command looks like output glued to it, but not like its first line; not read"


@attrs.frozen
class Echo:
    """A prompt line: where its command starts, which program runs, and where output
    glued to it starts (all 0-based offsets into the line)."""

    #: Where the command starts (after the prompt and its blanks, if any); len(line)
    #: for a bare prompt.
    command: int
    #: The program's name (its last path part), or None for a bare prompt.
    program: Optional[str]
    #: The capture kind the command's words name (``kinds.py`` aliases), if any.
    kind: Optional[str]
    #: Where output glued to the command starts; None when the line holds none.
    output: Optional[int] = None
    #: Where text that looks like output but is no line of the kind's starts (words
    #: apart from the command by a column gap, which nobody types); None without.
    unread: Optional[int] = None

    @property
    def bare(self) -> bool:
        """A prompt with no command after it (a paste's last line)."""
        return self.program is None


def elision(line: str) -> bool:
    """Whether a line only stands for rows left out."""
    return _ELISION.fullmatch(line) is not None


def echo(line: str) -> Optional[Echo]:
    """The prompt line ``line`` is, or None when it is not one (a line of output, a
    comment). A web page often shows the command without a prompt (``ipmpstat -g``):
    a line is one too when it starts with a command whose words name a capture kind."""
    stripped = line.lstrip(" \t")
    lead = len(line) - len(stripped)
    m = _PROMPT.match(stripped) if "#" in line or "$" in line or "%" in line or ">" in line else None
    if m is None:
        first = stripped.split(None, 1)[0] if stripped else ""
        if first not in _WRAPPERS and first.rsplit("/", 1)[-1] not in COMMANDS:
            return None  # most lines: output, not a command (checked first, it is cheap)
        unprompted = _command(line, [(w.group(0), w.start()) for w in _WORD.finditer(line)])
        return unprompted if unprompted is not None and unprompted.kind is not None else None
    start = lead + m.end()
    words = [(w.group(0), w.start()) for w in _WORD.finditer(line, start)]
    if not words:
        return Echo(len(line), None, None)
    return _command(line, words)


def _command(line: str, words: list[tuple[str, int]]) -> Optional[Echo]:
    """The echo of a command whose words (with offsets) follow a prompt."""
    if not words:
        return None
    at = 0
    while at < len(words) - 1 and words[at][0] in _WRAPPERS:
        at += 1
    program = words[at][0].rsplit("/", 1)[-1]
    if program not in COMMANDS:
        return None
    args = words[at + 1 :]
    kind = command_kind(program, [w for w, _ in args])
    output = _output(line, program, kind, args)
    gap = _GAP.search(line, words[at][1]) if output is None else None
    return Echo(words[0][1], program, kind, output, gap.end() if gap else None)


def command_kind(program: str, args: list[str]) -> Optional[str]:
    """The capture kind a command prints: its longest run of leading words that is a
    capture's name (``ldm list-bindings ldg1`` → ``ldm-list-bindings``), or the kind of
    the file a viewer prints (``cat /etc/inet/hosts`` → ``hosts``)."""
    from ipmplint.capture import filenames

    if program in VIEWERS:
        operands = [a for a in args if not a.startswith("-")]
        return filenames.kind_of(operands[0].rsplit("/", 1)[-1]) if operands else None
    words = [program]
    for a in args:
        if _NAME_WORD.fullmatch(a) is None:
            break
        words.append(a)
    for n in range(len(words), 0, -1):
        kind = filenames.kind_of("-".join(words[:n]))
        if kind is not None:
            return kind
    return None


def _output(line: str, program: str, kind: Optional[str], args: list[tuple[str, int]]) -> Optional[int]:
    """Where the output glued after a command starts: at the first argument where a
    line of the kind's output can start, or, for a viewer, after the file's name."""
    if program in VIEWERS:
        operands = [i for i, (a, _) in enumerate(args) if not a.startswith("-")]
        if operands and operands[0] + 1 < len(args):
            return args[operands[0] + 1][1]
        return None
    starts = output_starts(kind)
    for _, offset in args:
        if any(p.match(line, offset) for p in starts):
            return offset
    return None


@functools.cache
def output_starts(kind: Optional[str]) -> tuple[re.Pattern[str], ...]:
    """The content patterns (``Kind.sniff``) of every kind read by the same parser as
    ``kind``: where a line of its output can start."""
    from ipmplint.capture import kinds

    if kind is None:
        return ()
    parser = kinds.BY_NAME[kind].parser
    return tuple(re.compile(k.sniff) for k in kinds.KINDS if k.parser == parser and k.sniff)


@functools.cache
def _grammar_prompt() -> re.Pattern[str]:
    """The grammars' own ``PROMPT`` terminal (``grammars/common.lark``), read from there
    so the commands the grammars hand their transformers are listed once."""
    from ipmplint.parsers import grammar_files

    text = grammar_files.text("common.lark")
    m = re.search(r"^PROMPT(?:\.\d+)?:[ \t]*/(.*)/[ \t]*$", text, re.MULTILINE)
    assert m is not None, "grammars/common.lark defines PROMPT"
    return re.compile(m.group(1))


def grammar_prompt(line: str) -> bool:
    """Whether the grammars read ``line`` as a prompt (their transformers use its command)."""
    return _grammar_prompt().fullmatch(line) is not None
