"""From a capture root on disk to one ``Server`` model.

Reads each recognised file once, hands its text to the parser of its kind, and keeps
every parse warning and line account. Files it cannot read, files of no known kind
and second copies of one capture are recorded too: nothing is dropped in silence.
This is the only module (with discovery) that touches the file system.
"""

from __future__ import annotations

import importlib
from typing import Callable, Optional

import attrs

from ipmplint import filenames, groups
from ipmplint.discovery import CaptureFile, CaptureRoot
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

#: The largest capture file read (bytes); larger ones are refused with a warning.
MAX_FILE_SIZE = 64 * 1024 * 1024

#: kind → parser module (imported on first use: start-up stays light).
_PARSERS: dict[str, str] = {
    "ldm-list-l": "ipmplint.parsers.ldm_long",
    "ifconfig-a": "ipmplint.parsers.ifconfig",
    "netstat-rn": "ipmplint.parsers.netstat",
    "hostname": "ipmplint.parsers.hostname",
}


@attrs.define
class _Collector:
    """Warnings and accounts gathered while loading one server."""

    warnings: list[ParseWarning] = attrs.Factory(list)
    accounts: list[LineAccount] = attrs.Factory(list)
    unrecognised: list[str] = attrs.Factory(list)
    max_file_size: int = MAX_FILE_SIZE

    def read(self, cf: CaptureFile) -> Optional[str]:
        """The file's text, or None (with a warning naming the file) when it cannot be read."""
        try:
            size = cf.path.stat().st_size
            if size > self.max_file_size:
                self.warnings.append(ParseWarning(
                    Source(cf.display), f"file is {size} bytes, over the {self.max_file_size}-byte limit; not read"))
                return None
            data = cf.path.read_bytes()
        except OSError as exc:
            self.warnings.append(ParseWarning(Source(cf.display), f"cannot read file: {exc.strerror or exc}"))
            return None
        text, bad_line = decode(data)
        if bad_line is not None:
            self.warnings.append(ParseWarning(
                Source(cf.display, bad_line, 1),
                "bytes that are not UTF-8 were replaced (first on this line)"))
        return text

    def parse(self, cf: CaptureFile, **kwargs) -> Optional[object]:
        text = self.read(cf)
        if text is None:
            return None
        parser: Callable[..., ParseResult] = importlib.import_module(_PARSERS[cf.kind]).parse  # type: ignore[index]
        result = parser(text, cf.display, **kwargs)
        self.warnings.extend(result.warnings)
        self.accounts.append(result.account)
        return result.value


def load(root: CaptureRoot, max_file_size: int = MAX_FILE_SIZE) -> Server:
    """Parse every file of one capture root into a ``Server``."""
    col = _Collector(max_file_size=max_file_size)
    server_files: dict[str, str] = {}
    ldm: Optional[LdmListing] = None
    host_files: list[CaptureFile] = []

    for cf in root.files:
        if cf.kind in filenames.SERVER_KINDS:
            if cf.kind in server_files:
                _duplicate(col, cf, server_files[cf.kind])
                continue
            server_files[cf.kind] = cf.display
            value = col.parse(cf)
            if isinstance(value, LdmListing):
                ldm = value
        elif cf.kind in filenames.DOMAIN_KINDS:
            host_files.append(cf)
        else:
            col.unrecognised.append(cf.display)

    domains: list[DomainCapture] = []
    if root.single_host:
        domains.append(_domain(root.name, root.display, host_files, col))
    else:
        for dd in root.domains:
            known = [f for f in dd.files if f.kind in filenames.DOMAIN_KINDS]
            col.unrecognised.extend(f.display for f in dd.files if f.kind not in filenames.DOMAIN_KINDS)
            domains.append(_domain(dd.name, dd.display, known, col))
        if host_files:
            control = _control_domain(ldm)
            existing = next((d for d in domains if d.name == control), None)
            if existing is None:
                domains.append(_domain(control, root.display, host_files, col))
            else:
                col.unrecognised.extend(f.display for f in host_files)

    return Server(
        name=root.name,
        path=root.display,
        ldm=ldm,
        release=_release(ldm, server_files.get("ldm-list-l")),
        domains=tuple(domains),
        files=server_files,
        warnings=tuple(col.warnings),
        unrecognised=tuple(col.unrecognised),
        accounts=tuple(col.accounts),
    )


def _domain(name: str, display: str, files: list[CaptureFile], col: _Collector) -> DomainCapture:
    kinds: dict[str, str] = {}
    ifconfig = routes = None
    hostname_files: list[HostnameFile] = []
    for cf in files:
        if cf.kind == "hostname":
            interface, family = filenames.hostname_interface(cf.path.name)  # type: ignore[misc]
            kinds.setdefault("hostname", cf.display)
            kinds[f"hostname.{interface}" if family == "inet" else f"hostname6.{interface}"] = cf.display
            value = col.parse(cf, interface=interface, family=family)
            if isinstance(value, HostnameFile):
                hostname_files.append(value)
            continue
        if cf.kind in kinds:
            _duplicate(col, cf, kinds[cf.kind])
            continue
        kinds[cf.kind] = cf.display  # type: ignore[index]
        value = col.parse(cf)
        if cf.kind == "ifconfig-a":
            ifconfig = value
        elif cf.kind == "netstat-rn":
            routes = value
    return DomainCapture(
        name=name,
        path=display,
        files=kinds,
        ifconfig=ifconfig,  # type: ignore[arg-type]
        hostname_files=tuple(hostname_files),
        routes=routes,  # type: ignore[arg-type]
        runtime_groups=groups.runtime_groups(name, ifconfig) if ifconfig is not None else (),  # type: ignore[arg-type]
        persistent_groups=groups.persistent_groups(name, hostname_files),
    )


def _duplicate(col: _Collector, cf: CaptureFile, first: str) -> None:
    col.warnings.append(ParseWarning(Source(cf.display), f"a second capture of the same kind as {first}; not read"))


def _control_domain(ldm: Optional[LdmListing]) -> str:
    """The control domain's name: the one flagged ``c`` (4th flag letter), else ``primary``."""
    if ldm is not None:
        for d in ldm.domains:
            if d.flags and len(d.flags) >= 4 and d.flags[3] == "c":
                return d.name
    return "primary"


def _release(ldm: Optional[LdmListing], path: Optional[str]) -> Optional[LdmRelease]:
    """The Logical Domains Manager release, inferred from the ``ldm list`` format.

    RULES.md: "no LINKPROP column = before 1.3". (1, 2) stands for "before 1.3".
    """
    if ldm is None:
        return None
    src = Source(path) if path else None
    if ldm.linkprop_column:
        return LdmRelease((1, 3), "inferred: ldm list -l has a LINKPROP column (LDoms 1.3 or later)", src)
    return LdmRelease((1, 2), "inferred: ldm list -l has no LINKPROP column (before LDoms 1.3)", src)
