"""Checking many capture roots: in worker processes, streamed, and cached.

``check(roots, rules, settings, jobs=…, use_cache=…)`` yields one ``Checked`` per root,
in the order of ``roots``, whatever the number of jobs: the same reports, so the same
bytes in every output format. Each root is loaded, checked, and dropped: only its
``ServerReport`` (and the ``--verbose`` notes about it) outlives it, so memory stays
flat however large the fleet.

``scenes``: also keep each server's drawing (``drawing.scene.Scene``, marked with
the findings of its check), for the report formats that show pictures (html); a
cached report without its scene is checked again once, then cached with it.

``jobs``: 1 checks in this process; N > 1 uses N worker processes (``fork`` where the
platform has it, so workers start with this process's rules and compiled grammars;
``spawn`` elsewhere, with the same worker code). The default is every core this
process may use.

The cache (``ipmplint.engine.root_cache``, files written by ``ipmplint.engine.cache``)
has two levels: each file's ``ParseResult`` keyed by its content, and each root's report
keyed by its files' keys and the run's fingerprint (``run_fingerprint``). A root whose
files' ``stat`` signatures, rules, settings and ipmplint are unchanged is answered from
its index, in this process, without reading a capture, parsing, building a topology or
running a rule; a root with a changed file is parsed again, the unchanged files'
results reused. A cache entry that cannot be read or does not match is rebuilt; the
cache never changes a report.

Workers send back compact records (``compact``: tuples of strings and numbers), which
are also what the index stores.
"""

from __future__ import annotations

import gc
import os
import sys
from pathlib import Path
from typing import Any, Iterator, Mapping, Optional, Sequence

import attrs

from ipmplint.acyclic import no_cycles
from ipmplint.capture import limits
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
    roots: Sequence[CaptureRoot],
    rules: Sequence[Any],
    settings: Any = None,
    *,
    jobs: Optional[int] = None,
    max_file_size: int = limits.MAX_FILE_SIZE,
    use_cache: bool = True,
    scenes: bool = False,
) -> Iterator[Checked]:
    """One ``Checked`` per root, in the order of ``roots``."""
    roots = list(roots)
    run = _Run(roots, tuple(rules), settings, max_file_size, use_cache, scenes)
    try:
        yield from _checked(run, jobs)
    finally:
        if run.store is not None and run.checked:
            # This run's own entries are kept whatever the bound: a bound below the
            # fleet's size would evict first what the next run needs (cache.prune).
            # A run answered wholly from the cache wrote nothing, so has nothing to
            # prune (listing the folder is a stat per cache file).
            cache.prune(keep={name for root in roots if _cacheable(root) for name in root_cache.names(root)})


def _checked(run: "_Run", jobs: Optional[int]) -> Iterator[Checked]:
    roots = run.roots
    with no_cycles():  # reports from the cache: many objects kept, none a cycle
        answers: list[Optional[Checked]] = [run.answered(i) for i in range(len(roots))]
    todo = [i for i, a in enumerate(answers) if a is None]
    run.checked = bool(todo)
    jobs = min(jobs or default_jobs(), len(todo))
    if jobs > 1 and not _can_fan_out(run):
        jobs = 1
    if jobs <= 1:
        global _RUN
        previous, _RUN = _RUN, run
        try:
            for i, answer in enumerate(answers):
                yield answer if answer is not None else _checked_of(_check_root(i))
        finally:
            _RUN = previous
        return
    import multiprocessing  # only a run with workers pays for this import

    context = multiprocessing.get_context("fork" if _fork_ok() else "spawn")
    # What the workers inherit stays shared: the collector does not walk (and so copy)
    # the parent's objects in each forked worker.
    gc.freeze()
    pool = context.Pool(jobs, initializer=_init, initargs=(run, os.getpid()))
    try:
        done = pool.imap(_check_root, todo, chunksize=chunksize(len(todo), jobs))
        for answer in answers:
            yield answer if answer is not None else _checked_of(next(done))
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


def chunksize(todo: int, jobs: int) -> int:
    """Roots handed to a worker at a time: enough that the pipe is not the cost (a root
    takes ~20 ms to check, a task's round trip well under 1 ms), few enough that the
    last chunks spread over every worker (at least 16 chunks a worker) and that the
    answers stream back in order."""
    return max(1, min(8, todo // (jobs * 16)))


def _checked_of(record: tuple) -> Checked:
    """The ``Checked`` of a record a worker (or the cache) gave."""
    found = _unrecord(record)
    assert found is not None, "a worker's record did not unpack"
    return found


def _record(checked: Checked) -> tuple:
    """What crosses the pipe from a worker and what the index stores: the report as
    plain tuples (``compact``), the notes, and the scene when the run asked for one."""
    return (compact.pack(checked.report), checked.notes, checked.scene)


def _unrecord(record: Any) -> Optional[Checked]:
    if not (isinstance(record, tuple) and len(record) == 3 and isinstance(record[1], tuple)):
        return None
    report = compact.unpack(record[0])
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


def _check_root(index: int) -> tuple:
    """One root checked, as a record (compact: see ``_record``)."""
    assert _RUN is not None
    with crash.working_on(_RUN.roots[index].display):
        record = _RUN.check(index)
    cache.sign_written()
    return record


class _Run:
    """Everything a worker needs: the roots, the rules, the settings, the cache."""

    def __init__(
        self,
        roots: list[CaptureRoot],
        rules: tuple,
        settings: Any,
        max_file_size: int,
        use_cache: bool,
        scenes: bool = False,
    ) -> None:
        self.roots = roots
        self.scenes = scenes
        self.rules = rules
        self.settings = settings
        self.max_file_size = max_file_size
        self.store = cache.folder("roots") if use_cache else None
        self.fingerprint = fingerprint(rules, settings, max_file_size) if self.store is not None else ""
        #: Whether any root is checked (not answered from the cache): only then is the
        #: cache written to.
        self.checked = False

    # -- answered from the cache, without reading a capture ---------------------------------

    def answered(self, i: int) -> Optional[Checked]:
        """The root's report when it has the shape it had when the report was made (the
        same files, each with the ``stat`` signature trusted then: ``root_cache.shape``)
        under this run's rules and settings: one ``stat`` per file and one small file
        read, nothing parsed, no topology, no rule run."""
        root = self.roots[i]
        if self.store is None or not isinstance(root.path, Path):
            return None
        index = RootIndex.load(self.store, root)
        if not index.shapes:
            return None
        try:
            now = root_cache.shape(root, _signature)
        except OSError:
            return None
        return self._usable(index.shaped(self.fingerprint, now))

    # -- checked --------------------------------------------------------------------------------

    def check(self, i: int) -> tuple:
        root = self.roots[i]
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
        found = _unrecord(record)
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
    return isinstance(root.path, Path) and all(isinstance(cf.path, Path) for cf in _files(root))


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
