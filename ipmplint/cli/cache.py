"""``ipmplint cache info`` / ``ipmplint cache clean``: the user's view of the cache of
parse results and reports (ipmplint.engine.cache)."""

from __future__ import annotations

import argparse

from ipmplint import escaping
from ipmplint.cli import options
from ipmplint.cli.exits import EXIT_CLEAN

#: The command this module adds, and its line in ``ipmplint --help``.
HELP = {"cache": "show or empty the cache of parse results and reports"}


def add_parser(sub: "argparse._SubParsersAction[argparse.ArgumentParser]") -> argparse.ArgumentParser:
    store = sub.add_parser("cache", help=HELP["cache"])
    store.add_argument(
        "action",
        choices=("info", "clean"),
        help="info: where it is, how big; clean: remove every file ipmplint wrote there",
    )
    options.add_debug(store)
    return store


def run(args: argparse.Namespace) -> int:
    from ipmplint.engine import cache

    if args.action == "clean":
        removed = cache.clean()
        print(escaping.lines(f"removed {removed} file{'' if removed == 1 else 's'} from {cache.directory()}"))
        return EXIT_CLEAN
    facts = cache.info()
    for name in ("folder", "files", "bytes", "max_bytes", "key"):
        print(escaping.line(f"{name}: {facts[name]}"))
    return EXIT_CLEAN
