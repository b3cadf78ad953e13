"""Recognising capture roots in a walked folder tree (docs/captures.md "Layouts").

Each folder is judged by its own files (``_survey``): ``ldm`` captures make it a server
whose sub-folders are its domains; domain captures (at its top or in its ``etc/``)
without ``ldm`` a single host; a repeated kind a collection of hosts; the folders of an
Oracle Explorer one host; anything else a fleet folder. A sub-folder that makes a
capture of its own, and a tar archive, are walked on their own. What lies in no capture
is kept as a stray, to be named. ``discovery`` puts this together for each path given.
"""

from __future__ import annotations

import os
import re
from pathlib import Path
from typing import Iterable, Iterator, Optional

import attrs

from ipmplint.capture import archive, filenames, kinds, limits
from ipmplint.capture.roots import CaptureFile, CaptureRoot, DomainDir, capture_file, file_root
from ipmplint.capture.walking import Walk, child

MAX_DEPTH = limits.MAX_DEPTH

#: Oracle Explorer's folders that hold network captures (docs/captures.md, "Oracle Explorer"); the
#: rest of an Explorer (disks/, fma/, patch/, ...) is not network configuration.
EXPLORER_FOLDERS = ("sysconfig", "netinfo", "ldom", "etc")
_EXPLORER_NAME = re.compile(r"^explorer\.[0-9A-Fa-f]+\.(?P<host>.+?)-\d{4}(?:\.\d{2}){4,5}$")


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
    #: The folder's root is a host, held (at index ``roots``) until this is popped.
    host: bool = False


@attrs.frozen
class _Survey:
    """What one folder is: the roots its own files make, the files outside any of
    them, and the sub-folders and archives to walk on their own. ``host``: its root
    is a single host, which takes the files of its sub-folders that hold no capture."""

    roots: tuple[CaptureRoot, ...] = ()
    strays: tuple[_Stray, ...] = ()
    apart: tuple[tuple[Path, str], ...] = ()
    host: bool = False


def walk_folder(walk: Walk, top: Path, display: str) -> tuple[list[CaptureRoot], list[_Stray]]:
    """The roots under a folder in name order, and what lies outside them (``roots_below``,
    gathered)."""
    strays: list[_Stray] = []
    return list(roots_below(walk, top, display, strays)), strays


def roots_below(walk: Walk, top: Path, display: str, strays: list[_Stray]) -> Iterator[CaptureRoot]:
    """The roots under a folder in name order, each yielded as soon as it is final, so
    a fleet is checked while it is walked and no more than the roots in hand are held;
    what lies outside them is added to ``strays``.

    Iterative (a stack, not recursion): a folder a thousand levels deep is walked (or
    cut at ``MAX_DEPTH``, and named) without exhausting Python's stack. A folder's
    roots come before those of its sub-folders, as ``ls -R`` lists them. A host's root
    is final once its sub-folders are walked (one with no capture gives it its files,
    ``_close``); any other root as soon as its folder is surveyed. A root yielded
    leaves an empty slot behind: the positions ``_Done`` counts stay right."""
    roots: list[Optional[CaptureRoot]] = []
    open_hosts: set[int] = set()  # the hosts whose sub-folders are still to walk
    given = 0
    todo: list[object] = [_Folder(top, display, 0)]
    while todo:
        item = todo.pop()
        if isinstance(item, _Done):
            _close(item, roots, strays)
            if item.host:
                open_hosts.discard(item.roots)
        elif isinstance(item, _Folder) and not walk.is_dir(item.path):  # an archive beside the folders
            found, lost = walk_archive(walk, item.path, item.display)
            roots.extend(found)
            strays.extend(lost if found else [_Stray(item.display, folder=True)])
        else:
            assert isinstance(item, _Folder)
            _walk_one(walk, item, display, todo, roots, strays, open_hosts)
        while given < len(roots) and given not in open_hosts:
            root, roots[given] = roots[given], None
            given += 1
            assert root is not None
            yield root


def _walk_one(
    walk: Walk,
    item: _Folder,
    top: str,
    todo: list[object],
    roots: list[Optional[CaptureRoot]],
    strays: list[_Stray],
    open_hosts: set[int],
) -> None:
    """One folder surveyed: its roots added, its sub-folders pushed to walk."""
    if item.depth > MAX_DEPTH:
        walk.errors.append(f"{item.display}: more than {MAX_DEPTH} folders below {top}; not walked")
        return
    survey = _survey(walk, item.path, item.display)
    done = _Done(item, len(roots), len(strays), survey.host)
    owner = len(roots) if survey.host else None
    if owner is not None:
        open_hosts.add(owner)
    roots.extend(survey.roots)
    strays.extend(survey.strays)
    todo.append(done)
    todo.extend(_Folder(entry, sub, item.depth + 1, owner) for entry, sub in reversed(survey.apart))


def _close(done: _Done, roots: list[Optional[CaptureRoot]], strays: list[_Stray]) -> None:
    """A folder walked: when nothing in it was a capture, its files are its host's
    (reported as unrecognised, CAP002) or, outside any host, named once as a folder."""
    if len(roots) > done.roots:
        return
    files = tuple(f for stray in strays[done.strays :] for f in stray.files)
    del strays[done.strays :]
    folder = done.folder
    if folder.owner is not None:
        host = roots[folder.owner]
        assert host is not None  # a host is held until its sub-folders are walked
        roots[folder.owner] = attrs.evolve(host, files=host.files + files)
    elif folder.depth > 0:  # at the top, "no capture found" says it (an error of the run)
        strays.append(_Stray(folder.display, files, folder=True))


def _survey(walk: Walk, path: Path, display: str) -> _Survey:
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
            walk.forget(entry)
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
    return attrs.evolve(
        survey, apart=tuple(sorted(survey.apart + tuple(_archives(walk, tars, folders)), key=lambda item: item[0].name))
    )


def _server(
    walk: Walk,
    mark: int,
    path: Path,
    display: str,
    files: list[CaptureFile],
    etc: list[tuple[Path, str]],
    others: list[tuple[Path, str]],
) -> _Survey:
    """A server: each sub-folder a domain, except one with ``ldm`` captures of its own
    (another server) or an Explorer; ``etc/`` beside the ``ldm`` captures is the
    control domain's, like its captures there. A server the walk does not want (another
    shard's) is given without walking below its own files: its sub-folders are only
    looked at for servers of their own."""
    if walk.wanted is not None and not walk.wanted(str(path)):
        alone: list[tuple[Path, str]] = []
        for entry, sub in others:
            if _stands_alone(walk, entry, sub):
                alone.append((entry, sub))
            else:
                walk.unpeek(entry)
        unwalked = CaptureRoot(name=_name(path), path=path, display=display, files=tuple(files), layout="server")
        return _Survey(roots=(_owning(walk, mark, unwalked),), apart=tuple(alone))
    control = [f for entry, sub in etc for f in walk.files_below(entry, sub)]
    domains: list[DomainDir] = []
    apart: list[tuple[Path, str]] = []
    for entry, sub in others:
        if _stands_alone(walk, entry, sub):
            apart.append((entry, sub))
        else:
            domains.append(DomainDir(entry.name, entry, sub, tuple(walk.files_below(entry, sub))))
    root = CaptureRoot(
        name=_name(path),
        path=path,
        display=display,
        files=tuple(files + control),
        domains=tuple(domains),
        layout="server",
    )
    return _Survey(roots=(_owning(walk, mark, root),), apart=tuple(apart))


def _stands_alone(walk: Walk, path: Path, display: str) -> bool:
    """Whether a server's sub-folder is a capture of its own rather than a domain's: an
    Explorer, or ``ldm`` captures at its top. Looked at from its listing alone (kept for
    the walk, which lists it no second time); only a file whose name says nothing is
    opened."""
    try:
        if isinstance(path, archive.ArchivePath):
            listed = [(name, (path / name).is_dir(), False) for name in path.listdir()]
        else:
            listed = [(de.name, de.is_dir(), de.is_symlink()) for de in walk.listing(path)]
    except OSError:
        return False  # read as a domain, which reports why it cannot be listed
    if _is_explorer({name for name, is_dir, _ in listed if is_dir}):
        return True
    for name, is_dir, link in listed:
        if is_dir or name.startswith("."):
            continue
        kind = filenames.kind_of(name)
        if kind is None and not link and not archive.is_archive(name):  # a link is judged when it is walked
            kind = capture_file(child(path, name), os.path.join(display, name)).kind
        if kind in kinds.SERVER_KINDS:
            return True
    return False


def _archives(walk: Walk, tars: list[tuple[Path, str]], folders: list[tuple[Path, str]]) -> Iterable[tuple[Path, str]]:
    """The archives of a folder to walk on their own; one whose folder sits beside it
    (``server1.tar.gz`` and ``server1/``) holds the same captures, and is not read."""
    names = {entry.name for entry, _ in folders}
    for entry, sub in tars:
        if archive.stem(entry.name) in names:
            walk.errors.append(
                f"{sub}: the folder {archive.stem(entry.name)} beside it holds the same "
                f"captures; the archive is not read"
            )
        else:
            yield entry, sub


def walk_archive(
    walk: Walk, path: Path, display: str, data: Optional[bytes] = None
) -> tuple[list[CaptureRoot], list[_Stray]]:
    """The roots inside a tar archive, read in memory (archive.py), and what lies outside
    them; what it refused is the roots' problem when it has roots, the run's otherwise.
    ``data``: the archive's bytes, when it came on standard input."""
    top, refused = archive.open_archive(path, display, walk.max_file_size, data)
    if top is None:
        walk.errors.extend(refused)
        return [], []
    inner = Walk(top, walk.max_file_size)  # type: ignore[arg-type]
    inner.errors.extend(refused)
    found, strays = walk_folder(inner, top, display)  # type: ignore[arg-type]
    if found:
        found[0] = attrs.evolve(found[0], problems=tuple(inner.errors) + found[0].problems)
    else:
        walk.errors.extend(inner.errors)
    return found, strays


def _owning(walk: Walk, mark: int, root: CaptureRoot) -> CaptureRoot:
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
            yield file_root(f)
    loose = tuple(f for f in files if f.kind is None)
    if loose:
        yield CaptureRoot(name=_name(path), path=path, display=display, files=loose, layout="host")


def _is_explorer(folders: set[str]) -> bool:
    """The sub-folders of an Oracle Explorer: ``sysconfig/`` with ``netinfo/`` or ``etc/``."""
    return "sysconfig" in folders and bool(folders & {"netinfo", "etc"})


def _explorer(walk: Walk, path: Path, display: str, entries: list[tuple[Path, str]]) -> CaptureRoot:
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
