"""Where the tests find their data: the repository's fixtures, verbatim copies of the
public real-capture samples, SARIF schema and rule catalogue (tests/data, pinned byte
for byte by tests/test_data_copies.py), and a snapshot of a capture tree to prove
nothing wrote into it. A module of its own (not conftest.py) so every test module imports the same
names however pytest collected the folders' conftest files."""

from __future__ import annotations

from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
FIXTURES = REPO / "fixtures"
DATA = REPO / "tests" / "data"
SAMPLES = DATA / "samples"


def snapshot(root: Path) -> dict[str, tuple[int, bytes]]:
    """Every file below ``root``: its modification time (ns) and content."""
    return {
        str(p.relative_to(root)): (p.stat().st_mtime_ns, p.read_bytes())
        for p in sorted(root.rglob("*"))
        if p.is_file() and "__pycache__" not in p.parts
    }
