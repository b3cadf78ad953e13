"""The scenario matrix: every fixture judged exactly (fixtures/scenarios.toml)."""

from __future__ import annotations

import functools
import os
import tomllib

import pytest
from testpaths import FIXTURES

from ipmplint.capture import discovery, loader
from ipmplint.engine import runner
from ipmplint.rules import builtin

SCENARIOS = tomllib.loads((FIXTURES / "scenarios.toml").read_text())


@functools.lru_cache(maxsize=None)
def findings(path) -> tuple[str, ...]:
    """Every finding of the fixture as "RULE file:line:col", in report order, duplicates kept
    (computed once per fixture for both the rule-set and the full-findings test)."""
    found = discovery.discover([str(path)])
    assert found.errors == ()
    assert len(found.roots) == 1
    report = runner.check_server(loader.load(found.roots[0]), builtin())
    return tuple(
        f"{f.rule_id} {os.path.relpath(f.location.file, path)}:{f.location.line}:{f.location.col}"
        for f in sorted(report.findings, key=lambda f: f.sort_key)
    )


def rule_ids(path) -> set[str]:
    return {pin.split()[0] for pin in findings(path)}


def test_every_fixture_is_in_the_matrix():
    folders = {p.name for p in FIXTURES.iterdir() if p.is_dir()}
    assert folders == set(SCENARIOS)


@pytest.mark.parametrize("name", sorted(SCENARIOS))
def test_fixture_yields_exactly_its_rules(name):
    assert rule_ids(FIXTURES / name) == set(SCENARIOS[name]["expect"])


@pytest.mark.parametrize("name", sorted(SCENARIOS))
def test_fixture_yields_exactly_its_findings(name):
    """Count, rule, file, line and column of each finding: pytest's list diff names the
    finding that moved, vanished or doubled."""
    assert list(findings(FIXTURES / name)) == SCENARIOS[name]["findings"]


def test_pinned_findings_agree_with_the_expected_rules():
    for name, scenario in SCENARIOS.items():
        assert {pin.split()[0] for pin in scenario["findings"]} == set(scenario["expect"]), name


def test_fixed_twins_are_clean_and_exist():
    for name, scenario in SCENARIOS.items():
        for broken in scenario.get("fixes", []):
            assert broken in SCENARIOS, broken
            assert SCENARIOS[broken]["expect"], f"{broken} is fixed by {name} but expects nothing"
        if scenario.get("fixes"):
            assert scenario["expect"] == []


def test_a_list_bindings_capture_is_judged_by_the_topology_rules():
    """The fixture captured with ``ldm list-bindings`` alone is clean because its topology
    is (Figure 7-4), not because the topology rules were skipped."""
    found = discovery.discover([str(FIXTURES / "ldoms12-list-bindings-peers")])
    report = runner.check_server(loader.load(found.roots[0]), builtin())
    assert report.findings == ()
    assert [k.rule_id for k in report.skipped if k.domain is None] == ["CAP004"]
