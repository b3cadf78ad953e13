"""The SARIF reporter: valid SARIF 2.1.0, and the properties GitHub code scanning reads."""

from __future__ import annotations

import json
from urllib.parse import unquote

import attrs
import jsonschema

from ipmplint.findings import Severity, fingerprint
from ipmplint.model import Source
from ipmplint.reporters import sarif

SRCROOT = "/srv/captures"


def render(report, srcroot=SRCROOT) -> dict:
    return json.loads(sarif.render(report, srcroot=srcroot))


def run_of(report, srcroot=SRCROOT) -> dict:
    return render(report, srcroot)["runs"][0]


def test_validates_against_sarif_schema(report, clean_report, sarif_schema):
    jsonschema.Draft4Validator.check_schema(sarif_schema)  # the official schema is draft-04
    validator = jsonschema.Draft4Validator(sarif_schema)
    for r in (report, clean_report):
        for root in (SRCROOT, None):
            errors = sorted(validator.iter_errors(render(r, root)), key=str)
            assert errors == []


def test_schema_catches_a_broken_log(report, sarif_schema):
    """The validation above can fail: a region with line 0 is not SARIF."""
    log = render(report)
    log["runs"][0]["results"][0]["locations"][0]["physicalLocation"]["region"]["startLine"] = 0
    assert not jsonschema.Draft4Validator(sarif_schema).is_valid(log)


def test_header_and_driver(report):
    log = render(report)
    assert list(log) == ["$schema", "version", "runs"]
    assert log["version"] == "2.1.0" and len(log["runs"]) == 1
    driver = log["runs"][0]["tool"]["driver"]
    assert (driver["name"], driver["version"], driver["informationUri"]) == (
        "ipmplint",
        "0.1.0",
        "https://github.com/ipmplint/ipmplint",
    )
    assert [r["id"] for r in driver["rules"]] == ["CAP001", "IPMP102", "IPMP202"]


def test_rule_descriptor(report):
    rule = run_of(report)["tool"]["driver"]["rules"][1]
    info = report.rules[1]
    assert rule == {
        "id": "IPMP102",
        "name": "vswitches-share-service-domain",
        "shortDescription": {"text": info.summary},
        "fullDescription": {"text": "The service domain of each member's vsw."},
        "help": {
            "text": (
                "The vswitches behind an IPMP group's vnets are all in one service domain.\n\n"
                "What it checks\nThe service domain of each member's vsw.\n\n"
                "Why it breaks failover\nRebooting that domain takes every path down."
            ),
            "markdown": info.doc,
        },
        "helpUri": "https://github.com/ipmplint/ipmplint/blob/main/docs/rules.md#ipmp102",
        "defaultConfiguration": {"level": "error"},
        "properties": {"tags": ["topology", "single-point-of-failure"], "precision": "high"},
    }


def test_full_description_joins_wrapped_lines_and_falls_back_to_summary(report):
    cap001, _, ipmp202 = report.rules
    assert sarif.full_description(cap001) == (
        "Every parse warning of every capture file becomes a finding at its file:line:col."
    )
    assert sarif.full_description(ipmp202) == ipmp202.summary


def test_rule_index_points_at_the_rule(report):
    run = run_of(report)
    rules = run["tool"]["driver"]["rules"]
    assert len(run["results"]) == 4
    for result in run["results"]:
        assert rules[result["ruleIndex"]]["id"] == result["ruleId"]
    assert [r["ruleIndex"] for r in run["results"]] == [0, 1, 1, 2]


def test_levels_mapped(report):
    run = run_of(report)
    assert [(r["ruleId"], r["level"]) for r in run["results"]] == [
        ("CAP001", "warning"),
        ("IPMP102", "warning"),
        ("IPMP102", "error"),
        ("IPMP202", "note"),
    ]
    assert [r["defaultConfiguration"]["level"] for r in run["tool"]["driver"]["rules"]] == ["warning", "error", "note"]


def test_region_and_line_1_for_a_whole_file(report):
    """GitHub places a result only by region.startLine: line 0 (the whole file) is line 1."""
    results = run_of(report)["results"]
    assert results[0]["locations"][0]["physicalLocation"]["region"] == {"startLine": 7, "startColumn": 7}
    whole_file = results[3]["locations"][0]["physicalLocation"]
    assert results[3]["ruleId"] == "IPMP202"
    assert whole_file["region"] == {"startLine": 1}
    assert whole_file["artifactLocation"]["uri"] == "fleet/t5-2-b/guest3/netstat-rn.txt"


def test_uri_relative_with_base_id(report):
    run = run_of(report)
    assert run["originalUriBaseIds"] == {"%SRCROOT%": {"uri": "file:///srv/captures/"}}
    for result in run["results"]:
        location = result["locations"][0]["physicalLocation"]["artifactLocation"]
        assert location["uriBaseId"] == "%SRCROOT%"
        assert not location["uri"].startswith(("/", "file:"))
        assert location["uri"].startswith("fleet/t5-2-")


def test_no_original_uri_base_ids_without_srcroot(report):
    run = run_of(report, srcroot=None)
    assert "originalUriBaseIds" not in run
    assert run["results"][0]["locations"][0]["physicalLocation"]["artifactLocation"] == {
        "uri": "fleet/t5-2-a/guest1/ifconfig-a.txt",
        "uriBaseId": "%SRCROOT%",
    }


def test_uri_percent_encoded_and_made_relative():
    assert sarif.artifact_location("fleet/t5 b/x:y#1.txt", None) == {
        "uri": "fleet/t5%20b/x%3Ay%231.txt",
        "uriBaseId": "%SRCROOT%",
    }
    assert sarif.artifact_location("./fleet//a/../b/ifconfig-a.txt", None)["uri"] == "fleet/b/ifconfig-a.txt"
    # an absolute path under srcroot becomes relative to it
    assert sarif.artifact_location("/srv/captures/fleet/a.txt", "/srv/captures/") == {
        "uri": "fleet/a.txt",
        "uriBaseId": "%SRCROOT%",
    }
    # outside srcroot it cannot be relative: an absolute file URI, and no base id
    assert sarif.artifact_location("/other place/a.txt", "/srv/captures") == {"uri": "file:///other%20place/a.txt"}
    assert sarif.artifact_location("../elsewhere/a.txt", "/srv/captures") == {"uri": "file:///srv/elsewhere/a.txt"}


def test_uri_decodes_back_to_the_file(report):
    evil = "fleet/t5-2-a/guest 1/ifconfig-a%.txt"
    finding = attrs.evolve(report.servers[0].findings[0], location=Source(evil, 3, 1))
    server = attrs.evolve(report.servers[0], findings=(finding,))
    result = run_of(attrs.evolve(report, servers=(server,)))["results"][0]
    uri = result["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
    assert " " not in uri and unquote(uri) == evil


def _fingerprint(report, **changes) -> str:
    base = report.servers[0].findings[1]  # IPMP102 on group ipmp1, object vnet0,vnet1
    location = attrs.evolve(base.location, **{k: v for k, v in changes.items() if k in ("line", "col")})
    other = {k: v for k, v in changes.items() if k not in ("line", "col")}
    finding = attrs.evolve(base, location=location, **other)
    server = attrs.evolve(report.servers[0], findings=(finding,))
    result = run_of(attrs.evolve(report, servers=(server,)))["results"][0]
    return result["partialFingerprints"][fingerprint.FINGERPRINT_KEY]


def test_fingerprint_stable_when_only_the_line_moves(report):
    assert _fingerprint(report) == _fingerprint(report, line=99, col=2)
    assert _fingerprint(report) == _fingerprint(report, severity=Severity.ERROR)


def test_fingerprint_changes_with_the_object(report):
    before = _fingerprint(report)
    assert _fingerprint(report, object="vnet0,vnet2") != before
    assert _fingerprint(report, group="ipmp9") != before
    assert _fingerprint(report, domain="guest9") != before
    assert _fingerprint(report, server="t5-2-z") != before
    assert _fingerprint(report, rule_id="IPMP101") != before


def test_fingerprint_uses_the_message_only_without_an_object(report):
    assert _fingerprint(report, message="reworded") == _fingerprint(report)
    no_object = _fingerprint(report, object=None)
    assert _fingerprint(report, object=None, message="reworded") != no_object
    assert _fingerprint(report, object=None, line=3) == no_object


def test_automation_details_and_column_kind(report):
    run = run_of(report)
    assert run["automationDetails"] == {"id": "ipmplint/fleet/t5-2-a,fleet/t5-2-b/"}
    assert run["columnKind"] == "unicodeCodePoints"


def test_invocation_reports_unreadable_inputs_parse_warnings_and_rules_not_checked(report, clean_report):
    """A rule skipped for a whole server is a note (one skipped for a single domain still
    ran, and is not): "no alert" is told from "not checked"."""
    assert run_of(report)["invocations"] == [
        {
            "executionSuccessful": False,
            "toolExecutionNotifications": [
                {
                    "level": "error",
                    "message": {"text": "fleet/t5-2-c: cannot read: [Errno 13] Permission denied"},
                },
                {
                    "level": "warning",
                    "message": {"text": "'10.888.999.133' is not a valid IPv4 address"},
                    "locations": [
                        {
                            "physicalLocation": {
                                "artifactLocation": {
                                    "uri": "fleet/t5-2-a/guest1/ifconfig-a.txt",
                                    "uriBaseId": "%SRCROOT%",
                                },
                                "region": {"startLine": 7, "startColumn": 7},
                            }
                        }
                    ],
                    "associatedRule": {"id": "CAP001", "index": 0},
                },
                {
                    "level": "note",
                    "message": {"text": "IPMP102 not checked on t5-2-b: needs ldm-list-l.txt"},
                    "associatedRule": {"id": "IPMP102", "index": 1},
                },
            ],
        }
    ]
    assert run_of(clean_report)["invocations"] == [{"executionSuccessful": True, "toolExecutionNotifications": []}]
    assert run_of(clean_report)["results"] == []


def test_results_sorted_and_carry_the_server(report):
    results = run_of(report)["results"]
    assert [
        (r["properties"]["server"], r["locations"][0]["physicalLocation"].get("region", {}).get("startLine", 0))
        for r in results
    ] == [("t5-2-a", 7), ("t5-2-a", 12), ("t5-2-a", 41), ("t5-2-b", 1)]
    assert results[2]["properties"] == {
        "server": "t5-2-a",
        "domain": "guest1",
        "group": "ipmp0",
        "object": "vnet0,vnet1",
    }


def test_byte_identical_on_two_renders(report):
    first = sarif.render(report, srcroot=SRCROOT)
    assert first == sarif.render(report, srcroot=SRCROOT)
    assert first.endswith("}\n") and not first.endswith("\n\n")
    shuffled = attrs.evolve(report, servers=tuple(reversed(report.servers)))
    assert sarif.render(shuffled, srcroot=SRCROOT) == first


def test_parse_warnings_are_results_too(report):
    run = run_of(report)
    notified = [n for n in run["invocations"][0]["toolExecutionNotifications"] if "locations" in n]
    cap_results = [r for r in run["results"] if r["ruleId"] == "CAP001"]
    assert len(notified) == len(cap_results) == 1
    assert notified[0]["locations"] == cap_results[0]["locations"]
    assert notified[0]["message"] == cap_results[0]["message"]


def test_help_is_the_doc_in_markdown_and_plain_text():
    from ipmplint.findings import RuleInfo

    doc = (
        "Summary line.\n\n## Example\n```\nldm list -l\n```\nSee `vnet0` and [the guide](https://docs.oracle.com/x).\n"
    )
    rule = RuleInfo("IPMP999", "x", Severity.ERROR, "Summary line.", doc, "s")
    assert sarif.plain_text(rule.doc) == (
        "Summary line.\n\nExample\n    ldm list -l\nSee vnet0 and the guide (https://docs.oracle.com/x)."
    )
    assert sarif._rule(rule)["help"]["markdown"] == doc


def test_every_rule_of_the_report_is_described_with_what_github_reads(report):
    for rule in run_of(report)["tool"]["driver"]["rules"]:
        assert rule["shortDescription"]["text"] and rule["fullDescription"]["text"]
        assert rule["help"]["text"] and rule["help"]["markdown"]
        assert rule["helpUri"] == f"{sarif.RULES_DOC_URI}#{rule['id'].lower()}"
        assert rule["defaultConfiguration"]["level"] in ("error", "warning", "note")
        assert rule["properties"]["precision"] == "high" and rule["properties"]["tags"]


def test_repeated_identity_gets_a_unique_fingerprint(report):
    cap = report.servers[0].findings[0]
    twice = (cap, attrs.evolve(cap, location=Source(cap.location.file, 9, 1)))
    server = attrs.evolve(report.servers[0], findings=twice)
    results = run_of(attrs.evolve(report, servers=(server,)))["results"]
    assert [r["partialFingerprints"][fingerprint.FINGERPRINT_KEY] for r in results] == [
        fingerprint.fingerprint(cap, "fleet/t5-2-a"),
        fingerprint.fingerprint(cap, "fleet/t5-2-a") + ":2",
    ]
