"""The runner: severity stamping, skips for missing captures, broken rules contained."""

from __future__ import annotations

import types

from ipmplint import runner
from ipmplint.findings import Severity
from ipmplint.model import Server, Source
from ipmplint.rule import Problem, Rule, Skip


def module(name, check, requires=()):
    m = types.ModuleType(name, "A test rule.\n\n## What it checks\nnothing")
    m.ID, m.NAME, m.SEVERITY, m.SOURCE, m.check, m.REQUIRES = name.upper(), "test-rule", "warning", "t", check, requires
    return m


def test_problems_are_stamped_and_sorted():
    def check(ctx):
        yield Problem("b", Source("f", 9, 1))
        yield Problem("a", Source("f", 2, 3), domain="d")
        yield Skip("no x", ("x.txt",), "d")

    rule = Rule.from_module(module("tst001", check))
    report = runner.check_server(Server("s", "s"), [rule], runner.RunSettings(severity={"TST001": Severity.ERROR}))
    assert [(f.location.line, f.severity, f.rule_name) for f in report.findings] == [
        (2, Severity.ERROR, "test-rule"), (9, Severity.ERROR, "test-rule")]
    assert [(k.rule_id, k.missing) for k in report.skipped] == [("TST001", ("x.txt",))]


def test_missing_capture_skips_with_the_file_named():
    rule = Rule.from_module(module("tst002", lambda ctx: iter(()), requires=("ldm-list-l",)))
    report = runner.check_server(Server("s", "s"), [rule])
    assert report.findings == ()
    assert report.skipped[0].missing == ("ldm-list-l.txt",)


def test_a_broken_rule_is_reported_and_others_run():
    def broken(ctx):
        raise KeyError("boom")
        yield

    def fine(ctx):
        yield Problem("ok", Source("f", 1, 1))

    rules = [Rule.from_module(module("tst003", broken)), Rule.from_module(module("tst004", fine))]
    report = runner.check_server(Server("s", "s"), rules)
    by_rule = {f.rule_id: f for f in report.findings}
    assert set(by_rule) == {"TST003", "TST004"}
    assert "KeyError" in by_rule["TST003"].message and by_rule["TST003"].severity is Severity.ERROR
