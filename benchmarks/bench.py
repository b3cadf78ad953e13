"""How fast ``ipmplint check`` reads a fleet, against a floor measured in the same run.

Run by hand (never from the test suite), from the repository root:

    .venv/bin/python benchmarks/bench.py                      # 10, 100 and 1,000 servers
    .venv/bin/python benchmarks/bench.py --sizes 10,100 --repeat 1
    .venv/bin/python benchmarks/bench.py --sizes 10000 --repeat 1 --skip one,throughput   # ~800 MB of captures
    .venv/bin/python benchmarks/bench.py --skip fleet,one,throughput   # the hostile inputs only

It builds the fleets once with ``make_fleet.py`` (``--fleet-dir``, default
``$TMPDIR/ipmplint-bench``; 1,000 servers × 10 domains ≈ 80 MB) and prints:

- for each fleet size, the wall time of the console script (``ipmplint check FLEET``,
  report to /dev/null) **cold** (``--no-cache``), **fill** (an empty cache folder, which
  the run fills) and **warm** (the filled cache); the peak memory of the cold run,
  sampled from /proc every 200 ms (reading smaps more often slows the run down): the
  largest sum of the proportional set sizes (PSS) of ipmplint and its workers (the
  memory the run takes from the machine: a page a forked worker shares with its parent
  counts once), the same for the resident sets (RSS, which counts shared pages in every
  process), and the largest single process (``getrusage(RUSAGE_CHILDREN).ru_maxrss``);
  and the CPU time (user + system, ipmplint and its workers) of the cold and the warm
  run, which a busy machine inflates less than it does wall times; the warm run's peak
  PSS; the cache's size per server after the warm run (what ``$IPMPLINT_CACHE_MAX_BYTES``
  must hold); and the load average (1 minute) when the row was measured. A 10,000-server
  row (``--sizes 1000,10000``; about 800 MB of captures, 3.5 GB on disk with 4 kB
  blocks: check ``df`` first) shows whether memory stays flat in fleet size;
- for the largest fleet (``--shard-sizes``), the same cold run split in N shards
  (``--shards``, default 2 and 4): each shard's wall time and ``ipmplint merge``'s,
  so the time a CI matrix of N machines takes (the slowest shard plus the merge), and
  a check that the merged report is the whole run's, byte for byte;
- one server's wall time from the console script, cold (``--no-cache``) and warm (a
  pre-commit run over an unchanged capture);

The compiled grammars are in the cache folder for every figure (they are compiled once
per ipmplint version); the capture files are in the page cache (one run first); the
children run with bytecode, as an installed package has it (``PYTHONPYCACHEPREFIX``
under ``--fleet-dir``, so nothing is written into the source tree).
- the html report (``check --format html -o PAGE``, issue 17) of each fleet size: its
  write time cold and warm (Graphviz draws every picture again either way), the page's
  size, and, when Playwright and Chromium are installed, the page opened in Chromium:
  seconds until its script has run (interactive), the CPU seconds its renderer
  processes spent for that (about the wall time on an idle core: a figure a busy
  machine does not inflate), and the milliseconds a
  severity filter, a text search and opening the last server take;
- the hostile inputs of issue 15 (``hostile_inputs.py``): each one's wall time against
  its bound, and the largest process's peak memory;
- each format's parse throughput in MB/s on one core (``time.process_time`` in this
  process, over every file of that format in the 100-server fleet).

Each figure has its **floor** beside it, measured in the same run: the same bytes read
and split into lines by the same process model (a fresh interpreter that walks the
fleet and reads every file, with as many worker processes as ipmplint uses), and the
ratio to it. The targets (issue 18) are printed with each figure.
"""

from __future__ import annotations

import argparse
import concurrent.futures
import multiprocessing
import os
import resource
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path
from typing import Optional

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(HERE))

#: Targets of issue 18 (2-core machine): ratios to the floor measured in the same run.
TARGET_COLD_RATIO = 6.0
TARGET_WARM_RATIO = 1.0
TARGET_ONE_SERVER = 0.30
TARGET_ONE_SERVER_RATIO = 4.0
TARGET_US_PER_FILE = 40.0
TARGET_PEAK_MB = 300.0
#: The formats issue 18 calls small files (target: microseconds per file).
SMALL_FORMATS = (
    "hostname",
    "dladm-show-phys",
    "ipmpstat-g",
    "ipmpstat-i",
    "ipmpstat-t",
    "ipadm-show-addr",
    "ipadm-show-if",
    "static-routes",
)
#: Target of issue 17: the html page of 1,000 servers answers within this, in Chromium.
TARGET_INTERACTIVE_1000 = 2.0


# -- the floor: a fresh interpreter that reads and splits the same bytes ----------------------


def _floor_root(paths: list[str]) -> int:
    lines = 0
    for p in paths:
        with open(p, "rb") as fh:
            lines += len(fh.read().decode("utf-8", errors="replace").split("\n"))
    return lines


def _floor_child(fleet: str, jobs: int) -> None:
    """``bench.py --floor-child FLEET JOBS``: list every capture root's files (one root
    per server folder, or FLEET itself), then read them, in-process or in JOBS workers."""
    top = Path(fleet)
    if (top / "ldm-list-l.txt").exists():
        roots = [top]
    else:
        roots = sorted(p for p in top.iterdir() if p.is_dir())
    groups = [[os.path.join(d, f) for d, _, names in os.walk(r) for f in sorted(names)] for r in roots]
    if jobs <= 1 or len(groups) <= 1:
        total = sum(_floor_root(g) for g in groups)
    else:
        ctx = multiprocessing.get_context("fork" if sys.platform == "linux" else "spawn")
        with concurrent.futures.ProcessPoolExecutor(jobs, mp_context=ctx) as pool:
            total = sum(pool.map(_floor_root, groups, chunksize=max(1, len(groups) // (jobs * 8))))
    print(total)


# -- running a child and watching its memory -------------------------------------------------


def _stat(pid: int) -> str:
    """``/proc/PID/stat``, or "" when the process is gone."""
    try:
        with open(f"/proc/{pid}/stat") as fh:
            return fh.read()
    except OSError:
        return ""


def _descendants(pid: int) -> list[int]:
    """Every process below ``pid`` (children, theirs, ...), from /proc."""
    children: dict[int, list[int]] = {}
    for entry in filter(str.isdigit, os.listdir("/proc")):
        stat = _stat(int(entry))
        if stat:
            children.setdefault(int(stat[stat.rindex(")") + 2 :].split()[1]), []).append(int(entry))
    found, todo = [], list(children.get(pid, ()))
    while todo:
        p = todo.pop()
        found.append(p)
        todo.extend(children.get(p, ()))
    return found


def _tree_memory_kb(pid: int) -> tuple[int, int]:
    """The resident set (RSS) and proportional set (PSS: a page shared by n processes,
    such as what a forked worker still shares with its parent, counts 1/n in each) of a
    process and its descendants, in kB, from /proc."""
    rss = pss = 0
    for p in [pid, *_descendants(pid)]:
        try:
            with open(f"/proc/{p}/smaps_rollup") as fh:
                for line in fh:
                    if line.startswith("Rss:"):
                        rss += int(line.split()[1])
                    elif line.startswith("Pss:"):
                        pss += int(line.split()[1])
        except OSError:
            pass
    return rss, pss


#: CPU seconds (user + system, the run and its workers) of each run, in order.
CPU: list[float] = []

#: Bytecode for the children, as an installed package has it (pip compiles it), without
#: writing __pycache__ into the source tree; set in main().
PYCACHE: Optional[str] = None


def run(cmd: list[str], env: Optional[dict] = None, watch: bool = False) -> tuple[float, tuple[int, int], int]:
    """Wall seconds, peak tree (RSS, PSS) in kB ((0, 0) unless watched), and the exit code."""
    env = dict(os.environ if env is None else env)
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    if PYCACHE:
        env["PYTHONPYCACHEPREFIX"] = PYCACHE
    peak = [(0, 0)]
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    t0 = time.perf_counter()
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env=env)
    stop = threading.Event()

    def sample() -> None:
        while not stop.wait(0.2):
            rss, pss = _tree_memory_kb(proc.pid)
            peak[0] = (max(peak[0][0], rss), max(peak[0][1], pss))

    sampler = threading.Thread(target=sample, daemon=True) if watch and os.path.isdir("/proc") else None
    if sampler:
        sampler.start()
    _, err = proc.communicate()
    wall = time.perf_counter() - t0
    stop.set()
    if sampler:
        sampler.join()
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    CPU.append(after.ru_utime + after.ru_stime - before.ru_utime - before.ru_stime)
    if proc.returncode not in (0, 1):
        sys.exit(f"bench: {' '.join(cmd)} failed ({proc.returncode}):\n{err.decode(errors='replace')[-2000:]}")
    return wall, peak[0], proc.returncode


def best(n: int, cmd: list[str], env: Optional[dict] = None) -> float:
    return min(run(cmd, env)[0] for _ in range(n))


# -- the figures ---------------------------------------------------------------------------------


def fleet_dir(base: Path, servers: int, domains: int, seed: int) -> Path:
    """The fleet of ``servers`` servers, built once (the marker names what it holds)."""
    from make_fleet import make_fleet

    path = base / f"fleet-{servers}x{domains}-seed{seed}"
    marker = path / ".complete"
    if not marker.exists():
        if path.exists():
            shutil.rmtree(path)
        print(f"building {servers} servers x {domains} domains in {path} ...", file=sys.stderr, flush=True)
        size = make_fleet(path, servers, domains, seed)
        marker.write_text(str(size))
    return path


def fleet_bytes(path: Path) -> int:
    return int((path / ".complete").read_text())


def ratio(value: float, floor: float) -> str:
    return f"x{value / floor:.1f}" if floor > 0 else "-"


def verdict(ok: bool) -> str:
    return "met" if ok else "NOT met"


def cores() -> int:
    """What ipmplint's default --jobs is: the cores this process may use."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # pragma: no cover - not Linux
        return os.cpu_count() or 1


def console_script() -> str:
    exe = Path(sys.executable).with_name("ipmplint")
    if not exe.exists():
        sys.exit(f"bench: no console script at {exe}; pip install -e . into this interpreter's venv")
    return str(exe)


def fleet_figures(path: Path, jobs: int, repeat: int, extra: list[str]) -> dict:
    """Floor, cold (``--no-cache``), fill (an empty cache folder, filled by the run) and
    warm (the filled cache) wall times, and the peak memory of the cold runs."""
    exe = console_script()
    cache = Path(tempfile.mkdtemp(prefix="ipmplint-bench-cache-"))
    env = {**os.environ, "IPMPLINT_CACHE_DIR": str(cache)}
    jobs_arg = ["--jobs", str(jobs)] if jobs else []
    floor_jobs = jobs or cores()
    cmd = [exe, "check", *jobs_arg, *extra, str(path)]
    run(cmd, env)  # compiled grammars in the cache folder, files in the page cache
    floor = best(repeat, [sys.executable, __file__, "--floor-child", str(path), str(floor_jobs)])
    colds, peaks, cpus = [], [], []
    for _ in range(repeat):
        wall, peak, _ = run([*cmd[:2], "--no-cache", *cmd[2:]], env, watch=True)
        colds.append(wall)
        peaks.append(peak)
        cpus.append(CPU[-1])
    largest = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    fills = []
    for _ in range(repeat):
        shutil.rmtree(cache / "roots", ignore_errors=True)
        fills.append(run(cmd, env)[0])
    warms, warm_peaks, warm_cpus = [], [], []
    for _ in range(repeat):
        wall, peak, _ = run(cmd, env, watch=True)
        warms.append(wall)
        warm_peaks.append(peak)
        warm_cpus.append(CPU[-1])
    warm = min(warms)
    cache_bytes = sum(p.stat().st_size for p in (cache / "roots").iterdir())
    shutil.rmtree(cache, ignore_errors=True)
    return {
        "floor": floor,
        "cold": min(colds),
        "cold_cpu": cpus[colds.index(min(colds))],
        "fill": min(fills),
        "warm": warm,
        "warm_cpu": warm_cpus[warms.index(warm)],
        "warm_peak_mb": max(p[1] for p in warm_peaks) / 1024,
        "cache_kb_per_server": cache_bytes / 1024,
        "load": os.getloadavg()[0],
        "peak_mb": max(p[1] for p in peaks) / 1024,
        "peak_rss_mb": max(p[0] for p in peaks) / 1024,
        "largest_process_mb": largest / 1024,
    }


def shard_figures(path: Path, count: int, jobs: int, extra: list[str]) -> dict:
    """The whole fleet cold (one job), then each of ``count`` shards cold, one after the
    other, and ``ipmplint merge`` of their JSON reports: what a CI matrix of ``count``
    machines takes is the slowest shard plus the merge (every shard walks the whole fleet
    to find its servers: that part is not divided)."""
    exe = console_script()
    out = Path(tempfile.mkdtemp(prefix="ipmplint-bench-shards-"))
    jobs_arg = ["--jobs", str(jobs)] if jobs else []
    base = [exe, "check", "--no-cache", *jobs_arg, *extra, "--format", "json"]
    whole = run([*base, "-o", str(out / "whole.json"), str(path)])[0]
    walls = [
        run([*base, "--shard", f"{k}/{count}", "-o", str(out / f"{k}.json"), str(path)])[0] for k in range(1, count + 1)
    ]
    merge = run([exe, "merge", "-o", str(out / "merged.json"), *(str(out / f"{k}.json") for k in range(1, count + 1))])[
        0
    ]
    same = (out / "merged.json").read_bytes() == (out / "whole.json").read_bytes()
    shutil.rmtree(out, ignore_errors=True)
    if not same:
        sys.exit(f"bench: the merged report of {count} shards differs from the whole run's")
    return {"whole": whole, "slowest": max(walls), "mean": sum(walls) / count, "merge": merge}


def throughput(path: Path) -> list[tuple[str, int, int, float, float]]:
    """(kind, files, bytes, parse seconds, floor seconds) per format, on one core."""
    sys.path.insert(0, str(ROOT))
    from ipmplint.capture import discovery, filenames, kinds, loader

    by_kind: dict[str, list[tuple[bytes, str, dict]]] = {}
    for root in discovery.discover([str(path)]).roots:
        for cf in [*root.files, *(f for d in root.domains for f in d.files)]:
            if cf.kind is None:
                continue
            hints = {}
            if cf.kind == "hostname":
                interface, family = filenames.hostname_interface(cf.path.name)
                hints = {"interface": interface, "family": family}
            by_kind.setdefault(cf.kind, []).append((cf.path.read_bytes(), cf.display, hints))
    out = []
    for kind, items in sorted(by_kind.items()):
        parse = loader.parser_of(kinds.BY_NAME[kind])
        data, display, hints = items[0]
        parse(data.decode(), display, **hints)  # the grammar is loaded once per process
        t = time.process_time()
        for data, display, hints in items:
            parse(data.decode("utf-8", errors="replace"), display, **hints)
        parse_s = time.process_time() - t
        t = time.process_time()
        for data, _, _ in items:
            data.decode("utf-8", errors="replace").split("\n")
        floor_s = time.process_time() - t
        out.append((kind, len(items), sum(len(d) for d, _, _ in items), parse_s, floor_s))
    return out


# -- the html page: written, then opened in Chromium -------------------------------------------


def _cpu_by_process(pid: int, marker: str) -> dict[int, float]:
    """CPU seconds (user + system) of each descendant of ``pid`` whose command line
    holds ``marker`` (``--type=renderer``: the processes that parse and run pages, under
    Playwright's driver), from /proc."""
    tick = os.sysconf("SC_CLK_TCK")
    found: dict[int, float] = {}
    for p in _descendants(pid):
        try:
            with open(f"/proc/{p}/cmdline", "rb") as fh:
                if marker.encode() not in fh.read():
                    continue
        except OSError:
            continue
        stat = _stat(p)
        if stat:
            fields = stat[stat.rindex(")") + 2 :].split()
            found[p] = (int(fields[11]) + int(fields[12])) / tick
    return found


def _cpu_since(before: dict[int, float]) -> float:
    """CPU seconds the renderers spent since ``before`` (a new process: all of its)."""
    now = _cpu_by_process(os.getpid(), "--type=renderer")
    return sum(cpu - before.get(p, 0.0) for p, cpu in now.items())


def page_figures(path: Path, out: Path, repeat: int, chromium: Optional[str]) -> dict:
    """The html report of a fleet: the wall time of ``check --format html`` with a warm
    cache (scenes cached; Graphviz draws every picture again), the page's size, and,
    with Playwright and Chromium, its time to interactive (the script's ready mark)
    and the browser's CPU seconds for it, then a filter's and a search's time, and
    the time to open the last server (its picture parsed and inserted)."""
    exe = console_script()
    cache = Path(tempfile.mkdtemp(prefix="ipmplint-bench-cache-"))
    env = {**os.environ, "IPMPLINT_CACHE_DIR": str(cache)}
    cmd = [exe, "check", "--format", "html", "--quiet", "--output", str(out), str(path)]
    cold = run([*cmd[:2], "--no-cache", *cmd[2:]], env)[0]
    run(cmd, env)
    warm = best(repeat, cmd, env)
    shutil.rmtree(cache, ignore_errors=True)
    figures = {"cold": cold, "warm": warm, "mb": out.stat().st_size / 1e6}
    if chromium is None:
        return figures
    from playwright.sync_api import sync_playwright

    ready, cpu, filters, search, opening = [], [], [], [], []
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=chromium, args=["--no-sandbox"])
        for _ in range(repeat):
            page = browser.new_page()
            before = _cpu_by_process(os.getpid(), "--type=renderer")
            start = time.perf_counter()
            page.goto(out.as_uri(), wait_until="commit", timeout=300_000)
            page.wait_for_function("() => document.documentElement.dataset.ready === '1'", polling=10, timeout=300_000)
            ready.append(time.perf_counter() - start)
            cpu.append(_cpu_since(before))
            filters.append(
                page.evaluate(
                    _TIMED.format(
                        "const s = document.getElementById('filter-severity'); s.value = 'error';"
                        " s.dispatchEvent(new Event('change'));"
                    )
                )
            )
            search.append(
                page.evaluate(
                    _TIMED.format(
                        "const s = document.getElementById('filter-text'); s.value = 'vnet1';"
                        " s.dispatchEvent(new Event('input'));"
                    )
                )
            )
            opening.append(
                page.evaluate(_TIMED.format("document.querySelector('details.server:last-of-type').open = true;"))
            )
            page.close()
        browser.close()
    return {
        **figures,
        "ready": min(ready),
        "cpu": cpu[ready.index(min(ready))],
        "filter_ms": min(filters),
        "search_ms": min(search),
        "open_ms": min(opening),
    }


#: Milliseconds from a change to the next frame after it (the page has answered).
_TIMED = (
    "new Promise(done => {{ const t = performance.now(); {} "
    "requestAnimationFrame(() => setTimeout(() => done(performance.now() - t), 0)); }})"
)


def main(argv: Optional[list[str]] = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    if argv[:1] == ["--floor-child"]:
        _floor_child(argv[1], int(argv[2]))
        return 0
    ap = argparse.ArgumentParser(description="ipmplint fleet benchmark (run by hand)")
    ap.add_argument("--fleet-dir", type=Path, default=Path(tempfile.gettempdir()) / "ipmplint-bench")
    ap.add_argument("--sizes", default="10,100,1000", help="fleet sizes in servers (default 10,100,1000)")
    ap.add_argument("--domains", type=int, default=10)
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument("--jobs", type=int, default=0, help="--jobs for ipmplint (default: its own default)")
    ap.add_argument("--repeat", type=int, default=3, help="runs per figure; the best is kept (default 3)")
    ap.add_argument(
        "--throughput-servers",
        type=int,
        default=100,
        help="fleet size the per-format throughput is measured on (default 100)",
    )
    ap.add_argument(
        "--skip", default="", help="comma-separated parts to skip: fleet, shards, one, throughput, html, hostile"
    )
    ap.add_argument("--shards", default="2,4", help="shard counts N of the shards part (default 2,4)")
    ap.add_argument(
        "--shard-sizes", default="", help="fleet sizes the shards part runs on (default: the largest of --sizes)"
    )
    ap.add_argument(
        "--chromium",
        default=shutil.which("chromium") or shutil.which("chromium-browser"),
        help="the Chromium the html page is opened in (default: chromium on PATH; needs Playwright)",
    )
    ap.add_argument("--check-arg", action="append", default=[], help="extra argument for ipmplint check")
    args = ap.parse_args(argv)
    skip = set(filter(None, args.skip.split(",")))
    sizes = [int(s) for s in args.sizes.split(",") if s]
    args.fleet_dir.mkdir(parents=True, exist_ok=True)
    global PYCACHE
    PYCACHE = str(args.fleet_dir / "pycache")
    load = os.getloadavg()[0] if hasattr(os, "getloadavg") else float("nan")
    print(
        f"ipmplint benchmark: {os.cpu_count()} cores, load average {load:.2f} at start, "
        f"best of {args.repeat}; python {sys.version.split()[0]}"
    )

    if "fleet" not in skip:
        print("\n== fleet: ipmplint check FLEET (console script, report to /dev/null)")
        print(
            f"{'servers':>8} {'MB':>6} {'floor s':>8} {'cold s':>8} {'ratio':>7} "
            f"{'cpu s':>7} {'fill s':>8} {'ratio':>7} "
            f"{'warm s':>8} {'ratio':>7} {'cpu s':>6} {'PSS MB':>7} {'RSS MB':>7} {'largest':>8} {'warm PSS':>8} "
            f"{'kB/srv':>7} {'load':>5}  targets"
        )
        for n in sizes:
            path = fleet_dir(args.fleet_dir, n, args.domains, args.seed)
            f = fleet_figures(path, args.jobs, args.repeat, args.check_arg)
            note = (
                f"cold <= x{TARGET_COLD_RATIO:.0f} {verdict(f['cold'] <= TARGET_COLD_RATIO * f['floor'])}; "
                f"warm <= x{TARGET_WARM_RATIO:.0f} {verdict(f['warm'] <= TARGET_WARM_RATIO * f['floor'])}; "
                f"peak <= {TARGET_PEAK_MB:.0f} MB {verdict(f['peak_mb'] <= TARGET_PEAK_MB)}"
            )
            print(
                f"{n:>8} {fleet_bytes(path) / 1e6:>6.1f} {f['floor']:>8.2f} {f['cold']:>8.2f} "
                f"{ratio(f['cold'], f['floor']):>7} {f['cold_cpu']:>7.1f} {f['fill']:>8.2f} "
                f"{ratio(f['fill'], f['floor']):>7} "
                f"{f['warm']:>8.2f} {ratio(f['warm'], f['floor']):>7} {f['warm_cpu']:>6.1f} "
                f"{f['peak_mb']:>7.0f} {f['peak_rss_mb']:>7.0f} {f['largest_process_mb']:>8.0f} "
                f"{f['warm_peak_mb']:>8.0f} {f['cache_kb_per_server'] / n:>7.1f} {f['load']:>5.1f}  {note}",
                flush=True,
            )

    if "shards" not in skip:
        print(
            "\n== shards: N jobs of ipmplint check --no-cache --shard K/N FLEET --format json, one after the other "
            "(as N machines would run them, each with every core), then ipmplint merge"
        )
        print(
            f"{'servers':>8} {'N':>3} {'whole s':>8} {'slowest':>8} {'mean':>8} {'merge s':>8} "
            f"{'N machines s':>13} {'speed-up':>9}"
        )
        for n in [int(x) for x in args.shard_sizes.split(",") if x] or sizes[-1:]:
            path = fleet_dir(args.fleet_dir, n, args.domains, args.seed)
            for count in [int(x) for x in args.shards.split(",") if x]:
                f = shard_figures(path, count, args.jobs, args.check_arg)
                machines = f["slowest"] + f["merge"]
                print(
                    f"{n:>8} {count:>3} {f['whole']:>8.2f} {f['slowest']:>8.2f} {f['mean']:>8.2f} "
                    f"{f['merge']:>8.2f} {machines:>13.2f} {f['whole'] / machines:>8.1f}x  "
                    f"load {os.getloadavg()[0]:.1f}",
                    flush=True,
                )
    if "html" not in skip:
        print("\n== html page: ipmplint check --format html -o PAGE FLEET, then PAGE opened in Chromium")
        try:
            import playwright.sync_api  # noqa: F401

            chromium = args.chromium
        except ImportError:
            chromium = None
        if chromium is None:
            print("(no Playwright or no Chromium: the page's size and write times only)")
        print(
            f"{'servers':>8} {'cold s':>7} {'warm s':>7} {'page MB':>8} {'ready s':>8} {'cpu s':>6} "
            f"{'filter ms':>10} {'search ms':>10} {'open ms':>8}  target (1,000 servers)"
        )
        for n in sizes:
            path = fleet_dir(args.fleet_dir, n, args.domains, args.seed)
            f = page_figures(path, args.fleet_dir / f"page-{n}.html", args.repeat, chromium)
            note = ""
            if n == 1000 and "ready" in f:
                note = (
                    f"interactive <= {TARGET_INTERACTIVE_1000:.0f} s {verdict(f['ready'] <= TARGET_INTERACTIVE_1000)}"
                )
            browser = (
                f"{f['ready']:>8.2f} {f['cpu']:>6.1f} {f['filter_ms']:>10.0f} {f['search_ms']:>10.0f} "
                f"{f['open_ms']:>8.0f}"
                if "ready" in f
                else f"{'-':>8} {'-':>6} {'-':>10} {'-':>10} {'-':>8}"
            )
            print(f"{n:>8} {f['cold']:>7.2f} {f['warm']:>7.2f} {f['mb']:>8.1f} {browser}  {note}", flush=True)

    if "one" not in skip:
        path = fleet_dir(args.fleet_dir, min(sizes or [10]), args.domains, args.seed) / "srv0000"
        exe = console_script()
        cache = Path(tempfile.mkdtemp(prefix="ipmplint-bench-cache-"))
        env = {**os.environ, "IPMPLINT_CACHE_DIR": str(cache)}
        run([exe, "check", str(path)], env)  # compiled grammars in the cache folder
        floor = best(args.repeat * 2, [sys.executable, __file__, "--floor-child", str(path), "1"])
        cold = [run([exe, "check", "--no-cache", str(path)], env)[0] for _ in range(args.repeat * 2)]
        warm = best(args.repeat * 2, [exe, "check", str(path)], env)
        version = best(args.repeat * 2, [exe, "--version"], env)
        shutil.rmtree(cache, ignore_errors=True)
        size = sum(p.stat().st_size for p in path.rglob("*") if p.is_file())
        print(f"\n== one server ({path.name}, {size / 1e3:.0f} kB): ipmplint check SERVER")
        print(
            f"floor {floor:.3f} s; cold {min(cold):.3f} s ({ratio(min(cold), floor)}); "
            f"warm {warm:.3f} s ({ratio(warm, floor)}); target <= {TARGET_ONE_SERVER} "
            f"s and <= x{TARGET_ONE_SERVER_RATIO:.0f}: "
            f"cold {verdict(min(cold) <= min(TARGET_ONE_SERVER, TARGET_ONE_SERVER_RATIO * floor))}, "
            f"warm {verdict(warm <= min(TARGET_ONE_SERVER, TARGET_ONE_SERVER_RATIO * floor))}; "
            f"ipmplint --version {version:.3f} s"
        )

    if "throughput" not in skip:
        path = fleet_dir(args.fleet_dir, args.throughput_servers, args.domains, args.seed)
        print(
            f"\n== parse throughput per format, one core ({args.throughput_servers}-server fleet; "
            f"target for the small formats <= {TARGET_US_PER_FILE:.0f} us per file)"
        )
        print(f"{'kind':<18} {'files':>6} {'MB':>7} {'MB/s':>7} {'floor MB/s':>11} {'ratio':>7} {'us/file':>8}")
        total_b = total_s = total_f = 0.0
        for kind, files, size, parse_s, floor_s in throughput(path):
            total_b, total_s, total_f = total_b + size, total_s + parse_s, total_f + floor_s
            mbs = size / 1e6 / parse_s
            print(
                f"{kind:<18} {files:>6} {size / 1e6:>7.2f} {mbs:>7.2f} {size / 1e6 / max(floor_s, 1e-9):>11.1f} "
                f"{ratio(parse_s, floor_s):>7} {parse_s / files * 1e6:>8.0f}  "
                + (verdict(parse_s / files * 1e6 <= TARGET_US_PER_FILE) if kind in SMALL_FORMATS else "")
            )
        print(
            f"{'all':<18} {'':>6} {total_b / 1e6:>7.2f} {total_b / 1e6 / total_s:>7.2f} "
            f"{total_b / 1e6 / max(total_f, 1e-9):>11.1f} {ratio(total_s, total_f):>7}"
        )

    if "hostile" not in skip:
        hostile(args.fleet_dir / "hostile")
    return 0


def hostile(folder: Path) -> None:
    """Issue 15's hostile inputs (hostile_inputs.py): each one's wall time and peak
    memory (the largest process), against its bound, with the figure before the fix."""
    from hostile_inputs import CASES

    exe = console_script()
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "warm-up").mkdir(exist_ok=True)
    (folder / "warm-up" / "ifconfig-a.txt").write_text("lo0: flags=1 mtu 1\n")
    subprocess.run(
        [exe, "check", str(folder / "warm-up")], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=_child_env()
    )  # bytecode and compiled grammars, as an installed ipmplint has them
    print("\n== hostile input: ipmplint check --no-cache INPUT (report to /dev/null)")
    print(f"{'case':<24} {'MB in':>7} {'wall s':>7} {'bound s':>8} {'exit':>5} {'largest MB':>11}  before the fix")
    for case in CASES:
        shutil.rmtree(folder, ignore_errors=True)
        folder.mkdir(parents=True)
        path = case.build(folder)
        size = path.stat().st_size if path.is_file() else sum(p.stat().st_size for p in path.rglob("*") if p.is_file())
        start = time.perf_counter()
        proc = subprocess.Popen(
            [exe, "check", "--no-cache", "--jobs", "1", str(path)],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            env=_child_env(),
        )
        _, status, usage = os.wait4(proc.pid, 0)  # this child's own peak, not the run's so far
        proc.returncode = os.waitstatus_to_exitcode(status)
        wall = time.perf_counter() - start
        largest = usage.ru_maxrss / 1024
        print(
            f"{case.name:<24} {size / 1e6:>7.2f} {wall:>7.2f} {case.bound_s:>8.1f} {proc.returncode:>5} "
            f"{largest:>11.0f}  {verdict(wall <= case.bound_s)} (before: {case.before})",
            flush=True,
        )
    shutil.rmtree(folder, ignore_errors=True)


def _child_env() -> dict:
    return {**os.environ, "PYTHONPYCACHEPREFIX": PYCACHE}


if __name__ == "__main__":
    sys.exit(main())
