"""``ipmplint check --changed FILE...``: the capture roots that hold the files a change touched.

pre-commit (and ``git diff --name-only | xargs ipmplint check --changed``) hands over
files, but a capture is a folder: a changed ``ldg1/ifconfig-a.txt`` must be judged with
its server's ``ldm-list-l.txt`` and every other domain of that server. So the current
directory (the repository's top, where pre-commit runs hooks) is discovered exactly as
``ipmplint check .`` would discover it, and each root that holds one of the files is
checked, once however many of its files changed. A file outside every capture (a
README, the CI configuration) selects nothing. A file that no longer exists (deleted or
renamed away) still selects the root it was in, when that root still exists. A folder
given selects the roots in it and the root it is in.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Optional, Sequence

from ipmplint import discovery


def _contains(folder: Path, path: Path) -> bool:
    return folder == path or folder in path.parents


def roots(paths: Sequence[str], top: Optional[str] = None) -> discovery.Discovery:
    """The capture roots under ``top`` (default: the current directory) that hold one
    of ``paths``, in discovery order, each once; the problems found while walking other
    parts of ``top`` are not this change's and are left out."""
    found = discovery.discover([top or os.curdir])
    # A root inside a tar archive has a path of its own kind (archive.ArchivePath):
    # ``archive.tar.gz/member`` as a string, under the archive's own path.
    where = [(root, Path(os.path.abspath(str(root.path)))) for root in found.roots]
    chosen: set[int] = set()
    for given in paths:
        target = Path(os.path.abspath(given))
        holding = [(i, path) for i, (_, path) in enumerate(where) if _contains(path, target)]
        if holding:  # the innermost: a file of a collection is its own root, not the folder's
            chosen.add(max(holding, key=lambda item: len(item[1].parts))[0])
        chosen.update(i for i, (_, path) in enumerate(where) if target in path.parents)
    # Found again from its own path, so that paths read as the user would type them
    # (``fleet/server1/ldm-list-l.txt``, not ``./fleet/...``) and as ``ipmplint check
    # fleet/server1`` would show them: the same fingerprints, the same report.
    out = []
    for i in sorted(chosen):
        path = where[i][1]
        given = _on_disk(path)  # an archive's root: found again from the archive
        again = discovery.discover([os.path.relpath(given)])
        out.extend(r for r in again.roots if Path(os.path.abspath(str(r.path))) == path)
    return discovery.Discovery(tuple(out), ())


def _on_disk(path: Path) -> Path:
    """``path``, or for a root inside an archive (``…/s.tar.gz/s``) the archive file."""
    for candidate in (path, *path.parents):
        if candidate.exists():
            return candidate
    return path
