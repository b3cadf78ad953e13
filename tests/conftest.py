"""Fixtures every test may use: the real samples, and the promise that the whole run
never writes into a capture (fixtures/ and tests/data/samples are compared, mtime and
bytes, before and after the session)."""

from __future__ import annotations

from pathlib import Path

import pytest

from testpaths import FIXTURES, SAMPLES, snapshot


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
            sorted(k for k in set(files) | set(after) if files.get(k) != after.get(k))[:10])


@pytest.fixture(scope="session")
def _grammar_cache(tmp_path_factory) -> Path:
    return tmp_path_factory.mktemp("grammar-cache")


@pytest.fixture(autouse=True)
def private_cache(_grammar_cache, tmp_path_factory, monkeypatch) -> Path:
    """Each test starts with an empty ipmplint cache of its own (ipmplint.cache: parse
    results and reports), so no test sees what another one cached; the compiled
    grammars are shared by the session."""
    top = tmp_path_factory.mktemp("ipmplint-cache")
    (top / "grammars").symlink_to(_grammar_cache, target_is_directory=True)
    monkeypatch.setenv("IPMPLINT_CACHE_DIR", str(top))
    return top
