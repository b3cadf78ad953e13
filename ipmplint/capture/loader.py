"""From a capture root on disk to one ``Server`` model.

Reads each recognised file once, hands its text to the parser its kind names
(``kinds.py``), and stores the result in the model field the kind names. Kinds that
share a field (``ipmpstat -g`` and ``-i``, ``ipadm show-if`` and ``show-addr``) are
merged; a second file of the same kind is reported and not read. Files it cannot read,
files of no known kind, and over-large files are recorded too: nothing is dropped in
silence. This is the only module (with discovery) that touches the file system.
"""

from __future__ import annotations

import importlib
import os
from typing import Any, Callable, Mapping, Optional, Protocol

import attrs

from ipmplint.analysis import groups
from ipmplint.capture import filenames, kinds, limits
from ipmplint.capture.discovery import CaptureFile, CaptureRoot
from ipmplint.model import (
    DomainCapture,
    HostnameFile,
    LdmListing,
    LdmRelease,
    LineAccount,
    ParseWarning,
    Server,
    Source,
)
from ipmplint.parsers.base import ParseResult, decode

MAX_FILE_SIZE = limits.MAX_FILE_SIZE


def parser_of(kind: kinds.Kind) -> Callable[..., ParseResult]:
    """The parse function of a kind (its module is imported on first use: start-up
    stays light)."""
    module, _, function = kind.parser.partition(":")
    return getattr(importlib.import_module(module), function or "parse")


class ParseCache(Protocol):
    """What the loader asks of a cache while it loads one root (the engine's
    ``root_cache.RootFiles`` answers it): the model must come out the same with it or
    without it. Declared here, beside its one consumer, so the loader needs nothing
    from the engine above it."""

    def read_bytes(self, cf: CaptureFile) -> bytes:
        """The file's bytes (perhaps read already, to hash them); OSError as a read."""

    def parse(
        self, cf: CaptureFile, text: str, hints: Mapping[str, Any], parse: Callable[..., ParseResult]
    ) -> ParseResult:
        """``parse(text, cf.display, **hints)``, or the result it gave before for the
        same bytes, kind, path and parser."""


@attrs.define
class _Collector:
    """Warnings and accounts gathered while loading one server."""

    warnings: list[ParseWarning] = attrs.Factory(list)
    accounts: list[LineAccount] = attrs.Factory(list)
    unrecognised: list[str] = attrs.Factory(list)
    max_file_size: int = MAX_FILE_SIZE
    #: The bytes already read, and parse results by content (None: no cache).
    cache: Optional[ParseCache] = None

    def read(self, cf: CaptureFile) -> Optional[str]:
        """The file's text, or None (with a warning naming the file) when it cannot be read."""
        try:
            size = cf.path.stat().st_size
            if size > self.max_file_size:
                self.warnings.append(
                    ParseWarning(
                        Source(cf.display),
                        f"file is {size} bytes, over the {self.max_file_size}-byte limit (--max-file-size); not read",
                    )
                )
                return None
            data = cf.path.read_bytes() if self.cache is None else self.cache.read_bytes(cf)
        except OSError as exc:
            self.warnings.append(ParseWarning(Source(cf.display), f"cannot read file: {exc.strerror or exc}"))
            return None
        if b"\0" in data[:SNIFF_BINARY]:
            self.warnings.append(ParseWarning(Source(cf.display), "binary file (NUL bytes), not a capture; not read"))
            return None
        text, bad_line = decode(data)
        if bad_line is not None:
            self.warnings.append(
                ParseWarning(
                    Source(cf.display, bad_line, 1), "bytes that are not UTF-8 were replaced (first on this line)"
                )
            )
        return text

    def parse(self, cf: CaptureFile, **hints: Any) -> Optional[object]:
        text = self.read(cf)
        if text is None:
            return None
        assert cf.kind is not None
        parse = parser_of(kinds.BY_NAME[cf.kind])
        result = parse(text, cf.display, **hints) if self.cache is None else self.cache.parse(cf, text, hints, parse)
        self.warnings.extend(result.warnings)
        self.accounts.append(result.account)
        return result.value

    def duplicate(self, cf: CaptureFile, first: str) -> None:
        # The first file relative to this one's folder: the message enters the finding's
        # fingerprint, which must not change with where the captures are checked out.
        beside = os.path.relpath(first, os.path.dirname(cf.display) or os.curdir)
        self.warnings.append(
            ParseWarning(Source(cf.display), f"a second capture of the same kind as {beside}; not read")
        )


#: How much of a file is searched for NUL bytes to call it binary.
SNIFF_BINARY = limits.SNIFF_BYTES


class _Fields:
    """The model fields being filled for one server or one domain, and which file each
    kind came from. ``files`` names only files that were read: a rule that needs an
    unreadable one is skipped, as if it had not been captured (CAP001 says why)."""

    def __init__(self, col: _Collector) -> None:
        self.col = col
        self.values: dict[str, Any] = {}
        self.files: dict[str, str] = {}
        self.seen: dict[str, str] = {}
        self.hostname_files: list[HostnameFile] = []

    def add(self, cf: CaptureFile) -> None:
        assert cf.kind is not None
        key, hints = cf.kind, {}
        if cf.kind == "hostname":
            interface, family = filenames.hostname_interface(cf.path.name)  # type: ignore[misc]
            key = f"hostname.{interface}" if family == "inet" else f"hostname6.{interface}"
            hints = {"interface": interface, "family": family}
        if key in self.seen:
            self.col.duplicate(cf, self.seen[key])
            return
        self.seen[key] = cf.display
        value = self.col.parse(cf, **hints)
        if value is None:
            return
        self.files[key] = cf.display
        if isinstance(value, HostnameFile):
            self.files.setdefault("hostname", cf.display)
            self.hostname_files.append(value)
            return
        field = kinds.BY_NAME[cf.kind].field
        previous = self.values.get(field)
        self.values[field] = value if previous is None else merge(previous, value)


def merge(first: Any, second: Any) -> Any:
    """Two captures that fill one field (``ipadm show-if`` then ``show-addr``): tuples
    are joined in file order, any other value is the first file's unless it had none."""
    if type(first) is not type(second) or not attrs.has(type(first)):
        return first
    changes = {}
    for a in attrs.fields(type(first)):
        mine, theirs = getattr(first, a.name), getattr(second, a.name)
        if isinstance(mine, tuple):
            changes[a.name] = mine + theirs
        elif mine is None and theirs is not None:
            changes[a.name] = theirs
    return attrs.evolve(first, **changes)


def load(root: CaptureRoot, max_file_size: int = MAX_FILE_SIZE, cache: Optional[ParseCache] = None) -> Server:
    """Parse every file of one capture root into a ``Server``. ``cache`` supplies bytes
    already read and parse results already known; the model is the same."""
    col = _Collector(max_file_size=max_file_size, cache=cache)
    col.warnings.extend(
        ParseWarning(Source(problem.split(": ", 1)[0]), problem.split(": ", 1)[-1]) for problem in root.problems
    )
    server = _Fields(col)
    host_files: list[CaptureFile] = []
    for cf in root.files:
        kind = kinds.BY_NAME.get(cf.kind) if cf.kind else None
        if kind is None:
            col.unrecognised.append(cf.display)
        elif kind.scope == "server":
            server.add(cf)
        else:
            host_files.append(cf)

    views = [server.values.get(f) for f in ("ldm_long", "ldm_bindings", "ldm_parseable")]
    ldm = bindings_view(*views)
    names = next((v for v in (ldm, *views) if v is not None), None)
    domains: list[DomainCapture] = []
    if root.single_host:
        domains.append(_domain(root.name, root.display, host_files, col))
    else:
        for dd in root.domains:
            known = [f for f in dd.files if f.kind in kinds.DOMAIN_KINDS]
            col.unrecognised.extend(f.display for f in dd.files if f.kind not in kinds.DOMAIN_KINDS)
            domains.append(_domain(dd.name, dd.display, known, col))
        if host_files:  # the control domain's own captures, beside its ldm capture
            control = control_domain(names)
            if any(d.name == control for d in domains):
                col.unrecognised.extend(f.display for f in host_files)
            else:
                domains.append(_domain(control, root.display, host_files, col))

    return Server(
        name=root.name,
        path=root.display,
        ldm=ldm,
        ldm_long=server.values.get("ldm_long"),
        ldm_bindings=server.values.get("ldm_bindings"),
        ldm_parseable=server.values.get("ldm_parseable"),
        ldm_services=server.values.get("ldm_services"),
        ldm_version=server.values.get("ldm_version"),
        release=release(names, server.values.get("ldm_version"), names.source.file if names else None),
        domains=tuple(domains),
        files=server.files,
        warnings=tuple(col.warnings),
        unrecognised=tuple(col.unrecognised),
        accounts=tuple(col.accounts),
    )


def _domain(name: str, display: str, files: list[CaptureFile], col: _Collector) -> DomainCapture:
    fields = _Fields(col)
    for cf in files:
        fields.add(cf)
    values = fields.values
    dc = DomainCapture(
        name=name,
        path=display,
        files=fields.files,
        hostname_files=tuple(fields.hostname_files),
        **values,
    )
    return attrs.evolve(
        dc,
        runtime_groups=groups.runtime_groups(dc),
        persistent_groups=groups.persistent_groups(dc),
    )


#: The order the ldm views are preferred in as the rules' bindings: ``ldm list -l`` is
#: what the Oracle guides show and what ``ldm`` prints by default; ``list-bindings``
#: prints the same sections (and PEER lists); the ``-p`` forms say the same in
#: machine-readable records, but ``list-constraints -p`` names a vnet's vsw without its
#: domain. Any disagreement between captured views is reported (CAP004).
BINDINGS_ORDER = ("ldm list -l", "ldm list-bindings", "ldm list -p")


def bindings_view(*views: Optional[LdmListing]) -> Optional[LdmListing]:
    """The view the rules read the bindings from: the first, in ``BINDINGS_ORDER``, that
    printed each domain's resources. A short ``ldm list`` (or ``ldm list -p``) names the
    domains only: a domain without vnets there is no evidence of none, so it is never
    the bindings (it still names the domains, for CAP003 and the control domain)."""
    return next((v for v in views if v is not None and v.resources), None)


def control_domain(ldm: Optional[LdmListing]) -> str:
    """The control domain's name: the one whose FLAGS say ``c`` (4th letter of
    ``-n-cv``; ``control`` among ``ldm list -l -p``'s spelled-out flags), else
    ``primary``, the name the control domain always has (ldm(1M))."""
    if ldm is not None:
        for d in ldm.domains:
            flags = d.flags or ""
            if (len(flags) >= 4 and flags[3] == "c" and "," not in flags) or "control" in flags.split(","):
                return d.name
    return "primary"


def release(ldm: Optional[LdmListing], version: Optional[LdmRelease], path: Optional[str]) -> Optional[LdmRelease]:
    """The Logical Domains Manager release: ``ldm -V`` when captured, else inferred from
    the ``ldm list`` format — no LINKPROP column means before 1.3 (the Logical Domains
    1.3 Release Notes introduce it), for which
    (1, 2) stands."""
    if version is not None:
        return version
    if ldm is None:
        return None
    if not any(d.vswitches or d.vnets for d in ldm.domains):
        return None  # no NETWORK or VSW table: the format says nothing of the release
    src = Source(path) if path else None
    if ldm.linkprop_column:
        return LdmRelease((1, 3), "inferred: ldm list has a LINKPROP column (LDoms 1.3 or later)", src)
    return LdmRelease((1, 2), "inferred: ldm list has no LINKPROP column (before LDoms 1.3)", src)
