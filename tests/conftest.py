"""Shared test paths: the repository's fixtures, and verbatim copies of the shared
real-capture samples and the SARIF schema (tests/data), so the suite judges them on a
clean checkout too. tests/test_data_copies.py keeps the copies equal to ../shared."""

from __future__ import annotations

from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
FIXTURES = REPO / "fixtures"
DATA = REPO / "tests" / "data"
SAMPLES = DATA / "samples"
SHARED = REPO.parent / "shared"


@pytest.fixture
def samples() -> Path:
    return SAMPLES


def snapshot(root: Path) -> dict[str, tuple[int, bytes]]:
    """Every file below ``root``: its modification time (ns) and content."""
    return {str(p.relative_to(root)): (p.stat().st_mtime_ns, p.read_bytes())
            for p in sorted(root.rglob("*")) if p.is_file() and "__pycache__" not in p.parts}


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
