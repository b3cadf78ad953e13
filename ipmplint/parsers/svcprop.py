"""``svcprop network/ipmp`` / ``svcprop svc:/network/ipmp:default`` and ``svccfg -s
svc:/network/ipmp listprop config`` (Solaris 11) → ``Settings`` with ``type`` set: the
SMF configuration of in.mpathd (rules IPMP201, IPMP203, IPMP207).

What the service holds: its manifest (``network-ipmp.xml`` of the Solaris 11 source,
``usr/src/cmd/cmd-inet/usr.lib/in.mpathd``) gives a ``config`` property group of type
``application`` with ``config/transitive-probing`` (boolean, ``false``) and
``config/action_authorization`` (astring ``solaris.smf.manage.ipmp``), and the
``general`` group's authorizations. Transitive probing is documented as this SMF
property from Solaris 11.1 to 11.4 (in.mpathd(1M)/(8): "svc:/network/ipmp/config/
transitive-probing"; "Selecting a Failure Detection Method" in *Administering TCP/IP
Networks, IPMP, and IP Tunnels* 11.2, 11.3, 11.4: ``svccfg -s svc:/network/ipmp setprop
config/transitive-probing=true``), and 11.4 adds a per-group ``allow-xprobe`` interface
property (an ipadm property, not SMF). FAILURE_DETECTION_TIME, FAILBACK and
TRACK_INTERFACES_ONLY_WITH_GROUPS stay in ``/etc/default/mpathd`` through 11.4 ("How to
Configure the Behavior of the IPMP Daemon", 11.2 and 11.3 guides); no SMF property for
them was found. Every property printed is kept all the same, keyed ``pg/name``.

The output (svcprop(1)): with several properties, one line each, "a property designator,
a property type, and the values ... separated by spaces"; the designator is ``pg/name``
for one FMRI operand and the property's full FMRI for several (``svc:/network/ipmp:default
/:properties/config/transitive-probing``): such a designator of svc:/network/ipmp is
keyed by its ``pg/name`` too, and a property of another service (an Explorer
``sysconfig/svcprop.out`` holds them all) is skipped. String values escape blanks and
shell metacharacters with ``\\``, an empty string is ``""``; svccfg quotes strings with
``"``. Both are undone (multiple values are joined by one blank). With ``-p pg/name`` svcprop
prints the bare values, one a line: the property is then taken from the command line of
the captured prompt, and a bare value without one is warned. ``svccfg listprop`` also
prints each group's ``name type`` line, which is skipped.
"""

from __future__ import annotations

import re
import shlex
from typing import Optional

from lark import v_args

from ipmplint.model import Setting, Settings
from ipmplint.parsers.base import CaptureTransformer, ParseContext, ParseResult, first_column, run, tokens_with_columns
from ipmplint.parsers.tokens import Token

KIND = "svcprop-ipmp"

#: SMF property types (scf_type_t names, as svcprop and svccfg print them).
TYPES = frozenset(
    {
        "boolean",
        "count",
        "integer",
        "time",
        "astring",
        "ustring",
        "opaque",
        "uri",
        "fmri",
        "host",
        "hostname",
        "net_address",
        "net_address_v4",
        "net_address_v6",
    }
)

#: Property group types svccfg listprop prints (smf(5)); others are warned.
GROUP_TYPES = frozenset(
    {
        "application",
        "framework",
        "dependency",
        "method",
        "template",
        "template_pg_pattern",
        "template_prop_pattern",
    }
)

#: The service this kind is about, in the forms an FMRI names it.
_SERVICE = re.compile(r"^(?:svc:)?/?network/ipmp(?::[\w.-]+)?$")

#: ``-p pg/name`` in the command line of a prompt.
_PROPERTY_OPTION = re.compile(r"(?:^|\s)-p\s*(\S+/\S+)")


class SvcpropTransformer(CaptureTransformer):
    """Builds one ``Setting`` per property line (and per run of bare values)."""

    STRAY = "line not understood as svcprop or svccfg listprop output"

    def __init__(self, ctx: ParseContext) -> None:
        super().__init__(ctx)
        self.settings: list[Setting] = []
        #: The property a prompt's ``-p`` selected, and whether its values are being read.
        self.selected: Optional[str] = None
        self.bare: Optional[Setting] = None

    def start(self, items: list) -> Settings:
        return Settings(source=self.ctx.source(1), settings=tuple(self.settings))

    @v_args(inline=True)
    def prompt(self, tok: Token) -> None:
        self.ctx.skip(tok.line)
        m = _PROPERTY_OPTION.search(tok.value)
        self.selected = m.group(1) if m else None
        self.bare = None

    @v_args(inline=True)
    def property(self, tok: Token) -> None:
        self.bare = None
        words = tokens_with_columns(tok.value, tok.column)
        (designator, dcol), (ptype, tcol) = words[0], words[1]
        key = _key(designator)
        if key is None:
            self.ctx.skip(tok.line)  # a property of another service
            return
        self.ctx.consume(tok.line)
        if ptype not in TYPES:
            self.ctx.warn(tok.line, tcol, f"'{ptype}' is not an SMF property type")
        values = words[2][1] if len(words) > 2 else None
        text = tok.value[values - tok.column :] if values is not None else ""
        self.settings.append(
            Setting(key=key, value=self._unquote(tok, text, values), type=ptype, source=self.ctx.source(tok.line, dcol))
        )

    @v_args(inline=True)
    def group(self, tok: Token) -> None:
        self.bare = None
        words = tokens_with_columns(tok.value, tok.column)
        if words[1][0] in GROUP_TYPES:
            self.ctx.skip(tok.line)
        else:
            self.ctx.warn(tok.line, words[1][1], f"'{words[1][0]}' is not a property group type")

    @v_args(inline=True)
    def value(self, tok: Token) -> None:
        col = first_column(tok)
        if self.selected is None:
            self.ctx.warn(tok.line, col, "a value alone, and no 'svcprop -p pg/name' command line says whose")
            return
        self.ctx.consume(tok.line)
        value = self._unquote(tok, tok.value.strip(), col)
        if self.bare is None:
            self.bare = Setting(key=self.selected, value=value, source=self.ctx.source(tok.line, col))
            self.settings.append(self.bare)
        else:  # one value a line: the property's next value
            joined = Setting(key=self.bare.key, value=f"{self.bare.value} {value}", source=self.bare.source)
            self.settings[-1] = self.bare = joined

    def _unquote(self, tok: Token, text: str, col: Optional[int]) -> str:
        """The values with svcprop's backslashes and svccfg's quotes undone."""
        if not text:
            return ""
        try:
            return " ".join(shlex.split(text, posix=True))
        except ValueError:
            self.ctx.warn(tok.line, col or tok.column, "unbalanced quote or backslash in the values; kept as printed")
            return text


def _key(designator: str) -> Optional[str]:
    """``pg/name`` of a designator of svc:/network/ipmp; None for another service's."""
    if "/:properties/" not in designator:
        return designator
    fmri, _, key = designator.partition("/:properties/")
    return key if _SERVICE.match(fmri) else None


def parse(text: str, path: str) -> ParseResult[Settings]:
    """Parse ``svcprop`` / ``svccfg listprop`` output of svc:/network/ipmp. Never raises."""
    ctx = ParseContext(path, text, KIND)
    return run(ctx, "svcprop", SvcpropTransformer)
