"""How text enters the html page (``ipmplint.reporters.html``): escaped as HTML, or
kept as JSON in a data block the page's script reads on demand.

Untrusted text — server, domain, group and file names, messages, anything a capture
holds — has its control characters made visible (``\\xNN``) first, so that what the
page shows is the same whichever way it got there, and then either ``html.escape``
(markup) or ``json.dumps`` with ``<``, ``>`` and ``&`` written as ``\\u003c``… (a data
block): a ``<script type="application/json">`` is raw text that only ``</script``
could end, and its JSON cannot hold one. The script that reads a block puts its
strings into the page with ``textContent`` only, never as markup.
"""

from __future__ import annotations

import html
import json
import re
from typing import Optional

from ipmplint.findings import Severity

#: Severity as symbol and word (never colour alone), worst first.
SYMBOLS = {Severity.ERROR: "\u2716", Severity.WARNING: "\u25b2", Severity.INFO: "\u2139"}
CLEAN_SYMBOL = "\u2714"
SEVERITIES = tuple(sorted(Severity, key=lambda s: -s.rank))

# Characters HTML must not carry raw: C0 and C1 controls (but tab and newline), DEL, lone surrogates.
CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0d\x0e-\x1f\x7f-\x9f\ud800-\udfff]")
_JSON_MARKUP = re.compile("[<>&]")


def visible(value: object) -> str:
    """The text with its control characters written as ``\\xNN`` (``\\uNNNN``)."""
    return CONTROL.sub(_visible, str(value))


def text(value: object) -> str:
    """Untrusted text as HTML text or attribute value: control characters made visible,
    then ``& < > " '`` escaped."""
    return html.escape(visible(value), quote=True)


def _visible(match: re.Match) -> str:
    code = ord(match.group())
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def data_block(ident: str, value: object) -> str:
    """``value`` (its strings already ``visible``) as a JSON data block with id ``ident``:
    never run (not a JavaScript type), ASCII, and nothing in it can end the block."""
    body = json.dumps(value, ensure_ascii=True, separators=(",", ":"), sort_keys=True)
    body = _JSON_MARKUP.sub(lambda m: f"\\u{ord(m.group()):04x}", body)
    return f'<script type="application/json" id="{text(ident)}">{body}</script>'


def plural(n: int, word: str, words: Optional[str] = None) -> str:
    return f"{n} {word if n == 1 else (words or word + 's')}"
