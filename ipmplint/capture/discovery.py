"""Finding capture roots on disk (docs/captures.md "Layouts").

Each folder is judged by its own files. A *capture root* is a folder holding an ``ldm``
capture (one physical server); its sub-folders are its domains, except one with ``ldm``
captures of its own. A folder with domain captures (at its top or in its ``etc/``) but
no ``ldm`` capture is a *single host*: it keeps its ``etc/`` and the sub-folders that
hold no capture. An Oracle Explorer folder (``sysconfig/``, ``netinfo/``, ``etc/``) is
one host whose captures sit where Explorer writes them. A folder of loose captures that
repeat a kind (four pasted ``ifconfig -a`` of four hosts) is a *collection*: each file is
a host of its own, and so is a capture file given directly on the command line. Any other
folder is a fleet folder. A sub-folder that makes a capture of its own, and a tar
archive, are always walked on their own: what sits beside server folders (a README, a
stray capture) never merges them into one root. Files and folders in no capture are
named (``Discovery.outside``), never read.

Files are named by their names (``kinds.ALIASES``); a file whose name says nothing is
recognised by its first lines (``kinds.sniff``). Discovery reads nothing else and
never writes. Symbolic links are followed only when they stay inside the folder given
on the command line; a link out of it, or a loop, is reported.

The work is shared by job: ``walking`` lists folders (one ``os.scandir`` each) and
bounds links, ``recognition`` judges each folder, ``roots`` holds what is found,
``stdin`` reads what comes on standard input; this module walks each path given, and
is what the rest of ipmplint imports (the names below are its interface).
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any, Callable, Iterable, Iterator, Optional

from ipmplint.acyclic import no_cycles
from ipmplint.capture import archive, limits
from ipmplint.capture.recognition import MAX_DEPTH, holds_capture, roots_below, walk_archive
from ipmplint.capture.roots import SNIFF_BYTES, CaptureFile, CaptureRoot, Discovery, DomainDir, capture_file, file_root
from ipmplint.capture.stdin import STDIN, discover_stdin
from ipmplint.capture.walking import Walk

__all__ = [
    "MAX_DEPTH",
    "SNIFF_BYTES",
    "STDIN",
    "CaptureFile",
    "CaptureRoot",
    "Discovery",
    "DomainDir",
    "Stream",
    "capture_file",
    "discover",
    "discover_stdin",
    "holds_capture",
    "merge",
    "stream",
]


def discover(paths: Iterable[str], max_file_size: int = limits.MAX_FILE_SIZE) -> Discovery:
    """Every capture root under the given paths, each once, in a stable order (``stream``,
    gathered). ``max_file_size`` bounds what is read from a tar archive's members.

    The cyclic garbage collector is held off while walking: a fleet's walk makes
    millions of small objects (paths, directory entries, capture files) and no cycle,
    and each full collection walks all of them again. 10,000 servers took 21.8 s of CPU
    with it (19 times 1,000 servers' 1.1 s)."""
    with no_cycles():
        found = stream(paths, max_file_size)
        roots = tuple(found)
        return Discovery(roots, tuple(found.errors), tuple(found.notes), tuple(found.outside))


class Stream:
    """The capture roots under the given paths, one at a time as the walk finds them,
    in ``discover``'s order: a fleet's servers are checked while it is walked, and only
    the roots in hand are held (10,000 servers' roots, as paths, took 516 MB).

    ``errors``, ``notes`` and ``outside`` are ``Discovery``'s, complete once the roots
    are all taken; ``count``: the roots taken so far. ``ahead()`` walks on to the next
    root without taking it: whether there is any root at all is known before a run
    starts, so a run over nothing says why and reports nothing."""

    def __init__(
        self,
        roots: Iterator[CaptureRoot],
        errors: Optional[list[str]] = None,
        notes: Optional[list[str]] = None,
        outside: Optional[list[str]] = None,
    ) -> None:
        self.errors: list[str] = errors if errors is not None else []
        self.notes: list[str] = notes if notes is not None else []
        self.outside: list[str] = outside if outside is not None else []
        self.count = 0
        self._roots = roots
        self._next: list[CaptureRoot] = []

    def __iter__(self) -> Iterator[CaptureRoot]:
        while True:
            if not self.ahead():
                return
            self.count += 1
            yield self._next.pop()

    def ahead(self) -> bool:
        """Whether a root is left to take (walking on to it, if need be)."""
        if not self._next:
            for root in self._roots:
                self._next.append(root)
                break
        return bool(self._next)

    def finished(self) -> Discovery:
        """What was found, once every root was taken: the roots are not kept (each went
        to be checked), so ``roots`` is empty; ``errors``, ``notes`` and ``outside`` are whole."""
        assert not self.ahead(), "a discovery asked for before its roots were all taken"
        return Discovery((), tuple(self.errors), tuple(self.notes), tuple(self.outside))

    @classmethod
    def of(cls, found: Discovery) -> "Stream":
        """A discovery already made (``--changed``, standard input) as a stream."""
        return cls(iter(found.roots), list(found.errors), list(found.notes), list(found.outside))

    def then(self, other: "Stream") -> "Stream":
        """This stream's roots, then ``other``'s, with ``other``'s errors and notes after
        this one's (``merge``'s order) once both are walked."""

        def both() -> Iterator[CaptureRoot]:
            yield from self._own()
            yield from other._own()
            self.errors.extend(other.errors)
            self.notes.extend(other.notes)
            self.outside.extend(other.outside)

        return Stream(both(), self.errors, self.notes, self.outside)

    def _own(self) -> Iterator[CaptureRoot]:
        while self.ahead():
            yield self._next.pop()


def stream(
    paths: Iterable[str], max_file_size: int = limits.MAX_FILE_SIZE, wanted: Optional[Callable[[str], bool]] = None
) -> Stream:
    """The capture roots under the given paths as they are found (``Stream``).

    ``wanted``: whether the server in a folder (its path, as ``str(root.path)``) is
    wanted (``--shard``: this job's); a server that is not is given without its domains
    and its ``etc/``, which are not walked, for the caller to drop."""
    errors: list[str] = []
    notes: list[str] = []
    outside: list[str] = []
    return Stream(_walk_paths(list(paths), max_file_size, wanted, errors, notes, outside), errors, notes, outside)


def _walk_paths(
    paths: list[str],
    max_file_size: int,
    wanted: Optional[Callable[[str], bool]],
    errors: list[str],
    notes: list[str],
    outside: list[str],
) -> Iterator[CaptureRoot]:
    seen: set[object] = set()  # real paths of the roots given, each given once
    for arg in paths:
        path = Path(arg)
        display = os.path.normpath(arg)
        if not path.exists():
            errors.append(f"{arg}: no such file or directory")
            continue
        if not os.access(path, os.R_OK | (os.X_OK if path.is_dir() else 0)):
            errors.append(f"{arg}: permission denied")
            continue
        walk = Walk(path if path.is_dir() else path.parent, max_file_size, wanted)
        if path.is_dir():
            lost: list[Any] = []
            found_here = roots_below(walk, path, display, lost)
        elif path.is_file() and archive.is_archive(path.name):
            inside, lost = walk_archive(walk, path, display)
            found_here = iter(inside)
        elif path.is_file():
            lost = []
            found_here = iter([file_root(capture_file(path, display, True))])
        else:
            errors.append(f"{arg}: not a file or a directory")
            continue
        given = 0
        for root in found_here:
            given += 1
            real: object = root.path.resolve()
            if isinstance(real, Path):
                real = str(real)  # cheaper to hash and keep than the path; an archive's member stays itself
            if real in seen:
                continue
            seen.add(real)
            yield root
        if path.is_dir():
            notes.extend(walk.errors)
        elif archive.is_archive(path.name) and path.is_file():
            (errors if not given and walk.errors else notes).extend(walk.errors)
        outside.extend(stray.note() for stray in lost)
        if not given:
            errors.append(
                f"{arg}: no capture found (no ldm, ifconfig, netstat, ipadm, hostname.* or other capture file)"
            )


def merge(first: Discovery, second: Discovery) -> Discovery:
    """Two discoveries as one: the first's roots, then the second's."""
    return Discovery(
        first.roots + second.roots,
        first.errors + second.errors,
        first.notes + second.notes,
        first.outside + second.outside,
    )
