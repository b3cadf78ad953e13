"""IPMP207: /etc/default/mpathd as in.mpathd reads it."""

from __future__ import annotations

from pathlib import Path

import pytest
from failure_detection_captures import in_domain, ldm, seed_guest
from rule_harness import check, found, skipped

from ipmplint.rules import builtin

SAMPLES = Path(__file__).parents[1] / "data" / "samples"
SHIPPED = (SAMPLES / "mpathd" / "illumos-gate__default-mpathd-dfl.txt").read_text()
FDT_LINE = 29  # FAILURE_DETECTION_TIME=10000 in the shipped file


def mpathd(text: str, **extra: str) -> dict[str, str]:
    return {**seed_guest(), "etc/default/mpathd": text, **extra}


def fdt(value: str) -> str:
    return SHIPPED.replace("FAILURE_DETECTION_TIME=10000\n", f"FAILURE_DETECTION_TIME={value}\n")


def test_the_shipped_file_is_clean(tmp_path):
    report = check(tmp_path, "IPMP207", mpathd(SHIPPED))
    assert report.findings == () and report.skipped == ()


@pytest.mark.parametrize(
    "value, says",
    [
        ("10", "10 ms is below in.mpathd's minimum, so it uses 100 ms"),
        ("60000", "60000 ms is above the ceiling of 30000 ms"),
        ("0", "no time above 0"),
        ("-5", "no time above 0"),  # strtol reads the sign
        ("1", "1 ms is below in.mpathd's minimum, so it uses 100 ms"),  # the smallest time above 0
        ("ten", "no time above 0"),
        ("10s", "reads only the number 10 and ignores 's'"),
        ("010000", "the leading 0 makes it octal: 4096 ms"),
    ],
)
def test_failure_detection_time(tmp_path, value, says):
    report = check(tmp_path, "IPMP207", mpathd(fdt(value)))
    assert found(report) == [("etc/default/mpathd", FDT_LINE, 1, "FAILURE_DETECTION_TIME")]
    (finding,) = report.findings
    assert says in finding.message and finding.domain == "host" and finding.group is None


def test_hex_is_read_as_hex_and_in_range(tmp_path):
    assert check(tmp_path, "IPMP207", mpathd(fdt("0x2710"))).findings == ()  # 10000 ms


def test_options_move_the_floor_and_ceiling(tmp_path):
    assert check(tmp_path, "IPMP207", mpathd(fdt("60000")), {"ceiling-ms": 60000}).findings == ()
    report = check(tmp_path, "IPMP207", mpathd(fdt("500")), {"floor-ms": 1000})
    assert "500 ms is below the floor of 1000 ms" in report.findings[0].message
    (rule,) = [r for r in builtin() if r.id == "IPMP207"]
    assert rule.options == {"floor-ms": 100, "ceiling-ms": 30000}


def test_unknown_key_and_bad_switch_value(tmp_path):
    text = "FAILURE_DETECTION_TIME=10000\nFAILBACK=maybe\nTRACK_INTERFACES=yes\n"
    report = check(tmp_path, "IPMP207", mpathd(text))
    assert found(report) == [("etc/default/mpathd", 2, 1, "FAILBACK"), ("etc/default/mpathd", 3, 1, "TRACK_INTERFACES")]
    assert "neither yes nor no" in report.findings[0].message
    assert "knows no such setting" in report.findings[1].message


def test_keys_are_case_insensitive(tmp_path):
    assert check(tmp_path, "IPMP207", mpathd("failure_detection_time=10000\nFailBack=No\n")).findings == ()


def test_yes_prefix_is_enough_on_solaris10_not_on_solaris11(tmp_path):
    text = "FAILBACK=yes_please\n"
    solaris10 = {"etc/hostname.vnet1": "192.168.102.12 deprecated -failover group ipmp0 standby up\n"}
    assert check(tmp_path / "s10", "IPMP207", mpathd(text, **solaris10)).findings == ()
    solaris11 = {"svcprop-ipmp.txt": "config/transitive-probing boolean false\n"}
    report = check(tmp_path / "s11", "IPMP207", mpathd(text, **solaris11))
    assert found(report) == [("etc/default/mpathd", 1, 1, "FAILBACK")]
    assert "Solaris 11" in report.findings[0].message


def test_domain_without_groups_is_not_judged(tmp_path):
    files = mpathd(fdt("10"))
    files["ifconfig-a.txt"] = files["ifconfig-a.txt"].replace("groupname ipmp0", "")
    assert check(tmp_path, "IPMP207", files).findings == ()


def test_skipped_when_groups_but_no_mpathd_capture(tmp_path):
    report = check(tmp_path, "IPMP207", seed_guest())
    assert report.findings == ()
    assert skipped(report) == [("host", ("etc/default/mpathd",))]


def test_a_domain_without_mpathd_does_not_end_the_check_of_the_next(tmp_path):
    """ldg1's /etc/default/mpathd was not captured (a Skip); the control domain's, judged
    after it, has a time below the minimum."""
    files = in_domain("ldg1", seed_guest())
    files.update(in_domain("primary", mpathd(fdt("10"))))
    files["ldm-list-l.txt"] = ldm(linkprop=True)
    report = check(tmp_path, "IPMP207", files)
    assert found(report) == [("primary/etc/default/mpathd", FDT_LINE, 1, "FAILURE_DETECTION_TIME")]
    assert skipped(report) == [("ldg1", ("ldg1/etc/default/mpathd",))]


def test_the_minimum_itself_is_clean(tmp_path):
    """100 ms is in.mpathd's minimum and the default floor: used as written, no note."""
    assert check(tmp_path, "IPMP207", mpathd(fdt("100"))).findings == ()
