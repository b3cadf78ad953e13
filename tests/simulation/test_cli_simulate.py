"""``ipmplint simulate`` on the command line: formats, the JSON schema, exit codes,
``--fail``, ``--fail-on`` and the width of the text matrix."""

from __future__ import annotations

import json

import jsonschema
import pytest
from testpaths import FIXTURES, REPO

from ipmplint.cli import main

SCHEMA = json.loads((REPO / "docs" / "simulate.schema.json").read_text())
FIG_7_3 = str(FIXTURES / "fig-7-3-two-vsw-one-service-domain")
FIG_7_4 = str(FIXTURES / "fig-7-4-vsw-in-two-service-domains")


def run(capsys, *argv: str) -> tuple[int, str, str]:
    code = main(["simulate", "--isolated", "--jobs", "1", *argv])
    out, err = capsys.readouterr()
    return code, out, err


def test_json_of_every_fixture_matches_the_schema(capsys):
    code, out, _ = run(capsys, "--format", "json", "--pairs", str(FIXTURES))
    document = json.loads(out)
    jsonschema.validate(document, SCHEMA)
    assert document["schema_version"] == 1
    assert len(document["servers"]) == len([p for p in FIXTURES.iterdir() if p.is_dir()])
    assert code == 1


def test_json_has_the_documented_keys(capsys):
    _, out, _ = run(capsys, "--format", "json", FIG_7_3)
    (server,) = json.loads(out)["servers"]
    scenario = next(s for s in server["scenarios"] if s["failed"][0]["kind"] == "service-domain")
    assert scenario["failed"] == [{"kind": "service-domain", "domain": None, "name": "primary"}]
    (effect,) = scenario["effects"]
    assert {k: effect[k] for k in ("domain", "group", "outcome", "detection", "seconds", "rules")} == {
        "domain": "ldg1",
        "group": "ipmp0",
        "outcome": "loses-network",
        "detection": None,
        "seconds": None,
        "rules": ["IPMP102"],
    }


@pytest.mark.parametrize("path, code", [(FIG_7_3, 1), (FIG_7_4, 0)])
def test_exit_code_says_whether_a_single_failure_hurts(capsys, path, code):
    assert run(capsys, path)[0] == code


def test_pairs_do_not_make_a_single_point_of_failure(capsys):
    assert run(capsys, "--pairs", FIG_7_4)[0] == 0


def test_fail_on_chooses_the_outcomes_that_count(capsys):
    assert run(capsys, "--fail-on", "fails-over", FIG_7_4)[0] == 1
    assert run(capsys, "--fail-on", "undetected", FIG_7_3)[0] == 0
    code, _, err = run(capsys, "--fail-on", "broken", FIG_7_4)
    assert code == 2 and "no outcome" in err


def test_fail_simulates_just_those_together(capsys):
    code, out, _ = run(
        capsys, "--fail", "service-domain:primary", "--fail", "service-domain:alternate", "--format", "json", FIG_7_4
    )
    (server,) = json.loads(out)["servers"]
    (scenario,) = server["scenarios"]
    assert scenario["effects"][0]["outcome"] == "loses-network"
    assert code == 1


def test_fail_accepts_ldm_names(capsys):
    code, out, _ = run(capsys, "--fail", "vsw:primary-vsw0@primary", FIG_7_4)
    assert code == 0 and "vsw primary/primary-vsw0" in out


@pytest.mark.parametrize("spec, said", [("router:10.0.0.1", "KIND:NAME"), ("nic:primary/e9", "not on this server")])
def test_a_bad_fail_is_a_usage_error(capsys, spec, said):
    code, _, err = run(capsys, "--fail", spec, FIG_7_4)
    assert code == 2 and said in err


def test_unreadable_input_exits_2(capsys, tmp_path):
    assert run(capsys, str(tmp_path / "nowhere"))[0] == 2


def test_text_matrix_fits_the_width(capsys, monkeypatch):
    monkeypatch.setenv("COLUMNS", "60")
    code, out, _ = run(capsys, str(FIXTURES / "ipmp108-vswitch-overloaded"))
    assert code == 1
    assert max(len(line) for line in out.splitlines()) <= 60
    assert "legend: . unaffected" in out and "X loses-network" in out


def test_markdown_has_a_table_and_reasons(capsys, tmp_path):
    target = tmp_path / "sim.md"
    code, out, _ = run(capsys, "--format", "markdown", "-o", str(target), FIG_7_3)
    text = target.read_text()
    assert out == "" and code == 1
    assert "| failure | `ldg1/ipmp0` |" in text
    assert "| service-domain primary | **loses-network** |" in text
    assert "IPMP102" in text.split("### Why")[1]


def test_text_and_json_give_the_way_back_from_findings(capsys):
    _, out, _ = run(capsys, FIG_7_3)
    back = out.split("findings behind these outcomes:")[1]
    assert "IPMP102 ldg1/ipmp0:" in back and "-> service-domain primary: ldg1/ipmp0 loses-network" in back
    _, out, _ = run(capsys, "--format", "json", FIG_7_3)
    (finding,) = json.loads(out)["servers"][0]["findings"]
    assert finding["rule"] == "IPMP102"
    assert finding["explains"] == [
        {"failed": "service-domain primary", "subject": "ldg1/ipmp0", "outcome": "loses-network"}
    ]


def test_the_format_choices_are_the_writers_and_the_page():
    """Each streaming writer, and html: check's page with the matrices (ipmplint.cli.page)."""
    from ipmplint.cli import build_parser
    from ipmplint.simulation.run import FORMATS

    parser = build_parser()
    sub = next(a for a in parser._actions if a.dest == "command").choices["simulate"]
    choices = next(a for a in sub._actions if a.dest == "format").choices
    assert tuple(choices) == (*FORMATS, "html")


def test_output_does_not_depend_on_the_hash_seed():
    import os
    import subprocess
    import sys

    def once(seed: str) -> str:
        env = {**os.environ, "PYTHONHASHSEED": seed}
        return subprocess.run(
            [
                sys.executable,
                "-m",
                "ipmplint",
                "simulate",
                "--isolated",
                "-j",
                "1",
                "--pairs",
                "--format",
                "json",
                FIG_7_4,
            ],
            capture_output=True,
            text=True,
            env=env,
            cwd=REPO,
        ).stdout

    first = once("1")
    assert '"outcome": "loses-network"' in first
    assert once("2") == first == once("3")
