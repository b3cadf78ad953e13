"""The command line: parse arguments, run, pick an output format, set the exit code.

Exit codes are a contract: 0 no finding at or above ``--fail-on`` (or ``--exit-zero``);
1 findings; 2 a usage error, an input path that cannot be read at all, an output that
cannot be written, or a rule that cannot be loaded (a broken plugin or rule path: the
others still run; two rules claiming one id: nothing runs); 3 an internal error (a bug
in ipmplint: one line naming the input, ``--debug`` for the traceback); 130 interrupted
(Ctrl-C), 143 terminated (SIGTERM). Never a traceback otherwise: a crash must not look
like findings.

Everything said on stderr goes through ``say``: escaped (ipmplint.reporters.escaping), because
file names and capture text are not the user's to trust.
"""

from __future__ import annotations

import argparse
import io
import os
import sys
from typing import Optional, Sequence

from ipmplint import __version__
from ipmplint.reporters import escaping
from ipmplint.reporters import FORMATS

EXIT_CLEAN, EXIT_FINDINGS, EXIT_ERROR, EXIT_INTERNAL = 0, 1, 2, 3
EXIT_INTERRUPTED, EXIT_TERMINATED = 130, 143

EPILOG = ("exit codes: 0 clean; 1 findings; 2 usage error, unusable input or output, rule not loaded; "
          "3 internal error (run again with --debug and report it); 130 interrupted; 143 terminated")


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


def _jobs(value: str) -> int:
    if not value.isdigit() or int(value) < 1:
        raise argparse.ArgumentTypeError(f"'{value}' is not a number of processes (1 or more)")
    return int(value)


def _shard(value: str):
    from ipmplint.engine import shard

    try:
        return shard.parse(value)
    except ValueError as exc:
        raise argparse.ArgumentTypeError(str(exc)) from None


def _csv(value: str) -> list[str]:
    return [v.strip() for v in value.split(",") if v.strip()]


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="ipmplint",
        description="Static validator for IPMP on Oracle VM Server for SPARC (LDoms) and Solaris.",
        epilog=EPILOG,
    )
    parser.add_argument("--version", action="version", version=f"ipmplint {__version__}")
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    check = sub.add_parser("check", help="check capture directories and report findings")
    check.add_argument("paths", nargs="+", metavar="PATH",
                       help="capture roots, or folders of them (a fleet); - reads one capture or a tar archive "
                            "of captures from standard input")
    check.add_argument("--format", choices=tuple(FORMATS), default="text", metavar="FORMAT",
                       help="report format: " + "; ".join(f"{name}: {what}" for name, what in FORMATS.items()))
    check.add_argument("--output", "-o", metavar="FILE", help="write the report to FILE instead of stdout")
    check.add_argument("--select", type=_csv, default=[], metavar="RULES",
                       help="run only these rules: ids, id prefixes (IPMP1) or names, comma-separated")
    check.add_argument("--ignore", type=_csv, default=[], metavar="RULES", help="do not run these rules")
    check.add_argument("--extend-select", type=_csv, default=[], metavar="RULES",
                       help="run these rules too, on top of the configuration's select")
    check.add_argument("--fail-on", choices=("error", "warning", "info"), default=None,
                       help="lowest severity that makes the exit code 1 (default: the configuration's, else warning)")
    check.add_argument("--verbose", "-v", action="store_true",
                       help="say which checks were skipped for want of which file, and how the release was found")
    check.add_argument("--max-file-size", type=_size, default=None, metavar="BYTES",
                       help="refuse capture files larger than this (suffix K, M or G; default 64M)")
    check.add_argument("--stats", action="store_true",
                       help="print each file's line accounting (consumed, skipped, warned, blank)")
    check.add_argument("--statistics", action="store_true",
                       help="after the report, count findings per rule (on stderr, or on stdout with --output)")
    check.add_argument("--color", choices=("auto", "always", "never"), default="auto",
                       help="colour in text output (auto: on a terminal unless NO_COLOR is set or TERM=dumb; "
                            "FORCE_COLOR forces it)")
    check.add_argument("--exit-zero", action="store_true",
                       help="exit 0 even when findings are reported (2 still means unusable input)")
    check.add_argument("--quiet", "-q", action="store_true",
                       help="print findings and errors only: no progress, no summary on a clean run, no notes")
    check.add_argument("--category", metavar="NAME",
                       help="name this run in SARIF (automationDetails.id ipmplint/NAME/; default: from the paths)")
    check.add_argument("--jobs", "-j", type=_jobs, default=None, metavar="N",
                       help="check servers in N processes (default: every core; 1: in this process)")
    check.add_argument("--shard", type=_shard, default=None, metavar="K/N",
                       help="check only shard K of N (servers split by a hash of their path; shard 1 also "
                            "reports unreadable paths): run N CI jobs, then join them with ipmplint merge")
    check.add_argument("--no-cache", action="store_true",
                       help="neither read nor write the cache of parse results and reports")
    check.add_argument("--changed", action="store_true",
                       help="PATHs are changed files (pre-commit): check each capture root under the current "
                            "folder that holds one, once; files outside every capture are ignored")
    check.add_argument("--baseline", metavar="FILE",
                       help="hide the findings whose fingerprints FILE holds (written by --write-baseline)")
    check.add_argument("--write-baseline", metavar="FILE",
                       help="write the findings' fingerprints to FILE (kept: entries of servers or rules "
                            "not checked), then report with it")
    check.add_argument("--fail-on-stale-baseline", action="store_true",
                       help="exit 1 when a baseline entry is no longer found")
    check.add_argument("--simulate", action="store_true",
                       help="with --format html: also show each server's failures x domains matrix "
                            "(what ipmplint simulate --format html shows)")

    merge = sub.add_parser("merge", help="join the reports of check --shard K/N jobs into the whole fleet's report")
    merge.add_argument("reports", nargs="+", metavar="FILE",
                       help="the shards' reports, all of one format: json, sarif, junit, gitlab or github")
    merge.add_argument("--output", "-o", metavar="FILE", help="write the merged report to FILE instead of stdout")

    rules = sub.add_parser("rules", help="list every rule")
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
    graph.add_argument("--fail", action="append", default=[], metavar="KIND:NAME",
                       help="draw these elements failed (crossed out) and the paths that go dark")
    simulate = _simulate_parser(sub)
    store = sub.add_parser("cache", help="show or empty the cache of parse results and reports")
    store.add_argument("action", choices=("info", "clean"),
                       help="info: where it is, how big; clean: remove every file ipmplint wrote there")
    store.add_argument("--debug", action="store_true", help="on an internal error (exit 3), print the traceback")
    for command in (check, rules, rule, graph, simulate):
        command.add_argument("--rule-path", action="append", default=[], metavar="DIR",
                             help="also load the rule modules in folder DIR (repeatable)")
    for command in (check, rules, rule, graph, simulate):
        configuration = command.add_mutually_exclusive_group()
        configuration.add_argument("--config", metavar="FILE",
                                   help="read the configuration from FILE (default: the nearest .ipmplint.toml or "
                                        "pyproject.toml [tool.ipmplint] from here upward)")
        configuration.add_argument("--isolated", action="store_true", help="read no configuration file")
        command.add_argument("--debug", action="store_true",
                             help="on an internal error (exit 3), print the traceback")
    return parser


def _simulate_parser(sub) -> argparse.ArgumentParser:
    """``ipmplint simulate``: its options (docs/simulate.md)."""
    from ipmplint.simulation.outcomes import HARMFUL, Kind, Outcome

    simulate = sub.add_parser("simulate", help="fail every part of each server in turn and show who keeps the network")
    simulate.add_argument("paths", nargs="+", metavar="PATH", help="capture roots, or folders of them (a fleet)")
    simulate.add_argument("--format", choices=("text", "json", "markdown", "html"), default="text",
                          help="text (a matrix per server), json (docs/simulate-json.md), markdown, or html "
                               "(check's page with each server's matrix)")
    simulate.add_argument("--output", "-o", metavar="FILE", help="write the report to FILE instead of stdout")
    simulate.add_argument("--fail", action="append", default=[], metavar="KIND:NAME",
                          help="simulate only these failures, together (repeatable); KIND is one of "
                               + ", ".join(k.value for k in Kind) + "; NAME is domain/name (nic, vsw, vnet), "
                               "the domain (service-domain) or the address (probe-target)")
    simulate.add_argument("--pairs", action="store_true", help="also simulate every pair of single failures")
    simulate.add_argument("--fail-on", type=_csv, default=None, metavar="OUTCOMES",
                          help="outcomes of a single failure that make the exit code 1, comma-separated "
                               f"(default: {','.join(o.value for o in HARMFUL)}; any of "
                               + ", ".join(o.value for o in Outcome if o is not Outcome.UNAFFECTED) + ")")
    simulate.add_argument("--select", type=_csv, default=[], metavar="RULES",
                          help="explain effects with these rules' findings only")
    simulate.add_argument("--ignore", type=_csv, default=[], metavar="RULES", help="do not run these rules")
    simulate.add_argument("--jobs", "-j", type=_jobs, default=None, metavar="N",
                          help="simulate servers in N processes (default: every core; 1: in this process)")
    simulate.add_argument("--max-file-size", type=_size, default=None, metavar="BYTES",
                          help="refuse capture files larger than this (suffix K, M or G; default 64M)")
    simulate.add_argument("--no-cache", action="store_true", help="accepted for symmetry with check: "
                          "simulate keeps no cache")
    return simulate


def say(message: object) -> None:
    """One message on stderr: ``ipmplint: `` and the message, as one escaped line (a
    newline in a file name it quotes is shown as ``\\x0a``, not obeyed)."""
    sys.stderr.write(escaping.line(f"ipmplint: {message}") + "\n")


def main(argv: Optional[Sequence[str]] = None) -> int:
    from ipmplint.cli import crash

    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        with crash.sigterm_raises():
            return _dispatch(args, parser)
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


def _dispatch(args: argparse.Namespace, parser: argparse.ArgumentParser) -> int:
    if args.command in ("check", "graph"):
        from ipmplint.capture import archive

        with archive.run_budget():  # one memory bound for every archive the run opens
            return _check(args, parser) if args.command == "check" else _graph(args, parser)
    if args.command == "simulate":
        from ipmplint.capture import archive

        with archive.run_budget():
            return _simulate(args)
    if args.command == "merge":
        from ipmplint.engine import merge

        return merge.main(args.reports, args.output)
    if args.command == "rules":
        return _rules(args)
    if args.command == "cache":
        return _cache(args.action)
    return _rule(args.rule_id, args)


def _cache(action: str) -> int:
    """``ipmplint cache info`` / ``ipmplint cache clean`` (ipmplint.engine.cache)."""
    from ipmplint.engine import cache

    if action == "clean":
        removed = cache.clean()
        print(escaping.lines(f"removed {removed} file{'' if removed == 1 else 's'} from {cache.directory()}"))
        return EXIT_CLEAN
    facts = cache.info()
    for name in ("folder", "files", "bytes", "max_bytes", "key"):
        print(escaping.line(f"{name}: {facts[name]}"))
    return EXIT_CLEAN


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
        from ipmplint.reporters import escaping

        sys.stderr.write(escaping.utf8(crash.traceback_of(exc)))
    where = crash.input_of(exc)
    what = f"{type(exc).__name__}: {exc}" if str(exc) else type(exc).__name__
    say(f"internal error{f' while checking {where}' if where else ''} ({what[:200]}); "
        + ("please report it with the traceback above" if getattr(args, "debug", False)
           else "run again with --debug for the traceback, and please report it"))
    return EXIT_INTERNAL


def _load_rules(args: argparse.Namespace, cfg=None):
    """Built-in, plugin and rule-path rules (ipmplint.engine.plugins), with what could not be
    loaded and every id collision said on stderr at once, before anything runs.
    ``cfg``: the run's configuration (ipmplint.engine.config; read here when not given), whose
    ``rule-paths`` come after ``--rule-path``'s."""
    from ipmplint.engine import config, plugins

    if cfg is None:
        cfg = config.for_run(getattr(args, "config", None), getattr(args, "isolated", False))
    from_config = cfg.rule_paths
    if from_config and not cfg.trusted:  # found by the search: data, not code (docs/security.md)
        say(f"{cfg.path}: rule-paths not loaded ({', '.join(from_config)}): a configuration found by "
            f"searching upward runs no code; name it with --config {cfg.path}, or set "
            f"{config.TRUST_ENV}=1, to load them")
        from_config = ()
    elif from_config and not cfg.named:
        say(f"loading the rule-paths of {cfg.path} ({config.TRUST_ENV}=1)")
    paths: list[str] = []
    for path in [*(getattr(args, "rule_path", None) or ()), *from_config]:  # each folder once
        if os.path.abspath(path) not in map(os.path.abspath, paths):
            paths.append(path)
    loaded = plugins.load_rules(paths)
    for message in loaded.errors + loaded.collisions:
        say(message)
    return loaded


def _check(args: argparse.Namespace, parser: argparse.ArgumentParser) -> int:
    import attrs

    from ipmplint.capture import changed, discovery, limits
    from ipmplint.cli import progress
    from ipmplint.engine import config, fleet, selection, shard, suppression
    from ipmplint.findings import Report

    from ipmplint.engine import atomic

    if args.simulate and args.format not in _PAGE_FORMATS:
        return _usage_error("--simulate shows the simulation in the html page (--format html); "
                            "for other formats run ipmplint simulate")
    for output in (args.output, args.write_baseline):
        if output:
            atomic.check_writable(output)  # before the run, not after it
    cfg = config.for_run(args.config, args.isolated)
    if args.verbose:
        say(f"configuration: {cfg.path or 'none'}")
    loaded = _load_rules(args, cfg)
    if loaded.collisions:  # findings under an id two rules claim would be misattributed
        return EXIT_ERROR
    try:
        settings = config.resolve(cfg, loaded.rules, config.Overrides(
            select=args.select, ignore=args.ignore, extend_select=args.extend_select, fail_on=args.fail_on,
            baseline=args.baseline, fail_on_stale_baseline=args.fail_on_stale_baseline))
    except selection.SelectionError as exc:
        return _usage_error(str(exc))
    rules = settings.rules
    per_path = suppression.PathIgnores(settings.folder, settings.per_path_ignores) if settings.folder else None
    baseline = suppression.read_baseline(settings.baseline) if settings.baseline and not args.write_baseline else None
    max_size = args.max_file_size or limits.MAX_FILE_SIZE
    if discovery.STDIN in args.paths and args.changed:
        return _usage_error("--changed takes the changed files' names, not standard input")
    found = changed.roots(args.paths) if args.changed else discovery.discover(
        [p for p in args.paths if p != discovery.STDIN], max_file_size=max_size)
    if discovery.STDIN in args.paths:
        piped = _stdin(max_size)
        if isinstance(piped, str):
            return _usage_error(piped)
        found = discovery.merge(found, discovery.discover_stdin(piped, max_size))
    if not found.roots and not args.changed:  # nothing read at all: no report to give, only why
        for error in found.errors + found.notes or ("no capture found",):
            say(error)
        return EXIT_ERROR
    roots = shard.select(found.roots, args.shard)
    # What is no server's is said by one shard only, so the merged report says it once.
    unowned = found.errors + found.notes if args.shard is None or args.shard.first else ()
    servers, scenes = [], []
    shown = progress.Progress(len(roots), enabled=progress.wanted(sys.stderr, args.quiet))
    try:
        for checked in fleet.check(roots, rules, settings.run, jobs=args.jobs, use_cache=not args.no_cache,
                                   max_file_size=args.max_file_size or limits.MAX_FILE_SIZE,
                                   scenes=args.format in _PAGE_FORMATS):
            servers.append(checked.report)
            scenes.append(checked.scene)
            shown.step()
            if args.verbose:
                shown.close()
                for note in checked.notes:
                    print(escaping.line(note), file=sys.stderr)
    finally:
        shown.close()
    # The order shards merge back into: by server name, then path (scenes kept beside).
    order = sorted(range(len(servers)), key=lambda i: shard.position(servers[i].name, servers[i].path))
    servers, scenes = [servers[i] for i in order], [scenes[i] for i in order]
    report = Report(
        tool_version=__version__,
        inputs=tuple(args.paths),
        rules=tuple(r.info for r in rules),
        servers=tuple(servers),
        errors=unowned,
        rule_errors=loaded.errors,
        category=args.category,
    )
    if args.write_baseline:
        written, kept = suppression.write_baseline(args.write_baseline, report, per_path)
        if not args.quiet:
            say(f"wrote {written} finding{'' if written == 1 else 's'} to {args.write_baseline}"
                + (f" (and kept {kept} of servers or rules this run did not check)" if kept else ""))
        baseline = suppression.read_baseline(args.write_baseline)
    report = suppression.suppress(report, per_path, baseline)
    if args.format in _PAGE_FORMATS:  # marked with what the report shows, after the baseline
        from ipmplint.drawing import pictures

        report = pictures.attach(report, scenes, jobs=args.jobs or fleet.default_jobs())
    sims = None
    if args.simulate:
        from ipmplint.cli import page

        sims = page.simulated(roots, rules, settings.run, max_size, args.jobs or fleet.default_jobs())
    shown = report
    if args.format in _PEOPLE_FORMATS and not args.output:  # said once, on stderr, not twice on one screen
        shown = attrs.evolve(report, errors=(), rule_errors=())
    if sims is not None:
        from ipmplint.cli import page

        text = page.render(shown, sims, args.output)
    else:
        text = "" if args.quiet and not report.findings and args.format in _PEOPLE_FORMATS else _render(shown, args)
    if args.output:
        atomic.write_text(args.output, text)
    else:  # a name's bytes that are not UTF-8 shown as \xff, whatever the terminal's encoding
        sys.stdout.write(escaping.utf8(text))
    if args.statistics:
        from ipmplint.reporters.text import statistics

        # stdout holds the report unless it went to a file: keep machine formats parseable.
        (sys.stdout if args.output else sys.stderr).write(statistics(report))
    if args.stats:
        _stats(report)
    for error in found.errors + found.notes + found.outside:
        say(error)
    if not args.quiet:
        for line in suppression.stale_note(report.suppression):
            if line.startswith(" "):
                print(escaping.line(line), file=sys.stderr)
            else:
                say(line)
    if loaded.errors:  # a rule that could not be loaded: a CI gate must not silently lose it
        return EXIT_ERROR
    if found.errors or (not found.roots and not args.changed):  # unusable path, or nothing read at all
        return EXIT_ERROR
    if args.exit_zero:
        return EXIT_CLEAN
    threshold = settings.fail_on.rank
    if any(f.severity.rank >= threshold for f in report.findings):
        return EXIT_FINDINGS
    return EXIT_FINDINGS if settings.fail_on_stale_baseline and report.suppression.stale else EXIT_CLEAN


def _stdin(max_size: int):
    """Standard input's bytes (``check -``), at most ``max_size``; a message instead when
    there is nothing to read (a terminal) or too much."""
    if sys.stdin is None or sys.stdin.isatty():
        return "'-' reads a capture or a tar archive from standard input, which is a terminal here"
    data = sys.stdin.buffer.read(max_size + 1)
    if len(data) > max_size:
        return f"standard input is over the {max_size}-byte limit (--max-file-size); not read"
    return data


#: The formats written for people: on a terminal, unreadable inputs and rules are said
#: on stderr only (a report written to a file lists them too, to stand on its own).
_PEOPLE_FORMATS = ("text", "concise")
#: The formats read as a page opened from disk: each server's picture is drawn for them
#: only (Graphviz takes time), and their links are relative to the page's folder.
_PAGE_FORMATS = ("html",)


def _usage_error(message: str) -> int:
    """A wrong argument value found after parsing (an unknown rule): one line, exit 2."""
    say(f"error: {message}")
    return EXIT_ERROR


def _render(report, args: argparse.Namespace) -> str:
    from ipmplint import reporters

    srcroot = os.getcwd()
    if args.format in _PAGE_FORMATS and args.output:  # its links open from where the page is
        srcroot = os.path.dirname(os.path.abspath(args.output))
    return reporters.render(args.format, report, srcroot=srcroot, color=_use_color(args),
                            width=_width(args))


def _use_color(args: argparse.Namespace) -> bool:
    """``--color``, else the conventions: NO_COLOR (no-color.org) and TERM=dumb turn it
    off, FORCE_COLOR (force-color.org) on; otherwise only on a terminal."""
    if args.color == "always":
        return True
    if args.color == "never" or args.output or os.environ.get("NO_COLOR"):
        return False
    if os.environ.get("FORCE_COLOR"):
        return True
    if os.environ.get("TERM") == "dumb":
        return False
    return sys.stdout.isatty()


def _width(args: argparse.Namespace) -> Optional[int]:
    """The columns the text report fits: the terminal's, or ``COLUMNS``; None (no
    wrapping) for a file or a pipe with no ``COLUMNS``."""
    if args.output:
        return None
    columns = os.environ.get("COLUMNS", "")
    if columns.isdigit() and int(columns) > 0:
        return int(columns)
    if sys.stdout.isatty():
        import shutil

        return shutil.get_terminal_size().columns
    return None


def _stats(report) -> None:
    from tabulate import tabulate

    rows = [
        (a.file, a.kind, a.total, a.consumed, a.skipped, a.warned, a.blank)
        for s in report.servers for a in s.accounts
    ]
    headers = ("file", "kind", "lines", "consumed", "skipped", "warned", "blank")
    total = [sum(r[i] for r in rows) for i in range(2, 7)]
    rows.append(("total", "", *total))
    print(escaping.lines(tabulate(rows, headers=headers)), file=sys.stderr)


def _rules(args: argparse.Namespace) -> int:
    """Every rule: ``ID  severity  name`` on a line, its summary wrapped below it, so the
    list fits an 80-column terminal (or the terminal's width when it is narrower)."""
    import textwrap

    loaded = _load_rules(args)
    width = min(_terminal_columns(), 80)
    indent = " " * 18
    for r in loaded.rules:  # a plugin's text too: shown, never obeyed by the terminal
        origin = "" if r.origin == "builtin" else f"  (from {r.origin})"
        print(escaping.line(f"{r.id:<9} {r.info.severity.value:<7} {r.name}{origin}"))
        print(escaping.lines(textwrap.fill(r.info.summary, max(width, 40), initial_indent=indent,
                                           subsequent_indent=indent, break_long_words=False,
                                           break_on_hyphens=False)))
    return EXIT_ERROR if loaded.errors or loaded.collisions else EXIT_CLEAN


def _terminal_columns() -> int:
    import shutil

    return shutil.get_terminal_size((80, 24)).columns


def _rule(key: str, args: argparse.Namespace) -> int:
    from ipmplint.engine import selection

    loaded = _load_rules(args)
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
    from ipmplint.cli.reflow import reflow

    print(escaping.line(f"{rule.id} {rule.name} ({rule.info.severity.value}){origin}") + "\n")
    print(escaping.lines(reflow(rule.info.doc, min(_terminal_columns(), 80))))
    return EXIT_ERROR if loaded.errors or loaded.collisions else EXIT_CLEAN


def _selected_rules(args: argparse.Namespace):
    """The configuration, the rules loaded and the settings ``--select``/``--ignore``
    resolve to, for ``graph`` and ``simulate``; an exit code when they cannot be had."""
    from ipmplint.engine import config, selection

    cfg = config.for_run(args.config, args.isolated)
    loaded = _load_rules(args, cfg)
    if loaded.collisions:
        return EXIT_ERROR
    try:
        return loaded, config.resolve(cfg, loaded.rules, config.Overrides(select=args.select, ignore=args.ignore))
    except selection.SelectionError as exc:
        return _usage_error(str(exc))


def _failed_scene(drawn, server, topo, findings, specs: Sequence[str]):
    """``graph --fail``: the scene with the named elements crossed out and the paths the
    simulation finds dark marked (ipmplint.simulation: the same answer as ``simulate``)."""
    from ipmplint.drawing import scene
    from ipmplint.simulation import engine, run

    wanted = [run.parse_failure(text) for text in specs]
    sim = engine.Simulator(server, topo, findings)
    chosen = [next((e for e in sim.elements if w.matches(e)), None) for w in wanted]
    if any(e is None for e in chosen):
        raise ValueError(f"--fail: {run.absent(wanted, chosen, sim.elements)}")
    (scenario,) = sim.run(failures=[tuple(chosen)]).scenarios
    failed = {n for n in (sim.reach.node_of(e) for e in chosen) if n is not None}
    dark = {n for e in scenario.effects for n in e.dark}
    return scene.fail(drawn, failed, dark)


def _simulate(args: argparse.Namespace) -> int:
    """``ipmplint simulate``: the same discovery, configuration and rules as ``check``;
    exit 1 when a single failure leaves a domain in an outcome of ``--fail-on``."""
    from ipmplint.capture import discovery, limits
    from ipmplint.engine import fleet
    from ipmplint.simulation import run
    from ipmplint.simulation.model import HARMFUL, Outcome, SimulationReport

    outcomes = {o.value: o for o in Outcome}
    fail_on = HARMFUL
    if args.fail_on is not None:
        unknown = [o for o in args.fail_on if o not in outcomes]
        if unknown:
            return _usage_error(f"--fail-on: {', '.join(unknown)} is no outcome; use "
                                f"{', '.join(o for o in outcomes if o != 'unaffected')}")
        fail_on = tuple(outcomes[o] for o in args.fail_on)
    try:
        wanted = tuple(run.parse_failure(text) for text in args.fail)
    except run.FailureSpecError as exc:
        return _usage_error(str(exc))
    if wanted and args.pairs:
        return _usage_error("--fail and --pairs do not go together: --fail names the failures to simulate")
    ready = _selected_rules(args)
    if isinstance(ready, int):
        return ready
    loaded, settings = ready
    max_size = args.max_file_size or limits.MAX_FILE_SIZE
    found = discovery.discover(args.paths, max_file_size=max_size)
    if not found.roots:
        for error in found.errors + found.notes or ("no capture found",):
            say(error)
        return EXIT_ERROR
    job = run.Job(tuple(settings.rules), settings.run, wanted, args.pairs, max_size)
    seen = {"harmful": False, "simulated": False, "note": None}

    def servers():  # written as they come; what decides the exit code is noted on the way
        for sim in run.simulate(found.roots, job, jobs=args.jobs or fleet.default_jobs()):
            seen["harmful"] = seen["harmful"] or bool(run.harmful(sim, fail_on, singles_only=not wanted))
            seen["simulated"] = seen["simulated"] or bool(sim.scenarios)
            seen["note"] = seen["note"] or sim.note
            yield sim

    head = SimulationReport(__version__, (), found.errors + found.notes)
    width = _width(args) if args.format == "text" else None
    try:
        if args.format == "html":  # check's page, each server with its matrix
            from ipmplint.cli import page

            if args.output:
                from ipmplint.engine import atomic

                atomic.check_writable(args.output)
            jobs = args.jobs or fleet.default_jobs()
            sims = page.simulations(servers())
            report = page.checked(found.roots, settings.rules, settings.run, version=__version__,
                                  inputs=args.paths, errors=found.errors + found.notes, max_file_size=max_size,
                                  jobs=jobs)
            text = page.render(report, sims, args.output)
            if args.output:
                atomic.write_text(args.output, text)
            else:
                sys.stdout.write(escaping.utf8(text))
        elif args.output:  # whole or untouched: written aside, then renamed over the old report
            from ipmplint.engine import atomic

            atomic.check_writable(args.output)
            buffer = io.StringIO()
            run.FORMATS[args.format](buffer, servers(), head, width)
            atomic.write_text(args.output, buffer.getvalue())
        else:  # to a terminal or a pipe, each server as it comes
            run.FORMATS[args.format](sys.stdout, servers(), head, width)
    except OSError as exc:
        say(f"cannot write {exc.filename or args.output}: {exc.strerror or exc}")
        return EXIT_ERROR
    for error in found.errors + found.notes + found.outside:
        say(error)
    if wanted and not seen["simulated"]:
        return _usage_error(f"--fail: {seen['note']}")
    if loaded.errors or found.errors:
        return EXIT_ERROR
    return EXIT_FINDINGS if seen["harmful"] else EXIT_CLEAN


def _graph(args: argparse.Namespace, parser: argparse.ArgumentParser) -> int:
    """``ipmplint graph``: one picture per server, marked with exactly the check's findings."""
    from pathlib import Path

    from ipmplint import drawing, topology
    from ipmplint.capture import discovery, loader
    from ipmplint.engine import atomic, runner, suppression
    from ipmplint.drawing import render, scene

    ready = _selected_rules(args)
    if isinstance(ready, int):
        return ready
    loaded, settings = ready
    rules = settings.rules
    per_path = suppression.PathIgnores(settings.folder, settings.per_path_ignores) if settings.folder else None
    if args.format in drawing.RENDERED and not args.output and sys.stdout.isatty():
        return _usage_error(f"graph --format {args.format} is a binary image: give --output FILE "
                            f"(or redirect standard output to a file)")
    if args.format in drawing.RENDERED and render.dot_program() is None:
        say(f"--format {args.format} needs Graphviz's dot program, which is not on PATH: {render.INSTALL_HINT}")
        return EXIT_ERROR
    if args.fail:
        from ipmplint.simulation import run

        try:
            [run.parse_failure(text) for text in args.fail]
        except run.FailureSpecError as exc:
            return _usage_error(str(exc))
    found = discovery.discover(args.paths, max_file_size=args.max_file_size or loader.MAX_FILE_SIZE)
    folder = Path(args.output) if args.output and os.path.isdir(args.output) else None
    if len(found.roots) > 1 and folder is None:
        if args.output and os.path.exists(args.output):
            return _usage_error(f"graph: {len(found.roots)} servers found: --output must be a folder, "
                                f"not {args.output}")
        if not args.output:
            return _usage_error(f"graph: {len(found.roots)} servers found (a fleet): give --output DIR "
                                f"for one file per server")
        folder = Path(args.output)
    try:
        if folder is not None:
            folder.mkdir(parents=True, exist_ok=True)
        names = drawing.file_names([root.name for root in found.roots], args.format)
        for root, name in zip(found.roots, names):
            server = loader.load(root, max_file_size=args.max_file_size or loader.MAX_FILE_SIZE)
            findings = tuple(f for f in runner.check_server(server, rules, settings.run).findings
                             if per_path is None or not per_path.ignores(f))
            topo = topology.build(server)
            drawn = scene.build(server, topo, findings)
            if args.fail:
                drawn = _failed_scene(drawn, server, topo, findings, args.fail)
            picture = drawing.draw(drawn, args.format)
            if folder is not None:
                atomic.write_bytes(folder / name, picture)
            elif args.output:
                atomic.write_bytes(args.output, picture)
            elif args.format in drawing.RENDERED:
                sys.stdout.flush()
                sys.stdout.buffer.write(picture)
            else:
                sys.stdout.write(picture.decode("utf-8"))
    except render.RenderError as exc:
        say(exc)
        return EXIT_ERROR
    except atomic.OutputError as exc:
        say(exc)
        return EXIT_ERROR
    except ValueError as exc:  # graph --fail naming nothing on a server
        if not str(exc).startswith("--fail"):
            raise
        return _usage_error(str(exc))
    except OSError as exc:
        say(f"cannot write {exc.filename or args.output}: {exc.strerror or exc}")
        return EXIT_ERROR
    for error in found.errors + found.notes + found.outside:
        say(error)
    return EXIT_ERROR if loaded.errors or found.errors or not found.roots else EXIT_CLEAN
