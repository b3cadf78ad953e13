"""Finding capture roots: servers, single hosts, fleets, bad paths."""

from __future__ import annotations

import os

from testpaths import FIXTURES

from ipmplint.capture import discovery


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
    assert ldg1.files[0].display == os.path.join(
        str(FIXTURES), "fig-7-4-vsw-in-two-service-domains", "ldg1", "etc", "hostname.vnet0"
    )


def test_fleet_folder_is_walked_in_name_order(tmp_path):
    make(
        tmp_path,
        {
            "dc2/b-server/ldm-list-l.txt": "",
            "dc1/a-server/ldm_list_-l.out": "",
            "dc1/a-server/primary/ifconfig-a.txt": "",
            "dc1/host9/ifconfig-a.txt": "",
            "README.md": "",
        },
    )
    found = discovery.discover([str(tmp_path)])
    assert found.errors == ()
    assert [r.name for r in found.roots] == ["a-server", "host9", "b-server"]
    assert [r.single_host for r in found.roots] == [False, True, False]


def test_single_host_takes_files_below_it(tmp_path):
    make(tmp_path, {"h/ifconfig-a.txt": "", "h/etc/hostname.bge0": "", "h/notes.txt": ""})
    (root,) = discovery.discover([str(tmp_path / "h")]).roots
    assert sorted((f.kind or "-") for f in root.files) == ["-", "hostname", "ifconfig-a"]


def test_missing_path_and_empty_folder_are_errors(tmp_path):
    (tmp_path / "empty").mkdir()
    found = discovery.discover([str(tmp_path / "nope"), str(tmp_path / "empty")])
    assert found.roots == ()
    assert [e.split(": ", 1)[1] for e in found.errors] == [
        "no such file or directory",
        "no capture found (no ldm, ifconfig, netstat, ipadm, hostname.* or other capture file)",
    ]


def test_a_file_given_directly_is_a_host_of_its_own(tmp_path):
    (tmp_path / "ticket-4711.txt").write_text("# ifconfig -a\nbge0: flags=1000843<UP,IPv4> mtu 1500 index 2\n")
    (tmp_path / "notes.txt").write_text("nothing to see\n")
    found = discovery.discover([str(tmp_path / "ticket-4711.txt"), str(tmp_path / "notes.txt")])
    assert found.errors == ()
    assert [(r.name, r.layout, r.files[0].kind, r.files[0].sniffed) for r in found.roots] == [
        ("ticket-4711", "file", "ifconfig-a", True),
        ("notes", "file", None, False),  # reported as unrecognised (CAP002), not dropped
    ]


def test_a_folder_of_loose_pastes_is_a_collection_of_hosts(tmp_path):
    make(
        tmp_path,
        {
            "pastes/a.txt": "bge0: flags=1000843<UP,IPv4> mtu 1500 index 2\n",
            "pastes/b.txt": "e1000g0: flags=1000843<UP,IPv4> mtu 1500 index 2\n",
            "pastes/routes.out": "Routing Table: IPv4\n",
            "pastes/README": "what these are\n",
        },
    )
    found = discovery.discover([str(tmp_path / "pastes")])
    assert [(r.name, r.layout, [f.kind for f in r.files]) for r in found.roots] == [
        ("a", "file", ["ifconfig-a"]),
        ("b", "file", ["ifconfig-a"]),
        ("routes", "file", ["netstat-rn"]),
        ("pastes", "host", [None]),
    ]


def test_explorer_layout_is_one_host_of_its_network_captures(tmp_path):
    top = "explorer.84f3a1c0.t5-2-a-2024.03.01.10.15"
    make(
        tmp_path,
        {
            f"{top}/sysconfig/ifconfig-a.out": "",
            f"{top}/sysconfig/ldm_list_-l_-p.out": "",
            f"{top}/sysconfig/ldm_-V.out": "",
            f"{top}/sysconfig/uname-a.out": "",
            f"{top}/netinfo/netstat-rn.out": "",
            f"{top}/etc/hostname.igb0": "",
            f"{top}/etc/default/mpathd": "",
            f"{top}/disks/format.out": "",
        },
    )
    (root,) = discovery.discover([str(tmp_path)]).roots
    assert (root.name, root.layout, root.single_host) == ("t5-2-a", "explorer", False)
    assert sorted(f.kind for f in root.files) == [
        "hostname",
        "ifconfig-a",
        "ldm-V",
        "ldm-list-p",
        "mpathd",
        "netstat-rn",
    ]


def test_links_are_followed_inside_the_given_path_only(tmp_path):
    make(tmp_path, {"outside/secret.txt": "x", "h/ifconfig-a.txt": "", "h/etc/real/hosts": ""})
    os.symlink(tmp_path / "outside", tmp_path / "h" / "escape")
    os.symlink(tmp_path / "h" / "etc" / "real", tmp_path / "h" / "etc" / "again")
    os.symlink(tmp_path / "h" / "loop", tmp_path / "h" / "loop")
    found = discovery.discover([str(tmp_path / "h")])
    assert found.errors == () and found.notes == ()  # the problems are the root's own
    (root,) = found.roots
    assert sorted(os.path.relpath(f.display, str(tmp_path)) for f in root.files) == [
        "h/etc/again/hosts",
        "h/ifconfig-a.txt",
    ]
    assert any("outside" in e and "not followed" in e for e in root.problems)
    assert any("loop" in e and "looping" in e for e in root.problems)
    assert any("reached twice" in e for e in root.problems)


def test_a_root_given_twice_is_checked_once():
    path = str(FIXTURES / "fig-7-3-two-vsw-one-service-domain")
    assert len(discovery.discover([path, path + "/"]).roots) == 1
