"""Which servers one CI job checks when a fleet is split over N jobs (``--shard K/N``).

A fleet too large for one machine is checked by N jobs of the CI system the team
already runs (a GitHub Actions matrix, GitLab's ``parallel:``), each with the same
paths and ``--shard K/N``; ``ipmplint merge`` then joins their reports into the report
one run over the whole fleet gives (ipmplint/reporters/merge.py).

Every job walks the same paths and finds the same servers; a server belongs to shard
``1 + sha256(path relative to the working folder) mod N``. SHA-256 rather than Python's
``hash()`` (salted per process) so every job, on any machine and any Python, puts a
server in the same shard: shards never overlap and every server is in exactly one. The
path relative to the working folder (with ``/``), so two checkouts at different places
split the fleet alike.

What is not a server's — command-line paths that cannot be read, files outside every
capture — is reported by shard 1 only, so the merged report says it once.
"""

from __future__ import annotations

import hashlib
import os
from pathlib import PurePath
from typing import Any, Callable, Iterable, Iterator, Optional, TypeVar

import attrs

T = TypeVar("T")


@attrs.frozen
class Shard:
    """Shard ``index`` (1-based) of ``count``."""

    index: int
    count: int

    @property
    def first(self) -> bool:
        """Whether this shard reports what belongs to no server (it is said once)."""
        return self.index == 1


def parse(text: str) -> Shard:
    """``2/7`` → Shard(2, 7); ValueError saying what is wrong otherwise."""
    index, slash, count = text.strip().partition("/")
    if not slash or not index.isdigit() or not count.isdigit():
        raise ValueError(f"'{text}' is not a shard such as 1/4 (K/N: this job's number K of N jobs)")
    shard = Shard(int(index), int(count))
    if shard.count < 1 or not 1 <= shard.index <= shard.count:
        raise ValueError(f"shard '{text}': K must be 1 to N and N at least 1")
    return shard


def owner(path: str, count: int, folder: Optional[str] = None) -> int:
    """The shard (1..count) the server at ``path`` belongs to: the SHA-256 of the path
    relative to ``folder`` (default: the working folder), with ``/``."""
    relative = PurePath(os.path.relpath(os.path.abspath(path), os.path.abspath(folder or os.getcwd()))).as_posix()
    digest = hashlib.sha256(relative.encode("utf-8", "surrogateescape")).digest()
    return 1 + int.from_bytes(digest[:8], "big") % count


def position(name: str, path: str) -> tuple:
    """Where a server stands in every report: by name (findings are sorted by server
    name first, ``findings.sorting.order``), then by path, component by component (two
    servers of one name in two folders), so that shards' reports merge into one run's."""
    return (name, PurePath(path).parts)


def _root_path(root: Any) -> str:
    """A capture root's path (``CaptureRoot.path``), the default key of ``select``."""
    return str(root.path)


def select(roots: Iterable[T], shard: Optional[Shard], path: Callable[[T], str] = _root_path) -> tuple[T, ...]:
    """The roots of ``shard`` (all of them for None), in the order given."""
    return tuple(owned(roots, shard, path))


def wanted(shard: Optional[Shard]) -> Optional[Callable[[str], bool]]:
    """Whether a root's path (``str(root.path)``) is ``shard``'s, as ``select`` asks: what
    discovery is given so that it does not walk other shards' servers (None: no shard)."""
    if shard is None:
        return None
    return lambda path: owner(path, shard.count) == shard.index


def owned(roots: Iterable[T], shard: Optional[Shard], path: Callable[[T], str] = _root_path) -> Iterator[T]:
    """``select``, one root at a time as ``roots`` gives them (a fleet being walked)."""
    if shard is None:
        yield from roots
        return
    for root in roots:
        if owner(path(root), shard.count) == shard.index:
            yield root
