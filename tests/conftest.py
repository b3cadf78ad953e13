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
