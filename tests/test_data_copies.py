"""tests/data holds verbatim copies of ../shared/samples and ../shared/schemas: the
copies must stay byte-identical to the originals wherever those are beside the checkout."""

from __future__ import annotations

import pytest

from testpaths import DATA, SHARED


@pytest.mark.parametrize("folder", ["samples", "schemas"])
def test_copies_are_verbatim(folder):
    original = SHARED / folder
    if not original.is_dir():
        pytest.skip(f"{original} is not beside the checkout")
    ours = {p.relative_to(DATA / folder): p.read_bytes() for p in (DATA / folder).rglob("*") if p.is_file()}
    theirs = {p.relative_to(original): p.read_bytes() for p in original.rglob("*") if p.is_file()}
    assert ours == theirs
