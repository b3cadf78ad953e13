"""Captures of the seed's fixtures as a {relative path: text} dict, so a rule test can
change one line of a real-shaped capture and run the rule (rule_harness.check)."""

from __future__ import annotations

from testpaths import FIXTURES


def captures(fixture: str) -> dict[str, str]:
    root = FIXTURES / fixture
    return {str(p.relative_to(root)): p.read_text() for p in sorted(root.rglob("*")) if p.is_file()}
