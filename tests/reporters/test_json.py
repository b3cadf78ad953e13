"""The JSON reporter: the documented contract (docs/json-schema.md, docs/report.schema.json)."""

from __future__ import annotations

import json
import os
import pickle
import re
import subprocess
import sys

import attrs
import jsonschema
import pytest

from ipmplint.reporters import json as json_reporter


def test_output_parses_and_ends_with_one_newline(report):
    out = json_reporter.render(report)
    assert out.endswith("}\n") and not out.endswith("\n\n")
    assert json.loads(out)["schema_version"] == 1


def test_top_level_keys_in_documented_order(report):
    data = json.loads(json_reporter.render(report))
    assert list(data) == [
        "schema_version",
        "tool",
        "inputs",
        "summary",
        "servers",
        "findings",
        "parse_warnings",
        "skipped",
        "errors",
        "suppression",
    ]
    assert data["tool"] == {"name": "ipmplint", "version": "0.1.0"}
    assert data["inputs"] == ["fleet/t5-2-b", "fleet/t5-2-a/"]
    assert data["errors"] == ["fleet/t5-2-c: cannot read: [Errno 13] Permission denied"]


def test_summary_counts(report):
    summary = json.loads(json_reporter.render(report))["summary"]
    assert summary == {
        "findings": 4,
        "by_severity": {"error": 1, "warning": 2, "info": 1},
        "parse_warnings": 1,
        "servers": 2,
        "skipped": 2,
        "errors": 1,
    }
    assert list(summary["by_severity"]) == ["error", "warning", "info"]


def test_one_finding_exact(report):
    finding = json.loads(json_reporter.render(report))["findings"][2]
    assert list(finding.items()) == [
        ("rule_id", "IPMP102"),
        ("rule_name", "vswitches-share-service-domain"),
        ("severity", "error"),
        ("server", "t5-2-a"),
        ("domain", "guest1"),
        ("group", "ipmp0"),
        ("object", "vnet0,vnet1"),
        ("file", "fleet/t5-2-a/ldm-list-l.txt"),
        ("line", 41),
        ("col", 5),
        ("message", "vnet0 and vnet1 of group ipmp0 both reach vswitches in service domain primary"),
        ("nodes", ["vnet:guest1/vnet0", "vnet:guest1/vnet1", "domain:primary"]),
    ]


def test_unknown_values_are_null_not_missing(report):
    cap = json.loads(json_reporter.render(report))["parse_warnings"][0]
    assert cap["group"] is None and cap["object"] is None and "object" in cap
    assert cap["nodes"] == []  # about no node of the topology: empty, not missing


def test_findings_sorted(report):
    data = json.loads(json_reporter.render(report))
    keys = [(f["server"], f["file"], f["line"], f["col"], f["rule_id"]) for f in data["findings"]]
    assert keys == sorted(keys)
    assert [(f["file"].rsplit("/", 1)[1], f["line"]) for f in data["findings"]] == [
        ("ifconfig-a.txt", 7),
        ("ldm-list-l.txt", 12),
        ("ldm-list-l.txt", 41),
        ("netstat-rn.txt", 0),
    ]
    # the per-server lists are sorted the same way (the fixture gives them out of order)
    assert data["servers"][0]["findings"] == data["findings"][:3]


def test_parse_warnings_are_the_cap001_findings_also_in_findings(report):
    data = json.loads(json_reporter.render(report))
    assert [f["rule_id"] for f in data["parse_warnings"]] == ["CAP001"]
    assert data["parse_warnings"][0] in data["findings"]


def test_servers_skipped_and_line_accounting(report):
    data = json.loads(json_reporter.render(report))
    b = data["servers"][1]
    assert (b["name"], b["path"]) == ("t5-2-b", "fleet/t5-2-b")
    assert (
        data["skipped"]
        == data["servers"][0]["skipped"] + b["skipped"]
        == [
            {
                "server": "t5-2-a",
                "rule_id": "IPMP202",
                "domain": "guest2",
                "reason": "needs netstat-rn.txt",
                "missing": ["netstat-rn.txt"],
            },
            {
                "server": "t5-2-b",
                "rule_id": "IPMP102",
                "domain": None,
                "reason": "needs ldm-list-l.txt",
                "missing": ["ldm-list-l.txt"],
            },
        ]
    )
    assert b["line_accounting"] == [
        {
            "file": "fleet/t5-2-b/guest3/netstat-rn.txt",
            "kind": "netstat-rn",
            "total": 12,
            "consumed": 10,
            "skipped": 1,
            "warned": 0,
            "blank": 1,
            "balanced": True,
        }
    ]


def test_validates_against_published_schema(report, clean_report, report_schema):
    jsonschema.Draft202012Validator.check_schema(report_schema)
    validator = jsonschema.Draft202012Validator(report_schema)
    for r in (report, clean_report):
        validator.validate(json.loads(json_reporter.render(r)))


def test_schema_rejects_an_undocumented_key(report, report_schema):
    data = json.loads(json_reporter.render(report))
    data["findings"][0]["extra"] = 1
    assert not jsonschema.Draft202012Validator(report_schema).is_valid(data)


def test_every_schema_key_is_documented(report_schema, json_doc):
    def keys(node):
        if isinstance(node, dict):
            for name, child in node.get("properties", {}).items():
                yield name
                yield from keys(child)
            for child in node.get("$defs", {}).values():
                yield from keys(child)

    documented = set(re.findall(r"`([a-z_]+)`", json_doc))
    assert set(keys(report_schema)) - documented == set()


@pytest.mark.parametrize("seed", ["0", "4242"])
def test_byte_identical_in_another_process(report, seed):
    """Set and dict order changes with the hash seed between runs: the same report,
    unpickled and rendered in a fresh interpreter with another PYTHONHASHSEED, gives the
    same bytes (one process rendering twice would prove nothing)."""
    code = (
        "import pickle, sys; from ipmplint.reporters import json as json_reporter; "
        "sys.stdout.write(json_reporter.render(pickle.load(sys.stdin.buffer)))"
    )
    other = subprocess.run(
        [sys.executable, "-c", code],
        input=pickle.dumps(report),
        capture_output=True,
        env={**os.environ, "PYTHONHASHSEED": seed},
        check=True,
    ).stdout.decode()
    assert other == json_reporter.render(report)


def test_order_of_input_findings_does_not_matter(report):
    shuffled = attrs.evolve(
        report, servers=tuple(attrs.evolve(s, findings=tuple(reversed(s.findings))) for s in report.servers)
    )
    assert json_reporter.render(shuffled) == json_reporter.render(report)


def test_adding_nodes_kept_the_schema_version(report, report_schema):
    """nodes was added within version 1: adding a key is compatible (docs/json-schema.md)."""
    data = json.loads(json_reporter.render(report))
    assert data["schema_version"] == json_reporter.SCHEMA_VERSION == 1
    assert "nodes" in report_schema["$defs"]["finding"]["required"]
