"""``ipmplint merge``: join the reports of ``check --shard K/N`` jobs into the whole
fleet's report (ipmplint.reporters.merge does the joining)."""

from __future__ import annotations

import argparse

#: The command this module adds, and its line in ``ipmplint --help``.
HELP = {"merge": "join the reports of check --shard K/N jobs into the whole fleet's report"}


def add_parser(sub: "argparse._SubParsersAction[argparse.ArgumentParser]") -> argparse.ArgumentParser:
    merge = sub.add_parser("merge", help=HELP["merge"])
    merge.add_argument(
        "reports",
        nargs="+",
        metavar="FILE",
        help="the shards' reports, all of one format: json, sarif, junit, gitlab or github",
    )
    merge.add_argument("--output", "-o", metavar="FILE", help="write the merged report to FILE instead of stdout")
    return merge


def run(args: argparse.Namespace) -> int:
    from ipmplint.reporters import merge

    return merge.main(args.reports, args.output)
