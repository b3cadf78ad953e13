"""Tar archives of captures: read in memory like folders, hostile members refused with
a note naming them, and the run going on."""

from __future__ import annotations

import io
import os
import tarfile

import pytest
from testpaths import FIXTURES

from ipmplint.capture import archive, discovery, loader
from ipmplint.engine import runner
from ipmplint.rules import builtin


def pack(path, members, mode="w:gz"):
    """Write a tar of (name, bytes | TarInfo-tweak) members."""
    with tarfile.open(path, mode) as tar:
        for name, data in members:
            info = tarfile.TarInfo(name)
            if callable(data):
                data(info)
                tar.addfile(info)
            else:
                info.size = len(data)
                tar.addfile(info, io.BytesIO(data))
    return path


def fixture_members(name):
    root = FIXTURES / name
    return [(f"{name}/{p.relative_to(root)}", p.read_bytes()) for p in sorted(root.rglob("*")) if p.is_file()]


def rule_ids(found):
    out = []
    for root in found.roots:
        report = runner.check_server(loader.load(root), builtin())
        out.append(sorted({f.rule_id for f in report.findings}))
    return out


def test_an_archive_is_checked_like_its_folder(tmp_path):
    path = pack(tmp_path / "server1.tar.gz", fixture_members("fig-7-3-two-vsw-one-service-domain"))
    found = discovery.discover([str(path)])
    assert found.errors == () and found.notes == ()
    (root,) = found.roots
    assert root.name == "fig-7-3-two-vsw-one-service-domain" and [d.name for d in root.domains] == ["ldg1", "primary"]
    assert rule_ids(found) == [["IPMP102"]]
    report = runner.check_server(loader.load(root), builtin())
    assert report.findings[0].location.file == f"{path}/fig-7-3-two-vsw-one-service-domain/ldm-list-l.txt"


def test_archives_in_a_fleet_folder_and_the_collector_pair(tmp_path):
    fleet = tmp_path / "fleet"
    fleet.mkdir()
    pack(fleet / "a.tar", fixture_members("ipmp101-vnets-share-vswitch"), mode="w")
    pack(fleet / "b.tgz", fixture_members("fig-7-4-vsw-in-two-service-domains"))
    (fleet / "fig-7-4-vsw-in-two-service-domains").mkdir()  # a folder of the same name wins
    pack(fleet / "fig-7-4-vsw-in-two-service-domains.tar.gz", fixture_members("fig-7-4-vsw-in-two-service-domains"))
    found = discovery.discover([str(fleet)])
    assert [r.name for r in found.roots] == ["ipmp101-vnets-share-vswitch", "fig-7-4-vsw-in-two-service-domains"]
    assert rule_ids(found) == [["IPMP101"], []]
    assert any("beside it holds the same captures" in n for n in found.notes)


def test_hostile_members_are_refused_and_named(tmp_path):
    def symlink(target):
        def tweak(info):
            info.type, info.linkname = tarfile.SYMTYPE, target

        return tweak

    def hardlink(target):
        def tweak(info):
            info.type, info.linkname = tarfile.LNKTYPE, target

        return tweak

    def device(info):
        info.type, info.devmajor, info.devminor = tarfile.CHRTYPE, 1, 3

    def fifo(info):
        info.type = tarfile.FIFOTYPE

    ifconfig = b"bge0: flags=1000843<UP,IPv4> mtu 1500 index 2\n"
    path = pack(
        tmp_path / "evil.tar.gz",
        [
            ("h/ifconfig-a.txt", ifconfig),
            ("/etc/passwd", b"root:x:0:0\n"),
            ("h/../../escape.txt", b"x"),
            ("h/netstat-rn.txt", symlink("../../../etc/shadow")),
            ("h/hosts", hardlink("/etc/hosts")),
            ("h/dev-null", device),
            ("h/fifo", fifo),
            ("h/etc/hostname.e1000g0", b"10.0.0.5 netmask + broadcast + up\n"),
            ("h/etc/hostname.bge0", symlink("hostname.e1000g0")),  # inside the archive: followed
        ],
    )
    found = discovery.discover([str(path)])
    assert found.errors == ()
    (root,) = found.roots
    problems = sorted(p.split(": ", 1)[1] for p in root.problems)
    assert problems == [
        "FIFO; not read",
        "absolute path or '..' in an archive member name; not read",
        "absolute path or '..' in an archive member name; not read",
        "device file; not read",
        "link to ../../../etc/shadow, out of the archive; not followed",
        "link to /etc/hosts, out of the archive; not followed",
    ]
    server = loader.load(root)
    assert len(server.warnings) == 6  # each refusal is a parse warning of the server (CAP001)
    assert sorted(os.path.basename(f.display) for f in root.files) == [
        "hostname.bge0",
        "hostname.e1000g0",
        "ifconfig-a.txt",
    ]
    assert server.domains[0].hostname_files[0].entries[0].address == "10.0.0.5"


def test_bombs_and_oversized_members(tmp_path, monkeypatch):
    members = [(f"h/etc/hostname.bge{i}", b"10.0.0.1 up\n") for i in range(20)]
    path = pack(
        tmp_path / "many.tar",
        [("h/ifconfig-a.txt", b"bge0: flags=1000843<UP,IPv4> mtu 1500 index 2\n")] + members,
        mode="w",
    )
    monkeypatch.setattr(archive, "MAX_MEMBERS", 5)
    (root,) = discovery.discover([str(path)]).roots
    assert any("more than 5 members" in p for p in root.problems)
    monkeypatch.setattr(archive, "MAX_MEMBERS", 100)
    monkeypatch.setattr(archive, "MAX_TOTAL", 100)
    (root,) = discovery.discover([str(path)]).roots
    assert any("more than 100 bytes unpacked" in p for p in root.problems)
    monkeypatch.setattr(archive, "MAX_TOTAL", 10**6)
    found = discovery.discover([str(path)], max_file_size=20)
    server = loader.load(found.roots[0], max_file_size=20)
    assert sum("over the 20-byte limit" in w.message for w in server.warnings) == 1  # ifconfig-a.txt: 48 bytes


def test_not_an_archive(tmp_path):
    (tmp_path / "junk.tar.gz").write_bytes(b"\x1f\x8b not really gzip")
    found = discovery.discover([str(tmp_path / "junk.tar.gz")])
    assert found.roots == ()
    assert any("not a readable tar archive" in e for e in found.errors)


@pytest.mark.parametrize(
    "name, expected",
    [
        ("server1.tar.gz", "server1"),
        ("a.b.TGZ", "a.b"),
        ("x.tar", "x"),
        ("explorer.1.h-2024.tar.xz", "explorer.1.h-2024"),
    ],
)
def test_stem(name, expected):
    assert archive.stem(name) == expected and archive.is_archive(name)
