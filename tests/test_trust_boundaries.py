"""Issue 15, the command line's half: no code runs that the user did not choose, no
crash looks like findings, no output is left half written (docs/security.md)."""

from __future__ import annotations

import errno
import json
import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from testpaths import FIXTURES, REPO

from ipmplint import cli
from ipmplint.engine import config, runner

BAD = FIXTURES / "ipmp101-vnets-share-vswitch"  # IPMP101 (error)
CLEAN = FIXTURES / "fig-7-4-vsw-in-two-service-domains"

PLANTED_RULE = '''"""A rule planted by someone else (a test).

## What it checks
Nothing.
"""
from pathlib import Path
from ipmplint.rule import Severity

ID = "EVIL001"
NAME = "planted"
SEVERITY = Severity.INFO
SOURCE = "tests"
Path(__file__).with_name("RAN").write_text("imported")


def check(ctx):
    return ()
'''


def run(capsys, *argv: str) -> tuple[int, str, str]:
    code = cli.main(list(argv))
    out = capsys.readouterr()
    return code, out.out, out.err


@pytest.fixture
def planted(tmp_path, monkeypatch):
    """A shared folder holding a configuration whose rule-paths import a module, and a
    captures folder below it where the user runs ipmplint."""
    (tmp_path / "evil").mkdir()
    (tmp_path / "evil" / "evil001_planted.py").write_text(PLANTED_RULE)
    (tmp_path / ".ipmplint.toml").write_text("rule-paths = ['evil']\n")
    shutil.copytree(BAD, tmp_path / "captures" / "bad")
    monkeypatch.chdir(tmp_path / "captures")
    monkeypatch.delenv(config.TRUST_ENV, raising=False)
    yield tmp_path
    for name in [n for n in sys.modules if "evil001" in n]:
        del sys.modules[name]


# -- configuration: found within bounds, and data, not code -------------------------------------


def test_a_configuration_above_the_repository_or_home_is_not_read(planted, capsys):
    assert config.find() is None  # /tmp-like: no .git, not home: only the current folder
    code, _, err = run(capsys, "check", "bad")
    assert code == 1 and not (planted / "evil" / "RAN").exists() and "rule-paths" not in err


def test_the_search_stops_at_the_repository_top(planted, tmp_path):
    (planted / "captures" / ".git").mkdir()
    assert config.find() is None
    (planted / "captures" / "bad" / ".git").mkdir()
    assert config.search_path(Path(os.getcwd()) / "bad") == [Path(os.getcwd()) / "bad"]


def test_the_search_stops_at_home(planted, monkeypatch):
    monkeypatch.setenv("HOME", str(planted / "captures"))
    assert config.find() is None
    monkeypatch.setenv("HOME", str(planted))
    assert config.find() == planted / ".ipmplint.toml"


@pytest.mark.parametrize("command", [("check", "bad"), ("rules",), ("rule", "IPMP101")])
def test_rule_paths_of_a_found_configuration_run_only_when_the_user_opts_in(planted, capsys, monkeypatch, command):
    monkeypatch.setenv("HOME", str(planted))  # found: the search reaches home
    code, out, err = run(capsys, *command)
    assert not (planted / "evil" / "RAN").exists()
    assert "rule-paths not loaded" in err and "--config" in err and config.TRUST_ENV in err
    assert "EVIL001" not in out


def test_rule_paths_run_with_config_named_or_the_environment(planted, capsys, monkeypatch):
    code, out, err = run(capsys, "rules", "--config", str(planted / ".ipmplint.toml"))
    assert code == 0 and "EVIL001" in out and (planted / "evil" / "RAN").exists()
    (planted / "evil" / "RAN").unlink()
    for name in [n for n in sys.modules if "evil001" in n]:
        del sys.modules[name]
    monkeypatch.setenv("HOME", str(planted))
    monkeypatch.setenv(config.TRUST_ENV, "1")
    code, out, err = run(capsys, "rules")
    assert code == 0 and "EVIL001" in out and "loading the rule-paths of" in err


@pytest.mark.parametrize(
    "text", [b"fail-on = '\xff'\n", b"select = " + b"[" * 500 + b"]" * 500 + b"\n"], ids=["not-utf8", "nested-500"]
)
def test_a_configuration_that_is_not_toml_is_one_line_and_exit_2(tmp_path, capsys, text):
    (tmp_path / "c.toml").write_bytes(text)
    code, out, err = run(capsys, "check", "--config", str(tmp_path / "c.toml"), str(BAD))
    assert code == 2 and out == "" and "not valid TOML" in err and len(err.splitlines()) == 1


def test_a_glob_that_is_not_one_is_refused_before_the_run(tmp_path, capsys):
    (tmp_path / "c.toml").write_text("[per-path-ignores]\n'[z-a]' = ['IPMP101']\n")
    code, out, err = run(capsys, "check", "--config", str(tmp_path / "c.toml"), str(BAD))
    assert code == 2 and out == "" and "is not a glob" in err


def test_a_baseline_nested_too_deep_is_exit_2(tmp_path, capsys):
    (tmp_path / "b.json").write_text("[" * 100_000 + "]" * 100_000)
    code, out, err = run(capsys, "check", "--baseline", str(tmp_path / "b.json"), str(BAD))
    assert code == 2 and "nested too deep" in err


def test_sarif_merge_of_a_log_nested_too_deep_is_exit_2(tmp_path, capsys):
    from ipmplint.reporters import sarif_merge

    (tmp_path / "s.sarif").write_text("[" * 100_000 + "]" * 100_000)
    assert sarif_merge.main([str(tmp_path / "s.sarif")]) == 2
    assert "nested too deep" in capsys.readouterr().err


# -- outputs: checked before the run, written whole or not at all ------------------------------


@pytest.mark.parametrize("where", ["missing/report.txt", "."])
def test_an_output_that_cannot_be_written_is_exit_2_before_the_run(tmp_path, capsys, monkeypatch, where):
    monkeypatch.chdir(tmp_path)
    ran = []
    monkeypatch.setattr(runner, "check_server", lambda *a, **k: ran.append(1))
    code, out, err = run(capsys, "check", "-o", where, str(BAD))
    assert code == 2 and not ran and err.startswith("ipmplint: cannot write") and len(err.splitlines()) == 1


def test_a_read_only_file_system_is_exit_2_and_the_old_report_intact(tmp_path, capsys, monkeypatch):
    report = tmp_path / "report.txt"
    report.write_text("the previous report\n")

    def read_only(*args, **kwargs):
        raise OSError(errno.EROFS, os.strerror(errno.EROFS))

    monkeypatch.setattr("tempfile.mkstemp", read_only)
    code, _, err = run(capsys, "check", "--no-cache", "-o", str(report), str(BAD))
    assert code == 2 and "Read-only file system" in err
    assert report.read_text() == "the previous report\n"


def test_a_run_that_fails_leaves_the_old_report_intact(tmp_path, capsys, monkeypatch):
    report = tmp_path / "report.txt"
    report.write_text("the previous report\n")
    monkeypatch.setattr("ipmplint.reporters.render", lambda *a, **k: 1 / 0)
    code, _, err = run(capsys, "check", "--no-cache", "-o", str(report), str(BAD))
    assert code == 3 and report.read_text() == "the previous report\n"
    assert [p.name for p in tmp_path.iterdir()] == ["report.txt"]  # no temporary left behind


def test_outputs_keep_their_permissions(tmp_path, capsys):
    report = tmp_path / "report.txt"
    report.write_text("")
    report.chmod(0o640)
    assert run(capsys, "check", "--no-cache", "-o", str(report), str(BAD))[0] == 1
    assert report.stat().st_mode & 0o777 == 0o640 and "IPMP101" in report.read_text()


# -- never a traceback: exit 3 naming the input, 130, 143 ---------------------------------------


def test_an_internal_error_is_one_line_naming_the_input_and_exit_3(capsys, monkeypatch):
    monkeypatch.setattr(runner, "check_server", lambda *a, **k: {}["boom"])
    code, out, err = run(capsys, "check", "--no-cache", "-j", "1", str(BAD))
    assert code == cli.EXIT_INTERNAL and out == ""
    assert len(err.splitlines()) == 1 and "Traceback" not in err
    assert f"while checking {BAD}" in err and "KeyError" in err and "--debug" in err
    code, _, err = run(capsys, "check", "--no-cache", "-j", "1", "--debug", str(BAD))
    assert code == 3 and "Traceback (most recent call last)" in err and "boom" in err


def test_an_internal_error_in_a_worker_names_its_input(tmp_path, capsys, monkeypatch):
    shutil.copytree(BAD, tmp_path / "s1")
    shutil.copytree(CLEAN, tmp_path / "s2")

    def broken(server, *args, **kwargs):
        if server.name == "s2":
            raise RuntimeError("a bug")
        return real(server, *args, **kwargs)

    real = runner.check_server
    monkeypatch.setattr(runner, "check_server", broken)
    code, _, err = run(capsys, "check", "--no-cache", "-j", "2", "--debug", str(tmp_path))
    assert code == 3 and "while checking" in err and "s2" in err.splitlines()[-1]
    assert "RuntimeError: a bug" in err and "check_server" in err  # the worker's traceback


def test_the_exit_codes_are_in_the_help(capsys):
    with pytest.raises(SystemExit):
        cli.main(["--help"])
    text = " ".join(capsys.readouterr().out.split())
    assert "3 internal error" in text and "130 interrupted" in text


def test_ctrl_c_is_exit_130_and_one_line(capsys, monkeypatch):
    def interrupted(*args, **kwargs):
        raise KeyboardInterrupt

    monkeypatch.setattr(runner, "check_server", interrupted)
    code, out, err = run(capsys, "check", "--no-cache", "-j", "1", str(BAD))
    assert code == 130 and err == "ipmplint: interrupted\n"


def test_sigterm_is_exit_143_and_one_line(capsys, monkeypatch):
    def terminated(*args, **kwargs):
        os.kill(os.getpid(), signal.SIGTERM)
        time.sleep(5)  # the signal arrives first

    monkeypatch.setattr(runner, "check_server", terminated)
    code, out, err = run(capsys, "check", "--no-cache", "-j", "1", str(BAD))
    assert code == 143 and err == "ipmplint: terminated\n"
    assert signal.getsignal(signal.SIGTERM) is signal.SIG_DFL or callable(signal.getsignal(signal.SIGTERM))


SLEEPY_RULE = '''"""Sleeps, so the test can kill the run while workers work.

## What it checks
Nothing.
"""
import time
from ipmplint.rule import Severity

ID = "SLOW001"
NAME = "sleepy"
SEVERITY = Severity.INFO
SOURCE = "tests"


def check(ctx):
    time.sleep(60)
    return ()
'''


def _children(pid: int) -> set[int]:
    out = subprocess.run(["ps", "-o", "pid=", "--ppid", str(pid)], capture_output=True, text=True).stdout
    return {int(p) for p in out.split()}


def _alive(pids: set[int]) -> set[int]:
    alive = set()
    for pid in pids:
        try:
            with open(f"/proc/{pid}/stat") as fh:
                if fh.read().split(")")[-1].split()[0] != "Z":
                    alive.add(pid)
        except OSError:
            pass
    return alive


@pytest.mark.skipif(not sys.platform.startswith("linux") or shutil.which("ps") is None, reason="Linux, ps")
@pytest.mark.parametrize("how", [signal.SIGINT, signal.SIGTERM, signal.SIGKILL])
def test_workers_die_with_their_parent(tmp_path, how):
    (tmp_path / "slow").mkdir()
    (tmp_path / "slow" / "slow001_sleepy.py").write_text(SLEEPY_RULE)
    for name in ("s1", "s2", "s3"):
        shutil.copytree(BAD, tmp_path / "fleet" / name)
    proc = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "ipmplint",
            "check",
            "--no-cache",
            "-j",
            "2",
            "--isolated",
            "--rule-path",
            str(tmp_path / "slow"),
            str(tmp_path / "fleet"),
        ],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        cwd=REPO,
    )
    workers: set[int] = set()
    for _ in range(600):  # until both workers are started (at most a minute)
        workers = _children(proc.pid)
        if len(workers) >= 2:
            break
        time.sleep(0.1)
    assert len(workers) >= 2
    time.sleep(0.5)  # the workers are in the rule's sleep
    proc.send_signal(how)
    _, err = proc.communicate(timeout=60)
    expected = {signal.SIGINT: 130, signal.SIGTERM: 143, signal.SIGKILL: -signal.SIGKILL}[how]
    assert proc.returncode == expected, err
    assert "Traceback" not in err
    for _ in range(300):
        if not _alive(workers):
            break
        time.sleep(0.1)
    assert not _alive(workers)


# -- the test run itself keeps to temporary folders --------------------------------------------


def test_the_session_writes_only_in_temporary_folders():
    """conftest.py points every folder a run could write at the session's temporary one."""
    import tempfile

    from hypothesis import configuration

    top = Path(tempfile.gettempdir()).resolve()
    for name in (
        "HOME",
        "XDG_CACHE_HOME",
        "XDG_CONFIG_HOME",
        "XDG_DATA_HOME",
        "PIP_CACHE_DIR",
        "VIRTUALENV_OVERRIDE_APP_DATA",
        "IPMPLINT_CACHE_DIR",
    ):
        assert top in Path(os.environ[name]).resolve().parents, name
    assert top in configuration.storage_directory("examples", intent_to_write=False).path.resolve().parents


# -- escaping at every boundary ------------------------------------------------------------------

ODD_NAMES = [b"srv\xff\x1b]0;pwned\x07", b"srv\n::error::injected"]


@pytest.fixture
def odd_fleet(tmp_path):
    """Two servers whose folder names hold a byte that is not UTF-8, a terminal escape
    (it sets the window title), a newline and a GitHub workflow command."""
    top = tmp_path / "fleet"
    for raw in ODD_NAMES:
        folder = os.path.join(os.fsencode(top), raw)
        shutil.copytree(BAD, os.fsdecode(folder))
    return top


@pytest.mark.parametrize("fmt", ["text", "json", "sarif", "github", "junit", "gitlab"])
def test_any_bytes_in_a_file_name_survive_every_format(odd_fleet, capsys, fmt):
    code, out, err = run(capsys, "check", "--no-cache", "--format", fmt, str(odd_fleet))
    assert code == 1, err
    assert not any(c in out for c in "\x1b\x07") and "\udcff" not in out
    if fmt in ("json", "sarif", "gitlab"):
        json.loads(out)
    if fmt == "junit":
        import xml.dom.minidom

        xml.dom.minidom.parseString(out)
    if fmt == "github":  # every line is one of ours: the name's newline cannot start a command
        assert all(line.startswith(("::error ", "::warning ", "::notice ")) for line in out.splitlines())
    if fmt == "text":
        assert f"'{odd_fleet}/srv\\xff\\x1b]0;pwned\\x07/ldm-list-l.txt':" in out  # quoted, escaped
        assert f"'{odd_fleet}/srv\\x0a::error::injected/ldm-list-l.txt':" in out  # one row, not two
    if fmt == "sarif":
        assert "srv%FF%1B%5D0%3Bpwned%07" in out


def test_fingerprints_of_odd_names_are_their_bytes(odd_fleet, capsys):
    def prints() -> list[str]:
        return sorted(
            f["fingerprint"]
            for f in json.loads(run(capsys, "check", "--no-cache", "--format", "gitlab", str(odd_fleet))[1])
        )

    first = prints()
    assert len(set(first)) == len(first) == 2 and prints() == first


def test_stderr_lines_are_escaped_and_never_a_workflow_command(tmp_path, capsys):
    odd = str(tmp_path / "missing\x1b[2J\n::error::injected")
    code, out, err = run(capsys, "check", "--no-cache", odd)
    assert code == 2 and "\x1b" not in err and "\\x1b[2J" in err
    assert not any(line.lstrip().startswith("::") for line in err.splitlines())


def test_escaping_functions_never_fail_and_never_start_a_command():
    from ipmplint import escaping

    nasty = "::x\x00\x1b\x7f\x85\udcff\ud800é\t"
    assert escaping.line(nasty).startswith("| ::") and "\x1b" not in escaping.line(nasty)
    assert escaping.utf8(nasty).encode("utf-8")
    assert escaping.printable("é\tok") == "é\tok" and escaping.name("plain.txt") == "plain.txt"


@pytest.fixture
def odd_domain(tmp_path):
    server = tmp_path / "server"
    shutil.copytree(BAD, server)
    ldm = server / "ldm-list-l.txt"
    ldm.write_bytes(ldm.read_bytes().replace(b"ldg1 ", b"l\x1b\x01g ", 1).replace(b"ldg1-vol0@", b"l\x1b\x01g@"))
    return server


def test_control_bytes_in_a_domain_name_make_no_control_in_dot(odd_domain, capsys):
    code, out, err = run(capsys, "graph", "--isolated", str(odd_domain))
    assert code == 0, err
    assert not any(ord(c) < 32 and c not in "\n\t" for c in out)


@pytest.mark.skipif(shutil.which("dot") is None, reason="needs Graphviz's dot")
def test_control_bytes_in_a_domain_name_make_well_formed_svg(odd_domain, tmp_path, capsys):
    import xml.dom.minidom

    code, _, err = run(capsys, "graph", "--isolated", "--format", "svg", "-o", str(tmp_path / "g.svg"), str(odd_domain))
    assert code == 0, err
    xml.dom.minidom.parse(str(tmp_path / "g.svg"))


# -- deterministic and location-free --------------------------------------------------------------


def _gitlab_fingerprints(capsys, *argv: str) -> list[str]:
    code, out, err = run(capsys, "check", "--no-cache", "--isolated", "--format", "gitlab", *argv)
    assert code in (1, 2), err
    return sorted(issue["fingerprint"] for issue in json.loads(out))


def test_moving_the_checkout_keeps_every_fingerprint(tmp_path, capsys, monkeypatch):
    """The fixtures, with links out of them, checked by absolute path from two places:
    no message names where the checkout is, so the baseline stays valid."""
    prints = []
    for place in ("a", "b/deeper"):
        repo = tmp_path / place / "repo"
        shutil.copytree(FIXTURES, repo / "fixtures", symlinks=True)
        (repo / "fixtures" / "ipmp101-vnets-share-vswitch" / "ldg1" / "route-get.txt").symlink_to("/proc/self/mem")
        (repo / "outside.txt").write_text("x\n")
        (repo / "fixtures" / "ipmp101-vnets-share-vswitch" / "hosts").symlink_to("../../outside.txt")  # as git keeps it
        ldg1 = repo / "fixtures" / "ipmp101-vnets-share-vswitch" / "ldg1"
        shutil.copy(ldg1 / "ifconfig-a.txt", ldg1 / "etc" / "ifconfig-a.out")  # "a second capture ... as X"
        monkeypatch.chdir(repo)
        prints.append((_gitlab_fingerprints(capsys, str(repo / "fixtures")), _gitlab_fingerprints(capsys, "fixtures")))
    assert prints[0] == prints[1]
    assert prints[0][0] == prints[0][1]  # and the same, given absolute or relative


def test_a_link_to_proc_self_mem_names_no_process(tmp_path, capsys):
    shutil.copytree(BAD, tmp_path / "s")
    (tmp_path / "s" / "ifconfig-a.txt").symlink_to("/proc/self/mem")
    outputs = [run(capsys, "check", "--no-cache", "--format", "json", str(tmp_path / "s"))[1] for _ in range(2)]
    assert outputs[0] == outputs[1] and "/proc/self/mem" in outputs[0]
    assert f"/proc/{os.getpid()}" not in outputs[0]


def test_changed_in_a_tree_holding_an_archive(tmp_path, capsys, monkeypatch):
    import tarfile

    shutil.copytree(BAD, tmp_path / "s1")
    with tarfile.open(tmp_path / "s2.tar.gz", "w:gz") as tar:
        tar.add(CLEAN, arcname="s2")
    monkeypatch.chdir(tmp_path)
    code, out, err = run(capsys, "check", "--no-cache", "--changed", "s1/ldm-list-l.txt")
    assert code == 1 and "s1/ldm-list-l.txt" in out and "s2" not in out, err
    code, out, err = run(capsys, "check", "--no-cache", "--changed", "s2.tar.gz")
    assert code == 0 and "1 server" not in err and "Traceback" not in err, err
    assert "No findings" in out
