"""``/etc/defaultrouter`` → ``DefaultRouters``: the IPv4 default routers a domain adds at
boot (and, on a guest, often the address of a routed vsw in its service domain).

defaultrouter(4), Solaris 10 and 11: "the IP addresses or hostnames of one or more
default routers, with each entry on its own line"; lines beginning with ``#`` are
comments; a name must be in ``/etc/hosts`` (no name service runs yet). How boot reads
it settles the rest (illumos ``usr/src/cmd/svc/milestone/net-routing-setup``:
``grep -v '^#' /etc/defaultrouter | awk '{print $1}'``): only the first word of a line
is a router, "anything else on that line ... is ignored". So a word after the router is
warned as ignored, unless it starts a ``#`` comment. Before the SMF era (Solaris 7,
805-3176) the routers could share a line, "separated by white space": such a file loses
all but the first router of each line on Solaris 10, which is what the warning says.

The shape is shared with the other field files (``parsers/fields.py``). A router that is
neither an address nor a host name (``10.888.999.133``) is warned and kept as text.
"""

from __future__ import annotations

from ipmplint.model import DefaultRouters, Source, addressing
from ipmplint.parsers.base import ParseContext, ParseResult, run
from ipmplint.parsers.fields import FieldsTransformer, Words
from ipmplint.parsers.tokens import Token

KIND = "defaultrouter"


class DefaultRouterTransformer(FieldsTransformer):
    """Reads the first word of each line as a router."""

    def read(self, tok: Token, words: Words) -> tuple[str, Source]:
        self.ctx.consume(tok.line)
        (router, col) = words[0]
        self.check_address(tok, router, col)
        address = addressing.ip(router)
        if address is not None and address.version == 6:
            self.ctx.warn(tok.line, col, f"'{router}' is not IPv4: defaultrouter(4) holds IPv4 routers only")
        if len(words) > 1 and not words[1][0].startswith("#"):
            self.ctx.warn(
                tok.line, words[1][1], f"'{words[1][0]}' is ignored at boot: only the first word of a line is a router"
            )
        return (router, self.ctx.source(tok.line, col))

    def build(self, records: list) -> DefaultRouters:
        return DefaultRouters(source=self.ctx.source(1), routers=tuple(records))


def parse(text: str, path: str) -> ParseResult[DefaultRouters]:
    """Parse ``/etc/defaultrouter``. Never raises. An empty file is no router at all."""
    ctx = ParseContext(path, text, KIND)
    return run(ctx, "fields", DefaultRouterTransformer)
