"""Which rules run: ``--select`` / ``--ignore`` by id, id prefix or name (ruff style).

``IPMP1`` selects every IPMP1xx rule; ``vnets-share-vswitch`` selects IPMP101. An
unknown selector is an error with a "did you mean", never silently ignored.
"""

from __future__ import annotations

import re
from typing import Iterable, Sequence

from ipmplint.rule import Rule


class SelectionError(ValueError):
    """A selector that matches no rule."""


def matches(rule: Rule, selector: str) -> bool:
    s = selector.strip()
    return s == "ALL" or rule.id.startswith(s.upper()) or rule.name == s.lower()


def select(
    rules: Sequence[Rule],
    select: Iterable[str] = (),
    ignore: Iterable[str] = (),
    extend_select: Iterable[str] = (),
) -> list[Rule]:
    """The rules to run, in id order."""
    select, ignore, extend_select = list(select), list(ignore), list(extend_select)
    for selector in select + ignore + extend_select:
        _validate(rules, selector)
    chosen = [r for r in rules if not select or any(matches(r, s) for s in select)]
    chosen += [r for r in rules if r not in chosen and any(matches(r, s) for s in extend_select)]
    chosen = [r for r in chosen if not any(matches(r, s) for s in ignore)]
    return sorted(chosen, key=lambda r: r.id)


def _validate(rules: Sequence[Rule], selector: str) -> None:
    if any(matches(r, selector) for r in rules):
        return
    import difflib  # deferred: start-up (a mistake only)

    names = [r.id for r in rules] + [r.name for r in rules]
    # A letter typed for a digit (IPMP1O1, IPMPl01) is the commonest slip in an id.
    m = re.match(r"^([A-Z]+?)([0-9OIL]{3})$", selector.upper())
    digits = m.group(1) + m.group(2).translate(str.maketrans("OIL", "011")) if m else ""
    close = (
        ([digits] if digits in names else [])
        or difflib.get_close_matches(selector, names, n=1)
        or difflib.get_close_matches(selector.upper(), names, n=1)
    )
    hint = f" (did you mean {close[0]}?)" if close else ""
    raise SelectionError(f"unknown rule or prefix '{selector}'{hint}")
