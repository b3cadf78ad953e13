"""What the installed distributions on ``sys.path`` say, read from their metadata folders
(``*.dist-info``, ``*.egg-info``) directly: whether any declares an entry-point group,
and one distribution's version.

``importlib.metadata`` answers the same questions, but importing it costs 10-20 ms
(it imports ``email``, ``csv``, ``zipfile``, ``socket``), more than a whole
``ipmplint --version``, and every ``check`` asked it two things whose answer is almost
always the same: no plugin declares ``ipmplint.rules``, and the versions of lark and
attrs (part of the cache's keys). Reading the few ``entry_points.txt`` files and two
``METADATA`` files costs about a millisecond.

The reading here is a pre-check, never a second opinion: where it cannot be sure that
it sees what ``importlib.metadata`` would (a zip or egg on ``sys.path``, an import hook
that adds distributions of its own), it answers None and the caller asks
``importlib.metadata``; and when a distribution does declare the group, the caller
loads the entry points through ``importlib.metadata``, as before.
"""

from __future__ import annotations

import os
import re
import sys
from importlib.machinery import PathFinder
from typing import Optional

#: The suffixes of the metadata folders ``importlib.metadata`` reads on a path entry.
_SUFFIXES = (".dist-info", ".egg-info")


def declares(group: str) -> Optional[bool]:
    """Whether an ``entry_points.txt`` on ``sys.path`` names ``group`` (False: no
    installed distribution has an entry point in it); None when this reading cannot
    tell, and ``importlib.metadata`` must."""
    folders = _metadata_folders()
    if folders is None:
        return None
    for folder in (f for entry in folders for f in entry):
        try:
            with open(os.path.join(folder, "entry_points.txt"), encoding="utf-8", errors="replace") as fh:
                text = fh.read()
        except (FileNotFoundError, NotADirectoryError):
            continue
        except OSError:
            return None
        if group in text:  # a superset of importlib.metadata's "[group]" section
            return True
    return False


def version(name: str) -> Optional[str]:
    """The ``Version`` of the first distribution named ``name`` on ``sys.path`` (the one
    ``importlib.metadata.version`` reads); None when this reading cannot tell."""
    folders = _metadata_folders()
    if folders is None:
        return None
    wanted = _normalise(name)
    for entry in folders:
        named = [f for f in entry if _normalise(os.path.basename(f).rpartition(".")[0].partition("-")[0]) == wanted]
        if not named:
            continue
        if len(named) > 1 or not os.path.isdir(named[0]):
            return None  # which one importlib.metadata takes depends on the listing order
        meta = "METADATA" if named[0].lower().endswith(".dist-info") else "PKG-INFO"
        try:
            with open(os.path.join(named[0], meta), encoding="utf-8", errors="replace") as fh:
                for line in fh:
                    if not line.strip():
                        break  # the headers ended without a Version
                    key, _, value = line.partition(":")
                    if key.strip().lower() == "version":
                        return value.strip()
        except OSError:
            pass
        return None
    return None


def _metadata_folders() -> Optional[list[list[str]]]:
    """The metadata folders of each entry of ``sys.path``, in its order; None when
    ``importlib.metadata`` would look somewhere this does not."""
    for finder in sys.meta_path:
        if finder is not PathFinder and hasattr(finder, "find_distributions"):
            return None  # an import hook with distributions of its own
    found: list[list[str]] = []
    for entry in sys.path:
        listed = _listed(entry)
        if listed is None:
            return None
        found.append(listed)
    return found


def _listed(entry: str) -> Optional[list[str]]:
    """The metadata folders (or, rarely, files) of one path entry; None for an entry
    read as an archive (a zip, an egg)."""
    if entry.lower().endswith(".egg"):
        return None
    try:
        with os.scandir(entry or ".") as it:
            names = sorted(e.name for e in it if e.name.lower().endswith(_SUFFIXES))
    except (FileNotFoundError, NotADirectoryError):
        return None if os.path.isfile(entry) else []
    except OSError:
        return None
    return [os.path.join(entry, name) for name in names]


def _normalise(name: str) -> str:
    """A distribution name as the packaging specification compares them (PEP 503)."""
    return re.sub(r"[-_.]+", "-", name).lower()
