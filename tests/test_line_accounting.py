"""Every line of every file of every fixture is accounted for: consumed + skipped +
warned + blank = the file's lines, and no fixture holds a line the model does not
take (fixtures are clean captures: a parse warning there is a parser gap)."""

from __future__ import annotations

import tomllib

import attrs
import pytest
from testpaths import FIXTURES

from ipmplint import model
from ipmplint.capture import discovery, loader

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
    recognised = {f.display for f in root.files if f.kind} | {
        f.display for d in root.domains for f in d.files if f.kind
    }
    assert read == recognised


#: The models the parsers build, one per file read.
FILE_MODELS = (
    model.IfconfigCapture,
    model.HostnameFile,
    model.RouteTable,
    model.PersistentRoutes,
    model.HostsFile,
    model.NetmasksFile,
    model.DefaultRouters,
    model.Settings,
    model.RoutingState,
    model.IpadmCapture,
    model.IpmpstatCapture,
    model.DladmCapture,
    model.VirtinfoCapture,
    model.LdmListing,
    model.RouteLookup,
)


def whole_files(server) -> list:
    """Every parsed file's model held by the server and its domains."""
    found = []
    for holder in (server, *server.domains):
        for field in attrs.fields(type(holder)):
            value = getattr(holder, field.name)
            found += [
                item for item in (value if isinstance(value, tuple) else (value,)) if isinstance(item, FILE_MODELS)
            ]
    return found


@pytest.mark.parametrize("name", ROOTS)
def test_a_files_model_points_at_the_files_first_line(name):
    # A finding about a whole file (a routing table without a route, a listing without
    # a domain) is located at the model's source: the file's first line (its column is
    # where the text starts, after a pasted prompt).
    (root,) = discovery.discover([str(FIXTURES / name)]).roots
    models = whole_files(loader.load(root))
    assert models and [(type(m).__name__, m.source.line) for m in models if m.source.line != 1] == []
