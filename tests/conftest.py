"""Fixtures every test may use: the real samples, and two promises: the whole run never
writes into a capture (fixtures/ and tests/data/samples are compared, mtime and bytes,
before and after the session), and never writes outside temporary folders.

For the second, before any test module is even imported (some compile grammars at
import time), ``pytest_configure`` points ``HOME``, ``XDG_CACHE_HOME``,
``XDG_CONFIG_HOME``, ``XDG_DATA_HOME``, ``PIP_CACHE_DIR``, virtualenv's app data and
hypothesis' folder (its example database) at a temporary folder of the session, and
``nothing_written_outside`` compares the repository tree and the real home's ipmplint
key, virtualenv and hypothesis folders before and after the session.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
from pathlib import Path

import pytest
from testpaths import FIXTURES, REPO, SAMPLES, snapshot

#: The real home's folders a test run must not write (checked by path and mtime).
_REAL_HOME = Path(os.path.expanduser("~"))
#: (Not ``~/.cache/pip`` nor ``~/.cache/ipmplint``: other checkouts' runs share them and
#: may write them meanwhile; ``test_the_session_writes_only_in_temporary_folders`` checks
#: that the variables pointing elsewhere are set.)
_WATCHED_HOME = [_REAL_HOME / p for p in (".config/ipmplint", ".hypothesis", ".local/share/virtualenv")]
#: What in the repository a run may change: what git ignores for good reasons. (.mutation:
#: a mutation session writes its database there while it runs these very tests, and a
#: journal file seen by one snapshot only would count a surviving mutant as killed.)
_REPO_SKIP = {
    ".git",
    ".venv",
    "__pycache__",
    "ipmplint.egg-info",
    ".pytest_cache",
    ".mypy_cache",
    ".ruff_cache",
    ".mutation",
}
_SESSION: dict[str, Path] = {}


def pytest_configure(config) -> None:
    top = Path(tempfile.mkdtemp(prefix="ipmplint-tests-"))
    _SESSION["top"] = top
    for name, sub in (
        ("HOME", "home"),
        ("XDG_CACHE_HOME", "home/.cache"),
        ("XDG_CONFIG_HOME", "home/.config"),
        ("XDG_DATA_HOME", "home/.local/share"),
        ("PIP_CACHE_DIR", "pip-cache"),
        ("VIRTUALENV_OVERRIDE_APP_DATA", "virtualenv-app-data"),
    ):
        (top / sub).mkdir(parents=True, exist_ok=True)
        os.environ[name] = str(top / sub)
    os.environ.pop("IPMPLINT_CACHE_KEY", None)
    from hypothesis import configuration

    configuration.set_hypothesis_home_dir(top / "hypothesis")


def pytest_unconfigure(config) -> None:
    top = _SESSION.pop("top", None)
    if top is not None:
        try:
            shutil.rmtree(top, ignore_errors=True)
        except RecursionError:  # a test's folder 1,000 levels deep: rm has no recursion limit
            subprocess.run(["rm", "-rf", "--", str(top)], check=False)


def _stamps(paths: list[Path], skip: set[str] = frozenset()) -> dict[str, int]:
    """Every file below ``paths`` with its modification time (ns), and every folder
    (-1: a folder's time changes when a ``__pycache__`` is made in it)."""
    out: dict[str, int] = {}
    for top in paths:
        for folder, dirs, files in os.walk(top):
            dirs[:] = [d for d in dirs if d not in skip]
            out.update({os.path.join(folder, d): -1 for d in dirs})  # folders: that they exist
            for name in files:
                path = os.path.join(folder, name)
                try:
                    out[path] = os.lstat(path).st_mtime_ns
                except OSError:
                    pass
        if top.exists():
            out[str(top)] = -1
    return out


@pytest.fixture(scope="session", autouse=True)
def nothing_written_outside():
    """No test writes in the repository or the real home: caches, keys, pip and
    hypothesis all went to the session's temporary folder."""
    before = set(_stamps([REPO], _REPO_SKIP)), _stamps(_WATCHED_HOME)
    yield
    # The repository by path (a file or folder made or removed): its files' times change
    # when someone edits them while the suite runs; captures are compared byte for byte
    # by captures_never_written.
    after = set(_stamps([REPO], _REPO_SKIP)), _stamps(_WATCHED_HOME)
    for was, now in zip(before, after):
        changed = (
            sorted(set(was) ^ set(now))
            if isinstance(was, set)
            else sorted(k for k in set(was) | set(now) if was.get(k) != now.get(k))
        )
        assert not changed, "the test run wrote outside temporary folders: " + ", ".join(changed[:10])


@pytest.fixture
def samples() -> Path:
    return SAMPLES


@pytest.fixture(scope="session", autouse=True)
def captures_never_written():
    """ipmplint never writes into a capture: the fixtures and samples are byte- and
    mtime-identical after the whole suite has run over them."""
    before = {root: snapshot(root) for root in (FIXTURES, SAMPLES)}
    yield
    for root, files in before.items():
        after = snapshot(root)
        assert after == files, f"the test run changed files under {root}: " + ", ".join(
            sorted(k for k in set(files) | set(after) if files.get(k) != after.get(k))[:10]
        )


@pytest.fixture(scope="session")
def _grammar_cache(tmp_path_factory) -> Path:
    return tmp_path_factory.mktemp("grammar-cache")


@pytest.fixture(autouse=True)
def private_cache(_grammar_cache, tmp_path_factory, monkeypatch) -> Path:
    """Each test starts with an empty ipmplint cache of its own (ipmplint.engine.cache: parse
    results and reports), so no test sees what another one cached; the compiled
    grammars are shared by the session."""
    top = tmp_path_factory.mktemp("ipmplint-cache")
    (top / "grammars").symlink_to(_grammar_cache, target_is_directory=True)
    monkeypatch.setenv("IPMPLINT_CACHE_DIR", str(top))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path_factory.mktemp("config")))  # its own cache key
    return top
