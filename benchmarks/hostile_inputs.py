"""The hostile inputs of issue 15, each built small enough to write in a second and
large enough that a quadratic cost would show: the benchmark's ``hostile`` section
times ``ipmplint check`` on each against its bound, and the fuzz harness uses them
as seeds (``fuzz/fuzz_check.py``).

Each case writes one capture root (a folder, or a tar archive) under the folder given
and returns the path to check. The bound is the wall time allowed on a 2-core machine;
the figure issue 15 measured before the fix is beside it.
"""

from __future__ import annotations

import io
import tarfile
from pathlib import Path
from typing import Callable, NamedTuple

LOOPBACK = b"lo0: flags=2001000849<UP,LOOPBACK,RUNNING,MULTICAST,IPv4,VIRTUAL> mtu 8232 index 1\n"


class Case(NamedTuple):
    name: str
    build: Callable[[Path], Path]
    bound_s: float
    before: str


def _host(top: Path, name: str, files: dict[str, bytes]) -> Path:
    host = top / name
    host.mkdir(parents=True, exist_ok=True)
    for file, data in files.items():
        (host / file).write_bytes(data)
    return host


def tar_of(path: Path, members: list[tuple[str, bytes]], dirs: tuple[str, ...] = (), mode: str = "w:gz") -> Path:
    """A tar archive of ``members`` (name, bytes), with the folders ``dirs`` first."""
    with tarfile.open(path, mode) as tar:
        for name in dirs:
            info = tarfile.TarInfo(name)
            info.type = tarfile.DIRTYPE
            tar.addfile(info)
        for name, data in members:
            info = tarfile.TarInfo(name)
            info.size = len(data)
            tar.addfile(info, io.BytesIO(data))
    return path


def unclosed_tags(top: Path) -> Path:
    """320 KB of ``<b`` on one line: HTML cleaning scanned to the end from each ``<``."""
    return _host(top, "tags", {"ifconfig-a.txt": b"<b" * 160_000 + b"\n"})


def routeadm_tags(top: Path) -> Path:
    """A 180 KB ``routeadm.txt`` of unclosed tags."""
    return _host(top, "routeadm", {"ifconfig-a.txt": LOOPBACK, "routeadm.txt": b"<b" * 90_000 + b"\n"})


def garbage_lines(top: Path) -> Path:
    """A 4 MB file of ``x`` lines: two million parse warnings, each a finding."""
    return _host(top, "garbage", {"ifconfig-a.txt": b"x\n" * 2_000_000})


def many_domain_folders(top: Path) -> Path:
    """16,000 domain folders in one small .tar.gz: each folder listed by scanning all."""
    n = 16_000
    return tar_of(
        top / "many.tar.gz",
        [("s/ldm-list-l.txt", b"VERSION 1.0\n")] + [(f"s/ldg{i}/ifconfig-a.txt", LOOPBACK) for i in range(n)],
        tuple(f"s/ldg{i}" for i in range(n)),
    )


def oversized_members(top: Path) -> Path:
    """Members over the file size limit, compressed small: each one was decompressed to
    be passed, and none counted as unpacked."""
    big = b"\0" * (65 * 1024 * 1024)
    return tar_of(
        top / "bomb.tar.xz", [("s/ifconfig-a.txt", LOOPBACK)] + [(f"s/blob{i}", big) for i in range(12)], mode="w:xz"
    )


CASES = (
    Case("unclosed-tags-320k", unclosed_tags, 2.0, "39 s"),
    Case("routeadm-tags-180k", routeadm_tags, 2.0, "26 s"),
    Case("garbage-lines-4m", garbage_lines, 40.0, "324 s, 17.4 GB"),  # 2,000,000 lines through lark
    Case("tar-16000-domains", many_domain_folders, 20.0, "105 s"),
    Case("tar-oversized-members", oversized_members, 15.0, "4 GB inflated, unreported"),
)
