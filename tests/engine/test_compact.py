"""``ipmplint.engine.compact``: a report as tuples and back is the same report, and the
tuples know every field of the classes they stand for (a field added to ``Finding``
and not to ``compact`` would be lost by every worker and every cache hit)."""

from __future__ import annotations

import pickle

import attrs
import pytest
from testpaths import FIXTURES

from ipmplint.capture import discovery, loader
from ipmplint.engine import compact, runner
from ipmplint.findings import Finding, ServerReport, SkippedCheck
from ipmplint.model import LineAccount, Source
from ipmplint.rules import builtin


@pytest.mark.parametrize(
    "cls, fields",
    [
        (Finding, compact.FINDING_FIELDS),
        (SkippedCheck, compact.SKIPPED_FIELDS),
        (LineAccount, compact.ACCOUNT_FIELDS),
        (ServerReport, compact.REPORT_FIELDS),
        (Source, compact.SOURCE_FIELDS),
    ],
)
def test_the_tuples_know_every_field(cls, fields):
    assert tuple(a.name for a in attrs.fields(cls)) == fields


def _reports() -> list[ServerReport]:
    roots = discovery.discover([str(FIXTURES)]).roots
    return [runner.check_server(loader.load(root), builtin()) for root in roots]


def test_every_fixture_report_comes_back_the_same():
    reports = _reports()
    assert sum(len(r.findings) for r in reports) > 50 and sum(len(r.skipped) for r in reports) > 50
    for report in reports:
        assert compact.unpack(compact.pack(report)) == report
        assert compact.unpack(pickle.loads(pickle.dumps(compact.pack(report)))) == report


def test_the_tuples_are_plain_data():
    """Nothing in a packed report names a class: the cache's unpickler needs none."""
    import pickletools

    packed = pickle.dumps([compact.pack(r) for r in _reports()], protocol=pickle.HIGHEST_PROTOCOL)
    opcodes = {op.name for op, _, _ in pickletools.genops(packed)}
    assert not opcodes & {"GLOBAL", "STACK_GLOBAL", "REDUCE", "BUILD", "NEWOBJ", "INST", "OBJ"}


@pytest.mark.parametrize(
    "damaged", [None, (), ("a", "b"), ("n", "p", (("x",),), (), (), (), ()), ("n", "p", ((1,) * 12,), (), (), (), ())]
)
def test_what_is_not_a_packed_report_is_none(damaged):
    assert compact.unpack(damaged) is None
