"""docs/captures.md names every format ipmplint reads (kinds.py is the registry)."""

from __future__ import annotations

from testpaths import REPO

from ipmplint.capture import kinds


def test_every_kind_has_its_canonical_file_in_the_doc():
    doc = (REPO / "docs" / "captures.md").read_text(encoding="utf-8")
    missing = [k.name for k in kinds.KINDS if f"`{k.canonical}`" not in doc]
    assert missing == [], f"docs/captures.md does not list {missing}"
