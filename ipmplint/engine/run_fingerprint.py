"""What a server's report depends on besides its files: one hash of ipmplint itself, of
each rule (identity, options, severity and the source of its package), of the settings
and of the size limit. Two runs with the same fingerprint and the same files give the
same report, so the cache (``ipmplint.engine.root_cache``) may hand back the old one.

A rule's source is hashed by package: a plugin's whole package (sub-packages too), a
rule path's folder (imported as a package of its own), or a lone module's file, so a
helper the rule imports, however deep in its package, changes the fingerprint.
"""

from __future__ import annotations

import inspect
import sys
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

import attrs

from ipmplint.engine import cache


def fingerprint(rules: Sequence[Any], settings: Any, max_file_size: int) -> str:
    """One hash of ipmplint, each rule, the settings and the size limit."""
    seen: dict[str, str] = {}
    described = [
        (
            r.id,
            r.name,
            r.origin,
            canonical(r.info),
            canonical(r.options),
            tuple(r.requires),
            getattr(r.check, "__module__", "?"),
            getattr(r.check, "__qualname__", "?"),
            source_hash(r.check, seen),
        )
        for r in rules
    ]
    return cache.digest(
        repr((cache.engine_version(), cache.parser_version(), described, canonical(settings), max_file_size))
    )


def source_hash(obj: Any, seen: dict[str, str]) -> str:
    """A hash of every Python file of the package ``obj`` (a rule's ``check``) comes
    from; ``seen``: the packages hashed in this run, by top-level name."""
    top = (getattr(obj, "__module__", None) or "").partition(".")[0]
    if top not in seen:
        seen[top] = _package_hash(sys.modules.get(top), obj)
    return seen[top]


def _package_hash(package: Any, obj: Any) -> str:
    if package is not None and package.__name__ == "ipmplint":
        # A built-in rule: ipmplint's every source, the rules' folder included, is
        # ``cache.engine_version()``, hashed once per run (reading them all again cost
        # a warm run of one server some 10 ms).
        return cache.engine_version()
    folders = list(getattr(package, "__path__", None) or ())
    if folders:
        files = sorted({f for folder in folders for f in Path(folder).rglob("*.py") if "__pycache__" not in f.parts})
    else:
        try:
            files = [Path(inspect.getsourcefile(obj) or "")]
        except TypeError:
            files = []
    parts = []
    for f in files:
        try:
            parts.append((str(f), f.read_bytes()))
        except OSError:
            parts.append((str(f), b"?"))
    return cache.digest(repr(parts)) if parts else "?"


def canonical(value: Any) -> Any:
    """A value in a form whose ``repr`` is the same in every run (mappings and sets sorted)."""
    if isinstance(value, Mapping):
        return tuple(sorted((repr(k), canonical(v)) for k, v in value.items()))
    if isinstance(value, (set, frozenset)):
        return tuple(sorted(repr(canonical(v)) for v in value))
    if isinstance(value, (list, tuple)):
        return tuple(canonical(v) for v in value)
    if attrs.has(type(value)):
        return (
            type(value).__qualname__,
            tuple((a.name, canonical(getattr(value, a.name))) for a in attrs.fields(type(value))),
        )
    return repr(value)
