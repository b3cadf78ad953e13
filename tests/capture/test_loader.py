"""The loader: kinds dispatched to parsers, fields filled and merged, nothing dropped."""

from __future__ import annotations

import os

from testpaths import FIXTURES

from ipmplint.capture import discovery, loader
from ipmplint.model import IpmpstatCapture, IpmpstatGroup, IpmpstatInterface, Source

IFCONFIG = "bge0: flags=1000843<UP,BROADCAST,RUNNING,MULTICAST,IPv4> mtu 1500 index 2\n\tinet 10.1.1.5 netmask ffffff00 broadcast 10.1.1.255\n"


def make(tmp_path, files: dict[str, object]):
    for rel, content in files.items():
        path = tmp_path / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_text(str(content))
    return tmp_path


def load_one(path, **kwargs):
    found = discovery.discover([str(path)])
    (root,) = found.roots
    return loader.load(root, **kwargs)


def test_server_fields_domain_fields_and_files():
    server = load_one(FIXTURES / "fig-7-4-vsw-in-two-service-domains")
    assert server.ldm is not None and [d.name for d in server.ldm.domains] == ["primary", "alternate", "ldg1"]
    assert server.release is not None and server.release.version == (1, 2)
    ldg1 = server.domain("ldg1")
    assert ldg1.ifconfig is not None and ldg1.routes is not None
    assert sorted(ldg1.files) == ["hostname", "hostname.vnet0", "hostname.vnet1", "ifconfig-a", "netstat-rn"]
    assert [g.name for g in ldg1.runtime_groups] == ["ipmp0"] and [g.name for g in ldg1.persistent_groups] == ["ipmp0"]
    assert all(a.balanced for a in server.accounts) and server.warnings == () and server.unrecognised == ()


def test_control_domain_files_beside_the_ldm_capture(tmp_path):
    ldm = (FIXTURES / "fig-7-4-vsw-in-two-service-domains" / "ldm-list-l.txt").read_text()
    server = load_one(
        make(tmp_path, {"s/ldm-list-l.txt": ldm, "s/ifconfig-a.txt": IFCONFIG, "s/ldg1/ifconfig-a.txt": IFCONFIG})
    )
    assert [d.name for d in server.domains] == ["ldg1", "primary"]
    assert server.domain("primary").ifconfig.interfaces[0].name == "bge0"


def test_unreadable_binary_oversize_and_unrecognised_files_are_reported(tmp_path):
    make(
        tmp_path,
        {
            "h/ifconfig-a.txt": IFCONFIG,
            "h/netstat-rn.txt": b"\x00\x01binary\x00",
            "h/etc/hostname.bge0": "10.1.1.5 netmask + broadcast + up\n" * 100,
            "h/notes.md": "a note",
        },
    )
    server = load_one(tmp_path / "h", max_file_size=1000)
    messages = sorted(
        (os.path.basename(w.source.file), w.message.split(" (")[0].split(",")[0]) for w in server.warnings
    )
    assert messages == [
        ("hostname.bge0", "file is 3400 bytes"),
        ("netstat-rn.txt", "binary file"),
    ]
    assert [os.path.basename(p) for p in server.unrecognised] == ["notes.md"]
    (dc,) = server.domains
    assert sorted(dc.files) == ["ifconfig-a"]  # only what was read: rules needing the rest skip


def test_a_second_capture_of_one_kind_is_reported_not_merged(tmp_path):
    server = load_one(make(tmp_path, {"h/ifconfig-a.txt": IFCONFIG, "h/etc/ifconfig-a.out": IFCONFIG}))
    (warning,) = server.warnings
    assert warning.source.file == str(tmp_path / "h" / "etc" / "ifconfig-a.out")
    assert warning.message == "a second capture of the same kind as ../ifconfig-a.txt; not read"  # from beside it


def test_non_utf8_bytes_are_replaced_and_warned_once(tmp_path):
    server = load_one(make(tmp_path, {"h/ifconfig-a.txt": IFCONFIG.encode() + b"\tzone caf\xe9\n"}))
    assert [(w.source.line, w.message.split(" (")[0]) for w in server.warnings][:1] == [
        (3, "bytes that are not UTF-8 were replaced")
    ]


def test_merge_joins_tuples_and_keeps_the_first_value():
    s = Source("f")
    a = IpmpstatCapture(Source("a"), groups=(IpmpstatGroup("ipmp0", s),))
    b = IpmpstatCapture(Source("b"), interfaces=(IpmpstatInterface("net0", s),), probe_disabled=s)
    merged = loader.merge(a, b)
    assert merged.source == Source("a") and merged.probe_disabled == s
    assert [g.group for g in merged.groups] == ["ipmp0"] and [i.interface for i in merged.interfaces] == ["net0"]


def test_a_fifo_is_reported_never_opened(tmp_path):
    make(tmp_path, {"h/ifconfig-a.txt": IFCONFIG})
    os.mkfifo(tmp_path / "h" / "netstat-rn.txt")
    server = load_one(tmp_path / "h")
    assert [w.message for w in server.warnings] == ["not a regular file; not read"]
