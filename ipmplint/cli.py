"""The command line: parse arguments, run, pick an output format, set the exit code.

Exit codes are a contract: 0 no finding at or above ``--fail-on``; 1 findings;
2 a usage error, or an input path that cannot be read at all.
"""

from __future__ import annotations

import argparse
import os
import sys
from typing import Optional, Sequence

from ipmplint import __version__

EXIT_CLEAN, EXIT_FINDINGS, EXIT_ERROR = 0, 1, 2
FORMATS = ("text", "json", "sarif")


def _csv(value: str) -> list[str]:
    return [v.strip() for v in value.split(",") if v.strip()]


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="ipmplint",
        description="Static validator for IPMP on Oracle VM Server for SPARC (LDoms) and Solaris.",
    )
    parser.add_argument("--version", action="version", version=f"ipmplint {__version__}")
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    check = sub.add_parser("check", help="check capture directories and report findings")
    check.add_argument("paths", nargs="+", metavar="PATH", help="capture roots, or folders of them (a fleet)")
    check.add_argument("--format", choices=FORMATS, default="text", help="report format (default: text)")
    check.add_argument("--output", "-o", metavar="FILE", help="write the report to FILE instead of stdout")
    check.add_argument("--select", type=_csv, default=[], metavar="RULES",
                       help="run only these rules: ids, id prefixes (IPMP1) or names, comma-separated")
    check.add_argument("--ignore", type=_csv, default=[], metavar="RULES", help="do not run these rules")
    check.add_argument("--fail-on", choices=("error", "warning", "info"), default="warning",
                       help="lowest severity that makes the exit code 1 (default: warning)")
    check.add_argument("--verbose", "-v", action="store_true",
                       help="say which checks were skipped for want of which file, and how the release was found")
    check.add_argument("--stats", action="store_true",
                       help="print each file's line accounting (consumed, skipped, warned, blank)")
    check.add_argument("--color", choices=("auto", "always", "never"), default="auto",
                       help="colour in text output (auto: only on a terminal, and not when NO_COLOR is set)")

    sub.add_parser("rules", help="list every rule")
    rule = sub.add_parser("rule", help="show one rule's documentation")
    rule.add_argument("rule_id", metavar="RULE", help="rule id or name")
    return parser


def main(argv: Optional[Sequence[str]] = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        if args.command == "check":
            return _check(args, parser)
        if args.command == "rules":
            return _rules()
        return _rule(args.rule_id)
    except BrokenPipeError:  # `ipmplint check … | head`
        return EXIT_CLEAN


def _check(args: argparse.Namespace, parser: argparse.ArgumentParser) -> int:
    from ipmplint import discovery, loader, runner, selection
    from ipmplint.findings import Report, Severity
    from ipmplint.rules import builtin

    try:
        rules = selection.select(builtin(), args.select, args.ignore)
    except selection.SelectionError as exc:
        parser.error(str(exc))
    found = discovery.discover(args.paths)
    servers = []
    for root in found.roots:
        server = loader.load(root)
        servers.append(runner.check_server(server, rules))
        if args.verbose:
            _verbose(server, servers[-1])
    report = Report(
        tool_version=__version__,
        inputs=tuple(args.paths),
        rules=tuple(r.info for r in rules),
        servers=tuple(servers),
        errors=found.errors,
    )
    text = _render(report, args)
    if args.output:
        with open(args.output, "w", encoding="utf-8") as fh:
            fh.write(text)
    else:
        sys.stdout.write(text)
    if args.stats:
        _stats(report)
    for error in found.errors:
        print(f"ipmplint: {error}", file=sys.stderr)
    if found.errors:
        return EXIT_ERROR
    threshold = Severity.parse(args.fail_on).rank
    return EXIT_FINDINGS if any(f.severity.rank >= threshold for f in report.findings) else EXIT_CLEAN


def _render(report, args: argparse.Namespace) -> str:
    if args.format == "json":
        from ipmplint.reporters import json as json_reporter

        return json_reporter.render(report)
    if args.format == "sarif":
        from ipmplint.reporters import sarif

        return sarif.render(report, srcroot=os.getcwd())
    from ipmplint.reporters import text

    return text.render(report, color=_use_color(args))


def _use_color(args: argparse.Namespace) -> bool:
    if args.color == "always":
        return True
    if args.color == "never" or args.output or os.environ.get("NO_COLOR"):
        return False
    return sys.stdout.isatty()


def _verbose(server, server_report) -> None:
    err = sys.stderr
    if server.release is not None:
        print(f"{server.name}: LDoms release {server.release} ({server.release.how})", file=err)
    elif server.ldm is None:
        print(f"{server.name}: no ldm capture: a single host; topology rules do not apply", file=err)
    for skip in server_report.skipped:
        missing = f" (missing: {', '.join(skip.missing)})" if skip.missing else ""
        print(f"{server.name}: skipped {skip.rule_id}: {skip.reason}{missing}", file=err)


def _stats(report) -> None:
    from tabulate import tabulate

    rows = [
        (a.file, a.kind, a.total, a.consumed, a.skipped, a.warned, a.blank)
        for s in report.servers for a in s.accounts
    ]
    headers = ("file", "kind", "lines", "consumed", "skipped", "warned", "blank")
    total = [sum(r[i] for r in rows) for i in range(2, 7)]
    rows.append(("total", "", *total))
    print(tabulate(rows, headers=headers), file=sys.stderr)


def _rules() -> int:
    from tabulate import tabulate

    from ipmplint.rules import builtin

    rows = [(r.id, r.name, r.info.severity.value, r.info.summary) for r in builtin()]
    print(tabulate(rows, headers=("id", "name", "severity", "what it checks")))
    return EXIT_CLEAN


def _rule(key: str) -> int:
    from ipmplint import selection
    from ipmplint.rules import builtin

    rules = builtin()
    match = [r for r in rules if r.id == key.upper() or r.name == key.lower()]
    if not match:
        try:
            selection.select(rules, [key])
        except selection.SelectionError as exc:
            print(f"ipmplint: {exc}", file=sys.stderr)
            return EXIT_ERROR
        print(f"ipmplint: '{key}' names several rules; give one id", file=sys.stderr)
        return EXIT_ERROR
    rule = match[0]
    print(f"{rule.id} {rule.name} ({rule.info.severity.value})\n")
    print(rule.info.doc)
    return EXIT_CLEAN
