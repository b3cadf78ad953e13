"""What every parser test asks of a ``ParseResult``: the model without its source
locations, the line accounting, and the promise that any text parses."""

from __future__ import annotations

import attrs


def strip(obj):
    """Model objects compared without their source locations."""
    return attrs.asdict(obj, filter=lambda a, v: a.name != "source", recurse=True)


def counts(result) -> tuple[int, int, int, int, int]:
    """(total, consumed, skipped, warned, blank), after checking that they add up."""
    a = result.account
    assert a.balanced
    return (a.total, a.consumed, a.skipped, a.warned, a.blank)


def assert_accounted(result, text: str) -> None:
    """Any text: a model, and every line of it in the accounting."""
    assert result.value is not None
    assert result.account.balanced
    lines = len(text.split("\n")) - (1 if text.endswith("\n") else 0)
    assert result.account.total == lines or text == ""
