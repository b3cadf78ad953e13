"""``ifconfig -a`` (Solaris 10 and 11) → ``IfconfigCapture``: the domain's runtime state.

The grammar (``grammars/ifconfig.lark``) tokenises whole lines and groups them into
stanzas; this Transformer reads the words of each line into ``LogicalInterface``
objects. A value that cannot be used (an anonymised address, an unknown keyword) is a
warning on that token, and the interface stays in the model.
"""

from __future__ import annotations

import functools
import re
from typing import Any, Optional

from ipmplint.model import Address, IfconfigCapture, LogicalInterface, Source, Tunnel, addressing
from ipmplint.parsers import ifflags
from ipmplint.parsers.base import CaptureTransformer, ParseContext, ParseResult, first_column, run, tokens_with_columns
from ipmplint.parsers.tokens import Token

KIND = "ifconfig-a"

_HEADER = re.compile(
    r"^(?P<lead>[ \t]*)(?P<name>[A-Za-z][\w.-]*(?::\d+)?):[ \t]*"
    r"(?:flags=(?P<hex>[0-9a-fA-F]+)(?:<(?P<names>[^>]*)>)?)?(?P<rest>.*)$"
)
_FLAGS = re.compile(r"^[ \t]*flags=(?P<hex>[0-9a-fA-F]+)(?:<(?P<names>[^>]*)>)?(?P<rest>.*)$")


class _Header:
    """The words of a stanza's header, possibly gathered from wrapped lines."""

    def __init__(self, name: str, source: Source) -> None:
        self.name = name
        self.source = source
        self.flags: frozenset[str] = frozenset()
        self.flags_hex: Optional[str] = None
        self.mtu: Optional[int] = None
        self.index: Optional[int] = None
        self.metric: Optional[int] = None


class IfconfigTransformer(CaptureTransformer):
    """Builds ``LogicalInterface`` objects straight from the line tokens."""

    STRAY = "line outside any interface stanza"

    # -- stanzas ----------------------------------------------------------------

    def start(self, items: list) -> IfconfigCapture:
        interfaces = tuple(i for i in items if isinstance(i, LogicalInterface))
        return IfconfigCapture(source=self.ctx.source(1), interfaces=interfaces, shown=self._shown())

    def _shown(self) -> tuple[str, ...]:
        """The interfaces the echoed ``ifconfig <if> [inet|inet6]`` commands named, when
        no echoed ``ifconfig`` showed more (``-a``, or anything else): ifconfig(1M) shows
        one interface so, all of them with ``-a``. Read from the paste's echoes, so a
        command whose output a page glued to it counts too."""
        shown: list[str] = []
        for number, echo in sorted(self.ctx.echoes.items()):
            if echo.program != "ifconfig":
                continue
            line = self.ctx.original[number - 1]
            words = line[echo.command : echo.output].split()
            at = next((i for i, w in enumerate(words) if w.rsplit("/", 1)[-1] == "ifconfig"), len(words))
            args = words[at + 1 :]
            if not args or not _SHOWN.match(args[0]) or any(a not in ("inet", "inet6") for a in args[1:]):
                return ()
            shown.append(args[0])
        return tuple(dict.fromkeys(shown))

    def stanza(self, children: list) -> LogicalInterface:
        header: _Header = children[0]
        fields: dict = {}
        tunnel: dict = {}
        for detail in children[1:]:
            for key, value, tok, col in detail or ():
                if key in _HEADER_WORDS:  # the header's word wrapped onto a detail line
                    if getattr(header, key) is not None:
                        self.ctx.warn(tok.line, col, f"second '{key}' for {header.name}; the first is kept")
                    else:
                        setattr(header, key, value)
                    continue
                into = tunnel if key in _TUNNEL_PARTS else fields
                if key in into:
                    self.ctx.warn(tok.line, col, f"second '{key}' in one stanza; the first is kept")
                    continue
                into[key] = value
        return LogicalInterface(
            name=header.name,
            source=header.source,
            flags=header.flags,
            flags_hex=header.flags_hex,
            mtu=header.mtu,
            index=header.index,
            address=fields.get("address"),
            group=fields.get("group"),
            mac=fields.get("mac"),
            zone=fields.get("zone"),
            peer=fields.get("peer"),
            subnet=fields.get("subnet"),
            metric=header.metric,
            tunnel=Tunnel(**tunnel) if tunnel else None,
            usesrc=fields.get("usesrc"),
            srcof=fields.get("srcof", ()),
            ipib=fields.get("ipib"),
        )

    def header(self, children: list[Token]) -> _Header:
        if children[0].type == "IFNAME":
            return self._wrapped_header(children)
        tok = children[0]
        m = _HEADER.match(tok.value)
        assert m is not None  # the terminal only matches such lines
        header = _Header(m.group("name"), self.ctx.source(tok.line, tok.column + len(m.group("lead"))))
        self.ctx.consume(tok.line)
        if m.group("hex") is None:
            self.ctx.warn(tok.line, tok.column + m.start("rest"), "flags= value is not hexadecimal")
        else:
            self._flags(header, tok, m)
        self._mtu_index(header, tok, m.group("rest"), m.start("rest"))
        for cont in children[1:]:  # the header's words wrapped onto their own lines
            self.ctx.consume(cont.line)
            self._mtu_index(header, cont, cont.value, 0)
        return header

    def _wrapped_header(self, children: list[Token]) -> _Header:
        name_tok = children[0]
        name = name_tok.value.strip().rstrip(":")
        header = _Header(name, self.ctx.source(name_tok.line, first_column(name_tok)))
        self.ctx.consume(name_tok.line)
        if len(children) == 1:
            self.ctx.warn(name_tok.line, name_tok.column, f"interface {name}: no flags= line follows")
        for tok in children[1:]:
            self.ctx.consume(tok.line)
            m = _FLAGS.match(tok.value)
            if m:
                self._flags(header, tok, m)
                self._mtu_index(header, tok, m.group("rest"), m.start("rest"))
            else:
                self._mtu_index(header, tok, tok.value, 0)
        return header

    def _flags(self, header: _Header, tok: Token, m: re.Match) -> None:
        """Flag names as printed in ``<...>``; decoded from the hex value when absent."""
        hexval, names = m.group("hex"), m.group("names")
        header.flags_hex = hexval.lower()
        value = int(hexval, 16)
        if names is not None:
            header.flags, unknown = _flag_names(names)
            for word, offset in unknown:
                self.ctx.warn(tok.line, tok.column + m.start("names") + offset, f"unknown interface flag {word}")
        else:
            header.flags = ifflags.decode(value)
            if ifflags.unknown_bits(value):
                self.ctx.warn(
                    tok.line,
                    tok.column + m.start("hex"),
                    f"flags=0x{hexval} has bits ipmplint does not know: 0x{ifflags.unknown_bits(value):x}",
                )

    def _mtu_index(self, header: _Header, tok: Token, rest: str, offset: int) -> None:
        """The header's ``metric``, ``mtu`` and ``index`` words (ifconfig prints them in
        that order, metric only when not 0); a final ``\\`` wraps the header onto the
        next line, as the ifconfig(1M) manual's examples do."""
        words = tokens_with_columns(rest, tok.column + offset)
        if words and words[-1][0] == "\\":
            words.pop()
        i = 0
        while i < len(words):
            word, col = words[i]
            value = words[i + 1][0] if i + 1 < len(words) else None
            if word in ("metric", "mtu", "index") and value is not None and value.isdigit():
                setattr(header, word, int(value))
                i += 2
                continue
            self.ctx.warn(tok.line, col, f"unexpected word '{word}' in interface header")
            i += 1

    # -- detail lines ------------------------------------------------------------
    #
    # Each handler returns the line's facts as (key, value, token, column) items; the
    # stanza gathers them. What ifconfig prints (illumos ifconfig.c: ifstatus,
    # tun_status, in_status, in6_status, print_ifether):
    #   inet 192.168.1.10 netmask ffffff00 broadcast 192.168.1.255
    #   inet 10.0.0.1 --> 10.0.0.2 netmask ff000000        (point-to-point)
    #   inet subnet 10.1.0.0/16 netmask ffff0000           (NOLOCAL: no address)
    #   inet6 fe80::203:baff:fe17:4be0/10 [--> fe80::2]
    #   inet tunnel src 192.168.1.1 tunnel dst 192.168.2.1
    #   tunnel security settings  -->  use 'ipsecconf -ln -i ip.tun0'
    #   tunnel hop limit 60 tunnel encapsulation limit 4
    #   groupname ipmp0 / ether 0:3:ba:17:4b:e0 / ipib <IPoIB address> / zone z1 / all-zones
    #   usesrc vni0 / srcof qfe1 qfe2
    #   token ::203:baff:fe17:4be0/64 maxhops 255, ...      (ifconfig -v only)

    def detail(self, children: list[Token]) -> Any:
        tok = children[0]
        words = tokens_with_columns(tok.value, tok.column)
        # a header's words a page wrapped onto this line: "index 2 inet ..." (flush left,
        # a web mirror), "mtu 1500 index 4 inet ..." (indented, the IP Services guide)
        wrapped: list = []
        while len(words) > 2 and words[0][0] in _HEADER_WORDS and words[1][0].isdigit():
            (word, col), (value, _) = words[0], words[1]
            wrapped.append((word, int(value), tok, col))
            words = words[2:]
        keyword = words[0][0]
        handler = _DETAIL_HANDLERS.get(keyword, "_groupname" if keyword.startswith("groupname") else None)
        if keyword == "token" and _TOKEN.match(tok.value):
            self.ctx.skip(tok.line)  # ifconfig -v's IPv6 token line: no rule uses it
            return None
        if handler is None:
            self.ctx.warn(tok.line, words[0][1], f"detail line '{keyword}' is not understood")
            return None
        self.ctx.consume(tok.line)
        return wrapped + getattr(self, handler)(tok, words)

    def _inet(self, tok: Token, words: Words) -> list:
        family = words[0][0]
        if len(words) < 2:
            self.ctx.warn(tok.line, words[0][1], f"{family} line without an address")
            return []
        if words[1][0] == "tunnel":
            return self._tunnel_ends(tok, words)
        if words[1][0] == "subnet":  # NOLOCAL: ifconfig prints no local address
            return self._inet_words(tok, words, 1, family)
        text, col = words[1]
        prefix: Optional[int] = None
        if family == "inet6" and "/" in text:
            text, _, plen = text.partition("/")
            prefix = int(plen) if plen.isdigit() else None
            if prefix is None:
                self.ctx.warn(tok.line, col + len(text) + 1, f"'{plen}' is not a prefix length")
        ip = addressing.ip(text)
        if ip is None:
            self.ctx.warn(tok.line, col, f"'{text}' is not a valid {'IPv6' if family == 'inet6' else 'IPv4'} address")
        items = self._inet_words(tok, words, 2, family)
        values = {key: value for key, value, _, _ in items}
        address = Address(
            text=text,
            source=self.ctx.source(tok.line, col),
            family=family,
            ip=ip,
            prefixlen=values.pop("prefixlen", prefix),
            broadcast=values.pop("broadcast", None),
        )
        return [("address", address, tok, col)] + [i for i in items if i[0] in values]

    def _inet_words(self, tok: Token, words: Words, start: int, family: str) -> list:
        """The keyword/value pairs after the address: netmask, broadcast, the
        point-to-point peer (``-->``), the subnet of a NOLOCAL interface."""
        items: list = []
        i = start
        while i < len(words):
            word, wcol = words[i]
            value = words[i + 1] if i + 1 < len(words) else None
            key = _INET_KEYWORDS.get(word)
            if key is None or value is None:
                what = f"'{word}' is not followed by its value" if key else f"unexpected word '{word}'"
                self.ctx.warn(tok.line, wcol, f"{what} on {family} line")
                i += 1
                continue
            if key == "prefixlen":
                prefix = addressing.prefix_from_netmask(value[0])
                if prefix is None:
                    self.ctx.warn(tok.line, value[1], f"netmask '{value[0]}' is not a contiguous mask")
                else:
                    items.append((key, prefix, tok, wcol))
            else:
                items.append((key, value[0], tok, wcol))
            i += 2
        return items

    def _tunnel_ends(self, tok: Token, words: Words) -> list:
        """``inet tunnel src A tunnel dst B``: the tunnel's outer addresses (dst absent
        until set)."""
        items: list = [("family", words[0][0], tok, words[0][1])]
        i = 1
        while i < len(words):
            pair = " ".join(w for w, _ in words[i : i + 2])
            if pair in ("tunnel src", "tunnel dst") and i + 2 < len(words):
                items.append((pair.split()[1], words[i + 2][0], tok, words[i][1]))
                i += 3
                continue
            self.ctx.warn(tok.line, words[i][1], f"unexpected word '{words[i][0]}' on a tunnel line")
            i += 1
        return items

    def _tunnel(self, tok: Token, words: Words) -> list:
        m = _TUNNEL_SECURITY.match(tok.value)
        if m:
            return [("security", m.group("settings").strip(), tok, words[0][1])]
        m = _TUNNEL_LIMITS.match(tok.value)
        if m and (m.group("hop") or m.group("encap")):
            items: list = []
            if m.group("hop"):
                items.append(("hop_limit", int(m.group("hop")), tok, words[0][1]))
            if m.group("encap"):
                encap = m.group("encap")
                items.append(
                    ("encap_limit", -1 if encap == "disabled" else int(encap), tok, tok.column + m.start("encap"))
                )
            return items
        self.ctx.warn(tok.line, words[0][1], "tunnel line not understood")
        return []

    def _groupname(self, tok: Token, words: Words) -> list:
        if words[0][0] != "groupname":  # groupname glued to its value: "groupnameipmp0"
            self.ctx.warn(tok.line, words[0][1], f"'{words[0][0]}' is not 'groupname <name>'; no group read")
            return []
        if len(words) < 2:  # ifconfig prints the line only for a named group
            self.ctx.warn(tok.line, words[0][1], "groupname line without a group name")
            return []
        if len(words) > 2:
            self.ctx.warn(tok.line, words[2][1], "extra words after the group name")
        return [("group", words[1][0], tok, words[0][1])]

    def _ether(self, tok: Token, words: Words) -> list:
        if len(words) < 2:
            self.ctx.warn(tok.line, words[0][1], "ether line without an address")
            return []
        mac, col = words[1]
        if addressing.normalize_mac(mac) is None:
            self.ctx.warn(tok.line, col, f"'{mac}' is not a usable MAC address (anonymised?)")
        if len(words) > 2:
            self.ctx.warn(tok.line, words[2][1], "extra words after the MAC address")
        return [("mac", mac, tok, words[0][1])]

    def _ipib(self, tok: Token, words: Words) -> list:
        """``ipib <address>``: an IPoIB interface's hardware address (print_ifether)."""
        if len(words) != 2:
            self.ctx.warn(tok.line, words[0][1], "ipib line not understood")
            return []
        return [("ipib", words[1][0], tok, words[0][1])]

    def _zone(self, tok: Token, words: Words) -> list:
        if words[0][0] == "all-zones":
            zone: Optional[str] = "all-zones"
        elif len(words) < 2:
            self.ctx.warn(tok.line, words[0][1], "zone line without a zone name")
            return []
        else:
            zone = words[1][0]
        extra = 1 if words[0][0] == "all-zones" else 2
        if len(words) > extra:
            self.ctx.warn(tok.line, words[extra][1], "extra words after the zone")
        return [("zone", zone, tok, words[0][1])]

    def _usesrc(self, tok: Token, words: Words) -> list:
        """``usesrc vni0``; ``usesrc ifIndex 7`` when the index has no name any more."""
        names = [w for w, _ in words[1:]]
        if len(names) == 1 or (len(names) == 2 and names[0] == "ifIndex" and names[1].isdigit()):
            return [("usesrc", " ".join(names), tok, words[0][1])]
        self.ctx.warn(tok.line, words[0][1], "usesrc line not understood")
        return []

    def _srcof(self, tok: Token, words: Words) -> list:
        if len(words) < 2:
            self.ctx.warn(tok.line, words[0][1], "srcof line without an interface")
            return []
        return [("srcof", tuple(w for w, _ in words[1:]), tok, words[0][1])]


Words = list[tuple[str, int]]

#: A detail line's first word → the method that reads the line.
_DETAIL_HANDLERS = {
    "inet": "_inet",
    "inet6": "_inet",
    "groupname": "_groupname",
    "ether": "_ether",
    "ipib": "_ipib",
    "zone": "_zone",
    "all-zones": "_zone",
    "tunnel": "_tunnel",
    "usesrc": "_usesrc",
    "srcof": "_srcof",
}

#: Words of an inet/inet6 line that take a value → the fact they give.
_INET_KEYWORDS = {"netmask": "prefixlen", "broadcast": "broadcast", "-->": "peer", "subnet": "subnet"}

#: An interface name as an ``ifconfig <if>`` command gives it (``hme0``, ``bge0:1``).
_SHOWN = re.compile(r"^[A-Za-z][\w.-]*\d(?::\d+)?$")

#: The header's words that a page may wrap onto the next line (``_Header`` fields).
_HEADER_WORDS = frozenset({"metric", "mtu", "index"})

#: Keys of the tunnel lines, gathered into one ``Tunnel``.
_TUNNEL_PARTS = frozenset({"family", "src", "dst", "hop_limit", "encap_limit", "security"})

_TUNNEL_SECURITY = re.compile(r"^[ \t]*tunnel[ \t]+security[ \t]+settings(?P<settings>.*)$")
_TUNNEL_LIMITS = re.compile(
    r"^[ \t]*(?:tunnel[ \t]+hop[ \t]+limit[ \t]+(?P<hop>\d+))?[ \t]*"
    r"(?:tunnel[ \t]+encapsulation[ \t]+limit[ \t]+(?P<encap>\d+|disabled))?[ \t]*$"
)
_TOKEN = re.compile(r"^[ \t]*token[ \t]+[0-9A-Fa-f:.]+/\d+\b[^\n]*$")


@functools.lru_cache(maxsize=4096)
def _flag_names(names: str) -> tuple[frozenset[str], tuple[tuple[str, int], ...]]:
    """The flags a ``<...>`` list names, and each name ifconfig does not print with its
    0-based offset in the list. A fleet's interfaces share a few dozen lists, so each is
    read once."""
    flags = frozenset(n.strip() for n in names.split(",") if n.strip())
    unknown = tuple(
        (word, col) for word, col in tokens_with_columns(names.replace(",", " "), 0) if word not in ifflags.KNOWN_NAMES
    )
    return flags, unknown


def parse(text: str, path: str) -> ParseResult[IfconfigCapture]:
    """Parse ``ifconfig -a`` output. Never raises."""
    ctx = ParseContext(path, text, KIND)
    return run(ctx, "ifconfig", IfconfigTransformer)
