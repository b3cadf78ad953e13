"""``ipmplint check --format/--output/--statistics`` and ``ipmplint rules/rule`` end to end."""

from __future__ import annotations

import json
import re
import urllib.parse
import xml.etree.ElementTree as ET
from pathlib import Path

import jsonschema
import pytest
from htmlpage import Page

from ipmplint import cli, reporters
from ipmplint.cli.reflow import reflow
from ipmplint.rules import builtin

REPO = Path(__file__).resolve().parents[1]
FIG_7_3 = "fixtures/fig-7-3-two-vsw-one-service-domain"
SARIF_SCHEMA = REPO / "tests" / "data" / "schemas" / "sarif-2.1.0.json"
STATISTICS = "1  IPMP102  vswitches-share-service-domain\n"


@pytest.fixture(autouse=True)
def in_repo(monkeypatch):
    """Run from the repository root, with the fixture path relative, as a user would."""
    monkeypatch.chdir(REPO)
    monkeypatch.delenv("NO_COLOR", raising=False)


def run(capsys, *argv: str) -> tuple[int, str, str]:
    code = cli.main(list(argv))
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def check_parses(fmt: str, out: str) -> None:
    """The output is what its consumer can read, and it names the IPMP102 finding."""
    if fmt == "json":
        assert [f["rule_id"] for f in json.loads(out)["findings"]] == ["IPMP102"]
    elif fmt == "sarif":
        log = json.loads(out)
        jsonschema.Draft4Validator(json.loads(SARIF_SCHEMA.read_text(encoding="utf-8"))).validate(log)
        (result,) = log["runs"][0]["results"]
        assert result["ruleId"] == "IPMP102"
        assert result["locations"][0]["physicalLocation"]["artifactLocation"] == {
            "uri": f"{FIG_7_3}/ldm-list-l.txt",
            "uriBaseId": "%SRCROOT%",
        }
    elif fmt == "github":
        (line,) = out.splitlines()
        assert line.startswith(
            f"::warning file={FIG_7_3}/ldm-list-l.txt,line=50,col=5,title=IPMP102 vswitches-share-service-domain::"
        )
    elif fmt == "junit":
        root = ET.fromstring(out.encode("utf-8"))
        failed = [c.get("name") for c in root.iter("testcase") if c.find("failure") is not None]
        assert failed == ["IPMP102 vswitches-share-service-domain"]
        assert int(root.get("tests")) == len(builtin())
    elif fmt == "gitlab":
        (issue,) = json.loads(out)
        assert (issue["check_name"], issue["location"]) == (
            "IPMP102",
            {"path": f"{FIG_7_3}/ldm-list-l.txt", "lines": {"begin": 50}},
        )
    elif fmt == "concise":
        line, *skips, summary = out.splitlines()
        assert all(skip.startswith(("skipped ", "6 checks skipped")) or "skipped" in skip for skip in skips)
        assert line.startswith(f"{FIG_7_3}/ldm-list-l.txt:50:5: warning IPMP102 group ipmp0 in ldg1: ")
        assert summary == "1 finding (0 errors, 1 warning, 0 info) in 1 server; 3 checks skipped"
    elif fmt == "html":
        page = Page(out)
        (row,) = page.finding_rows()
        assert (row.attrs["data-rule"], row.attrs["data-severity"]) == ("IPMP102", "warning")
        assert f"{FIG_7_3}/ldm-list-l.txt:50:5" in row.all_text()
    else:
        assert re.search(
            r"^warning +IPMP102 vswitches-share-service-domain +" + re.escape(f"{FIG_7_3}/ldm-list-l.txt:50:5"),
            out,
            re.M,
        )


def test_cli_offers_every_format():
    (check,) = [
        a
        for a in cli.build_parser()._subparsers._group_actions[0].choices["check"]._actions
        if "--format" in a.option_strings
    ]
    assert tuple(check.choices) == tuple(reporters.FORMATS)


@pytest.mark.parametrize("fmt", reporters.FORMATS)
def test_every_format_on_a_real_capture(fmt, capsys):
    code, out, err = run(capsys, "check", "--format", fmt, FIG_7_3)
    assert code == 1 and err == ""
    check_parses(fmt, out)
    assert "\x1b[" not in out  # not a terminal: no colour
    # deterministic: a second run gives the same bytes
    assert run(capsys, "check", "--format", fmt, FIG_7_3)[1] == out


@pytest.mark.parametrize("fmt", reporters.FORMATS)
def test_output_file_leaves_stdout_alone(fmt, capsys, tmp_path):
    expected = run(capsys, "check", "--format", fmt, FIG_7_3)[1]
    target = tmp_path / f"report.{fmt}"
    code, out, err = run(capsys, "check", "--format", fmt, "--output", str(target), FIG_7_3)
    assert (code, out, err) == (1, "", "")
    if fmt != "html":
        assert target.read_text(encoding="utf-8") == expected
        return
    # The page's links are relative to its own folder, so they open from disk.
    (row,) = Page(target.read_text(encoding="utf-8")).finding_rows()
    (href,) = [e.attrs["href"] for e in row.walk() if e.tag == "a" and not e.attrs["href"].startswith("#")]
    assert (tmp_path / urllib.parse.unquote(href)).resolve() == (REPO / FIG_7_3 / "ldm-list-l.txt").resolve()


@pytest.mark.parametrize("fmt", ["json", "sarif", "gitlab", "junit", "github"])
def test_statistics_on_stderr_keep_stdout_parseable(fmt, capsys):
    code, out, err = run(capsys, "check", "--format", fmt, "--statistics", FIG_7_3)
    assert code == 1
    check_parses(fmt, out)
    assert err == STATISTICS


def test_statistics_on_stdout_when_the_report_goes_to_a_file(capsys, tmp_path):
    target = tmp_path / "report.json"
    code, out, err = run(capsys, "check", "--format", "json", "--output", str(target), "--statistics", FIG_7_3)
    assert (code, out, err) == (1, STATISTICS, "")
    check_parses("json", target.read_text(encoding="utf-8"))


def test_statistics_of_a_clean_run_are_empty(capsys):
    code, out, err = run(capsys, "check", "--statistics", "fixtures/fig-7-4-vsw-in-two-service-domains")
    assert code == 0 and err == ""


def test_colour_only_when_asked_and_never_into_a_file(capsys, tmp_path, monkeypatch):
    assert "\x1b[33mwarning\x1b[0m" in run(capsys, "check", "--color", "always", FIG_7_3)[1]
    target = tmp_path / "report.txt"
    run(capsys, "check", "--output", str(target), FIG_7_3)
    assert "\x1b[" not in target.read_text(encoding="utf-8")
    monkeypatch.setenv("NO_COLOR", "1")
    monkeypatch.setattr("sys.stdout.isatty", lambda: True, raising=False)
    assert "\x1b[" not in run(capsys, "check", FIG_7_3)[1]


def test_rules_lists_every_rule_from_its_module(capsys):
    code, out, _ = run(capsys, "rules")
    assert code == 0
    for rule in builtin():
        assert re.search(rf"^{rule.id} +{rule.info.severity.value} +{rule.name}$", out, re.M), rule.id
    # each summary follows its rule, wrapped: the words are all there, in order
    blocks = re.split(r"^(?=[A-Z]+\d{3} )", out, flags=re.M)
    for rule, block in zip(builtin(), [b for b in blocks if b]):
        assert " ".join(block.split()[3:]) == " ".join(rule.info.summary.split()), rule.id
    assert max(len(line) for line in out.splitlines()) <= 80


@pytest.mark.parametrize("key", ["IPMP102", "ipmp102", "vswitches-share-service-domain"])
def test_rule_by_id_or_name_prints_its_docstring(key, capsys):
    code, out, _ = run(capsys, "rule", key)
    assert code == 0
    (rule,) = [r for r in builtin() if r.id == "IPMP102"]
    assert (
        out == f"IPMP102 vswitches-share-service-domain ({rule.info.severity.value})\n\n{reflow(rule.info.doc, 80)}\n"
    )
    assert " ".join(out.split()[3:]) == " ".join(rule.info.doc.split())  # refilled, not rewritten


def test_unknown_rule_is_a_usage_error(capsys):
    code, out, err = run(capsys, "rule", "IPMP999")
    assert code == 2 and out == "" and "IPMP999" in err


FIXTURES = sorted(p.name for p in (REPO / "fixtures").iterdir() if p.is_dir())


@pytest.mark.parametrize("name", FIXTURES)
def test_machine_formats_of_every_fixture_are_valid(name, capsys):
    """SARIF valid against the official schema, JUnit well-formed, GitLab per contract."""
    path = f"fixtures/{name}"
    log = json.loads(run(capsys, "check", "--format", "sarif", path)[1])
    jsonschema.Draft4Validator(json.loads(SARIF_SCHEMA.read_text(encoding="utf-8"))).validate(log)
    findings = json.loads(run(capsys, "check", "--format", "json", path)[1])["findings"]
    assert len(log["runs"][0]["results"]) == len(findings)
    root = ET.fromstring(run(capsys, "check", "--format", "junit", path)[1].encode("utf-8"))
    assert int(root.get("tests")) == len(builtin())
    issues = json.loads(run(capsys, "check", "--format", "gitlab", path)[1])
    assert len(issues) == len(findings)
    assert len({i["fingerprint"] for i in issues}) == len(issues)
    assert all(i["location"]["lines"]["begin"] >= 1 for i in issues)
    lines = run(capsys, "check", "--format", "github", path)[1].splitlines()
    assert len(lines) == len(findings) and all(line.startswith("::") for line in lines)
