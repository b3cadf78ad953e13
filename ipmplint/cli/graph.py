"""``ipmplint graph``: one picture per server (its failover paths), marked with exactly
the findings ``check`` reports; ``--fail`` draws named elements failed and the paths
that go dark (the simulation's answer, ipmplint.simulation)."""

from __future__ import annotations

import argparse
import os
import sys
from typing import TYPE_CHECKING, Sequence

from ipmplint.cli import inputs, options
from ipmplint.cli.console import say, usage_error
from ipmplint.cli.exits import EXIT_CLEAN, EXIT_ERROR

if TYPE_CHECKING:
    from ipmplint.drawing.scene import Scene
    from ipmplint.findings import Finding
    from ipmplint.model import Server
    from ipmplint.topology import Topology


#: The command this module adds, and its line in ``ipmplint --help``.
HELP = {"graph": "draw each server's failover paths, its findings marked"}


def add_parser(sub: "argparse._SubParsersAction[argparse.ArgumentParser]") -> argparse.ArgumentParser:
    graph = sub.add_parser("graph", help=HELP["graph"])
    options.add_paths(graph)
    graph.add_argument(
        "--format",
        choices=("dot", "mermaid", "svg", "png"),
        default="dot",  # = drawing.FORMATS
        help="dot or mermaid text, or svg/png rendered by Graphviz's dot (default: dot)",
    )
    graph.add_argument(
        "--output", "-o", metavar="FILE", help="write to FILE (a fleet: to one file per server in the folder FILE)"
    )
    graph.add_argument(
        "--select", type=options.csv, default=[], metavar="RULES", help="mark only these rules' findings"
    )
    graph.add_argument("--ignore", type=options.csv, default=[], metavar="RULES", help="do not run these rules")
    options.add_max_file_size(graph)
    graph.add_argument(
        "--fail",
        action="append",
        default=[],
        metavar="KIND:NAME",
        help="draw these elements failed (crossed out) and the paths that go dark",
    )
    return graph


def run(args: argparse.Namespace) -> int:
    from pathlib import Path

    from ipmplint import drawing, topology
    from ipmplint.drawing import render, scene
    from ipmplint.engine import atomic, runner

    ready = inputs.configure(args)
    if isinstance(ready, int):
        return ready
    if args.format in drawing.RENDERED and not args.output and sys.stdout.isatty():
        return usage_error(
            f"graph --format {args.format} is a binary image: give --output FILE "
            f"(or redirect standard output to a file)"
        )
    if args.format in drawing.RENDERED and render.dot_program() is None:
        say(f"--format {args.format} needs Graphviz's dot program, which is not on PATH: {render.INSTALL_HINT}")
        return EXIT_ERROR
    if args.fail:
        from ipmplint.simulation import run as simulation

        try:
            [simulation.parse_failure(text) for text in args.fail]
        except simulation.FailureSpecError as exc:
            return usage_error(str(exc))
    ready = inputs.discover(ready, args.paths)
    if isinstance(ready, int):
        return ready
    found, settings = ready.found, ready.settings
    assert found is not None  # gather() discovered
    folder = Path(args.output) if args.output and os.path.isdir(args.output) else None
    if len(found.roots) > 1 and folder is None:
        if args.output and os.path.exists(args.output):
            return usage_error(f"graph: {len(found.roots)} servers found: --output must be a folder, not {args.output}")
        if not args.output:
            return usage_error(
                f"graph: {len(found.roots)} servers found (a fleet): give --output DIR for one file per server"
            )
        folder = Path(args.output)
    try:
        if folder is not None:
            folder.mkdir(parents=True, exist_ok=True)
        names = drawing.file_names([root.name for root in found.roots], args.format)
        for root, name in zip(found.roots, names):
            server, report = runner.load_and_check(
                root, settings.rules, settings.run, max_file_size=ready.max_size, per_path=ready.per_path
            )
            topo = topology.build(server)
            drawn = scene.build(server, topo, report.findings)
            if args.fail:
                drawn = _failed_scene(drawn, server, topo, report.findings, args.fail)
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
        return usage_error(str(exc))
    except OSError as exc:
        say(f"cannot write {exc.filename or args.output}: {exc.strerror or exc}")
        return EXIT_ERROR
    inputs.said(found)
    return EXIT_ERROR if ready.loaded.errors or found.errors else EXIT_CLEAN


def _failed_scene(
    drawn: "Scene", server: "Server", topo: "Topology", findings: Sequence["Finding"], specs: Sequence[str]
) -> "Scene":
    """``graph --fail``: the scene with the named elements crossed out and the paths the
    simulation finds dark marked (ipmplint.simulation: the same answer as ``simulate``)."""
    from ipmplint.drawing import scene
    from ipmplint.simulation import engine, run

    wanted = [run.parse_failure(text) for text in specs]
    sim = engine.Simulator(server, topo, findings)
    chosen = [next((e for e in sim.elements if w.matches(e)), None) for w in wanted]
    found = tuple(e for e in chosen if e is not None)
    if len(found) < len(chosen):
        raise ValueError(f"--fail: {run.absent(wanted, chosen, sim.elements)}")
    (scenario,) = sim.run(failures=[found]).scenarios
    failed = {n for n in (sim.reach.node_of(e) for e in found) if n is not None}
    dark = {n for e in scenario.effects for n in e.dark}
    return scene.fail(drawn, failed, dark)
