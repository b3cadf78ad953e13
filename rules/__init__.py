"""The built-in rules: one module per rule, named ``<id>_<name>.py``.

This package is only a registry. It imports every module in this folder and wraps it
as a ``Rule``; it knows nothing about any one rule, and adding a rule touches no
other file.
"""

from __future__ import annotations

import functools
import importlib
import pkgutil

from ipmplint.rule import Rule


@functools.cache
def builtin() -> tuple[Rule, ...]:
    """Every built-in rule, sorted by id."""
    rules = []
    for info in pkgutil.iter_modules(__path__):
        if info.name.startswith("_"):
            continue
        module = importlib.import_module(f"{__name__}.{info.name}")
        rules.append(Rule.from_module(module))
    return tuple(sorted(rules, key=lambda r: r.id))
