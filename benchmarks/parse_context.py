"""What a parse's context costs per file, apart from the grammar and the transformer.

Run by hand (never from the test suite), from the repository root:

    .venv/bin/python benchmarks/parse_context.py                 # srv0000 of bench.py's 100-server fleet
    .venv/bin/python benchmarks/parse_context.py --server PATH   # any capture root

For each capture file of one server it times, in CPU seconds of this process (best of
``--repeat``), ``ParseContext(path, text, kind)`` (cleaning, the paste scan, dedent, the
line statuses) followed by ``finish`` (the line accounting) on the statuses a
transformer leaves (every line claimed), and, as the floor of the same run, decoding
and splitting the same bytes into lines. It prints the largest file, a 3-line file and
the mean of the small ones, each with its ratio to its floor and the load average.
Targets (issue 18): the 1,397-line ``ldm-list-l.txt`` of a bench server <= 0.4 ms, a
3-line file <= 10 us.
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from pathlib import Path
from typing import Callable

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from ipmplint.capture import filenames  # noqa: E402
from ipmplint.model import LineStatus  # noqa: E402
from ipmplint.parsers import base  # noqa: E402


def best(run: Callable[[], object], repeat: int, number: int) -> float:
    """The fewest CPU seconds one call took, over ``repeat`` rounds of ``number`` calls."""
    rounds = []
    for _ in range(repeat):
        start = time.process_time()
        for _ in range(number):
            run()
        rounds.append((time.process_time() - start) / number)
    return min(rounds)


def context(path: str, data: bytes, kind: str) -> Callable[[], object]:
    """A parse's context and its accounting, on the statuses a transformer leaves."""
    claimed = [LineStatus.CONSUMED if s is None else s for s in base.ParseContext(path, data.decode(), kind).status]

    def run() -> object:
        ctx = base.ParseContext(path, data.decode("utf-8", errors="replace"), kind)
        ctx.status = list(claimed)
        return ctx.finish(None)

    return run


def floor(data: bytes) -> Callable[[], object]:
    """The same bytes decoded and split into lines: what no parse can do without."""
    return lambda: data.decode("utf-8", errors="replace").split("\n")


def each(runs: list[Callable[[], object]]) -> Callable[[], object]:
    return lambda: [run() for run in runs]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    default = Path(os.environ.get("TMPDIR", "/tmp")) / "ipmplint-bench" / "fleet-100x10-seed7" / "srv0000"
    parser.add_argument("--server", type=Path, default=default, help="a capture root (default: %(default)s)")
    parser.add_argument("--repeat", type=int, default=7)
    args = parser.parse_args()
    files = [
        (str(p), p.read_bytes(), kind)
        for p in sorted(args.server.rglob("*"))
        if p.is_file() and (kind := filenames.kind_of(p.name)) is not None
    ]
    if not files:
        sys.exit(f"parse_context: no capture file under {args.server} (build the fleet with bench.py first)")
    files.sort(key=lambda f: f[1].count(b"\n"))
    largest, small = files[-1], files[:-1]
    three = next((f for f in small if f[1].count(b"\n") == 3), small[0] if small else largest)
    print(f"parse context per file, {args.server} ({len(files)} files), load average {os.getloadavg()[0]:.2f}")
    print(f"{'file':<40} {'lines':>6} {'us':>9} {'floor us':>9} {'ratio':>7}")
    for label, chosen, number in (
        (largest[0], [largest], 50),
        (three[0], [three], 2000),
        (f"mean of the {len(small)} smaller files", small, 100),
    ):
        us = best(each([context(*f) for f in chosen]), args.repeat, number) / len(chosen) * 1e6
        floor_us = best(each([floor(f[1]) for f in chosen]), args.repeat, number) / len(chosen) * 1e6
        lines = sum(f[1].count(b"\n") for f in chosen) / len(chosen)
        name = os.path.relpath(label, args.server) if os.path.isabs(label) else label
        print(f"{name:<40} {lines:>6.0f} {us:>9.1f} {floor_us:>9.1f} {us / floor_us:>6.1f}x")
    print(f"load average at the end {os.getloadavg()[0]:.2f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
