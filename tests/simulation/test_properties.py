"""Properties over generated servers (hypothesis): a guest group whose members sit on
vsws with their own NICs in k service domains, probed with or without targets, or
relying on link state with or without ``linkprop=phys-state``.

- It survives every single service-domain failure exactly when its members are spread
  over k ≥ 2 service domains and detection works (probe targets exist, or physical link
  state reaches the vnets).
- Adding a failure never improves an outcome: a pair is at least as bad as each of its
  single failures (on the generated servers and on every bundled fixture).
"""

from __future__ import annotations

import tempfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from testpaths import FIXTURES

from ipmplint.simulation.model import Kind, Outcome

from .helpers import simulated

SERVICE = ("primary", "alt1", "alt2")
RANK = {
    Outcome.UNAFFECTED: 0,
    Outcome.FAILS_OVER: 1,
    Outcome.UNDETECTED: 2,
    Outcome.FALSE_FAILURE: 2,
    Outcome.LOSES_NETWORK: 3,
}


VSW_HEADER = (
    "    NAME             MAC               NET-DEV   ID   DEVICE     LINKPROP   DEFAULT-VLAN-ID PVID VID"
    "                  MTU   MODE   INTER-VNET-LINK"
)
NET_HEADER = (
    "    NAME             SERVICE                     ID   DEVICE     MAC               MODE   PVID VID"
    "                  MTU   MAXBW      LINKPROP"
)
#: How the group detects failures: test addresses with or without probe targets, or
#: link state (no test address) with or without linkprop=phys-state (OVM layout).
DETECTIONS = ("probe", "probe-no-target", "link-phys-state", "link-no-state")


def _row(header: str, values: dict[str, str]) -> str:
    """A listing row with each value under its header word, as ldm aligns them."""
    row = ""
    for word, value in values.items():
        row = row.ljust(header.index(" " + word + " " if " " + word + " " in header else " " + word) + 1) + value + " "
    return row.rstrip()


def _domain(name: str, flags: str, body: list[str]) -> list[str]:
    return [
        "NAME             STATE    FLAGS   CONS    VCPU  MEMORY   UTIL  UPTIME",
        f"{name:<17}active   {flags:<8}        4     4G       0.6%  12d 3h 10m",
        " ",
        *body,
        "------------------------------------------------------------------------------",
    ]


def write_server(root: Path, placement: list[int], detection: str) -> None:
    """ldg1's group ipmp0 over vnet0..n-1, member m on vsw ``<sd>-vsw<m>`` (NIC nxge<m>)
    of service domain ``SERVICE[placement[m]]``, detecting failures as ``detection``."""
    linkprop = "phys-state" if detection == "link-phys-state" else ""
    lines = ["primary# ldm list -l"]
    for i, sd in enumerate(SERVICE[: max(placement) + 1]):
        vsws = [
            _row(
                VSW_HEADER,
                {
                    "NAME": f"{sd}-vsw{m}",
                    "MAC": f"00:14:4f:fb:{i:02x}:{m:02x}",
                    "NET-DEV": f"nxge{m}",
                    "ID": str(m),
                    "DEVICE": f"switch@{m}",
                    "LINKPROP": linkprop,
                    "DEFAULT-VLAN-ID": "1",
                    "PVID": "1",
                    "MTU": "1500",
                    "INTER-VNET-LINK": "on",
                },
            )
            for m, p in enumerate(placement)
            if p == i
        ]
        lines += _domain(sd, "-n-cv" if i == 0 else "-n--v", ["VSW", VSW_HEADER, *vsws, " "] if vsws else [])
    nets = [
        _row(
            NET_HEADER,
            {
                "NAME": f"vnet{m}",
                "SERVICE": f"{SERVICE[p]}-vsw{m}@{SERVICE[p]}",
                "ID": str(m),
                "DEVICE": f"network@{m}",
                "MAC": f"00:14:4f:f8:00:{m:02x}",
                "PVID": "1",
                "MTU": "1500",
                "LINKPROP": linkprop,
            },
        )
        for m, p in enumerate(placement)
    ]
    lines += _domain("ldg1", "-n---", ["NETWORK", NET_HEADER, *nets, " "])
    (root / "ldm-list-l.txt").write_text("\n".join(lines) + "\n")
    guest = root / "ldg1"
    guest.mkdir()
    ifc = [
        "lo0: flags=2001000849<UP,LOOPBACK,RUNNING,MULTICAST,IPv4,VIRTUAL> mtu 8232 index 1",
        "        inet 127.0.0.1 netmask ff000000 ",
    ]
    for m in range(len(placement)):
        ifc += [
            f"vnet{m}: flags=1000843<UP,BROADCAST,RUNNING,MULTICAST,IPv4> mtu 1500 index {m + 2}",
            f"        inet 192.168.102.{10 + m} netmask ffffff00 broadcast 192.168.102.255",
            "        groupname ipmp0",
            f"        ether 0:14:4f:f8:0:{m:x} ",
        ]
        if detection.startswith("probe"):
            ifc += [
                f"vnet{m}:1: flags=9040843<UP,BROADCAST,RUNNING,MULTICAST,DEPRECATED,IPv4,NOFAILOVER> mtu 1500 "
                f"index {m + 2}",
                f"        inet 192.168.102.{20 + m} netmask ffffff00 broadcast 192.168.102.255",
            ]
    (guest / "ifconfig-a.txt").write_text("\n".join(ifc) + "\n")
    routes = [
        "",
        "Routing Table: IPv4",
        "  Destination           Gateway           Flags  Ref     Use     Interface ",
        "-------------------- -------------------- ----- ----- ---------- --------- ",
        "192.168.102.0        192.168.102.10       U         1       3051 vnet0     ",
    ]
    if detection == "probe":
        routes += [
            "192.168.102.1        192.168.102.1        UGH       1        182 vnet0     ",
            "192.168.102.2        192.168.102.2        UGH       1        180 vnet0     ",
        ]
    routes += ["127.0.0.1            127.0.0.1            UH        4        110 lo0       "]
    (guest / "netstat-rn.txt").write_text("\n".join(routes) + "\n")


def _simulate(placement: list[int], detection: str, pairs: bool = False):
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp) / "srv"
        root.mkdir()
        write_server(root, placement, detection)
        sim, _ = simulated(root, pairs=pairs)
    return sim


placements = st.lists(st.integers(0, 2), min_size=1, max_size=4)


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(placement=placements, detection=st.sampled_from(DETECTIONS))
def test_survives_a_service_domain_exactly_when_spread_and_detected(placement, detection):
    sim = _simulate(placement, detection)
    outcomes = [
        e.outcome
        for sc in sim.scenarios
        if sc.failed[0].kind is Kind.SERVICE_DOMAIN
        for e in sc.effects
        if e.group == "ipmp0"
    ]
    k = len(set(placement))
    assert len(outcomes) == k
    survives = all(o in (Outcome.UNAFFECTED, Outcome.FAILS_OVER) for o in outcomes)
    works = detection in ("probe", "link-phys-state")
    assert survives == (k >= 2 and works), (placement, detection, outcomes)
    if k >= 2:
        detected = {e.detection for sc in sim.scenarios for e in sc.effects if e.outcome is Outcome.FAILS_OVER}
        assert detected <= {"probe" if detection == "probe" else "link"}


@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(placement=placements, detection=st.sampled_from(DETECTIONS))
def test_adding_a_failure_never_improves_an_outcome(placement, detection):
    sim = _simulate(placement, detection, pairs=True)
    never_worse(sim)


@pytest.mark.parametrize("name", sorted(p.name for p in FIXTURES.iterdir() if p.is_dir()))
def test_adding_a_failure_never_improves_an_outcome_on_the_fixtures(name):
    sim, _ = simulated(FIXTURES / name, pairs=True)
    never_worse(sim)


def never_worse(sim) -> None:
    """Every effect of a pair is at least as bad as the same subject's under each of
    its two single failures (unknown aside)."""
    single = {sc.failed[0]: {e.subject: e.outcome for e in sc.effects} for sc in sim.scenarios if len(sc.failed) == 1}
    for sc in sim.scenarios:
        if len(sc.failed) != 2:
            continue
        for e in sc.effects:
            for one in sc.failed:
                before = single[one].get(e.subject)
                if before is None or Outcome.UNKNOWN in (before, e.outcome):
                    continue
                assert RANK[e.outcome] >= RANK[before], (sc.label, e.subject, before, e.outcome)
