"""IPMP201: a vnet member without test address and without physical link state;
Solaris 11 transitive probing exempts it, and its absence from the captures skips."""

from __future__ import annotations

from fixture_captures import captures
from rule_harness import check, found, skipped


def test_ldoms12_link_based_vnets(tmp_path):
    report = check(tmp_path, "IPMP201", captures("ipmp201-link-based-detection-on-vnet"))
    assert found(report) == [("ldg1/ifconfig-a.txt", 3, 1, "vnet0"), ("ldg1/ifconfig-a.txt", 7, 1, "vnet1")]
    assert "before 1.3" in report.findings[0].message


def test_phys_state_on_a_vsw_with_net_dev(tmp_path):
    files = captures("ipmp201-fixed-link-based-phys-state")
    assert check(tmp_path / "a", "IPMP201", files).findings == ()
    # the same vnet without phys-state: its LINKPROP cell left blank
    files["ldm-list-l.txt"] = files["ldm-list-l.txt"].replace(
        "00:14:4f:f8:dd:68        1                         1500             phys-state",
        "00:14:4f:f8:dd:68        1                         1500",
    )
    report = check(tmp_path / "b", "IPMP201", files)
    assert found(report) == [("ldg1/ifconfig-a.txt", 7, 1, "vnet1")]
    assert "does not have linkprop=phys-state" in report.findings[0].message


def test_solaris11_transitive_probing(tmp_path):
    files = captures("ipmp201-link-based-detection-on-vnet")
    files["ldg1/ipmpstat-g.txt"] = (
        "GROUP   GROUPNAME   STATE      FDT        INTERFACES\nipmp0   ipmp0       ok         10.00s     vnet0 vnet1\n"
    )
    report = check(tmp_path / "a", "IPMP201", files)
    assert report.findings == ()  # Solaris 11 (ipmpstat captured) without svcprop: not decidable
    assert skipped(report) == [("ldg1", ("ldg1/svcprop-ipmp.txt",))] * 2
    files["ldg1/svcprop-ipmp.txt"] = "config/transitive-probing boolean true\n"
    assert check(tmp_path / "b", "IPMP201", files).findings == ()
    files["ldg1/svcprop-ipmp.txt"] = "config/transitive-probing boolean false\n"
    assert len(check(tmp_path / "c", "IPMP201", files).findings) == 2


def test_a_probed_vnet_does_not_end_the_check_of_the_next(tmp_path):
    """vnet0 (first) has a test address, vnet1 after it has none."""
    files = captures("ipmp201-link-based-detection-on-vnet")
    files["ldg1/ifconfig-a.txt"] = files["ldg1/ifconfig-a.txt"].replace(
        "vnet1: flags=",
        "vnet0:1: flags=9040843<UP,BROADCAST,RUNNING,MULTICAST,DEPRECATED,IPv4,NOFAILOVER> mtu 1500 index 2\n"
        "        inet 192.168.102.11 netmask ffffff00 broadcast 192.168.102.255\n"
        "vnet1: flags=",
    )
    report = check(tmp_path, "IPMP201", files)
    assert found(report) == [("ldg1/ifconfig-a.txt", 9, 1, "vnet1")]


def test_a_vnet_probed_transitively_does_not_end_the_check_of_the_next(tmp_path):
    """Solaris 11: ipmpstat shows vnet0 probed transitively and vnet1 not."""
    files = captures("ipmp201-link-based-detection-on-vnet")
    files["ldg1/svcprop-ipmp.txt"] = "config/transitive-probing boolean true\n"
    files["ldg1/ipmpstat-t.txt"] = (
        "INTERFACE   MODE       TESTADDR            TARGETS\n"
        "vnet0       transitive <vnet1>             192.168.102.1\n"
        "vnet1       disabled   --                  --\n"
    )
    report = check(tmp_path, "IPMP201", files)
    assert found(report) == [("ldg1/ifconfig-a.txt", 7, 1, "vnet1")]
