"""The runner: severity stamping, skips for missing facts (ipmplint.model.facts), broken rules contained."""

from __future__ import annotations

import types

import pytest

from ipmplint.engine import runner
from ipmplint.findings import Severity
from ipmplint.model import DomainCapture, IpmpGroup, LdmListing, RouteTable, Server, Source
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
        (2, Severity.ERROR, "test-rule"),
        (9, Severity.ERROR, "test-rule"),
    ]
    assert [(k.rule_id, k.missing) for k in report.skipped] == [("TST001", ("x.txt",))]


BINDINGS_FILES = ("s/ldm-list-l.txt", "s/ldm-list-bindings.txt", "s/ldm-list-p.txt")


@pytest.mark.parametrize("requires", [("ldm-bindings",), ("ldm-list-l",), ("ldm-list-bindings",)])
def test_a_missing_fact_skips_naming_it_and_the_captures_that_give_it(requires):
    """A capture kind's name stands for the fact it gives: the skip is the same."""
    rule = Rule.from_module(module("tst002", lambda ctx: iter(()), requires=requires))
    report = runner.check_server(Server("s", "s"), [rule])
    assert report.findings == ()
    (skip,) = report.skipped
    assert skip.reason == (
        "no vnet/vsw bindings: capture `ldm list -l`, `ldm list-bindings` or `ldm list -l -p` "
        "(or `list-bindings -p`, `list-constraints -p`) on the control domain"
    )
    assert (skip.missing, skip.domain) == (BINDINGS_FILES, None)


@pytest.mark.parametrize("view", ["list-l", "list-bindings", "list-p"])
def test_any_ldm_view_with_the_bindings_satisfies_the_fact(view):
    seen = []
    rule = Rule.from_module(
        module("tst005", lambda ctx: seen.append(ctx.server.ldm) or iter(()), requires=("ldm-list-l",))
    )
    listing = LdmListing(Source("s/x.txt"), view=view, resources=True)
    report = runner.check_server(Server("s", "s", ldm=listing), [rule])
    assert report.skipped == () and seen == [listing]


def test_two_missing_facts_make_one_skip_naming_both():
    rule = Rule.from_module(module("tst006", lambda ctx: iter(()), requires=("ldm-bindings", "ldm-second-view")))
    (skip,) = runner.check_server(Server("s", "s"), [rule]).skipped
    assert skip.reason.startswith("no vnet/vsw bindings: ") and "; no second ldm view" in skip.reason
    assert skip.missing == (*BINDINGS_FILES, "s/ldm-list-services.txt")


def _domain(name: str, routes: bool, grouped: bool = True) -> DomainCapture:
    group = IpmpGroup("g", name, "runtime", Source(f"s/{name}/ifconfig-a.txt", 1))
    return DomainCapture(
        name,
        f"s/{name}",
        routes=RouteTable(Source(f"s/{name}/netstat-rn.txt")) if routes else None,
        runtime_groups=(group,) if grouped else (),
    )


def test_a_domain_fact_hides_the_domains_that_lack_it_and_skips_those_with_groups():
    seen = []
    rule = Rule.from_module(
        module(
            "tst007", lambda ctx: seen.extend(d.name for d in ctx.server.domains) or iter(()), requires=("netstat-rn",)
        )
    )
    server = Server("s", "s", domains=(_domain("a", True), _domain("b", False), _domain("c", False, grouped=False)))
    report = runner.check_server(server, [rule])
    assert seen == ["a"]
    assert [(k.domain, k.reason, k.missing) for k in report.skipped] == [
        ("b", "no routing table in domain b: capture `netstat -rn` in the domain", ("s/b/netstat-rn.txt",))
    ]


def test_a_domain_fact_no_domain_gives_does_not_run_the_rule():
    seen = []
    rule = Rule.from_module(module("tst008", lambda ctx: seen.append(1) or iter(()), requires=("routes",)))
    report = runner.check_server(Server("s", "s", domains=(_domain("b", False),)), [rule])
    assert seen == [] and [k.domain for k in report.skipped] == ["b"]


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
