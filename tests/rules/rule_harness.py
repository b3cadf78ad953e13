"""Run one rule over a capture written into a temporary folder, the way `ipmplint check`
does (discovery → loader → runner), and read back what it found.

Rule tests state captures as text — the shape administrators paste — so a rule is
tested through the same parsers and group derivation it meets in use."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Optional

from ipmplint.capture import discovery, loader
from ipmplint.engine import runner
from ipmplint.findings import ServerReport
from ipmplint.model import Server
from ipmplint.rules import builtin


def write(root: Path, files: dict[str, str]) -> Path:
    for rel, text in files.items():
        path = root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text)
    return root


def load(root: Path) -> Server:
    found = discovery.discover([str(root)])
    assert found.errors == (), found.errors
    (capture,) = found.roots
    return loader.load(capture)


def run(rule_id: str, server: Server, options: Optional[dict] = None) -> ServerReport:
    (rule,) = [r for r in builtin() if r.id == rule_id]
    settings = runner.RunSettings(options={rule_id: options}) if options else None
    return runner.check_server(server, [rule], settings)


def found(report: ServerReport) -> list[tuple[str, int, int, Optional[str]]]:
    """(file relative to the server's folder, line, col, object) of each finding."""
    return [
        (
            os.path.relpath(f.location.file, report.path) if f.location.file != report.path else ".",
            f.location.line,
            f.location.col,
            f.object,
        )
        for f in report.findings
    ]


def skipped(report: ServerReport) -> list[tuple[Optional[str], tuple[str, ...]]]:
    """(domain, missing files relative to the server's folder) of each skipped check."""
    return [(k.domain, tuple(os.path.relpath(m, report.path) for m in k.missing)) for k in report.skipped]


def check(tmp_path: Path, rule_id: str, files: dict[str, str], options: Optional[dict] = None) -> ServerReport:
    """Write ``files`` under ``tmp_path/host`` and run the rule over them."""
    return run(rule_id, load(write(tmp_path / "host", files)), options)
