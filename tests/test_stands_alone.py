"""The product stands alone: what ships and what users read (the package, the rules,
the grammars, docs/, the README, the collector) never points at a file its users do
not have — the project's internal catalogue and format notes. Each fact is cited from
its Oracle or Solaris source, or from the project's own docs."""

from __future__ import annotations

import re

from testpaths import REPO

INTERNAL = re.compile(r"\b(?:RULES|FORMATS|CAPTURES|STYLE)\.md\b")
SHIPPED = ("ipmplint", "rules", "grammars", "docs", "collect")


def test_nothing_users_read_cites_an_internal_file():
    cited = []
    for top in SHIPPED:
        for path in sorted((REPO / top).rglob("*")):
            if path.is_file() and path.suffix in (".py", ".lark", ".md", "") and "__pycache__" not in path.parts:
                for n, line in enumerate(path.read_text(encoding="utf-8", errors="replace").splitlines(), 1):
                    if INTERNAL.search(line):
                        cited.append(f"{path.relative_to(REPO)}:{n}: {line.strip()}")
    for n, line in enumerate((REPO / "README.md").read_text(encoding="utf-8").splitlines(), 1):
        if INTERNAL.search(line):
            cited.append(f"README.md:{n}: {line.strip()}")
    assert cited == []
