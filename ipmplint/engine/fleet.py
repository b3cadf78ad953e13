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

The cache (``ipmplint.engine.cache``) has two levels, both keyed by content: each file's
``ParseResult`` and each root's ``ServerReport``. A root whose files, rules, settings
and ipmplint are unchanged is answered from its index without a worker; a root with a
changed file is parsed again, the unchanged files' results reused. A cache entry that
cannot be read or does not match is rebuilt; the cache never changes a report.
"""

from __future__ import annotations

import gc
import inspect
import os
import sys
import time
from pathlib import Path
from typing import Any, Callable, Iterator, Mapping, Optional, Sequence

import attrs

from ipmplint.capture import limits
from ipmplint.cli import crash
from ipmplint.engine import cache
from ipmplint.capture.discovery import CaptureFile, CaptureRoot
from ipmplint.findings import ServerReport

#: A file whose mtime or ctime is this close to the moment its signature was recorded
#: is read again next time: a second write within one clock tick keeps the same times.
RACY_NS = 2_000_000_000

#: Index format: bumped when what an index holds changes.
INDEX_FORMAT = "index-1"
PARSES_FORMAT = "parses-1"

#: Report variants (rule selections, settings) kept per root.
MAX_REPORTS = 4


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


def check(roots: Sequence[CaptureRoot], rules: Sequence[Any], settings: Any = None, *,
          jobs: Optional[int] = None, max_file_size: int = limits.MAX_FILE_SIZE,
          use_cache: bool = True, scenes: bool = False) -> Iterator[Checked]:
    """One ``Checked`` per root, in the order of ``roots``."""
    roots = list(roots)
    run = _Run(roots, tuple(rules), settings, max_file_size, use_cache, scenes)
    try:
        yield from _checked(run, jobs)
    finally:
        if run.store is not None:
            cache.prune()


def _checked(run: "_Run", jobs: Optional[int]) -> Iterator[Checked]:
    roots = run.roots
    answers: list[Optional[Checked]] = [run.answered(i) for i in range(len(roots))]
    todo = [i for i, a in enumerate(answers) if a is None]
    jobs = min(jobs or default_jobs(), len(todo))
    if jobs > 1 and not _can_fan_out(run):
        jobs = 1
    if jobs <= 1:
        global _RUN
        previous, _RUN = _RUN, run
        try:
            for i, answer in enumerate(answers):
                yield answer if answer is not None else _check_root(i)
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
        done = pool.imap(_check_root, todo, chunksize=max(1, min(8, len(todo) // (jobs * 16))))
        for answer in answers:
            yield answer if answer is not None else next(done)
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


def _check_root(index: int) -> Checked:
    assert _RUN is not None
    with crash.working_on(_RUN.roots[index].display):
        checked = _RUN.check(index)
    cache.sign_written()
    return checked


class _Run:
    """Everything a worker needs: the roots, the rules, the settings, the cache."""

    def __init__(self, roots: list[CaptureRoot], rules: tuple, settings: Any, max_file_size: int,
                 use_cache: bool, scenes: bool = False) -> None:
        self.roots = roots
        self.scenes = scenes
        self.rules = rules
        self.settings = settings
        self.max_file_size = max_file_size
        self.store = cache.folder("roots") if use_cache else None
        self.fingerprint = _fingerprint(rules, settings, max_file_size) if self.store is not None else ""

    # -- answered from the cache, without reading a capture ---------------------------------

    def answered(self, i: int) -> Optional[Checked]:
        """The root's report when its index vouches for every file (unchanged since it was
        recorded) and holds a report for this run's rules and settings."""
        root = self.roots[i]
        if self.store is None or not _cacheable(root):
            return None
        index = _Index.load(self.store, root)
        keys: dict[str, Any] = {}
        for cf in _files(root):
            if cf.kind is None:
                keys[cf.display] = None
                continue
            try:
                st = os.stat(cf.path)
            except OSError:
                return None
            key = index.trusted(cf.display, st)
            if key is None:
                return None
            keys[cf.display] = key
        return self._usable(index.report(self._report_key(root, keys)))

    # -- checked --------------------------------------------------------------------------------

    def check(self, i: int) -> Checked:
        root = self.roots[i]
        if self.store is None or not _cacheable(root):
            from ipmplint.capture import loader
            from ipmplint.engine import runner

            server = loader.load(root, max_file_size=self.max_file_size)
            report = runner.check_server(server, self.rules, self.settings)
            return Checked(report, verbose_notes(server, report), self._scene(server, report))
        index = _Index.load(self.store, root)
        files = _Files(self, index)
        keys = {cf.display: files.key(cf) for cf in _files(root)}
        report_key = self._report_key(root, keys)
        found = self._usable(index.report(report_key))
        if found is not None:  # the same captures, checked before (another checkout, a CI cache)
            index.save(self.store, root)
            return found
        from ipmplint.capture import loader
        from ipmplint.engine import runner

        files.load_parses(self.store, root)
        server = loader.load(root, max_file_size=self.max_file_size, cache=files)
        report = runner.check_server(server, self.rules, self.settings)
        checked = Checked(report, verbose_notes(server, report), self._scene(server, report))
        files.save_parses(self.store, root)
        index.add_report(report_key, checked)
        index.save(self.store, root)
        return checked

    def _usable(self, found: Optional[Checked]) -> Optional[Checked]:
        """A cached answer, unless this run wants scenes and it was cached without one."""
        if found is None or (self.scenes and getattr(found, "scene", None) is None):
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
        parts = [self.fingerprint, root.name, root.display, root.layout, root.problems,
                 tuple((d.name, d.display) for d in root.domains),
                 tuple((cf.display, cf.kind, cf.sniffed, keys.get(cf.display)) for cf in _files(root))]
        return cache.digest(repr(parts))


def _files(root: CaptureRoot) -> Iterator[CaptureFile]:
    yield from root.files
    for d in root.domains:
        yield from d.files


def _cacheable(root: CaptureRoot) -> bool:
    """Files on disk (a tar archive's members are read in memory, and checked afresh)."""
    return isinstance(root.path, Path) and all(isinstance(cf.path, Path) for cf in _files(root))


def verbose_notes(server: Any, report: ServerReport) -> tuple[str, ...]:
    """What ``--verbose`` says about one server: its release, and each skipped check."""
    notes = []
    if server.ldm is not None:
        notes.append(f"{server.name}: bindings read from {server.ldm.source.file} ({len(server.ldm_views)} ldm "
                     f"view{'s' if len(server.ldm_views) > 1 else ''} captured)")
    if server.release is not None:
        notes.append(f"{server.name}: LDoms release {server.release} ({server.release.how})")
    elif server.ldm is None and server.domain_listing is not None:
        notes.append(f"{server.name}: {server.domain_listing.source.file} names the domains but not their "
                     f"resources (a short ldm list): no vnet/vsw bindings, topology rules skipped")
    elif server.ldm is None:
        notes.append(f"{server.name}: no ldm capture: a single host; topology rules do not apply")
    for skip in report.skipped:
        missing = f" (missing: {', '.join(skip.missing)})" if skip.missing else ""
        notes.append(f"{server.name}: skipped {skip.rule_id}: {skip.reason}{missing}")
    return tuple(notes)


# -- keys ---------------------------------------------------------------------------------------


def _signature(st: os.stat_result) -> tuple[int, ...]:
    return (st.st_dev, st.st_ino, st.st_size, st.st_mtime_ns, st.st_ctime_ns)


def _source_hash(obj: Any, seen: dict[str, str]) -> str:
    """A hash of every Python file of the package a rule's ``check`` comes from: its
    top-level package's folders (a plugin's; a rule path is imported as a package of
    its own), sub-packages included, or its module's file alone. A helper the rule
    imports, however deep in its package, changes the hash. ``seen``: the packages
    hashed in this run."""
    top = (getattr(obj, "__module__", None) or "").partition(".")[0]
    if top not in seen:
        seen[top] = _package_hash(sys.modules.get(top), obj)
    return seen[top]


def _package_hash(package: Any, obj: Any) -> str:
    folders = list(getattr(package, "__path__", None) or ())
    if folders:
        files = sorted({f for folder in folders for f in Path(folder).rglob("*.py")
                        if "__pycache__" not in f.parts})
    else:
        try:
            files = [Path(inspect.getsourcefile(obj) or "")]
        except TypeError:
            files = []
    parts = []
    for f in files:
        try:
            parts.append((str(f), f.read_bytes()))
        except OSError:
            parts.append((str(f), b"?"))
    return cache.digest(repr(parts)) if parts else "?"


def _canonical(value: Any) -> Any:
    """A value in a form whose ``repr`` is the same in every run (mappings and sets sorted)."""
    if isinstance(value, Mapping):
        return tuple(sorted((repr(k), _canonical(v)) for k, v in value.items()))
    if isinstance(value, (set, frozenset)):
        return tuple(sorted(repr(_canonical(v)) for v in value))
    if isinstance(value, (list, tuple)):
        return tuple(_canonical(v) for v in value)
    if attrs.has(type(value)):
        return (type(value).__qualname__,
                tuple((a.name, _canonical(getattr(value, a.name))) for a in attrs.fields(type(value))))
    return repr(value)


def _fingerprint(rules: Sequence[Any], settings: Any, max_file_size: int) -> str:
    """What a root's report depends on besides its files: ipmplint itself, each rule (its
    identity, options, severity and source), the settings, the size limit."""
    seen: dict[str, str] = {}
    described = [(r.id, r.name, r.origin, _canonical(r.info), _canonical(r.options), tuple(r.requires),
                  getattr(r.check, "__module__", "?"), getattr(r.check, "__qualname__", "?"),
                  _source_hash(r.check, seen))
                 for r in rules]
    return cache.digest(repr((cache.engine_version(), cache.parser_version(), described, _canonical(settings),
                              max_file_size)))


# -- the cache of one root ------------------------------------------------------------------------


def _ident(root: CaptureRoot) -> str:
    return cache.digest(f"{os.path.abspath(str(root.path))}\0{root.display}\0{root.name}")


class _Index:
    """One root's index: each file's stat signature and content key, and its reports."""

    def __init__(self, stats: dict, reports: dict) -> None:
        self.stats: dict[str, tuple] = stats
        self.reports: dict[str, Checked] = reports
        self.changed = False

    @classmethod
    def load(cls, store: Path, root: CaptureRoot) -> "_Index":
        data = cache.read(store / f"{_ident(root)}.index", INDEX_FORMAT)
        if (isinstance(data, tuple) and len(data) == 2 and isinstance(data[0], dict)
                and isinstance(data[1], dict)):
            return cls(data[0], data[1])
        return cls({}, {})

    def trusted(self, display: str, st: os.stat_result) -> Optional[str]:
        """The content key recorded for a file whose signature is unchanged and was
        recorded long enough after its last change."""
        entry = self.stats.get(display)
        if not (isinstance(entry, tuple) and len(entry) == 3):
            return None
        signature, key, trusted = entry
        return key if trusted and signature == _signature(st) and isinstance(key, str) else None

    def record(self, display: str, st: os.stat_result, key: str, now_ns: int) -> None:
        trusted = max(st.st_mtime_ns, st.st_ctime_ns) <= now_ns - RACY_NS
        entry = (_signature(st), key, trusted)
        if self.stats.get(display) != entry:
            self.stats[display] = entry
            self.changed = True

    def report(self, key: str) -> Optional[Checked]:
        found = self.reports.get(key)
        return found if isinstance(found, Checked) and isinstance(found.report, ServerReport) else None

    def add_report(self, key: str, checked: Checked) -> None:
        self.reports.pop(key, None)
        self.reports[key] = checked
        while len(self.reports) > MAX_REPORTS:
            del self.reports[next(iter(self.reports))]
        self.changed = True

    def save(self, store: Path, root: CaptureRoot) -> None:
        if self.changed:
            cache.write(store / f"{_ident(root)}.index", INDEX_FORMAT, (self.stats, self.reports))


class _Files:
    """What the loader asks of the cache while one root loads: the bytes already read to
    hash them, and each file's parse result by key."""

    def __init__(self, run: _Run, index: _Index) -> None:
        self.run = run
        self.index = index
        self.contents: dict[str, bytes] = {}
        self.keys: dict[str, str] = {}
        self.old: dict[str, Any] = {}
        self.new: dict[str, Any] = {}

    def key(self, cf: CaptureFile) -> Any:
        """The content key of a file the loader may read; a marker for one it will not."""
        if cf.kind is None:
            return None
        try:
            st = os.stat(cf.path)
            if st.st_size > self.run.max_file_size:
                return ("over the size limit", st.st_size)
            key = self.index.trusted(cf.display, st)
            if key is None:
                now = time.time_ns()
                data = Path(cf.path).read_bytes()
                key = cache.digest(data)
                self.contents[cf.display] = data
                self.index.record(cf.display, st, key, now)
        except OSError as exc:
            return ("unreadable", exc.errno)
        self.keys[cf.display] = key
        return key

    def read_bytes(self, cf: CaptureFile) -> bytes:
        data = self.contents.pop(cf.display, None)
        return data if data is not None else cf.path.read_bytes()

    def load_parses(self, store: Path, root: CaptureRoot) -> None:
        data = cache.read(store / f"{_ident(root)}.parses", PARSES_FORMAT)
        self.old = data if isinstance(data, dict) else {}

    def parse(self, cf: CaptureFile, text: str, hints: Mapping[str, Any], parse: Callable[..., Any]) -> Any:
        from ipmplint.parsers.base import ParseResult

        key = self.keys.get(cf.display)
        if key is None:
            return parse(text, cf.display, **hints)
        pkey = cache.digest(repr((cache.parser_version(), key, cf.kind, cf.display, sorted(hints.items()),
                                  getattr(parse, "__module__", "?"), getattr(parse, "__qualname__", "?"))))
        result = self.old.get(pkey)
        if not isinstance(result, ParseResult):
            result = parse(text, cf.display, **hints)
        self.new[pkey] = result
        return result

    def save_parses(self, store: Path, root: CaptureRoot) -> None:
        if self.new.keys() != self.old.keys():
            cache.write(store / f"{_ident(root)}.parses", PARSES_FORMAT, self.new)
