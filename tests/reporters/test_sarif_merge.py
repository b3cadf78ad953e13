"""``python -m ipmplint.reporters.sarif_merge``: CI shards' SARIF logs side by side in one log."""

from __future__ import annotations

import json
import subprocess
import sys

import jsonschema
import pytest
from testpaths import DATA, FIXTURES, REPO

from ipmplint import cli
from ipmplint.reporters import sarif_merge

SHARDS = ("fig-7-3-two-vsw-one-service-domain", "fig-7-4-vsw-in-two-service-domains", "ipmp101-vnets-share-vswitch")


@pytest.fixture
def shards(tmp_path, monkeypatch, capsys) -> list[str]:
    monkeypatch.chdir(REPO)  # paths relative to the repository, as in CI
    paths = []
    for name in SHARDS:
        out = tmp_path / f"{name}.sarif"
        cli.main(["check", "--format", "sarif", "-o", str(out), f"fixtures/{name}"])
        paths.append(str(out))
    capsys.readouterr()
    return paths


def test_the_runs_of_every_shard_in_order_unchanged(shards, tmp_path):
    assert sarif_merge.main(["-o", str(tmp_path / "all.sarif"), *shards]) == 0
    merged = json.loads((tmp_path / "all.sarif").read_text())
    originals = [json.loads(open(p).read()) for p in shards]
    assert merged["version"] == "2.1.0" and merged["$schema"] == originals[0]["$schema"]
    assert merged["runs"] == [o["runs"][0] for o in originals]
    schema = json.loads((DATA / "schemas" / "sarif-2.1.0.json").read_text())
    jsonschema.Draft4Validator(schema).validate(merged)
    assert [r["automationDetails"]["id"] for r in merged["runs"]] == [f"ipmplint/fixtures/{n}/" for n in SHARDS]


def test_the_same_findings_as_one_run_over_every_shard(shards, tmp_path, capsys, monkeypatch):
    monkeypatch.chdir(REPO)
    cli.main(["check", "--format", "sarif", *[f"fixtures/{n}" for n in SHARDS]])
    whole = json.loads(capsys.readouterr().out)["runs"][0]["results"]
    merged = sarif_merge.merge([(p, json.loads(open(p).read())) for p in shards])
    parts = [r for run in merged["runs"] for r in run["results"]]
    key = lambda r: json.dumps(r, sort_keys=True)  # noqa: E731
    assert sorted(map(key, parts)) == sorted(map(key, whole))


def test_two_runs_under_one_category_are_refused(shards, capsys):
    assert sarif_merge.main([shards[0], shards[0]]) == 2
    assert "category" in capsys.readouterr().err


@pytest.mark.parametrize("content", ["{", '{"version": "2.0.0", "runs": []}', "[]"])
def test_what_is_not_a_sarif_log_is_refused(tmp_path, capsys, content):
    bad = tmp_path / "bad.sarif"
    bad.write_text(content)
    assert sarif_merge.main([str(bad)]) == 2
    assert "bad.sarif" in capsys.readouterr().err


def test_a_missing_file_is_refused(tmp_path, capsys):
    assert sarif_merge.main([str(tmp_path / "none.sarif")]) == 2
    assert "none.sarif" in capsys.readouterr().err


def test_more_runs_than_code_scanning_takes_are_merged_with_a_note(shards, capsys):
    log = json.loads(open(shards[0]).read())
    many = []
    for i in range(sarif_merge.CODE_SCANNING_MAX_RUNS + 1):
        copy = json.loads(json.dumps(log))
        copy["runs"][0]["automationDetails"]["id"] = f"ipmplint/shard-{i}/"
        many.append((f"s{i}", copy))
    assert len(sarif_merge.merge(many)["runs"]) == 21


def test_runs_as_a_module(shards):
    proc = subprocess.run(
        [sys.executable, "-m", "ipmplint.reporters.sarif_merge", *shards], capture_output=True, text=True, cwd=REPO
    )
    assert proc.returncode == 0 and len(json.loads(proc.stdout)["runs"]) == 3


def test_the_readme_recipe_is_this_module():
    readme = (REPO / "README.md").read_text()
    assert "python -m ipmplint.reporters.sarif_merge" in readme
    assert FIXTURES.exists()
