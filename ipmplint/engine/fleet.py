"""Checking many capture roots: in worker processes, streamed, and cached.

``check(roots, rules, settings, jobs=…, use_cache=…)`` yields one ``Checked`` per root,
in the order of ``roots``, whatever the number of jobs: the same reports, so the same
bytes in every output format. ``roots`` is taken one root at a time (a
``discovery.Stream``: the fleet is checked while it is walked) and each root is loaded,
checked, and dropped: only its ``ServerReport`` (and the ``--verbose`` notes about it)
outlives it, and at most ``WINDOW_PER_WORKER`` roots a worker are in flight, so what
the run holds does not grow with the fleet but for the reports.

``scenes``: also keep each server's drawing (``drawing.scene.Scene``, marked with
the findings of its check), for the report formats that show pictures (html); a
cached report without its scene is checked again once, then cached with it.

``jobs``: 1 checks in this process; N > 1 uses up to N worker processes, as many as
there are roots to check (``fork`` where the platform has it, after this process has
loaded the loader, the rules and every grammar, which the workers then share; ``spawn``
elsewhere, with the same worker code). A root on disk goes to a worker as plain
strings (``capture.roots.pack``); an archive's root, whose members are in this
process's memory, is checked here in its turn. The default is every core this process
may use.

The cache (``ipmplint.engine.root_cache``, files written by ``ipmplint.engine.cache``)
has two levels: each file's ``ParseResult`` keyed by its content, and each root's report
keyed by its files' keys and the run's fingerprint (``run_fingerprint``). A root whose
files' ``stat`` signatures, rules, settings and ipmplint are unchanged is answered from
its index, in this process, without reading a capture, parsing, building a topology or
running a rule; a root with a changed file is parsed again, the unchanged files'
results reused. A cache entry that cannot be read or does not match is rebuilt; the
cache never changes a report.

(Over 400 lines: choosing the workers, the pipeline that feeds them in order and a
root's cached check share ``_Run`` and the record format; apart, each would hand them
to the others.)

Workers send back compact records (``compact``: tuples of strings and numbers), which
are also what the index stores.
"""

from __future__ import annotations

import collections
import gc
import itertools
import os
import sys
from pathlib import Path
from typing import Any, Iterable, Iterator, Mapping, Optional, Sequence

import attrs

from ipmplint.acyclic import no_cycles
from ipmplint.capture import limits
from ipmplint.capture import roots as roots_packing
from ipmplint.capture.discovery import CaptureFile, CaptureRoot
from ipmplint.cli import crash
from ipmplint.engine import cache, compact, root_cache
from ipmplint.engine.root_cache import RootFiles, RootIndex
from ipmplint.engine.run_fingerprint import fingerprint
from ipmplint.findings import ServerReport


@attrs.frozen
class Checked:
    """What the run keeps of one root: its report, and what ``--verbose`` says of it."""

    report: ServerReport
    notes: tuple[str, ...] = ()
    #: The server's drawing, when the run asked for scenes (else None).
    scene: Any = None


def default_jobs() -> int:
    """Every core this process may run on."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except (AttributeError, OSError):  # pragma: no cover - not Linux
        return max(1, os.cpu_count() or 1)


def check(
    roots: Iterable[CaptureRoot],
    rules: Sequence[Any],
    settings: Any = None,
    *,
    jobs: Optional[int] = None,
    max_file_size: int = limits.MAX_FILE_SIZE,
    use_cache: bool = True,
    scenes: bool = False,
    accounts: bool = True,
) -> Iterator[Checked]:
    """One ``Checked`` per root, in the order of ``roots``, taken one at a time (a
    ``discovery.Stream``: the fleet is checked while it is walked). ``accounts``: False
    leaves each report's line accounts out (an output that shows none: at 10,000
    servers they were 120 MB of the 220 MB the reports took)."""
    run = _Run(tuple(rules), settings, max_file_size, use_cache, scenes, accounts)
    kept: set[str] = set()  # this run's cache entries
    try:
        yield from _checked(run, _noted(run, roots, kept), jobs)
    finally:
        if run.store is not None and run.checked:
            # This run's own entries are kept whatever the bound: a bound below the
            # fleet's size would evict first what the next run needs (cache.prune).
            # A run answered wholly from the cache wrote nothing, so has nothing to
            # prune (listing the folder is a stat per cache file).
            cache.prune(keep=kept)


def _noted(run: "_Run", roots: Iterable[CaptureRoot], kept: set[str]) -> Iterator[CaptureRoot]:
    """The roots, each one's cache entries noted in ``kept`` as it passes."""
    for root in roots:
        if run.store is not None and _cacheable(root):
            kept.update(root_cache.names(root))
        yield root


#: Roots a worker is handed at a time, at most. A root takes ~35 ms of CPU to check;
#: the parent's cost is per task (300 servers, two workers, load ~10: parent CPU 1.35 s
#: with chunks of 1, 1.12 s of 2, 0.92 s of 8; the workers' within noise). The first
#: chunks are smaller (1, then 2, 4: ``_chunk_size``) so that a run of a few roots
#: still spreads them over every worker.
CHUNK = 8
#: Roots in flight (handed out, or answered and waiting for an earlier one) per worker:
#: enough that a worker never waits for the next chunk, few enough that what the run
#: holds does not grow with the fleet.
WINDOW_PER_WORKER = 16
#: How far the run looks ahead, before it starts any worker, for as many roots to
#: check as it has jobs: a run with one root to check (the rest answered by the cache)
#: checks it in this process, and a run of three roots starts three workers, not 64.
LOOKAHEAD = 256


def _checked(run: "_Run", roots: Iterator[CaptureRoot], jobs: Optional[int]) -> Iterator[Checked]:
    jobs = jobs or default_jobs()
    ahead: list[tuple[CaptureRoot, Optional[Checked]]] = []
    todo = 0
    for root in roots:
        answer = run.answered(root)
        if answer is not None and not ahead:  # nothing waits before it: given at once (a warm run)
            yield answer
            continue
        ahead.append((root, answer))
        todo += answer is None
        run.checked = run.checked or answer is None
        if todo >= jobs or len(ahead) >= LOOKAHEAD:
            break
    items = itertools.chain(ahead, _answered(run, roots))
    workers = min(jobs, todo)
    if workers <= 1 or not _can_fan_out(run):
        for root, answer in items:
            yield answer if answer is not None else _checked_of(run, _check_here(run, root))
        return
    import multiprocessing  # only a run with workers pays for this import

    fork = _fork_ok()
    if fork:
        _load_for_workers()
    context = multiprocessing.get_context("fork" if fork else "spawn")
    # What the workers inherit stays shared: the collector does not walk (and so copy)
    # the parent's objects in each forked worker.
    gc.freeze()
    pool = context.Pool(workers, initializer=_init, initargs=(run, os.getpid()))
    try:
        yield from _pipeline(run, pool, items, workers)
    except BaseException:
        # Left by an exception (Ctrl-C, SIGTERM, a crash, a reader that stopped early):
        # the workers are killed, none outlives the run (ipmplint.cli.crash).
        pool.terminate()
        raise
    else:
        # Every answer in: the workers are told to stop and exit on their own. Not
        # terminate(): killing workers that are idle on the task queue can leave
        # Pool.join() waiting on one for ever (seen under load), and they have no work.
        pool.close()
    finally:
        pool.join()
        gc.unfreeze()


def _answered(run: "_Run", roots: Iterator[CaptureRoot]) -> Iterator[tuple[CaptureRoot, Optional[Checked]]]:
    for root in roots:
        answer = run.answered(root)
        run.checked = run.checked or answer is None
        yield root, answer


class _Chunk:
    """Roots handed to a worker as one task, packed (``roots.pack``); their records
    once the worker gave them."""

    def __init__(self) -> None:
        self.packed: list[tuple] = []
        self.result: Any = None
        self.records: Optional[list[tuple]] = None

    def hand(self, pool: Any) -> None:
        if self.result is None:
            self.result = pool.apply_async(_check_chunk, (self.packed,))
            self.packed = []

    def record(self, pool: Any, i: int) -> tuple:
        if self.records is None:
            self.hand(pool)
            self.records = self.result.get()
        return self.records[i]


def _pipeline(
    run: "_Run", pool: Any, items: Iterator[tuple[CaptureRoot, Optional[Checked]]], workers: int
) -> Iterator[Checked]:
    """Each root's ``Checked`` in order: the cache's answers as they are, the roots on
    disk handed to the workers a chunk at a time as they come, an archive's (its members
    live in this process's memory) checked here; at most ``WINDOW_PER_WORKER`` roots a
    worker in flight, so the run holds what is in hand, not the fleet."""
    pending: collections.deque[Any] = collections.deque()
    chunk = _Chunk()
    handed = 0  # chunks handed out
    window = workers * WINDOW_PER_WORKER

    def first() -> Checked:
        entry = pending.popleft()
        if isinstance(entry, Checked):
            return entry
        if isinstance(entry, CaptureRoot):
            return _checked_of(run, _check_here(run, entry))
        return _checked_of(run, entry[0].record(pool, entry[1]))

    for root, answer in items:
        if answer is not None:
            pending.append(answer)
        elif not roots_packing.packable(root):
            pending.append(root)
        else:
            if chunk.result is not None:  # handed (full, or wanted before it was)
                chunk = _Chunk()
            chunk.packed.append(roots_packing.pack(root))
            pending.append((chunk, len(chunk.packed) - 1))
            if len(chunk.packed) >= _chunk_size(handed, workers):
                chunk.hand(pool)
                handed += 1
        while len(pending) > window:
            yield first()
    if chunk.packed:
        chunk.hand(pool)
    while pending:
        yield first()


def _chunk_size(handed: int, workers: int) -> int:
    """The size of the next chunk, ``handed`` chunks into the run: 1 root for each
    worker's first, then doubling up to ``CHUNK``."""
    return min(CHUNK, 1 << min(handed // workers, 8))


def _load_for_workers() -> None:
    """What every worker would load on its first root, loaded once here before they
    fork and shared by them (copy-on-write): the loader, the runner and every compiled
    grammar (a grammar is a ``.lark`` file with a start rule; ``common`` is only imported)."""
    import importlib.resources

    from ipmplint.capture import loader  # noqa: F401
    from ipmplint.engine import runner  # noqa: F401
    from ipmplint.parsers import base

    for entry in importlib.resources.files("ipmplint.grammars").iterdir():
        if entry.name.endswith(".lark") and any(line.startswith("start") for line in entry.read_text().splitlines()):
            base.grammar(entry.name[: -len(".lark")])


def _checked_of(run: "_Run", record: tuple) -> Checked:
    """The ``Checked`` of a record a worker (or the cache) gave."""
    found = _unrecord(record, run.accounts)
    assert found is not None, "a worker's record did not unpack"
    return found


def _record(checked: Checked) -> tuple:
    """What crosses the pipe from a worker and what the index stores: the report as
    plain tuples (``compact``), the notes, and the scene when the run asked for one."""
    return (compact.pack(checked.report), checked.notes, checked.scene)


def _unrecord(record: Any, accounts: bool = True) -> Optional[Checked]:
    if not (isinstance(record, tuple) and len(record) == 3 and isinstance(record[1], tuple)):
        return None
    report = compact.unpack(record[0], accounts)
    return Checked(report, record[1], record[2]) if report is not None else None


def _fork_ok() -> bool:
    """Linux forks safely (macOS and Windows start workers with ``spawn``)."""
    return sys.platform.startswith("linux")


def _can_fan_out(run: "_Run") -> bool:
    """Workers started with ``spawn`` import what the run refers to by name: a rule from
    a rule path (a folder, not on ``sys.path``) cannot travel so, and the run stays in
    this process."""
    if _fork_ok():
        return True
    import importlib.machinery
    import pickle

    for rule in run.rules:
        top = getattr(rule.check, "__module__", "").partition(".")[0]
        if not top or importlib.machinery.PathFinder.find_spec(top) is None:
            return False
    try:
        pickle.dumps(run)
        return True
    except Exception:
        return False


# -- the work of one root (in a worker, or in this process) --------------------------------------

_RUN: Optional["_Run"] = None


def _init(run: "_Run", parent: int) -> None:
    global _RUN
    crash.worker_started(parent)
    _RUN = run


def _check_chunk(packed: list[tuple]) -> list[tuple]:
    """A worker's task: each root of the chunk checked, as records (see ``_record``)."""
    assert _RUN is not None
    return [_check_here(_RUN, roots_packing.unpack(p)) for p in packed]


def _check_here(run: "_Run", root: CaptureRoot) -> tuple:
    """One root checked in this process, as a record."""
    with crash.working_on(root.display):
        record = run.check(root)
    cache.sign_written()
    return record


class _Run:
    """Everything a worker needs: the roots, the rules, the settings, the cache."""

    def __init__(
        self,
        rules: tuple,
        settings: Any,
        max_file_size: int,
        use_cache: bool,
        scenes: bool = False,
        accounts: bool = True,
    ) -> None:
        self.scenes = scenes
        self.accounts = accounts
        self.rules = rules
        self.settings = settings
        self.max_file_size = max_file_size
        self.store = cache.folder("roots") if use_cache else None
        self.fingerprint = fingerprint(rules, settings, max_file_size) if self.store is not None else ""
        #: Whether any root is checked (not answered from the cache): only then is the
        #: cache written to.
        self.checked = False

    # -- answered from the cache, without reading a capture ---------------------------------

    def answered(self, root: CaptureRoot) -> Optional[Checked]:
        """The root's report when it has the shape it had when the report was made (the
        same files, each with the ``stat`` signature trusted then: ``root_cache.shape``)
        under this run's rules and settings: one ``stat`` per file and one small file
        read, nothing parsed, no topology, no rule run."""
        if self.store is None or not _cacheable(root):
            return None
        with no_cycles():  # a report from the cache: many objects kept, none a cycle
            index = RootIndex.load(self.store, root)
            if not index.shapes:
                return None
            try:
                now = root_cache.shape(root, _signature)
            except OSError:
                return None
            return self._usable(index.shaped(self.fingerprint, now))

    # -- checked --------------------------------------------------------------------------------

    def check(self, root: CaptureRoot) -> tuple:
        if self.store is None or not _cacheable(root):
            from ipmplint.capture import loader
            from ipmplint.engine import runner

            server = loader.load(root, max_file_size=self.max_file_size)
            report = runner.check_server(server, self.rules, self.settings)
            return _record(Checked(report, verbose_notes(server, report), self._scene(server, report)))
        index = RootIndex.load(self.store, root)
        files = RootFiles(index, self.max_file_size)
        keys = {cf.display: files.key(cf) for cf in _files(root)}
        report_key = self._report_key(root, keys)
        found = index.report(report_key)
        if self._usable(found) is not None:  # the same captures, checked before (another checkout, a CI cache)
            self._remember_shape(index, root, keys, report_key)
            index.save(self.store, root)
            return found
        from ipmplint.capture import loader  # lark, networkx: only a root checked anew pays for them
        from ipmplint.engine import runner

        files.load_parses(self.store, root)
        server = loader.load(root, max_file_size=self.max_file_size, cache=files)
        report = runner.check_server(server, self.rules, self.settings)
        record = _record(Checked(report, verbose_notes(server, report), self._scene(server, report)))
        files.save_parses(self.store, root)
        index.add_report(report_key, record)
        self._remember_shape(index, root, keys, report_key)
        index.save(self.store, root)
        return record

    def _remember_shape(self, index: RootIndex, root: CaptureRoot, keys: Mapping[str, Any], report_key: str) -> None:
        """Let the next run answer the root by ``stat`` alone (``answered``), when every
        file it reads has a trusted signature recorded with this run's content key."""
        index.add_shape(
            self.fingerprint, root_cache.shape(root, lambda cf: index.vouched(cf.display, keys[cf.display])), report_key
        )

    def _usable(self, record: Any) -> Optional[Checked]:
        """A cached answer, unless this run wants scenes and it was cached without one."""
        found = _unrecord(record, self.accounts)
        if found is None or (self.scenes and found.scene is None):
            return None
        return found

    def _scene(self, server: Any, report: ServerReport) -> Any:
        """The server's drawing marked with its findings, when the run asked for scenes."""
        if not self.scenes:
            return None
        from ipmplint import topology
        from ipmplint.drawing import scene

        return scene.build(server, topology.build(server), report.findings)

    def _report_key(self, root: CaptureRoot, keys: Mapping[str, Any]) -> str:
        parts = [
            self.fingerprint,
            root.name,
            root.display,
            root.layout,
            root.problems,
            tuple((d.name, d.display) for d in root.domains),
            tuple((cf.display, cf.kind, cf.sniffed, keys.get(cf.display)) for cf in _files(root)),
        ]
        return cache.digest(repr(parts))


_files = root_cache.files_of


def _signature(cf: CaptureFile) -> tuple:
    """A file's ``stat`` signature now; OSError when it is gone, or is no file on disk
    (an archive's member: ``_cacheable``)."""
    if not isinstance(cf.path, Path):
        raise OSError(f"{cf.display}: not a file on disk")
    return root_cache.signature(os.stat(str(cf.path)))


def _cacheable(root: CaptureRoot) -> bool:
    """Files on disk (a tar archive's members are read in memory, and checked afresh)."""
    return roots_packing.packable(root)


def verbose_notes(server: Any, report: ServerReport) -> tuple[str, ...]:
    """What ``--verbose`` says about one server: its release, and each skipped check."""
    notes = []
    if server.ldm is not None:
        notes.append(
            f"{server.name}: bindings read from {server.ldm.source.file} ({len(server.ldm_views)} ldm "
            f"view{'s' if len(server.ldm_views) > 1 else ''} captured)"
        )
    if server.release is not None:
        notes.append(f"{server.name}: LDoms release {server.release} ({server.release.how})")
    elif server.ldm is None and server.domain_listing is not None:
        notes.append(
            f"{server.name}: {server.domain_listing.source.file} names the domains but not their "
            f"resources (a short ldm list): no vnet/vsw bindings, topology rules skipped"
        )
    elif server.ldm is None:
        notes.append(f"{server.name}: no ldm capture: a single host; topology rules do not apply")
    for skip in report.skipped:
        missing = f" (missing: {', '.join(skip.missing)})" if skip.missing else ""
        notes.append(f"{server.name}: skipped {skip.rule_id}: {skip.reason}{missing}")
    return tuple(notes)
