"""``ipmplint check``: check capture directories and report findings.

The run: configuration and rules (ipmplint.cli.inputs), the capture roots (PATHs,
standard input or ``--changed``), each server checked by ipmplint.engine.fleet (workers,
cache), the baseline and per-path ignores applied, one report rendered in ``--format``,
and the exit code decided by ``--fail-on``.
"""

from __future__ import annotations

import argparse
import os
import sys
from typing import TYPE_CHECKING, Any, Iterable, Union

from ipmplint import __version__, escaping
from ipmplint.acyclic import no_cycles
from ipmplint.cli import console, inputs, options
from ipmplint.cli.console import say, usage_error
from ipmplint.cli.exits import EXIT_CLEAN, EXIT_ERROR, EXIT_FINDINGS
from ipmplint.reporters import FORMATS

if TYPE_CHECKING:
    from ipmplint.capture.discovery import Stream
    from ipmplint.findings import Report

#: The formats written for people: on a terminal, unreadable inputs and rules are said
#: on stderr only (a report written to a file lists them too, to stand on its own).
_PEOPLE_FORMATS = ("text", "concise")
#: The formats read as a page opened from disk: each server's picture is drawn for them
#: only (Graphviz takes time), and their links are relative to the page's folder.
_PAGE_FORMATS = ("html",)
#: The formats that show each file's line accounting (as ``--stats`` does): the run keeps
#: each server's line accounts for them only (55 a server: 10,000 servers' take 120 MB).
#: tests/cli/test_check_memory.py renders every other format without them, byte for byte.
ACCOUNT_FORMATS = ("json", "html")


#: The command this module adds, and its line in ``ipmplint --help``.
HELP = {"check": "check capture directories and report findings"}


def add_parser(sub: "argparse._SubParsersAction[argparse.ArgumentParser]") -> argparse.ArgumentParser:
    check = sub.add_parser("check", help=HELP["check"])
    check.add_argument(
        "paths",
        nargs="+",
        metavar="PATH",
        help="capture roots, or folders of them (a fleet); - reads one capture or a tar archive "
        "of captures from standard input",
    )
    check.add_argument(
        "--format",
        choices=tuple(FORMATS),
        default="text",
        metavar="FORMAT",
        help="report format: " + "; ".join(f"{name}: {what}" for name, what in FORMATS.items()),
    )
    check.add_argument("--output", "-o", metavar="FILE", help="write the report to FILE instead of stdout")
    check.add_argument(
        "--select",
        type=options.csv,
        default=[],
        metavar="RULES",
        help="run only these rules: ids, id prefixes (IPMP1) or names, comma-separated",
    )
    check.add_argument("--ignore", type=options.csv, default=[], metavar="RULES", help="do not run these rules")
    check.add_argument(
        "--extend-select",
        type=options.csv,
        default=[],
        metavar="RULES",
        help="run these rules too, on top of the configuration's select",
    )
    check.add_argument(
        "--fail-on",
        choices=("error", "warning", "info"),
        default=None,
        help="lowest severity that makes the exit code 1 (default: the configuration's, else warning)",
    )
    check.add_argument(
        "--verbose",
        "-v",
        action="store_true",
        help="say which checks were skipped for want of which file, and how the release was found",
    )
    options.add_max_file_size(check)
    check.add_argument(
        "--stats", action="store_true", help="print each file's line accounting (consumed, skipped, warned, blank)"
    )
    check.add_argument(
        "--statistics",
        action="store_true",
        help="after the report, count findings per rule (on stderr, or on stdout with --output)",
    )
    check.add_argument(
        "--color",
        choices=("auto", "always", "never"),
        default="auto",
        help="colour in text output (auto: on a terminal unless NO_COLOR is set or TERM=dumb; FORCE_COLOR forces it)",
    )
    check.add_argument(
        "--exit-zero", action="store_true", help="exit 0 even when findings are reported (2 still means unusable input)"
    )
    check.add_argument(
        "--quiet",
        "-q",
        action="store_true",
        help="print findings and errors only: no progress, no summary on a clean run, no notes",
    )
    check.add_argument(
        "--category",
        metavar="NAME",
        help="name this run in SARIF (automationDetails.id ipmplint/NAME/; default: from the paths)",
    )
    check.add_argument(
        "--jobs",
        "-j",
        type=options.jobs,
        default=None,
        metavar="N",
        help="check servers in N processes (default: every core; 1: in this process)",
    )
    check.add_argument(
        "--shard",
        type=options.shard,
        default=None,
        metavar="K/N",
        help="check only shard K of N (servers split by a hash of their path; shard 1 also "
        "reports unreadable paths): run N CI jobs, then join them with ipmplint merge",
    )
    check.add_argument(
        "--no-cache", action="store_true", help="neither read nor write the cache of parse results and reports"
    )
    check.add_argument(
        "--changed",
        action="store_true",
        help="PATHs are changed files (pre-commit): check each capture root under the current "
        "folder that holds one, once; files outside every capture are ignored",
    )
    check.add_argument(
        "--baseline",
        metavar="FILE",
        help="hide the findings whose fingerprints FILE holds (written by --write-baseline)",
    )
    check.add_argument(
        "--write-baseline",
        metavar="FILE",
        help="write the findings' fingerprints to FILE (kept: entries of servers or rules "
        "not checked), then report with it",
    )
    check.add_argument(
        "--fail-on-stale-baseline", action="store_true", help="exit 1 when a baseline entry is no longer found"
    )
    check.add_argument(
        "--simulate",
        action="store_true",
        help="with --format html: also show each server's failures x domains matrix "
        "(what ipmplint simulate --format html shows)",
    )
    return check


def run(args: argparse.Namespace) -> int:
    import attrs

    from ipmplint.capture import discovery
    from ipmplint.cli import progress
    from ipmplint.engine import atomic, fleet, resolution, shard, suppression
    from ipmplint.findings import Report

    if args.simulate and args.format not in _PAGE_FORMATS:
        return usage_error(
            "--simulate shows the simulation in the html page (--format html); for other formats run ipmplint simulate"
        )
    for output in (args.output, args.write_baseline):
        if output:
            atomic.check_writable(output)  # before the run, not after it
    ready = inputs.configure(
        args,
        resolution.Overrides(
            select=args.select,
            ignore=args.ignore,
            extend_select=args.extend_select,
            fail_on=args.fail_on,
            baseline=args.baseline,
            fail_on_stale_baseline=args.fail_on_stale_baseline,
        ),
        verbose=args.verbose,
    )
    if isinstance(ready, int):
        return ready
    settings, per_path, max_size = ready.settings, ready.per_path, ready.max_size
    rules = settings.rules
    baseline = suppression.read_baseline(settings.baseline) if settings.baseline and not args.write_baseline else None
    if discovery.STDIN in args.paths and args.changed:
        return usage_error("--changed takes the changed files' names, not standard input")
    found = _found(args, max_size)
    if isinstance(found, str):
        return usage_error(found)
    if not found.ahead():  # nothing to check: said why, and no report
        ready = inputs.discover(ready, args.paths, found.finished(), allow_none=args.changed)
        if isinstance(ready, int):
            return ready
    # Each server is checked as the walk finds it (only the servers in hand are held);
    # the simulation of --simulate reads them again, so it keeps them.
    roots: Iterable[Any] = shard.owned(found, args.shard)
    simulated = tuple(roots) if args.simulate else ()
    roots = simulated or roots
    servers, scenes = [], []
    counter = progress.Progress(None, enabled=progress.wanted(sys.stderr, args.quiet))
    try:
        for checked in fleet.check(
            roots,
            rules,
            settings.run,
            jobs=args.jobs,
            use_cache=not args.no_cache,
            max_file_size=max_size,
            scenes=args.format in _PAGE_FORMATS,
            accounts=args.stats or args.format in ACCOUNT_FORMATS,
        ):
            servers.append(checked.report)
            scenes.append(checked.scene)
            counter.step()
            if args.verbose:
                counter.close()
                for note in checked.notes:
                    print(escaping.line(note), file=sys.stderr)
    finally:
        counter.close()
    # What is no server's is said by one shard only, so the merged report says it once.
    unowned = tuple(found.errors + found.notes) if args.shard is None or args.shard.first else ()
    # The order shards merge back into: by server name, then path (scenes kept beside).
    order = sorted(range(len(servers)), key=lambda i: shard.position(servers[i].name, servers[i].path))
    servers, scenes = [servers[i] for i in order], [scenes[i] for i in order]
    report = Report(
        tool_version=__version__,
        inputs=tuple(args.paths),
        rules=tuple(r.info for r in rules),
        servers=tuple(servers),
        errors=unowned,
        rule_errors=ready.loaded.errors,
        category=args.category,
    )
    if args.write_baseline:
        written, kept = suppression.write_baseline(args.write_baseline, report, per_path)
        if not args.quiet:
            say(
                f"wrote {written} finding{'' if written == 1 else 's'} to {args.write_baseline}"
                + (f" (and kept {kept} of servers or rules this run did not check)" if kept else "")
            )
        baseline = suppression.read_baseline(args.write_baseline)
    report = suppression.suppress(report, per_path, baseline)
    if args.format in _PAGE_FORMATS:  # marked with what the report shows, after the baseline
        from ipmplint.drawing import pictures

        report = pictures.attach(report, scenes, jobs=args.jobs or fleet.default_jobs())
    shown = report
    if args.format in _PEOPLE_FORMATS and not args.output:  # said once, on stderr, not twice on one screen
        shown = attrs.evolve(report, errors=(), rule_errors=())
    if args.simulate:
        from ipmplint.cli import page

        sims = page.simulated(simulated, rules, settings.run, max_size, args.jobs or fleet.default_jobs())
        text = page.render(shown, sims, args.output)
    elif args.quiet and not report.findings and args.format in _PEOPLE_FORMATS:
        text = ""
    else:
        with no_cycles():  # a fleet's report: many rows and cells, none a cycle
            text = _render(shown, args)
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
    inputs.said(found)
    if not args.quiet:
        for line in suppression.stale_note(report.suppression):
            if line.startswith(" "):
                print(escaping.line(line), file=sys.stderr)
            else:
                say(line)
    if ready.loaded.errors:  # a rule that could not be loaded: a CI gate must not silently lose it
        return EXIT_ERROR
    if found.errors or (not found.count and not args.changed):  # unusable path, or nothing read at all
        return EXIT_ERROR
    if args.exit_zero:
        return EXIT_CLEAN
    threshold = settings.fail_on.rank
    if any(f.severity.rank >= threshold for f in report.findings):
        return EXIT_FINDINGS
    return EXIT_FINDINGS if settings.fail_on_stale_baseline and report.suppression.stale else EXIT_CLEAN


def _found(args: argparse.Namespace, max_size: int) -> Union["Stream", str]:
    """The capture roots of the command line as they are found: under the PATHs, then
    on standard input (``-``); or those holding the ``--changed`` files. A message when
    standard input cannot be read."""
    from ipmplint.capture import changed, discovery

    if args.changed:
        return discovery.Stream.of(changed.roots(args.paths))
    from ipmplint.engine import shard

    found = discovery.stream(
        [p for p in args.paths if p != discovery.STDIN], max_file_size=max_size, wanted=shard.wanted(args.shard)
    )
    if discovery.STDIN not in args.paths:
        return found
    piped = _stdin(max_size)
    if isinstance(piped, str):
        return piped
    return found.then(discovery.Stream.of(discovery.discover_stdin(piped, max_size)))


def _stdin(max_size: int) -> Union[str, bytes]:
    """Standard input's bytes (``check -``), at most ``max_size``; a message instead when
    there is nothing to read (a terminal) or too much."""
    if sys.stdin is None or sys.stdin.isatty():
        return "'-' reads a capture or a tar archive from standard input, which is a terminal here"
    data = sys.stdin.buffer.read(max_size + 1)
    if len(data) > max_size:
        return f"standard input is over the {max_size}-byte limit (--max-file-size); not read"
    return data


def _render(report: "Report", args: argparse.Namespace) -> str:
    from ipmplint import reporters

    srcroot = os.getcwd()
    if args.format in _PAGE_FORMATS and args.output:  # its links open from where the page is
        srcroot = os.path.dirname(os.path.abspath(args.output))
    return reporters.render(
        args.format, report, srcroot=srcroot, color=console.use_color(args), width=console.width(args)
    )


def _stats(report: "Report") -> None:
    from tabulate import tabulate

    accounts = [a for s in report.servers for a in s.accounts]
    rows: list[tuple[object, ...]] = [
        (a.file, a.kind, a.total, a.consumed, a.skipped, a.warned, a.blank) for a in accounts
    ]
    headers = ("file", "kind", "lines", "consumed", "skipped", "warned", "blank")
    counts = ("total", "consumed", "skipped", "warned", "blank")
    rows.append(("total", "", *(sum(getattr(a, count) for a in accounts) for count in counts)))
    print(escaping.lines(tabulate(rows, headers=headers)), file=sys.stderr)
