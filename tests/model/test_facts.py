"""The facts rules require (ipmplint.model.facts): every capture kind gives one, every fact
names captures that exist, and docs/writing-a-rule.md documents them all."""

from __future__ import annotations

import re
import shutil

import pytest
from testpaths import FIXTURES, REPO

from ipmplint.capture import discovery, kinds, loader
from ipmplint.engine import plugins, runner
from ipmplint.model import LdmListing, Server, Source, facts
from ipmplint.rules import builtin

GUIDE = (REPO / "docs" / "writing-a-rule.md").read_text(encoding="utf-8")


def test_every_capture_kind_stands_for_a_fact():
    assert set(facts.KIND_FACTS) == set(kinds.BY_NAME)
    assert set(facts.KIND_FACTS.values()) <= set(facts.BY_NAME)


def test_each_fact_gives_captures_that_exist_and_a_scope():
    for fact in facts.FACTS:
        assert fact.captures and all(k in kinds.BY_NAME for k in fact.captures), fact.name
        assert fact.scope in ("server", "domain")
        scopes = {kinds.BY_NAME[k].scope for k in fact.captures}
        assert scopes == {fact.scope}, fact.name


def test_built_in_rules_require_facts_by_their_own_names():
    for rule in builtin():
        assert all(name in facts.BY_NAME for name in rule.requires), rule.id


@pytest.mark.parametrize("fact", facts.FACTS, ids=lambda f: f.name)
def test_the_guide_lists_every_fact(fact):
    assert re.search(rf"^\| `{re.escape(fact.name)}` \| {fact.scope} \|", GUIDE, re.M), fact.name


@pytest.mark.parametrize("kind, fact", sorted(facts.KIND_FACTS.items()))
def test_the_guide_says_which_fact_each_kind_stands_for(kind, fact):
    """``ldm-list-l`` ... for `ldm-bindings`: the kind is named before the fact it maps to."""
    text = " ".join(GUIDE.split("**Capture-kind names still work.**", 1)[1].split("\n\n", 1)[0].split())
    clauses = re.findall(r"((?:`[\w-]+`(?:, | and | or |)?)+?) for `([\w-]+)`", text)
    mapped = {k: f for ks, f in clauses for k in re.findall(r"`([\w-]+)`", ks)}
    same_name = kind == fact and re.search(rf"`{re.escape(kind)}`[^;.]* for the facts of\s+the same name", text)
    assert mapped.get(kind) == fact or same_name, kind


def test_a_skip_names_the_fact_and_where_to_capture_it():
    fact = facts.BY_NAME["routes"]
    assert facts.skip_reason(fact, "ldg1") == "no routing table in domain ldg1: capture `netstat -rn` in the domain"
    assert fact.files("s/ldg1") == ("s/ldg1/netstat-rn.txt",)


def _provided(server: Server) -> set[str]:
    """The server-level facts a loaded capture provides."""
    return {f.name for f in facts.FACTS if f.scope == "server" and f.holds(server)}


@pytest.mark.parametrize(
    "view, resources, provided",
    [
        ("list-l", True, {"ldm-bindings", "ldm-domains", "ldm-services"}),
        ("list-bindings", True, {"ldm-bindings", "ldm-domains", "ldm-services"}),
        ("list-p", True, {"ldm-bindings", "ldm-domains", "ldm-services"}),
    ],
)
def test_any_view_of_the_bindings_provides_them(view, resources, provided):
    listing = LdmListing(Source("s/x.txt"), view=view, resources=resources)
    assert _provided(Server("s", "s", ldm=listing)) == provided


def test_a_short_listing_names_the_domains_only():
    short = LdmListing(Source("s/ldm-list-l.txt"), view="list-l")
    assert _provided(Server("s", "s", ldm_long=short)) == {"ldm-domains"}


VNETS_SEEN = '''"""Rule {rid} of a test.

## What it checks
Counts the vnets it is given.
"""

from ipmplint.rule import Problem, Severity
from ipmplint.model import Source

ID = "{rid}"
NAME = "vnets-seen-{n}"
SEVERITY = Severity.INFO
SOURCE = "a test"
REQUIRES = ({requires!r},)


def check(ctx):
    yield Problem(f"{{len(ctx.server.ldm.vnets)}} vnets", Source(ctx.server.path))
'''


def test_a_plugin_naming_a_fact_or_an_old_kind_runs_on_any_view_of_the_bindings(tmp_path):
    """Plugins keep working: ``REQUIRES = ("ldm-list-l",)`` is the bindings fact, so the
    rule runs on a capture holding only ``ldm list-bindings``, like one naming the fact."""
    folder = tmp_path / "site"
    folder.mkdir()
    for n, requires in enumerate(("ldm-list-l", "ldm-bindings")):
        (folder / f"site90{n}.py").write_text(VNETS_SEEN.format(rid=f"SITE90{n}", n=n, requires=requires))
    loaded = plugins.load_rules([str(folder)], entry_points=False)
    assert loaded.errors == ()
    mine = [r for r in loaded.rules if r.id.startswith("SITE90")]
    root = tmp_path / "capture"
    shutil.copytree(FIXTURES / "ldoms12-list-bindings-peers", root)
    server = loader.load(discovery.discover([str(root)]).roots[0])
    report = runner.check_server(server, mine)
    assert [(f.rule_id, f.message) for f in report.findings] == [("SITE900", "2 vnets"), ("SITE901", "2 vnets")]
    assert report.skipped == ()
