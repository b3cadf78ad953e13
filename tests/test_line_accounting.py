"""Every line of every file of every fixture is accounted for: consumed + skipped +
warned + blank = the file's lines, and no fixture holds a line the model does not
take (fixtures are clean captures: a parse warning there is a parser gap)."""

from __future__ import annotations

import tomllib

import pytest

from ipmplint.capture import discovery, loader

from testpaths import FIXTURES

ROOTS = sorted(p.name for p in FIXTURES.iterdir() if p.is_dir())
EXPECT = {name: set(s["expect"]) for name, s in tomllib.loads((FIXTURES / "scenarios.toml").read_text()).items()}


@pytest.mark.parametrize("name", ROOTS)
def test_fixture_lines_all_accounted(name):
    found = discovery.discover([str(FIXTURES / name)])
    assert found.errors == () and found.notes == ()
    (root,) = found.roots
    server = loader.load(root)
    if "CAP001" not in EXPECT[name]:  # the parse-warning fixture holds one on purpose
        assert [w for w in server.warnings] == []
    if "CAP002" not in EXPECT[name]:
        assert server.unrecognised == ()
    read = {a.file for a in server.accounts}
    for a in server.accounts:
        assert a.balanced, a
        with open(a.file, encoding="utf-8") as fh:
            assert a.total == len(fh.read().splitlines()), a.file
    # every recognised file was read (and so accounted)
    recognised = {f.display for f in root.files if f.kind} | {f.display for d in root.domains for f in d.files if f.kind}
    assert read == recognised
