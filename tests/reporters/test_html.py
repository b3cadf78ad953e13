"""The html report read back with html.parser: its structure, that every finding is in
it, that nothing in it can reach the network, and that untrusted text stays text.
(tests/reporters/test_html_browser.py opens the same pages in Chromium.)"""

from __future__ import annotations

import base64
import gzip
import hashlib
import re
import xml.etree.ElementTree as ET

import attrs
import pytest
from htmlpage import Page

from ipmplint import reporters
from ipmplint.findings import Picture, Severity
from ipmplint.findings.sorting import order
from ipmplint.reporters import html as html_report
from ipmplint.reporters import html_findings, html_matrix

SRCROOT = "/srv/captures"
HOSTILE = '<script>alert("x")</script>\'"&amp;\x00\x07\x1b[31m\x85'


def render(report, srcroot: str = SRCROOT) -> str:
    return reporters.render("html", report, srcroot=srcroot)


def runnable(page: Page) -> list:
    """The page's scripts that run: those without a type (the others are data blocks,
    JSON or gzip, which a browser never runs)."""
    scripts = page.elements("script")
    assert all(s.attrs.get("type") in (None, "application/json", "application/gzip") for s in scripts)
    return [s for s in scripts if "type" not in s.attrs]


@pytest.fixture
def page(report, monkeypatch) -> Page:
    monkeypatch.chdir("/")
    return Page(render(report))


def test_well_formed_with_real_headings_and_sections(page):
    assert page.errors == []
    assert [h.all_text() for h in page.elements("h1")] == ["ipmplint report"]
    assert [s.attrs["id"] for s in page.elements("section")] == ["summary", "findings", "servers", "rules"]
    assert [h.all_text() for h in page.elements("h2")] == ["Fleet at a glance", "Findings", "Servers", "Rules"]
    assert page.elements("html")[0].attrs["lang"] == "en"
    for table in page.elements("table"):
        assert table.children[0].tag == "thead" and any(e.tag == "th" for e in table.walk())


def test_every_finding_is_a_row_in_the_reports_order(page, report):
    rows = page.finding_rows()
    expected = sorted(report.findings, key=order)
    assert [(r.attrs["data-rule"], r.attrs["data-severity"]) for r in rows] == [
        (f.rule_id, f.severity.value) for f in expected
    ]
    assert [r.attrs["data-order"] for r in rows] == [str(i) for i in range(len(expected))]
    assert all(f.message in r.all_text() for r, f in zip(rows, expected))
    assert page.by_id("findings-count").all_text() == "4 of 4 findings shown"


def test_severity_is_said_in_words_and_symbols_not_colour_alone(page):
    for row in page.finding_rows():
        cell = row.children[0]
        severity = row.attrs["data-severity"]
        assert cell.all_text() == f"{html_report.SYMBOLS[Severity(severity)]} {severity}"


def test_rows_link_to_the_capture_line_and_the_rules_documentation(page):
    (row,) = [r for r in page.finding_rows() if r.attrs["data-severity"] == "error"]  # ldm-list-l.txt:41:5
    links = [a.attrs["href"] for a in row.walk() if a.tag == "a"]
    assert links == ["#server-1", "../../fleet/t5-2-a/ldm-list-l.txt", "#rule-IPMP102"]
    assert "../../fleet/t5-2-a/ldm-list-l.txt:41:5" in row.all_text()
    doc = page.by_id("rule-IPMP102")
    assert doc.tag == "details"
    assert [h.all_text() for h in doc.walk() if h.tag == "h4"] == ["What it checks", "Why it breaks failover"]


def test_links_are_relative_to_the_reports_folder(report, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    out = Page(render(report, srcroot=str(tmp_path / "reports")))
    hrefs = {a.attrs["href"] for r in out.finding_rows() for a in r.walk() if a.tag == "a"}
    assert "../fleet/t5-2-a/ldm-list-l.txt" in hrefs


def test_nothing_can_reach_the_network(page, report):
    """No src, no stylesheet link, no absolute URL; the policy forbids anything else."""
    for element in page.elements():
        assert "src" not in element.attrs and element.tag not in ("link", "iframe", "img", "object", "embed")
        href = element.attrs.get("href", "")
        assert not re.match(r"[a-z]+:|//", href), href
    (meta,) = [m for m in page.elements("meta") if m.attrs.get("http-equiv") == "Content-Security-Policy"]
    policy = meta.attrs["content"]
    assert policy.startswith("default-src 'none';")
    (script,) = runnable(page)
    digest = base64.b64encode(hashlib.sha256(script.all_text().encode()).digest()).decode()
    assert f"script-src 'sha256-{digest}'" in policy


def test_hostile_names_and_messages_stay_text(report, monkeypatch):
    monkeypatch.chdir("/")
    server = report.servers[0]
    finding = attrs.evolve(
        server.findings[1],
        server=HOSTILE,
        message=HOSTILE,
        domain=HOSTILE,
        group=HOSTILE,
        location=attrs.evolve(server.findings[1].location, file=f"fleet/{HOSTILE}/x.txt"),
    )
    hostile = attrs.evolve(
        server,
        name=HOSTILE,
        findings=(finding,),
        domains=(HOSTILE,),
        groups=(HOSTILE,),
        picture=Picture(missing=HOSTILE),
    )
    out = render(attrs.evolve(report, servers=(hostile,), inputs=(HOSTILE,), errors=(HOSTILE,)))
    page = Page(out)
    assert page.errors == []
    assert len(runnable(page)) == 1
    assert not re.search("</script", page.by_id("findings-data").all_text(), re.I)
    shown = '<script>alert("x")</script>\'"&amp;\\x00\\x07\\x1b[31m\\x85'
    (row,) = page.finding_rows()
    assert row.all_text().count(shown) == 5  # server, file, domain, group, message
    assert shown in page.by_id("server-1").all_text()
    assert not re.search("[\x00-\x08\x0b-\x1f\x7f-\x9f]", out)


def test_a_picture_is_kept_as_an_svg_data_block_with_its_ids_prefixed(report, monkeypatch):
    monkeypatch.chdir("/")
    svg = (
        '<?xml version="1.0"?>\n<!DOCTYPE svg PUBLIC "x" "y">\n<!-- Generated by graphviz\n -->'
        '<svg xmlns="http://www.w3.org/2000/svg"><g id="graph0"><title>a\x01b</title>\n'
        '<g id="node1"><text>vnet0 &lt;/script&gt;</text></g></g></svg>\n'
    )
    server = attrs.evolve(report.servers[0], picture=Picture(svg=svg))
    page = Page(render(attrs.evolve(report, servers=(server, report.servers[1]))))
    block = page.by_id("server-1-picture")
    assert (block.tag, block.attrs["type"]) == ("script", "application/gzip")
    assert re.fullmatch("[A-Za-z0-9+/=]+", block.all_text())  # nothing that could end the block
    drawn = ET.fromstring(gzip.decompress(base64.b64decode(block.all_text())))
    assert [e.get("id") for e in drawn.iter() if e.get("id")] == ["server-1-graph0", "server-1-node1"]
    assert "".join(drawn.itertext()) == "a\\x01bvnet0 </script>"
    box = [e for e in page.by_id("server-1").walk() if e.attrs.get("data-picture") == "server-1-picture"]
    assert box and "drawn when the server is opened" in box[0].all_text()
    assert "without pictures" in page.by_id("server-2").all_text()


@pytest.mark.parametrize(
    "bad",
    [
        "<svg><script>x</script></svg>",
        "<svg><g onload='x()'/></svg>",
        "<svg><a href='http://x'><text>t</text></a></svg>",
        "<svg><foreignObject><div/></foreignObject></svg>",
        "<svg><![CDATA[<!--]]></svg>",
        "<html></html>",
    ],
)
def test_an_svg_that_could_break_out_of_its_block_is_not_embedded(report, bad, monkeypatch):
    monkeypatch.chdir("/")
    server = attrs.evolve(report.servers[0], picture=Picture(svg=bad))
    page = Page(render(attrs.evolve(report, servers=(server,))))
    assert len(runnable(page)) == 1 and len(page.elements("script")) == 3  # the script, rows, skipped checks
    assert "Graphviz wrote an SVG this page cannot hold" in page.by_id("server-1").all_text()


def test_servers_with_a_single_point_of_failure_come_first(report, monkeypatch):
    monkeypatch.chdir("/")
    spof, other = report.servers  # t5-2-a has the IPMP102 error; IPMP102 is tagged single-point-of-failure
    page = Page(render(attrs.evolve(report, servers=(other, spof))))
    risk = [t for t in page.elements("table") if "risk" in t.attrs.get("class", "")][0]
    rows = [r for r in risk.walk() if r.tag == "tr"][1:]
    assert [r.children[0].all_text() for r in rows] == ["t5-2-a", "t5-2-b"]
    assert "single point of failure" in rows[0].children[1].all_text()
    assert "1 info" in rows[1].children[1].all_text()


def test_the_charts_are_drawn_bars_with_their_numbers(page):
    chart = page.by_id("chart-severity")
    bars = [e for e in chart.walk() if e.tag == "g"]
    assert [b.children[0].all_text() for b in bars] == ["\u2716 error: 1", "\u25b2 warning: 2", "\u2139 info: 1"]
    rules = page.by_id("chart-rules")
    assert [a.attrs["href"] for a in rules.walk() if a.tag == "a"] == ["#rule-IPMP102", "#rule-CAP001", "#rule-IPMP202"]


def test_skipped_checks_and_parse_warnings_per_server(page):
    first, second = page.by_id("server-1").all_text(), page.by_id("server-2").all_text()
    assert "1 check skipped for want of a capture" in first
    assert page.data("server-1-skipped") == [["IPMP202", 1, "guest2", "needs netstat-rn.txt", ["netstat-rn.txt"]]]
    assert "../../fleet/t5-2-a/guest1/ifconfig-a.txt" in first  # its line not understood
    assert page.data("server-2-skipped") == [["IPMP102", 1, "", "needs ldm-list-l.txt", ["ldm-list-l.txt"]]]
    assert "None: all 12 lines read were understood." in second


def test_filters_offer_every_server_rule_and_severity(page):
    options = {
        name: [o.attrs["value"] for o in page.by_id(f"filter-{name}").walk() if o.tag == "option"]
        for name in ("server", "rule", "severity")
    }
    assert options == {
        "server": ["", "server-1", "server-2"],
        "rule": ["", "CAP001", "IPMP102", "IPMP202"],
        "severity": ["", "error", "warning", "info"],
    }
    labels = [lab for lab in page.elements("label")]
    assert len(labels) == 4  # each control has its label


def test_a_clean_report_says_so(clean_report):
    page = Page(render(clean_report))
    assert "No findings." in page.by_id("findings").all_text()
    assert "\u2714 clean" in page.by_id("server-1").all_text()


def test_the_documentation_keeps_examples_preformatted():
    rendered = html_report._markdown("Intro `x<y`.\n\n## Example\n```\n a  b\n<c>\n```\n- one\n  more\n- two")
    assert rendered == (
        "<p>Intro <code>x&lt;y</code>.</p>\n<h4>Example</h4>\n<pre> a  b\n&lt;c&gt;</pre>\n"
        "<ul><li>one more</li><li>two</li></ul>"
    )


def test_a_label_that_reads_like_an_attribute_keeps_its_picture(report, monkeypatch):
    monkeypatch.chdir("/")
    svg = '<svg xmlns="http://www.w3.org/2000/svg"><text>vnet0 online=1 &lt;script&gt;</text></svg>'
    server = attrs.evolve(report.servers[0], picture=Picture(svg=svg))
    page = Page(render(attrs.evolve(report, servers=(server,))))
    assert page.by_id("server-1-picture").tag == "script"


def test_a_long_table_shows_its_first_rows_and_offers_the_rest(report, monkeypatch):
    monkeypatch.chdir("/")
    monkeypatch.setattr(html_findings, "PAGE_ROWS", 2)
    page = Page(render(report))
    assert len(page.finding_rows()) == 4  # every finding in the page, as data
    assert page.by_id("findings-count").all_text() == "2 of 4 findings shown; 4 match"
    assert "hidden" not in page.by_id("findings-more").attrs
    assert page.by_id("findings-table").attrs["data-page"] == "2"


def hostile_simulation(server):
    from ipmplint.simulation.model import Effect, Element, Kind, Outcome, Scenario, ServerSimulation, Subject

    effect = Effect(domain=HOSTILE, outcome=Outcome.UNDETECTED, reason=HOSTILE, group=HOSTILE)
    down = Scenario(failed=(Element(Kind.SERVICE_DOMAIN, None, HOSTILE),), down=(HOSTILE,))
    return ServerSimulation(
        server=server.name,
        path=server.path,
        scenarios=(Scenario(failed=(Element(Kind.VNET, HOSTILE, HOSTILE),), effects=(effect,)), down),
        subjects=(Subject(HOSTILE, HOSTILE),),
    )


def test_the_matrix_is_data_that_cannot_end_its_block(report, monkeypatch):
    monkeypatch.chdir("/")
    first, second = report.servers
    out = html_report.render(report, srcroot=SRCROOT, simulations={first.path: hostile_simulation(first)})
    page = Page(out)
    assert page.errors == [] and len(runnable(page)) == 1
    block = page.by_id("server-1-matrix").all_text()
    assert not re.search("[<>&\x00-\x1f]", block)
    matrix = page.data("server-1-matrix")
    shown = '<script>alert("x")</script>\'"&amp;\\x00\\x07\\x1b[31m\\x85'
    words = [o[0] for o in matrix["outcomes"]]
    assert matrix["subjects"] == [f"{shown}/{shown}"]
    assert [(label, [words[c[0]] for c in cells]) for label, cells in matrix["rows"]] == [
        (f"vnet {shown}/{shown}", ["undetected"]),
        (f"service-domain {shown}", ["down"]),
    ]
    assert matrix["rows"][0][1][0][1].startswith(shown)
    assert [s for s, _, _ in html_matrix.OUTCOMES] == [o[1] for o in matrix["outcomes"]]  # a symbol each
    assert len({s for s, _, _ in html_matrix.OUTCOMES}) == len(html_matrix.OUTCOMES)
    legend = [e for e in page.by_id("server-1").walk() if e.attrs.get("class") == "legend"]
    assert legend and all(w in legend[0].all_text() for w in words)
    # a server the simulation did not cover says so; the SPOF ranking counts the harmful cell
    assert "Not simulated" in page.by_id("server-2").all_text()
    assert "single point of failure" in page.by_id("server-1").children[0].all_text()


def test_a_page_without_the_simulation_has_no_matrix(page):
    assert "Failures" not in page.by_id("servers").all_text()


def test_simulate_html_is_the_same_bytes_twice(tmp_path):
    from testpaths import FIXTURES

    from ipmplint import cli

    fleet = [
        str(FIXTURES / name) for name in ("fig-7-3-two-vsw-one-service-domain", "fig-7-4-vsw-in-two-service-domains")
    ]
    pages = []
    for name in ("a.html", "b.html"):
        assert cli.main(["simulate", "--format", "html", "--jobs", "2", "-o", str(tmp_path / name), *fleet]) == 1
        pages.append((tmp_path / name).read_bytes())
    assert pages[0] == pages[1] and b'id="server-2-matrix"' in pages[0]


def test_the_risk_table_lists_its_first_rows_and_keeps_the_rest_as_data(report, monkeypatch):
    monkeypatch.chdir("/")
    monkeypatch.setattr(html_report, "RISK_ROWS", 1)
    page = Page(render(report))
    risk = [t for t in page.elements("table") if "risk" in t.attrs.get("class", "")][0]
    assert [r.children[0].all_text() for r in risk.walk() if r.tag == "tr"][1:] == ["t5-2-a"]
    assert page.data("risk-rest") == [[2, "t5-2-b", ["info", "\u2139", "1 info"], [0, 0, 1, 1, 0, 0]]]
    assert page.by_id("risk-more").all_text() == "Show the other 1 server"
