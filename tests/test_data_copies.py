"""tests/data holds verbatim copies of public captures, the SARIF 2.1.0 schema and the
rule catalogue (tests/data/README.md), so a clone alone runs every test. SHA256SUMS was
written when they were copied: a copy edited, added or lost since then fails here,
before a test that reads it gives a verdict on the wrong text."""

from __future__ import annotations

import hashlib
import re

from testpaths import DATA

MANIFEST = DATA / "SHA256SUMS"
PINNED = ("real", "samples", "schemas", "catalogue")


def test_every_copy_is_the_file_that_was_copied():
    recorded = {}
    for line in MANIFEST.read_text().splitlines():
        digest, name = line.split("  ", 1)
        recorded[name] = digest
    present = {
        str(p.relative_to(DATA)): hashlib.sha256(p.read_bytes()).hexdigest()
        for top in PINNED
        for p in sorted((DATA / top).rglob("*"))
        if p.is_file()
    }
    assert present == recorded


def test_every_sample_and_real_capture_names_its_source():
    for top in ("real", "samples"):
        sources = (DATA / top / "SOURCES.md").read_text()
        unnamed = [
            str(p.relative_to(DATA / top))
            for p in sorted((DATA / top).rglob("*"))
            if p.is_file() and p.name != "SOURCES.md" and str(p.relative_to(DATA / top)) not in sources
        ]
        assert unnamed == [], top


def test_the_schema_names_its_public_origin():
    sources = (DATA / "schemas" / "SOURCES.md").read_text()
    assert re.search(r"https://docs\.oasis-open\.org/sarif/\S+/sarif-schema-2\.1\.0\.json", sources)
