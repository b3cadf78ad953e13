"""Run a cosmic-ray session's mutants in forked children, each mutant in memory only.

cosmic-ray's own ``exec`` starts a fresh ``pytest`` per mutant: on the shared 2-core
machine, at ``nice -n 15``, importing pytest, lark, networkx and hypothesis again costs
more CPU than the tests that judge a rule (a fresh run of IPMP203's own tests: 2.2 s
user; the same kind of run in a warmed child: 0.3 s). This runner imports them once,
then forks one child per mutant. The child is served the mutated module by a meta-path
finder, built from cosmic-ray's own mutation of the source (same operators, same
occurrences, same session database, so ``mutation.run --report`` reads the results as
usual); the file on disk is never written. So several runners (``--jobs``, or a second
runner over the same modules from the other end) and ordinary test runs share one tree.

The mutated module is only the one named: a test that runs ipmplint in a subprocess
would see the unmutated file and could not kill the mutant. The tests that judge the
rules and parsers run in process (tests/test_scenarios.py, tests/test_real_world.py,
tests/test_samples.py).

    nice -n 15 .venv/bin/python -m mutation.forked rules/ipmp203_missing_test_address.py
    nice -n 15 .venv/bin/python -m mutation.forked --jobs 2 rules/ipmp2*.py
    nice -n 15 .venv/bin/python -m mutation.forked --survivors --at 76:27,81:49 rules/ipmp212_duplicate_test_address.py

A module's session must exist (``mutation.run`` creates it; ``--init`` here creates it
without running the unmutated tests first, for when they are known to pass).
"""

from __future__ import annotations

import argparse
import importlib
import importlib.machinery
import importlib.util
import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

from mutation import run as runner

#: Imported once in the parent so that no child pays for them again. None of them
#: imports a rule or a parser module by name (checked before each fork).
PRELOAD = (
    "pytest",
    "hypothesis",
    "lark",
    "networkx",
    "attrs",
    "tabulate",
    "jsonschema",
    "ipmplint.model",
    "ipmplint.topology",
    "ipmplint.engine.runner",
)


def warm_parsers() -> None:
    """Import the parsers and compile every grammar once, in the parent: each child
    would otherwise compile them again in its fresh test session (tests/conftest.py
    gives each session an empty grammar cache). Only when no parser is being mutated."""
    import tempfile

    os.environ["IPMPLINT_CACHE_DIR"] = tempfile.mkdtemp(prefix="mutation-grammars-")
    from ipmplint.capture import discovery, loader

    for capture in discovery.discover([str(runner.ROOT / "fixtures")]).roots:
        loader.load(capture)


def module_name(path: str) -> str:
    """The import name of a source file: rules/ live in the package ipmplint.rules."""
    parts = Path(path).with_suffix("").parts
    return ".".join(("ipmplint", *parts)) if parts[0] == "rules" else ".".join(parts)


def mutated_source(path: str, operator_name: str, args: dict, occurrence: int) -> str | None:
    import cosmic_ray.plugins
    from cosmic_ray.mutating import mutate_code
    from cosmic_ray.util import read_python_source

    operator = cosmic_ray.plugins.get_operator(operator_name)(**args)
    return mutate_code(read_python_source(Path(path)), operator, occurrence)


class MutantFinder:
    """Serves the mutated source for one module name, whoever imports it and however
    often (a test may import a rule afresh): the file on disk is never read for it."""

    def __init__(self, name: str, path: Path, source: str) -> None:
        self.name, self.path, self.source = name, path, source

    def find_spec(self, fullname, path=None, target=None):
        if fullname != self.name:
            return None
        loader = MutantLoader(fullname, str(self.path))
        loader.source = self.source
        return importlib.util.spec_from_file_location(fullname, str(self.path), loader=loader)


class MutantLoader(importlib.machinery.SourceFileLoader):
    source = ""

    def get_source(self, fullname):
        return self.source

    def get_code(self, fullname):
        return compile(self.source, self.path, "exec", dont_inherit=True)


class NoGuards:
    """tests/conftest.py guards each session: it stats the whole repository and reads
    every capture byte before and after, to prove no test writes outside temporary
    folders. No verdict on a mutant depends on that, it costs seconds a child, and a
    session file this runner writes meanwhile would fail it and count a survivor as
    killed: the child turns the guards off (pytest's gc of unraisable exceptions, too)."""

    def pytest_sessionstart(self, session) -> None:
        guards = sys.modules.get("conftest")
        if guards is not None:
            guards._stamps = lambda paths, skip=frozenset(): {}
            guards.snapshot = lambda root: {}


def child(path: str, source: str, tests: list[str], timeout: float) -> None:
    """In the forked child: install the mutant, run the tests, exit with pytest's code."""
    signal.alarm(int(timeout))
    sys.meta_path.insert(0, MutantFinder(module_name(path), runner.ROOT / path, source))
    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, 1)
    os.dup2(devnull, 2)
    import pytest

    # the module's own tests first, alone: most mutants die there, before the end-to-end
    # tests are even collected (same verdict as one `pytest -x` over all of them)
    for part in (tests[:1], tests[1:]):
        code = (
            int(
                pytest.main(
                    ["-x", "-q", "-p", "no:cacheprovider", "-p", "no:unraisableexception", *part], plugins=[NoGuards()]
                )
            )
            if part
            else 0
        )
        if code != 0:
            os._exit(code)
    os._exit(0)


def start(path: str, source: str, tests: list[str], timeout: float) -> int:
    name = module_name(path)
    assert name not in sys.modules, f"{name} was imported before the fork: the mutant would not be used"
    pid = os.fork()
    if pid == 0:
        try:
            child(path, source, tests, timeout)
        finally:
            os._exit(70)
    return pid


def pending(path: str) -> list:
    from cosmic_ray.work_db import WorkDB, use_db

    with use_db(str(runner.session(path)[1]), WorkDB.Mode.open) as db:
        return sorted(db.pending_work_items, key=lambda w: w.mutations[0].start_pos)


def record(path: str, job_id: str, status: int, diff: str) -> None:
    from cosmic_ray.work_db import WorkDB, use_db
    from cosmic_ray.work_item import TestOutcome, WorkerOutcome, WorkResult

    if os.WIFEXITED(status) and os.WEXITSTATUS(status) == 0:
        outcome = TestOutcome.SURVIVED
    elif os.WIFEXITED(status) and os.WEXITSTATUS(status) in (1,):
        outcome = TestOutcome.KILLED
    else:  # an error in the mutant itself, a timeout, a crash: caught either way
        outcome = TestOutcome.INCOMPETENT
    with use_db(str(runner.session(path)[1]), WorkDB.Mode.open) as db:
        db.set_result(
            job_id,
            WorkResult(
                worker_outcome=WorkerOutcome.NORMAL, test_outcome=outcome, output=f"forked: status {status}", diff=diff
            ),
        )


def done_elsewhere(path: str, job_id: str) -> bool:
    """Whether another runner on the same session has recorded this mutant meanwhile
    (two runners may share a module list from both ends)."""
    with sqlite3.connect(runner.session(path)[1]) as con:
        return con.execute("SELECT 1 FROM work_results WHERE job_id = ?", (job_id,)).fetchone() is not None


def forget_survivors(path: str, places: set[str]) -> None:
    """Drop the results of the mutants that survived (at ``places``, if any), so that
    they run again."""
    from cosmic_ray.work_db import WorkDB, use_db
    from cosmic_ray.work_item import TestOutcome

    with use_db(str(runner.session(path)[1]), WorkDB.Mode.open) as db:
        survived = [
            item.job_id
            for item, result in db.completed_work_items
            if result.test_outcome == TestOutcome.SURVIVED
            and (not places or f"{item.mutations[0].start_pos[0]}:{item.mutations[0].start_pos[1]}" in places)
        ]
    with sqlite3.connect(runner.session(path)[1]) as con:
        con.executemany("DELETE FROM work_results WHERE job_id = ?", [(j,) for j in survived])


def init(path: str, conf: dict) -> None:
    cfg, db = runner.session(path)
    runner.WORK.mkdir(exist_ok=True)
    cfg.write_text(runner.config_text(path, runner.tests_for(path, conf), conf))
    if not db.exists():
        cr = str(Path(sys.executable).parent / "cosmic-ray")
        subprocess.run([cr, "init", str(cfg), str(db)], cwd=runner.ROOT, check=True)


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("modules", nargs="+")
    ap.add_argument("--jobs", type=int, default=1, help="children at once (default 1)")
    ap.add_argument("--init", action="store_true", help="create missing sessions without a baseline run")
    ap.add_argument(
        "--survivors", action="store_true", help="run again the mutants that survived (after tests were added for them)"
    )
    ap.add_argument("--at", default="", help="only the mutants at these places, as 86:12,92:28")
    args = ap.parse_args(argv)
    os.chdir(runner.ROOT)
    conf = runner.settings()
    for lib in PRELOAD:
        importlib.import_module(lib)
    if all(path.startswith("rules/") for path in args.modules):
        warm_parsers()
    queue = []
    for path in args.modules:
        if args.init:
            init(path, conf)
        places = set(filter(None, args.at.split(",")))
        if args.survivors:
            forget_survivors(path, places)
        tests = runner.tests_for(path, conf)
        for item in pending(path):
            m = item.mutations[0]
            if not places or f"{m.start_pos[0]}:{m.start_pos[1]}" in places:
                queue.append((path, tests, item.job_id, m))
    running: dict[int, tuple] = {}
    done = 0
    while queue or running:
        while queue and len(running) < args.jobs:
            path, tests, job_id, m = queue.pop(0)
            if done_elsewhere(path, job_id):
                continue
            source = mutated_source(path, m.operator_name, m.operator_args, m.occurrence)
            if source is None:
                record(path, job_id, 0x7F00, "no mutation")  # nothing to test: counts as caught
                continue
            pid = start(path, source, tests, float(conf["timeout"]))
            running[pid] = (path, job_id, m, time.monotonic())
        pid, status = os.wait()
        path, job_id, m, t0 = running.pop(pid)
        record(path, job_id, status, f"{m.start_pos[0]}:{m.start_pos[1]} {m.operator_name}")
        done += 1
        verdict = "survived" if os.WIFEXITED(status) and os.WEXITSTATUS(status) == 0 else "killed"
        print(
            f"{path} {m.start_pos[0]}:{m.start_pos[1]} {m.operator_name} #{m.occurrence}: {verdict}"
            f" ({time.monotonic() - t0:.0f} s, {len(queue)} left)",
            flush=True,
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
