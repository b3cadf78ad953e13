"""What discovery finds: capture files, the folders of domains, capture roots, and the
whole answer (``Discovery``); and how one file is named by its kind (``capture_file``).

Plain frozen data, built by ``walking`` and ``recognition`` and read by the loader and
the engine; ``capture_file`` is the only place a file's first bytes are read to learn
its kind, when its name says nothing (``kinds.sniff``).
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Optional, Union

import attrs

from ipmplint.capture import archive, filenames, kinds, limits

SNIFF_BYTES = limits.SNIFF_BYTES


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


def file_root(f: CaptureFile) -> CaptureRoot:
    """A capture file on its own as a root (given directly, or one of a collection),
    named after the file without its ``.txt`` / ``.out`` / ``.log`` ending."""
    name = f.path.name
    for ending in (".txt", ".out", ".log"):
        if name.lower().endswith(ending):
            name = name[: -len(ending)]
            break
    return CaptureRoot(name=name, path=f.path, display=f.display, files=(f,), layout="file")


# -- a root as plain strings: what crosses the pipe to a worker -------------------------------------
#
# A root on disk travels to the worker that checks it as a tuple of strings, its files
# named relative to it, not as ``Path`` objects (a ``Path`` pickles as its parts and is
# parsed again on arrival; 55 files a server). ``unpack(pack(root)) == root``.


def packable(root: CaptureRoot) -> bool:
    """A root whose files are on disk (a tar archive's members live in this process's
    memory: they cannot be named to another)."""
    return isinstance(root.path, Path) and all(isinstance(cf.path, Path) for cf in _all_files(root))


def pack(root: CaptureRoot) -> tuple:
    """The root as nested tuples of strings (and a flag per file), ``packable`` roots only."""
    top, shown = str(root.path), root.display
    return (
        root.name,
        top,
        shown,
        root.layout,
        root.problems,
        tuple(_pack_file(top, shown, cf) for cf in root.files),
        tuple(
            (d.name, _below(top, shown, str(d.path), d.display), tuple(_pack_file(top, shown, cf) for cf in d.files))
            for d in root.domains
        ),
    )


def unpack(packed: tuple) -> CaptureRoot:
    """The root ``pack`` gave."""
    name, top, shown, layout, problems, files, domains = packed
    path = Path(top)
    return CaptureRoot(
        name=name,
        path=path,
        display=shown,
        files=tuple(_unpack_file(path, shown, f) for f in files),
        domains=tuple(
            DomainDir(d, *_at(path, shown, where), tuple(_unpack_file(path, shown, f) for f in dfiles))
            for d, where, dfiles in domains
        ),
        layout=layout,
        problems=problems,
    )


def _all_files(root: CaptureRoot) -> tuple[CaptureFile, ...]:
    return root.files + tuple(cf for d in root.domains for cf in d.files)


def _joined(display: str, relative: str) -> str:
    """How the walk names what lies below a folder shown as ``display``."""
    if not relative:
        return display
    return (display if not display or display.endswith(os.sep) else display + os.sep) + relative


def _below(top: str, shown: str, path: str, display: str) -> Union[str, tuple[str, str]]:
    """A path and its display name as one name relative to the root when both are (the
    common case), else both in full."""
    if path == top:
        relative = ""
    elif path.startswith(top.rstrip(os.sep) + os.sep):
        relative = path[len(top.rstrip(os.sep)) + 1 :]
    else:
        return (path, display)
    return relative if _joined(shown, relative) == display and str(Path(top, relative)) == path else (path, display)


def _at(top: Path, shown: str, where: Union[str, tuple[str, str]]) -> tuple[Path, str]:
    if isinstance(where, tuple):
        return Path(where[0]), where[1]
    return (top / where if where else top), _joined(shown, where)


def _pack_file(top: str, shown: str, cf: CaptureFile) -> tuple:
    return (_below(top, shown, str(cf.path), cf.display), cf.kind, cf.sniffed)


def _unpack_file(top: Path, shown: str, packed: tuple) -> CaptureFile:
    where, kind, sniffed = packed
    path, display = _at(top, shown, where)
    return CaptureFile(path=path, display=display, kind=kind, sniffed=sniffed)
