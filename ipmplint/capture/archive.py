"""Tar archives of captures, read in memory and never extracted.

The collector writes ``server1.tar.gz`` and Oracle Explorer ships ``explorer.*.tar.gz``;
users point ipmplint at them as they are. An archive is opened once, its regular
members are read into memory within limits, and discovery and the loader then walk it
through ``ArchivePath`` — the few ``pathlib.Path`` operations they use — exactly as
they walk a folder. Nothing is ever written to disk.

An archive is hostile input until proven otherwise. Refused, each with a note naming
the member: absolute paths and ``..`` components (path traversal), links that lead
out of the archive, device files and FIFOs, a member over the per-file size limit,
and an archive bomb — more members than ``MAX_MEMBERS`` or more bytes than
``MAX_TOTAL`` once decompressed (every regular member counts at its declared size,
the ones too big to read included: tarfile decompresses them to pass them). All the
archives of one run share one memory budget (``run_budget``). Links inside the
archive are followed. Listing a folder and walking its files cost what the folder
holds, not the whole archive.
"""

from __future__ import annotations

import bisect
import contextlib
import io
import posixpath
import stat
from pathlib import Path
from typing import IO, TYPE_CHECKING, Iterator, Optional

import attrs

from ipmplint.capture import limits

if TYPE_CHECKING:  # imported when an archive is opened: tarfile brings bz2, lzma (start-up)
    import tarfile

#: Archive endings recognised by name (a file named otherwise is never opened as one).
ENDINGS = (".tar", ".tar.gz", ".tgz", ".tar.bz2", ".tbz2", ".tar.xz", ".txz")

MAX_MEMBERS = limits.MAX_ARCHIVE_MEMBERS
MAX_TOTAL = limits.MAX_ARCHIVE_BYTES


def looks_like_archive(data: bytes) -> bool:
    """Whether bytes with no name (standard input) are a tar archive, plain or
    compressed: gzip, bzip2 and xz by their magic numbers, a plain tar by ``ustar`` at
    offset 257, as tar(5) places it."""
    return data[:2] == b"\x1f\x8b" or data[:3] == b"BZh" or data[:6] == b"\xfd7zXZ\x00" or data[257:262] == b"ustar"


def in_memory_file(name: str, data: bytes, label: str) -> "ArchivePath":
    """One file held in memory, walked and read like an archive's member (standard input
    given as a capture file): ``label`` is how it is named to the user."""
    tree = _Tree(label)
    tree.add_file(name, data, len(data))
    return ArchivePath(tree, name)


def is_archive(name: str) -> bool:
    return name.lower().endswith(ENDINGS)


def stem(name: str) -> str:
    """``server1.tar.gz`` → ``server1``."""
    lowered = name.lower()
    for ending in sorted(ENDINGS, key=len, reverse=True):
        if lowered.endswith(ending):
            return name[: -len(ending)]
    return name


@attrs.define
class _Tree:
    """An archive's members: folders, and regular files with their bytes.

    ``kids`` indexes each folder's entries as members are added, so listing a folder
    costs its own entries, not the whole archive's (16,000 domain folders listed one
    by one would otherwise cost 16,000²); ``walk`` lists the files below a folder from
    one sorted list by bisection, for the same reason."""

    label: str
    dirs: set[str] = attrs.Factory(lambda: {""})
    files: dict[str, bytes] = attrs.Factory(dict)
    too_big: dict[str, int] = attrs.Factory(dict)
    problems: list[str] = attrs.Factory(list)
    kids: dict[str, set[str]] = attrs.Factory(dict)
    _sorted: Optional[list[str]] = None

    def add_dirs(self, path: str) -> None:
        while path:
            parent = posixpath.dirname(path)
            self.kids.setdefault(parent, set()).add(posixpath.basename(path))
            if parent in self.dirs:
                return
            self.dirs.add(parent)
            path = parent

    def add_dir(self, path: str) -> None:
        if path not in self.dirs:
            self.dirs.add(path)
            self.add_dirs(path)

    def add_file(self, path: str, data: Optional[bytes], size: int) -> None:
        """A regular member: its bytes, or (None) over the size limit and not read."""
        if data is None:
            self.too_big[path] = size
        else:
            self.files[path] = data
        self.add_dirs(path)
        self._sorted = None

    def children(self, path: str) -> list[str]:
        return sorted(self.kids.get(path, ()))

    def walk(self, folder: str) -> list[str]:
        """Every file at or below ``folder``, sorted."""
        if self._sorted is None:
            self._sorted = sorted((*self.files, *self.too_big))
        if not folder:
            return self._sorted
        prefix = folder + "/"
        start = bisect.bisect_left(self._sorted, prefix)
        end = bisect.bisect_left(self._sorted, folder + "0")  # "0" sorts right after "/"
        return self._sorted[start:end]


@attrs.frozen
class _Stat:
    st_size: int


@attrs.frozen(eq=False)
class ArchivePath:
    """A member (or folder) of an archive, answering what discovery and the loader ask
    of a path. ``str()`` is ``archive.tar.gz/member``, the name findings show."""

    tree: _Tree = attrs.field(repr=False)
    member: str = ""

    @property
    def name(self) -> str:
        return posixpath.basename(self.member) if self.member else self.tree.label

    def __truediv__(self, name: str) -> "ArchivePath":
        return ArchivePath(self.tree, posixpath.join(self.member, name) if self.member else name)

    def __str__(self) -> str:
        return posixpath.join(self.tree.label, self.member) if self.member else self.tree.label

    def __eq__(self, other: object) -> bool:
        return isinstance(other, ArchivePath) and other.tree is self.tree and other.member == self.member

    def __hash__(self) -> int:
        return hash((id(self.tree), self.member))

    def is_dir(self) -> bool:
        return self.member in self.tree.dirs

    def is_file(self) -> bool:
        return self.member in self.tree.files or self.member in self.tree.too_big

    def is_symlink(self) -> bool:
        return False  # links inside the archive were resolved when it was read

    def exists(self) -> bool:
        return self.is_dir() or self.is_file()

    def resolve(self, strict: bool = False) -> "ArchivePath":
        return self

    @property
    def parents(self) -> tuple["ArchivePath", ...]:
        out, path = [], self.member
        while path:
            path = posixpath.dirname(path)
            out.append(ArchivePath(self.tree, path))
        return tuple(out)

    def listdir(self) -> list[str]:
        return self.tree.children(self.member)

    def stat(self) -> _Stat:
        if self.member in self.tree.too_big:
            return _Stat(self.tree.too_big[self.member])
        return _Stat(len(self.tree.files.get(self.member, b"")))

    def read_bytes(self) -> bytes:
        if self.member in self.tree.too_big:
            raise OSError(f"{self} is over the archive member size limit")
        return self.tree.files[self.member]

    def walk_files(self) -> Iterator["ArchivePath"]:
        """Every file at or below this folder."""
        for name in self.tree.walk(self.member):
            yield ArchivePath(self.tree, name)


class Budget:
    """How many more bytes the archives of one run may hold in memory, all together:
    each archive has its own bound (``MAX_TOTAL``), and a run of many archives has
    this one (``limits.MAX_RUN_ARCHIVE_BYTES``), or four archives each just under
    their bound would hold four times as much."""

    def __init__(self, limit: int) -> None:
        self.limit = limit
        self.left = limit

    def take(self, size: int) -> bool:
        if size > self.left:
            return False
        self.left -= size
        return True


_RUN_BUDGET: Optional[Budget] = None


@contextlib.contextmanager
def run_budget(limit: Optional[int] = None) -> Iterator[Budget]:
    """One memory budget for every archive opened inside (a run of the command line)."""
    global _RUN_BUDGET
    previous, _RUN_BUDGET = _RUN_BUDGET, Budget(limit or limits.MAX_RUN_ARCHIVE_BYTES)
    try:
        yield _RUN_BUDGET
    finally:
        _RUN_BUDGET = previous


def open_archive(
    path: Path, display: str, max_file_size: int, data: Optional[bytes] = None
) -> tuple[Optional[ArchivePath], list[str]]:
    """The archive's top folder, and what was refused in it (or why it could not be read).
    ``data``: the archive's bytes when it is not a file (standard input)."""
    import tarfile  # deferred: start-up (it imports bz2, lzma, shutil), for an archive only

    budget = _RUN_BUDGET if _RUN_BUDGET is not None else Budget(limits.MAX_RUN_ARCHIVE_BYTES)
    try:
        with (
            tarfile.open(fileobj=io.BytesIO(data), mode="r:*") if data is not None else tarfile.open(path, mode="r:*")
        ) as tar:
            tree = _read(tar, display, max_file_size, budget)
    except (tarfile.TarError, OSError, EOFError, ValueError) as exc:
        return None, [f"{display}: not a readable tar archive ({exc}); not read"]
    return ArchivePath(tree), tree.problems


def _read(tar: tarfile.TarFile, label: str, max_file_size: int, budget: Budget) -> _Tree:
    """Every member, within the bounds: members, bytes unpacked (every regular member
    counts, read or not: an oversized one is declared, so it is counted at its declared
    size, and reading past the bound stops the archive), and the run's budget."""
    tree = _Tree(label)
    links: list[tuple[str, str]] = []
    total = count = 0
    for info in tar:
        count += 1
        if count > MAX_MEMBERS:
            tree.problems.append(f"{label}: more than {MAX_MEMBERS} members (an archive bomb?); the rest not read")
            break
        name = _safe_name(info.name)
        where = f"{label}/{info.name}"
        if name is None:
            tree.problems.append(f"{where}: absolute path or '..' in an archive member name; not read")
            continue
        if info.isdir():
            tree.add_dir(name)
        elif info.issym() or info.islnk():
            target = (
                posixpath.normpath(posixpath.join(posixpath.dirname(name), info.linkname))
                if info.issym()
                else posixpath.normpath(info.linkname)
            )
            if info.linkname.startswith("/") or target == ".." or target.startswith("../"):
                tree.problems.append(f"{where}: link to {info.linkname}, out of the archive; not followed")
            else:
                links.append((name, target))
        elif info.isreg():
            total += info.size  # what tarfile decompresses to pass it, read or not
            if total > MAX_TOTAL:
                tree.problems.append(
                    f"{label}: more than {MAX_TOTAL} bytes unpacked (an archive bomb?); the rest not read"
                )
                break
            if info.size > max_file_size:
                tree.add_file(name, None, info.size)
                continue
            if not budget.take(info.size):
                tree.problems.append(
                    f"{label}: the archives of this run hold more than {budget.limit} bytes; "
                    f"the rest of this one not read"
                )
                break
            fh: Optional[IO[bytes]] = tar.extractfile(info)
            data = fh.read(info.size) if fh is not None else b""
            tree.add_file(name, data, info.size)
        else:
            kind = (
                "device file"
                if info.ischr() or info.isblk()
                else "FIFO"
                if info.isfifo()
                else f"special member (type {stat.filemode(info.mode)})"
            )
            tree.problems.append(f"{where}: {kind}; not read")
    for name, target in links:  # in-archive links, once every member is known
        if target in tree.files:
            tree.add_file(name, tree.files[target], len(tree.files[target]))  # shared bytes: no new memory
        elif target in tree.too_big:
            tree.add_file(name, None, tree.too_big[target])
        else:
            tree.problems.append(f"{label}/{name}: link to {target}, which the archive does not hold; not followed")
    return tree


def _safe_name(name: str) -> Optional[str]:
    """The member's path inside the archive, or None when it would escape it."""
    if name.startswith("/") or name.startswith("\\"):
        return None
    norm = posixpath.normpath(name.replace("\\", "/"))
    if norm == ".":
        return ""
    if norm == ".." or norm.startswith("../") or "/../" in f"/{norm}/":
        return None
    return norm
