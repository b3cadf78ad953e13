"""Broken and hostile input: each gets a clear message naming the path, the run goes
on with the rest, nothing is written, and output is the same bytes every time."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from testpaths import FIXTURES, snapshot

from ipmplint import cli
from ipmplint.capture import discovery

IFCONFIG = (
    "bge0: flags=1000843<UP,BROADCAST,RUNNING,MULTICAST,IPv4> mtu 1500 index 2\n\tinet 10.1.1.5 netmask ffffff00\n"
)


def run(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "ipmplint", *args], capture_output=True, text=True, timeout=120)


def test_empty_binary_huge_and_odd_files_are_named_and_the_run_goes_on(tmp_path):
    host = tmp_path / "host"
    host.mkdir()
    (host / "ifconfig-a.txt").write_text(IFCONFIG)
    (host / "netstat-rn.txt").write_text("")  # empty: read, nothing in it
    (host / "routeadm.txt").write_bytes(b"\x7fELF\x02\x01\x01\x00" + bytes(range(256)))
    with open(host / "eeprom.txt", "wb") as fh:  # 1 GiB, sparse: refused without being read
        fh.truncate(1024**3)
    (host / "etc").mkdir()
    (host / "etc" / "hostname.bge0").mkdir()  # a folder named like a capture file
    other = tmp_path / "other"
    other.mkdir()
    (other / "ifconfig-a.txt").write_text(IFCONFIG)
    result = run("check", "--format", "json", str(host), str(other))
    assert result.returncode == 1, result.stderr  # findings (the CAP001 notes), not a crash
    assert "Traceback" not in result.stderr
    report = __import__("json").loads(result.stdout)
    assert report["summary"]["servers"] == 2
    notes = {os.path.basename(f["file"]): f["message"] for f in report["findings"] if f["rule_id"] == "CAP001"}
    assert "binary file" in notes["routeadm.txt"]
    assert "over the 67108864-byte limit" in notes["eeprom.txt"]
    assert notes.keys() == {"routeadm.txt", "eeprom.txt"}


#: As root (CI runs as root), the permission test runs ipmplint as this throwaway user:
#: root reads any file, so only another user can meet a permission error.
NOBODY = 65534


def _as_another_user() -> list[str]:
    """The command prefix that runs ipmplint as an unprivileged user when we are root
    (``setpriv``, util-linux); [] when we are not root already."""
    if os.geteuid() != 0:
        return []
    setpriv = shutil.which("setpriv")
    if setpriv is None:
        pytest.skip("running as root without setpriv (util-linux) to drop to another user")
    return [setpriv, f"--reuid={NOBODY}", f"--regid={NOBODY}", "--clear-groups"]


def test_unreadable_file_and_folder():
    # A folder every user can reach (pytest's own tmp folders are root's alone: 0700),
    # holding the host whose file and sub-folder nobody but their owner may read.
    import tempfile

    top = Path(tempfile.mkdtemp(prefix="ipmplint-perm-"))
    try:
        top.chmod(0o755)
        _unreadable(top)
    finally:
        shutil.rmtree(top, ignore_errors=True)


def _unreadable(top: Path) -> None:
    host = top / "host"
    (host / "etc").mkdir(parents=True)
    (host / "ifconfig-a.txt").write_text(IFCONFIG)
    (host / "netstat-rn.txt").write_text("x")
    host.chmod(0o755)
    (host / "ifconfig-a.txt").chmod(0o644)
    (host / "netstat-rn.txt").chmod(0)
    (host / "etc").chmod(0)
    env = {**os.environ, "XDG_CACHE_HOME": str(top / "cache"), "HOME": str(top)}
    try:
        result = subprocess.run(
            [
                *_as_another_user(),
                sys.executable,
                "-m",
                "ipmplint",
                "check",
                "--no-cache",
                "--format",
                "json",
                str(host),
            ],
            capture_output=True,
            text=True,
            timeout=120,
            env=env,
            cwd=str(Path(__file__).resolve().parents[1]),
        )
    finally:
        (host / "etc").chmod(0o755)
        (host / "netstat-rn.txt").chmod(0o644)
    assert "Permission denied" in result.stdout + result.stderr and result.returncode == 1, result.stderr


def test_missing_and_unreadable_command_line_paths_are_usage_errors(tmp_path):
    result = run("check", str(tmp_path / "nope"), str(FIXTURES / "fig-7-4-vsw-in-two-service-domains"))
    assert result.returncode == 2 and "nope: no such file or directory" in result.stderr
    assert "No findings" in result.stdout  # the readable root was still checked


def test_a_path_given_twice_is_checked_once():
    path = str(FIXTURES / "fig-7-3-two-vsw-one-service-domain")
    assert len(discovery.discover([path, path + "/", os.path.relpath(path)]).roots) == 1


FORMATS = ("text", "json", "sarif", "github", "junit", "gitlab")


def test_nothing_is_written_into_a_capture_tree(tmp_path):
    copy = tmp_path / "fixtures"
    shutil.copytree(FIXTURES, copy)
    before = snapshot(copy)
    for fmt in FORMATS:
        assert run("check", "--format", fmt, "--statistics", "--stats", str(copy)).returncode in (0, 1)
    assert run("graph", "--format", "mermaid", "-o", str(tmp_path / "pictures"), str(copy)).returncode == 0
    assert snapshot(copy) == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["fixtures", "pictures"]


@pytest.mark.parametrize("fmt", FORMATS)
def test_same_bytes_whatever_the_file_system_order(fmt, tmp_path, monkeypatch, capsys):
    def check(order):
        real = os.scandir
        monkeypatch.setattr(os, "scandir", lambda p: _Listing(sorted(real(p), key=lambda de: de.name, reverse=order)))
        code = cli.main(["check", "--format", fmt, "--isolated", str(FIXTURES)])
        monkeypatch.setattr(os, "scandir", real)
        return code, capsys.readouterr().out

    first, second = check(False), check(True)
    assert first == second and first[0] == 1 and len(first[1]) > 1000


class _Listing(list):
    """What ``os.scandir`` returns, in an order of the test's choosing."""

    def __enter__(self):
        return iter(self)

    def __exit__(self, *exc):
        return False


def test_unreadable_file_and_folder_as_any_user(tmp_path, monkeypatch):
    """The same as above, made to happen for root too (CI runs as root, who reads anything)."""
    from pathlib import Path

    from ipmplint.capture import loader

    host = tmp_path / "host"
    (host / "etc").mkdir(parents=True)
    (host / "ifconfig-a.txt").write_text(IFCONFIG)
    (host / "netstat-rn.txt").write_text("x")
    (host / "etc" / "hostname.bge0").write_text("10.1.1.5 up\n")
    real_read, real_scandir = Path.read_bytes, os.scandir

    def read_bytes(self):
        if self.name == "netstat-rn.txt":
            raise PermissionError(13, "Permission denied")
        return real_read(self)

    def scandir(path):
        if os.path.basename(path) == "etc":
            raise PermissionError(13, "Permission denied")
        return real_scandir(path)

    monkeypatch.setattr(Path, "read_bytes", read_bytes)
    monkeypatch.setattr(os, "scandir", scandir)
    (root,) = discovery.discover([str(host)]).roots
    server = loader.load(root)
    messages = sorted((os.path.basename(w.source.file), w.message) for w in server.warnings)
    assert messages == [("etc", "Permission denied"), ("netstat-rn.txt", "cannot read file: Permission denied")]
    assert server.domains[0].ifconfig is not None  # the rest was read
