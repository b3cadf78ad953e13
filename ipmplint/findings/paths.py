"""How a capture file's path is shown: relative to the folder ipmplint runs in.

One place for it, so that the text and concise reports, GitHub annotations, GitLab
Code Quality and SARIF all write the same path for the same file, whether the user
typed ``fleet/server1``, ``./fleet/server1`` or ``/home/me/repo/fleet/server1``: a
path under the source root (the CLI passes the working directory) is written relative
to it, with ``/``; a path outside it is left as given (normalised).
"""

from __future__ import annotations

import functools
import os
import urllib.parse
from pathlib import PurePath
from typing import Optional


@functools.lru_cache(maxsize=65536)
def relative_path(file: str, srcroot: Optional[str]) -> Optional[str]:
    """The file as a forward-slash path relative to srcroot, or None if it is not under it,
    either as written or once symbolic links are resolved. Remembered: a report names
    each file once per finding, and the answer does not change during a run."""
    if srcroot is None:
        if os.path.isabs(file):
            return None
        return PurePath(os.path.normpath(file)).as_posix()
    root = os.path.abspath(srcroot)
    target = os.path.normpath(os.path.join(root, file))
    rel = _under(target, root)
    if rel is None:
        rel = _under(_realpath(target), _real_folder(root))
    return PurePath(rel).as_posix() if rel is not None else None


def _under(path: str, base: str) -> Optional[str]:
    """``os.path.relpath(path, base)`` when ``path`` lies below ``base`` (both absolute
    and normalised), else None: a prefix test, not relpath's split and join."""
    prefix = base if base.endswith(os.sep) else base + os.sep
    return path[len(prefix) :] if path.startswith(prefix) and len(path) > len(prefix) else None


def _realpath(path: str) -> str:
    """``os.path.realpath(path)``, resolving the folder once for all the files in it
    (a fleet's report names thousands of files in a few hundred folders): a file that is
    not a link is its real folder joined with its name, one ``lstat`` instead of one per
    folder above it."""
    folder, name = os.path.split(path)
    if not name or name in (os.curdir, os.pardir):
        return os.path.realpath(path)
    joined = os.path.join(_real_folder(folder), name)
    return os.path.realpath(joined) if os.path.islink(joined) else joined


@functools.lru_cache(maxsize=4096)
def _real_folder(folder: str) -> str:
    return os.path.realpath(folder)


@functools.lru_cache(maxsize=65536)
def display_path(file: str, srcroot: Optional[str]) -> str:
    """The file relative to srcroot when it can be, else as given; always with ``/``.
    Remembered, as ``relative_path`` is: a report shows each file once per finding."""
    relative = relative_path(file, srcroot)
    if relative is not None:
        return relative
    return _posix(os.path.normpath(file))


def _posix(path: str) -> str:
    """A normalised path with ``/``: itself where ``/`` is the separator (what
    ``PurePath(path).as_posix()`` gives, without parsing it into parts)."""
    return path if os.sep == "/" else PurePath(path).as_posix()


def display_location(file: str, line: int, col: int, srcroot: Optional[str]) -> str:
    """``path:line:col`` (or the path alone for a finding about a whole file)."""
    path = display_path(file, srcroot)
    return f"{path}:{line}:{col}" if line else path


def input_name(given: str, srcroot: Optional[str]) -> str:
    """A command-line input as one name: relative to srcroot when under it (the root
    itself is ``.``), else normalised; ``fleet``, ``./fleet/`` and the absolute path of
    the same folder give one name."""
    if srcroot is not None:
        root = os.path.abspath(srcroot)
        target = os.path.normpath(os.path.join(root, given))
        if target == root:
            return "."
        relative = relative_path(given, srcroot)
        if relative is not None:
            return relative
    return PurePath(os.path.normpath(given)).as_posix()


def link_path(file: str, folder: str) -> str:
    """The file as a relative URL from ``folder`` (where an HTML report is written):
    ``/`` separators, percent-escaped, ``..`` where needed, so the link opens from disk
    wherever the captures and the report sit. A relative ``file`` is relative to the
    working directory, as the command line gave it; on another drive (Windows), an
    absolute ``file:`` URL."""
    target = os.path.abspath(file)
    try:
        relative = os.path.relpath(target, os.path.abspath(folder))
    except ValueError:
        return PurePath(target).as_uri()
    return urllib.parse.quote(PurePath(relative).as_posix())


def capture_path(file: str, root: Optional[str]) -> str:
    """The file relative to its capture root, with ``/``: ``ldg1/ifconfig-a.txt``.

    A root that is the file itself (a capture given on its own) gives the file's name;
    a file not under ``root`` (or no root) is kept as given, with ``/``.
    """
    path = os.path.normpath(file)
    if root is not None:
        base = os.path.normpath(root)
        if path == base:
            return PurePath(path).name
        try:
            relative = os.path.relpath(path, base)
        except ValueError:  # another drive (Windows)
            relative = os.pardir
        if relative != os.pardir and not relative.startswith(os.pardir + os.sep):
            return PurePath(relative).as_posix()
    return PurePath(path).as_posix()
