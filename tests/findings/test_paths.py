"""How a report shows a capture's path: relative to the folder ipmplint runs in, as
written or once links are resolved, else as given. ``relative_path`` resolves a
file's folder once for all its files; it answers what ``os.path.relpath`` over both
``os.path.realpath``s answers, links in the folder, in the file's name, or up the
tree included."""

from __future__ import annotations

import itertools
import os
from pathlib import PurePath
from typing import Optional

import pytest

from ipmplint.findings import paths


def _by_relpath(file: str, srcroot: Optional[str]) -> Optional[str]:
    """The answer spelled out with ``os.path.relpath`` and ``os.path.realpath``."""
    if srcroot is None:
        return None if os.path.isabs(file) else PurePath(os.path.normpath(file)).as_posix()
    root = os.path.abspath(srcroot)
    target = os.path.normpath(os.path.join(root, file))
    for base, path in ((root, target), (os.path.realpath(root), os.path.realpath(target))):
        rel = os.path.relpath(path, base)
        if rel != os.curdir and rel != os.pardir and not rel.startswith(os.pardir + os.sep):
            return PurePath(rel).as_posix()
    return None


@pytest.fixture
def tree(tmp_path, monkeypatch):
    (tmp_path / "real" / "sub").mkdir(parents=True)
    (tmp_path / "real" / "sub" / "f").write_text("")
    (tmp_path / "real" / "g").write_text("")
    (tmp_path / "link").symlink_to(tmp_path / "real")
    (tmp_path / "real" / "sub" / "lg").symlink_to(tmp_path / "real" / "g")
    (tmp_path / "real" / "sub" / "up").symlink_to("../..")
    monkeypatch.chdir(tmp_path)
    return str(tmp_path)


NAMES = [
    "f",
    "sub/f",
    "real/sub/f",
    "link/sub/f",
    "link/sub/lg",
    "real/sub/lg",
    "link/g",
    "link/sub/up/real/g",
    "link/sub/..",
    "real/..c",
    "..",
    ".",
    "",
    "../x",
    "a/../b",
    "/",
    "/etc/passwd",
]


def test_the_same_answer_as_relpath_over_realpaths(tree):
    files = NAMES + [os.path.join(tree, name) for name in NAMES]
    roots = [None, ".", "link", "real", tree, tree + "/", f"{tree}/link", f"{tree}/link/sub", f"{tree}/real/sub/up"]
    roots += ["/", f"{tree}/missing"]
    for file, root in itertools.product(files, roots):
        paths.relative_path.cache_clear()
        paths.display_path.cache_clear()
        assert paths.relative_path(file, root) == _by_relpath(file, root), (file, root)
        expected = _by_relpath(file, root) or PurePath(os.path.normpath(file)).as_posix()
        assert paths.display_path(file, root) == expected, (file, root)
