"""Finding capture roots on disk (CAPTURES.md "Layout").

A *capture root* is a folder holding an ``ldm`` capture (one physical server); its
sub-folders are its domains. A folder with domain captures but no ``ldm`` capture is
a *single host*. Any other folder is walked for roots below it (a fleet). Discovery
only lists and names files: it reads no content and never writes.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Iterable, Optional

import attrs

from ipmplint import filenames

#: How deep a fleet folder is walked for capture roots.
MAX_DEPTH = 8


@attrs.frozen
class CaptureFile:
    """One file of a capture, with the kind its name says (None: not recognised)."""

    path: Path
    display: str
    kind: Optional[str]


@attrs.frozen
class DomainDir:
    """The folder of one domain's captures."""

    name: str
    path: Path
    display: str
    files: tuple[CaptureFile, ...] = ()


@attrs.frozen
class CaptureRoot:
    """A physical server (with ``ldm``) or a single host (without)."""

    name: str
    path: Path
    display: str
    files: tuple[CaptureFile, ...] = ()
    domains: tuple[DomainDir, ...] = ()

    @property
    def single_host(self) -> bool:
        return not any(f.kind in filenames.SERVER_KINDS for f in self.files)


@attrs.frozen
class Discovery:
    roots: tuple[CaptureRoot, ...]
    errors: tuple[str, ...]


def discover(paths: Iterable[str]) -> Discovery:
    """Every capture root under the given paths, each once, in a stable order."""
    roots: list[CaptureRoot] = []
    errors: list[str] = []
    seen: set[Path] = set()
    for arg in paths:
        path = Path(arg)
        if not path.exists():
            errors.append(f"{arg}: no such file or directory")
            continue
        if not path.is_dir():
            errors.append(f"{arg}: not a directory (give the capture folder that holds it)")
            continue
        if not os.access(path, os.R_OK | os.X_OK):
            errors.append(f"{arg}: permission denied")
            continue
        found = list(_walk(path, os.path.normpath(arg), 0, errors))
        if not found:
            errors.append(f"{arg}: no capture found (no ldm, ifconfig, netstat or hostname.* file)")
        for root in found:
            real = root.path.resolve()
            if real in seen:
                continue
            seen.add(real)
            roots.append(root)
    return Discovery(tuple(roots), tuple(errors))


def _walk(path: Path, display: str, depth: int, errors: list[str]) -> Iterable[CaptureRoot]:
    entries = _entries(path, errors)
    files = [e for e in entries if e.is_file()]
    kinds = {filenames.kind_of(e.name) for e in files}
    if kinds & (filenames.SERVER_KINDS | filenames.DOMAIN_KINDS):
        yield _root(path, display, entries, errors)
        return
    if depth >= MAX_DEPTH:
        return
    for entry in entries:
        if entry.is_dir() and not entry.is_symlink():
            yield from _walk(entry, os.path.join(display, entry.name), depth + 1, errors)


def _root(path: Path, display: str, entries: list[Path], errors: list[str]) -> CaptureRoot:
    files = tuple(_file(e, os.path.join(display, e.name)) for e in entries if e.is_file())
    has_ldm = any(f.kind in filenames.SERVER_KINDS for f in files)
    domains: list[DomainDir] = []
    if has_ldm:
        for entry in entries:
            if entry.is_dir() and not entry.is_symlink():
                sub = os.path.join(display, entry.name)
                domains.append(DomainDir(entry.name, entry, sub, tuple(_files_below(entry, sub, errors))))
    else:
        # A single host: its own files, plus etc/ and any other sub-folder of them.
        below: list[CaptureFile] = []
        for entry in entries:
            if entry.is_dir() and not entry.is_symlink():
                below.extend(_files_below(entry, os.path.join(display, entry.name), errors))
        files = files + tuple(below)
    name = path.resolve().name
    return CaptureRoot(name=name, path=path, display=display, files=files, domains=tuple(domains))


def _files_below(path: Path, display: str, errors: list[str]) -> Iterable[CaptureFile]:
    for entry in _entries(path, errors):
        sub = os.path.join(display, entry.name)
        if entry.is_dir() and not entry.is_symlink():
            yield from _files_below(entry, sub, errors)
        elif entry.is_file():
            yield _file(entry, sub)


def _file(path: Path, display: str) -> CaptureFile:
    return CaptureFile(path=path, display=display, kind=filenames.kind_of(path.name))


def _entries(path: Path, errors: list[str]) -> list[Path]:
    """A folder's entries sorted by name (output must not depend on file-system order);
    dot-files (``.git``, ``.DS_Store``) are not captures."""
    try:
        names = sorted(os.listdir(path))
    except OSError as exc:
        errors.append(f"{path}: {exc.strerror or exc}")
        return []
    return [path / n for n in names if not n.startswith(".")]
