"""A warm run: a server whose files' ``stat`` signatures are unchanged is answered from
its index without opening a capture, parsing, building a topology or running a rule,
and gives the bytes a cold run gives. Anything that may change the report (a file's
bytes, even with its size and mtime put back; the server's name; the rules, their
options or sources; the configuration) makes the server checked again."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from testpaths import FIXTURES, REPO

from ipmplint import cli
from ipmplint.engine import cache, root_cache, runner

FIG_7_3 = FIXTURES / "fig-7-3-two-vsw-one-service-domain"
FIG_7_4 = FIXTURES / "fig-7-4-vsw-in-two-service-domains"


@pytest.fixture
def fleet(tmp_path, private_cache, monkeypatch) -> Path:
    """Two servers this test may change, with signatures trusted at once (the racy
    window is for files written within a clock tick of the run, as these are)."""
    monkeypatch.setattr(root_cache, "RACY_NS", 0)
    shutil.copytree(FIG_7_3, tmp_path / "fleet" / "s1")
    shutil.copytree(FIG_7_4, tmp_path / "fleet" / "s2")
    return tmp_path / "fleet"


class _Checks:
    """How many servers the rules ran on (a report reused runs none)."""

    def __init__(self, monkeypatch) -> None:
        self.servers: list[str] = []
        real = runner.check_server

        def counting(server, *args, **kwargs):
            self.servers.append(server.name)
            return real(server, *args, **kwargs)

        monkeypatch.setattr(runner, "check_server", counting)


def run(capsys, *args: str) -> tuple[int, str]:
    code = cli.main(["check", "--jobs", "1", *args])
    return code, capsys.readouterr().out


def test_an_unchanged_fleet_opens_no_capture(fleet, private_cache):
    """In a fresh process (as a user runs it): an audit hook names every file opened."""
    probe = (
        "import sys; opened = []; "
        "sys.addaudithook(lambda event, args: opened.append(str(args[0])) if event == 'open' else None); "
        "from ipmplint import cli; code = cli.main(['check', '--jobs', '1', '--format', 'json', sys.argv[1]]); "
        "print('\\n'.join(p for p in opened if p.startswith(sys.argv[1])), file=sys.stderr); sys.exit(code)"
    )
    env = {**os.environ, "IPMPLINT_CACHE_DIR": str(private_cache)}

    def opened() -> tuple[str, list[str]]:
        proc = subprocess.run(
            [sys.executable, "-c", probe, str(fleet)], capture_output=True, text=True, cwd=REPO, env=env
        )
        assert proc.returncode == 1, proc.stderr[-2000:]
        return proc.stdout, [line for line in proc.stderr.splitlines() if line.startswith(str(fleet))]

    cold, read = opened()
    assert len(read) >= 10  # every capture, once
    import time

    time.sleep(2.1)  # out of the racy window of the files just copied: the next run trusts them
    opened()  # records the signatures as trusted
    warm, read = opened()
    assert (warm, read) == (cold, [])


def test_a_touched_file_is_read_again_and_nothing_else_is_redone(capsys, fleet, monkeypatch):
    expected = run(capsys, "--no-cache", str(fleet))
    run(capsys, str(fleet))
    checks = _Checks(monkeypatch)
    ifcfg = fleet / "s1" / "ldg1" / "ifconfig-a.txt"
    st = ifcfg.stat()
    os.utime(ifcfg, ns=(st.st_atime_ns, st.st_mtime_ns + 1_000_000_000))  # touch: the same bytes
    assert run(capsys, str(fleet)) == expected
    assert checks.servers == []  # hashed again, the same content key: the report reused


def test_a_byte_changed_with_size_and_mtime_put_back_is_noticed(capsys, fleet):
    """Unlike a cache keyed on size and mtime alone: the ctime, which no user call can
    set, is in the signature."""
    run(capsys, str(fleet))
    ifcfg = fleet / "s1" / "ldg1" / "ifconfig-a.txt"
    st = ifcfg.stat()
    text = ifcfg.read_text()
    changed = text.replace("groupname ipmp0", "groupname ipmq0")
    assert changed != text and len(changed) == len(text)
    ifcfg.write_text(changed)
    os.utime(ifcfg, ns=(st.st_atime_ns, st.st_mtime_ns))
    assert ifcfg.stat().st_size == st.st_size and ifcfg.stat().st_mtime_ns == st.st_mtime_ns
    warm = run(capsys, "--format", "json", str(fleet))
    assert warm == run(capsys, "--no-cache", "--format", "json", str(fleet)) and "ipmq0" in warm[1]


def test_a_renamed_server_is_checked_under_its_new_name(capsys, fleet, monkeypatch):
    run(capsys, str(fleet))
    (fleet / "s1").rename(fleet / "renamed")
    checks = _Checks(monkeypatch)
    warm = run(capsys, "--format", "json", str(fleet))
    assert checks.servers == ["renamed"]
    assert warm == run(capsys, "--no-cache", "--format", "json", str(fleet))
    assert {s["name"] for s in json.loads(warm[1])["servers"]} == {"renamed", "s2"}


@pytest.mark.parametrize(
    "change",
    [
        ("--select", "IPMP1"),
        ("--ignore", "IPMP102"),
        ("--config", "severity.toml"),
        ("--rule-path", "site-rules"),
    ],
    ids=["selection", "ignore", "configuration", "plugin"],
)
def test_other_rules_or_settings_check_every_server_again(capsys, fleet, monkeypatch, tmp_path, change):
    (tmp_path / "severity.toml").write_text('[severity]\nIPMP102 = "info"\n')
    site = tmp_path / "site-rules"
    site.mkdir()
    (site / "site100_quiet.py").write_text(
        '"""Says nothing.\n\n## What it checks\nNothing.\n"""\n\nfrom ipmplint.rule import Severity\n\n'
        'ID = "SITE100"\nNAME = "quiet"\nSEVERITY = Severity.INFO\nSOURCE = "a test"\n\n\n'
        "def check(ctx):\n    return iter(())\n"
    )
    option, value = change
    value = str(tmp_path / value) if value.endswith((".toml", "rules")) else value
    run(capsys, str(fleet))
    checks = _Checks(monkeypatch)
    assert run(capsys, option, value, str(fleet)) == run(capsys, "--no-cache", option, value, str(fleet))
    assert sorted(checks.servers) == ["s1", "s1", "s2", "s2"]  # the cached run and the --no-cache one
    checks.servers.clear()
    run(capsys, option, value, str(fleet))
    assert checks.servers == []  # and now that variant is cached too


def test_the_cache_holds_the_last_run_whatever_its_bound(capsys, fleet, private_cache, monkeypatch):
    """A bound smaller than the fleet's entries does not evict what the next run reads
    (which would make every warm run a cold one): only other runs' entries go."""
    other = fleet.parent / "other"
    shutil.copytree(FIG_7_3, other / "s3")
    run(capsys, str(other))
    monkeypatch.setenv(cache.MAX_ENV, "1")
    run(capsys, str(fleet))
    names = {p.name for p in (private_cache / "roots").iterdir() if not p.name.startswith(".")}
    from ipmplint.capture import discovery

    mine = {n for root in discovery.discover([str(fleet)]).roots for n in root_cache.names(root)}
    assert names == mine
    checks = _Checks(monkeypatch)
    run(capsys, str(fleet))
    assert checks.servers == []


def _add_file(fleet: Path) -> None:
    (fleet / "s1" / "ldg1" / "etc" / "hostname.vnet2").write_text("192.0.2.99 netmask + broadcast + up\n")


def _remove_file(fleet: Path) -> None:
    (fleet / "s1" / "ldg1" / "etc" / "hostname.vnet1").unlink()


def _rename_domain_folder(fleet: Path) -> None:
    (fleet / "s1" / "ldg1").rename(fleet / "s1" / "ldg9")


def _same_bytes_new_file(fleet: Path) -> None:
    """The file replaced by a copy of itself with its size and times put back: a new
    inode (and ctime), so it is read again; its content key is unchanged."""
    ifcfg = fleet / "s1" / "ldg1" / "ifconfig-a.txt"
    st = ifcfg.stat()
    data = ifcfg.read_bytes()
    ifcfg.unlink()
    ifcfg.write_bytes(data)
    os.utime(ifcfg, ns=(st.st_atime_ns, st.st_mtime_ns))


def _ldm_byte_put_back(fleet: Path) -> None:
    """A byte of the server's first file changed, its size and mtime put back."""
    ldm = fleet / "s1" / "ldm-list-l.txt"
    st = ldm.stat()
    data = ldm.read_bytes()
    ldm.write_bytes(data.replace(b"primary", b"primarz", 1))
    os.utime(ldm, ns=(st.st_atime_ns, st.st_mtime_ns))


@pytest.mark.parametrize(
    "change, rechecked",
    [
        (_ldm_byte_put_back, ["s1"]),
        (_add_file, ["s1"]),
        (_remove_file, ["s1"]),
        (_rename_domain_folder, ["s1"]),
        (_same_bytes_new_file, []),
    ],
    ids=["first-file-edited-back", "file-added", "file-removed", "domain-folder-renamed", "same-bytes-new-inode"],
)
def test_a_changed_server_is_checked_again_and_only_it(capsys, fleet, monkeypatch, change, rechecked):
    """What a warm run compares (each file's path, kind and signature) tells a file
    added, removed or moved, in every format; the other server is reused as it is."""
    run(capsys, str(fleet))
    change(fleet)
    for fmt in ("text", "json", "sarif"):
        checks = _Checks(monkeypatch)
        warm = run(capsys, "--format", fmt, str(fleet))
        assert checks.servers == (rechecked if fmt == "text" else [])  # then cached as it is now
        assert warm == run(capsys, "--no-cache", "--format", fmt, str(fleet))


def test_an_unchanged_fleet_starts_no_worker(capsys, fleet, monkeypatch):
    """Every server answered from the cache: no process is started for none to check."""
    expected = run(capsys, str(fleet))
    monkeypatch.setattr("multiprocessing.get_context", None)  # a worker pool would need it
    assert cli.main(["check", "--jobs", "2", str(fleet)]) == expected[0]
    assert capsys.readouterr().out == expected[1]
