"""``ifconfig -a`` (Solaris 10 and 11) → ``IfconfigCapture``: the domain's runtime state.

The grammar (``grammars/ifconfig.lark``) tokenises whole lines and groups them into
stanzas; this Transformer reads the words of each line into ``LogicalInterface``
objects. A value that cannot be used (an anonymised address, an unknown keyword) is a
warning on that token, and the interface stays in the model.
"""

from __future__ import annotations

import re
from typing import Optional

from lark import Token, v_args

from ipmplint import addressing
from ipmplint.model import Address, IfconfigCapture, LogicalInterface, Source
from ipmplint.parsers import ifflags
from ipmplint.parsers.base import CaptureTransformer, ParseContext, ParseResult, first_column, run, tokens_with_columns

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


class IfconfigTransformer(CaptureTransformer):
    """Builds ``LogicalInterface`` objects straight from the line tokens."""

    STRAY = "line outside any interface stanza"

    # -- stanzas ----------------------------------------------------------------

    def start(self, items: list) -> IfconfigCapture:
        interfaces = tuple(i for i in items if isinstance(i, LogicalInterface))
        return IfconfigCapture(source=self.ctx.source(1), interfaces=interfaces)

    def stanza(self, children: list) -> LogicalInterface:
        header: _Header = children[0]
        fields: dict = {}
        for detail in children[1:]:
            if detail is None:
                continue
            key, value, tok = detail
            if key in fields:
                self.ctx.warn(tok.line, tok.column, f"second '{key}' line in one stanza; the first is kept")
                continue
            fields[key] = value
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
            header.flags = frozenset(n.strip() for n in names.split(",") if n.strip())
            for word, col in tokens_with_columns(names.replace(",", " "), tok.column + m.start("names")):
                if word not in ifflags.KNOWN_NAMES:
                    self.ctx.warn(tok.line, col, f"unknown interface flag {word}")
        else:
            header.flags = ifflags.decode(value)
            if ifflags.unknown_bits(value):
                self.ctx.warn(
                    tok.line, tok.column + m.start("hex"),
                    f"flags=0x{hexval} has bits ipmplint does not know: 0x{ifflags.unknown_bits(value):x}",
                )

    def _mtu_index(self, header: _Header, tok: Token, rest: str, offset: int) -> None:
        words = tokens_with_columns(rest, tok.column + offset)
        i = 0
        while i < len(words):
            word, col = words[i]
            value = words[i + 1][0] if i + 1 < len(words) else None
            if word in ("mtu", "index") and value is not None and value.isdigit():
                setattr(header, word, int(value))
                i += 2
                continue
            self.ctx.warn(tok.line, col, f"unexpected word '{word}' in interface header")
            i += 1

    # -- detail lines ------------------------------------------------------------

    @v_args(inline=True)
    def detail(self, tok: Token):
        self.ctx.consume(tok.line)
        words = tokens_with_columns(tok.value, tok.column)
        keyword = words[0][0]
        handler = {
            "inet": self._inet,
            "inet6": self._inet,
            "groupname": self._groupname,
            "ether": self._ether,
            "zone": self._zone,
            "all-zones": self._zone,
        }.get(keyword)
        if handler is None:
            self.ctx.warn(tok.line, words[0][1], f"detail line '{keyword}' is not understood")
            return None
        return handler(tok, words)

    def _inet(self, tok: Token, words: list[tuple[str, int]]):
        family = words[0][0]
        text, col = words[1]
        prefix: Optional[int] = None
        if family == "inet6" and "/" in text:
            text, _, plen = text.partition("/")
            prefix = int(plen) if plen.isdigit() else None
        ip = addressing.ip(text)
        if ip is None:
            self.ctx.warn(tok.line, col, f"'{text}' is not a valid {'IPv6' if family == 'inet6' else 'IPv4'} address")
        broadcast: Optional[str] = None
        i = 2
        while i < len(words):
            word, wcol = words[i]
            value = words[i + 1] if i + 1 < len(words) else None
            if word == "netmask" and value is not None:
                prefix = addressing.prefix_from_netmask(value[0])
                if prefix is None:
                    self.ctx.warn(tok.line, value[1], f"netmask '{value[0]}' is not a contiguous mask")
                i += 2
            elif word == "broadcast" and value is not None:
                broadcast = value[0]
                i += 2
            elif word == "-->" and value is not None:
                i += 2  # point-to-point destination: not used by any IPMP rule
            else:
                self.ctx.warn(tok.line, wcol, f"unexpected word '{word}' on {family} line")
                i += 1
        address = Address(
            text=text,
            source=self.ctx.source(tok.line, col),
            family=family,
            ip=ip,
            prefixlen=prefix,
            broadcast=broadcast,
        )
        return ("address", address, tok)

    def _groupname(self, tok: Token, words: list[tuple[str, int]]):
        if len(words) < 2:
            return ("group", None, tok)
        if len(words) > 2:
            self.ctx.warn(tok.line, words[2][1], "extra words after the group name")
        return ("group", words[1][0], tok)

    def _ether(self, tok: Token, words: list[tuple[str, int]]):
        mac, col = words[1]
        if addressing.normalize_mac(mac) is None:
            self.ctx.warn(tok.line, col, f"'{mac}' is not a usable MAC address (anonymised?)")
        if len(words) > 2:
            self.ctx.warn(tok.line, words[2][1], "extra words after the MAC address")
        return ("mac", mac, tok)

    def _zone(self, tok: Token, words: list[tuple[str, int]]):
        if words[0][0] == "all-zones":
            return ("zone", "all-zones", tok)
        return ("zone", words[1][0] if len(words) > 1 else None, tok)

def parse(text: str, path: str) -> ParseResult[IfconfigCapture]:
    """Parse ``ifconfig -a`` output. Never raises."""
    ctx = ParseContext(path, text, KIND)
    return run(ctx, "ifconfig", IfconfigTransformer(ctx))
