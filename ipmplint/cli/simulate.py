"""``ipmplint simulate``: fail every part of each server in turn and show who keeps the
network (docs/simulate.md). The same configuration, rules and servers as ``check``
(ipmplint.cli.inputs); exit 1 when a single failure leaves a domain in an outcome of
``--fail-on``."""

from __future__ import annotations

import argparse
import io
import sys
from typing import TYPE_CHECKING, Any, Iterator

from ipmplint import __version__, escaping
from ipmplint.cli import console, inputs, options
from ipmplint.cli.console import say, usage_error
from ipmplint.cli.exits import EXIT_CLEAN, EXIT_ERROR, EXIT_FINDINGS

if TYPE_CHECKING:
    from ipmplint.simulation.model import ServerSimulation


#: The command this module adds, and its line in ``ipmplint --help``.
HELP = {"simulate": "fail every part of each server in turn and show who keeps the network"}


def add_parser(sub: "argparse._SubParsersAction[argparse.ArgumentParser]") -> argparse.ArgumentParser:
    from ipmplint.simulation.outcomes import HARMFUL, Kind, Outcome

    simulate = sub.add_parser("simulate", help=HELP["simulate"])
    options.add_paths(simulate)
    simulate.add_argument(
        "--format",
        choices=("text", "json", "markdown", "html"),
        default="text",
        help="text (a matrix per server), json (docs/simulate-json.md), markdown, or html "
        "(check's page with each server's matrix)",
    )
    simulate.add_argument("--output", "-o", metavar="FILE", help="write the report to FILE instead of stdout")
    simulate.add_argument(
        "--fail",
        action="append",
        default=[],
        metavar="KIND:NAME",
        help="simulate only these failures, together (repeatable); KIND is one of "
        + ", ".join(k.value for k in Kind)
        + "; NAME is domain/name (nic, vsw, vnet), "
        "the domain (service-domain) or the address (probe-target)",
    )
    simulate.add_argument("--pairs", action="store_true", help="also simulate every pair of single failures")
    simulate.add_argument(
        "--fail-on",
        type=options.csv,
        default=None,
        metavar="OUTCOMES",
        help="outcomes of a single failure that make the exit code 1, comma-separated "
        f"(default: {','.join(o.value for o in HARMFUL)}; any of "
        + ", ".join(o.value for o in Outcome if o is not Outcome.UNAFFECTED)
        + ")",
    )
    simulate.add_argument(
        "--select",
        type=options.csv,
        default=[],
        metavar="RULES",
        help="explain effects with these rules' findings only",
    )
    simulate.add_argument("--ignore", type=options.csv, default=[], metavar="RULES", help="do not run these rules")
    simulate.add_argument(
        "--jobs",
        "-j",
        type=options.jobs,
        default=None,
        metavar="N",
        help="simulate servers in N processes (default: every core; 1: in this process)",
    )
    options.add_max_file_size(simulate)
    simulate.add_argument(
        "--no-cache", action="store_true", help="accepted for symmetry with check: simulate keeps no cache"
    )
    return simulate


def run(args: argparse.Namespace) -> int:
    from ipmplint.engine import fleet
    from ipmplint.simulation import run
    from ipmplint.simulation.model import HARMFUL, Outcome, SimulationReport

    outcomes = {o.value: o for o in Outcome}
    fail_on: tuple[Outcome, ...] = HARMFUL
    if args.fail_on is not None:
        unknown = [o for o in args.fail_on if o not in outcomes]
        if unknown:
            return usage_error(
                f"--fail-on: {', '.join(unknown)} is no outcome; use "
                f"{', '.join(o for o in outcomes if o != 'unaffected')}"
            )
        fail_on = tuple(outcomes[o] for o in args.fail_on)
    try:
        wanted = tuple(run.parse_failure(text) for text in args.fail)
    except run.FailureSpecError as exc:
        return usage_error(str(exc))
    if wanted and args.pairs:
        return usage_error("--fail and --pairs do not go together: --fail names the failures to simulate")
    ready = inputs.gather(args)
    if isinstance(ready, int):
        return ready
    found, settings = ready.found, ready.settings
    assert found is not None  # gather() discovered
    job = run.Job(tuple(settings.rules), settings.run, wanted, args.pairs, ready.max_size, ready.per_path)
    seen: dict[str, Any] = {"harmful": False, "simulated": False, "note": None}

    def servers() -> Iterator[
        "ServerSimulation"
    ]:  # written as they come; what decides the exit code is noted on the way
        for sim in run.simulate(found.roots, job, jobs=args.jobs or fleet.default_jobs()):
            seen["harmful"] = seen["harmful"] or bool(run.harmful(sim, fail_on, singles_only=not wanted))
            seen["simulated"] = seen["simulated"] or bool(sim.scenarios)
            seen["note"] = seen["note"] or sim.note
            yield sim

    head = SimulationReport(__version__, (), found.errors + found.notes)
    width = console.width(args) if args.format == "text" else None
    try:
        if args.format == "html":  # check's page, each server with its matrix
            from ipmplint.cli import page

            if args.output:
                from ipmplint.engine import atomic

                atomic.check_writable(args.output)
            jobs = args.jobs or fleet.default_jobs()
            sims = page.simulations(servers())
            report = page.checked(
                found.roots,
                settings.rules,
                settings.run,
                version=__version__,
                inputs=args.paths,
                errors=found.errors + found.notes,
                max_file_size=ready.max_size,
                jobs=jobs,
            )
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
    inputs.said(found)
    if wanted and not seen["simulated"]:
        return usage_error(f"--fail: {seen['note']}")
    if ready.loaded.errors or found.errors:
        return EXIT_ERROR
    return EXIT_FINDINGS if seen["harmful"] else EXIT_CLEAN
