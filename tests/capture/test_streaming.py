"""Discovery as a stream (``discovery.stream``): the roots ``discover`` finds, in its
order, each given as soon as it is final, before the rest of the fleet is walked; and a
root as plain strings (``roots.pack``) for the worker that checks it."""

from __future__ import annotations

import os
import pickle
import shutil

import pytest
from test_discovery import make
from testpaths import FIXTURES

from ipmplint.capture import discovery, roots


def test_the_stream_gives_what_discover_gives_in_its_order():
    whole = discovery.discover([str(FIXTURES), "no-such-folder"])
    found = discovery.stream([str(FIXTURES), "no-such-folder"])
    assert tuple(found) == whole.roots and found.count == len(whole.roots) > 50
    assert (tuple(found.errors), tuple(found.notes), tuple(found.outside)) == (whole.errors, whole.notes, whole.outside)
    assert found.finished() == discovery.Discovery((), whole.errors, whole.notes, whole.outside)


def test_a_root_is_given_before_the_rest_of_the_fleet_is_walked(tmp_path):
    fleet = make(tmp_path / "fleet", {f"srv{i}/ldm-list-l.txt": "" for i in range(3)})
    found = iter(discovery.stream([str(fleet)]))
    assert next(found).name == "srv0"
    shutil.rmtree(fleet / "srv2")  # not walked yet: the stream never sees it
    assert [r.name for r in found] == ["srv1"]


def test_a_host_is_given_once_its_sub_folders_are_walked(tmp_path):
    """A host's sub-folder without a capture gives the host its files (read, and
    reported as not understood): the host waits for it, and the roots keep their order."""
    make(
        tmp_path,
        {
            "fleet/a-host/ifconfig-a.txt": "",
            "fleet/a-host/notes/readme.txt": "hello\n",
            "fleet/a-host/z-server/ldm-list-l.txt": "",
            "fleet/b-server/ldm-list-l.txt": "",
        },
    )
    found = discovery.stream([str(tmp_path / "fleet")])
    listed = [(r.name, sorted(os.path.basename(f.display) for f in r.files)) for r in found]
    assert listed == [
        ("a-host", ["ifconfig-a.txt", "readme.txt"]),
        ("z-server", ["ldm-list-l.txt"]),
        ("b-server", ["ldm-list-l.txt"]),
    ]
    assert listed == [
        (r.name, sorted(os.path.basename(f.display) for f in r.files))
        for r in discovery.discover([str(tmp_path / "fleet")]).roots
    ]


def test_ahead_finds_whether_there_is_a_root_without_taking_it(tmp_path):
    make(tmp_path, {"empty/readme.txt": "hello\n", "one/ifconfig-a.txt": ""})
    nothing = discovery.stream([str(tmp_path / "empty")])
    assert not nothing.ahead()
    assert nothing.finished().errors and not nothing.count
    one = discovery.stream([str(tmp_path / "one")])
    assert one.ahead() and one.ahead() and one.count == 0
    assert [r.name for r in one] == ["one"] and one.count == 1


def test_then_gives_the_second_streams_roots_and_problems_after_the_first(tmp_path):
    make(tmp_path, {"one/ifconfig-a.txt": "", "two/ifconfig-a.txt": ""})
    first = discovery.stream([str(tmp_path / "one"), "missing-one"])
    second = discovery.Stream.of(discovery.discover([str(tmp_path / "two"), "missing-two"]))
    both = first.then(second)
    assert [r.name for r in both] == ["one", "two"] and both.count == 2
    assert [e.split(":")[0] for e in both.errors] == ["missing-one", "missing-two"]


@pytest.mark.parametrize(
    "given",
    [
        str(FIXTURES),
        str(FIXTURES) + os.sep,
        os.path.relpath(FIXTURES),
        os.path.join(os.path.relpath(FIXTURES), ".", "fig-7-3-two-vsw-one-service-domain", ""),
        str(FIXTURES / "fig-7-3-two-vsw-one-service-domain" / "ldm-list-l.txt"),
    ],
)
def test_a_root_packed_as_strings_comes_back_the_same(given):
    found = discovery.discover([given]).roots
    assert found
    for root in found:
        assert roots.packable(root)
        packed = roots.pack(root)
        assert roots.unpack(pickle.loads(pickle.dumps(packed))) == root
        assert [str(f.path) for f in roots.unpack(packed).files] == [str(f.path) for f in root.files]


def test_a_packed_root_names_its_files_relative_to_it():
    (root,) = discovery.discover([str(FIXTURES / "fig-7-4-vsw-in-two-service-domains")]).roots
    _, top, shown, _, _, files, domains = roots.pack(root)
    assert top == shown == str(FIXTURES / "fig-7-4-vsw-in-two-service-domains")
    assert files[0][0] == "ldm-list-l.txt"
    assert [(name, where) for name, where, _ in domains] == [(d, d) for d in ("alternate", "ldg1", "primary")]
    assert domains[1][2][0][0] == os.path.join("ldg1", "etc", "hostname.vnet0")


def test_a_root_from_the_current_folder_keeps_its_display_names(tmp_path, monkeypatch):
    """``ipmplint check .``: files show as ``./ldm-list-l.txt`` but open as
    ``ldm-list-l.txt``; neither is derived wrongly from the other."""
    make(tmp_path, {"ldm-list-l.txt": "", "primary/ifconfig-a.txt": ""})
    monkeypatch.chdir(tmp_path)
    (root,) = discovery.discover(["."]).roots
    again = roots.unpack(roots.pack(root))
    assert again == root and again.files[0].display == os.path.join(".", "ldm-list-l.txt")
    assert str(again.domains[0].files[0].path) == os.path.join("primary", "ifconfig-a.txt")
