"""``/etc/hosts`` (``/etc/inet/hosts``, and ``/etc/inet/ipnodes`` of Solaris 10) →
``HostsFile``: the names ``/etc/hostname.*`` files and ``/etc/defaultrouter`` use, which
are resolved here at boot because no name service runs yet (defaultrouter(4)).

hosts(4), Solaris 10 and 11: one line per address, "IP address, official host name,
aliases", separated by any number of blanks or tabs; IPv4 and IPv6 addresses alike;
``#`` starts a comment anywhere on a line (the files backend cuts the line there). The
stock file (illumos ``usr/src/cmd/cmd-inet/etc/hosts``) is a comment header and
``::1 localhost`` / ``127.0.0.1 localhost``.

The shape is shared with the other field files (``parsers/fields.py``). An address that
is not one (``10.888.999.133``, anonymised) is warned at its column and the entry is
kept with its text, so a name still resolves to what the file says; an address with no
name is warned, and kept, since it names nothing.
"""

from __future__ import annotations

from ipmplint.model import HostEntry, HostsFile
from ipmplint.parsers.base import ParseContext, ParseResult, run
from ipmplint.parsers.fields import FieldsTransformer, Words
from ipmplint.parsers.tokens import Token

KIND = "hosts"


class HostsTransformer(FieldsTransformer):
    """Reads ``address name [alias ...]`` lines into ``HostEntry`` objects."""

    COMMENT_ANYWHERE = True

    def read(self, tok: Token, words: Words) -> HostEntry:
        self.ctx.consume(tok.line)
        (address, col), names = words[0], words[1:]
        self.check_address(tok, address, col, names=False)
        if not names:
            self.ctx.warn(tok.line, col, f"address '{address}' has no host name")
        return HostEntry(address=address, names=tuple(w for w, _ in names), source=self.ctx.source(tok.line, col))

    def build(self, records: list) -> HostsFile:
        return HostsFile(source=self.ctx.source(1), entries=tuple(records))


def parse(text: str, path: str) -> ParseResult[HostsFile]:
    """Parse a hosts file. Never raises."""
    ctx = ParseContext(path, text, KIND)
    return run(ctx, "fields", HostsTransformer)
