"""``virtinfo -ap`` and ``virtinfo -a`` (LDoms domains on Solaris 10 and 11) →
``VirtinfoCapture``: the domain's own view of its roles (control, I/O, service, root)
and of its name and control domain, to check against what ``ldm`` says.

The layout is illumos ``usr/src/cmd/virtinfo/virtinfo.c`` (and virtinfo(1M) of OVM for
SPARC 2.0): ``-p`` prints ``VERSION 1.0`` then ``DOMAINROLE|impl=LDoms|control=<b>|io=<b>|
service=<b>|root=<b>`` (``DOMAINROLE|impl=Unknown`` when the roles cannot be read),
``DOMAINNAME|name=``, ``DOMAINUUID|uuid=``, ``DOMAINCONTROL|name=`` (the control
domain's node name) and ``DOMAINCHASSIS|serialno=``; without ``-p`` the same as
``Domain role: LDoms control I/O service root`` (``guest`` instead of ``control``, and
only the roles it has), ``Domain name:``, ``Domain UUID:``, ``Control domain:``,
``Chassis serial#:``. A value it cannot read is printed ``Unknown``, read here as None.
Two real ``-ap`` samples (a T2000 control domain, a Solaris 11 guest) are in
``tests/data/samples/other``.

The UUID and the chassis serial number have no field in the model and are skipped, as
are the notices virtinfo prints instead of roles (``Virtual machines are not
supported``, ``... can only be run from the global zone``). An unknown record keyword,
key, or a flag that is not ``true``/``false`` is warned at its column.
"""

from __future__ import annotations

from typing import Optional

from lark import v_args

from ipmplint.model import VirtinfoCapture
from ipmplint.parsers.base import CaptureTransformer, ParseContext, ParseResult, first_column, run
from ipmplint.parsers.tokens import Token

KIND = "virtinfo"

#: -p record keyword → {key: VirtinfoCapture field}; None fields are read and skipped.
RECORDS: dict[str, dict[str, Optional[str]]] = {
    "DOMAINROLE": {"impl": "impl", "control": "control", "io": "io", "service": "service", "root": "root"},
    "DOMAINNAME": {"name": "name"},
    "DOMAINCONTROL": {"name": "control_domain"},
    "DOMAINUUID": {"uuid": None},
    "DOMAINCHASSIS": {"serialno": None},
}

#: Human label → field (None: read and skipped).
LABELS: dict[str, Optional[str]] = {
    "Domain role": "roles",
    "Domain name": "name",
    "Domain UUID": None,
    "Control domain": "control_domain",
    "Chassis serial#": None,
}

#: The role words of ``Domain role:`` after the implementation.
ROLE_WORDS = {
    "control": ("control", True),
    "guest": ("control", False),
    "I/O": ("io", True),
    "service": ("service", True),
    "root": ("root", True),
}

_FLAGS = {"true": True, "false": False}
_UNKNOWN = "Unknown"


class VirtinfoTransformer(CaptureTransformer):
    """Fills one ``VirtinfoCapture`` from the -p records or the labelled lines."""

    STRAY = "line not understood as virtinfo output"

    def __init__(self, ctx: ParseContext) -> None:
        super().__init__(ctx)
        self.fields: dict[str, object] = {}

    def start(self, items: list) -> VirtinfoCapture:
        return VirtinfoCapture(source=self.ctx.source(1), **self.fields)  # type: ignore[arg-type]

    @v_args(inline=True)
    def skipped(self, tok: Token) -> None:
        self.ctx.skip(tok.line)

    @v_args(inline=True)
    def record(self, tok: Token) -> None:
        col = first_column(tok)
        parts = tok.value.strip().split("|")
        known = RECORDS.get(parts[0])
        if known is None:
            self.ctx.warn(tok.line, col, f"unknown virtinfo record '{parts[0]}'")
            return
        offset = col + len(parts[0]) + 1
        wanted = False
        for part in parts[1:]:
            key, eq, value = part.partition("=")
            if not eq or key not in known:
                self.ctx.warn(tok.line, offset, f"'{part}' is not a key=value of {parts[0]}")
            elif known[key] is not None:
                wanted = True
                self._set(tok, known[key], value, offset + len(key) + 1)  # type: ignore[arg-type]
            offset += len(part) + 1
        if wanted:
            self.ctx.consume(tok.line)
        else:
            self.ctx.skip(tok.line)

    @v_args(inline=True)
    def labelled(self, tok: Token) -> None:
        label, _, rest = tok.value.strip().partition(":")
        field = LABELS[label]
        value = rest.strip()
        col = first_column(tok) + len(label) + 1 + (len(rest) - len(rest.lstrip()))
        if field is None:
            self.ctx.skip(tok.line)
            return
        self.ctx.consume(tok.line)
        if field == "roles":
            self._roles(tok, value, col)
        else:
            self._set(tok, field, value, col)

    def _roles(self, tok: Token, value: str, col: int) -> None:
        """``LDoms guest I/O service``: the implementation, then the roles it has."""
        words = value.split()
        if not words:
            self.ctx.warn(tok.line, col, "no domain role given")
            return
        self.fields["impl"] = words[0]
        if words[0] == _UNKNOWN:
            return
        self.fields.update(io=False, service=False, root=False)
        for word in words[1:]:
            role = ROLE_WORDS.get(word)
            if role is None:
                self.ctx.warn(tok.line, col + value.index(word), f"unknown domain role '{word}'")
            else:
                self.fields[role[0]] = role[1]

    def _set(self, tok: Token, field: str, value: str, col: int) -> None:
        if field in ("control", "io", "service", "root"):
            if value not in _FLAGS:
                self.ctx.warn(tok.line, col, f"{field}={value} is neither true nor false")
                return
            self.fields[field] = _FLAGS[value]
        elif field == "impl":
            self.fields[field] = value
        else:
            self.fields[field] = None if value in ("", _UNKNOWN) else value


def parse(text: str, path: str) -> ParseResult[VirtinfoCapture]:
    """Parse ``virtinfo -ap`` / ``virtinfo -a`` output. Never raises."""
    ctx = ParseContext(path, text, KIND)
    return run(ctx, "virtinfo", VirtinfoTransformer)
