"""The cache of one capture root: its index (each file's ``stat`` signature and content
key, and the reports already made of it) and its pack of parse results. The fleet run
(``ipmplint.engine.fleet``) asks the index for a finished report; the loader
(``ipmplint.capture.loader``) asks ``RootFiles``, its ``ParseCache``, for bytes and parse
results. Both files are written through ``ipmplint.engine.cache`` (signed, data only).

A file is read again only when its signature changed: device, inode, size, mtime and
ctime, all in nanoseconds, as git's index keeps them. An edit that restores the mtime
(``touch -d``, ``cp -p`` over it) still changes the ctime, which no user call can set,
so it is noticed; a ``touch`` that changes only the mtime makes the file be read and
hashed again, and its unchanged hash reuses the parse result and the report. A
signature is trusted only when the file had not changed for ``RACY_NS`` when it was
recorded: a second write within one clock tick keeps the same times.
"""

from __future__ import annotations

import os
import time
from pathlib import Path
from typing import Any, Callable, Iterator, Mapping, Optional

from ipmplint.capture.discovery import CaptureFile, CaptureRoot
from ipmplint.engine import cache

#: A file whose mtime or ctime is this close to the moment its signature was recorded
#: is read again next time: a second write within one clock tick keeps the same times.
RACY_NS = 2_000_000_000

#: File formats: bumped when what a file holds changes (an old file is then foreign).
INDEX_FORMAT = "index-3"
PARSES_FORMAT = "parses-1"

#: Report variants (rule selections, settings) kept per root.
MAX_REPORTS = 4


def signature(st: os.stat_result) -> tuple[int, ...]:
    """What says a file is unchanged without reading it."""
    return (st.st_dev, st.st_ino, st.st_size, st.st_mtime_ns, st.st_ctime_ns)


def ident(root: CaptureRoot) -> str:
    """The name of a root's cache files: its absolute path, display and name (a renamed
    or moved server is another root, checked afresh)."""
    return cache.digest(f"{os.path.abspath(str(root.path))}\0{root.display}\0{root.name}")


def names(root: CaptureRoot) -> tuple[str, str]:
    """The root's two cache files' names (index, parse results)."""
    base = ident(root)
    return f"{base}.index", f"{base}.parses"


class RootIndex:
    """One root's index: each file's stat signature and content key, its reports (each
    an opaque, plain-data record the fleet run packs, keyed by the report key), and, for
    a warm run, the root as it was when each report was made (``shapes``).

    A warm run reads the index of every server, so what it does not need is not
    unpickled: the signatures (needed when a file changed) and each report (only the
    one asked for is wanted) are kept as pickled bytes until asked for.
    """

    def __init__(self, stats: Any, reports: dict, shapes: Optional[dict] = None) -> None:
        self._stats: Any = stats  # a dict, or its pickle until first asked for
        self.reports: dict[str, Any] = reports  # report key -> its record's pickle
        #: Run fingerprint -> (the root's shape, the report key): see ``shape``.
        self.shapes: dict[str, tuple] = shapes if shapes is not None else {}
        self.changed = False

    @classmethod
    def load(cls, store: Path, root: CaptureRoot) -> "RootIndex":
        data = cache.read(store / names(root)[0], INDEX_FORMAT)
        if (
            isinstance(data, tuple)
            and len(data) == 3
            and isinstance(data[0], bytes)
            and isinstance(data[1], dict)
            and isinstance(data[2], dict)
        ):
            return cls(*data)
        return cls({}, {})

    @property
    def stats(self) -> dict[str, tuple]:
        if not isinstance(self._stats, dict):
            found = cache.loads(self._stats)
            self._stats = found if isinstance(found, dict) else {}
        return self._stats

    def trusted(self, display: str, st: os.stat_result) -> Optional[str]:
        """The content key recorded for a file whose signature is unchanged and was
        recorded long enough after its last change."""
        entry = self.stats.get(display)
        if not (isinstance(entry, tuple) and len(entry) == 3):
            return None
        recorded, key, trusted = entry
        return key if trusted and recorded == signature(st) and isinstance(key, str) else None

    def record(self, display: str, st: os.stat_result, key: str, now_ns: int) -> None:
        trusted = max(st.st_mtime_ns, st.st_ctime_ns) <= now_ns - RACY_NS
        entry = (signature(st), key, trusted)
        if self.stats.get(display) != entry:
            self.stats[display] = entry
            self.changed = True

    def vouched(self, display: str, key: Any) -> Optional[tuple]:
        """The signature recorded for a file, when it is trusted and was recorded with
        ``key`` (its content key in this run)."""
        entry = self.stats.get(display)
        if isinstance(entry, tuple) and len(entry) == 3 and entry[2] and entry[1] == key:
            return entry[0]
        return None

    def report(self, key: str) -> Any:
        found = self.reports.get(key)
        return cache.loads(found) if isinstance(found, bytes) else None

    def add_report(self, key: str, record: Any) -> None:
        data = cache.dumps(record)
        if data is None:
            return
        self.reports.pop(key, None)
        self.reports[key] = data
        while len(self.reports) > MAX_REPORTS:
            del self.reports[next(iter(self.reports))]
        self.changed = True

    def shaped(self, fingerprint: str, shape: Optional[tuple]) -> Any:
        """The report made of the root when it had this ``shape`` (under this run's
        fingerprint), else None."""
        found = self.shapes.get(fingerprint)
        if shape is not None and isinstance(found, tuple) and len(found) == 2 and found[0] == shape:
            return self.report(found[1])
        return None

    def add_shape(self, fingerprint: str, shape: Optional[tuple], key: str) -> None:
        """Remember the report ``key`` under the root's ``shape`` (None: the root cannot
        be vouched for by ``stat`` alone, so nothing is remembered)."""
        entry = (shape, key) if shape is not None else None
        if self.shapes.get(fingerprint) == entry:
            return
        self.shapes.pop(fingerprint, None)
        if entry is not None:
            self.shapes[fingerprint] = entry
            while len(self.shapes) > MAX_REPORTS:
                del self.shapes[next(iter(self.shapes))]
        self.changed = True

    def save(self, store: Path, root: CaptureRoot) -> None:
        if self.changed:
            stats = self._stats if isinstance(self._stats, bytes) else cache.dumps(self._stats)
            if stats is not None:
                cache.write(store / names(root)[0], INDEX_FORMAT, (stats, self.reports, self.shapes))


def shape(root: CaptureRoot, signatures: Callable[[CaptureFile], Optional[tuple]]) -> Optional[tuple]:
    """What a warm run compares to trust a root's report without reading a capture:
    the root as discovery found it (name, display, layout, problems, domains) and each
    file's display, kind, whether it was sniffed, and, for a file the loader reads, its
    ``stat`` signature (``signatures``: None when a file cannot be vouched for, and then
    neither can the root)."""
    files = []
    for cf in files_of(root):
        sig = None
        if cf.kind is not None:
            sig = signatures(cf)
            if sig is None:
                return None
        files.append((cf.display, cf.kind, cf.sniffed, sig))
    return (
        root.name,
        root.display,
        root.layout,
        root.problems,
        tuple((d.name, d.display) for d in root.domains),
        tuple(files),
    )


def files_of(root: CaptureRoot) -> Iterator[CaptureFile]:
    """Every file of a root: its own, then each domain's."""
    yield from root.files
    for d in root.domains:
        yield from d.files


class RootFiles:
    """What the loader asks of the cache while one root loads (``loader.ParseCache``):
    the bytes already read to hash them, and each file's parse result by content key."""

    def __init__(self, index: RootIndex, max_file_size: int) -> None:
        self.index = index
        self.max_file_size = max_file_size
        self.contents: dict[str, bytes] = {}
        self.keys: dict[str, str] = {}
        self.old: dict[str, Any] = {}
        self.new: dict[str, Any] = {}

    def key(self, cf: CaptureFile) -> Any:
        """The content key of a file the loader may read (read and hashed only when its
        signature changed); a marker for one it will not read."""
        if cf.kind is None:
            return None
        try:
            st = os.stat(cf.path)
            if st.st_size > self.max_file_size:
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
        data = cache.read(store / names(root)[1], PARSES_FORMAT)
        self.old = data if isinstance(data, dict) else {}

    def parse(self, cf: CaptureFile, text: str, hints: Mapping[str, Any], parse: Callable[..., Any]) -> Any:
        from ipmplint.parsers.base import ParseResult

        key = self.keys.get(cf.display)
        if key is None:
            return parse(text, cf.display, **hints)
        pkey = cache.digest(
            repr(
                (
                    cache.parser_version(),
                    key,
                    cf.kind,
                    cf.display,
                    sorted(hints.items()),
                    getattr(parse, "__module__", "?"),
                    getattr(parse, "__qualname__", "?"),
                )
            )
        )
        result = self.old.get(pkey)
        if not isinstance(result, ParseResult):
            result = parse(text, cf.display, **hints)
        self.new[pkey] = result
        return result

    def save_parses(self, store: Path, root: CaptureRoot) -> None:
        if self.new.keys() != self.old.keys():
            cache.write(store / names(root)[1], PARSES_FORMAT, self.new)
