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
"""

from __future__ import annotations

import os
import re
from pathlib import Path
from typing import Iterable, Optional

import attrs

from ipmplint.capture import archive, filenames, kinds, limits

MAX_DEPTH = limits.MAX_DEPTH
SNIFF_BYTES = limits.SNIFF_BYTES

#: Oracle Explorer's folders that hold network captures (docs/captures.md, "Oracle Explorer"); the
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
    ``notes``: problems in a fleet folder outside any root (reported, not fatal);
    ``outside``: files and folders of a fleet folder that are in no capture (a README
    beside the server folders): named on stderr so nothing is passed by in silence, but
    not input errors, since a fleet's repository rightly holds them."""

    roots: tuple[CaptureRoot, ...]
    errors: tuple[str, ...]
    notes: tuple[str, ...] = ()
    outside: tuple[str, ...] = ()


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
    outside: list[str] = []
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
            found, lost = _walk(walk, path, display)
            notes.extend(walk.errors)
            outside.extend(stray.note() for stray in lost)
        elif path.is_file() and archive.is_archive(path.name):
            found, lost = _archive(walk, path, display)
            outside.extend(stray.note() for stray in lost)
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
    return Discovery(tuple(roots), tuple(errors), tuple(notes), tuple(outside))


def merge(first: Discovery, second: Discovery) -> Discovery:
    """Two discoveries as one: the first's roots, then the second's."""
    return Discovery(first.roots + second.roots, first.errors + second.errors, first.notes + second.notes,
                     first.outside + second.outside)


#: How standard input is named in findings, as ruff and other linters name it.
STDIN = "-"


def discover_stdin(data: bytes, max_file_size: int = limits.MAX_FILE_SIZE) -> Discovery:
    """What came on standard input (``ipmplint check -``): a tar archive of captures
    (``ssh host tar cf - capture | ipmplint check -``), walked in memory like an archive
    file, or one capture (``ssh primary ldm list -l | ipmplint check -``), recognised by
    its content. Its findings are named ``-``; nothing is written anywhere."""
    if archive.looks_like_archive(data):
        walk = _Walk(Path(os.curdir), max_file_size)
        found, lost = _archive(walk, Path(STDIN), STDIN, data)
        errors = list(walk.errors) if not found else []
        notes = [] if not found else list(walk.errors)
        if not found and not errors:
            errors.append(f"{STDIN}: no capture found in the tar archive on standard input")
        return Discovery(tuple(found), tuple(errors), tuple(notes), tuple(s.note() for s in lost))
    member = archive.in_memory_file("stdin", data, STDIN)
    f = capture_file(member, STDIN)  # type: ignore[arg-type]
    if f.kind is None:
        return Discovery((), (f"{STDIN}: standard input is no capture ipmplint recognises (ldm, ifconfig -a, "
                              f"netstat -rn, ipadm, ipmpstat, dladm ... output, or a tar archive of captures)",))
    return Discovery((_file_root(f),), ())


def holds_capture(path: Path) -> bool:
    """Whether a folder's own files make it (part of) a capture: a recognised capture at
    its top or in its ``etc/``, or the folders of an Explorer. The question ``--changed``
    asks of each folder above a changed file, so that it walks up to the capture that
    holds the file instead of walking the whole repository (only files whose names say
    nothing are opened, as discovery does)."""
    try:
        with os.scandir(path) as it:
            listed = [(de.name, de.is_dir(), Path(de.path)) for de in it if not de.name.startswith(".")]
    except OSError:
        return False
    if _is_explorer({name for name, is_dir, _ in listed if is_dir}):
        return True
    for name, is_dir, entry in listed:
        if is_dir and name == "etc" and holds_capture(entry):
            return True
        if not is_dir and not archive.is_archive(name) and capture_file(entry, name).kind is not None:
            return True
    return False


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


@attrs.frozen
class _Stray:
    """Something outside every capture: a file, or a folder or an archive with no
    capture in it (``folder``). ``files``: the files it stands for, which a host takes
    when the stray turns out to be inside the host's folder."""

    display: str
    files: tuple[CaptureFile, ...] = ()
    folder: bool = False

    def note(self) -> str:
        if self.folder:
            return f"{self.display}: no capture in it; not read"
        return f"{self.display}: not a capture, and outside every capture folder; not read"


@attrs.frozen
class _Folder:
    """A folder still to walk on its own. ``owner``: the index of the host root whose
    folder holds it, which takes its files when it turns out to hold no capture."""

    path: Path
    display: str
    depth: int
    owner: Optional[int] = None


@attrs.frozen
class _Done:
    """Pushed before a folder's sub-folders, popped after them: by then it is known
    whether anything below the folder was a capture."""

    folder: _Folder
    roots: int
    strays: int


@attrs.frozen
class _Survey:
    """What one folder is: the roots its own files make, the files outside any of
    them, and the sub-folders and archives to walk on their own. ``host``: its root
    is a single host, which takes the files of its sub-folders that hold no capture."""

    roots: tuple[CaptureRoot, ...] = ()
    strays: tuple[_Stray, ...] = ()
    apart: tuple[tuple[Path, str], ...] = ()
    host: bool = False


def _walk(walk: _Walk, top: Path, display: str) -> tuple[list[CaptureRoot], list[_Stray]]:
    """The roots under a folder in name order, and what lies outside them.

    Iterative (a stack, not recursion): a folder a thousand levels deep is walked (or
    cut at ``MAX_DEPTH``, and named) without exhausting Python's stack. A folder's
    roots come before those of its sub-folders, as ``ls -R`` lists them."""
    roots: list[CaptureRoot] = []
    strays: list[_Stray] = []
    todo: list[object] = [_Folder(top, display, 0)]
    while todo:
        item = todo.pop()
        if isinstance(item, _Done):
            _close(item, roots, strays)
            continue
        assert isinstance(item, _Folder)
        if not walk.is_dir(item.path):  # an archive beside the folders
            found, lost = _archive(walk, item.path, item.display)
            roots.extend(found)
            strays.extend(lost if found else [_Stray(item.display, folder=True)])
            continue
        if item.depth > MAX_DEPTH:
            walk.errors.append(f"{item.display}: more than {MAX_DEPTH} folders below {display}; not walked")
            continue
        done = _Done(item, len(roots), len(strays))
        survey = _survey(walk, item.path, item.display)
        owner = len(roots) if survey.host else None
        roots.extend(survey.roots)
        strays.extend(survey.strays)
        todo.append(done)
        todo.extend(_Folder(entry, sub, item.depth + 1, owner) for entry, sub in reversed(survey.apart))
    return roots, strays


def _close(done: _Done, roots: list[CaptureRoot], strays: list[_Stray]) -> None:
    """A folder walked: when nothing in it was a capture, its files are its host's
    (reported as unrecognised, CAP002) or, outside any host, named once as a folder."""
    if len(roots) > done.roots:
        return
    files = tuple(f for stray in strays[done.strays:] for f in stray.files)
    del strays[done.strays:]
    folder = done.folder
    if folder.owner is not None:
        host = roots[folder.owner]
        roots[folder.owner] = attrs.evolve(host, files=host.files + files)
    elif folder.depth > 0:  # at the top, "no capture found" says it (an error of the run)
        strays.append(_Stray(folder.display, files, folder=True))


def _survey(walk: _Walk, path: Path, display: str) -> _Survey:
    """One folder, judged by its own files: ``ldm`` captures make it a server (its
    sub-folders its domains), domain captures (here or in its ``etc/``) a single host,
    a repeated kind a collection; with none it is a fleet folder, whose files lie
    outside every capture. A sub-folder that makes a capture of its own is walked on
    its own, never merged into this folder's root, and so is an archive."""
    mark = len(walk.errors)
    entries = walk.entries(path, display)
    if _is_explorer({entry.name for entry, _ in entries if walk.is_dir(entry)}):
        return _Survey(roots=(_owning(walk, mark, _explorer(walk, path, display, entries)),))
    folders: list[tuple[Path, str]] = []
    tars: list[tuple[Path, str]] = []
    files: list[CaptureFile] = []
    for entry, sub in entries:
        if walk.is_dir(entry):
            folders.append((entry, sub))
        elif not walk.regular(entry, sub):
            continue
        elif archive.is_archive(entry.name) and not isinstance(entry, archive.ArchivePath):
            tars.append((entry, sub))
        else:
            files.append(capture_file(entry, sub))
    recognised = [f for f in files if f.kind is not None]
    etc = [(entry, sub) for entry, sub in folders if entry.name == "etc"]
    others = [(entry, sub) for entry, sub in folders if entry.name != "etc"]
    if any(f.kind in kinds.SERVER_KINDS for f in recognised) and not (_repeated_kind(recognised) and not folders):
        survey = _server(walk, mark, path, display, files, etc, others)
    elif recognised and _repeated_kind(recognised):
        survey = _Survey(roots=tuple(_collection(path, display, files)), apart=tuple(folders))
    else:
        below = [f for entry, sub in etc for f in walk.files_below(entry, sub)]
        if recognised or any(f.kind is not None for f in below):
            host = CaptureRoot(name=_name(path), path=path, display=display, files=tuple(files + below), layout="host")
            survey = _Survey(roots=(_owning(walk, mark, host),), apart=tuple(others), host=True)
        else:
            lost = [_Stray(f.display, (f,)) for f in files]
            lost.extend(_Stray(sub, tuple(below), folder=True) for _, sub in etc)  # one etc/ at most
            survey = _Survey(strays=tuple(lost), apart=tuple(others))
    return attrs.evolve(survey, apart=tuple(sorted(survey.apart + tuple(_archives(walk, tars, folders)),
                                                   key=lambda item: item[0].name)))


def _server(walk: _Walk, mark: int, path: Path, display: str, files: list[CaptureFile],
            etc: list[tuple[Path, str]], others: list[tuple[Path, str]]) -> _Survey:
    """A server: each sub-folder a domain, except one with ``ldm`` captures of its own
    (another server) or an Explorer; ``etc/`` beside the ``ldm`` captures is the
    control domain's, like its captures there."""
    control = [f for entry, sub in etc for f in walk.files_below(entry, sub)]
    domains: list[DomainDir] = []
    apart: list[tuple[Path, str]] = []
    for entry, sub in others:
        if _stands_alone(entry, sub):
            apart.append((entry, sub))
        else:
            domains.append(DomainDir(entry.name, entry, sub, tuple(walk.files_below(entry, sub))))
    root = CaptureRoot(name=_name(path), path=path, display=display, files=tuple(files + control),
                       domains=tuple(domains), layout="server")
    return _Survey(roots=(_owning(walk, mark, root),), apart=tuple(apart))


def _stands_alone(path: Path, display: str) -> bool:
    """Whether a server's sub-folder is a capture of its own rather than a domain's: an
    Explorer, or ``ldm`` captures at its top. Looked at from its listing alone (the walk
    lists it again, when it is one); only a file whose name says nothing is opened."""
    try:
        if isinstance(path, archive.ArchivePath):
            listed = [(name, (path / name).is_dir(), False) for name in path.listdir()]
        else:
            with os.scandir(path) as it:
                listed = [(de.name, de.is_dir(), de.is_symlink()) for de in it]
    except OSError:
        return False  # read as a domain, which reports why it cannot be listed
    if _is_explorer({name for name, is_dir, _ in listed if is_dir}):
        return True
    for name, is_dir, link in listed:
        if is_dir or name.startswith("."):
            continue
        kind = filenames.kind_of(name)
        if kind is None and not link and not archive.is_archive(name):  # a link is judged when it is walked
            kind = capture_file(_child(path, name), os.path.join(display, name)).kind
        if kind in kinds.SERVER_KINDS:
            return True
    return False


def _archives(walk: _Walk, tars: list[tuple[Path, str]], folders: list[tuple[Path, str]]) -> Iterable[tuple[Path, str]]:
    """The archives of a folder to walk on their own; one whose folder sits beside it
    (``server1.tar.gz`` and ``server1/``) holds the same captures, and is not read."""
    names = {entry.name for entry, _ in folders}
    for entry, sub in tars:
        if archive.stem(entry.name) in names:
            walk.errors.append(f"{sub}: the folder {archive.stem(entry.name)} beside it holds the same "
                               f"captures; the archive is not read")
        else:
            yield entry, sub


def _archive(walk: _Walk, path: Path, display: str,
             data: Optional[bytes] = None) -> tuple[list[CaptureRoot], list[_Stray]]:
    """The roots inside a tar archive, read in memory (archive.py), and what lies outside
    them; what it refused is the roots' problem when it has roots, the run's otherwise.
    ``data``: the archive's bytes, when it came on standard input."""
    top, refused = archive.open_archive(path, display, walk.max_file_size, data)
    if top is None:
        walk.errors.extend(refused)
        return [], []
    inner = _Walk(top, walk.max_file_size)  # type: ignore[arg-type]
    inner.errors.extend(refused)
    found, strays = _walk(inner, top, display)  # type: ignore[arg-type]
    if found:
        found[0] = attrs.evolve(found[0], problems=tuple(inner.errors) + found[0].problems)
    else:
        walk.errors.extend(inner.errors)
    return found, strays


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


def _is_explorer(folders: set[str]) -> bool:
    """The sub-folders of an Oracle Explorer: ``sysconfig/`` with ``netinfo/`` or ``etc/``."""
    return "sysconfig" in folders and bool(folders & {"netinfo", "etc"})


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
