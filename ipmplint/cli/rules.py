"""``ipmplint rules`` (every rule, one line each) and ``ipmplint rule RULE`` (one rule's
documentation: the same text as docs/rules.md and the SARIF help)."""

from __future__ import annotations

import argparse

from ipmplint import escaping
from ipmplint.cli import inputs
from ipmplint.cli.console import say, terminal_columns
from ipmplint.cli.exits import EXIT_CLEAN, EXIT_ERROR

#: The commands this module adds, and their lines in ``ipmplint --help``.
HELP = {"rules": "list every rule", "rule": "show one rule's documentation"}


def add_parsers(
    sub: "argparse._SubParsersAction[argparse.ArgumentParser]",
) -> tuple[argparse.ArgumentParser, argparse.ArgumentParser]:
    rules = sub.add_parser("rules", help=HELP["rules"])
    rule = sub.add_parser("rule", help=HELP["rule"])
    rule.add_argument("rule_id", metavar="RULE", help="rule id or name")
    return rules, rule


def list_rules(args: argparse.Namespace) -> int:
    """Every rule: ``ID  severity  name`` on a line, its summary wrapped below it, so the
    list fits an 80-column terminal (or the terminal's width when it is narrower)."""
    import textwrap

    loaded = inputs.load_rules(args)
    width = min(terminal_columns(), 80)
    indent = " " * 18
    for r in loaded.rules:  # a plugin's text too: shown, never obeyed by the terminal
        origin = "" if r.origin == "builtin" else f"  (from {r.origin})"
        print(escaping.line(f"{r.id:<9} {r.info.severity.value:<7} {r.name}{origin}"))
        print(
            escaping.lines(
                textwrap.fill(
                    r.info.summary,
                    max(width, 40),
                    initial_indent=indent,
                    subsequent_indent=indent,
                    break_long_words=False,
                    break_on_hyphens=False,
                )
            )
        )
    return EXIT_ERROR if loaded.errors or loaded.collisions else EXIT_CLEAN


def show_rule(args: argparse.Namespace) -> int:
    from ipmplint.cli.reflow import reflow
    from ipmplint.engine import selection

    key = args.rule_id
    loaded = inputs.load_rules(args)
    rules = loaded.rules
    match = [r for r in rules if r.id == key.upper() or r.name == key.lower()]
    if not match:
        try:
            selection.select(rules, [key])
        except selection.SelectionError as exc:
            say(exc)
            return EXIT_ERROR
        say(f"'{key}' names several rules; give one id")
        return EXIT_ERROR
    rule = match[0]
    origin = "" if rule.origin == "builtin" else f", from {rule.origin}"
    print(escaping.line(f"{rule.id} {rule.name} ({rule.info.severity.value}){origin}") + "\n")
    print(escaping.lines(reflow(rule.info.doc, min(terminal_columns(), 80))))
    return EXIT_ERROR if loaded.errors or loaded.collisions else EXIT_CLEAN
