"""Listing folders for discovery: one ``os.scandir`` per folder, sorted by name, and
symbolic links followed only while they stay inside the path given on the command line.

A fleet of 1,000 servers is some 20,000 folders and 55,000 files; on a warm run (the
cache answers every server) walking them is most of the run. So each folder is listed
once, even when recognition peeks into it before walking it (``listing``), and each
entry's type comes from its directory entry, without a ``stat`` or a ``realpath`` per
file. A tar archive's members (``archive.ArchivePath``) are listed the same way, in
memory.
"""

from __future__ import annotations

import operator
import os
from pathlib import Path
from typing import Callable, Iterable, Optional, cast

from ipmplint.capture import archive, filenames, kinds, limits
from ipmplint.capture.roots import CaptureFile, capture_file

_NAME = operator.attrgetter("name")


def _link_text(path: Path) -> str:
    """What a symbolic link says (``os.readlink``), the same wherever it is checked."""
    try:
        return os.readlink(path)
    except OSError:
        return "?"


def child(path: Path, name: str) -> Path:
    """``path / name`` for a name a folder listing gave (no separator to parse): pathlib's
    own shortcut where it has one, which a fleet of thousands of files notices."""
    make = getattr(path, "_make_child_relpath", None)
    return make(name) if make is not None else path / name


class Walk:
    """One command-line path being walked: its real location bounds the links followed,
    and what went wrong is gathered in ``errors``."""

    def __init__(
        self, top: Path, max_file_size: int = limits.MAX_FILE_SIZE, wanted: Optional[Callable[[str], bool]] = None
    ) -> None:
        self.max_file_size = max_file_size
        #: Whether a server (by its folder's path) is wanted: one that is not is found but
        #: not walked below its own files (``discovery.stream``'s ``wanted``).
        self.wanted = wanted
        self.top = top.resolve()
        self.errors: list[str] = []
        self.visited: set[str] = set()  # real paths of the folders listed, as strings (cheap to hash)
        #: What listing a folder told of each entry (its type, whether it is a link), and
        #: each folder's real path when no link leads to it. Keyed by ``id()`` (hashing a
        #: Path costs more than the stat it saves); each value holds its path, so the id
        #: cannot be reused while it is kept. A file's entry is dropped once the file is
        #: named or a folder listed (``forget``): memory stays that of the folders in hand.
        self.dirents: dict[int, tuple[Path, os.DirEntry]] = {}
        self.reals: dict[int, tuple[Path, str]] = {}  # (path, its real path)
        #: Listings made by a peek (``listing``) and not yet walked, by path.
        self._peeked: dict[str, list[os.DirEntry]] = {}

    def _dirent(self, path: Path) -> Optional[os.DirEntry]:
        found = self.dirents.get(id(path))
        return found[1] if found is not None and found[0] is path else None

    def forget(self, path: Path) -> None:
        """Drop what the listing told of ``path`` (a file already named)."""
        for kept in (self.dirents, self.reals):
            found = kept.get(id(path))
            if found is not None and found[0] is path:
                del kept[id(path)]

    def unpeek(self, path: Path) -> None:
        """Drop what a peek (``listing``) kept of a folder that will not be walked."""
        self._peeked.pop(str(path), None)
        self.forget(path)

    def is_dir(self, path: Path) -> bool:
        """``path.is_dir()``, answered from the folder listing when it can be."""
        de = self._dirent(path)
        if de is not None:
            try:
                return de.is_dir()
            except OSError:
                pass
        return path.is_dir()

    def is_file(self, path: Path) -> bool:
        """``path.is_file()``, answered from the folder listing when it can be."""
        de = self._dirent(path)
        if de is not None:
            try:
                return de.is_file()
            except OSError:
                pass
        return path.is_file()

    def listing(self, path: Path) -> list[os.DirEntry]:
        """A folder's entries as ``os.scandir`` gives them, sorted by name (output must
        not depend on file-system order); kept until the folder is walked, so a peek
        (is this sub-folder a server of its own?) costs no second listing. OSError when
        it cannot be listed."""
        found = self._peeked.get(str(path))
        if found is None:
            with os.scandir(path) as it:
                found = sorted(it, key=_NAME)
            self._peeked[str(path)] = found
        return found

    def inside(self, path: Path, display: str) -> bool:
        """Whether a link stays inside the path given; a link out is an error."""
        if not path.is_symlink():
            return True
        try:
            real = path.resolve(strict=True)
        except (OSError, RuntimeError):
            self.errors.append(f"{display}: broken or looping symbolic link; not read")
            return False
        if real != self.top and self.top not in real.parents:
            # The link as written, not where it resolves: /proc/self/mem resolves to a
            # PID, an absolute path to the checkout's place; messages enter fingerprints.
            self.errors.append(f"{display}: symbolic link to {_link_text(path)}, out of the folder given; not followed")
            return False
        return True

    def entries(self, path: Path, display: str) -> list[tuple[Path, str]]:
        """A folder's entries sorted by name, with their display paths; dot-files
        (``.git``) and the collector's MANIFEST are not captures."""
        known = self.reals.get(id(path))
        real = known[1] if known is not None and known[0] is path else str(path.resolve())
        self.forget(path)  # listed now: nothing asks its type again, and a fleet's folders are many
        if real in self.visited:
            self.errors.append(f"{display}: folder reached twice through symbolic links; read once")
            return []
        self.visited.add(real)
        try:
            if isinstance(path, archive.ArchivePath):
                return self._members(path, display)
            listed = self.listing(path)
        except OSError as exc:
            self.errors.append(f"{display}: {exc.strerror or exc}")
            return []
        finally:
            self._peeked.pop(str(path), None)
        out = []
        make = getattr(path, "_make_child_relpath", None) or path.joinpath
        prefix = display if not display or display.endswith(os.sep) else display + os.sep  # os.path.join's answer
        for de in listed:
            name = de.name
            if name.startswith(".") or filenames.normalise(name) in kinds.NOT_CAPTURES:
                continue
            entry, sub = make(name), prefix + name
            self.dirents[id(entry)] = (entry, de)
            try:
                link = de.is_symlink()
            except OSError:
                link = True  # let inside() judge it
            if not link:
                self.reals[id(entry)] = (entry, os.path.join(real, name))
                out.append((entry, sub))
            elif self.inside(entry, sub):
                out.append((entry, sub))
        return out

    def _members(self, path: "archive.ArchivePath", display: str) -> list[tuple[Path, str]]:
        """An archive folder's members, sorted by name."""
        out: list[tuple[Path, str]] = []
        for name in sorted(path.listdir()):
            if name.startswith(".") or filenames.normalise(name) in kinds.NOT_CAPTURES:
                continue
            # an archive member answers what the walk asks of a Path (name, is_dir, open, ...)
            entry, sub = cast(Path, path / name), os.path.join(display, name)
            if self.inside(entry, sub):
                out.append((entry, sub))
        return out

    def files_below(self, path: Path, display: str, sniff: bool = True) -> Iterable[CaptureFile]:
        """Every file at or below a folder, in name order as ``ls -R`` lists them; a stack
        of listings, not recursion, so no depth exhausts Python's stack."""
        stack = [iter(self.entries(path, display))]
        while stack:
            for entry, sub in stack[-1]:
                if self.is_dir(entry):
                    stack.append(iter(self.entries(entry, sub)))
                    break
                if self.regular(entry, sub):
                    yield capture_file(entry, sub, sniff)
                self.forget(entry)
            else:
                stack.pop()

    def regular(self, path: Path, display: str) -> bool:
        """A regular file; anything else that is not a folder (a FIFO, a device, a
        socket) is reported and never opened: reading a FIFO would hang the run."""
        if self.is_file(path):
            return True
        if not self.is_dir(path):
            self.errors.append(f"{display}: not a regular file; not read")
        return False
