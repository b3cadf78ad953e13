"""Fleets stay fleets: a folder is a server (or a host) by its own files, and nothing
beside the server folders — a README, notes, a capture that belongs to none of them, an
archive, ``.git``, hidden files, an empty folder — merges them into one, hides their
findings or changes the exit code. ``check``, ``graph`` and ``check --changed`` find the
same servers. The walk is iterative: depth never exhausts Python's stack."""

from __future__ import annotations

import os
import shutil
import tarfile
import tempfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from testpaths import FIXTURES

from ipmplint import cli
from ipmplint.capture import changed, discovery, loader
from ipmplint.engine import runner
from ipmplint.rules import builtin

SERVER_ERROR = FIXTURES / "ipmp101-vnets-share-vswitch"  # a server; IPMP101 (error)
HOST_ERROR = FIXTURES / "ipmp302-no-active-member"  # a single host; IPMP302 (error)
SERVER_CLEAN = FIXTURES / "fig-7-4-vsw-in-two-service-domains"  # a server; nothing
EXPLORER = FIXTURES / "explorer-s10-bare-metal"  # a folder holding one Explorer

README = "Captures of our T5 servers, taken with ipmplint-collect.\n\nSee the runbook.\n"
#: Prose that sniffs as ``ifconfig -a``: a note with a pasted line of it.
NOTES = (
    "outage 2024-03-01: ldg1 lost vnet1\nvnet1: flags=1000843<UP,BROADCAST,RUNNING,MULTICAST,IPv4> mtu 1500 index 3\n"
)


def tar_of(folder: Path, target: Path) -> None:
    with tarfile.open(target, "w:gz") as tar:
        tar.add(folder, arcname=folder.name)


def fleet(top: Path) -> Path:
    """A fleet folder with everything a real one holds beside its servers."""
    shutil.copytree(SERVER_ERROR, top / "s1")
    shutil.copytree(HOST_ERROR, top / "s2")
    shutil.copytree(SERVER_CLEAN, top / "dc1" / "rack1" / "s3")  # a nested fleet
    shutil.copytree(EXPLORER, top / "dc1" / "explorers")
    staging = top.parent / "staging"
    shutil.copytree(SERVER_ERROR, staging / "s4")
    tar_of(staging / "s4", top / "s4.tar.gz")  # an archive beside the folders
    (staging / "photos").mkdir()
    (staging / "photos" / "rack1-front.txt").write_text("two T5-2\n")
    tar_of(staging / "photos", top / "photos.tar.gz")  # an archive with no capture in it
    (top / "README.md").write_text(README)
    (top / "dc1" / "rack-notes.txt").write_text("rack 1: two T5-2, one T4-1\n")
    (top / ".git" / "objects").mkdir(parents=True)
    (top / ".git" / "HEAD").write_text("ref: refs/heads/main\n")
    (top / ".DS_Store").write_bytes(b"\0\0\0\1Bud1")
    (top / "s1" / ".hidden-notes").write_text(NOTES)
    (top / "empty").mkdir()
    (top / "docs").mkdir()
    (top / "docs" / "topology.md").write_text("primary and alternate\n")
    return top


def findings(root: discovery.CaptureRoot) -> list[tuple[str, str, str]]:
    report = runner.check_server(loader.load(root), builtin())
    return sorted((f.rule_id, str(f.location), f.message) for f in report.findings)


def alone(path: Path) -> list[discovery.CaptureRoot]:
    found = discovery.discover([str(path)])
    assert found.errors == ()
    return list(found.roots)


def test_every_server_of_a_fleet_is_found_as_it_is_alone(tmp_path):
    top = fleet(tmp_path / "fleet")
    found = discovery.discover([str(top)])
    assert found.errors == () and found.notes == ()
    assert [(r.name, r.layout) for r in found.roots] == [
        ("dbhost1", "explorer"),
        ("s3", "server"),
        ("s1", "server"),
        ("s2", "host"),
        ("s4", "server"),
    ]
    expected = [
        *alone(top / "dc1" / "explorers"),
        *alone(top / "dc1" / "rack1" / "s3"),
        *alone(top / "s1"),
        *alone(top / "s2"),
        *alone(top / "s4.tar.gz"),
    ]
    assert [r.display for r in found.roots] == [r.display for r in expected]
    for in_fleet, by_itself in zip(found.roots, expected):
        assert findings(in_fleet) == findings(by_itself), in_fleet.display


def test_what_lies_outside_every_capture_is_named_not_read(tmp_path):
    top = fleet(tmp_path / "fleet")
    found = discovery.discover([str(top)])
    assert found.outside == tuple(
        f"{top}/{rel}" + why
        for rel, why in [
            ("README.md", ": not a capture, and outside every capture folder; not read"),
            ("dc1/rack-notes.txt", ": not a capture, and outside every capture folder; not read"),
            ("docs", ": no capture in it; not read"),
            ("empty", ": no capture in it; not read"),
            ("photos.tar.gz", ": no capture in it; not read"),
        ]
    )  # .git, .DS_Store and other dot-files are not captures, and are passed by without a word


def test_the_exit_code_reflects_every_servers_errors(tmp_path, capsys):
    top = fleet(tmp_path / "fleet")
    assert cli.main(["check", "--no-cache", "--fail-on", "error", str(top)]) == 1
    out, err = capsys.readouterr()
    rows = [line for line in out.splitlines() if not line.startswith("skipped ")]  # findings, not skips
    assert sum("IPMP101" in r for r in rows) == 2 and sum("IPMP302" in r for r in rows) == 1  # s1, s4.tar.gz, s2
    assert "README.md: not a capture" in err and "could not be read" not in out
    shutil.rmtree(top / "s1")
    shutil.rmtree(top / "s2")
    (top / "s4.tar.gz").unlink()  # what is left, the explorer and s3, has no error
    assert cli.main(["check", "--no-cache", "--fail-on", "error", str(top)]) == 0


def test_a_capture_beside_server_folders_is_a_host_of_its_own(tmp_path):
    top = tmp_path / "fleet"
    shutil.copytree(SERVER_ERROR, top / "s1")
    shutil.copytree(HOST_ERROR, top / "s2")
    (top / "notes.txt").write_text(NOTES)
    shutil.copy(HOST_ERROR / "etc" / "inet" / "hosts", top / "hosts")
    (top / "README").write_text(README)
    found = discovery.discover([str(top)])
    assert [(r.name, r.layout) for r in found.roots] == [("fleet", "host"), ("s1", "server"), ("s2", "host")]
    stray = found.roots[0]
    assert sorted((os.path.basename(f.display), f.kind) for f in stray.files) == [
        ("README", None),
        ("hosts", "hosts"),
        ("notes.txt", "ifconfig-a"),
    ]
    assert findings(found.roots[1]) == findings(alone(top / "s1")[0])
    assert findings(found.roots[2]) == findings(alone(top / "s2")[0])


def test_an_ldm_capture_beside_server_folders_does_not_take_them_as_domains(tmp_path):
    top = tmp_path / "fleet"
    shutil.copytree(SERVER_ERROR, top / "s1")
    shutil.copytree(SERVER_CLEAN, top / "s3")
    shutil.copy(SERVER_CLEAN / "ldm-list-l.txt", top / "ldm-list-l.txt")
    found = discovery.discover([str(top)])
    assert [(r.name, [d.name for d in r.domains]) for r in found.roots] == [
        ("fleet", []),
        ("s1", ["ldg1", "primary"]),
        ("s3", ["alternate", "ldg1", "primary"]),
    ]
    assert findings(found.roots[1]) == findings(alone(top / "s1")[0])


def test_a_server_folder_with_a_readme_and_control_domain_files_is_one_server(tmp_path):
    top = tmp_path / "s1"
    shutil.copytree(SERVER_ERROR, top)
    shutil.move(top / "primary" / "ifconfig-a.txt", top / "ifconfig-a.txt")  # the control domain's, beside ldm
    shutil.move(top / "primary" / "netstat-rn.txt", top / "netstat-rn.txt")
    (top / "primary").rmdir()
    (top / "etc").mkdir()
    (top / "etc" / "defaultrouter").write_text("192.168.102.1\n")
    (top / "README").write_text(README)
    (root,) = alone(top)
    assert (root.layout, [d.name for d in root.domains]) == ("server", ["ldg1"])
    assert sorted((os.path.relpath(f.display, top), f.kind) for f in root.files) == [
        ("README", None),
        ("etc/defaultrouter", "defaultrouter"),
        ("ifconfig-a.txt", "ifconfig-a"),
        ("ldm-list-l.txt", "ldm-list-l"),
        ("netstat-rn.txt", "netstat-rn"),
    ]
    server = loader.load(root)
    assert sorted(d.name for d in server.domains) == ["ldg1", "primary"]
    assert server.unrecognised == (str(top / "README"),)  # CAP002, as inside any capture


def test_a_server_subfolder_with_its_own_ldm_is_a_server_not_a_domain(tmp_path):
    top = tmp_path / "s1"
    shutil.copytree(SERVER_ERROR, top)
    shutil.copytree(SERVER_CLEAN, top / "older")
    found = discovery.discover([str(top)])
    assert [(r.name, [d.name for d in r.domains]) for r in found.roots] == [
        ("s1", ["ldg1", "primary"]),
        ("older", ["alternate", "ldg1", "primary"]),
    ]


def test_a_host_keeps_its_etc_and_the_folders_that_hold_no_capture(tmp_path):
    top = tmp_path / "h"
    shutil.copytree(HOST_ERROR, top)
    for rel in ("misc/diagram.txt", "misc/old/2023/diagram.txt", "misc/etc/motd"):
        (top / rel).parent.mkdir(parents=True, exist_ok=True)
        (top / rel).write_text("two NICs, one switch\n")
    found = discovery.discover([str(top)])
    (root,) = found.roots
    assert found.outside == ()
    displays = [f.display for f in root.files]
    assert str(top / "etc" / "hostname.e1000g0") in displays
    assert sorted(d for d in displays if "misc" in d) == [
        str(top / "misc" / "diagram.txt"),
        str(top / "misc" / "etc" / "motd"),
        str(top / "misc" / "old" / "2023" / "diagram.txt"),
    ]  # reported as unrecognised (CAP002)


def test_a_host_folder_does_not_swallow_a_server_below_it(tmp_path):
    top = tmp_path / "h"
    shutil.copytree(HOST_ERROR, top)
    shutil.copytree(SERVER_ERROR, top / "guests" / "s1")
    found = discovery.discover([str(top)])
    assert [(r.name, r.layout) for r in found.roots] == [("h", "host"), ("s1", "server")]
    assert not any("guests" in f.display for f in found.roots[0].files)
    assert [f[0] for f in findings(found.roots[0])] == [f[0] for f in findings(alone(HOST_ERROR)[0])]
    assert findings(found.roots[1]) == findings(alone(top / "guests" / "s1")[0])


def test_an_archive_is_walked_on_its_own_even_inside_a_host(tmp_path):
    top = tmp_path / "h"
    shutil.copytree(HOST_ERROR, top)
    tar_of(SERVER_ERROR, top / "s1.tar.gz")
    found = discovery.discover([str(top)])
    assert [(r.name, r.layout) for r in found.roots] == [("h", "host"), ("ipmp101-vnets-share-vswitch", "server")]
    assert not any(f.display.endswith(".tar.gz") for f in found.roots[0].files)


def test_repeated_ldm_captures_with_domain_folders_stay_one_server(tmp_path):
    top = tmp_path / "s1"
    shutil.copytree(SERVER_ERROR, top)
    shutil.copy(top / "ldm-list-l.txt", top / "ldm-list.txt")  # ldm list -l saved twice
    (root,) = alone(top)
    assert (root.layout, [d.name for d in root.domains]) == ("server", ["ldg1", "primary"])


def test_a_collection_walks_its_sub_folders(tmp_path):
    top = tmp_path / "pastes"
    top.mkdir()
    shutil.copy(SERVER_CLEAN / "ldg1" / "ifconfig-a.txt", top / "a.txt")
    shutil.copy(SERVER_CLEAN / "primary" / "ifconfig-a.txt", top / "b.txt")
    shutil.copytree(SERVER_ERROR, top / "s1")
    found = discovery.discover([str(top)])
    assert [(r.name, r.layout) for r in found.roots] == [("a", "file"), ("b", "file"), ("s1", "server")]


def deep(top: Path, depth: int) -> Path:
    cwd = os.getcwd()
    try:
        os.makedirs(top, exist_ok=True)
        os.chdir(top)
        for _ in range(depth):
            os.mkdir("d")
            os.chdir("d")
        with open("notes.txt", "w") as fh:
            fh.write("deep\n")
    finally:
        os.chdir(cwd)
    return top


def undeep(top: Path) -> None:
    """Remove a tree deepest first, without recursion: pytest's own clean-up (a recursive
    ``shutil.rmtree`` on Python 3.11) would fail on it in a later run."""
    stack = [top]
    while stack:
        with os.scandir(stack[-1]) as it:
            folders = [Path(e.path) for e in it if e.is_dir(follow_symlinks=False)]
        if folders:
            stack.extend(folders)
            continue
        here = stack.pop()
        with os.scandir(here) as it:
            for entry in list(it):
                os.unlink(entry.path)
        os.rmdir(here)


def test_a_folder_a_thousand_levels_deep_does_not_exhaust_the_stack(tmp_path):
    try:
        shutil.copytree(SERVER_ERROR, tmp_path / "s1")
        deep(tmp_path / "s1" / "ldg1" / "etc", 1000)  # inside a domain: read, every file reported
        shutil.copytree(HOST_ERROR, tmp_path / "h")
        deep(tmp_path / "h" / "etc", 1000)  # inside a host's etc/
        deep(tmp_path / "fleet", 1000)  # a fleet folder: cut at the depth limit, and named
        found = discovery.discover([str(tmp_path)])
        assert [r.name for r in found.roots] == ["h", "s1"]
        assert found.notes == (
            f"{tmp_path}/fleet"
            + "/d" * discovery.MAX_DEPTH
            + f": more than {discovery.MAX_DEPTH} folders below {tmp_path}; not walked",
        )
        assert any(f.display.endswith("/d/notes.txt") for f in found.roots[0].files)
        assert any(f.display.endswith("/d/notes.txt") for d in found.roots[1].domains for f in d.files)
    finally:
        undeep(tmp_path)


def test_check_changed_and_graph_find_the_same_servers(tmp_path, monkeypatch, capsys):
    fleet(tmp_path / "fleet")
    monkeypatch.chdir(tmp_path)
    selected = changed.roots(
        [
            "fleet/s1/ldg1/ifconfig-a.txt",
            "fleet/README.md",
            "fleet/docs/topology.md",
            "fleet/dc1/rack1/s3/ldm-list-l.txt",
            "fleet/s4.tar.gz",
        ]
    )
    assert [r.display for r in selected.roots] == ["fleet/dc1/rack1/s3", "fleet/s1", "fleet/s4.tar.gz/s4"]
    assert cli.main(["check", "--no-cache", "--format", "json", "--changed", "fleet/s4.tar.gz"]) == 1
    by_change = capsys.readouterr().out
    assert cli.main(["check", "--no-cache", "--format", "json", "fleet/s4.tar.gz"]) == 1
    assert "IPMP101" in by_change and by_change == capsys.readouterr().out
    assert changed.roots(["fleet/README.md", "fleet/empty"]).roots == ()
    out = tmp_path / "pictures"
    assert cli.main(["graph", "--format", "dot", "--output", str(out), "fleet"]) == 0
    assert sorted(p.name for p in out.iterdir()) == ["dbhost1.dot", "s1.dot", "s2.dot", "s3.dot", "s4.dot"]
    assert "README.md: not a capture" in capsys.readouterr().err


# -- any fleet: servers at any depth, strays anywhere outside them ---------------------------------

TEMPLATES = (SERVER_ERROR, HOST_ERROR, SERVER_CLEAN)
NAMES = st.sampled_from(["a", "b", "dc1", "rack-2", "Site_3"])
#: Files beside the servers: (name, text, whether it is a capture).
STRAYS = st.sampled_from(
    [
        ("README", README, False),
        ("README.md", README, False),
        ("notes.txt", NOTES.splitlines()[0], False),
        (".hidden", NOTES, False),
        ("inventory.csv", "host,rack\n", False),
        ("notes.txt", NOTES, True),
        ("hosts", "192.168.1.10 ldg1\n", True),
    ]
)


#: Other names the same captures are saved under (docs/captures.md): case, endings, blanks.
ALIASES = {"ldm-list-l.txt": "LDM_list_-l.out", "ifconfig-a.txt": "ifconfig -a.log", "netstat-rn.txt": "NETSTAT-NR"}


@st.composite
def fleets(draw):
    """Server folders at distinct paths (none inside another), their captures under
    canonical names or aliases, and stray files in the folders that lead to them."""
    servers: dict[tuple[str, ...], tuple[Path, bool]] = {}
    for i in range(draw(st.integers(1, 4))):
        parents = tuple(draw(st.lists(NAMES, max_size=3)))
        servers[(*parents, f"server{i}")] = (draw(st.sampled_from(TEMPLATES)), draw(st.booleans()))
    folders = sorted({path[:n] for path in servers for n in range(len(path))})
    strays = draw(st.lists(st.tuples(st.sampled_from(folders), STRAYS), max_size=4))
    empties = draw(st.lists(st.sampled_from(folders), max_size=2))
    return servers, strays, empties


def place(template: Path, target: Path, aliased: bool) -> None:
    shutil.copytree(template, target)
    for canonical, alias in ALIASES.items() if aliased else ():
        for found in sorted(target.rglob(canonical)):
            found.rename(found.with_name(alias))


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(fleets())
def test_property_a_fleet_is_its_servers_whatever_lies_beside_them(layout):
    """Each server is found as it is alone; a folder holding a stray capture is a host
    of its own besides them; nothing else is a root."""
    servers, strays, empties = layout
    with tempfile.TemporaryDirectory() as tmp:
        top = Path(tmp) / "fleet"
        top.mkdir()
        for path, (template, aliased) in servers.items():
            place(template, top.joinpath(*path), aliased)
        hosts = set()
        for folder, (name, text, capture) in strays:
            target = top.joinpath(*folder, name)
            if not target.exists():
                target.write_text(text)
                if capture:
                    hosts.add(str(top.joinpath(*folder)))
        for folder in empties:
            top.joinpath(*folder, "empty").mkdir(exist_ok=True)
        found = discovery.discover([str(top)])
        assert found.errors == () and found.notes == ()
        assert sorted(r.display for r in found.roots) == sorted({str(top.joinpath(*p)) for p in servers} | hosts)
        for root in found.roots:
            by_itself = alone(Path(root.display))[0]
            assert (root.layout, root.files, root.domains) == (by_itself.layout, by_itself.files, by_itself.domains)
            if root.display in hosts:
                assert root.layout == "host"


def test_a_changed_archive_of_a_fleet_selects_each_of_its_servers_once(tmp_path, monkeypatch):
    shutil.copytree(SERVER_ERROR, tmp_path / "staging" / "dc2" / "s5")
    shutil.copytree(SERVER_CLEAN, tmp_path / "staging" / "dc2" / "s6")
    (tmp_path / "staging" / "dc2" / "README").write_text(README)
    (tmp_path / "fleet").mkdir()
    tar_of(tmp_path / "staging" / "dc2", tmp_path / "fleet" / "dc2.tar.gz")
    shutil.copytree(SERVER_CLEAN, tmp_path / "fleet" / "s7")
    monkeypatch.chdir(tmp_path / "fleet")
    selected = changed.roots(["dc2.tar.gz", "dc2.tar.gz"])
    assert [r.display for r in selected.roots] == ["dc2.tar.gz/dc2/s5", "dc2.tar.gz/dc2/s6"]
    assert discovery.discover(["."]).outside == (
        "./dc2.tar.gz/dc2/README: not a capture, and outside every capture folder; not read",
    )
