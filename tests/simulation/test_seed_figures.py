"""The seed's three designs come out as the LDoms 1.2 Administration Guide says
("Using IPMP in Logical Domains", Figures 7-3, 7-4 and 7-5), and every outcome shows
on a bundled fixture with its reason, detection and rules."""

from __future__ import annotations

import pytest
from testpaths import FIXTURES

from ipmplint.simulation.model import Element, Kind

from .helpers import matrix, simulated

FIG_7_3 = FIXTURES / "fig-7-3-two-vsw-one-service-domain"
FIG_7_4 = FIXTURES / "fig-7-4-vsw-in-two-service-domains"
FIG_7_5 = FIXTURES / "fig-7-5-ipmp-in-service-domain"


def test_figure_7_3_survives_a_nic_or_vsw_by_probes_and_dies_with_its_service_domain():
    sim, _ = simulated(FIG_7_3)
    assert matrix(sim) == {
        "nic primary/e1000g0": {"ldg1/ipmp0": "fails-over"},
        "nic primary/e1000g1": {"ldg1/ipmp0": "fails-over"},
        "vsw primary/primary-vsw0": {"ldg1/ipmp0": "fails-over"},
        "vsw primary/primary-vsw1": {"ldg1/ipmp0": "fails-over"},
        "service-domain primary": {"ldg1/ipmp0": "loses-network"},
        "vnet ldg1/vnet0": {"ldg1/ipmp0": "fails-over"},
        "vnet ldg1/vnet1": {"ldg1/ipmp0": "fails-over"},
        "probe-target 192.168.102.1": {"ldg1/ipmp0": "unaffected"},
        "probe-target 192.168.102.2": {"ldg1/ipmp0": "unaffected"},
    }
    nic = sim.scenarios[0].effects[0]
    assert (nic.detection, nic.seconds, nic.carrier, nic.lost) == ("probe", 10.0, "vnet1", ("vnet0",))


def test_figure_7_3_loss_and_the_ipmp102_finding_point_at_each_other():
    sim, findings = simulated(FIG_7_3)
    (lost,) = [e for sc in sim.scenarios if sc.label == "service-domain primary" for e in sc.effects]
    assert lost.rules == ("IPMP102",)
    (finding,) = findings
    assert finding.rule_id == "IPMP102" and (finding.domain, finding.group) == (lost.domain, lost.group)
    assert "primary" in lost.reason


def test_figure_7_4_survives_every_single_failure():
    sim, _ = simulated(FIG_7_4)
    outcomes = {o for row in matrix(sim).values() for o in row.values()}
    assert outcomes == {"fails-over", "unaffected"}
    kinds = {e.kind for sc in sim.scenarios for e in sc.failed}
    assert kinds == set(Kind)


def test_figure_7_5_keeps_the_guest_through_a_nic_and_loses_it_with_the_service_domain():
    sim, _ = simulated(FIG_7_5)
    rows = matrix(sim)
    assert rows["nic primary/e1000g0"] == {"ldg1:vnet0": "fails-over", "primary/ipmp0": "fails-over"}
    assert rows["nic primary/e1000g1"] == {"ldg1:vnet0": "fails-over", "primary/ipmp0": "fails-over"}
    assert rows["service-domain primary"] == {"ldg1:vnet0": "loses-network", "primary/ipmp0": "down"}
    guest = next(
        e for sc in sim.scenarios if sc.label == "nic primary/e1000g0" for e in sc.effects if e.domain == "ldg1"
    )
    assert (guest.detection, guest.seconds, guest.carrier) == ("link", 0.0, "e1000g1")
    assert "routed by primary" in guest.reason


def test_without_router_or_host_routes_a_nic_failure_is_undetected():
    sim, _ = simulated(FIXTURES / "ipmp202-no-probe-targets")
    effect = next(e for sc in sim.scenarios if sc.label.startswith("nic ") for e in sc.effects)
    assert effect.outcome.value == "undetected" and effect.rules == ("IPMP202",)
    assert "no router and no host route" in effect.reason


@pytest.mark.parametrize(
    "fixture, outcome, detection",
    [
        ("ipmp201-link-based-detection-on-vnet", "undetected", None),  # LDoms 1.2: no link state on a vnet
        ("ipmp201-fixed-link-based-phys-state", "fails-over", "link"),  # linkprop=phys-state
    ],
)
def test_link_based_detection_on_vnets(fixture, outcome, detection):
    sim, _ = simulated(FIXTURES / fixture)
    effect = next(e for sc in sim.scenarios if sc.label.startswith("nic ") for e in sc.effects)
    assert (effect.outcome.value, effect.detection) == (outcome, detection)
    if outcome == "undetected":
        assert effect.rules == ("IPMP201",)
    else:
        assert effect.seconds == 0


def test_the_only_probe_target_gone_is_a_false_failure():
    sim, _ = simulated(FIXTURES / "ipmp210-single-probe-target")
    (effect,) = [e for sc in sim.scenarios if sc.failed[0].kind is Kind.PROBE_TARGET for e in sc.effects]
    assert effect.outcome.value == "false-failure" and effect.rules == ("IPMP210",)
    assert effect.detection == "probe"


def test_failure_detection_time_comes_from_mpathd():
    sim, _ = simulated(FIXTURES / "ipmp207-failure-detection-time")
    effect = next(e for sc in sim.scenarios for e in sc.effects if e.outcome.value == "fails-over")
    assert effect.seconds == 0.1  # FAILURE_DETECTION_TIME=10 is 10 ms, raised to in.mpathd's minimum
    assert "FAILURE_DETECTION_TIME" in effect.reason and effect.rules == ("IPMP207",)


@pytest.mark.parametrize(
    "fixture, missing",
    [
        ("ipmp105-vnet-not-matched", None),
        ("ipmp104-vswitch-without-physical-nic", "ldm-list-l.txt"),
    ],
)
def test_what_the_captures_cannot_tell_is_unknown(fixture, missing):
    sim, _ = simulated(FIXTURES / fixture)
    unknown = [e for sc in sim.scenarios for e in sc.effects if e.outcome.value == "unknown"]
    assert unknown and all(e.reason for e in unknown)
    if missing:
        assert all(any(m.endswith(missing) for m in e.missing) for e in unknown)


def test_a_domain_without_captures_is_unknown_when_the_failure_reaches_it(tmp_path):
    import shutil

    shutil.copytree(FIG_7_4, tmp_path / "srv")
    shutil.rmtree(tmp_path / "srv" / "ldg1")
    sim, _ = simulated(tmp_path / "srv")
    rows = matrix(sim)
    assert rows["vnet ldg1/vnet0"] == {"ldg1": "unknown"}
    assert rows["probe-target 192.168.102.1"] if "probe-target 192.168.102.1" in rows else True
    effect = next(e for sc in sim.scenarios if sc.label == "vsw primary/primary-vsw0" for e in sc.effects)
    assert effect.missing == (str(tmp_path / "srv" / "ldg1"),)


def test_a_single_member_group_loses_the_network():
    sim, _ = simulated(FIXTURES / "ipmp301-single-member-group")
    lost = [e for sc in sim.scenarios for e in sc.effects if e.outcome.value == "loses-network"]
    assert lost and "IPMP301" in lost[0].rules


def test_a_member_already_offline_leaves_the_other_alone():
    sim, _ = simulated(FIXTURES / "s10-standby-offline-member")
    lost = [e for sc in sim.scenarios for e in sc.effects if e.outcome.value == "loses-network"]
    assert len(lost) == 1 and "IPMP402" in lost[0].rules


def test_fail_names_failures_together():
    both = (Element(Kind.SERVICE_DOMAIN, None, "primary"), Element(Kind.SERVICE_DOMAIN, None, "alternate"))
    sim, _ = simulated(FIG_7_4, failures=[both])
    (scenario,) = sim.scenarios
    assert scenario.down == ("primary", "alternate")
    assert matrix(sim) == {"service-domain primary + service-domain alternate": {"ldg1/ipmp0": "loses-network"}}


def test_pairs_add_every_pair():
    sim, _ = simulated(FIG_7_4, pairs=True)
    singles = [sc for sc in sim.scenarios if len(sc.failed) == 1]
    pairs = [sc for sc in sim.scenarios if len(sc.failed) == 2]
    assert len(pairs) == len(singles) * (len(singles) - 1) // 2
    outcome = {sc.label: sc.effects[0].outcome.value for sc in pairs if sc.effects}
    assert outcome["nic alternate/nxge0 + nic primary/e1000g0"] == "loses-network"
    assert outcome["probe-target 192.168.102.1 + probe-target 192.168.102.2"] == "false-failure"


def test_the_finding_points_back_at_the_failures_it_explains():
    sim, findings = simulated(FIG_7_3)
    (explanation,) = sim.explanations
    assert (explanation.rule, explanation.domain, explanation.group) == ("IPMP102", "ldg1", "ipmp0")
    assert explanation.message == findings[0].message
    assert [(f, s, o.value) for f, s, o in explanation.explains] == [
        ("service-domain primary", "ldg1/ipmp0", "loses-network")
    ]


def test_a_guest_routed_by_a_service_domain_that_does_not_forward_has_no_network():
    sim, _ = simulated(FIXTURES / "ipmp502-service-domain-not-routing")
    guest = [e for sc in sim.scenarios for e in sc.effects if e.domain == "ldg1"]
    assert guest and all(e.outcome.value == "loses-network" and e.rules == ("IPMP502",) for e in guest)
    fixed, _ = simulated(FIXTURES / "ipmp502-fixed-forwarding-on")
    assert matrix(fixed)["nic primary/e1000g0"]["ldg1:vnet0"] == "fails-over"


def test_without_routes_a_probed_failure_is_unknown(tmp_path):
    import shutil

    shutil.copytree(FIG_7_3, tmp_path / "srv")
    (tmp_path / "srv" / "ldg1" / "netstat-rn.txt").unlink()
    sim, _ = simulated(tmp_path / "srv")
    rows = matrix(sim)
    assert rows["nic primary/e1000g0"] == {"ldg1/ipmp0": "unknown"}
    assert rows["service-domain primary"] == {"ldg1/ipmp0": "loses-network"}  # no detection needed to tell
    effect = next(e for sc in sim.scenarios if sc.label == "nic primary/e1000g0" for e in sc.effects)
    assert effect.missing == (str(tmp_path / "srv" / "ldg1" / "netstat-rn.txt"),)


def test_a_guest_without_its_ldm_view_is_unknown_not_a_nic(tmp_path):
    import shutil

    shutil.copytree(FIG_7_3 / "ldg1", tmp_path / "ldg1")
    sim, _ = simulated(tmp_path / "ldg1")
    assert not any(e.kind is Kind.NIC for sc in sim.scenarios for e in sc.failed)
    effects = [e for sc in sim.scenarios for e in sc.effects]
    assert effects and all(e.outcome.value == "unknown" for e in effects)
    assert all(m.endswith("ldm-list-l.txt") for e in effects for m in e.missing)
