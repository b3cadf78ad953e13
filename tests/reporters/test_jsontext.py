"""``jsontext.dumps`` writes the bytes ``json.dumps(value, indent=2)`` writes: on the
reports every format renders, on the scenario fixtures' JSON reports, and on generated
values of every kind JSON has (nested, empty, non-ASCII, controls, numbers)."""

from __future__ import annotations

import enum
import json
import math

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from ipmplint.reporters import json as json_report
from ipmplint.reporters import jsontext, sarif


def same(value) -> None:
    assert jsontext.dumps(value) == json.dumps(value, indent=2)


def test_the_json_and_sarif_documents_of_the_shared_report(report):
    same(json_report.to_dict(report))
    same(sarif.to_dict(report, srcroot="/srv/captures"))


def test_a_real_fleets_report(capsys):
    from testpaths import FIXTURES

    from ipmplint import cli

    cli.main(["check", "--no-cache", "--jobs", "1", "--format", "json", str(FIXTURES)])
    text = capsys.readouterr().out
    assert text == jsontext.dumps(json.loads(text)) + "\n"


class _Colour(enum.IntEnum):
    RED = 1


@pytest.mark.parametrize(
    "value",
    [
        {},
        [],
        (),
        {"a": {}, "b": [], "c": [[]], "d": [{}]},
        {3: "int key", 2.5: "float key", True: "bool key", False: "false key", None: "null key"},
        {"t": True, "f": False, "n": None, "i": -3, "x": 1.5, "big": 10**30, "e": 1e300},
        [True, False, None, 0, -0.0, 2.0, "s", _Colour.RED],
        {"nan": math.nan, "inf": math.inf, "-inf": -math.inf},
        '\u00e9\U0001f600\x00\x1f"\\/',
        (1, (2, (3,))),
    ],
)
def test_edge_values(value):
    same(value)


def test_what_json_refuses_is_refused():
    for bad in ({"k": object()}, [object()], {(1, 2): "tuple key"}):
        with pytest.raises(TypeError):
            json.dumps(bad, indent=2)
        with pytest.raises(TypeError):
            jsontext.dumps(bad)


_SCALARS = st.one_of(st.none(), st.booleans(), st.integers(), st.floats(allow_nan=False), st.text(max_size=8))
_VALUES = st.recursive(
    _SCALARS,
    lambda inner: st.one_of(
        st.lists(inner, max_size=4),
        st.dictionaries(st.text(max_size=6), inner, max_size=4),
        st.dictionaries(st.integers(), inner, max_size=3),
    ),
    max_leaves=30,
)


@settings(max_examples=300, deadline=None)
@given(_VALUES)
def test_generated_values(value):
    same(value)
