"""Daily-use figures: every report format at scale, and the pre-commit hook on a big
captures repository. Run by hand (never from the test suite), from the repository root:

    .venv/bin/python benchmarks/daily.py                    # 1,000 and 10,000 servers
    .venv/bin/python benchmarks/daily.py --sizes 100,1000   # smaller, quicker

It reuses bench.py's fleets (``make_fleet.py``; 10,000 servers × 10 domains is about
800 MB under ``--fleet-dir``: the free space is checked first) and prints, with the
load average at the start and at the end:

- **formats**: for each fleet size, each ``--format``'s wall time with a warm cache
  (the reports come from the cache, so what is left is discovery, the cache look-ups
  and the format itself), its ratio to the floor of the same run (a fresh interpreter
  that reads and splits every file of the fleet, as in bench.py), and the ratio of the
  largest size to the smallest next to the ratio of their sizes: a format linear in
  fleet size keeps the two close;
- **pre-commit**: ``check --changed`` on one changed capture file in a repository of
  each size, against ``check`` of that one server (the target: within 2×), and a change
  that touches no capture (a README), which should cost next to nothing.
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Optional

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

import bench  # noqa: E402  (the fleets, the floor and the timing helpers)

#: The hook's target: ``--changed`` on one server within this factor of ``check`` of it.
TARGET_CHANGED = 2.0
#: Bytes one server of the generated fleet takes on disk, with some room (for the check).
BYTES_PER_SERVER = 100_000


def load() -> str:
    one, five, fifteen = os.getloadavg()
    return f"load average {one:.2f}, {five:.2f}, {fifteen:.2f}"


def formats() -> list[str]:
    sys.path.insert(0, str(bench.ROOT))
    from ipmplint.reporters import FORMATS

    return [f for f in FORMATS if f != "html"] + (["html"] if "html" in FORMATS else [])


def timed(cmd: list[str], env: dict, cwd: Optional[Path] = None, repeat: int = 1) -> float:
    best = float("inf")
    for _ in range(repeat):
        t0 = time.perf_counter()
        done = subprocess.run(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env=env, cwd=cwd)
        best = min(best, time.perf_counter() - t0)
        if done.returncode not in (0, 1):
            sys.exit(
                f"daily: {' '.join(cmd)} failed ({done.returncode}):\n{done.stderr.decode(errors='replace')[-2000:]}"
            )
    return best


def format_rows(sizes: list[int], fleets: dict[int, Path], repeat: int) -> None:
    exe = bench.console_script()
    print(f"\n## every format, warm cache ({load()})\n")
    print("| servers | floor s | " + " | ".join(f"{f} s (×floor)" for f in formats()) + " |")
    print("|---|---|" + "---|" * len(formats()))
    results: dict[int, dict[str, float]] = {}
    for size in sizes:
        path = fleets[size]
        cache = Path(tempfile.mkdtemp(prefix="ipmplint-daily-cache-"))
        env = {
            **os.environ,
            "IPMPLINT_CACHE_DIR": str(cache),
            "XDG_CACHE_HOME": str(cache),
            # the cache's default bound (256 MB) holds about 3,500 servers (70 KB each): a larger
            # fleet's warm run would check most servers again
            "IPMPLINT_CACHE_MAX_BYTES": str(64 << 30),
        }
        timed([exe, "check", str(path)], env)  # fill the cache
        floor = bench.best(repeat, [sys.executable, bench.__file__, "--floor-child", str(path), str(bench.cores())])
        row = {fmt: timed([exe, "check", "--format", fmt, str(path)], env, repeat=repeat) for fmt in formats()}
        results[size] = row
        cells = " | ".join(f"{row[f]:.2f} ({bench.ratio(row[f], floor)})" for f in formats())
        print(f"| {size:,} | {floor:.2f} | {cells} |", flush=True)
        shutil.rmtree(cache, ignore_errors=True)
    if len(sizes) > 1:
        small, large = sizes[0], sizes[-1]
        grow = " | ".join(f"×{results[large][f] / results[small][f]:.1f}" for f in formats())
        print(f"| growth {small:,} → {large:,} (size ×{large / small:.0f}) | | {grow} |")


def changed_rows(sizes: list[int], fleets: dict[int, Path], repeat: int) -> None:
    exe = bench.console_script()
    print(f"\n## pre-commit: check --changed ({load()})\n")
    print(
        "| servers in the repository | check one server s | --changed one file s | ×check | target "
        "| --changed README s |"
    )
    print("|---|---|---|---|---|---|")
    for size in sizes:
        repo = fleets[size]
        server = sorted(p for p in repo.iterdir() if p.is_dir())[0]
        changed = next(p for p in sorted(server.rglob("*.txt")))
        readme = repo / "README.md"
        if not readme.exists():
            readme.write_text("A captures repository.\n")
        cache = Path(tempfile.mkdtemp(prefix="ipmplint-daily-cache-"))
        env = {**os.environ, "IPMPLINT_CACHE_DIR": str(cache), "XDG_CACHE_HOME": str(cache)}
        timed([exe, "check", os.path.relpath(server, repo)], env, cwd=repo)  # warm: a hook's usual case
        one = timed([exe, "check", os.path.relpath(server, repo)], env, cwd=repo, repeat=repeat)
        hook = timed([exe, "check", "--changed", os.path.relpath(changed, repo)], env, cwd=repo, repeat=repeat)
        none = timed([exe, "check", "--changed", "README.md"], env, cwd=repo, repeat=repeat)
        print(
            f"| {size:,} | {one:.2f} | {hook:.2f} | ×{hook / one:.2f} | "
            f"{bench.verdict(hook <= TARGET_CHANGED * one)} | {none:.2f} |",
            flush=True,
        )
        shutil.rmtree(cache, ignore_errors=True)


def main(argv: Optional[list[str]] = None) -> int:
    ap = argparse.ArgumentParser(description="ipmplint daily-use benchmark (run by hand)")
    ap.add_argument("--fleet-dir", type=Path, default=Path(tempfile.gettempdir()) / "ipmplint-bench")
    ap.add_argument("--sizes", default="1000,10000", help="fleet sizes in servers (default 1000,10000)")
    ap.add_argument("--domains", type=int, default=10)
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument("--repeat", type=int, default=1, help="runs per figure; the best is kept (default 1)")
    ap.add_argument("--skip", default="", help="comma-separated parts to skip: formats, changed")
    args = ap.parse_args(argv)
    sizes = sorted(int(s) for s in args.sizes.split(","))
    args.fleet_dir.mkdir(parents=True, exist_ok=True)
    need = sum(BYTES_PER_SERVER * s for s in sizes)
    free = shutil.disk_usage(args.fleet_dir).free
    if free < need:
        sys.exit(
            f"daily: the fleets need about {need / 1e9:.1f} GB under {args.fleet_dir}; {free / 1e9:.1f} GB are free"
        )
    bench.PYCACHE = str(args.fleet_dir / "pycache")
    print(f"# ipmplint daily-use benchmark, {bench.cores()} cores, {load()}")
    fleets = {s: bench.fleet_dir(args.fleet_dir, s, args.domains, args.seed) for s in sizes}
    skip = set(args.skip.split(","))
    if "formats" not in skip:
        format_rows(sizes, fleets, args.repeat)
    if "changed" not in skip:
        changed_rows(sizes, fleets, args.repeat)
    print(f"\n({load()} at the end)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
