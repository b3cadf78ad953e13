"""``ipmplint check --changed FILE...``: the capture roots that hold the files a change touched.

pre-commit (and ``git diff --name-only | xargs ipmplint check --changed``) hands over
files, but a capture is a folder: a changed ``ldg1/ifconfig-a.txt`` must be judged with
its server's ``ldm-list-l.txt`` and every other domain of that server. Each root that
holds one of the files is checked, once however many of its files changed, and found
as ``ipmplint check .`` would find it — but without walking the repository: from each
changed file, the folders above it are looked at (their own listing) up to the current
directory (the repository's top, where pre-commit runs hooks); the highest one whose
own files are a capture is discovered alone, and the innermost root in it that holds
the file is the one checked. So a hook run costs what the changed captures cost,
whatever the size of the repository.

A file outside every capture (a README, the CI configuration) selects nothing. A file
that no longer exists (deleted or renamed away) still selects the root it was in, when
that root still exists. A folder given selects the roots in it and the root it is in.
A changed tar archive selects every root read from it.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Optional, Sequence

from ipmplint.capture import archive, discovery
from ipmplint.capture.roots import CaptureRoot


def _contains(folder: Path, path: Path) -> bool:
    return folder == path or folder in path.parents


def _where(root: discovery.CaptureRoot) -> Path:
    """Where a root is on disk, as an absolute path: its folder or file; for a root read
    from a tar archive, the archive (the file a change touches)."""
    if isinstance(root.path, archive.ArchivePath):
        return Path(os.path.abspath(root.path.tree.label))
    return Path(os.path.abspath(root.path))


def _existing(target: Path, top: Path) -> Optional[Path]:
    """The path itself, or the nearest folder above it that still exists (a deleted
    file's folder), not above ``top``."""
    for path in (target, *target.parents):
        if not _contains(top, path):
            return None
        if path.exists():
            return path
    return None


def _anchors(target: Path, top: Path) -> list[Path]:
    """What to discover for one changed path: the highest folder above it (up to ``top``)
    whose own files are a capture — discovered alone, it is judged as a walk of ``top``
    judges it, and holds every root the path is in or holds; when there is none, the
    path itself if it is a folder or an archive (the roots in it)."""
    here = _existing(target, top)
    if here is None:
        return []
    folder = here if here.is_dir() else here.parent
    highest = None
    for path in (folder, *folder.parents):
        if not _contains(top, path):
            break
        if discovery.holds_capture(path):
            highest = path
    anchors = [highest] if highest is not None else []
    if here == target and (here.is_dir() and highest is None or archive.is_archive(here.name)):
        anchors.append(here)
    return anchors


def roots(paths: Sequence[str], top: Optional[str] = None) -> discovery.Discovery:
    """The capture roots under ``top`` (default: the current directory) that hold one
    of ``paths``, each once, in the order a walk of ``top`` lists them; the problems
    found while walking are not this change's and are left out."""
    base = Path(os.path.abspath(top or os.curdir))
    chosen: dict[Path, discovery.CaptureRoot] = {}
    for given in paths:
        target = Path(os.path.abspath(given))
        for anchor in _anchors(target, base):
            found = discovery.discover([os.path.relpath(anchor)]).roots
            where = [(_where(root), root) for root in found]
            holding = [(path, root) for path, root in where if _contains(path, target)]
            if holding:  # the innermost: a file of a collection is its own root, not the folder's
                path, root = max(holding, key=lambda item: len(item[0].parts))
                chosen.setdefault(path, root)
            for path, root in where:
                if target in path.parents:
                    chosen.setdefault(path, root)
    # Found again from its own path, so that paths read as the user would type them
    # (``fleet/server1/ldm-list-l.txt``, not ``./fleet/...``) and as ``ipmplint check
    # fleet/server1`` would show them: the same fingerprints, the same report. An archive
    # holding several roots is found again once.
    out: list[CaptureRoot] = []
    for path in sorted(chosen, key=lambda p: p.parts):
        again = discovery.discover([os.path.relpath(path)])
        out.extend(r for r in again.roots if _where(r) == path)
    return discovery.Discovery(tuple(out), ())
