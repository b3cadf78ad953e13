"""The per-server memo: a question asked again while one server is checked is answered
from the first answer; nothing is kept once the server's report is made."""

from __future__ import annotations

from pathlib import Path

import pytest

import ipmplint.rules
from ipmplint.analysis import memo, probing
from ipmplint.capture import discovery, loader
from ipmplint.engine import runner
from ipmplint.model import DomainCapture

FIXTURES = Path(__file__).resolve().parents[2] / "fixtures"


def _counted(calls: list) -> object:
    @memo.once_per_server
    def answer(*args: object) -> tuple:
        calls.append(args)
        return (len(calls),)

    return answer


def test_outside_a_check_every_question_is_computed():
    calls: list = []
    answer = _counted(calls)
    dc = DomainCapture("d", "d")
    assert answer(dc) == (1,) and answer(dc) == (2,)


def test_inside_one_server_an_answer_is_computed_once_per_object():
    calls: list = []
    answer = _counted(calls)
    one, other = DomainCapture("d", "d"), DomainCapture("d", "d")  # equal, but two objects
    with memo.per_server():
        first = answer(one)
        assert answer(one) is first
        assert answer(other) is not first
        assert answer(one, other) is not first and answer(one, other) is answer(one, other)
    assert len(calls) == 3


def test_nothing_is_kept_between_servers_nor_after_an_error():
    calls: list = []
    answer = _counted(calls)
    dc = DomainCapture("d", "d")
    with memo.per_server():
        answer(dc)
    with memo.per_server():
        answer(dc)
    with pytest.raises(KeyError), memo.per_server():
        answer(dc)
        raise KeyError("a broken check")
    answer(dc)
    assert len(calls) == 4


def test_a_nested_memo_is_fresh_and_the_outer_one_comes_back():
    calls: list = []
    answer = _counted(calls)
    dc = DomainCapture("d", "d")
    with memo.per_server():
        outer = answer(dc)
        with memo.per_server():
            assert answer(dc) is not outer
        assert answer(dc) is outer
    assert len(calls) == 2


def test_the_runner_asks_each_group_s_probing_once_however_many_rules_ask(monkeypatch):
    """Seven rules ask the probing of every probe-based group; the routing table is
    searched once per group and test subnet."""
    (root,) = discovery.discover([str(FIXTURES / "ipmp202-no-probe-targets")]).roots
    server = loader.load(root)
    asked: list = []
    search = probing.route_targets
    monkeypatch.setattr(probing, "route_targets", lambda routes, subnet: asked.append(subnet) or search(routes, subnet))
    probed = [(dc, g) for dc in server.domains for g in dc.groups if g.probe_based]
    subnets = [s for dc, g in probed for s in probing.probing(dc, g).subnets]
    assert subnets and len(asked) == len(subnets)  # outside a check: asked and searched
    asked.clear()
    report = runner.check_server(server, ipmplint.rules.builtin())
    assert {f.rule_id for f in report.findings} >= {"IPMP202"}
    assert asked == subnets
