"""Every ldm view of the bindings gives the same verdict.

Each fixture that holds ``ldm list -l`` is checked again with that file swapped for the
same configuration as ``ldm list-bindings`` prints it, and as ``ldm list -l -p`` prints
it: the findings must be the same (rule, domain, group, object). The views are written
faithfully to their real formats (docs/captures.md):

- ``list-bindings`` prints the sections of ``ldm list -l``. For LDoms 1.3 and later
  layouts the text is the same under a ``list-bindings`` prompt; for the LDoms 1.2
  layout (no LINKPROP column) it is rendered as LDoms 1.2 prints it, the NETWORK header
  repeated per vnet with its PEER table (the vsw, then every other vnet on it).
- ``ldm list -l -p`` spells the FLAGS out (``-n-cv`` → ``normal,control,vio-service``)
  and prints every VSW/VNET key; a listing of before LDoms 1.3 has no ``linkprop`` key
  (the property came with 1.3), so the release is inferred the same way from both.

- ``ldm list-constraints -p`` of LDoms 1.2 prints a DOMAIN record with the name alone,
  VSW with ``name``, ``mac-addr``, ``net-dev``, ``dev`` and VNET with ``name``, ``dev``,
  ``service`` (the vsw's name, without its domain) and ``mac-addr`` (the LDoms 1.2
  guide's Example 9-16). It is tried on the fixtures in the LDoms 1.2 layout, whose
  ``ldm list -l`` states nothing more; a later release's constraints state LINKPROP,
  PVID and MODE, which that example does not show.

A fixture that already holds a ``-p`` view (the CAP004 pair) is swapped for
``list-bindings`` only: a second ``-p`` file would be a duplicate capture.
"""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import attrs
import pytest
from ldm_parseable_render import render_parseable
from ldm_render import render_ldm
from testpaths import FIXTURES

from ipmplint.capture import discovery, loader
from ipmplint.engine import runner
from ipmplint.model import LdmListing
from ipmplint.parsers import ldm_long
from ipmplint.rules import builtin

TOPOLOGY = sorted(p.parent.name for p in FIXTURES.glob("*/ldm-list-l.txt"))

#: FLAGS letters by position → the words ``-l -p`` prints (OVM 3.4 Administration
#: Guide, Flag Definitions): 2nd n/t/d, 4th c, 5th v.
_FLAG_WORDS = {
    (1, "n"): "normal",
    (1, "t"): "transition",
    (1, "d"): "degraded",
    (3, "c"): "control",
    (4, "v"): "vio-service",
}


def spelled_out(flags: str) -> str:
    return ",".join(_FLAG_WORDS[(i, c)] for i, c in enumerate(flags) if (i, c) in _FLAG_WORDS)


def with_peers(listing: LdmListing) -> LdmListing:
    """Each vnet's PEER list as LDoms 1.2 ``list-bindings`` prints it: its vsw, then every
    other vnet bound to the same vsw."""
    vnets = listing.vnets

    def peers(v):
        others = [
            f"{o.name}@{o.domain}"
            for o in vnets
            if o is not v and (o.service, o.service_domain) == (v.service, v.service_domain)
        ]
        return (f"{v.service}@{v.service_domain}", *others)

    return attrs.evolve(
        listing,
        domains=tuple(
            attrs.evolve(d, vnets=tuple(attrs.evolve(v, peers=peers(v)) for v in d.vnets)) for d in listing.domains
        ),
    )


def bindings_text(text: str, listing: LdmListing) -> str:
    if listing.linkprop_column:
        return re.sub(r"^(\S*#\s*)ldm (?:list|ls) -l\b", r"\1ldm list-bindings", text, count=1, flags=re.M)
    return render_ldm(with_peers(listing), "bindings", prompt="primary# ldm list-bindings")


def parseable_text(listing: LdmListing) -> str:
    words = attrs.evolve(
        listing, domains=tuple(attrs.evolve(d, flags=spelled_out(d.flags or "")) for d in listing.domains)
    )
    text = render_parseable(words, "long", prompt="primary# ldm list -l -p")
    return text if listing.linkprop_column else re.sub(r"\|linkprop=[^|\n]*", "", text)


def findings(root: Path) -> set[tuple]:
    found = discovery.discover([str(root)])
    assert found.errors == () and len(found.roots) == 1
    report = runner.check_server(loader.load(found.roots[0]), builtin())
    return {(f.rule_id, f.domain, f.group, f.object) for f in report.findings}


def swapped(tmp_path: Path, name: str, file: str, text: str) -> Path:
    root = tmp_path / name
    shutil.copytree(FIXTURES / name, root)
    (root / "ldm-list-l.txt").unlink()
    (root / file).write_text(text)
    return root


def original(name: str) -> tuple[str, LdmListing]:
    text = (FIXTURES / name / "ldm-list-l.txt").read_text()
    result = ldm_long.parse(text, "ldm-list-l.txt")
    assert result.warnings == ()
    return text, result.value


def test_every_topology_fixture_is_here():
    assert len(TOPOLOGY) >= 40 and "ipmp101-vnets-share-vswitch" in TOPOLOGY


@pytest.mark.parametrize("name", TOPOLOGY)
def test_list_bindings_gives_the_findings_of_list_l(tmp_path, name):
    text, listing = original(name)
    assert findings(swapped(tmp_path, name, "ldm-list-bindings.txt", bindings_text(text, listing))) == findings(
        FIXTURES / name
    )


@pytest.mark.parametrize("name", [n for n in TOPOLOGY if not (FIXTURES / n / "ldm-list-p.txt").exists()])
def test_list_l_p_gives_the_findings_of_list_l(tmp_path, name):
    _, listing = original(name)
    assert findings(swapped(tmp_path, name, "ldm-list-p.txt", parseable_text(listing))) == findings(FIXTURES / name)


def constraints_text(listing: LdmListing) -> str:
    no_domain = attrs.evolve(
        listing,
        domains=tuple(
            attrs.evolve(d, vnets=tuple(attrs.evolve(v, service_domain=None) for v in d.vnets)) for d in listing.domains
        ),
    )
    return render_parseable(no_domain, "constraints", prompt="primary# ldm list-constraints -p")


LDOMS_12 = [
    n
    for n in TOPOLOGY
    if not (FIXTURES / n / "ldm-list-p.txt").exists()
    and not original(n)[1].linkprop_column
    and "LINKPROP" not in original(n)[0]
]


@pytest.mark.parametrize("name", LDOMS_12)
def test_list_constraints_p_gives_the_findings_of_an_ldoms_12_list_l(tmp_path, name):
    _, listing = original(name)
    assert findings(swapped(tmp_path, name, "ldm-list-p.txt", constraints_text(listing))) == findings(FIXTURES / name)


def test_the_issue_capture_reports_ipmp101_from_list_bindings(tmp_path):
    """The report that started it: ipmp101's fixture with its ``ldm-list-l.txt`` renamed
    ``ldm-list-bindings.txt`` printed "No findings" and exited 0."""
    root = swapped(
        tmp_path,
        "ipmp101-vnets-share-vswitch",
        "ldm-list-bindings.txt",
        (FIXTURES / "ipmp101-vnets-share-vswitch" / "ldm-list-l.txt").read_text(),
    )
    assert {f[0] for f in findings(root)} == {"IPMP101"}


def test_the_rendered_views_are_read_as_their_kinds(tmp_path):
    """The swapped files are recognised, read whole, and become the bindings."""
    name = "fig-7-4-vsw-in-two-service-domains"
    text, listing = original(name)
    for file, rendered, view in (
        ("ldm-list-bindings.txt", bindings_text(text, listing), "list-bindings"),
        ("ldm-list-p.txt", parseable_text(listing), "list-p"),
    ):
        root = swapped(tmp_path / view, name, file, rendered)
        server = loader.load(discovery.discover([str(root)]).roots[0])
        assert server.warnings == () and server.ldm is not None and server.ldm.view == view
        assert [(d.name, len(d.vswitches), len(d.vnets)) for d in server.ldm.domains] == [
            (d.name, len(d.vswitches), len(d.vnets)) for d in listing.domains
        ]
        assert loader.control_domain(server.ldm) == "primary"


def test_a_short_ldm_list_is_no_bindings(tmp_path):
    """A short ``ldm list`` names the domains and nothing of their vnets: the topology
    rules are skipped for want of the bindings instead of judging no vnet at all."""
    name = "ipmp101-vnets-share-vswitch"
    text, listing = original(name)
    header = next(line for line in text.splitlines() if line.startswith("NAME "))
    rows = [
        line
        for line in text.splitlines()
        if line.split()[:1] in ([d.name] for d in listing.domains)
        and len(line.split()) >= 3
        and line.split()[1] in ("active", "bound", "inactive")
    ]
    assert len(rows) == len(listing.domains)
    root = swapped(tmp_path, name, "ldm-list-l.txt", "\n".join(["primary# ldm list", header, *rows]) + "\n")
    found = discovery.discover([str(root)])
    server = loader.load(found.roots[0])
    assert server.ldm is None and server.domain_listing is not None and server.warnings == ()
    report = runner.check_server(server, builtin())
    assert "IPMP101" not in {f.rule_id for f in report.findings}
    assert [k.reason.split(":")[0] for k in report.skipped if k.rule_id == "IPMP101"] == ["no vnet/vsw bindings"]


def test_verbose_says_which_view_the_bindings_come_from():
    from ipmplint.engine import fleet

    root = FIXTURES / "ldoms12-list-bindings-peers"
    server = loader.load(discovery.discover([str(root)]).roots[0])
    notes = fleet.verbose_notes(server, runner.check_server(server, builtin()))
    assert (
        notes[0]
        == f"ldoms12-list-bindings-peers: bindings read from {root}/ldm-list-bindings.txt (1 ldm view captured)"
    )
