"""A simulation run over capture roots: load each server (as ``check`` does), run the
rules on it so that every effect can name the findings that explain it, simulate, and
decide the exit code. Servers go to worker processes like ``check``'s (ipmplint.engine.fleet)."""

from __future__ import annotations

import gc
import io
from typing import Any, Iterable, Iterator, Optional, Sequence

import attrs

from ipmplint import topology
from ipmplint.capture import limits
from ipmplint.capture.roots import CaptureRoot
from ipmplint.engine import runner
from ipmplint.simulation import engine, json_report, markdown, text
from ipmplint.simulation.model import HARMFUL, Element, Kind, Outcome, ServerSimulation, SimulationReport

#: ``--format`` name → writer (out, servers, head, width): every format writes each
#: server as it comes, so a fleet's simulation is never held whole.
FORMATS = {"text": text.write, "json": json_report.write, "markdown": markdown.write}


def render(fmt: str, report: SimulationReport, width: Optional[int] = None) -> str:
    """A whole report as one string (for tests and for callers that hold the report)."""
    buffer = io.StringIO()
    FORMATS[fmt](buffer, report.servers, report, width)
    return buffer.getvalue()


class FailureSpecError(ValueError):
    """A ``--fail KIND:NAME`` that names no kind, or nothing on any server."""


@attrs.frozen
class Wanted:
    """One ``--fail KIND:NAME``: the kind, and the name as ``Element.spec`` writes it."""

    kind: Kind
    spec: str

    def matches(self, element: Element) -> bool:
        return element.kind is self.kind and element.spec == self.spec


def parse_failure(text: str) -> Wanted:
    """``nic:primary/e1000g0``, ``vsw:primary-vsw0@primary``, ``service-domain:primary``,
    ``vnet:ldg1/vnet0``, ``probe-target:192.168.1.1``."""
    kind_text, sep, name = text.partition(":")
    kinds = {k.value: k for k in Kind}
    if not sep or kind_text not in kinds or not name.strip():
        raise FailureSpecError(f"--fail '{text}': write KIND:NAME with KIND one of {', '.join(kinds)}")
    name = name.strip()
    if "@" in name and "/" not in name:  # ldm's way: primary-vsw0@primary
        element, _, domain = name.rpartition("@")
        name = f"{domain}/{element}"
    return Wanted(kinds[kind_text], name)


@attrs.frozen
class Job:
    """What every worker needs: the rules, their settings and the failures asked for."""

    rules: tuple
    settings: Any = None
    wanted: tuple[Wanted, ...] = ()
    pairs: bool = False
    max_file_size: int = limits.MAX_FILE_SIZE
    #: The configuration's per-path ignores (ipmplint.engine.suppression.PathIgnores):
    #: effects are explained with the findings ``check`` shows.
    per_path: Any = None


def simulate_root(job: Job, root: CaptureRoot) -> ServerSimulation:
    """Load, check and simulate one capture root."""
    server, report = runner.load_and_check(
        root, job.rules, job.settings, max_file_size=job.max_file_size, per_path=job.per_path
    )
    sim = engine.Simulator(server, topology.build(server), report.findings)
    if not job.wanted:
        return sim.run(pairs=job.pairs)
    chosen = tuple(next((e for e in sim.elements if w.matches(e)), None) for w in job.wanted)
    found = tuple(e for e in chosen if e is not None)
    if len(found) < len(chosen):
        return attrs.evolve(sim.run(failures=()), note=absent(job.wanted, chosen, sim.elements))
    return sim.run(failures=[found])


def absent(wanted: Sequence[Wanted], chosen: Sequence[Optional[Element]], elements: Sequence[Element]) -> str:
    names = ", ".join(f"{w.kind.value}:{w.spec}" for w, e in zip(wanted, chosen) if e is None)
    kinds = {w.kind for w, e in zip(wanted, chosen) if e is None}
    known = ", ".join(e.spec for e in elements if e.kind in kinds) or "none"
    return f"not on this server: {names} (known: {known})"


_JOB: Optional[Job] = None


def _init(job: Job) -> None:
    global _JOB
    _JOB = job


def _one(root: CaptureRoot) -> ServerSimulation:
    assert _JOB is not None
    return simulate_root(_JOB, root)


def simulate(roots: Sequence[Any], job: Job, jobs: int = 1) -> Iterator[ServerSimulation]:
    """One simulation per root, in order; in ``jobs`` forked workers when more than one."""
    roots = list(roots)
    jobs = min(jobs, len(roots))
    if jobs <= 1:
        for root in roots:
            yield simulate_root(job, root)
        return
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    from ipmplint.engine.fleet import _fork_ok

    context = multiprocessing.get_context("fork" if _fork_ok() else "spawn")
    gc.freeze()
    try:
        with ProcessPoolExecutor(jobs, mp_context=context, initializer=_init, initargs=(job,)) as pool:
            yield from pool.map(_one, roots, chunksize=max(1, min(8, len(roots) // (jobs * 16))))
    finally:
        gc.unfreeze()


def harmful(
    sim: ServerSimulation, fail_on: Iterable[Outcome] = HARMFUL, singles_only: bool = True
) -> list[tuple[str, str, Outcome]]:
    """(failure, subject, outcome) of every effect of a server whose outcome is in
    ``fail_on``: of single failures only (a pair is what ``--pairs`` adds to look at, not a
    single point of failure), unless ``singles_only`` is off (``--fail``)."""
    wanted = set(fail_on)
    return [
        (sc.label, e.subject, e.outcome)
        for sc in sim.scenarios
        if (len(sc.failed) == 1 or not singles_only)
        for e in sc.effects
        if e.outcome in wanted
    ]
