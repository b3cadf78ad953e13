"""The html report in a real browser: Chromium, driven by Playwright.

Playwright, not Selenium: it reports every request, console message and uncaught error
of a page as events (what "no network request, no console error" needs), and it
drives the Debian ``chromium`` package through ``executable_path`` without a driver
binary or a download. Where Playwright or Chromium is missing, or Chromium cannot
start, every test here skips and says why; the rest of the suite runs.

The page is the report of every bundled fixture (``fixtures/``, 70-odd servers).
"""

from __future__ import annotations

import json
import os
import re
import shutil
import urllib.parse
from pathlib import Path

import pytest
from testpaths import FIXTURES

from ipmplint import cli, reporters
from ipmplint.drawing import dot, render, scene
from ipmplint.findings import Picture

sync_api = pytest.importorskip("playwright.sync_api", reason="Playwright is not installed (pip install playwright)")

CANDIDATES = ("chromium", "chromium-browser", "google-chrome")
HOSTILE = '<script>window.pwned=1</script><img src=x onerror="window.pwned=2">"\'\x01\x1b'


def chromium() -> str | None:
    """Chromium's path: $IPMPLINT_CHROMIUM, else the first browser on PATH."""
    given = os.environ.get("IPMPLINT_CHROMIUM")
    if given:
        return given
    return next((found for found in map(shutil.which, CANDIDATES) if found), None)


@pytest.fixture(scope="module")
def browser():
    path = chromium()
    if path is None:
        pytest.skip("no Chromium on PATH (Debian: apt-get install chromium)")
    with sync_api.sync_playwright() as playwright:
        try:
            launched = playwright.chromium.launch(executable_path=path, args=["--no-sandbox"])
        except Exception as exc:  # no display libraries, a sandbox refused, ...
            pytest.skip(f"Chromium cannot be started: {str(exc).splitlines()[0]}")
        yield launched
        launched.close()


@pytest.fixture(scope="module")
def fleet_page(tmp_path_factory) -> Path:
    """The fixture fleet's report, written beside nothing (links climb to fixtures/)."""
    target = tmp_path_factory.mktemp("html") / "report.html"
    code = cli.main(["check", "--format", "html", "--no-cache", "--quiet", "-o", str(target), str(FIXTURES)])
    assert code == 1 and target.stat().st_size > 0
    return target


class Opened:
    """A page and everything it said or asked for."""

    def __init__(self, browser, path: Path, fragment: str = "") -> None:
        self.page = browser.new_page()
        self.requests: list[str] = []
        self.problems: list[str] = []
        self.dialogs: list[str] = []
        self.page.on("request", lambda r: self.requests.append(r.url))
        self.page.on("console", lambda m: m.type in ("error", "warning") and self.problems.append(m.text))
        self.page.on("pageerror", lambda e: self.problems.append(str(e)))
        self.page.on("dialog", lambda d: (self.dialogs.append(d.message), d.dismiss()))
        self.url = path.as_uri()
        self.page.goto(self.url + fragment)
        self.page.wait_for_function("document.documentElement.dataset.ready === '1'")

    def visible_rows(self) -> list[dict]:
        return self.page.eval_on_selector_all(
            "#findings-table tbody tr",
            "rows => rows.filter(r => !r.hidden).map(r => ({server: r.dataset.server, rule: r.dataset.rule,"
            " severity: r.dataset.severity, text: r.textContent}))",
        )

    def all_rows(self) -> list[dict]:
        return self.page.eval_on_selector_all(
            "#findings-table tbody tr",
            "rows => rows.map(r => ({server: r.dataset.server, rule: r.dataset.rule,"
            " severity: r.dataset.severity, text: r.textContent}))",
        )

    def count(self) -> str:
        return self.page.inner_text("#findings-count")


@pytest.fixture
def opened(browser, fleet_page):
    page = Opened(browser, fleet_page)
    yield page
    page.page.close()


def test_no_console_error_and_no_request_but_the_page(opened):
    opened.page.click("summary >> nth=0")  # a server opened: its picture inserted
    opened.page.wait_for_selector("details[open] .picture svg")
    assert opened.problems == []
    assert opened.requests == [opened.url]


def test_each_filter_and_the_search_change_the_visible_rows(opened):
    rows = opened.all_rows()
    assert len(opened.visible_rows()) == len(rows) > 20
    server = rows[0]["server"]
    opened.page.select_option("#filter-server", server)
    assert opened.visible_rows() == [r for r in rows if r["server"] == server]
    opened.page.select_option("#filter-server", "")
    opened.page.select_option("#filter-rule", "IPMP102")
    assert opened.visible_rows() == [r for r in rows if r["rule"] == "IPMP102"] != []
    opened.page.select_option("#filter-severity", "error")
    assert opened.visible_rows() == [r for r in rows if r["rule"] == "IPMP102" and r["severity"] == "error"]
    opened.page.select_option("#filter-rule", "")
    errors = [r for r in rows if r["severity"] == "error"]
    assert opened.visible_rows() == errors and opened.count() == f"{len(errors)} of {len(rows)} findings shown"
    opened.page.fill("#filter-text", "primary-VSW0")
    assert opened.visible_rows() == [r for r in errors if "primary-vsw0" in r["text"].lower()] != []
    opened.page.click("button[type=reset]")
    opened.page.wait_for_timeout(50)
    assert len(opened.visible_rows()) == len(rows)


def test_the_filters_work_from_the_keyboard(opened):
    rows = opened.all_rows()
    opened.page.focus("#filter-text")
    opened.page.keyboard.type("ldg1")
    shown = opened.visible_rows()
    assert shown == [r for r in rows if "ldg1" in r["text"].lower()] and 0 < len(shown) < len(rows)
    opened.page.keyboard.press("Tab")  # to "Clear filters"
    assert opened.page.evaluate("document.activeElement.type") == "reset"
    opened.page.keyboard.press("Enter")
    opened.page.wait_for_timeout(50)
    assert len(opened.visible_rows()) == len(rows)


def test_columns_sort_both_ways_and_back(opened):
    opened.page.click("#findings-table th button:text('Rule')")
    ascending = [r["rule"] for r in opened.visible_rows()]
    assert ascending == sorted(ascending)
    assert opened.page.get_attribute("#findings-table th:nth-child(4)", "aria-sort") == "ascending"
    opened.page.click("#findings-table th button:text('Rule')")
    descending = [r["rule"] for r in opened.visible_rows()]
    assert descending == sorted(ascending, reverse=True)
    opened.page.click("#findings-table th button:text('Severity')")
    ranks = [("error", "warning", "info").index(r["severity"]) for r in opened.visible_rows()]
    assert ranks == sorted(ranks)


@pytest.mark.skipif(shutil.which("dot") is None, reason="Graphviz's dot is not installed (apt-get install graphviz)")
def test_a_servers_picture_is_drawn_when_it_is_opened(opened):
    anchor = opened.page.get_attribute("#filter-server option:text-is('fig-7-3-two-vsw-one-service-domain')", "value")
    section = f"#{anchor}"
    assert opened.page.eval_on_selector(section, "d => d.querySelectorAll('.picture svg').length") == 0
    opened.page.click(f"{section} > summary")
    opened.page.wait_for_selector(f"{section} .picture svg")
    nodes = opened.page.eval_on_selector_all(f"{section} .picture svg g.node title", "ts => ts.map(t => t.textContent)")
    assert {"vnet:ldg1/vnet0", "vsw:primary/primary-vsw0", "network"} <= set(nodes)
    marked = opened.page.eval_on_selector(f"{section} .picture svg", "s => s.textContent")
    assert "IPMP102" in marked and "legend" in marked
    box = opened.page.eval_on_selector(f"{section} .picture svg", "s => s.getBoundingClientRect().width")
    assert box > 100


def test_an_opened_server_lists_its_findings(opened):
    rows = opened.all_rows()
    anchor = rows[0]["server"]
    opened.page.click(f"#{anchor} > summary")
    listed = opened.page.eval_on_selector_all(
        f"#{anchor} .server-findings tbody tr", "rs => rs.map(r => r.textContent)"
    )
    assert listed == [r["text"] for r in rows if r["server"] == anchor] != []
    opened.page.click(f"#{anchor} a[data-filter-server]")  # "in the findings table"
    assert opened.visible_rows() == [r for r in rows if r["server"] == anchor]


def test_a_finding_links_to_its_rules_documentation(opened):
    opened.page.click("#findings-table a[href='#rule-IPMP102'] >> nth=0")
    doc = opened.page.locator("#rule-IPMP102")
    assert doc.get_attribute("open") is not None
    text = doc.inner_text()
    for heading in ("What it checks", "Why it breaks failover", "Example", "Fix", "Source"):
        assert heading in text
    assert doc.locator("h4:text('Fix')").is_visible()


def test_a_finding_links_to_its_capture_file(opened, fleet_page):
    href = opened.page.get_attribute("#findings-table td:nth-child(3) a >> nth=0", "href")
    target = (fleet_page.parent / urllib.parse.unquote(href)).resolve()
    assert target.is_file() and FIXTURES in target.parents


def test_print_hides_the_controls(opened):
    opened.page.emulate_media(media="print")
    assert not opened.page.is_visible("#filter-text")
    assert opened.page.is_visible("#findings-table")


def test_hostile_names_show_as_text(browser, tmp_path, report):
    """A server, domain, file and message named like markup, in the table and in a
    picture Graphviz drew of them: shown as text, never run."""
    import attrs

    server = report.servers[0]
    finding = attrs.evolve(server.findings[1], server=HOSTILE, message=HOSTILE, domain=HOSTILE)
    picture = Picture()
    if render.dot_program() is not None:
        drawn = scene.Scene(HOSTILE, (HOSTILE,), nodes=(scene.Node("n", "interface", (HOSTILE,)),))
        picture = Picture(svg=render.render_svgs([dot.write(drawn, legend=True)])[0])
    hostile = attrs.evolve(server, name=HOSTILE, findings=(finding,), domains=(HOSTILE,), picture=picture)
    page_file = tmp_path / "hostile.html"
    page_file.write_text(
        reporters.render("html", attrs.evolve(report, servers=(hostile,)), srcroot=str(tmp_path)), encoding="utf-8"
    )
    opened = Opened(browser, page_file, "#server-1")
    shown = '<script>window.pwned=1</script><img src=x onerror="window.pwned=2">"\'\\x01\\x1b'
    assert shown in opened.page.inner_text("#server-1 summary")
    assert shown in opened.page.inner_text("#findings-table tbody")
    if picture.svg:
        opened.page.wait_for_selector("#server-1 .picture svg")
        assert shown in opened.page.eval_on_selector("#server-1 .picture svg", "s => s.textContent")
    assert opened.page.evaluate("window.pwned") is None
    assert opened.page.eval_on_selector_all("img", "i => i.length") == 0
    assert opened.dialogs == [] and opened.problems == []
    assert opened.requests == [opened.url]


def test_a_long_table_shows_its_first_matches_until_asked_for_all(browser, tmp_path, report, monkeypatch):
    from ipmplint.reporters import html_findings

    monkeypatch.setattr(html_findings, "PAGE_ROWS", 2)
    page_file = tmp_path / "long.html"
    page_file.write_text(reporters.render("html", report, srcroot=str(tmp_path)), encoding="utf-8")
    opened = Opened(browser, page_file)
    assert len(opened.visible_rows()) == 2 and opened.count() == "2 of 4 findings shown; 4 match"
    opened.page.select_option("#filter-severity", "warning")  # two warnings: both shown
    assert [r["severity"] for r in opened.visible_rows()] == ["warning", "warning"]
    assert not opened.page.is_visible("#findings-more")
    opened.page.select_option("#filter-severity", "")
    opened.page.click("#findings-table th button:text('Severity')")  # the first two in the new order
    assert [r["severity"] for r in opened.visible_rows()] == ["error", "warning"]
    opened.page.click("#findings-more")
    assert len(opened.visible_rows()) == 4 and opened.count() == "4 of 4 findings shown"
    assert opened.problems == []


# -- the simulation in the page -------------------------------------------------------------------

FIG_7_3 = FIXTURES / "fig-7-3-two-vsw-one-service-domain"  # one service domain: a single point of failure


@pytest.fixture(scope="module")
def simulated_page(tmp_path_factory) -> Path:
    """``ipmplint simulate --format html`` of a fixture whose service domain is a single
    point of failure."""
    target = tmp_path_factory.mktemp("simulated") / "simulate.html"
    assert cli.main(["simulate", "--format", "html", "--jobs", "1", "-o", str(target), str(FIG_7_3)]) == 1
    return target


def expected_matrix(capsys) -> tuple[list[str], list[list[str]]]:
    """The subjects, and per failure its label and each subject's outcome, as
    ``ipmplint simulate --format json`` gives them for the same fixture."""
    capsys.readouterr()
    assert cli.main(["simulate", "--format", "json", "--jobs", "1", str(FIG_7_3)]) == 1
    (server,) = json.loads(capsys.readouterr().out)["servers"]
    rows = []
    for scenario in server["scenarios"]:
        label = " + ".join(
            f"{e['kind']} {e['domain'] + '/' if e['domain'] else ''}{e['name']}" for e in scenario["failed"]
        )
        outcomes = {}
        for e in scenario["effects"]:
            key = (
                f"{e['domain']}/{e['group']}"
                if e["group"]
                else f"{e['domain']}:{e['interface']}"
                if e["interface"]
                else e["domain"]
            )
            outcomes[key] = e["outcome"]
        rows.append(
            [label]
            + [
                outcomes.get(s, "down" if s.split("/")[0].split(":")[0] in scenario["down"] else "no effect")
                for s in server["subjects"]
            ]
        )
    return server["subjects"], rows


def test_the_simulation_matrix_is_simulates_answer(browser, simulated_page, capsys):
    subjects, expected = expected_matrix(capsys)
    assert any("loses-network" in row for row in expected)  # the fixture's single point of failure
    opened = Opened(browser, simulated_page)
    page = opened.page
    assert page.eval_on_selector("#server-1", "d => d.querySelectorAll('table.matrix').length") == 0
    page.click("#server-1 > summary")
    page.wait_for_selector("#server-1 table.matrix")
    matrix = "#server-1 table.matrix"
    assert page.inner_text(f"{matrix} caption") == "Failures \u00d7 domains of fig-7-3-two-vsw-one-service-domain"
    head = page.eval_on_selector_all(f"{matrix} thead th", "ths => ths.map(t => [t.scope, t.textContent])")
    assert head == [["col", "failed part"]] + [["col", s] for s in subjects]
    rows = page.eval_on_selector_all(
        f"{matrix} tbody tr",
        """rs => rs.map(r => [r.cells[0].scope,
        r.cells[0].textContent, ...Array.from(r.cells).slice(1).map(c => [c.className, c.textContent,
        c.querySelector('span[aria-hidden=true]').textContent])])""",
    )
    assert [r[0] for r in rows] == ["row"] * len(expected)
    assert [[r[1]] + [c[1].split(" ", 1)[1] for c in r[2:]] for r in rows] == expected
    for row in rows:  # symbol and word, the colour (class) besides: never colour alone
        for cls, text, symbol in row[2:]:
            word = text.split(" ", 1)[1]
            assert text == f"{symbol} {word}" and symbol.strip() and cls.startswith("outcome ")
    legend = page.inner_text("#server-1 .legend")
    for word in ("unaffected", "fails-over", "undetected", "false-failure", "loses-network", "unknown"):
        assert word in legend
    assert "service-domain primary" in page.inner_text("#server-1 .matrix ul.reasons")
    assert opened.problems == [] and opened.requests == [opened.url]


def test_the_simulated_page_ranks_the_single_point_of_failure_first(browser, simulated_page):
    opened = Opened(browser, simulated_page)
    first = opened.page.inner_text("table.risk tbody tr >> nth=0")
    assert "fig-7-3-two-vsw-one-service-domain" in first and "single point of failure" in first


def test_check_simulate_shows_the_same_matrix(simulated_page, tmp_path):
    target = tmp_path / "check.html"
    assert (
        cli.main(
            [
                "check",
                "--format",
                "html",
                "--simulate",
                "--no-cache",
                "--quiet",
                "--jobs",
                "1",
                "-o",
                str(target),
                str(FIG_7_3),
            ]
        )
        == 1
    )
    ours, theirs = target.read_text(encoding="utf-8"), simulated_page.read_text(encoding="utf-8")
    pick = re.compile(r'<script type="application/json" id="server-1-matrix">.*?</script>')
    assert pick.search(ours).group() == pick.search(theirs).group()


def test_printing_lays_out_every_row_list_and_matrix(browser, simulated_page):
    opened = Opened(browser, simulated_page)
    page = opened.page
    page.emulate_media(media="print")
    page.evaluate("window.dispatchEvent(new Event('beforeprint'))")
    assert page.eval_on_selector_all("details", "ds => ds.every(d => d.open)")
    assert page.is_visible("#server-1 table.matrix") and page.is_visible("#server-1 .skipped ul")
    assert not page.is_visible("#filter-text")
    page.evaluate("window.dispatchEvent(new Event('afterprint'))")
    assert page.eval_on_selector_all("details", "ds => ds.every(d => !d.open)")
    assert opened.problems == []


def test_hostile_names_in_the_matrix_show_as_text(browser, tmp_path, report):
    import attrs

    from ipmplint.reporters import html as html_report
    from ipmplint.simulation.model import Effect, Element, Kind, Outcome, Scenario, ServerSimulation, Subject

    server = attrs.evolve(report.servers[0], name=HOSTILE, domains=(HOSTILE,))
    effect = Effect(domain=HOSTILE, outcome=Outcome.LOSES_NETWORK, reason=HOSTILE, group=HOSTILE, rules=(HOSTILE,))
    sim = ServerSimulation(
        server=HOSTILE,
        path=server.path,
        scenarios=(Scenario(failed=(Element(Kind.NIC, HOSTILE, HOSTILE),), effects=(effect,)),),
        subjects=(Subject(HOSTILE, HOSTILE),),
    )
    page_file = tmp_path / "hostile-matrix.html"
    page_file.write_text(
        html_report.render(
            attrs.evolve(report, servers=(server,)), srcroot=str(tmp_path), simulations={server.path: sim}
        ),
        encoding="utf-8",
    )
    opened = Opened(browser, page_file, "#server-1")
    opened.page.wait_for_selector("#server-1 table.matrix")
    shown = '<script>window.pwned=1</script><img src=x onerror="window.pwned=2">"\'\\x01\\x1b'
    assert opened.page.inner_text("#server-1 table.matrix thead th >> nth=1") == f"{shown}/{shown}"
    assert shown in opened.page.inner_text("#server-1 table.matrix tbody th")
    assert shown in opened.page.get_attribute("#server-1 table.matrix td", "title")
    assert shown in opened.page.inner_text("#server-1 .matrix ul.reasons")
    assert opened.page.evaluate("window.pwned") is None
    assert opened.page.eval_on_selector_all("img", "i => i.length") == 0
    assert opened.dialogs == [] and opened.problems == [] and opened.requests == [opened.url]


def test_without_graphviz_the_page_works_and_says_how_to_get_pictures(browser, tmp_path, monkeypatch):
    from ipmplint.drawing import pictures

    monkeypatch.setattr(render, "dot_program", lambda: None)
    target = tmp_path / "no-dot.html"
    assert (
        cli.main(["check", "--format", "html", "--no-cache", "--quiet", "--jobs", "1", "-o", str(target), str(FIG_7_3)])
        == 1
    )
    opened = Opened(browser, target, "#server-1")
    note = opened.page.inner_text("#server-1 .note >> nth=0")
    assert note == f"No picture: {pictures.NO_DOT}" and "apt-get install graphviz" in note
    opened.page.select_option("#filter-severity", "warning")
    assert [r["rule"] for r in opened.visible_rows()] == ["IPMP102"]
    assert opened.problems == [] and opened.requests == [opened.url]


def test_every_filter_and_sort_is_reached_and_worked_from_the_keyboard(opened):
    opened.page.focus("#filter-server")
    order = [opened.page.evaluate("document.activeElement.id || document.activeElement.type")]
    for _ in range(4):
        opened.page.keyboard.press("Tab")
        order.append(opened.page.evaluate("document.activeElement.id || document.activeElement.type"))
    assert order == ["filter-server", "filter-rule", "filter-severity", "filter-text", "reset"]
    opened.page.focus("#findings-table th button:text('Rule')")
    opened.page.keyboard.press("Enter")
    rules = [r["rule"] for r in opened.visible_rows()]
    assert rules == sorted(rules)
    assert opened.page.get_attribute("#findings-table th:nth-child(4)", "aria-sort") == "ascending"


def test_the_risk_tables_other_servers_come_when_asked_for(browser, tmp_path, report, monkeypatch):
    from ipmplint.reporters import html as html_report

    whole = tmp_path / "whole.html"
    whole.write_text(reporters.render("html", report, srcroot=str(tmp_path)), encoding="utf-8")
    monkeypatch.setattr(html_report, "RISK_ROWS", 1)
    short = tmp_path / "short.html"
    short.write_text(reporters.render("html", report, srcroot=str(tmp_path)), encoding="utf-8")
    expected = Opened(browser, whole).page.inner_text("table.risk tbody")
    opened = Opened(browser, short)
    rows = "table.risk tbody tr"
    assert opened.page.eval_on_selector_all(rows, "rs => rs.length") == 1
    opened.page.click("#risk-more")
    assert opened.page.inner_text("table.risk tbody") == expected
    assert opened.page.eval_on_selector_all(rows, "rs => rs.map(r => r.cells[0].scope)") == ["row", "row"]
    assert not opened.page.is_visible("#risk-more") and opened.problems == []
