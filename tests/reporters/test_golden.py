"""Every format's output of the conftest report, byte for byte against golden/.

Refresh after a deliberate change (then review `git diff tests/reporters/golden`):
``IPMPLINT_UPDATE_GOLDEN=1 .venv/bin/python -m pytest -q tests/reporters``.
"""

from __future__ import annotations

import attrs
import pytest

from ipmplint import reporters

#: The SARIF, GitHub and GitLab outputs are rendered as if ipmplint ran here.
SRCROOT = "/srv/captures"

GOLDEN_FILES = {
    "text": "text.txt",
    "concise": "concise.txt",
    "json": "json.json",
    "sarif": "sarif.sarif",
    "github": "github.txt",
    "junit": "junit.xml",
    "gitlab": "gitlab.json",
    "html": "html.html",
}


def test_every_format_has_a_golden_file():
    assert set(GOLDEN_FILES) == set(reporters.FORMATS)


@pytest.mark.parametrize("fmt", reporters.FORMATS)
def test_matches_golden(fmt, report, golden, monkeypatch):
    monkeypatch.chdir("/")  # html links resolve the report's relative paths from here
    golden(GOLDEN_FILES[fmt], reporters.render(fmt, report, srcroot=SRCROOT))


@pytest.mark.parametrize("fmt", reporters.FORMATS)
def test_deterministic_whatever_the_order_of_findings(fmt, report):
    first = reporters.render(fmt, report, srcroot=SRCROOT)
    assert reporters.render(fmt, report, srcroot=SRCROOT) == first
    shuffled = attrs.evolve(
        report,
        servers=tuple(
            attrs.evolve(s, findings=tuple(reversed(s.findings)), skipped=tuple(reversed(s.skipped)))
            for s in report.servers
        ),
    )
    assert reporters.render(fmt, shuffled, srcroot=SRCROOT) == first


@pytest.mark.parametrize("fmt", reporters.FORMATS)
def test_ends_with_exactly_one_newline(fmt, report, clean_report):
    for r in (report, clean_report):
        out = reporters.render(fmt, r, srcroot=SRCROOT)
        if out:  # github: nothing at all to say for a clean run
            assert out.endswith("\n") and not out.endswith("\n\n")


@pytest.mark.parametrize("fmt", [f for f in reporters.FORMATS if f not in ("text", "concise")])
def test_machine_formats_are_ascii(fmt, report):
    finding = attrs.evolve(report.servers[0].findings[1], message="vnet0 → vsw «primary» ∅")
    server = attrs.evolve(report.servers[0], findings=(finding,))
    out = reporters.render(fmt, attrs.evolve(report, servers=(server,)), srcroot=SRCROOT)
    if fmt == "github":  # workflow commands go to the runner's log as they are
        assert "vnet0 → vsw «primary» ∅" in out
    else:
        assert out.isascii()


def test_unknown_format_is_an_error(report):
    with pytest.raises(ValueError, match="unknown report format"):
        reporters.render("pdf", report)


@pytest.mark.parametrize("fmt", reporters.FORMATS)
def test_ties_on_the_sort_key_are_ordered_too(fmt, report):
    """Two findings alike but for their domain: the same bytes whichever came first."""
    base = report.servers[0].findings[1]
    twins = (base, attrs.evolve(base, domain="guest9", object="vnet2"))
    one, other = (
        attrs.evolve(report, servers=(attrs.evolve(report.servers[0], findings=f),)) for f in (twins, twins[::-1])
    )
    assert reporters.render(fmt, one, srcroot=SRCROOT) == reporters.render(fmt, other, srcroot=SRCROOT)
