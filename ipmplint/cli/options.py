"""Argument types and the options several subcommands share (``--rule-path``,
``--config``/``--isolated``, ``--debug``), defined once so their help reads the same."""

from __future__ import annotations

import argparse
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from ipmplint.engine.shard import Shard


def size(value: str) -> int:
    """``64M`` → 67108864: a size in bytes, with an optional K, M or G suffix (powers of 1024)."""
    text = value.strip().upper().removesuffix("B")
    factor = 1
    if text and text[-1] in "KMG":
        factor = 1024 ** ("KMG".index(text[-1]) + 1)
        text = text[:-1]
    if not text.isdigit() or int(text) == 0:
        raise argparse.ArgumentTypeError(f"'{value}' is not a size such as 65536, 512K or 64M")
    return int(text) * factor


def jobs(value: str) -> int:
    if not value.isdigit() or int(value) < 1:
        raise argparse.ArgumentTypeError(f"'{value}' is not a number of processes (1 or more)")
    return int(value)


def shard(value: str) -> "Shard":
    from ipmplint.engine import shard

    try:
        return shard.parse(value)
    except ValueError as exc:
        raise argparse.ArgumentTypeError(str(exc)) from None


def csv(value: str) -> list[str]:
    return [v.strip() for v in value.split(",") if v.strip()]


def add_paths(command: argparse.ArgumentParser) -> None:
    command.add_argument("paths", nargs="+", metavar="PATH", help="capture roots, or folders of them (a fleet)")


def add_max_file_size(command: argparse.ArgumentParser) -> None:
    command.add_argument(
        "--max-file-size",
        type=size,
        default=None,
        metavar="BYTES",
        help="refuse capture files larger than this (suffix K, M or G; default 64M)",
    )


def add_rule_path(command: argparse.ArgumentParser) -> None:
    command.add_argument(
        "--rule-path",
        action="append",
        default=[],
        metavar="DIR",
        help="also load the rule modules in folder DIR (repeatable)",
    )


def add_configuration(command: argparse.ArgumentParser) -> None:
    configuration = command.add_mutually_exclusive_group()
    configuration.add_argument(
        "--config",
        metavar="FILE",
        help="read the configuration from FILE (default: the nearest .ipmplint.toml or "
        "pyproject.toml [tool.ipmplint] from here upward)",
    )
    configuration.add_argument("--isolated", action="store_true", help="read no configuration file")
    add_debug(command)


def add_debug(command: argparse.ArgumentParser) -> None:
    command.add_argument("--debug", action="store_true", help="on an internal error (exit 3), print the traceback")
