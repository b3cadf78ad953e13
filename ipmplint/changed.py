"""``ipmplint check --changed FILE...``: the capture roots that hold the files a change touched.

pre-commit (and ``git diff --name-only | xargs ipmplint check --changed``) hands over
files, but a capture is a folder: a changed ``ldg1/ifconfig-a.txt`` must be judged with
its server's ``ldm-list-l.txt`` and every other domain of that server. So the current
directory (the repository's top, where pre-commit runs hooks) is discovered exactly as
``ipmplint check .`` would discover it, and each root that holds one of the files is
checked, once however many of its files changed. A file outside every capture (a
README, the CI configuration) selects nothing. A file that no longer exists (deleted or
renamed away) still selects the root it was in, when that root still exists. A folder
given selects the roots in it and the root it is in. A changed tar archive selects every
root read from it.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Optional, Sequence

from ipmplint import archive, discovery


def _contains(folder: Path, path: Path) -> bool:
    return folder == path or folder in path.parents


def _where(root: discovery.CaptureRoot) -> Path:
    """Where a root is on disk, as an absolute path: its folder or file; for a root read
    from a tar archive, the archive (the file a change touches)."""
    if isinstance(root.path, archive.ArchivePath):
        return Path(os.path.abspath(root.path.tree.label))
    return Path(os.path.abspath(root.path))


def roots(paths: Sequence[str], top: Optional[str] = None) -> discovery.Discovery:
    """The capture roots under ``top`` (default: the current directory) that hold one
    of ``paths``, in discovery order, each once; the problems found while walking other
    parts of ``top`` are not this change's and are left out."""
    found = discovery.discover([top or os.curdir])
    where = [_where(root) for root in found.roots]
    chosen: set[Path] = set()
    for given in paths:
        target = Path(os.path.abspath(given))
        holding = [path for path in where if _contains(path, target)]
        if holding:  # the innermost: a file of a collection is its own root, not the folder's
            chosen.add(max(holding, key=lambda path: len(path.parts)))
        chosen.update(path for path in where if target in path.parents)
    # Found again from its own path, so that paths read as the user would type them
    # (``fleet/server1/ldm-list-l.txt``, not ``./fleet/...``) and as ``ipmplint check
    # fleet/server1`` would show them: the same fingerprints, the same report. An archive
    # holding several roots is found again once.
    out = []
    for path in dict.fromkeys(path for path in where if path in chosen):
        again = discovery.discover([os.path.relpath(path)])
        out.extend(r for r in again.roots if _where(r) == path)
    return discovery.Discovery(tuple(out), ())
