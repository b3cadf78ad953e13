"""Mutation testing of the rules and parsers, one module at a time (docs/testing.md).

The suite proves the code right only if a wrong verdict makes it fail. This runner asks
cosmic-ray to plant small bugs (mutants) in one module at a time, runs only the tests
that judge that module (``[tool.ipmplint-mutation]`` in pyproject.toml), and prints the
share of mutants the tests kill and the ones that survive.

Not part of the default suite: a module takes minutes to hours on a shared machine.
cosmic-ray writes each mutant into the file on disk and restores it, so run it in a
tree nobody else tests in at the same time.

    nice .venv/bin/python -m mutation.run rules/ipmp106_vlan_mismatch.py
    nice .venv/bin/python -m mutation.run --family rules       # every rules/*.py
    nice .venv/bin/python -m mutation.run --sample 4 ipmplint/parsers/ldm_long.py  # 1 in 4
    .venv/bin/python -m mutation.run --report rules/ipmp106_vlan_mismatch.py
"""

from __future__ import annotations

import argparse
import glob
import json
import subprocess
import sys
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
#: Sessions and generated configs; resumable: a second run executes what is left.
WORK = ROOT / ".mutation"


def settings() -> dict:
    return tomllib.loads((ROOT / "pyproject.toml").read_text())["tool"]["ipmplint-mutation"]


def tests_for(module: str, conf: dict) -> list[str]:
    """The test files that judge ``module``: every pattern of every matching glob, with
    ``{stem}`` (ipmp106_vlan_mismatch) and ``{id}`` (ipmp106) filled in."""
    path = Path(module)
    fields = {"stem": path.stem, "id": path.stem.split("_", 1)[0]}
    found: list[str] = []
    for pattern, selections in conf["tests"].items():
        if path.match(pattern):  # '*' stays within one folder
            for sel in selections:
                for hit in sorted(glob.glob(sel.format(**fields), root_dir=ROOT)):
                    if hit not in found:
                        found.append(hit)
    return found


def family(name: str, conf: dict) -> list[str]:
    return sorted(
        {
            str(p.relative_to(ROOT))
            for pattern in conf["families"][name]
            for p in ROOT.glob(pattern)
            if p.name != "__init__.py"
        }
    )


def test_command(tests: list[str]) -> list[str]:
    return [sys.executable, "-m", "pytest", "-x", "-q", "-p", "no:cacheprovider", *tests]


def config_text(module: str, tests: list[str], conf: dict) -> str:
    command = test_command(tests)
    return "\n".join(
        [
            "[cosmic-ray]",
            f"module-path = {json.dumps(module)}",
            f"timeout = {float(conf['timeout'])}",
            "excluded-modules = []",
            f"test-command = {json.dumps(' '.join(command))}",
            "",
            "[cosmic-ray.distributor]",
            'name = "local"',
            "",
        ]
    )


def session(module: str) -> tuple[Path, Path]:
    stem = module.replace("/", "__").removesuffix(".py")
    return WORK / f"{stem}.toml", WORK / f"{stem}.sqlite"


def sample(db: Path, every: int) -> None:
    """Keep every ``every``-th mutant of a new session, in source order (line, column,
    operator, occurrence), and mark the others skipped: a big module measured in
    minutes instead of hours, with its survivors spread over the whole file. The
    score then counts only the sample (``score`` leaves skipped mutants out)."""
    from cosmic_ray.work_db import WorkDB, use_db
    from cosmic_ray.work_item import WorkerOutcome, WorkResult

    with use_db(str(db), WorkDB.Mode.open) as work:
        items = sorted(
            work.work_items, key=lambda item: min((m.start_pos, m.operator_name, m.occurrence) for m in item.mutations)
        )
        left_out = [item.job_id for n, item in enumerate(items) if n % every]
        work.set_multiple_results(left_out, WorkResult(worker_outcome=WorkerOutcome.SKIPPED))


def run(module: str, conf: dict, every: int = 1, baseline: bool = True) -> None:
    tests = tests_for(module, conf)
    if not tests:
        raise SystemExit(f"{module}: no tests selected in [tool.ipmplint-mutation.tests]")
    cfg, db = session(module)
    WORK.mkdir(exist_ok=True)
    cfg.write_text(config_text(module, tests, conf))
    cr = [str(Path(sys.executable).parent / "cosmic-ray")]
    if not db.exists():
        # unmutated, the tests must pass, or every mutant would count as killed
        if baseline and subprocess.run(test_command(tests), cwd=ROOT, capture_output=True).returncode != 0:
            raise SystemExit(f"{module}: its tests fail without any mutant; fix them first")
        subprocess.run(cr + ["init", str(cfg), str(db)], cwd=ROOT, check=True)
        if every > 1:
            sample(db, every)
    subprocess.run(cr + ["exec", str(cfg), str(db)], cwd=ROOT, check=True)


def score(module: str) -> tuple[int, int, int, int, list[str]]:
    """(killed, survived, pending, left out of the sample, survivors as 'line:col
    operator') of a session."""
    _, db = session(module)
    dump = subprocess.run(
        [str(Path(sys.executable).parent / "cosmic-ray"), "dump", str(db)],
        cwd=ROOT,
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    killed = survived = pending = left_out = 0
    survivors = []
    for line in dump.splitlines():
        item, result = json.loads(line)
        if result is None:
            pending += 1
        elif result.get("worker_outcome") == "skipped":
            left_out += 1
        elif result.get("test_outcome") == "survived":
            survived += 1
            m = item["mutations"][0]
            survivors.append(
                f"{m['start_pos'][0]}:{m['start_pos'][1]} {m['operator_name']} (occurrence {m['occurrence']})"
            )
        else:
            killed += 1  # killed, or incompetent (the mutant cannot even run): caught either way
    return (
        killed,
        survived,
        pending,
        left_out,
        sorted(survivors, key=lambda s: tuple(map(int, s.split()[0].split(":")))),
    )


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("modules", nargs="*", help="module files, as rules/ipmp106_vlan_mismatch.py")
    ap.add_argument("--family", help="every module of a family in [tool.ipmplint-mutation.families]")
    ap.add_argument("--report", action="store_true", help="only print the scores of existing sessions")
    ap.add_argument(
        "--sample",
        type=int,
        default=1,
        metavar="K",
        help="a new session tests only every K-th mutant in source order (default: all)",
    )
    ap.add_argument(
        "--no-baseline",
        action="store_true",
        help="skip the unmutated run of each module's tests (the suite was just seen green)",
    )
    args = ap.parse_args(argv)
    conf = settings()
    modules = list(args.modules) + (family(args.family, conf) if args.family else [])
    if not modules:
        ap.error("name modules or a --family")
    total_k = total_s = 0
    for module in modules:
        if not args.report:
            run(module, conf, args.sample, not args.no_baseline)
        if not session(module)[1].exists():
            print(f"{module}: no session")
            continue
        k, s, p, out, survivors = score(module)
        total_k, total_s = total_k + k, total_s + s
        pct = 100.0 * k / (k + s) if k + s else 0.0
        print(
            f"{module}: {pct:.1f}% killed ({k} killed, {s} survived{f', {p} pending' if p else ''}"
            f"{f'; a sample of {k + s + p} of {k + s + p + out} mutants' if out else ''})"
        )
        for where in survivors:
            print(f"    survived {where}")
    if total_k + total_s:
        print(f"overall: {100.0 * total_k / (total_k + total_s):.1f}% killed ({total_k}/{total_k + total_s})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
