"""What ``ipmplint check`` keeps of each server until it writes the report: the line
accounts only for the outputs that show them (``check.ACCOUNT_FORMATS`` and
``--stats``), so every other format's bytes must not depend on them; and the strings
servers repeat shared between their reports."""

from __future__ import annotations

import os

import attrs
import pytest
from testpaths import FIXTURES

from ipmplint import __version__, cli, reporters
from ipmplint.capture import discovery
from ipmplint.cli import check
from ipmplint.engine import compact, fleet
from ipmplint.findings import Report
from ipmplint.rules import builtin

RULES = builtin()
SERVERS = tuple(
    c.report for c in fleet.check(discovery.discover([str(FIXTURES)]).roots, RULES, jobs=1, use_cache=False)
)


def _report(servers) -> Report:
    return Report(
        tool_version=__version__,
        inputs=(str(FIXTURES),),
        rules=tuple(r.info for r in RULES),
        servers=tuple(servers),
        errors=(),
    )


@pytest.mark.parametrize("fmt", [f for f in reporters.FORMATS if f not in check.ACCOUNT_FORMATS])
def test_a_format_without_line_accounts_renders_the_same_bytes_without_them(fmt):
    assert sum(len(s.accounts) for s in SERVERS) > 500
    bare = [attrs.evolve(s, accounts=()) for s in SERVERS]
    assert reporters.render(fmt, _report(SERVERS), srcroot=os.getcwd()) == reporters.render(
        fmt, _report(bare), srcroot=os.getcwd()
    )


@pytest.mark.parametrize("fmt", check.ACCOUNT_FORMATS)
def test_a_format_with_line_accounts_shows_them(fmt):
    bare = [attrs.evolve(s, accounts=()) for s in SERVERS]
    assert reporters.render(fmt, _report(SERVERS), srcroot=os.getcwd()) != reporters.render(
        fmt, _report(bare), srcroot=os.getcwd()
    )


def test_the_run_keeps_line_accounts_only_when_asked():
    roots = discovery.discover([str(FIXTURES / "fig-7-3-two-vsw-one-service-domain")]).roots
    (kept,) = fleet.check(roots, RULES, jobs=1, use_cache=False)
    (left,) = fleet.check(roots, RULES, jobs=1, use_cache=False, accounts=False)
    assert kept.report.accounts and left.report == attrs.evolve(kept.report, accounts=())


def test_stats_keeps_line_accounts_in_a_format_without_them(capsys):
    code = cli.main(["check", "--no-cache", "--stats", str(FIXTURES / "fig-7-3-two-vsw-one-service-domain")])
    err = capsys.readouterr().err
    assert code == 1 and "ldm-list-l.txt" in err and "consumed" in err


def test_repeated_strings_are_shared_between_reports():
    one, two = (compact.unpack(compact.pack(s)) for s in SERVERS[:2])
    skipped = [(a, b) for a in one.skipped for b in two.skipped if a.rule_id == b.rule_id and a.reason == b.reason]
    assert skipped
    for a, b in skipped:
        assert a.rule_id is b.rule_id and a.reason is b.reason
