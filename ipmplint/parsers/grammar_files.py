"""Where the lark grammars are: the files of the package ``ipmplint.grammars``
(``grammars/`` in the source tree), shipped as data.

Read from the package's folder rather than through ``importlib.resources``, whose
import (some 5 ms) a run would pay before its first file is parsed; the cache keys
(``ipmplint.engine.cache``) hash these files, and the paste reading
(``ipmplint.parsers.paste``) reads the grammars' prompt from one of them.
"""

from __future__ import annotations

import importlib
import pkgutil
from pathlib import Path

PACKAGE = "ipmplint.grammars"


def files() -> list[Path]:
    """Every grammar file, by name ([] for an install that is not a folder, a zip)."""
    return sorted(p for folder in _folders() for p in Path(folder).glob("*.lark"))


def text(name: str) -> str:
    """The text of the grammar file ``name`` (``common.lark``)."""
    for folder in _folders():
        path = Path(folder, name)
        if path.is_file():
            return path.read_text(encoding="utf-8")
    data = pkgutil.get_data(PACKAGE, name)  # an install that is not a folder (a zip)
    if data is None:
        raise FileNotFoundError(name)
    return data.decode("utf-8")


def _folders() -> list[str]:
    return list(importlib.import_module(PACKAGE).__path__)
