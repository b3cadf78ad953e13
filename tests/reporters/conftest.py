"""A small hand-made ``Report`` that every reporter test renders.

Two servers; findings of all three severities, one of them a CAP001 parse warning and
one a whole-file finding (line 0); a check skipped for a whole server and one skipped
for one domain only; an unreadable input; three rules. The findings are deliberately
given out of order so the reporters' sorting is tested.

Every format's output of this report is kept in golden/ (test_golden.py compares byte
for byte). After a deliberate change of a format, refresh them and review the diff:

    IPMPLINT_UPDATE_GOLDEN=1 .venv/bin/python -m pytest -q tests/reporters
    git diff tests/reporters/golden
"""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from ipmplint.findings import Finding, Report, RuleInfo, ServerReport, Severity, SkippedCheck
from ipmplint.model import LineAccount, Source

SARIF_SCHEMA = Path(__file__).parents[1] / "data" / "schemas" / "sarif-2.1.0.json"
REPORT_SCHEMA = Path(__file__).parents[2] / "docs" / "report.schema.json"
GOLDEN = Path(__file__).parent / "golden"
#: Set to 1 to rewrite the golden files from the current reporters instead of comparing.
UPDATE_GOLDEN = os.environ.get("IPMPLINT_UPDATE_GOLDEN") == "1"
JSON_DOC = Path(__file__).parents[2] / "docs" / "json-schema.md"

RULES = (
    RuleInfo(
        id="CAP001",
        name="parse-warning",
        severity=Severity.WARNING,
        summary="A line (or a token) of a recognised capture that the model does not hold.",
        doc=(
            "A line (or a token) of a recognised capture that the model does not hold.\n\n"
            "## What it checks\nEvery parse warning of every capture file becomes a finding\n"
            "at its file:line:col.\n\n## Fix\nCapture the command's output again, unedited."
        ),
        source="CAPTURES.md (line accounting)",
        tags=("capture",),
    ),
    RuleInfo(
        id="IPMP102",
        name="vswitches-share-service-domain",
        severity=Severity.ERROR,
        summary="The vswitches behind an IPMP group's vnets are all in one service domain.",
        doc=(
            "The vswitches behind an IPMP group's vnets are all in one service domain.\n\n"
            "## What it checks\nThe service domain of each member's vsw.\n\n"
            "## Why it breaks failover\nRebooting that domain takes every path down."
        ),
        source="Oracle VM Server for SPARC Administration Guide, figure 7-3",
        tags=("topology", "single-point-of-failure"),
    ),
    RuleInfo(
        id="IPMP202",
        name="no-probe-targets",
        severity=Severity.INFO,
        summary="A probe-based group has no route in.mpathd can pick probe targets from.",
        doc="A probe-based group has no route in.mpathd can pick probe targets from.",
        source="in.mpathd(1M)",
        tags=("failure-detection", "probe-targets"),
    ),
)


def finding(
    server: str, file: str, line: int, col: int, rule: RuleInfo, severity: Severity, message: str, **where
) -> Finding:
    return Finding(
        server=server,
        location=Source(file, line, col),
        rule_id=rule.id,
        rule_name=rule.name,
        severity=severity,
        message=message,
        **where,
    )


CAP001, IPMP102, IPMP202 = RULES

SERVER_A = ServerReport(
    name="t5-2-a",
    path="fleet/t5-2-a",
    findings=(
        # out of order on purpose: line 7 of the guest file sorts after the ldm file
        finding(
            "t5-2-a",
            "fleet/t5-2-a/guest1/ifconfig-a.txt",
            7,
            7,
            CAP001,
            Severity.WARNING,
            "'10.888.999.133' is not a valid IPv4 address",
            domain="guest1",
        ),
        finding(
            "t5-2-a",
            "fleet/t5-2-a/ldm-list-l.txt",
            41,
            5,
            IPMP102,
            Severity.ERROR,
            "vnet0 and vnet1 of group ipmp0 both reach vswitches in service domain primary",
            domain="guest1",
            group="ipmp0",
            object="vnet0,vnet1",
            nodes=("vnet:guest1/vnet0", "vnet:guest1/vnet1", "domain:primary"),
        ),
        finding(
            "t5-2-a",
            "fleet/t5-2-a/ldm-list-l.txt",
            12,
            3,
            IPMP102,
            Severity.WARNING,
            "vnet0 and vnet1 of group ipmp1 both reach vswitches in service domain primary",
            domain="guest2",
            group="ipmp1",
            object="vnet0,vnet1",
        ),
    ),
    skipped=(SkippedCheck("t5-2-a", "IPMP202", "needs netstat-rn.txt", ("netstat-rn.txt",), "guest2"),),
    accounts=(
        LineAccount("fleet/t5-2-a/ldm-list-l.txt", "ldm-list-l", 60, 52, 0, 0, 8),
        LineAccount("fleet/t5-2-a/guest1/ifconfig-a.txt", "ifconfig-a", 9, 8, 0, 1, 0),
    ),
)

SERVER_B = ServerReport(
    name="t5-2-b",
    path="fleet/t5-2-b",
    findings=(
        finding(
            "t5-2-b",
            "fleet/t5-2-b/guest3/netstat-rn.txt",
            0,
            1,
            IPMP202,
            Severity.INFO,
            "group ipmp0 is probe-based but the routing table has no usable route",
            domain="guest3",
            group="ipmp0",
        ),
    ),
    skipped=(SkippedCheck("t5-2-b", "IPMP102", "needs ldm-list-l.txt", ("ldm-list-l.txt",)),),
    accounts=(LineAccount("fleet/t5-2-b/guest3/netstat-rn.txt", "netstat-rn", 12, 10, 1, 0, 1),),
)

ERROR = "fleet/t5-2-c: cannot read: [Errno 13] Permission denied"


@pytest.fixture
def sarif_schema() -> dict:
    """The official SARIF 2.1.0 schema (a verbatim copy in tests/data/schemas)."""
    return json.loads(SARIF_SCHEMA.read_text(encoding="utf-8"))


@pytest.fixture
def report_schema() -> dict:
    """docs/report.schema.json: the JSON report's published schema."""
    return json.loads(REPORT_SCHEMA.read_text(encoding="utf-8"))


@pytest.fixture
def json_doc() -> str:
    """docs/json-schema.md: the JSON report's documentation."""
    return JSON_DOC.read_text(encoding="utf-8")


@pytest.fixture
def report() -> Report:
    """The hand-made report: 4 findings (1 error, 2 warnings, 1 info), 2 servers."""
    return Report(
        tool_version="0.1.0",
        inputs=("fleet/t5-2-b", "fleet/t5-2-a/"),
        rules=RULES,
        servers=(SERVER_A, SERVER_B),
        errors=(ERROR,),
    )


@pytest.fixture
def clean_report() -> Report:
    """One server, nothing found, nothing skipped, nothing unreadable."""
    return Report(
        tool_version="0.1.0",
        inputs=("fleet/t5-2-a",),
        rules=RULES,
        servers=(ServerReport("t5-2-a", "fleet/t5-2-a"),),
    )


def check_golden(name: str, output: str) -> None:
    """Compare ``output`` with golden/<name> byte for byte (or rewrite it, see above)."""
    path = GOLDEN / name
    if UPDATE_GOLDEN:
        GOLDEN.mkdir(exist_ok=True)
        path.write_bytes(output.encode("utf-8"))
    assert path.exists(), f"{path} is missing: run with IPMPLINT_UPDATE_GOLDEN=1 to create it"
    expected = path.read_bytes().decode("utf-8")
    assert output == expected, (
        f"{name} differs from its golden file; if the change is intended, run "
        "IPMPLINT_UPDATE_GOLDEN=1 .venv/bin/python -m pytest -q tests/reporters and review the diff"
    )


@pytest.fixture
def golden():
    """``golden(name, output)``: check_golden, as a fixture (conftest is not importable
    by name from every test module, see _reexport_top_level_constants)."""
    return check_golden
