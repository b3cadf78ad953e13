"""How long ``ipmplint simulate`` takes on a fleet, against ``ipmplint check`` on the
same fleet in the same run. Run by hand (never from the test suite), from the
repository root:

    .venv/bin/python benchmarks/simulate.py                  # 1,000 servers
    .venv/bin/python benchmarks/simulate.py --sizes 100 --repeat 1

It reuses bench.py's fleets (``make_fleet.py``) and helpers and prints, with the load
average at the start and at the end, for each fleet size the best wall time of the
console script (report to /dev/null) for ``check --no-cache`` (parse and rules, no
cache: simulate keeps none) and ``simulate`` (parse, rules and every single failure),
and with ``--pairs`` also ``simulate --pairs`` (every pair of failures: many more
scenarios), each with its CPU time, its peak memory (PSS of the process tree, sampled
as bench.py does) and its ratio to ``check``. The runs alternate, so a load that
changes during the run weighs on both. Target (issue 14): ``simulate`` at most 2×
``check``.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
from pathlib import Path
from typing import Optional

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

import bench  # noqa: E402  (bench.py beside this file)

TARGET_RATIO = 2.0


def figures(path: Path, jobs: int, repeat: int, pairs: bool) -> dict[str, tuple[float, float, float]]:
    """Best wall time, its CPU time and the peak PSS (MB) per command, the commands
    alternating."""
    exe = bench.console_script()
    jobs_arg = ["--jobs", str(jobs)] if jobs else []
    commands = {
        "check": [exe, "check", "--no-cache", "--isolated", *jobs_arg, str(path)],
        "simulate": [exe, "simulate", "--isolated", *jobs_arg, str(path)],
    }
    if pairs:
        commands["simulate --pairs"] = [exe, "simulate", "--pairs", "--isolated", *jobs_arg, str(path)]
    bench.run(commands["check"])  # files in the page cache, grammars compiled
    best: dict[str, tuple[float, float, float]] = {}
    for _ in range(repeat):
        for name, cmd in commands.items():
            wall, (_, pss), _ = bench.run(cmd, watch=True)
            if name not in best or wall < best[name][0]:
                best[name] = (wall, bench.CPU[-1], pss / 1024)
    return best


def main(argv: Optional[list[str]] = None) -> int:
    ap = argparse.ArgumentParser(description="ipmplint simulate benchmark (run by hand)")
    ap.add_argument("--fleet-dir", type=Path, default=Path(tempfile.gettempdir()) / "ipmplint-bench")
    ap.add_argument("--sizes", default="1000", help="fleet sizes in servers (default 1000)")
    ap.add_argument("--domains", type=int, default=10)
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument("--jobs", type=int, default=0, help="--jobs for ipmplint (default: its own default)")
    ap.add_argument("--repeat", type=int, default=3, help="runs per figure; the best is kept (default 3)")
    ap.add_argument("--pairs", action="store_true", help="time simulate --pairs as well")
    args = ap.parse_args(argv)
    args.fleet_dir.mkdir(parents=True, exist_ok=True)
    bench.PYCACHE = str(args.fleet_dir / "pycache")
    print(
        f"ipmplint simulate benchmark: {os.cpu_count()} cores, load average {os.getloadavg()[0]:.2f} at start, "
        f"best of {args.repeat}; python {sys.version.split()[0]}"
    )
    print(f"{'servers':>8} {'command':<18} {'wall s':>8} {'cpu s':>8} {'PSS MB':>7} {'vs check':>9}", flush=True)
    for n in [int(s) for s in args.sizes.split(",") if s]:
        path = bench.fleet_dir(args.fleet_dir, n, args.domains, args.seed)
        found = figures(path, args.jobs, args.repeat, args.pairs)
        check_wall = found["check"][0]
        for name, (wall, cpu, pss) in found.items():
            note = ""
            if name == "simulate":
                note = f"  target <= {TARGET_RATIO:g}x check: {bench.verdict(wall <= TARGET_RATIO * check_wall)}"
            print(
                f"{n:>8} {name:<18} {wall:>8.2f} {cpu:>8.1f} {pss:>7.0f} {bench.ratio(wall, check_wall):>9}{note}",
                flush=True,
            )
    print(f"load average {os.getloadavg()[0]:.2f} at the end")
    return 0


if __name__ == "__main__":
    sys.exit(main())
