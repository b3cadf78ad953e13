"""What discovery finds: capture files, the folders of domains, capture roots, and the
whole answer (``Discovery``); and how one file is named by its kind (``capture_file``).

Plain frozen data, built by ``walking`` and ``recognition`` and read by the loader and
the engine; ``capture_file`` is the only place a file's first bytes are read to learn
its kind, when its name says nothing (``kinds.sniff``).
"""

from __future__ import annotations

from pathlib import Path
from typing import Optional

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
