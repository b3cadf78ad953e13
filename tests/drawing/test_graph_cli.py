"""``ipmplint graph``: formats, files, fleets, exit codes, and the check's own findings."""

from __future__ import annotations

import re
import shutil
import xml.etree.ElementTree as ET

import pytest
from dot_reader import lines, read
from pictures import FIXTURES, findings_of, load

from ipmplint.capture import discovery
from ipmplint.cli import main
from ipmplint.drawing import scene
from ipmplint.findings import Severity

FIG_7_3 = str(FIXTURES / "fig-7-3-two-vsw-one-service-domain")
FIG_7_4 = str(FIXTURES / "fig-7-4-vsw-in-two-service-domains")
ALARMS = tuple(scene.COLOURS.values())
needs_dot = pytest.mark.skipif(
    shutil.which("dot") is None, reason="Graphviz's dot is not installed (apt-get install graphviz)"
)


def rule_ids(dot_text: str) -> set[str]:
    g = read(dot_text)
    labels = [a.get("label", "") for a in g.nodes.values()] + [c.attrs.get("label", "") for c in g.clusters.values()]
    labels.append(g.attrs["label"])
    return {rid for label in labels for line in lines(label) for rid in re.findall(r"\b[A-Z]+\d{3}\b", line)}


def test_dot_on_stdout_exit_0_despite_findings(capsys):
    assert main(["graph", FIG_7_3]) == 0
    g = read(capsys.readouterr().out)
    assert g.clusters["cluster_domain:primary"].attrs["color"] == scene.COLOURS[Severity.WARNING]


@pytest.mark.parametrize("fixture", sorted(p.name for p in FIXTURES.iterdir() if p.is_dir()))
def test_the_drawing_marks_exactly_the_checks_findings(fixture, capsys):
    assert main(["graph", str(FIXTURES / fixture)]) == 0
    drawn = rule_ids(capsys.readouterr().out)
    assert drawn == {f.rule_id for f in findings_of(load(fixture))}


def test_select_limits_the_findings_drawn(capsys):
    assert main(["graph", "--select", "IPMP101", FIG_7_3]) == 0
    g = read(capsys.readouterr().out)
    drawn = [a for n, a in g.nodes.items() if "cluster_legend" not in g.ancestors(n)]
    drawn += [c.attrs for name, c in g.clusters.items() if "legend" not in name]
    assert not any(colour in value for a in drawn for value in a.values() for colour in ALARMS)
    assert main(["graph", "--ignore", "IPMP102", FIG_7_3]) == 0
    assert "IPMP102" not in rule_ids(capsys.readouterr().out)


def test_bad_select_is_a_usage_error(capsys):
    assert main(["graph", "--select", "NOPE999", FIG_7_3]) == 2
    assert capsys.readouterr().err.startswith("ipmplint: error: unknown rule")


def test_mermaid_to_a_file(tmp_path, capsys):
    out = tmp_path / "fig.mmd"
    assert main(["graph", "--format", "mermaid", "--output", str(out), FIG_7_4]) == 0
    assert capsys.readouterr().out == ""
    text = out.read_text(encoding="utf-8")
    assert "flowchart TB" in text and not any(colour in text for colour in ALARMS)


def test_fleet_needs_an_output_folder(capsys):
    assert main(["graph", FIG_7_3, FIG_7_4]) == 2
    assert "--output DIR" in capsys.readouterr().err


def test_fleet_output_must_not_be_a_file(tmp_path, capsys):
    taken = tmp_path / "file.dot"
    taken.write_text("")
    assert main(["graph", "-o", str(taken), FIG_7_3, FIG_7_4]) == 2
    assert "must be a folder" in capsys.readouterr().err


def test_fleet_gives_one_file_per_server(tmp_path):
    folder = tmp_path / "pictures"
    assert main(["graph", "-o", str(folder), str(FIXTURES)]) == 0
    # one picture per server, named after it (an Explorer's server is its host name)
    expected = {f"{root.name}.dot" for root in discovery.discover([str(FIXTURES)]).roots}
    assert len(expected) == len([p for p in FIXTURES.iterdir() if p.is_dir()])
    assert {p.name for p in folder.iterdir()} == expected
    fig = read((folder / "fig-7-3-two-vsw-one-service-domain.dot").read_text(encoding="utf-8"))
    assert fig.name == "fig-7-3-two-vsw-one-service-domain"


def test_one_server_into_an_existing_folder(tmp_path):
    assert main(["graph", "-o", str(tmp_path), "--format", "mermaid", FIG_7_4]) == 0
    assert [p.name for p in tmp_path.iterdir()] == ["fig-7-4-vsw-in-two-service-domains.mmd"]


def test_servers_of_one_name_do_not_overwrite_each_other(tmp_path):
    for site in ("a", "b"):
        shutil.copytree(FIG_7_4, tmp_path / "fleet" / site / "t5")
    out = tmp_path / "out"
    assert main(["graph", "-o", str(out), str(tmp_path / "fleet")]) == 0
    assert sorted(p.name for p in out.iterdir()) == ["t5-2.dot", "t5.dot"]


def test_unreadable_input_exits_2(tmp_path, capsys):
    assert main(["graph", str(tmp_path / "missing")]) == 2
    assert "missing" in capsys.readouterr().err


def test_svg_without_graphviz_names_the_package(monkeypatch, tmp_path, capsys):
    monkeypatch.setenv("PATH", str(tmp_path))
    assert main(["graph", "--format", "svg", FIG_7_3]) == 2
    captured = capsys.readouterr()
    assert "apt-get install graphviz" in captured.err and captured.out == ""


@needs_dot
def test_svg_file(tmp_path):
    out = tmp_path / "fig.svg"
    assert main(["graph", "--format", "svg", "-o", str(out), FIG_7_3]) == 0
    root = ET.fromstring(out.read_text(encoding="utf-8"))
    texts = {(t.text or "") for t in root.iter("{http://www.w3.org/2000/svg}text")}
    assert {"IPMP102", "primary-vsw0", "primary-vsw1", "network"} <= texts


@needs_dot
def test_png_fleet(tmp_path):
    assert main(["graph", "--format", "png", "-o", str(tmp_path), FIG_7_3, FIG_7_4]) == 0
    files = sorted(tmp_path.iterdir())
    assert [p.suffix for p in files] == [".png", ".png"]
    assert all(p.read_bytes().startswith(b"\x89PNG") for p in files)


def test_cli_offers_every_drawing_format():
    from ipmplint import drawing
    from ipmplint.cli import build_parser

    for fmt in drawing.FORMATS:
        assert build_parser().parse_args(["graph", "--format", fmt, "x"]).format == fmt
