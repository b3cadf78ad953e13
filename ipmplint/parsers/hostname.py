"""``/etc/hostname.<if>`` and ``/etc/hostname6.<if>`` (Solaris 10) → ``HostnameFile``:
the interface's persistent configuration, as it will be applied at the next boot.

The file holds ``ifconfig`` arguments, one stream of words (ifconfig(1M), "Configuration files"): a
``\\`` continuation and a plain second line both continue it, and ``addif <addr>``
starts a new logical interface, so the grammar (``grammars/hostname.lark``) yields
words and this module walks them in order. Each ``HostnameEntry`` is one logical
interface: the words before the first ``addif`` (whose first word is the address or a
host name), then one entry per ``addif`` clause.

A word ipmplint does not know, or a keyword missing its value, is a warning at that
word and stays out of the model, so a typo (``standyb``) cannot pass as configuration.
Pastes that hold several files (``# cat /etc/hostname.bge2`` ... ``# cat
/etc/hostname.bge3``, or Sun Doc 70062's ``/etc/hostname.qfe0`` + dashes headings) are
read for the named interface only; another file's lines are warned, not merged.
"""

from __future__ import annotations

import re
from typing import Any, Optional

import attrs

from ipmplint.capture import filenames
from ipmplint.model import HostnameEntry, HostnameFile, Source, addressing
from ipmplint.parsers import fields
from ipmplint.parsers.base import CaptureTransformer, ParseContext, ParseResult, run
from ipmplint.parsers.tokens import Token

KIND = "hostname"

#: Keywords that read the next word as their value (ifconfig(1M); the ``cmds`` table
#: of ifconfig's source lists every one).
VALUE_KEYWORDS = frozenset(
    {
        "netmask",
        "broadcast",
        "group",
        "addif",
        "mtu",
        "metric",
        "index",
        "set",
        "destination",
        "zone",
        "ether",
        "usesrc",
        "token",
        "wait",
        # also ifconfig(1M) syntax, seen less often in hostname files
        "removeif",
        "subnet",
        # tunnels (hostname.ip.tun0: "tsrc 192.168.8.20 tdst 192.168.7.19 up") and STREAMS modules
        "tsrc",
        "tdst",
        "encaplimit",
        "thoplimit",
        "auth_algs",
        "encr_algs",
        "encr_auth_algs",
        "modinsert",
        "modremove",
    }
)

#: Keywords that stand alone.
FLAG_KEYWORDS = frozenset(
    {
        "deprecated",
        "-deprecated",
        "failover",
        "-failover",
        "standby",
        "-standby",
        "up",
        "down",
        "plumb",
        "-trailers",
        "private",
        "-private",
        "inet",
        "inet6",
        "auto-revarp",
        "dhcp",
        "primary",
        "auto-dhcp",
        "-arp",
        "arp",
        # also ifconfig(1M) syntax, seen less often in hostname files
        "trailers",
        "router",
        "-router",
        "xmit",
        "-xmit",
        "nud",
        "-nud",
        "all-zones",
        "-zone",
        "anycast",
        "-anycast",
        "local",
        "-local",
        "preferred",
        "-preferred",
        "failed",
        "-failed",
        "-encaplimit",
        "modlist",
        "unplumb",
        # Solaris Express / OpenSolaris: the interface is an IPMP interface
        "ipmp",
    }
)

KEYWORDS = VALUE_KEYWORDS | FLAG_KEYWORDS

#: Words that may come before the address, as in ``ifconfig vnet0 plumb 192.168.1.1 ...``
#: or ``inet 10.1.1.1 ...``: the address still counts as the entry's first word.
_PREAMBLE = frozenset({"plumb", "inet", "inet6"})

#: What an address or a host name can look like (IPv6 may start with ``::``, and
#: ``addif 2001:db8::1/64`` carries a prefix length).
_ADDRESS = re.compile(r"^[A-Za-z0-9_:][\w.:%-]*(?:/\d{1,3})?$")

#: Boolean keywords → (HostnameEntry field, value).
_FLAGS: dict[str, tuple[str, bool]] = {
    "deprecated": ("deprecated", True),
    "-deprecated": ("deprecated", False),
    "-failover": ("nofailover", True),
    "failover": ("nofailover", False),
    "standby": ("standby", True),
    "-standby": ("standby", False),
    "up": ("up", True),
    "down": ("up", False),
    "ipmp": ("ipmp", True),
}

#: Point-to-point interfaces (tunnels): a second address word is the far end.
_TUNNEL = re.compile(r"^ip6?(?:to4)?\.tun\d+$")

#: A prompt that shows one hostname file: ``# cat /etc/hostname.bge3``.
_SHOW_FILE = re.compile(
    r"[#$%>]\s*(?:sudo\s+|pfexec\s+)?(?:\S*/)?(?:cat|more|less|head|tail|pg|view)\s+"
    r"(?:-\S+\s+)*(?P<path>\S*hostname6?\.\S+?):?$"
)


@attrs.define
class _Entry:
    """A ``HostnameEntry`` under construction: where it starts, whether ``addif`` opened
    it, the fields its words gave so far by the model's attribute names (so the fields
    are defined once, in the model), and whether only preamble words came yet. The
    entry is built once, when the file is read (``fact``), not copied at every word."""

    source: Source
    addif: bool = False
    fields: dict[str, Any] = attrs.Factory(dict)
    #: Only preamble words (``plumb``, ``inet``) so far: the address may still come.
    preamble: bool = True

    def set(self, **changes: Any) -> None:
        self.fields.update(changes)

    def get(self, field: str) -> Any:
        """A field given so far (None when no word gave it)."""
        return self.fields.get(field)

    def fact(self) -> HostnameEntry:
        return HostnameEntry(source=self.source, addif=self.addif, **self.fields)


class HostnameTransformer(CaptureTransformer):
    """Walks the word stream of one hostname file into ``HostnameEntry`` objects."""

    def __init__(self, ctx: ParseContext, interface: str, family: str) -> None:
        super().__init__(ctx)
        self.interface = interface
        self.family = family

    # -- lines: tagged for the stream walk in ``start`` ---------------------------------

    def filehead(self, children: list[Token]) -> Any:
        """A file's name as a heading, and the rule of dashes under it if any."""
        return ("file", children[0], children[1] if len(children) > 1 else None)

    def prompt(self, children: list[Token]) -> Any:
        return ("prompt", children[0])

    def comment(self, children: list[Token]) -> Any:
        return ("comment", children[0])

    def words(self, children: list[Token]) -> Any:
        return ("words", [t for t in children if t.type == "WORD"])

    # -- the stream ------------------------------------------------------------------

    def start(self, items: list) -> HostnameFile:
        self.entries: list[_Entry] = []
        self.pending: Optional[Token] = None  # a value keyword waiting for its value
        foreign: Optional[str] = None  # the other file whose lines follow, if any
        for item in items:
            kind, tok = item[0], item[1]
            if kind == "file":
                self.ctx.skip(tok.line)
                if item[2] is not None:
                    self.ctx.skip(item[2].line)
                foreign = self._foreign(tok.value.strip().rstrip(":"), foreign)
            elif kind == "prompt":
                self.ctx.skip(tok.line)
                m = _SHOW_FILE.search(tok.value)
                if m:
                    foreign = self._foreign(m.group("path"), foreign)
            elif kind == "comment":
                self.ctx.skip(tok.line)
            elif foreign is not None:
                first = tok[0]
                self.ctx.warn(first.line, first.column, f"line of {foreign}, not of {self._name()}; not read")
            else:
                self._line(tok)
        if self.pending is not None:
            self._missing_value(self.pending)
        return HostnameFile(
            interface=self.interface,
            source=self.ctx.source(1),
            family=self.family,
            entries=tuple(e.fact() for e in self.entries),
        )

    def _name(self) -> str:
        return f"hostname{'6' if self.family == 'inet6' else ''}.{self.interface}"

    def _foreign(self, path: str, current: Optional[str]) -> Optional[str]:
        """The file a heading names, when it is not this one (None when it is this one)."""
        named = filenames.hostname_interface(path.rsplit("/", 1)[-1])
        if named is None:
            return current
        interface, family = named
        if (interface, family) == (self.interface, self.family):
            return None
        return path

    def _line(self, words: list[Token]) -> None:
        self.ctx.consume(words[0].line)
        last = len(words) - 1
        for i, tok in enumerate(words):
            word = tok.value
            if word == "\\":
                if i != last:
                    self._unknown(tok, "a backslash that does not end the line")
                continue  # a continuation: the stream goes on either way
            if word.endswith("\\") and i == last:
                self.ctx.warn(
                    tok.line,
                    tok.column + len(word) - 1,
                    f"'\\' glued to '{word[:-1]}' joins it to the next line's first word; "
                    f"read as '{word[:-1]}' then a continuation",
                )
                word = word[:-1]
            self._word(tok, word)

    def _word(self, tok: Token, word: str) -> None:
        if self.pending is not None:
            keyword, self.pending = self.pending, None
            if word not in KEYWORDS:
                self._value(keyword, tok, word)
                return
            self._missing_value(keyword)
        if word in VALUE_KEYWORDS:
            self.pending = tok
            if word == "addif":
                self.entries.append(self._open(tok, addif=True))
            else:
                self._current(tok).preamble = False
        elif word in FLAG_KEYWORDS:
            entry = self._current(tok)
            if word in _FLAGS:
                name, value = _FLAGS[word]
                entry.set(**{name: value})
            if word not in _PREAMBLE:
                entry.preamble = False
        elif word.startswith("groupname"):  # ifconfig -a's word, pasted for the file's
            self._unknown(tok, f"'{word}' is how ifconfig -a prints a group; a hostname file says 'group <name>'")
        elif self._takes_address() and _ADDRESS.match(word):
            entry = self._current(tok)
            entry.set(address=word)
            entry.preamble = False
            self._check_address(tok, word)
        elif self._literal(word) and self.entries and self.entries[-1].get("address") is None:
            # ifconfig takes a word that is no keyword as the address wherever it
            # stands ("ipmp group itops0 192.168.10.10/24 up"); only an address
            # literal here, so that a misspelt keyword is never read as a host name
            self.entries[-1].set(address=word)
        elif self._literal(word) and self.entries and self.entries[-1].get("destination") is None:
            if _TUNNEL.match(self.interface):  # ifconfig's second address: the far end
                self.entries[-1].set(destination=word)
            else:
                self._unknown(
                    tok, f"a second address '{word}' (a point-to-point destination, and {self.interface} is no tunnel)"
                )
        else:
            self._unknown(tok, f"unknown word '{word}'")

    @staticmethod
    def _literal(word: str) -> bool:
        return addressing.ip(word.split("/", 1)[0]) is not None

    def _current(self, tok: Token) -> _Entry:
        """The entry a word applies to; the file's first word opens the first entry."""
        if not self.entries:
            self.entries.append(self._open(tok))
        return self.entries[-1]

    def _takes_address(self) -> bool:
        """The address is the entry's first word (after ``plumb``/``inet`` at most)."""
        if not self.entries:
            return True
        entry = self.entries[-1]
        return not entry.addif and entry.get("address") is None and entry.preamble

    def _value(self, keyword: Token, tok: Token, word: str) -> None:
        entry = self.entries[-1]  # a value keyword always has an entry (see _word)
        key = keyword.value
        if key in ("addif", "set"):
            if not _ADDRESS.match(word):
                self._unknown(tok, f"'{word}' is not an address or a host name")
                return
            entry.set(address=word)
            self._check_address(tok, word)
        elif key == "netmask":
            entry.set(netmask=word)
            if word != "+" and addressing.prefix_from_netmask(word) is None:
                self.ctx.warn(tok.line, tok.column, f"netmask '{word}' is not a contiguous mask")
        elif key == "broadcast":
            entry.set(broadcast=word)
        elif key == "group":
            entry.set(group=word)
        elif key in ("mtu", "metric", "index", "wait"):
            if not word.isdigit():
                self.ctx.warn(tok.line, tok.column, f"{key} '{word}' is not a number")
            elif key == "mtu":
                entry.set(mtu=int(word))
        # destination, zone, ether, usesrc, token, removeif, subnet, the tunnel and module
        # keywords: read, not used by any rule

    def _check_address(self, tok: Token, word: str) -> None:
        """An address word that is meant as an address but is none (anonymised
        ``10.888.999.133``) stays as the entry's text and is warned at its column, as
        every other parser does; a host name passes (it resolves through /etc/hosts,
        which judges it)."""
        bare = word.split("/", 1)[0]
        problem = fields.address_problem(bare) if fields.looks_like_address(bare) else None
        if problem is not None:
            self.ctx.warn(tok.line, tok.column, f"{problem} in {self._name()}; kept as text")

    def _missing_value(self, keyword: Token) -> None:
        self.ctx.warn(keyword.line, keyword.column, f"'{keyword.value}' is not followed by its value")

    def _unknown(self, tok: Token, message: str) -> None:
        self.ctx.warn(tok.line, tok.column, f"{message} in {self._name()}; ignored")

    def _open(self, tok: Token, addif: bool = False) -> _Entry:
        """A new entry opened by ``tok`` (an ``addif`` clause has no preamble)."""
        return _Entry(source=self.ctx.source(tok.line, tok.column), addif=addif, preamble=not addif)


def parse(text: str, path: str, interface: str, family: str = "inet") -> ParseResult[HostnameFile]:
    """Parse one hostname file of ``interface``. Never raises. An empty file is a
    ``HostnameFile`` with no entries (plumb only)."""
    ctx = ParseContext(path, text, KIND)
    return run(ctx, "hostname", HostnameTransformer, interface, family)
