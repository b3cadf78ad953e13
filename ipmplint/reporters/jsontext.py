"""JSON text indented by two spaces, the bytes ``json.dumps(value, indent=2)`` writes,
written faster.

The standard library encodes in C only without ``indent``; with it, every value goes
through a chain of Python generators (``json.encoder._make_iterencode``). The JSON
report of 1,000 servers is some 30 MB (each server's line accounting: 55 objects of 8
keys), and ``json.dumps`` took 1.0 s of it, most of a warm run. Here strings are still
escaped by the C escaper ``json`` uses (``encode_basestring_ascii``: ASCII only), ints
written by ``int.__repr__``, floats as ``json`` writes them, and each object or array
joined in one pass, scalars without a call of their own. tests/reporters/test_jsontext.py
holds it to ``json.dumps``'s bytes on real reports and on generated values.
"""

from __future__ import annotations

import json
from json.encoder import encode_basestring_ascii as _string
from typing import Any

INDENT = "  "


def dumps(value: Any) -> str:
    """``json.dumps(value, indent=2)``: keys in their order, ASCII only."""
    out: list[str] = []
    _write(value, "\n", out)
    return "".join(out)


def _write(value: Any, newline: str, out: list[str]) -> None:
    """``value`` appended to ``out``; ``newline``: a line break and the indent of the
    line ``value`` starts on."""
    kind = type(value)
    if kind is dict or kind is list or kind is tuple:
        _container(value, newline, out)
    else:
        out.append(_scalar(value, newline))


def _container(value: Any, newline: str, out: list[str]) -> None:
    """An object or an array: ``{}`` or ``[]`` when empty, else one member a line."""
    members = isinstance(value, dict)
    opener, closer = ("{", "}") if members else ("[", "]")
    if not value:
        out.append(opener + closer)
        return
    (_members if members else _items)(value, newline + INDENT, opener, out)
    out.append(newline + closer)


def _members(value: dict, inner: str, opener: str, out: list[str]) -> None:
    separator = opener + inner
    keys = _KEYS
    for key, item in value.items():
        name = keys.get(key) if type(key) is str else None
        if name is None:
            name = _key(key)
        kind = type(item)
        if kind is str:
            out.append(f"{separator}{name}: {_string(item)}")
        elif kind is int:
            out.append(f"{separator}{name}: {int.__repr__(item)}")
        elif item is None or kind is bool:
            out.append(f"{separator}{name}: {_CONSTANTS[item]}")
        else:
            out.append(f"{separator}{name}: ")
            _write(item, inner, out)
        separator = "," + inner


def _items(value: Any, inner: str, opener: str, out: list[str]) -> None:
    separator = opener + inner
    for item in value:
        if type(item) is str:
            out.append(separator + _string(item))
        else:
            out.append(separator)
            _write(item, inner, out)
        separator = "," + inner


#: true, false and null.
_CONSTANTS = {True: "true", False: "false", None: "null"}
#: Keys already escaped: a report repeats a few dozen keys a million times.
_KEYS: dict[str, str] = {}


def _key(key: Any) -> str:
    """An object's key as ``json`` writes it (a number, true, false or null as a string)."""
    if isinstance(key, str):
        name = _string(key)
        if type(key) is str and len(_KEYS) < 4096:
            _KEYS[key] = name
        return name
    if key is None or isinstance(key, (int, float)):
        return _string(json.dumps(key))
    raise TypeError(f"keys must be str, int, float, bool or None, not {type(key).__name__}")


def _scalar(value: Any, newline: str) -> str:
    """A string, number, true, false or null (or a dict, list or tuple subclass, which
    ``_write`` passes here); what ``json`` cannot write raises its TypeError."""
    if isinstance(value, str):
        return _string(value)
    if isinstance(value, (dict, list, tuple)):
        out: list[str] = []
        _container(value, newline, out)
        return "".join(out)
    return json.dumps(value)
