"""--select / --ignore by id, prefix and name."""

from __future__ import annotations

import pytest

from ipmplint.engine import selection
from ipmplint.rules import builtin


def ids(rules):
    return [r.id for r in rules]


def test_prefix_name_and_ignore():
    rules = builtin()
    assert ids(selection.select(rules, ["IPMP1"])) == [r.id for r in rules if r.id.startswith("IPMP1")]
    assert ids(selection.select(rules, ["vnets-share-vswitch"])) == ["IPMP101"]
    assert "IPMP102" not in ids(selection.select(rules, [], ["IPMP102"]))
    assert ids(selection.select(rules, ["IPMP101"], [], ["no-probe-targets"])) == ["IPMP101", "IPMP202"]


def test_unknown_selector_suggests():
    with pytest.raises(selection.SelectionError, match="did you mean IPMP101"):
        selection.select(builtin(), ["IPMP1O1"])
    with pytest.raises(selection.SelectionError, match="did you mean vnets-share-vswitch"):
        selection.select(builtin(), [], ["vnets-share-vswtich"])
