"""Merge the SARIF logs of several ipmplint runs (CI shards) into one log of several runs.

    python -m ipmplint.reporters.sarif_merge -o ipmplint.sarif shard-1.sarif shard-2.sarif ...

A fleet too large for one CI job is checked one capture root (or one folder of them) per
matrix job, each writing ``ipmplint check --format sarif -o shard-N.sarif ROOT``; this
puts their runs side by side in one SARIF 2.1.0 log, in the order given, each run
unchanged. Each ipmplint run names its inputs in ``automationDetails.id``
(``ipmplint/<paths>/``), which GitHub code scanning takes as the run's category: two
runs of one tool under one category are refused (exit 2), as code scanning refuses
them. Code scanning also takes at most 20 runs per file: with more, this says so (the
log is still valid SARIF) — upload each shard on its own, with its category, instead.

Exit codes: 0 merged; 2 a file that cannot be read or is not a SARIF 2.1.0 log, or two
runs under one category.
"""

from __future__ import annotations

import argparse
import json
import sys
from typing import Optional, Sequence

from ipmplint.engine import atomic
from ipmplint.reporters.merge import MergeError, read

#: The most runs GitHub code scanning accepts in one uploaded file.
CODE_SCANNING_MAX_RUNS = 20


def category(run: dict) -> str:
    """The run's tool and category, as code scanning tells runs apart."""
    tool = run.get("tool", {}).get("driver", {}).get("name", "?")
    details = run.get("automationDetails") or {}
    run_id = details.get("id", "")
    return f"{tool} {run_id.rsplit('/', 1)[0] if '/' in run_id else run_id}"


def merge(logs: Sequence[tuple[str, dict]]) -> dict:
    """One log holding every run of ``logs`` ((name, parsed SARIF) pairs), in order."""
    if not logs:
        raise MergeError("no SARIF log to merge")
    runs: list[dict] = []
    seen: dict[str, str] = {}
    for name, log in logs:
        if not isinstance(log, dict) or log.get("version") != "2.1.0" or not isinstance(log.get("runs"), list):
            raise MergeError(f"{name}: not a SARIF 2.1.0 log")
        for run in log["runs"]:
            key = category(run)
            if key in seen:
                raise MergeError(
                    f"{name}: a run of {key.split(' ', 1)[0]} with the category of a run of "
                    f"{seen[key]} ({key.split(' ', 1)[1] or 'none'}); give each shard its own paths"
                )
            seen[key] = name
            runs.append(run)
    first = logs[0][1]
    return {
        "$schema": first.get("$schema", "https://json.schemastore.org/sarif-2.1.0.json"),
        "version": "2.1.0",
        "runs": runs,
    }


def main(argv: Optional[Sequence[str]] = None) -> int:
    ap = argparse.ArgumentParser(
        prog="python -m ipmplint.reporters.sarif_merge",
        description="Merge SARIF logs (ipmplint CI shards) into one log of several runs.",
    )
    ap.add_argument("logs", nargs="+", metavar="SARIF", help="the shards' SARIF files, in the order to keep")
    ap.add_argument("--output", "-o", metavar="FILE", help="write the merged log to FILE (default: stdout)")
    args = ap.parse_args(argv)
    logs = []
    try:
        for path, text in read(args.logs):
            try:
                logs.append((path, json.loads(text)))
            except ValueError as exc:
                raise MergeError(f"{path}: {exc}") from None
            except RecursionError:
                raise MergeError(f"{path}: not a SARIF log (nested too deep)") from None
        merged = merge(logs)
    except MergeError as exc:
        print(f"sarif_merge: {exc}", file=sys.stderr)
        return 2
    text = json.dumps(merged, indent=2) + "\n"
    if args.output:
        try:
            atomic.write_text(args.output, text)
        except atomic.OutputError as exc:
            print(f"sarif_merge: {exc}", file=sys.stderr)
            return 2
    else:
        sys.stdout.write(text)
    if len(merged["runs"]) > CODE_SCANNING_MAX_RUNS:
        print(
            f"sarif_merge: {len(merged['runs'])} runs; GitHub code scanning takes at most "
            f"{CODE_SCANNING_MAX_RUNS} per file: upload the shards one by one, each with its category",
            file=sys.stderr,
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
