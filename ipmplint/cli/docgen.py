"""docs/rules.md, rendered from the rule modules: ``python -m ipmplint.cli.docgen -o docs/rules.md``.

Each rule's one source of truth is its module (id, name, severity, tags, requirements
and the docstring, RuleInfo.doc); ``ipmplint rules``, ``ipmplint rule ID``, SARIF
``help`` and this page all show that text. The page has an index table, then one
section per rule whose heading is the rule id alone, so GitHub's anchor for it is
``#<id in lower case>``: the ``helpUri`` that the SARIF report gives each rule
(``sarif.RULES_DOC_URI#ipmp102``). The doc's own headings move one level down.

Output depends on the rules only (sorted by id) and is byte-for-byte the same on every
run; tests/cli/test_docgen.py fails when docs/rules.md is not what this prints.

    python -m ipmplint.cli.docgen                     # print the page
    python -m ipmplint.cli.docgen -o docs/rules.md    # write it
    python -m ipmplint.cli.docgen --check docs/rules.md   # exit 1 when the file is stale
"""

from __future__ import annotations

import argparse
import re
import sys
from pathlib import Path
from typing import Optional, Sequence

from ipmplint.rule import Rule

COMMAND = "python -m ipmplint.cli.docgen -o docs/rules.md"

_HEADING = re.compile(r"^(#{1,5})(\s)")
_FENCE = re.compile(r"^\s*(```|~~~)")


def render(rules: Optional[Sequence[Rule]] = None) -> str:
    """The whole page for these rules (default: every built-in rule)."""
    if rules is None:
        from ipmplint.rules import builtin

        rules = builtin()
    rules = sorted(rules, key=lambda r: r.id)
    out = [
        "# Rules",
        "",
        f"<!-- Generated from the rule modules (rules/*.py) by `{COMMAND}`. Do not edit by hand. -->",
        "",
        "Every rule ipmplint has, generated from the rule modules themselves: the same text",
        "as `ipmplint rule ID` prints and as the SARIF report's `help`. Select or ignore a",
        "rule by its id, an id prefix (`IPMP1`) or its name. The severity is the rule's",
        "default: **error** means failover will not happen, **warning** that it happens only",
        "for some failures or until the next reboot, **info** that it is worth knowing.",
        "",
        "| id | name | severity | what it checks |",
        "|---|---|---|---|",
    ]
    out += [
        f"| [{r.id}](#{anchor(r)}) | `{r.name}` | {r.info.severity.value} | {_cell(r.info.summary)} |" for r in rules
    ]
    for rule in rules:
        out += ["", *_section(rule)]
    return "\n".join(out) + "\n"


def anchor(rule: Rule) -> str:
    """The fragment GitHub gives the rule's heading (the heading is the id alone)."""
    return rule.id.lower()


def _section(rule: Rule) -> list[str]:
    from ipmplint.capture.kinds import BY_NAME

    facts = [f"`{rule.name}`", f"default severity **{rule.info.severity.value}**"]
    if rule.info.tags:
        facts.append("tags " + ", ".join(f"`{t}`" for t in rule.info.tags))
    if rule.requires:
        facts.append("needs " + ", ".join(f"`{BY_NAME[k].canonical if k in BY_NAME else k}`" for k in rule.requires))
    return [f"## {rule.id}", "", " · ".join(facts), "", *_demote(rule.info.doc)]


def _demote(doc: str) -> list[str]:
    """The doc with each Markdown heading one level down (outside code fences)."""
    lines = []
    fenced = False
    for line in doc.splitlines():
        if _FENCE.match(line):
            fenced = not fenced
        elif not fenced:
            line = _HEADING.sub(r"#\1\2", line)
        lines.append(line.rstrip())
    return lines


def _cell(text: str) -> str:
    return text.replace("|", "\\|")


def main(argv: Optional[Sequence[str]] = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m ipmplint.cli.docgen", description=__doc__.splitlines()[0])
    group = parser.add_mutually_exclusive_group()
    group.add_argument("-o", "--output", metavar="FILE", help="write the page to FILE (default: stdout)")
    group.add_argument("--check", metavar="FILE", help="exit 1 if FILE differs from the page")
    args = parser.parse_args(argv)
    page = render()
    if args.check:
        path = Path(args.check)
        current = path.read_text(encoding="utf-8") if path.exists() else None
        if current != page:
            print(f"{path} is stale: run `{COMMAND}`", file=sys.stderr)
            return 1
        return 0
    if args.output:
        # Written in one piece after rendering, so a failing render never empties the file.
        Path(args.output).write_text(page, encoding="utf-8", newline="\n")
    else:
        sys.stdout.write(page)
    return 0


if __name__ == "__main__":
    sys.exit(main())
