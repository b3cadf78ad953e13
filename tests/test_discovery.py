"""Finding capture roots: servers, single hosts, fleets, bad paths."""

from __future__ import annotations

import os

from ipmplint import discovery

from conftest import FIXTURES


def make(tmp_path, files: dict[str, str]):
    for rel, text in files.items():
        path = tmp_path / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text)
    return tmp_path


def test_server_root_with_domain_folders():
    found = discovery.discover([str(FIXTURES / "fig-7-4-vsw-in-two-service-domains")])
    assert found.errors == ()
    (root,) = found.roots
    assert not root.single_host
    assert [d.name for d in root.domains] == ["alternate", "ldg1", "primary"]
    ldg1 = root.domains[1]
    assert sorted(f.kind for f in ldg1.files) == ["hostname", "hostname", "ifconfig-a", "netstat-rn"]
    assert ldg1.files[0].display == os.path.join(str(FIXTURES), "fig-7-4-vsw-in-two-service-domains", "ldg1", "etc", "hostname.vnet0")


def test_fleet_folder_is_walked_in_name_order(tmp_path):
    make(tmp_path, {
        "dc2/b-server/ldm-list-l.txt": "",
        "dc1/a-server/ldm_list_-l.out": "",
        "dc1/a-server/primary/ifconfig-a.txt": "",
        "dc1/host9/ifconfig-a.txt": "",
        "README.md": "",
    })
    found = discovery.discover([str(tmp_path)])
    assert found.errors == ()
    assert [r.name for r in found.roots] == ["a-server", "host9", "b-server"]
    assert [r.single_host for r in found.roots] == [False, True, False]


def test_single_host_takes_files_below_it(tmp_path):
    make(tmp_path, {"h/ifconfig-a.txt": "", "h/etc/hostname.bge0": "", "h/notes.txt": ""})
    (root,) = discovery.discover([str(tmp_path / "h")]).roots
    assert sorted((f.kind or "-") for f in root.files) == ["-", "hostname", "ifconfig-a"]


def test_missing_path_file_path_and_empty_folder_are_errors(tmp_path):
    (tmp_path / "empty").mkdir()
    (tmp_path / "f.txt").write_text("x")
    found = discovery.discover([str(tmp_path / "nope"), str(tmp_path / "f.txt"), str(tmp_path / "empty")])
    assert found.roots == ()
    assert [e.split(": ", 1)[1].split(" ")[0] for e in found.errors] == ["no", "not", "no"]


def test_a_root_given_twice_is_checked_once():
    path = str(FIXTURES / "fig-7-3-two-vsw-one-service-domain")
    assert len(discovery.discover([path, path + "/"]).roots) == 1
