"""Hiding findings, between the runner and the reporters: per-path ignores and the baseline.

Captures are verbatim command output and cannot carry ``# noqa`` comments, so what to
hide lives beside them, in the configuration (``per-path-ignores``) and in a baseline
file. The runner yields every finding; ``suppress`` takes some out of the report and
says so in ``Report.suppression`` (how many, and the baseline entries no longer
found); the reporters render what is left and never filter.

**Per-path ignores** map a glob to rules: a finding whose file matches the glob
(relative to the configuration file's folder) is hidden when its rule is one of them.
Globs are ``.gitignore``-like: ``*`` and ``?`` stay within a path segment, ``**``
spans segments, a pattern without ``/`` matches a file or folder of that name at any
depth, a pattern with ``/`` is anchored at the configuration's folder, a trailing ``/``
matches folders only, and a pattern that matches a folder matches everything in it.

**The baseline** (docs/configuration.md, "Baseline file") is a JSON file of the
findings' fingerprints — the SARIF ``partialFingerprints`` identity
(``findings.fingerprint``): rule, server, domain, group, object, and for a
finding without an object its file within the capture root and its message; never a
line number, so re-taking a capture does not bring a known finding back. A finding
whose fingerprint is in the baseline is hidden. An entry is *stale* when this run
checked its server with its rule and did not find it: it is reported, not hidden.
"""

from __future__ import annotations

import os
import re
from collections import namedtuple
from pathlib import Path
from typing import Any, Iterable, Optional

import attrs

from ipmplint.engine import atomic, selection
from ipmplint.findings import BaselineEntry, Finding, Report, Suppression
from ipmplint.findings.fingerprint import FINGERPRINT_KEY, capture_roots, fingerprints
from ipmplint.findings.paths import capture_path
from ipmplint.findings.sorting import order

#: The baseline file's format; bumped only for a change an older ipmplint cannot read.
BASELINE_VERSION = 1

#: The keys of one baseline entry, in the order they are written.
ENTRY_KEYS = ("fingerprint", "rule_id", "server", "domain", "group", "object", "file", "message")


class BaselineError(ValueError):
    """A baseline file that cannot be used (exit 2)."""


# ------------------------------------------------------------ per-path ignores


def glob_regex(pattern: str) -> tuple[re.Pattern[str], bool]:
    """A per-path glob as a regular expression over a ``/`` path, and whether it
    matches folders only (a trailing ``/``). See the module docstring."""
    text = pattern.strip()
    folders_only = text.endswith("/")
    text = text.rstrip("/")
    anchored = "/" in text
    text = text.lstrip("/")
    if not anchored:
        text = "**/" + text
    parts = []
    segments = text.split("/")
    for i, segment in enumerate(segments):
        last = i == len(segments) - 1
        if segment == "**":
            parts.append(".*" if last else "(?:[^/]+/)*")
        else:
            parts.append(_segment(segment) + ("" if last else "/"))
    return re.compile("".join(parts)), folders_only


def _segment(segment: str) -> str:
    out, i = [], 0
    while i < len(segment):
        c = segment[i]
        if c == "*":
            out.append("[^/]*")
        elif c == "?":
            out.append("[^/]")
        elif c == "[":
            end = segment.find("]", i + 2 if segment[i + 1 : i + 2] in ("!", "^") else i + 1)
            if end < 0:
                out.append(re.escape(c))
            else:
                body = segment[i + 1 : end]
                if body[:1] in ("!", "^"):
                    body = "^" + body[1:]
                out.append("[" + body.replace("\\", "\\\\").replace("/", "") + "]")
                i = end
        else:
            out.append(re.escape(c))
        i += 1
    return "".join(out)


def glob_matches(pattern: str, path: str) -> bool:
    """Whether a per-path glob matches ``path`` (``/``-separated, relative), or one of
    the folders it is in."""
    regex, folders_only = glob_regex(pattern)
    segments = [s for s in path.split("/") if s]
    for k in range(1, len(segments) + 1):
        if folders_only and k == len(segments):
            break
        if regex.fullmatch("/".join(segments[:k])):
            return True
    return False


_Named = namedtuple("_Named", "id name")


@attrs.frozen
class PathIgnores:
    """``per-path-ignores`` of one configuration: globs relative to ``folder``."""

    folder: Path
    entries: tuple[tuple[str, tuple[str, ...]], ...] = ()

    def relative(self, file: str) -> Optional[str]:
        """The finding's file relative to ``folder`` (``/``), or None outside it."""
        base = os.path.abspath(self.folder)
        target = os.path.abspath(file)
        for root, path in ((base, target), (os.path.realpath(base), os.path.realpath(target))):
            try:
                rel = os.path.relpath(path, root)
            except ValueError:  # another drive (Windows)
                continue
            if rel != os.pardir and not rel.startswith(os.pardir + os.sep):
                return Path(rel).as_posix()
        return None

    def ignores(self, finding: Finding) -> bool:
        if not self.entries:  # no pattern: no path to resolve
            return False
        path = self.relative(finding.location.file)
        if path is None:
            return False
        rule = _Named(finding.rule_id, finding.rule_name)
        return any(
            glob_matches(pattern, path) and any(selection.matches(rule, s) for s in selectors)  # type: ignore[arg-type]
            for pattern, selectors in self.entries
        )


# ------------------------------------------------------------------- baseline


@attrs.frozen
class Baseline:
    """A baseline file, read."""

    path: str
    entries: tuple[BaselineEntry, ...] = ()

    @property
    def fingerprints(self) -> frozenset[str]:
        return frozenset(e.fingerprint for e in self.entries)


def _fingerprinted(report: Report) -> list[tuple[Finding, BaselineEntry]]:
    """Every finding of the report with its baseline entry (fingerprints made unique
    over the whole report, in report order: the same as the SARIF log's)."""
    findings = sorted(report.findings, key=order)
    roots = capture_roots(report)
    return [
        (
            f,
            BaselineEntry(
                fingerprint=fp,
                rule_id=f.rule_id,
                server=f.server,
                domain=f.domain,
                group=f.group,
                object=f.object,
                file=capture_path(f.location.file, roots.get(f)),
                message=f.message,
            ),
        )
        for f, fp in zip(findings, fingerprints(findings, roots))
    ]


def _in_scope(entry: BaselineEntry, report: Report) -> bool:
    """Whether this run could have found the entry: its server was checked, its rule ran."""
    return entry.server in {s.name for s in report.servers} and entry.rule_id in {r.id for r in report.rules}


def suppress(report: Report, per_path: Optional[PathIgnores] = None, baseline: Optional[Baseline] = None) -> Report:
    """The report without the findings per-path ignores or the baseline hide, with
    ``suppression`` saying how many each hid and which baseline entries are stale."""
    if baseline is None and (per_path is None or not per_path.entries):
        # Nothing can be hidden and no entry can be stale: no finding's fingerprint is
        # needed (a fleet's report has thousands).
        return attrs.evolve(report, suppression=Suppression(baseline=None, by_baseline=0, by_path=0, stale=()))
    known = baseline.fingerprints if baseline is not None else frozenset()
    hidden: set[Finding] = set()
    by_path = by_baseline = 0
    found: set[str] = set()
    for finding, entry in _fingerprinted(report):
        found.add(entry.fingerprint)
        if per_path is not None and per_path.ignores(finding):
            hidden.add(finding)
            by_path += 1
        elif entry.fingerprint in known:
            hidden.add(finding)
            by_baseline += 1
    stale: tuple[BaselineEntry, ...] = ()
    if baseline is not None:
        stale = tuple(
            sorted((e for e in baseline.entries if e.fingerprint not in found and _in_scope(e, report)), key=_entry_key)
        )
    servers = tuple(attrs.evolve(s, findings=tuple(f for f in s.findings if f not in hidden)) for s in report.servers)
    return attrs.evolve(
        report,
        servers=servers,
        suppression=Suppression(
            baseline=baseline.path if baseline is not None else None,
            by_baseline=by_baseline,
            by_path=by_path,
            stale=stale,
        ),
    )


def entries(report: Report, per_path: Optional[PathIgnores] = None) -> list[BaselineEntry]:
    """The baseline entries of the report's findings, except those per-path ignores hide."""
    return [entry for finding, entry in _fingerprinted(report) if per_path is None or not per_path.ignores(finding)]


def _entry_key(entry: BaselineEntry) -> tuple:
    return (
        entry.server,
        entry.rule_id,
        entry.file,
        entry.domain or "",
        entry.group or "",
        entry.object or "",
        entry.message,
        entry.fingerprint,
    )


def read_baseline(path: str) -> Baseline:
    """Read and check a baseline file."""
    import json  # deferred: start-up (a run with a baseline only)

    try:
        with open(path, encoding="utf-8") as fh:
            data = json.load(fh)
    except FileNotFoundError:
        raise BaselineError(f"{path}: no such baseline file (write one with --write-baseline {path})") from None
    except OSError as exc:
        raise BaselineError(f"{path}: cannot read: {exc.strerror or exc}") from None
    except (json.JSONDecodeError, UnicodeDecodeError) as exc:
        raise BaselineError(f"{path}: not a baseline file (not JSON: {exc})") from None
    except RecursionError:  # arrays nested thousands deep: no baseline is
        raise BaselineError(f"{path}: not a baseline file (nested too deep)") from None
    if not isinstance(data, dict) or "ipmplint_baseline" not in data:
        raise BaselineError(f'{path}: not a baseline file (no "ipmplint_baseline" version)')
    version = data["ipmplint_baseline"]
    if version != BASELINE_VERSION:
        raise BaselineError(
            f"{path}: baseline format {version!r}; this ipmplint reads format "
            f"{BASELINE_VERSION}: write it again with --write-baseline"
        )
    if data.get("fingerprint") != FINGERPRINT_KEY:
        raise BaselineError(
            f"{path}: its fingerprints are {data.get('fingerprint')!r}, this ipmplint's are "
            f"{FINGERPRINT_KEY!r}: delete it and write it again with --write-baseline"
        )
    items = data.get("findings")
    if not isinstance(items, list):
        raise BaselineError(f'{path}: "findings" must be a list')
    out = []
    for n, item in enumerate(items, 1):
        if (
            not isinstance(item, dict)
            or not all(isinstance(item.get(k), str) for k in ("fingerprint", "rule_id", "server"))
            or not all(item.get(k) is None or isinstance(item.get(k), str) for k in ENTRY_KEYS)
        ):
            raise BaselineError(f"{path}: finding {n} is not an entry with a fingerprint, rule_id and server")
        fields: dict[str, Any] = {k: item.get(k) for k in ENTRY_KEYS if item.get(k) is not None}
        out.append(BaselineEntry(**fields))
    return Baseline(path=path, entries=tuple(out))


def render_baseline(items: Iterable[BaselineEntry]) -> str:
    """A baseline file's text: versioned, entries sorted and each once, keys in a fixed
    order, two-space indent, ASCII only, one trailing newline."""
    import json  # deferred: start-up (a run with a baseline only)

    unique = sorted(set(items), key=_entry_key)
    data: dict[str, Any] = {
        "ipmplint_baseline": BASELINE_VERSION,
        "fingerprint": FINGERPRINT_KEY,
        "findings": [{k: getattr(e, k) for k in ENTRY_KEYS} for e in unique],
    }
    return json.dumps(data, indent=2) + "\n"


def write_baseline(path: str, report: Report, per_path: Optional[PathIgnores] = None) -> tuple[int, int]:
    """Write the report's findings to the baseline file ``path``; (written, kept).

    An existing baseline of this format keeps its entries this run could not have
    found (another server, a rule that did not run: ``kept``), so checking part of a
    fleet does not forget the rest; the entries this run could have found are
    replaced by what it found. A file that is not a baseline is not overwritten.
    """
    kept: list[BaselineEntry] = []
    if os.path.exists(path):
        try:
            previous = read_baseline(path)
        except BaselineError as exc:
            if not _is_old_baseline(path):
                raise BaselineError(f"{exc}; not overwritten") from None
        else:
            kept = [e for e in previous.entries if not _in_scope(e, report)]
    new = entries(report, per_path)
    text = render_baseline(new + kept)
    try:
        atomic.write_text(path, text)
    except atomic.OutputError as exc:
        raise BaselineError(str(exc)) from None
    return len(set(new)), len(set(kept) - set(new))


def _is_old_baseline(path: str) -> bool:
    """A baseline of another format or fingerprint version: replaced, not merged."""
    import json  # deferred: start-up (a run with a baseline only)

    try:
        with open(path, encoding="utf-8") as fh:
            data = json.load(fh)
    except (OSError, ValueError, RecursionError):
        return False
    return isinstance(data, dict) and "ipmplint_baseline" in data


def stale_note(suppression: Suppression, limit: int = 10) -> list[str]:
    """Lines for stderr about stale baseline entries (none when there are none)."""
    stale = suppression.stale
    if not stale:
        return []
    noun = "entry" if len(stale) == 1 else "entries"
    lines = [
        f"{len(stale)} baseline {noun} in {suppression.baseline} no longer found "
        f"(fixed? rewrite it with --write-baseline):"
    ]
    for e in stale[:limit]:
        what = "/".join(x for x in (e.domain, e.group, e.object) if x) or e.file
        lines.append(f"  {e.server}: {e.rule_id} {what}: {e.message}")
    if len(stale) > limit:
        lines.append(f"  ... and {len(stale) - limit} more (see --format json)")
    return lines
