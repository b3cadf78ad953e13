"""The html page with the simulation in it: ``ipmplint simulate --format html`` and
``ipmplint check --format html --simulate`` (ipmplint.reporters.html, html_matrix).

The page is ``check``'s (findings, pictures, skipped checks, parse warnings, rule
documentation) with each server's failures × domains matrix besides, so both commands
write the same page. The simulation runs its own pass over the captures
(``ipmplint.simulation.run``: load, check, simulate), as ``ipmplint simulate`` does, and
each simulation joins its server's report by the capture root's path; a page with the
simulation costs about one more check of the fleet.
"""

from __future__ import annotations

from typing import Any, Iterable, Optional, Sequence

from ipmplint.findings import Report


def simulations(sims: Iterable[Any]) -> dict[str, Any]:
    """Each server's simulation (``ServerSimulation``) by its capture root's path."""
    return {sim.path: sim for sim in sims}


def simulated(
    roots: Sequence[Any], rules: Sequence[Any], settings: Any, max_file_size: int, jobs: int
) -> dict[str, Any]:
    """Every single failure of every server simulated (``ipmplint simulate``'s default)."""
    from ipmplint.simulation import run

    job = run.Job(tuple(rules), settings, (), False, max_file_size)
    return simulations(run.simulate(roots, job, jobs=jobs))


def checked(
    roots: Sequence[Any],
    rules: Sequence[Any],
    settings: Any,
    *,
    version: str,
    inputs: Sequence[str],
    errors: Sequence[str],
    max_file_size: int,
    jobs: int,
) -> Report:
    """``check``'s report of the roots, each server with its picture, in the order
    ``check`` writes them (by server name, then path); no cache is read or written
    (``simulate`` keeps none)."""
    from ipmplint.drawing import pictures
    from ipmplint.engine import fleet, shard

    reports, scenes = [], []
    for one in fleet.check(
        roots, rules, settings, jobs=jobs, use_cache=False, max_file_size=max_file_size, scenes=True
    ):
        reports.append(one.report)
        scenes.append(one.scene)
    order = sorted(range(len(reports)), key=lambda i: shard.position(reports[i].name, reports[i].path))
    report = Report(
        tool_version=version,
        inputs=tuple(inputs),
        rules=tuple(r.info for r in rules),
        servers=tuple(reports[i] for i in order),
        errors=tuple(errors),
    )
    return pictures.attach(report, [scenes[i] for i in order], jobs=jobs)


def render(report: Report, sims: Optional[dict[str, Any]], output: Optional[str]) -> str:
    """The page, its links relative to the folder it is written to (the working
    directory for standard output)."""
    import os

    from ipmplint.reporters import html

    srcroot = os.path.dirname(os.path.abspath(output)) if output else os.getcwd()
    return html.render(report, srcroot=srcroot, simulations=sims)
