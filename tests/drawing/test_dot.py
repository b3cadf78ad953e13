"""The DOT writer, judged by reading its output back (dot_reader), and by Graphviz
itself where ``dot`` is installed."""

from __future__ import annotations

import shutil
import subprocess
import xml.etree.ElementTree as ET

import pytest
from dot_reader import lines, read
from pictures import FIGURES, FIXTURES, scene_of

from ipmplint.drawing import dot, render, scene
from ipmplint.findings import Severity

ERROR, WARNING = scene.COLOURS[Severity.ERROR], scene.COLOURS[Severity.WARNING]
needs_dot = pytest.mark.skipif(
    shutil.which("dot") is None, reason="Graphviz's dot is not installed (apt-get install graphviz)"
)


def graph_of(fixture: str, select=()):
    return read(dot.write(scene_of(fixture, select=select)))


def test_fig_7_3_structure():
    g = graph_of("fig-7-3-two-vsw-one-service-domain")
    assert g.name == "fig-7-3-two-vsw-one-service-domain"
    assert set(g.clusters) == {"cluster_domain:ldg1", "cluster_domain:primary", "cluster_group:ldg1/ipmp0"}
    assert g.clusters["cluster_group:ldg1/ipmp0"].parent == "cluster_domain:ldg1"
    assert g.ancestors("interface:ldg1/vnet0") == ["cluster_group:ldg1/ipmp0", "cluster_domain:ldg1"]
    assert g.ancestors("vnet:ldg1/vnet1") == ["cluster_domain:ldg1"]
    assert g.ancestors("vsw:primary/primary-vsw1") == ["cluster_domain:primary"]
    assert g.ancestors("nic:primary/e1000g1") == ["cluster_domain:primary"]
    assert g.ancestors("network") == []
    assert set(g.order) == set(g.nodes), "every edge end is a declared node"
    pairs = {(t, h) for t, h, _ in g.edges}
    assert ("vnet:ldg1/vnet1", "vsw:primary/primary-vsw1") in pairs
    assert ("vsw:primary/primary-vsw1", "nic:primary/e1000g1") in pairs
    assert ("nic:primary/e1000g1", "network") in pairs
    group = lines(g.clusters["cluster_group:ldg1/ipmp0"].attrs["label"])
    assert "test addresses: 192.168.102.11, 192.168.102.12" in group
    assert "probe targets: 192.168.102.1, 192.168.102.2" in group


def test_fig_7_3_service_domain_is_coloured_warning_with_ipmp102():
    primary = graph_of("fig-7-3-two-vsw-one-service-domain").clusters["cluster_domain:primary"].attrs
    assert primary["color"] == WARNING
    assert "IPMP102" in lines(primary["label"])
    g = graph_of("fig-7-3-two-vsw-one-service-domain", select=["IPMP102"])
    coloured = [n for n, a in g.nodes.items() if a.get("color") in scene.COLOURS.values()]
    assert coloured == []
    assert [c for c, cl in g.clusters.items() if cl.attrs.get("color") in scene.COLOURS.values()] == [
        "cluster_domain:primary"
    ]


def test_shared_vsw_is_red_with_ipmp101():
    vsw = graph_of("ipmp101-vnets-share-vswitch").nodes["vsw:primary/primary-vsw0"]
    assert vsw["color"] == ERROR and "filled" in vsw["style"].split(",")
    assert "IPMP101" in lines(vsw["label"])
    g = graph_of("ipmp101-vnets-share-vswitch", select=["IPMP101"])
    other = [n for n, a in g.nodes.items() if a.get("color") == ERROR and n != "vsw:primary/primary-vsw0"]
    assert other == []


def test_fig_7_4_has_no_alarm_colours():
    text = dot.write(scene_of("fig-7-4-vsw-in-two-service-domains"))
    assert not any(colour in text for colour in scene.COLOURS.values())
    g = read(text)
    assert g.ancestors("vsw:alternate/alternate-vsw0") == ["cluster_domain:alternate"]
    assert g.ancestors("vsw:primary/primary-vsw0") == ["cluster_domain:primary"]


@pytest.mark.parametrize("fixture", FIGURES)
def test_same_scene_same_bytes_sorted(fixture):
    text = dot.write(scene_of(fixture))
    assert text == dot.write(scene_of(fixture))
    g = read(text)
    assert [(t, h) for t, h, _ in g.edges] == sorted((t, h) for t, h, _ in g.edges)
    order = ["interface", "vnet", "vsw", "nic", "note", "network"]
    for cluster in [None, *g.clusters]:
        inside = [n for n in g.order if g.where[n] == cluster]
        assert inside == sorted(inside, key=lambda n: (order.index(n.split(":", 1)[0]), n))


NASTY = [
    'say "hi"',
    "back\\slash",
    "trailing\\",
    "a -> b; c",
    "{braces} [and] =",
    "digraph",
    "line\nbreak",
    "ünïcødé ☃",
    "\\n not a newline",
    "",
]


def nasty_scene() -> scene.Scene:
    clusters = (
        scene.Cluster('domain:"q"', "domain", ("domain", *NASTY)),
        scene.Cluster("group:x\\y", "group", ('g"', "\\l"), parent='domain:"q"'),
    )
    nodes = tuple(
        scene.Node(f"interface:{text}", "interface", (text, "x"), cluster="group:x\\y") for text in NASTY[:-1]
    )
    nodes += (scene.Node("edge", "vsw", ("node",), cluster='domain:"q"', dashed=True),)
    edges = tuple(scene.Edge(f"interface:{a}", "edge", "is", label=a) for a in NASTY[:-1])
    return scene.Scene('server "one"\\', ('server "one"\\',), clusters, nodes, edges)


def test_ids_and_labels_are_quoted_and_escaped():
    text = dot.write(nasty_scene())
    g = read(text)

    # DOT unescapes only \" in an id; a backslash stays doubled, as Graphviz keeps it.
    def as_dot_id(s):
        return s.replace("\\", "\\\\").replace("\n", "\\n")

    assert g.name == as_dot_id('server "one"\\')
    assert set(g.nodes) == {as_dot_id(f"interface:{t}") for t in NASTY[:-1]} | {"edge"}
    assert g.ancestors(as_dot_id("interface:a -> b; c")) == ["cluster_" + as_dot_id("group:x\\y"), 'cluster_domain:"q"']
    for text_ in NASTY[:-1]:
        node = g.nodes[as_dot_id(f"interface:{text_}")]
        assert lines(node["label"]) == [*text_.split("\n"), "x"]
    assert lines(g.clusters['cluster_domain:"q"'].attrs["label"]) == ["domain", *"\n".join(NASTY).split("\n")]
    assert len(g.edges) == len(NASTY) - 1


def test_domain_labels_are_left_aligned():
    g = graph_of("fig-7-4-vsw-in-two-service-domains")
    label = g.clusters["cluster_domain:ldg1"].attrs["label"]
    assert label == "ldg1\\lguest domain\\l"
    assert g.clusters["cluster_domain:ldg1"].attrs["labeljust"] == "l"


@needs_dot
def test_graphviz_reads_the_nasty_scene():
    svg = render.render(dot.write(nasty_scene()), "svg").decode("utf-8")
    texts = svg_texts(svg)
    for text_ in NASTY[:-1]:
        for line in text_.split("\n"):
            if line.strip():
                assert line.strip() in texts


def svg_texts(svg: str) -> set[str]:
    root = ET.fromstring(svg)
    return {(el.text or "").strip() for el in root.iter("{http://www.w3.org/2000/svg}text")}


@needs_dot
@pytest.mark.parametrize("fixture", FIGURES + ("ipmp101-vnets-share-vswitch",))
def test_svg_renders_with_every_label(fixture):
    sc = scene_of(fixture)
    svg = render.render(dot.write(sc), "svg").decode("utf-8")
    texts = svg_texts(svg)
    for element in (*sc.nodes, *sc.clusters):
        for line in element.lines:
            assert line in texts, f"{element.id}: {line!r} not drawn"
    titles = {(el.text or "") for el in ET.fromstring(svg).iter("{http://www.w3.org/2000/svg}title")}
    assert {n.id for n in sc.nodes} <= titles


@needs_dot
def test_png_renders():
    png = render.render(dot.write(scene_of("fig-7-3-two-vsw-one-service-domain")), "png")
    assert png.startswith(b"\x89PNG\r\n\x1a\n")


@needs_dot
def test_graphviz_accepts_the_same_structure_the_reader_sees():
    # dot's own canonical output (-Tcanon) has the same nodes and edges.
    text = dot.write(scene_of("fig-7-4-vsw-in-two-service-domains"))
    canon = subprocess.run(["dot", "-Tcanon"], input=text.encode(), capture_output=True, check=True).stdout
    ours, theirs = read(text), read(canon.decode("utf-8"))
    assert set(ours.nodes) == set(theirs.nodes)
    assert {(t, h) for t, h, _ in ours.edges} == {(t, h) for t, h, _ in theirs.edges}
    assert set(ours.clusters) == set(theirs.clusters)


def test_missing_dot_is_a_clear_error(monkeypatch, tmp_path):
    monkeypatch.setenv("PATH", str(tmp_path))
    with pytest.raises(render.RenderError, match="apt-get install graphviz"):
        render.render("digraph {}", "svg")


def test_readme_picture_is_current():
    # docs/images/fig-7-3.svg is `ipmplint graph --format svg` of the fixture: the
    # same texts, and the service domain outlined in the warning colour.
    sc = scene_of("fig-7-3-two-vsw-one-service-domain")
    svg = (FIXTURES.parent / "docs" / "images" / "fig-7-3.svg").read_text(encoding="utf-8")
    drawn = {line for e in (*sc.nodes, *sc.clusters) for line in e.lines} | set(sc.title_lines)
    drawn |= {e.label for e in sc.edges if e.label}
    assert svg_texts(svg) == drawn
    assert f'stroke="{WARNING}"' in svg


def test_the_legend_explains_every_shape_and_severity_in_words():
    sc = scene_of("fig-7-3-two-vsw-one-service-domain")
    assert "legend" not in dot.write(sc)  # asked for, not imposed on every caller
    g = read(dot.write(sc, legend=True))
    legend = {n: a for n, a in g.nodes.items() if n.startswith("legend:")}
    assert set(legend) == {f"legend:{key}" for key, *_ in dot.LEGEND}
    assert all("cluster_legend" in g.ancestors(n) for n in legend)
    # colour is never the only cue: each severity's swatch says its name
    for severity in Severity:
        swatch = legend[f"legend:{severity.value}"]
        assert lines(swatch["label"]) == [f"{severity.value}: rule ids"]
        assert swatch["color"] == scene.COLOURS[severity]
    shapes = {n: (a["shape"], a.get("style", "")) for n, a in legend.items()}
    assert shapes["legend:vsw"] == ("hexagon", "") and shapes["legend:nic"] == ("cylinder", "")
    assert shapes["legend:group"] == ("box", "rounded,dashed")
    # the picture itself is unchanged by the legend
    without = read(dot.write(sc))
    assert {n for n in g.nodes if not n.startswith("legend:")} == set(without.nodes)


@needs_dot
def test_graphviz_draws_the_legend():
    svg = render.render(dot.write(scene_of("fig-7-3-two-vsw-one-service-domain"), legend=True), "svg")
    titles = {t.text for t in ET.fromstring(svg).iter("{http://www.w3.org/2000/svg}title")}
    assert {"cluster_legend", "legend:vsw", "legend:error"} <= titles
