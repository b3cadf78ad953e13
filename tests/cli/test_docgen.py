"""docs/rules.md is generated from the rule modules and kept in sync with them."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import attrs
import pytest

from ipmplint.cli import docgen
from ipmplint.reporters import sarif
from ipmplint.rules import builtin

RULES_MD = Path(__file__).resolve().parents[2] / "docs" / "rules.md"


def github_anchor(heading: str) -> str:
    """The fragment GitHub gives a Markdown heading: lower case, punctuation dropped,
    blanks as hyphens."""
    return re.sub(r"[^\w\- ]", "", heading.strip().lower()).replace(" ", "-")


def test_docs_rules_md_is_up_to_date():
    """Fails when a rule module changed (or a rule was added) and the page was not rebuilt."""
    assert RULES_MD.exists(), f"docs/rules.md is missing: run `{docgen.COMMAND}`"
    current = RULES_MD.read_text(encoding="utf-8")
    assert current == docgen.render(), f"docs/rules.md is stale: run `{docgen.COMMAND}`"


def test_one_anchor_per_rule_matching_the_sarif_help_uri():
    page = docgen.render()
    headings = [line[3:] for line in page.splitlines() if line.startswith("## ")]
    rules = builtin()
    assert headings == [r.id for r in rules]
    for rule in rules:
        assert github_anchor(rule.id) == docgen.anchor(rule) == rule.id.lower()
        help_uri = sarif._rule(rule.info)["helpUri"]
        assert help_uri == f"{sarif.RULES_DOC_URI}#{docgen.anchor(rule)}"
        assert f"| [{rule.id}](#{rule.id.lower()}) | `{rule.name}` |" in page


def test_every_rule_doc_is_on_the_page_with_its_headings_one_level_down():
    page = docgen.render()
    for rule in builtin():
        section = page.split(f"\n## {rule.id}\n", 1)[1].split("\n## ", 1)[0]
        assert f"default severity **{rule.info.severity.value}**" in section
        for line in rule.info.doc.splitlines():
            expected = "#" + line if re.match(r"^#{1,5}\s", line) else line
            assert expected.rstrip() in section


def test_generated_from_whatever_rules_exist():
    rules = builtin()
    extra = attrs.evolve(
        rules[0], info=attrs.evolve(rules[0].info, id="SITE901", name="site-rule", summary="A | pipe in a summary.")
    )
    page = docgen.render([*rules, extra])
    assert "\n## SITE901\n" in page
    assert "| [SITE901](#site901) | `site-rule` | " in page and "A \\| pipe in a summary." in page
    assert page.index("## SITE901") > page.index(f"## {rules[-1].id}")  # sorted by id


@pytest.mark.parametrize("seed", ["0", "4242"])
def test_deterministic_across_processes(seed):
    """The page rendered by a fresh interpreter with another hash seed is the same bytes."""
    code = "import sys; from ipmplint.cli import docgen; sys.stdout.write(docgen.render())"
    other = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, check=True, env={**os.environ, "PYTHONHASHSEED": seed}
    ).stdout.decode()
    assert other == docgen.render()


def test_headings_inside_code_fences_are_left_alone():
    assert docgen._demote("## Example\n```\n# ldm list\n```\n# Top") == [
        "### Example",
        "```",
        "# ldm list",
        "```",
        "## Top",
    ]


def test_main_writes_and_checks(tmp_path, capsys):
    out = tmp_path / "rules.md"
    assert docgen.main(["-o", str(out)]) == 0
    assert out.read_text(encoding="utf-8") == docgen.render()
    assert docgen.main(["--check", str(out)]) == 0
    out.write_text("stale\n", encoding="utf-8")
    assert docgen.main(["--check", str(out)]) == 1
    assert docgen.COMMAND in capsys.readouterr().err
