"""What the files of whitespace-separated fields share: ``/etc/hosts``, ``/etc/netmasks``,
``/etc/defaultrouter``, ``/etc/inet/static_routes`` and ``route -p show``.

They are one shape (hosts(4), netmasks(4), defaultrouter(4), route(1M)): a record a
line, its fields split on blanks, ``#`` comments. So they share one grammar
(``grammars/fields.lark``) and this transformer; each format's module says what its
fields mean and where a comment may start.

``address_problem`` is the one check of "can this word be used as an address (or a host
name)" that every one of them, and ``route get``, applies to the words they keep: an
anonymised ``10.888.999.133`` is kept as text and warned at its column.
"""

from __future__ import annotations

import abc
import re
from typing import Any, Optional

from ipmplint.model import addressing
from ipmplint.parsers.base import CaptureTransformer, tokens_with_columns
from ipmplint.parsers.tokens import Token

Words = list[tuple[str, int]]

#: Digits and dots only, or a colon: meant as an address, never a host name.
_ADDRESS_LIKE = re.compile(r"^[\d.]+$|:")

#: A host name as hosts(4) allows it: letters, digits, ``-``, ``.`` (and ``_``, which
#: the files backend does not refuse).
_HOST_NAME = re.compile(r"^[A-Za-z0-9_](?:[A-Za-z0-9_.-]*[A-Za-z0-9_])?$")


def looks_like_address(text: str) -> bool:
    """Whether ``text`` is meant as an address literal (digits and dots, or a colon),
    never a host name: ``10.888.999.133`` is one, ``db-host`` is not."""
    return _ADDRESS_LIKE.search(text) is not None


def address_problem(text: str, names: bool = True) -> Optional[str]:
    """Why ``text`` cannot be used as an IPv4/IPv6 address (or, when ``names``, as a host
    name to be resolved through ``/etc/hosts``); None when it can."""
    if addressing.ip(text) is not None:
        return None
    if looks_like_address(text):
        return f"'{text}' is not a valid IPv4 or IPv6 address"
    if names and _HOST_NAME.match(text):
        return None
    if names:
        return f"'{text}' is neither an IP address nor a host name"
    return f"'{text}' is not an IP address"


class FieldsTransformer(CaptureTransformer, abc.ABC):
    """Hands each record line's words to ``read`` and the kept results to ``build``.

    ``COMMENT_ANYWHERE``: a ``#`` anywhere in a line starts a comment (the name-service
    files backend cuts each line at its first ``#``: hosts(4), netmasks(4)); otherwise
    only a line whose first character is ``#`` is a comment, and the format judges a
    ``#`` word after its fields.
    """

    COMMENT_ANYWHERE: bool = False

    def start(self, items: list) -> Any:
        return self.build([item for item in items if item is not None])

    @abc.abstractmethod
    def build(self, records: list) -> Any:
        """The file's model from the records its lines gave, in order."""

    @abc.abstractmethod
    def read(self, tok: Token, words: Words) -> Any:
        """One line's words as a record, or None when the line holds none (warned or
        skipped by the format)."""

    def comment(self, children: list[Token]) -> None:
        self.ctx.skip(children[0].line)

    def record(self, children: list[Token]) -> Any:
        tok = children[0]
        text = tok.value
        if self.COMMENT_ANYWHERE and "#" in text:
            text = text[: text.index("#")]
        words = tokens_with_columns(text, tok.column)
        if words:
            return self.read(tok, words)
        if text != tok.value:  # control characters, then a comment
            self.ctx.skip(tok.line)
        else:
            self.stray(tok)
        return None

    def check_address(self, tok: Token, word: str, col: int, names: bool = True) -> None:
        """Warn at ``col`` when ``word`` is no usable address (nor host name)."""
        problem = address_problem(word, names)
        if problem is not None:
            self.ctx.warn(tok.line, col, f"{problem}; kept as written")
