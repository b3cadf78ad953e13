"""``ipmplint graph --fail``: the failed element crossed out in red, the paths the
simulation finds dark drawn grey and dashed, nothing else changed."""

from __future__ import annotations

from testpaths import FIXTURES

from ipmplint.cli import main

FIG_7_3 = str(FIXTURES / "fig-7-3-two-vsw-one-service-domain")
RED, GREY = "#d62728", "#aaaaaa"


def _lines(capsys, *argv):
    code = main(["graph", "--isolated", *argv])
    out, err = capsys.readouterr()
    return code, out.splitlines(), err


def test_a_failed_nic_is_crossed_out_and_its_path_goes_dark(capsys):
    code, lines, _ = _lines(capsys, FIG_7_3, "--fail", "nic:primary/e1000g0")
    assert code == 0
    nic = next(line for line in lines if line.strip().startswith('"nic:primary/e1000g0" ['))
    assert "X FAILED" in nic and RED in nic
    dark = {line.split("[")[0].strip() for line in lines if GREY in line and "->" not in line}
    assert dark == {'"interface:ldg1/vnet0"', '"vnet:ldg1/vnet0"', '"vsw:primary/primary-vsw0"'}
    other = next(line for line in lines if line.strip().startswith('"vsw:primary/primary-vsw1" ['))
    assert GREY not in other and RED not in other


def test_a_failed_service_domain_takes_its_devices(capsys):
    code, lines, _ = _lines(capsys, FIG_7_3, "--fail", "service-domain:primary")
    crossed = [line for line in lines if "X FAILED" in line]
    assert any("primary-vsw1" in line for line in crossed) and any("graph [label=" in line for line in crossed)
    assert any("interface:ldg1/vnet1" in line and GREY in line for line in lines)


def test_without_fail_nothing_is_crossed_out(capsys):
    _, lines, _ = _lines(capsys, FIG_7_3)
    assert not any("X FAILED" in line or GREY in line for line in lines)


def test_fail_naming_nothing_is_a_usage_error(capsys):
    code, _, err = _lines(capsys, FIG_7_3, "--fail", "nic:primary/e9")
    assert code == 2 and "known: primary/e1000g0, primary/e1000g1" in err


def test_mermaid_marks_the_failure_and_the_dark_path(capsys):
    code, lines, _ = _lines(capsys, FIG_7_3, "--fail", "vsw:primary/primary-vsw1", "--format", "mermaid")
    assert code == 0
    styles = {line.split()[1]: line for line in lines if line.strip().startswith("style ")}
    crossed = [k for k, v in styles.items() if RED in v and "dasharray" in v]
    dark = [k for k, v in styles.items() if GREY in v]
    assert crossed == ["n_vsw_primary_primary_vsw1"]
    assert sorted(dark) == ["n_interface_ldg1_vnet1", "n_nic_primary_e1000g1", "n_vnet_ldg1_vnet1"]  # the whole path
    assert any("X FAILED" in line for line in lines)
    assert any("n_interface_ldg1_vnet1 -.-> n_vnet_ldg1_vnet1" in line for line in lines)
