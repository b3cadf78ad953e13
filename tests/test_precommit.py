"""pre-commit: ``ipmplint check --changed FILE...`` maps changed files to their capture
roots (ipmplint.capture.changed), and the hook of .pre-commit-hooks.yaml runs it for real.

The last test installs pre-commit from PyPI into a temporary virtualenv and runs
``pre-commit try-repo`` on a snapshot of this working tree: it is marked ``network``
(deselect with ``-m "not network"``) and skips itself when PyPI cannot be reached.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest

from ipmplint import cli
from ipmplint.capture import changed

REPO = Path(__file__).resolve().parents[1]
FIXTURES = REPO / "fixtures"
BAD = FIXTURES / "ipmp101-vnets-share-vswitch"  # IPMP101 (error)
GOOD = FIXTURES / "fig-7-4-vsw-in-two-service-domains"  # nothing
HOOKS = REPO / ".pre-commit-hooks.yaml"


@pytest.fixture
def captures(tmp_path, monkeypatch):
    """A captures repository: fleet/bad, fleet/good, a single host, a folder of pasted
    captures (a collection), and files that are no capture; run from its top."""
    shutil.copytree(BAD, tmp_path / "fleet" / "bad")
    shutil.copytree(GOOD, tmp_path / "fleet" / "good")
    shutil.copytree(GOOD / "ldg1", tmp_path / "hosts" / "ldg1")
    pastes = tmp_path / "pastes"
    pastes.mkdir()
    shutil.copy(GOOD / "ldg1" / "ifconfig-a.txt", pastes / "host1-ifconfig-a.txt")
    shutil.copy(GOOD / "primary" / "ifconfig-a.txt", pastes / "host2-ifconfig-a.txt")
    (tmp_path / "README.md").write_text("# our servers\n")
    (tmp_path / "docs").mkdir()
    (tmp_path / "docs" / "notes.md").write_text("notes\n")
    monkeypatch.chdir(tmp_path)
    return tmp_path


def roots(*paths: str) -> list[str]:
    return [r.display for r in changed.roots(list(paths)).roots]


def test_a_file_selects_its_servers_root(captures):
    # the roots read as if typed: no "./"
    assert roots("fleet/bad/ldg1/ifconfig-a.txt") == ["fleet/bad"]
    assert roots("fleet/bad/ldg1/etc/hostname.vnet0") == ["fleet/bad"]
    assert roots("fleet/bad/ldm-list-l.txt") == ["fleet/bad"]


def test_each_root_once_in_discovery_order(captures):
    assert roots(
        "fleet/good/primary/netstat-rn.txt",
        "fleet/bad/ldg1/ifconfig-a.txt",
        "fleet/bad/ldm-list-l.txt",
        "fleet/good/ldm-list-l.txt",
    ) == ["fleet/bad", "fleet/good"]


def test_files_outside_every_capture_select_nothing(captures):
    assert roots("README.md", "docs/notes.md", ".pre-commit-config.yaml") == []


def test_a_deleted_or_renamed_file_still_selects_its_root(captures):
    (captures / "fleet" / "bad" / "ldg1" / "netstat-rn.txt").unlink()
    assert roots("fleet/bad/ldg1/netstat-rn.txt") == ["fleet/bad"]
    assert roots("fleet/gone/ldg1/netstat-rn.txt") == []  # its root is gone too


def test_a_single_host_and_a_collection(captures):
    assert roots("hosts/ldg1/ifconfig-a.txt") == ["hosts/ldg1"]
    # a collection's file is a host of its own: only that one is checked
    assert roots("pastes/host2-ifconfig-a.txt") == ["pastes/host2-ifconfig-a.txt"]


def test_a_folder_selects_the_roots_in_it_and_around_it(captures):
    assert roots("fleet") == ["fleet/bad", "fleet/good"]
    assert roots("fleet/bad/ldg1") == ["fleet/bad"]


def run(capsys, *argv: str) -> tuple[int, str, str]:
    code = cli.main(["check", "--isolated", *argv])
    out = capsys.readouterr()
    return code, out.out, out.err


def test_check_changed_fails_on_a_bad_capture(captures, capsys):
    code, out, _ = run(capsys, "--changed", "README.md", "fleet/bad/ldg1/ifconfig-a.txt")
    assert code == 1
    assert "fleet/bad/ldm-list-l.txt:49:5" in out and out.count("IPMP101") == 1
    assert out.splitlines()[-1].startswith("1 finding (1 error, 0 warnings, 0 info) in 1 server")


def test_check_changed_passes_on_a_good_one_and_on_no_capture(captures, capsys):
    assert run(capsys, "--changed", "fleet/good/ldg1/ifconfig-a.txt", "docs/notes.md")[0] == 0
    code, out, err = run(capsys, "--changed", "README.md")
    assert (code, out, err) == (0, "No findings.\n", "")


def test_check_changed_reports_the_same_as_checking_the_root(captures, capsys):
    changed_out = run(capsys, "--changed", "--format", "sarif", "fleet/bad/primary/ifconfig-a.txt")[1]
    direct_out = run(capsys, "--format", "sarif", "fleet/bad")[1]
    strip = [
        line for line in changed_out.splitlines() if "automationDetails" not in line and '"id": "ipmplint/' not in line
    ]
    assert strip == [
        line for line in direct_out.splitlines() if "automationDetails" not in line and '"id": "ipmplint/' not in line
    ]


def test_check_changed_with_the_baseline_from_the_configuration(captures, capsys):
    assert run(capsys, "--write-baseline", ".ipmplint-baseline.json", "fleet")[0] == 0
    (captures / ".ipmplint.toml").write_text("baseline = '.ipmplint-baseline.json'\n")
    assert cli.main(["check", "--changed", "fleet/bad/ldg1/ifconfig-a.txt"]) == 0
    assert "1 finding hidden by the baseline" in capsys.readouterr().out


def test_the_hook_definition():
    """.pre-commit-hooks.yaml: one hook, ``ipmplint``, running ``check --changed`` once
    for all files (pre-commit is not installed here: the network test runs it)."""
    lines = [line for line in HOOKS.read_text().splitlines() if line.strip() and not line.startswith("#")]
    assert lines[0] == "- id: ipmplint"
    fields = dict(line.strip().lstrip("- ").split(": ", 1) for line in lines)
    assert fields["entry"] == "ipmplint check --changed"
    assert fields["language"] == "python"
    assert fields["require_serial"] == "true"
    assert set(fields) <= {
        "id",
        "name",
        "description",
        "entry",
        "language",
        "require_serial",
        "types",
        "files",
        "pass_filenames",
        "minimum_pre_commit_version",
    }


# ------------------------------------------------------------- for real


def _pypi_reachable() -> bool:
    index = os.environ.get("PIP_INDEX_URL", "https://pypi.org/simple").rstrip("/")
    try:
        with urllib.request.urlopen(f"{index}/pre-commit/", timeout=15) as response:
            return response.status == 200
    except (urllib.error.URLError, OSError, ValueError):
        return False


def _git(*args: str, cwd: Path) -> None:
    subprocess.run(
        [
            "git",
            "-c",
            "user.name=ipmplint tests",
            "-c",
            "user.email=tests@ipmplint.invalid",
            "-c",
            "commit.gpgsign=false",
            "-c",
            "init.defaultBranch=main",
            *args,
        ],
        cwd=cwd,
        check=True,
        capture_output=True,
    )


def _snapshot(dest: Path) -> Path:
    """This working tree as it is (tracked and new files, not ignored ones) committed in
    a repository of its own: what try-repo installs. (try-repo on the working tree
    itself would leave out files not yet added to git.)"""
    listed = subprocess.run(
        ["git", "ls-files", "-z", "--cached", "--others", "--exclude-standard"],
        cwd=REPO,
        capture_output=True,
        check=True,
    ).stdout
    for name in filter(None, listed.decode("utf-8").split("\0")):
        source = REPO / name
        if source.is_file():
            (dest / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source, dest / name)
    _git("init", "-q", cwd=dest)
    _git("add", "-A", cwd=dest)
    _git("commit", "-q", "-m", "snapshot", cwd=dest)
    return dest


@pytest.mark.network
def test_pre_commit_try_repo_fails_on_a_bad_capture_and_passes_on_a_good_one(tmp_path):
    if shutil.which("git") is None or not (REPO / ".git").exists():
        pytest.skip("needs git and a git checkout of ipmplint")
    if not _pypi_reachable():
        pytest.skip("PyPI cannot be reached")
    started = time.monotonic()
    hook_repo = _snapshot(tmp_path / "ipmplint")
    venv = tmp_path / "venv"
    subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True, capture_output=True)
    pip = subprocess.run(
        [str(venv / "bin" / "python"), "-m", "pip", "install", "-q", "pre-commit"], capture_output=True, text=True
    )
    if pip.returncode != 0:
        pytest.skip(f"pre-commit could not be installed from PyPI: {pip.stderr[-500:]}")

    captures = tmp_path / "captures"
    shutil.copytree(BAD, captures / "fleet" / "bad")
    shutil.copytree(GOOD, captures / "fleet" / "good")
    (captures / "README.md").write_text("# our servers\n")
    _git("init", "-q", cwd=captures)
    _git("add", "-A", cwd=captures)
    env = {**os.environ, "PRE_COMMIT_HOME": str(tmp_path / "pre-commit-home"), "NO_COLOR": "1"}
    env.pop("VIRTUAL_ENV", None)

    def try_repo(*files: str) -> subprocess.CompletedProcess:
        return subprocess.run(
            [
                str(venv / "bin" / "pre-commit"),
                "try-repo",
                str(hook_repo),
                "ipmplint",
                "--color",
                "never",
                "--verbose",
                "--files",
                *files,
            ],
            cwd=captures,
            env=env,
            capture_output=True,
            text=True,
            timeout=900,
        )

    bad = try_repo("fleet/bad/ldg1/ifconfig-a.txt", "fleet/bad/ldm-list-l.txt", "README.md")
    assert bad.returncode == 1, bad.stdout + bad.stderr
    assert "Failed" in bad.stdout
    assert bad.stdout.count("IPMP101 vnets-share-vswitch") == 1  # the root once, for two of its files
    assert "fleet/bad/ldm-list-l.txt:49:5" in bad.stdout

    good = try_repo("fleet/good/ldg1/ifconfig-a.txt", "fleet/good/primary/netstat-rn.txt", "README.md")
    assert good.returncode == 0, good.stdout + good.stderr
    assert "Passed" in good.stdout and "No findings" in good.stdout
    print(
        f"\npre-commit try-repo, install and two runs: {time.monotonic() - started:.0f} s\n"
        f"--- bad ---\n{bad.stdout}--- good ---\n{good.stdout}"
    )


def test_a_hook_run_walks_only_the_capture_it_touches(captures, monkeypatch):
    """--changed costs what the changed capture costs: the folders of every other
    capture in the repository are never listed (walking up looks at each folder above
    the file, and discovery walks only the capture that holds it)."""
    for n in range(30):  # a bigger repository: thirty more servers beside the two
        shutil.copytree(GOOD, captures / "fleet" / f"other{n:02}")
    listed: list[str] = []
    real_scandir = os.scandir

    def scandir(path=".", *rest):
        listed.append(os.path.relpath(os.fspath(path), captures))
        return real_scandir(path, *rest)

    monkeypatch.setattr(os, "scandir", scandir)
    assert roots("fleet/bad/ldg1/ifconfig-a.txt") == ["fleet/bad"]
    assert not [p for p in listed if p.startswith(("fleet/other", "fleet/good", "hosts", "pastes"))], listed
    assert "fleet/bad" in listed and "fleet" in listed  # what it did look at (the listing is seen)
    assert len(set(listed)) < 12  # the folders above the file, and fleet/bad's own
