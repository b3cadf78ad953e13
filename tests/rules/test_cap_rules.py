"""CAP001 parse warnings, CAP002 unrecognised files, CAP003 domains and folders that do
not match (CAP004 has a test module of its own)."""

from __future__ import annotations

from fixture_captures import captures
from rule_harness import check, found


def test_cap001_each_parse_warning_at_its_position(tmp_path):
    files = {
        "ifconfig-a.txt": "bge0: flags=1000843<UP,IPv4> mtu 1500 index 2\n\tinet 10.888.999.133 netmask ffffff00\n"
    }
    report = check(tmp_path, "CAP001", files)
    assert found(report) == [("ifconfig-a.txt", 2, 7, None)]
    assert "10.888.999.133" in report.findings[0].message


def test_cap002_unrecognised_file(tmp_path):
    files = {"ifconfig-a.txt": "bge0: flags=1000843<UP,IPv4> mtu 1500 index 2\n", "notes.md": "my notes\n"}
    assert [(f, line) for f, line, _, _ in found(check(tmp_path, "CAP002", files))] == [("notes.md", 0)]


def test_cap003_missing_domain_folder_and_stray_folder(tmp_path):
    files = captures("fig-7-4-vsw-in-two-service-domains")
    for rel in [r for r in files if r.startswith("alternate/")]:
        files["LDG1-old/" + rel.split("/", 1)[1]] = files.pop(rel)
    report = check(tmp_path, "CAP003", files)
    assert sorted((f.object, f.location.line) for f in report.findings) == [("LDG1-old", 0), ("alternate", 34)]
