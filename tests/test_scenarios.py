"""The scenario matrix: every fixture judged exactly (fixtures/scenarios.toml)."""

from __future__ import annotations

import tomllib

import pytest

from ipmplint import discovery, loader, runner
from ipmplint.rules import builtin

from testpaths import FIXTURES

SCENARIOS = tomllib.loads((FIXTURES / "scenarios.toml").read_text())


def rule_ids(path) -> set[str]:
    found = discovery.discover([str(path)])
    assert found.errors == ()
    assert len(found.roots) == 1
    report = runner.check_server(loader.load(found.roots[0]), builtin())
    return {f.rule_id for f in report.findings}


def test_every_fixture_is_in_the_matrix():
    folders = {p.name for p in FIXTURES.iterdir() if p.is_dir()}
    assert folders == set(SCENARIOS)


@pytest.mark.parametrize("name", sorted(SCENARIOS))
def test_fixture_yields_exactly_its_rules(name):
    assert rule_ids(FIXTURES / name) == set(SCENARIOS[name]["expect"])


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
