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
