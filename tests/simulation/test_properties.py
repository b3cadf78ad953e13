"""Properties over generated servers (hypothesis): a guest group whose members sit on
vsws with their own NICs in k service domains, probed with or without targets.

- It survives every single service-domain failure exactly when its members are spread
  over k ≥ 2 service domains and detection works (probe targets exist).
- Adding a failure never improves an outcome: a pair is at least as bad as each of its
  single failures.
"""

from __future__ import annotations

import tempfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from ipmplint.simulation.model import Kind, Outcome

from .helpers import simulated

SERVICE = ("primary", "alt1", "alt2")
RANK = {Outcome.UNAFFECTED: 0, Outcome.FAILS_OVER: 1, Outcome.UNDETECTED: 2, Outcome.FALSE_FAILURE: 2,
        Outcome.LOSES_NETWORK: 3}


def _domain(name: str, flags: str, body: list[str]) -> list[str]:
    return ["NAME             STATE    FLAGS   CONS    VCPU  MEMORY   UTIL  UPTIME",
            f"{name:<17}active   {flags:<8}        4     4G       0.6%  12d 3h 10m", " ", *body,
            "------------------------------------------------------------------------------"]


def write_server(root: Path, placement: list[int], targets: bool) -> None:
    """ldg1's group ipmp0 over vnet0..n-1, member m on vsw ``<sd>-vsw<m>`` (NIC nxge<m>)
    of service domain ``SERVICE[placement[m]]``."""
    lines = ["primary# ldm list -l"]
    for i, sd in enumerate(SERVICE[:max(placement) + 1]):
        vsws = [f"    {sd + '-vsw' + str(m):<17}00:14:4f:fb:{i:02x}:{m:02x} {'nxge' + str(m):<10}switch@{m}  prog,promisc"
                for m, p in enumerate(placement) if p == i]
        body = (["VSW", "    NAME             MAC               NET-DEV   DEVICE    MODE", *vsws, " "]
                if vsws else [])
        lines += _domain(sd, "-n-cv" if i == 0 else "-n--v", body)
    nets = [f"    {'vnet' + str(m):<17}{SERVICE[p] + '-vsw' + str(m) + '@' + SERVICE[p]:<26}network@{m}  "
            f"00:14:4f:f8:00:{m:02x}" for m, p in enumerate(placement)]
    lines += _domain("ldg1", "-n---", ["NETWORK", "    NAME             SERVICE                   DEVICE     MAC",
                                       *nets, " "])
    (root / "ldm-list-l.txt").write_text("\n".join(lines) + "\n")
    guest = root / "ldg1"
    guest.mkdir()
    ifc = ["lo0: flags=2001000849<UP,LOOPBACK,RUNNING,MULTICAST,IPv4,VIRTUAL> mtu 8232 index 1",
           "        inet 127.0.0.1 netmask ff000000 "]
    for m in range(len(placement)):
        ifc += [f"vnet{m}: flags=1000843<UP,BROADCAST,RUNNING,MULTICAST,IPv4> mtu 1500 index {m + 2}",
                f"        inet 192.168.102.{10 + m} netmask ffffff00 broadcast 192.168.102.255",
                "        groupname ipmp0", f"        ether 0:14:4f:f8:0:{m:x} ",
                f"vnet{m}:1: flags=9040843<UP,BROADCAST,RUNNING,MULTICAST,DEPRECATED,IPv4,NOFAILOVER> mtu 1500 "
                f"index {m + 2}",
                f"        inet 192.168.102.{20 + m} netmask ffffff00 broadcast 192.168.102.255"]
    (guest / "ifconfig-a.txt").write_text("\n".join(ifc) + "\n")
    routes = ["", "Routing Table: IPv4",
              "  Destination           Gateway           Flags  Ref     Use     Interface ",
              "-------------------- -------------------- ----- ----- ---------- --------- ",
              "192.168.102.0        192.168.102.10       U         1       3051 vnet0     "]
    if targets:
        routes += ["192.168.102.1        192.168.102.1        UGH       1        182 vnet0     ",
                   "192.168.102.2        192.168.102.2        UGH       1        180 vnet0     "]
    routes += ["127.0.0.1            127.0.0.1            UH        4        110 lo0       "]
    (guest / "netstat-rn.txt").write_text("\n".join(routes) + "\n")


def _simulate(placement: list[int], targets: bool, pairs: bool = False):
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp) / "srv"
        root.mkdir()
        write_server(root, placement, targets)
        sim, _ = simulated(root, pairs=pairs)
    return sim


placements = st.lists(st.integers(0, 2), min_size=1, max_size=4)


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(placement=placements, targets=st.booleans())
def test_survives_a_service_domain_exactly_when_spread_and_detected(placement, targets):
    sim = _simulate(placement, targets)
    outcomes = [e.outcome for sc in sim.scenarios if sc.failed[0].kind is Kind.SERVICE_DOMAIN
                for e in sc.effects if e.group == "ipmp0"]
    k = len(set(placement))
    assert len(outcomes) == k
    survives = all(o in (Outcome.UNAFFECTED, Outcome.FAILS_OVER) for o in outcomes)
    assert survives == (k >= 2 and targets), (placement, targets, outcomes)


@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(placement=placements, targets=st.booleans())
def test_adding_a_failure_never_improves_an_outcome(placement, targets):
    sim = _simulate(placement, targets, pairs=True)
    single = {sc.failed[0]: {e.subject: e.outcome for e in sc.effects}
              for sc in sim.scenarios if len(sc.failed) == 1}
    for sc in sim.scenarios:
        if len(sc.failed) != 2:
            continue
        for e in sc.effects:
            for one in sc.failed:
                before = single[one].get(e.subject)
                if before is None or Outcome.UNKNOWN in (before, e.outcome):
                    continue
                assert RANK[e.outcome] >= RANK[before], (sc.label, e.subject, before, e.outcome)
