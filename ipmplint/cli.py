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
FORMATS = ("text", "json", "sarif", "github", "junit", "gitlab")  # = ipmplint.reporters.FORMATS


def _size(value: str) -> int:
    """``64M`` → 67108864: a size in bytes, with an optional K, M or G suffix (powers of 1024)."""
    text = value.strip().upper().removesuffix("B")
    factor = 1
    if text and text[-1] in "KMG":
        factor = 1024 ** ("KMG".index(text[-1]) + 1)
        text = text[:-1]
    if not text.isdigit() or int(text) == 0:
        raise argparse.ArgumentTypeError(f"'{value}' is not a size such as 65536, 512K or 64M")
    return int(text) * factor


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
    check.add_argument("--max-file-size", type=_size, default=None, metavar="BYTES",
                       help="refuse capture files larger than this (suffix K, M or G; default 64M)")
    check.add_argument("--stats", action="store_true",
                       help="print each file's line accounting (consumed, skipped, warned, blank)")
    check.add_argument("--statistics", action="store_true",
                       help="after the report, count findings per rule (on stderr, or on stdout with --output)")
    check.add_argument("--color", choices=("auto", "always", "never"), default="auto",
                       help="colour in text output (auto: only on a terminal, and not when NO_COLOR is set)")

    sub.add_parser("rules", help="list every rule")
    rule = sub.add_parser("rule", help="show one rule's documentation")
    rule.add_argument("rule_id", metavar="RULE", help="rule id or name")

    graph = sub.add_parser("graph", help="draw each server's failover paths, its findings marked")
    graph.add_argument("paths", nargs="+", metavar="PATH", help="capture roots, or folders of them (a fleet)")
    graph.add_argument("--format", choices=("dot", "mermaid", "svg", "png"), default="dot",  # = drawing.FORMATS
                       help="dot or mermaid text, or svg/png rendered by Graphviz's dot (default: dot)")
    graph.add_argument("--output", "-o", metavar="FILE",
                       help="write to FILE (a fleet: to one file per server in the folder FILE)")
    graph.add_argument("--select", type=_csv, default=[], metavar="RULES", help="mark only these rules' findings")
    graph.add_argument("--ignore", type=_csv, default=[], metavar="RULES", help="do not run these rules")
    graph.add_argument("--max-file-size", type=_size, default=None, metavar="BYTES",
                       help="refuse capture files larger than this (suffix K, M or G; default 64M)")
    return parser


def main(argv: Optional[Sequence[str]] = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        if args.command == "check":
            return _check(args, parser)
        if args.command == "graph":
            return _graph(args, parser)
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
        server = loader.load(root, max_file_size=args.max_file_size or loader.MAX_FILE_SIZE)
        servers.append(runner.check_server(server, rules))
        if args.verbose:
            _verbose(server, servers[-1])
    report = Report(
        tool_version=__version__,
        inputs=tuple(args.paths),
        rules=tuple(r.info for r in rules),
        servers=tuple(servers),
        errors=found.errors + found.notes,
    )
    text = _render(report, args)
    if args.output:
        with open(args.output, "w", encoding="utf-8") as fh:
            fh.write(text)
    else:
        sys.stdout.write(text)
    if args.statistics:
        from ipmplint.reporters.text import statistics

        # stdout holds the report unless it went to a file: keep machine formats parseable.
        (sys.stdout if args.output else sys.stderr).write(statistics(report))
    if args.stats:
        _stats(report)
    for error in found.errors + found.notes:
        print(f"ipmplint: {error}", file=sys.stderr)
    if found.errors or not found.roots:  # a path that cannot be used, or nothing read at all
        return EXIT_ERROR
    threshold = Severity.parse(args.fail_on).rank
    return EXIT_FINDINGS if any(f.severity.rank >= threshold for f in report.findings) else EXIT_CLEAN


def _render(report, args: argparse.Namespace) -> str:
    from ipmplint import reporters

    return reporters.render(args.format, report, srcroot=os.getcwd(), color=_use_color(args))


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


def _graph(args: argparse.Namespace, parser: argparse.ArgumentParser) -> int:
    """``ipmplint graph``: one picture per server, marked with exactly the check's findings."""
    from pathlib import Path

    from ipmplint import discovery, drawing, loader, runner, selection, topology
    from ipmplint.drawing import render, scene
    from ipmplint.rules import builtin

    try:
        rules = selection.select(builtin(), args.select, args.ignore)
    except selection.SelectionError as exc:
        parser.error(str(exc))
    if args.format in drawing.RENDERED and render.dot_program() is None:
        print(f"ipmplint: --format {args.format} needs Graphviz's dot program, which is not on PATH: "
              f"{render.INSTALL_HINT}", file=sys.stderr)
        return EXIT_ERROR
    found = discovery.discover(args.paths)
    folder = Path(args.output) if args.output and os.path.isdir(args.output) else None
    if len(found.roots) > 1 and folder is None:
        if args.output and os.path.exists(args.output):
            parser.error(f"graph: {len(found.roots)} servers found: --output must be a folder, not {args.output}")
        if not args.output:
            parser.error(f"graph: {len(found.roots)} servers found (a fleet): give --output DIR "
                         f"for one file per server")
        folder = Path(args.output)
    try:
        if folder is not None:
            folder.mkdir(parents=True, exist_ok=True)
        names = drawing.file_names([root.name for root in found.roots], args.format)
        for root, name in zip(found.roots, names):
            server = loader.load(root, max_file_size=args.max_file_size or loader.MAX_FILE_SIZE)
            findings = runner.check_server(server, rules).findings
            picture = drawing.draw(scene.build(server, topology.build(server), findings), args.format)
            if folder is not None:
                (folder / name).write_bytes(picture)
            elif args.output:
                Path(args.output).write_bytes(picture)
            elif args.format in drawing.RENDERED:
                sys.stdout.flush()
                sys.stdout.buffer.write(picture)
            else:
                sys.stdout.write(picture.decode("utf-8"))
    except render.RenderError as exc:
        print(f"ipmplint: {exc}", file=sys.stderr)
        return EXIT_ERROR
    except OSError as exc:
        print(f"ipmplint: cannot write {exc.filename or args.output}: {exc.strerror or exc}", file=sys.stderr)
        return EXIT_ERROR
    for error in found.errors + found.notes:
        print(f"ipmplint: {error}", file=sys.stderr)
    return EXIT_ERROR if found.errors or not found.roots else EXIT_CLEAN
