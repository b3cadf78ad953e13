"""The command line (``ipmplint``, ``python -m ipmplint``): ``main`` is the entry point.

ipmplint.cli.main parses the arguments and dispatches; each subcommand is a module
(check, graph, simulate, rules, cache, merge); ipmplint.cli.inputs turns PATHs into what
a run checks; exits, console and options are what they share.
"""

from __future__ import annotations

from ipmplint.cli.exits import (
    EXIT_CLEAN,
    EXIT_ERROR,
    EXIT_FINDINGS,
    EXIT_INTERNAL,
    EXIT_INTERRUPTED,
    EXIT_TERMINATED,
)
from ipmplint.cli.main import build_parser, main

__all__ = [
    "EXIT_CLEAN",
    "EXIT_ERROR",
    "EXIT_FINDINGS",
    "EXIT_INTERNAL",
    "EXIT_INTERRUPTED",
    "EXIT_TERMINATED",
    "build_parser",
    "main",
]
