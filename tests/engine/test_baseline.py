"""The baseline (ipmplint.engine.suppression): written deterministically, hiding what it holds
whatever the lines or the checkout, and saying what it holds that is no longer found."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from ipmplint import cli
from ipmplint.engine import suppression
from ipmplint.findings import Finding, Severity, fingerprint, paths
from ipmplint.model import Source

REPO = Path(__file__).resolve().parents[2]
FIXTURES = REPO / "fixtures"
FIG_7_3 = FIXTURES / "fig-7-3-two-vsw-one-service-domain"  # IPMP102 (warning)
BAD = FIXTURES / "ipmp101-vnets-share-vswitch"  # IPMP101 (error)
GOOD = FIXTURES / "fig-7-4-vsw-in-two-service-domains"  # nothing
BASELINE = ".ipmplint-baseline.json"


@pytest.fixture
def fleet(tmp_path, monkeypatch):
    """fleet/s1 (IPMP101) and fleet/s2 (IPMP102), checked from the repository's top."""
    shutil.copytree(BAD, tmp_path / "fleet" / "s1")
    shutil.copytree(FIG_7_3, tmp_path / "fleet" / "s2")
    (tmp_path / ".git").mkdir()  # the repository's top: where the configuration search stops
    monkeypatch.chdir(tmp_path)
    return tmp_path


def run(capsys, *argv: str) -> tuple[int, str, str]:
    code = cli.main(["check", "--isolated", *argv])
    out = capsys.readouterr()
    return code, out.out, out.err


def report(capsys, *argv: str) -> tuple[int, dict, str]:
    code, out, err = run(capsys, "--format", "json", *argv)
    return code, json.loads(out), err


def fix(server: Path) -> None:
    """The capture taken again after the fix: the good figure's captures, same server."""
    shutil.rmtree(server)
    shutil.copytree(GOOD, server)


# ------------------------------------------------------------------ writing


def test_write_then_check_hides_everything(fleet, capsys):
    code, out, err = run(capsys, "--write-baseline", BASELINE, "fleet")
    assert code == 0
    assert err == f"ipmplint: wrote 2 findings to {BASELINE}\n"
    assert out.splitlines()[-1] == "No findings; 6 checks skipped; 2 findings hidden by the baseline."
    code, out, err = run(capsys, "--baseline", BASELINE, "fleet")
    assert (code, err) == (0, "")
    assert out == (
        "skipped CAP004 on 2 servers: no second ldm view to cross-check the bindings with: capture "
        "`ldm list -l -p` (or `list-bindings -p`, `list-constraints -p`), `ldm list-bindings` or "
        "`ldm list-services` on the control domain\n"
        "4 checks skipped for single domains (--verbose says why)\n"
        "No findings; 6 checks skipped; 2 findings hidden by the baseline.\n"
    )
    assert run(capsys, "fleet")[0] == 1


def test_file_is_versioned_sorted_and_has_no_line_numbers(fleet, capsys):
    run(capsys, "--write-baseline", BASELINE, "fleet")
    text = (fleet / BASELINE).read_text(encoding="utf-8")
    data = json.loads(text)
    assert list(data) == ["ipmplint_baseline", "fingerprint", "findings"]
    assert (data["ipmplint_baseline"], data["fingerprint"]) == (1, "ipmplint/v2")
    assert [(e["server"], e["rule_id"], e["file"]) for e in data["findings"]] == [
        ("s1", "IPMP101", "ldm-list-l.txt"),
        ("s2", "IPMP102", "ldm-list-l.txt"),
    ]
    for entry in data["findings"]:
        assert list(entry) == list(suppression.ENTRY_KEYS)
    assert '"line"' not in text and '"col"' not in text and text.endswith("}\n") and text.isascii()


def test_same_findings_same_bytes_wherever_checked_out(tmp_path, capsys, monkeypatch):
    texts = []
    for checkout in ("a", "b/deeper"):
        top = tmp_path / checkout
        shutil.copytree(BAD, top / "fleet" / "s1")
        monkeypatch.chdir(top)
        run(capsys, "--write-baseline", BASELINE, "fleet")
        texts.append((top / BASELINE).read_bytes())
        run(capsys, "--write-baseline", BASELINE, "fleet/s1/")  # again, the root named another way
        texts.append((top / BASELINE).read_bytes())
    assert len(set(texts)) == 1


def test_absolute_paths_give_the_same_fingerprints(fleet, capsys):
    run(capsys, "--write-baseline", BASELINE, "fleet")
    code, data, _ = report(capsys, "--baseline", BASELINE, str(fleet / "fleet"))
    assert code == 0 and data["suppression"]["hidden_by_baseline"] == 2


def test_a_moved_line_stays_hidden(fleet, capsys):
    run(capsys, "--write-baseline", BASELINE, "fleet")
    ldm = fleet / "fleet" / "s1" / "ldm-list-l.txt"
    ldm.write_text("\n\n\n" + ldm.read_text(encoding="utf-8"), encoding="utf-8")
    assert run(capsys, "--isolated", "fleet")[1].count("ldm-list-l.txt:52:") == 1  # it did move
    code, data, err = report(capsys, "--baseline", BASELINE, "fleet")
    assert (code, data["findings"], data["suppression"]["stale_baseline_entries"], err) == (0, [], [], "")


def test_a_new_finding_is_reported(fleet, capsys):
    run(capsys, "--write-baseline", BASELINE, "fleet/s1")
    code, data, _ = report(capsys, "--baseline", BASELINE, "fleet")
    assert code == 1
    assert [f["rule_id"] for f in data["findings"]] == ["IPMP102"]
    assert data["suppression"]["hidden_by_baseline"] == 1


def test_suppression_in_the_json_report(fleet, capsys):
    run(capsys, "--write-baseline", BASELINE, "fleet")
    _, data, _ = report(capsys, "--baseline", BASELINE, "fleet")
    assert data["suppression"] == {
        "baseline": BASELINE,
        "hidden_by_baseline": 2,
        "hidden_by_per_path_ignores": 0,
        "stale_baseline_entries": [],
    }
    assert data["summary"]["findings"] == 0


# -------------------------------------------------------------------- stale


def test_a_fixed_finding_is_a_stale_entry_and_does_not_fail(fleet, capsys):
    run(capsys, "--write-baseline", BASELINE, "fleet")
    fix(fleet / "fleet" / "s1")
    code, data, err = report(capsys, "--baseline", BASELINE, "fleet")
    assert code == 0
    (stale,) = data["suppression"]["stale_baseline_entries"]
    assert (stale["server"], stale["rule_id"], stale["object"], stale["file"]) == (
        "s1",
        "IPMP101",
        "primary-vsw0@primary",
        "ldm-list-l.txt",
    )
    assert data["suppression"]["hidden_by_baseline"] == 1
    assert err.splitlines() == [
        f"ipmplint: 1 baseline entry in {BASELINE} no longer found (fixed? rewrite it with --write-baseline):",
        f"  s1: IPMP101 ldg1/ipmp0/primary-vsw0@primary: {stale['message']}",
    ]


def test_stale_entries_fail_when_asked(fleet, capsys):
    run(capsys, "--write-baseline", BASELINE, "fleet")
    fix(fleet / "fleet" / "s1")
    assert run(capsys, "--baseline", BASELINE, "--fail-on-stale-baseline", "fleet")[0] == 1
    (fleet / ".ipmplint.toml").write_text(f"baseline = '{BASELINE}'\nfail-on-stale-baseline = true\n")
    code = cli.main(["check", "fleet"])
    assert code == 1 and "no longer found" in capsys.readouterr().err


def test_entries_out_of_the_runs_scope_are_not_stale(fleet, capsys):
    run(capsys, "--write-baseline", BASELINE, "fleet")
    fix(fleet / "fleet" / "s1")
    # s1 not checked: its entry is neither used nor stale
    _, data, err = report(capsys, "--baseline", BASELINE, "fleet/s2")
    assert data["suppression"]["stale_baseline_entries"] == [] and err == ""
    # IPMP101 not run: likewise
    _, data, err = report(capsys, "--baseline", BASELINE, "--ignore", "IPMP101", "fleet")
    assert data["suppression"]["stale_baseline_entries"] == [] and err == ""


def test_rewriting_drops_stale_entries_and_keeps_servers_not_checked(fleet, capsys):
    run(capsys, "--write-baseline", BASELINE, "fleet")
    before = json.loads((fleet / BASELINE).read_text())["findings"]
    fix(fleet / "fleet" / "s1")
    code, _, err = run(capsys, "--write-baseline", BASELINE, "fleet/s2")  # s1's stale entry is kept: not checked
    assert (
        code == 0
        and err == f"ipmplint: wrote 1 finding to {BASELINE} (and kept 1 of servers or rules this run did not check)\n"
    )
    assert json.loads((fleet / BASELINE).read_text())["findings"] == before
    code, _, err = run(capsys, "--write-baseline", BASELINE, "fleet")  # now s1 is checked: pruned
    assert err == f"ipmplint: wrote 1 finding to {BASELINE}\n"
    assert [e["server"] for e in json.loads((fleet / BASELINE).read_text())["findings"]] == ["s2"]


def test_the_stale_note_is_shortened(fleet):
    entries = tuple(suppression.BaselineEntry(f"f{i}", "IPMP101", "s1", file="x", message="m") for i in range(12))
    lines = suppression.stale_note(suppression.Suppression(baseline="b.json", stale=entries), limit=10)
    assert len(lines) == 12 and lines[-1] == "  ... and 2 more (see --format json)"
    assert suppression.stale_note(suppression.Suppression()) == []


# --------------------------------------------------------- fingerprint identity


def _cap001(file: str) -> Finding:
    return Finding(
        server="s1",
        location=Source(file, 9, 1),
        rule_id="CAP001",
        rule_name="parse-warning",
        severity=Severity.WARNING,
        message="route row has 3 columns, the header has 6",
    )


def test_one_parse_warning_in_two_domains_is_two_fingerprints():
    ldg1, primary = _cap001("fleet/s1/ldg1/netstat-rn.txt"), _cap001("fleet/s1/primary/netstat-rn.txt")
    assert fingerprint.fingerprint(ldg1, "fleet/s1") != fingerprint.fingerprint(primary, "fleet/s1")
    assert fingerprint.fingerprints([ldg1, primary], {ldg1: "fleet/s1", primary: "fleet/s1"})[1].find(":") < 0


def test_the_fingerprint_does_not_depend_on_the_checkout():
    here, there = _cap001("fleet/s1/ldg1/netstat-rn.txt"), _cap001("/srv/other/s1/ldg1/netstat-rn.txt")
    assert fingerprint.fingerprint(here, "fleet/s1") == fingerprint.fingerprint(there, "/srv/other/s1")
    moved = _cap001("fleet/s1/ldg1/netstat-rn.txt")
    assert fingerprint.fingerprint(moved, "fleet/s1") == fingerprint.fingerprint(here, "fleet/s1")
    assert fingerprint.FINGERPRINT_KEY == "ipmplint/v2"


def test_capture_path():
    assert paths.capture_path("fleet/s1/ldg1/ifconfig-a.txt", "fleet/s1/") == "ldg1/ifconfig-a.txt"
    assert paths.capture_path("pastes/host1.txt", "pastes/host1.txt") == "host1.txt"  # a file on its own
    assert paths.capture_path("elsewhere/x.txt", "fleet/s1") == "elsewhere/x.txt"
    assert paths.capture_path("fleet/s1/x.txt", None) == "fleet/s1/x.txt"


def test_parse_warnings_of_two_domains_are_baselined_apart(fleet, capsys):
    for domain in ("ldg1", "primary"):
        with open(fleet / "fleet" / "s1" / domain / "netstat-rn.txt", "a", encoding="utf-8") as fh:
            fh.write("garbage line here\n")
    run(capsys, "--write-baseline", BASELINE, "fleet/s1")
    entries = json.loads((fleet / BASELINE).read_text())["findings"]
    cap = [e for e in entries if e["rule_id"] == "CAP001"]
    assert [e["file"] for e in cap] == ["ldg1/netstat-rn.txt", "primary/netstat-rn.txt"]
    assert cap[0]["message"] == cap[1]["message"] and ":" not in cap[0]["fingerprint"] + cap[1]["fingerprint"]
    # fix one domain's capture: only its entry is stale
    path = fleet / "fleet" / "s1" / "primary" / "netstat-rn.txt"
    path.write_text(path.read_text().replace("garbage line here\n", ""))
    _, data, _ = report(capsys, "--baseline", BASELINE, "fleet/s1")
    assert [e["file"] for e in data["suppression"]["stale_baseline_entries"]] == ["primary/netstat-rn.txt"]


def test_repeated_identity_is_counted(fleet, capsys):
    """The same warning twice in one file is two entries; a third occurrence is new."""
    path = fleet / "fleet" / "s1" / "ldg1" / "netstat-rn.txt"
    original = path.read_text()
    path.write_text(original + "garbage line here\ngarbage line here\n")
    run(capsys, "--write-baseline", BASELINE, "fleet/s1")
    cap = [e["fingerprint"] for e in json.loads((fleet / BASELINE).read_text())["findings"] if e["rule_id"] == "CAP001"]
    assert len(cap) == 2 and (cap[1] == cap[0] + ":2" or cap[0] == cap[1] + ":2")
    path.write_text(original + "garbage line here\n" * 3)
    code, data, _ = report(capsys, "--baseline", BASELINE, "fleet/s1")
    assert code == 1 and [f["rule_id"] for f in data["findings"]] == ["CAP001"]


# --------------------------------------------------------------- with config


def test_baseline_from_the_configuration_relative_to_its_folder(fleet, capsys, monkeypatch):
    (fleet / "ci").mkdir()
    run(capsys, "--write-baseline", "ci/known.json", "fleet")
    (fleet / ".ipmplint.toml").write_text("baseline = 'ci/known.json'\n")
    monkeypatch.chdir(fleet / "fleet")
    assert cli.main(["check", "s1", "s2"]) == 0
    assert "2 findings hidden by the baseline" in capsys.readouterr().out
    assert cli.main(["check", "--isolated", "s1", "s2"]) == 1  # --isolated: no configuration, no baseline


def test_per_path_ignored_findings_are_not_written(fleet, capsys):
    (fleet / ".ipmplint.toml").write_text("[per-path-ignores]\n'fleet/s2' = ['IPMP102']\n")
    assert cli.main(["check", "--write-baseline", BASELINE, "fleet"]) == 0
    capsys.readouterr()
    assert [e["server"] for e in json.loads((fleet / BASELINE).read_text())["findings"]] == ["s1"]
    code, data, _ = report(capsys, "--baseline", BASELINE, "fleet")  # --isolated: IPMP102 is back
    assert code == 1 and [f["rule_id"] for f in data["findings"]] == ["IPMP102"]


def test_the_command_line_baseline_wins(fleet, capsys):
    run(capsys, "--write-baseline", "a.json", "fleet/s1")
    run(capsys, "--write-baseline", "b.json", "fleet")
    (fleet / ".ipmplint.toml").write_text("baseline = 'a.json'\n")
    assert cli.main(["check", "fleet"]) == 1
    assert cli.main(["check", "--baseline", "b.json", "fleet"]) == 0


# -------------------------------------------------------------------- errors


@pytest.mark.parametrize(
    ("text", "message"),
    [
        (None, "no such baseline file (write one with --write-baseline"),
        ("{", "not a baseline file (not JSON"),
        ("[]", 'not a baseline file (no "ipmplint_baseline" version)'),
        ('{"ipmplint_baseline": 2, "fingerprint": "ipmplint/v2", "findings": []}', "baseline format 2"),
        (
            '{"ipmplint_baseline": 1, "fingerprint": "ipmplint/v1", "findings": []}',
            "its fingerprints are 'ipmplint/v1', this ipmplint's are 'ipmplint/v2'",
        ),
        ('{"ipmplint_baseline": 1, "fingerprint": "ipmplint/v2", "findings": {}}', '"findings" must be a list'),
        (
            '{"ipmplint_baseline": 1, "fingerprint": "ipmplint/v2", "findings": [{"rule_id": "X"}]}',
            "finding 1 is not an entry",
        ),
    ],
)
def test_an_unusable_baseline_is_exit_2(fleet, capsys, text, message):
    if text is not None:
        (fleet / BASELINE).write_text(text)
    code, out, err = run(capsys, "--baseline", BASELINE, "fleet")
    assert (code, out) == (2, "")
    assert err.startswith(f"ipmplint: {BASELINE}: ") and message in err, err


def test_a_minimal_hand_written_entry_is_enough(fleet, capsys):
    run(capsys, "--write-baseline", BASELINE, "fleet/s1")
    data = json.loads((fleet / BASELINE).read_text())
    data["findings"] = [{k: e[k] for k in ("fingerprint", "rule_id", "server")} for e in data["findings"]]
    (fleet / BASELINE).write_text(json.dumps(data))
    assert run(capsys, "--baseline", BASELINE, "fleet/s1")[0] == 0


def test_a_file_that_is_not_a_baseline_is_not_overwritten(fleet, capsys):
    (fleet / "notes.json").write_text("{}")
    code, _, err = run(capsys, "--write-baseline", "notes.json", "fleet")
    assert code == 2 and "not overwritten" in err
    assert (fleet / "notes.json").read_text() == "{}"


def test_a_baseline_of_old_fingerprints_is_replaced_when_writing(fleet, capsys):
    (fleet / BASELINE).write_text('{"ipmplint_baseline": 1, "fingerprint": "ipmplint/v1", "findings": []}')
    assert run(capsys, "--write-baseline", BASELINE, "fleet")[0] == 0
    assert json.loads((fleet / BASELINE).read_text())["fingerprint"] == "ipmplint/v2"
