"""The command line: parse arguments, dispatch to the subcommand, turn what escapes it
into an exit code (ipmplint.cli.exits).

Each subcommand is a module of ipmplint.cli (check, graph, simulate, rules, cache, merge)
with the options it adds and the function that runs it. Exit 2 for a usage error, an
input path that cannot be read at all, an output that cannot be written, or a rule that
cannot be loaded (a broken plugin or rule path: the others still run; two rules claiming
one id: nothing runs); 3 for an internal error (a bug in ipmplint: one line naming the
input, ``--debug`` for the traceback). Never a traceback otherwise: a crash must not
look like findings.

The subcommand modules import the engine, the parsers and the model inside ``run``, not
at their top: ``ipmplint --version`` and ``--help`` start without lark, networkx or the
model, and a report answered from the cache loads no parser (tests/engine/test_fleet.py).
"""

from __future__ import annotations

import argparse
import sys
from typing import Collection, Optional, Sequence

from ipmplint import __version__
from ipmplint.cli import cache, check, graph, merge, options, rules, simulate
from ipmplint.cli.console import say
from ipmplint.cli.exits import EPILOG, EXIT_CLEAN, EXIT_ERROR, EXIT_INTERNAL, EXIT_INTERRUPTED, EXIT_TERMINATED

#: The subcommand modules, in the order ``ipmplint --help`` lists their commands.
_COMMANDS = (check, merge, rules, graph, simulate, cache)
#: The commands that take ``--rule-path`` and the configuration options.
_RULE_COMMANDS = ("check", "rules", "rule", "graph", "simulate")


def build_parser(commands: Optional[Collection[str]] = None) -> argparse.ArgumentParser:
    """The command line's parser, with the options of ``commands`` (None: of every
    command); the others are named, with their help, as ``ipmplint --help`` lists them.
    argparse takes some 5 ms to add the options of all seven, so ``main`` builds those
    of the command it runs only; ``ipmplint COMMAND --help``, ``ipmplint --help`` and
    every usage error read the same either way."""
    parser = argparse.ArgumentParser(
        prog="ipmplint",
        description="Static validator for IPMP on Oracle VM Server for SPARC (LDoms) and Solaris.",
        epilog=EPILOG,
    )
    parser.add_argument("--version", action="version", version=f"ipmplint {__version__}")
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    made: dict[str, argparse.ArgumentParser] = {}
    for module in _COMMANDS:
        if commands is not None and not set(module.HELP) & set(commands):
            for name, text in module.HELP.items():
                sub.add_parser(name, help=text)
        elif module is rules:
            made.update(zip(rules.HELP, rules.add_parsers(sub)))
        else:
            made.update(zip(module.HELP, (module.add_parser(sub),)))
    for name in _RULE_COMMANDS:
        if name in made:
            options.add_rule_path(made[name])
    for name in _RULE_COMMANDS:
        if name in made:
            options.add_configuration(made[name])
    return parser


#: Subcommand → the function that runs it.
_RUN = {
    "check": check.run,
    "graph": graph.run,
    "simulate": simulate.run,
    "merge": merge.run,
    "rules": rules.list_rules,
    "rule": rules.show_rule,
    "cache": cache.run,
}
#: The subcommands that read captures: one memory bound for every archive the run opens.
_READ_CAPTURES = ("check", "graph", "simulate")


def main(argv: Optional[Sequence[str]] = None) -> int:
    from ipmplint.cli import crash

    argv = list(sys.argv[1:] if argv is None else argv)
    parser = build_parser({argv[0]} if argv and argv[0] in _RUN else ())
    args = parser.parse_args(argv)
    try:
        with crash.sigterm_raises():
            return _dispatch(args)
    except BrokenPipeError:  # `ipmplint check … | head`
        return EXIT_CLEAN
    except KeyboardInterrupt:
        say("interrupted")
        return EXIT_INTERRUPTED
    except crash.Terminated:
        say("terminated")
        return EXIT_TERMINATED
    except Exception as exc:
        return _failed(exc, args)


def _dispatch(args: argparse.Namespace) -> int:
    if args.command in _READ_CAPTURES:
        from ipmplint.capture import archive

        with archive.run_budget():
            return _RUN[args.command](args)
    return _RUN[args.command](args)


def _failed(exc: Exception, args: argparse.Namespace) -> int:
    """Exit 2 for what the user can fix (a configuration, a baseline, an output path),
    said in one line; exit 3 for anything else: a bug, said in one line naming the
    input, the traceback only with ``--debug``."""
    from ipmplint.cli import crash
    from ipmplint.engine import atomic
    from ipmplint.engine.config import ConfigError
    from ipmplint.engine.suppression import BaselineError

    if isinstance(exc, (ConfigError, BaselineError, atomic.OutputError)):
        say(exc)
        return EXIT_ERROR
    if getattr(args, "debug", False):
        from ipmplint import escaping

        sys.stderr.write(escaping.utf8(crash.traceback_of(exc)))
    where = crash.input_of(exc)
    what = f"{type(exc).__name__}: {exc}" if str(exc) else type(exc).__name__
    say(
        f"internal error{f' while checking {where}' if where else ''} ({what[:200]}); "
        + (
            "please report it with the traceback above"
            if getattr(args, "debug", False)
            else "run again with --debug for the traceback, and please report it"
        )
    )
    return EXIT_INTERNAL
