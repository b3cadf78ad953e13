"""``ipmplint.engine.fleet`` and ``--jobs``: the same reports, in the same order, in the same
bytes, whether the servers are checked in this process, in forked or in spawned
workers; and start-up imports only what the run uses."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest
from testpaths import FIXTURES, REPO

from ipmplint import cli
from ipmplint.capture import discovery
from ipmplint.engine import cache, fleet, root_cache
from ipmplint.rules import builtin

ROOTS = discovery.discover([str(FIXTURES)]).roots


def run(capsys, *args: str) -> tuple[int, str, str]:
    code = cli.main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


def test_reports_are_the_same_whatever_the_number_of_jobs():
    one = list(fleet.check(ROOTS, builtin(), jobs=1, use_cache=False))
    assert [c.report.path for c in one] == [r.display for r in ROOTS]
    for jobs in (2, 3):
        assert list(fleet.check(ROOTS, builtin(), jobs=jobs, use_cache=False)) == one


def test_spawned_workers_give_the_same_reports(monkeypatch):
    roots = ROOTS[:4]
    expected = list(fleet.check(roots, builtin(), jobs=1, use_cache=False))
    monkeypatch.setattr(fleet, "_fork_ok", lambda: False)
    assert list(fleet.check(roots, builtin(), jobs=2, use_cache=False)) == expected


@pytest.mark.parametrize("fmt", ["text", "sarif"])
def test_output_bytes_do_not_depend_on_jobs(capsys, fmt):
    outputs = {
        jobs: run(capsys, "check", "--no-cache", "--jobs", jobs, "--format", fmt, str(FIXTURES)) for jobs in ("1", "2")
    }
    assert outputs["1"] == outputs["2"]
    assert outputs["1"][0] == 1 and outputs["1"][1]


def test_verbose_notes_come_in_server_order_whatever_the_jobs(capsys):
    one = run(capsys, "check", "--no-cache", "--verbose", "--jobs", "1", str(FIXTURES))
    two = run(capsys, "check", "--no-cache", "--verbose", "--jobs", "2", str(FIXTURES))
    assert one == two
    assert "fig-7-3-two-vsw-one-service-domain: LDoms release 1.2 (inferred: ldm list has no LINKPROP column" in one[2]


@pytest.mark.parametrize("value", ["0", "-1", "two"])
def test_jobs_must_be_a_positive_number(capsys, value):
    with pytest.raises(SystemExit) as exc:
        cli.main(["check", "--jobs", value, str(FIXTURES)])
    assert exc.value.code == 2 and "number of processes" in capsys.readouterr().err


def test_one_root_is_checked_in_this_process(monkeypatch):
    def no_pool(*args, **kwargs):
        raise AssertionError("a worker pool for one server")

    monkeypatch.setattr("multiprocessing.get_context", no_pool)
    (checked,) = fleet.check(ROOTS[:1], builtin(), jobs=8, use_cache=False)
    assert checked.report.path == ROOTS[0].display


def test_default_jobs_is_every_usable_core():
    assert 1 <= fleet.default_jobs() <= (os.cpu_count() or 1)


# -- start-up: what each command imports -----------------------------------------------------


def imported(*args: str, env: dict | None = None) -> set[str]:
    proc = subprocess.run(
        [sys.executable, "-X", "importtime", "-m", "ipmplint", *args],
        capture_output=True,
        text=True,
        cwd=REPO,
        env={**os.environ, **(env or {})},
    )
    assert proc.returncode in (0, 1), proc.stderr[-2000:]
    return {line.split("|")[-1].strip() for line in proc.stderr.splitlines() if line.startswith("import time:")}


def test_version_imports_nothing_heavy():
    modules = imported("--version")
    assert not {"lark", "networkx", "tabulate", "attrs", "ipmplint.model", "multiprocessing"} & modules


def test_a_machine_format_of_one_server_needs_no_tabulate_and_no_pool(private_cache):
    one = str(FIXTURES / "fig-7-3-two-vsw-one-service-domain")
    cold = imported("check", "--format", "json", one)
    assert {"lark", "ipmplint.topology"} <= cold  # parsed, and a topology built...
    assert "networkx" not in cold  # ...which no rule searches: networkx only draws it
    assert not {"tabulate", "multiprocessing", "multiprocessing.pool"} & cold
    warm = imported("check", "--format", "json", one)
    assert not {"lark", "networkx", "tabulate"} & warm  # the report came from the cache


def test_rules_from_a_rule_path_keep_a_spawned_run_in_this_process(monkeypatch, capsys):
    from ipmplint.engine import plugins

    monkeypatch.setattr(fleet, "_fork_ok", lambda: False)
    loaded = plugins.load_rules([str(REPO / "tests" / "plugin_data" / "site-rules")], entry_points=False)
    run = fleet._Run(loaded.rules, None, 1 << 20, False)
    assert not fleet._can_fan_out(run)
    assert fleet._can_fan_out(fleet._Run(builtin(), None, 1 << 20, False))
    monkeypatch.setattr("multiprocessing.get_context", None)  # never reached
    try:
        assert len(list(fleet.check(ROOTS[:2], loaded.rules, jobs=2, use_cache=False))) == 2
    finally:
        for name in [n for n in sys.modules if n.startswith(plugins._RULE_PATH_PACKAGE)]:
            del sys.modules[name]


def test_a_report_found_by_content_needs_no_parser(private_cache, tmp_path):
    """A fresh checkout (new inodes and times: the index cannot vouch for the files) of
    unchanged captures: the files are read and hashed, and the report comes from the
    cache without importing lark or networkx."""
    import shutil

    one = str(FIXTURES / "fig-7-3-two-vsw-one-service-domain")
    imported("check", "--format", "json", one)
    copy = tmp_path / "copy"
    shutil.copytree(private_cache, copy, symlinks=True)
    for index in (copy / "roots").glob("*.index"):
        stats, reports, _ = cache.read(index, root_cache.INDEX_FORMAT)
        cache.write(index, root_cache.INDEX_FORMAT, (cache.dumps({}), reports, {}))  # no file signatures
    again = imported("check", "--format", "json", one, env={"IPMPLINT_CACHE_DIR": str(copy)})
    assert not {"lark", "networkx"} & again


def test_archives_among_folders_are_checked_here_in_their_place(tmp_path):
    """An archive's members live in this process's memory: its servers are checked here
    while the workers check the folders, and every report keeps its place."""
    import shutil
    import tarfile

    from ipmplint.capture.roots import packable

    fleet_dir = tmp_path / "fleet"
    fleet_dir.mkdir()
    names = sorted(p.name for p in FIXTURES.iterdir() if (p / "ldm-list-l.txt").is_file())[:5]
    for i, name in enumerate(names):
        if i % 2:
            with tarfile.open(fleet_dir / f"{name}.tar.gz", "w:gz") as tar:
                tar.add(FIXTURES / name, arcname=name)
        else:
            shutil.copytree(FIXTURES / name, fleet_dir / name)
    roots = discovery.discover([str(fleet_dir)]).roots
    assert len(roots) == 5 and [packable(r) for r in roots] == [True, False, True, False, True]
    expected = list(fleet.check(roots, builtin(), jobs=1, use_cache=False))
    assert list(fleet.check(iter(roots), builtin(), jobs=2, use_cache=False)) == expected


def test_more_roots_than_the_window_come_back_in_order(monkeypatch):
    monkeypatch.setattr(fleet, "WINDOW_PER_WORKER", 2)
    monkeypatch.setattr(fleet, "CHUNK", 3)
    one = list(fleet.check(ROOTS, builtin(), jobs=1, use_cache=False))
    assert list(fleet.check(iter(ROOTS), builtin(), jobs=2, use_cache=False)) == one


def test_chunks_start_at_one_root_a_worker_and_double_up_to_the_bound():
    assert [fleet._chunk_size(handed, 2) for handed in range(10)] == [1, 1, 2, 2, 4, 4, 8, 8, 8, 8]
    assert fleet._chunk_size(10**6, 3) == fleet.CHUNK


def test_cache_answers_and_workers_reports_interleave_in_order(private_cache, monkeypatch):
    """Every other root answered by the cache, the rest by workers: each in its place."""
    monkeypatch.setattr(fleet, "WINDOW_PER_WORKER", 3)
    expected = list(fleet.check(ROOTS, builtin(), jobs=1, use_cache=False))
    list(fleet.check(ROOTS[::2], builtin(), jobs=1))  # fills the cache for half of them
    assert list(fleet.check(iter(ROOTS), builtin(), jobs=2)) == expected
