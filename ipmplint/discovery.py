"""Finding capture roots on disk (CAPTURES.md "Layout").

A *capture root* is a folder holding an ``ldm`` capture (one physical server); its
sub-folders are its domains. A folder with domain captures but no ``ldm`` capture is
a *single host*. An Oracle Explorer folder (``sysconfig/``, ``netinfo/``, ``etc/``) is
one host whose captures sit where Explorer writes them. A folder of loose captures
that repeat a kind (four pasted ``ifconfig -a`` of four hosts) is a *collection*: each
file is a host of its own, and so is a capture file given directly on the command
line. Any other folder is walked for roots below it (a fleet).

Files are named by their names (``kinds.ALIASES``); a file whose name says nothing is
recognised by its first lines (``kinds.sniff``). Discovery reads nothing else and
never writes. Symbolic links are followed only when they stay inside the folder given
on the command line; a link out of it, or a loop, is reported.
"""

from __future__ import annotations

import os
import re
from pathlib import Path
from typing import Iterable, Optional

import attrs

from ipmplint import archive, filenames, kinds, limits

MAX_DEPTH = limits.MAX_DEPTH
SNIFF_BYTES = limits.SNIFF_BYTES

#: Oracle Explorer's folders that hold network captures (FORMATS.md section 13); the
#: rest of an Explorer (disks/, fma/, patch/, ...) is not network configuration.
EXPLORER_FOLDERS = ("sysconfig", "netinfo", "ldom", "etc")
_EXPLORER_NAME = re.compile(r"^explorer\.[0-9A-Fa-f]+\.(?P<host>.+?)-\d{4}(?:\.\d{2}){4,5}$")


@attrs.frozen
class CaptureFile:
    """One file of a capture, with the kind its name (or, failing that, its content)
    says; None when neither says anything."""

    path: Path
    display: str
    kind: Optional[str]
    sniffed: bool = False


@attrs.frozen
class DomainDir:
    """The folder of one domain's captures."""

    name: str
    path: Path
    display: str
    files: tuple[CaptureFile, ...] = ()


@attrs.frozen
class CaptureRoot:
    """A physical server (with ``ldm``) or a single host (without).

    ``layout`` says how it was found: ``server``, ``host``, ``explorer`` or ``file``
    (a capture file on its own, given directly or found in a collection)."""

    name: str
    path: Path
    display: str
    files: tuple[CaptureFile, ...] = ()
    domains: tuple[DomainDir, ...] = ()
    layout: str = "server"
    #: What went wrong inside it while walking (a link out of it, a folder that cannot
    #: be listed): the loader reports each as a parse warning of this server.
    problems: tuple[str, ...] = ()

    @property
    def single_host(self) -> bool:
        return not any(f.kind in kinds.SERVER_KINDS for f in self.files)


@attrs.frozen
class Discovery:
    """The roots found; ``errors``: command-line paths that cannot be used (exit 2);
    ``notes``: problems in a fleet folder outside any root (reported, not fatal)."""

    roots: tuple[CaptureRoot, ...]
    errors: tuple[str, ...]
    notes: tuple[str, ...] = ()


def _link_text(path: Path) -> str:
    """What a symbolic link says (``os.readlink``), the same wherever it is checked."""
    try:
        return os.readlink(path)
    except OSError:
        return "?"


class _Walk:
    """One command-line path being walked: its real location bounds the links followed."""

    def __init__(self, top: Path, max_file_size: int = limits.MAX_FILE_SIZE) -> None:
        self.max_file_size = max_file_size
        self.top = top.resolve()
        self.errors: list[str] = []
        self.visited: set[Path] = set()
        #: What listing a folder told of each entry (its type, whether it is a link), and
        #: each folder's real path when no link leads to it: a fleet of thousands of
        #: files is walked without a stat or a realpath per file.
        #: Keyed by ``id()`` (hashing a Path costs more than the stat it saves); each
        #: value holds its path, so the id cannot be reused during the walk.
        self.dirents: dict[int, tuple[Path, os.DirEntry]] = {}
        self.reals: dict[int, tuple[Path, Path, str]] = {}  # (path, its folder's real path, its name)

    def _dirent(self, path: Path) -> Optional[os.DirEntry]:
        found = self.dirents.get(id(path))
        return found[1] if found is not None and found[0] is path else None

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
            self.errors.append(f"{display}: symbolic link to {_link_text(path)}, out of the folder given; "
                               f"not followed")
            return False
        return True

    def entries(self, path: Path, display: str) -> list[tuple[Path, str]]:
        """A folder's entries sorted by name (output must not depend on file-system
        order), with their display paths; dot-files (``.git``) and the collector's MANIFEST
        are not captures."""
        known = self.reals.get(id(path))
        real = known[1] / known[2] if known is not None and known[0] is path else path.resolve()
        if real in self.visited:
            self.errors.append(f"{display}: folder reached twice through symbolic links; read once")
            return []
        self.visited.add(real)
        listed: dict[str, os.DirEntry] = {}
        try:
            if isinstance(path, archive.ArchivePath):
                names = sorted(path.listdir())
            else:
                names = sorted(os.listdir(path))
                with os.scandir(path) as it:  # each entry's type, without a stat per entry
                    listed = {de.name: de for de in it}
        except OSError as exc:
            self.errors.append(f"{display}: {exc.strerror or exc}")
            return []
        out = []
        for name in names:
            if name.startswith(".") or filenames.normalise(name) in kinds.NOT_CAPTURES:
                continue
            de = listed.get(name)
            entry, sub = (_child(path, name) if de is not None else path / name), os.path.join(display, name)
            if de is not None:
                self.dirents[id(entry)] = (entry, de)
                try:
                    link = de.is_symlink()
                except OSError:
                    link = True  # let inside() judge it
                if not link:
                    self.reals[id(entry)] = (entry, real, name)
                    out.append((entry, sub))
                    continue
            if self.inside(entry, sub):
                out.append((entry, sub))
        return out

    def files_below(self, path: Path, display: str, sniff: bool = True) -> Iterable[CaptureFile]:
        for entry, sub in self.entries(path, display):
            if self.is_dir(entry):
                yield from self.files_below(entry, sub, sniff)
            elif self.regular(entry, sub):
                yield capture_file(entry, sub, sniff)

    def regular(self, path: Path, display: str) -> bool:
        """A regular file; anything else that is not a folder (a FIFO, a device, a
        socket) is reported and never opened: reading a FIFO would hang the run."""
        if self.is_file(path):
            return True
        if not self.is_dir(path):
            self.errors.append(f"{display}: not a regular file; not read")
        return False


def _child(path: Path, name: str) -> Path:
    """``path / name`` for a name a folder listing gave (no separator to parse): pathlib's
    own shortcut where it has one, which a fleet of thousands of files notices."""
    make = getattr(path, "_make_child_relpath", None)
    return make(name) if make is not None else path / name


def discover(paths: Iterable[str], max_file_size: int = limits.MAX_FILE_SIZE) -> Discovery:
    """Every capture root under the given paths, each once, in a stable order.
    ``max_file_size`` bounds what is read from a tar archive's members."""
    roots: list[CaptureRoot] = []
    errors: list[str] = []
    notes: list[str] = []
    seen: set[Path] = set()
    for arg in paths:
        path = Path(arg)
        display = os.path.normpath(arg)
        if not path.exists():
            errors.append(f"{arg}: no such file or directory")
            continue
        if not os.access(path, os.R_OK | (os.X_OK if path.is_dir() else 0)):
            errors.append(f"{arg}: permission denied")
            continue
        walk = _Walk(path if path.is_dir() else path.parent, max_file_size)
        if path.is_dir():
            found = list(_walk(walk, path, display, 0))
            notes.extend(walk.errors)
        elif path.is_file() and archive.is_archive(path.name):
            found = list(_archive(walk, path, display))
            if not found and walk.errors:
                errors.extend(walk.errors)
            else:
                notes.extend(walk.errors)
        elif path.is_file():
            found = [_file_root(capture_file(path, display, True))]
        else:
            errors.append(f"{arg}: not a file or a directory")
            continue
        if not found:
            errors.append(f"{arg}: no capture found (no ldm, ifconfig, netstat, ipadm, hostname.* or other "
                          f"capture file)")
        for root in found:
            real = root.path.resolve()
            if real in seen:
                continue
            seen.add(real)
            roots.append(root)
    return Discovery(tuple(roots), tuple(errors), tuple(notes))


def capture_file(path: Path, display: str, sniff: bool = True) -> CaptureFile:
    """A file named by its kind; when its name says nothing and ``sniff`` is set, by
    its first lines."""
    kind = filenames.kind_of(path.name)
    if kind is not None or not sniff or archive.is_archive(path.name):  # an archive is walked, not sniffed
        return CaptureFile(path=path, display=display, kind=kind)
    try:
        if isinstance(path, archive.ArchivePath):
            head = path.read_bytes()[:SNIFF_BYTES]
        else:
            with open(path, "rb") as fh:
                head = fh.read(SNIFF_BYTES)
    except OSError:
        return CaptureFile(path=path, display=display, kind=None)  # the loader reports it
    kind = kinds.sniff(head.decode("utf-8", errors="replace"))
    return CaptureFile(path=path, display=display, kind=kind, sniffed=kind is not None)


def _walk(walk: _Walk, path: Path, display: str, depth: int) -> Iterable[CaptureRoot]:
    mark = len(walk.errors)
    entries = walk.entries(path, display)
    if _is_explorer(entries):
        yield _owning(walk, mark, _explorer(walk, path, display, entries))
        return
    files = [capture_file(e, sub) for e, sub in entries if walk.regular(e, sub)]
    recognised = [f for f in files if f.kind is not None]
    if not recognised and _holds_etc(entries):
        # A host whose captures are all copies of its /etc: the host is this folder, not etc/.
        yield _owning(walk, mark, _root(walk, path, display, entries, files))
        return
    if recognised:
        if _repeated_kind(recognised):
            yield from _collection(path, display, files)
        else:
            yield _owning(walk, mark, _root(walk, path, display, entries, files))
        return
    if depth >= MAX_DEPTH:
        return
    folders = {entry.name for entry, _ in entries if walk.is_dir(entry)}
    for entry, sub in entries:
        if walk.is_dir(entry):
            yield from _walk(walk, entry, sub, depth + 1)
        elif archive.is_archive(entry.name) and not isinstance(entry, archive.ArchivePath):
            if archive.stem(entry.name) in folders:
                walk.errors.append(f"{sub}: the folder {archive.stem(entry.name)} beside it holds the same "
                                   f"captures; the archive is not read")
                continue
            yield from _archive(walk, entry, sub)


def _archive(walk: _Walk, path: Path, display: str) -> Iterable[CaptureRoot]:
    """The roots inside a tar archive, read in memory (archive.py); what it refused is
    the roots' problem when it has roots, the run's otherwise."""
    top, refused = archive.open_archive(path, display, walk.max_file_size)
    if top is None:
        walk.errors.extend(refused)
        return
    inner = _Walk(top, walk.max_file_size)  # type: ignore[arg-type]
    inner.errors.extend(refused)
    found = list(_walk(inner, top, display, 0))
    if found:
        found[0] = attrs.evolve(found[0], problems=tuple(inner.errors) + found[0].problems)
    else:
        walk.errors.extend(inner.errors)
    yield from found


def _owning(walk: _Walk, mark: int, root: CaptureRoot) -> CaptureRoot:
    """The root with the problems met while walking it (they are its, not the run's)."""
    problems = tuple(walk.errors[mark:])
    del walk.errors[mark:]
    return attrs.evolve(root, problems=problems)


def _repeated_kind(files: list[CaptureFile]) -> bool:
    """Two captures of one kind side by side (``hostname.*`` files excepted, a domain
    has one per interface): the folder holds several hosts' captures, not one's."""
    seen: set[str] = set()
    for f in files:
        if f.kind == "hostname":
            continue
        assert f.kind is not None
        if f.kind in seen:
            return True
        seen.add(f.kind)
    return False


def _root(walk: _Walk, path: Path, display: str, entries: list[tuple[Path, str]],
          files: list[CaptureFile]) -> CaptureRoot:
    has_ldm = any(f.kind in kinds.SERVER_KINDS for f in files)
    domains: list[DomainDir] = []
    if has_ldm:
        for entry, sub in entries:
            if walk.is_dir(entry):
                domains.append(DomainDir(entry.name, entry, sub, tuple(walk.files_below(entry, sub))))
        return CaptureRoot(name=_name(path), path=path, display=display, files=tuple(files),
                           domains=tuple(domains), layout="server")
    # A single host: its own files, plus etc/ and any other sub-folder of them.
    below = [f for entry, sub in entries if walk.is_dir(entry) for f in walk.files_below(entry, sub)]
    return CaptureRoot(name=_name(path), path=path, display=display, files=tuple(files + below), layout="host")


def _collection(path: Path, display: str, files: list[CaptureFile]) -> Iterable[CaptureRoot]:
    """Each recognised file a host of its own; the unrecognised ones stay with the
    folder, so they are still reported (CAP002)."""
    for f in files:
        if f.kind is not None:
            yield _file_root(f)
    loose = tuple(f for f in files if f.kind is None)
    if loose:
        yield CaptureRoot(name=_name(path), path=path, display=display, files=loose, layout="host")


def _file_root(f: CaptureFile) -> CaptureRoot:
    name = f.path.name
    for ending in (".txt", ".out", ".log"):
        if name.lower().endswith(ending):
            name = name[: -len(ending)]
            break
    return CaptureRoot(name=name, path=f.path, display=f.display, files=(f,), layout="file")


def _holds_etc(entries: list[tuple[Path, str]]) -> bool:
    """A sub-folder ``etc`` holding a capture file (``hostname.*``, ``hosts``, ...)."""
    for entry, _ in entries:
        if entry.name == "etc" and entry.is_dir():
            if isinstance(entry, archive.ArchivePath):
                if any(filenames.kind_of(f.name) for f in entry.walk_files()):
                    return True
                continue
            for _, _, names in os.walk(entry):
                if any(filenames.kind_of(n) for n in names):
                    return True
    return False


def _is_explorer(entries: list[tuple[Path, str]]) -> bool:
    dirs = {e.name for e, _ in entries if e.is_dir()}
    return "sysconfig" in dirs and bool(dirs & {"netinfo", "etc"})


def _explorer(walk: _Walk, path: Path, display: str, entries: list[tuple[Path, str]]) -> CaptureRoot:
    """An Explorer is one host; of its thousands of files only the network captures
    are taken, by name (sniffing every file would be slow and wrong): the rest is not
    network configuration, so it is neither read nor reported."""
    files: list[CaptureFile] = []
    for entry, sub in entries:
        if entry.is_dir() and entry.name in EXPLORER_FOLDERS:
            files.extend(f for f in walk.files_below(entry, sub, sniff=False) if f.kind is not None)
    m = _EXPLORER_NAME.match(path.resolve().name)
    name = m.group("host") if m else _name(path)
    return CaptureRoot(name=name, path=path, display=display, files=tuple(files), layout="explorer")


def _name(path: Path) -> str:
    return path.resolve().name
