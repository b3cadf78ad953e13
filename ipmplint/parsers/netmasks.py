"""``/etc/netmasks`` (``/etc/inet/netmasks``) → ``NetmasksFile``: the masks ``netmask +``
in ``/etc/hostname.*`` files take at boot.

netmasks(4), Solaris 10 and 11: one line per network, "the network number, any number
of SPACE or TAB characters, and the network mask", both in dot notation
(``128.32.0.0 255.255.255.0``); ``#`` comments (the files backend cuts a line at its
first ``#``). The stock file (illumos ``usr/src/cmd/cmd-inet/etc/netmasks``) is only
comments.

The shape is shared with the other field files (``parsers/fields.py``). A mask that is
not contiguous, a network number that is not an address, or one with bits set outside
its own mask (ifconfig's longest-match lookup compares ``address & mask`` with it, so it
never matches) is warned at its column and the entry kept; a line without its mask
cannot be an entry and is warned; words after the mask are ignored, and warned.
"""

from __future__ import annotations

import ipaddress
from typing import Optional

from ipmplint.model import NetmaskEntry, NetmasksFile, addressing
from ipmplint.parsers.base import ParseContext, ParseResult, run
from ipmplint.parsers.fields import FieldsTransformer, Words, address_problem
from ipmplint.parsers.tokens import Token

KIND = "netmasks"


class NetmasksTransformer(FieldsTransformer):
    """Reads ``network-number netmask`` lines into ``NetmaskEntry`` objects."""

    COMMENT_ANYWHERE = True

    def read(self, tok: Token, words: Words) -> Optional[NetmaskEntry]:
        (network, ncol) = words[0]
        if len(words) < 2:
            self.ctx.warn(tok.line, ncol, f"network number '{network}' has no netmask; not read")
            return None
        self.ctx.consume(tok.line)
        (netmask, mcol) = words[1]
        if len(words) > 2:
            self.ctx.warn(tok.line, words[2][1], "words after the netmask are ignored")
        network_ok = address_problem(network, names=False) is None and ":" not in network
        if not network_ok:
            self.ctx.warn(tok.line, ncol, f"network number '{network}' is not an IPv4 address; kept as written")
        prefix = addressing.prefix_from_netmask(netmask)
        if prefix is None:
            self.ctx.warn(tok.line, mcol, f"netmask '{netmask}' is not a contiguous mask; kept as written")
        elif network_ok and not _within(network, prefix):
            self.ctx.warn(tok.line, ncol, f"network number '{network}' has bits set outside netmask '{netmask}'")
        return NetmaskEntry(network=network, netmask=netmask, source=self.ctx.source(tok.line, ncol))

    def build(self, records: list) -> NetmasksFile:
        return NetmasksFile(source=self.ctx.source(1), entries=tuple(records))


def _within(network: str, prefix: int) -> bool:
    """Whether the network number has no bits outside its prefix."""
    return ipaddress.ip_network(f"{network}/{prefix}", strict=False).network_address == ipaddress.ip_address(network)


def parse(text: str, path: str) -> ParseResult[NetmasksFile]:
    """Parse a netmasks file. Never raises."""
    ctx = ParseContext(path, text, KIND)
    return run(ctx, "fields", NetmasksTransformer)
