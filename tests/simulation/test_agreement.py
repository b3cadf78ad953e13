"""Rules and simulation never disagree about one fact, over every bundled fixture.

- IPMP101/103/110 (members that share a vsw, a NIC or a datalink) fire on a group
  exactly when some single NIC or vsw failure darkens two or more of its members at
  once; IPMP102 (every vsw in one service domain) exactly when a service domain's
  failure takes every member and IPMP101 does not already hold; wherever the simulation
  can tell (no unknown effect for the group).
- IPMP201 and IPMP503 (no link state, no probes) fire exactly when some single failure
  leaves a group ``undetected`` for want of link state; IPMP202 when for want of targets.
- Every effect that names a rule names one whose finding is on this server.
"""

from __future__ import annotations

import pytest
from testpaths import FIXTURES

from ipmplint.simulation.model import Kind

from .helpers import simulated

ROOTS = sorted(p.name for p in FIXTURES.iterdir() if p.is_dir())
SHARED = {"IPMP101", "IPMP102", "IPMP103", "IPMP110"}


def _groups(sim):
    """(domain, group) → its effects under every single failure."""
    found: dict = {}
    for sc in sim.scenarios:
        for e in sc.effects:
            if e.group is not None:
                found.setdefault((e.domain, e.group), []).append((sc, e))
    return found


@pytest.mark.parametrize("name", ROOTS)
def test_shared_path_rules_agree_with_single_failures(name):
    sim, findings = simulated(FIXTURES / name)
    for key, effects in _groups(sim).items():
        if any(e.outcome.value == "unknown" for _, e in effects):
            continue
        fired = {f.rule_id for f in findings if (f.domain, f.group) == key} & SHARED
        below = any(
            sc.failed[0].kind in (Kind.NIC, Kind.VSW) and len(e.lost) >= 2 for sc, e in effects if len(sc.failed) == 1
        )
        assert bool(fired - {"IPMP102"}) == below, (key, fired, [(sc.label, e.lost) for sc, e in effects])
        whole = any(
            sc.failed[0].kind is Kind.SERVICE_DOMAIN and len(e.lost) >= 2 and e.outcome.value == "loses-network"
            for sc, e in effects
            if len(sc.failed) == 1
        )
        assert ("IPMP102" in fired) == (whole and "IPMP101" not in fired), (key, fired)


@pytest.mark.parametrize("name", ROOTS)
def test_detection_rules_agree_with_undetected_failures(name):
    sim, findings = simulated(FIXTURES / name)
    for key, effects in _groups(sim).items():
        fired = {f.rule_id for f in findings if (f.domain, f.group) == key}
        blind_link = any(e.outcome.value == "undetected" and "link state" in e.reason for _, e in effects)
        blind_probe = any(e.outcome.value == "undetected" and "no router" in e.reason for _, e in effects)
        assert blind_link == bool(fired & {"IPMP201", "IPMP503"}), (key, fired)
        if blind_probe:
            assert "IPMP202" in fired, key


@pytest.mark.parametrize("name", ROOTS)
def test_effects_name_only_rules_that_fired(name):
    sim, findings = simulated(FIXTURES / name)
    fired = {f.rule_id for f in findings}
    named = {r for sc in sim.scenarios for e in sc.effects for r in e.rules}
    assert named <= fired
    for sc in sim.scenarios:
        for e in sc.effects:
            assert (e.outcome.value == "unaffected") == (e.reason == ""), (sc.label, e)


def test_every_loss_under_ipmp101_to_103_is_explained_by_them():
    for name in ROOTS:
        sim, findings = simulated(FIXTURES / name)
        fired = {(f.domain, f.group, f.rule_id) for f in findings}
        for sc in sim.scenarios:
            for e in sc.effects:
                if e.outcome.value == "loses-network" and len(e.lost) >= 2 and len(sc.failed) == 1:
                    assert set(e.rules) & SHARED, (name, sc.label, e)
                    assert any((e.domain, e.group, r) in fired for r in e.rules)


@pytest.mark.parametrize("name", ROOTS)
def test_a_service_domain_that_does_not_forward_agrees_with_ipmp502(name):
    sim, findings = simulated(FIXTURES / name)
    dropped = any("failure or not" in e.reason and "IPMP502" in e.rules for sc in sim.scenarios for e in sc.effects)
    assert dropped == any(f.rule_id == "IPMP502" for f in findings)


@pytest.mark.parametrize("name", ROOTS)
def test_a_single_probe_target_finding_has_its_false_failure(name):
    sim, findings = simulated(FIXTURES / name)
    for f in findings:
        if f.rule_id != "IPMP210":
            continue
        effects = [
            e
            for sc in sim.scenarios
            if len(sc.failed) == 1 and sc.failed[0].kind is Kind.PROBE_TARGET
            for e in sc.effects
            if (e.domain, e.group) == (f.domain, f.group)
        ]
        assert any(e.outcome.value == "false-failure" and "IPMP210" in e.rules for e in effects), name
