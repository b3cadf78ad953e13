"""Each server's picture for the html report (ipmplint.drawing.pictures): marked with the
findings the report shows, drawn in batches, and a reason instead when it cannot be."""

from __future__ import annotations

import shutil

import attrs
import pytest
from pictures import FIGURES, FIXTURES

from ipmplint.capture import discovery
from ipmplint.drawing import pictures, render
from ipmplint.engine import fleet
from ipmplint.findings import Report
from ipmplint.rules import builtin

needs_dot = pytest.mark.skipif(
    shutil.which("dot") is None, reason="Graphviz's dot is not installed (apt-get install graphviz)"
)


def checked(*fixtures: str, **options) -> list[fleet.Checked]:
    roots = discovery.discover([str(FIXTURES / f) for f in fixtures]).roots
    return list(fleet.check(roots, builtin(), jobs=1, use_cache=False, scenes=True, **options))


def report_of(done: list[fleet.Checked]) -> Report:
    return Report("0", (), tuple(r.info for r in builtin()), servers=tuple(c.report for c in done))


def test_the_fleet_keeps_each_servers_scene_marked_with_its_findings():
    (done,) = checked("fig-7-3-two-vsw-one-service-domain")
    marked = {rule for element in done.scene.marked for rule in element.alarm.rules}
    assert marked == {f.rule_id for f in done.report.findings} == {"IPMP102"}


def test_no_scene_unless_asked():
    roots = discovery.discover([str(FIXTURES / FIGURES[0])]).roots
    (done,) = fleet.check(roots, builtin(), jobs=1, use_cache=False)
    assert done.scene is None


def test_a_report_cached_without_its_scene_is_checked_again(private_cache):
    roots = discovery.discover([str(FIXTURES / FIGURES[0])]).roots
    (plain,) = fleet.check(roots, builtin(), jobs=1)
    assert plain.scene is None
    (drawn,) = fleet.check(roots, builtin(), jobs=1, scenes=True)
    assert drawn.scene is not None and drawn.report == plain.report
    (again,) = fleet.check(roots, builtin(), jobs=1)  # now cached with it
    assert again.scene == drawn.scene


@needs_dot
def test_every_server_gets_its_svg_in_order():
    done = checked(*FIGURES)
    report = pictures.attach(report_of(done), [c.scene for c in done], jobs=2)
    for server in report.servers:
        assert server.picture.missing == ""
        assert server.picture.svg.rstrip().endswith("</svg>")
        assert f"<title>{server.name.replace('-', '&#45;')}</title>" in server.picture.svg
        assert "legend" in server.picture.svg


@needs_dot
def test_the_picture_marks_only_what_the_report_still_shows():
    """A finding the baseline hid is not drawn either."""
    done = checked("fig-7-3-two-vsw-one-service-domain")
    report = report_of(done)
    shown = pictures.attach(report, [c.scene for c in done])
    hidden = pictures.attach(
        attrs.evolve(report, servers=tuple(attrs.evolve(s, findings=()) for s in report.servers)),
        [c.scene for c in done],
    )
    assert "IPMP102" in shown.servers[0].picture.svg
    assert "IPMP102" not in hidden.servers[0].picture.svg


def test_without_graphviz_each_server_says_how_to_get_its_picture(monkeypatch):
    monkeypatch.setattr(render, "dot_program", lambda: None)
    done = checked("fig-7-3-two-vsw-one-service-domain")
    (server,) = pictures.attach(report_of(done), [c.scene for c in done]).servers
    assert server.picture.svg == "" and "apt-get install graphviz" in server.picture.missing


@needs_dot
def test_a_failing_batch_costs_only_the_graph_that_fails(monkeypatch):
    done = checked(*FIGURES)
    real = render.render_svgs

    def fussy(texts):
        if len(texts) > 1 or FIGURES[1] in texts[0]:
            raise render.RenderError("dot failed")
        return real(texts)

    monkeypatch.setattr(render, "render_svgs", fussy)
    drawn = pictures.draw([c.scene for c in done])
    assert [bool(p.svg) for p in drawn] == [True, False, True]
    assert drawn[1].missing == "dot failed"


def test_a_server_without_a_scene_is_said_so():
    (picture,) = pictures.draw([None])
    assert picture.svg == "" and picture.missing


def test_scenes_and_servers_must_pair_up():
    done = checked("fig-7-3-two-vsw-one-service-domain")
    with pytest.raises(ValueError, match="1 servers"):
        pictures.attach(report_of(done), [])


@needs_dot
def test_one_dot_run_draws_several_graphs_in_order():
    texts = ['digraph "a" { x }\n', 'digraph "b" { y; z }\n']
    one, two = render.render_svgs(texts)
    assert "<title>a</title>" in one and "<title>b</title>" in two
    assert render.render_svgs([]) == []
