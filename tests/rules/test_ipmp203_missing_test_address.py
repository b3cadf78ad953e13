"""IPMP203: a member whose link state is known has no test address in a probe-based group."""

from __future__ import annotations

from pathlib import Path

from failure_detection_captures import (
    DATA,
    IPMP_IF,
    TEST,
    ifconfig,
    in_domain,
    ldm,
    netstat,
    route,
    seed_guest,
    stanza,
)
from rule_harness import check, found, skipped

SAMPLES = Path(__file__).parents[1] / "data" / "samples"
ROUTES = netstat(
    route("192.168.10.5", "192.168.10.5", "UGH", "e1000g0"), route("192.168.10.6", "192.168.10.6", "UGH", "e1000g0")
)


def bare_metal(e1000g1_test: bool = False) -> dict[str, str]:
    """Solaris 10 on two physical NICs: e1000g0 probed, e1000g1 with or without a test address."""
    e1000g1 = (
        stanza("e1000g1", TEST, "192.168.10.23", 3, "prod", "0:21:28:3a:5c:11")
        if e1000g1_test
        else stanza("e1000g1", DATA, "192.168.10.22", 3, "prod", "0:21:28:3a:5c:11")
    )
    return {
        "ifconfig-a.txt": ifconfig(
            stanza("e1000g0", DATA, "192.168.10.20", 2, "prod", "0:21:28:3a:5c:10"),
            stanza("e1000g0:1", TEST, "192.168.10.21", 2),
            e1000g1,
        ),
        "netstat-rn.txt": ROUTES,
        "etc/hostname.e1000g0": "192.168.10.20 netmask + broadcast + group prod up\n",
    }


def test_physical_nic_without_test_address(tmp_path):
    report = check(tmp_path, "IPMP203", bare_metal())
    assert found(report) == [("ifconfig-a.txt", 9, 1, "e1000g1")]
    (finding,) = report.findings
    assert (finding.domain, finding.group) == ("host", "prod")
    assert "probes e1000g0" in finding.message and "/etc/hostname.e1000g1" in finding.message
    assert finding.nodes == ("interface:host/e1000g1",)


def test_every_member_with_a_test_address_is_clean(tmp_path):
    assert check(tmp_path, "IPMP203", bare_metal(e1000g1_test=True)).findings == ()


def test_link_based_group_is_not_judged(tmp_path):
    files = bare_metal()
    files["ifconfig-a.txt"] = ifconfig(
        stanza("e1000g0", DATA, "192.168.10.20", 2, "prod", "0:21:28:3a:5c:10"),
        stanza("e1000g1", DATA, "192.168.10.22", 3, "prod", "0:21:28:3a:5c:11"),
    )
    assert check(tmp_path, "IPMP203", files).findings == ()


def guest(linkprop: bool) -> dict[str, str]:
    """The seed's guest whose vnet1 carries a data address and no test address."""
    files = in_domain("ldg1", seed_guest(vnet1_address="192.168.102.12", vnet1_flags=DATA))
    files["ldm-list-l.txt"] = ldm(linkprop)
    return files


def test_vnet_with_physical_link_state(tmp_path):
    report = check(tmp_path, "IPMP203", guest(linkprop=True))
    assert found(report) == [("ldg1/ifconfig-a.txt", 9, 1, "vnet1")]
    assert report.findings[0].nodes == ("interface:ldg1/vnet1", "vnet:ldg1/vnet1")


def test_vnet_without_link_state_is_ipmp201s(tmp_path):
    assert check(tmp_path, "IPMP203", guest(linkprop=False)).findings == ()


def test_vnet_name_without_ldm_capture_is_skipped(tmp_path):
    report = check(tmp_path, "IPMP203", seed_guest(vnet1_flags=DATA))
    assert report.findings == ()
    assert skipped(report) == [("host", ("ldm-list-l.txt", "ldm-list-bindings.txt", "ldm-list-p.txt"))]


def solaris11(net1_flags: tuple[str, str] = DATA) -> dict[str, str]:
    """Solaris 11: IPMP interface ipmp0 over net0 (test address) and net1 (none)."""
    return {
        "ifconfig-a.txt": ifconfig(
            stanza("ipmp0", IPMP_IF, "192.168.10.20", 4, "prod"),
            stanza("net0", TEST, "192.168.10.21", 2, "prod", "0:10:e0:3a:1c:41"),
            stanza("net1", net1_flags, "0.0.0.0", 3, "prod", "0:10:e0:3a:1c:42", netmask="ff000000"),
        ),
        "netstat-rn.txt": ROUTES,
    }


def test_solaris11_without_transitive_probing(tmp_path):
    files = solaris11()
    files["svcprop-ipmp.txt"] = "config/transitive-probing boolean false\n"
    assert found(check(tmp_path, "IPMP203", files)) == [("ifconfig-a.txt", 10, 1, "net1")]


def test_solaris11_transitive_probing_covers_the_member(tmp_path):
    files = solaris11()
    files["svcprop-ipmp.txt"] = "config/transitive-probing boolean true\n"
    assert check(tmp_path, "IPMP203", files).findings == ()


def test_ipmpstat_mode_beats_the_setting(tmp_path):
    files = solaris11()
    files["svcprop-ipmp.txt"] = "config/transitive-probing boolean true\n"
    files["ipmpstat-t.txt"] = (
        "INTERFACE   MODE       TESTADDR            TARGETS\n"
        "net0        routes     192.168.10.21       192.168.10.5 192.168.10.6\n"
        "net1        disabled   --                  --\n"
    )
    assert found(check(tmp_path, "IPMP203", files)) == [("ifconfig-a.txt", 10, 1, "net1")]


def test_solaris11_without_the_setting_is_skipped(tmp_path):
    report = check(tmp_path, "IPMP203", solaris11())
    assert report.findings == ()
    assert skipped(report) == [("host", ("svcprop-ipmp.txt",))]


def test_ldoms_guest_without_io_has_no_physical_nic(tmp_path):
    files = bare_metal()
    files["virtinfo-ap.txt"] = (SAMPLES / "other" / "puppetlabs-facter__virtinfo-ap-guest-sol11.txt").read_text()
    report = check(tmp_path, "IPMP203", files)
    assert report.findings == ()
    assert skipped(report) == [("host", ("ldm-list-l.txt", "ldm-list-bindings.txt", "ldm-list-p.txt"))]


def solaris11_three(rows: str = "") -> dict[str, str]:
    """Solaris 11: ipmp0 over net0 (test address), net1 and net2 (none), with
    transitive probing on and the `ipmpstat -t` rows given."""
    files = solaris11()
    files["ifconfig-a.txt"] += stanza("net2", DATA, "0.0.0.0", 5, "prod", "0:10:e0:3a:1c:43", netmask="ff000000")
    files["svcprop-ipmp.txt"] = "config/transitive-probing boolean true\n"
    if rows:
        files["ipmpstat-t.txt"] = "INTERFACE   MODE       TESTADDR            TARGETS\n" + rows
    return files


def test_a_member_probed_transitively_does_not_end_the_check_of_the_next(tmp_path):
    """net1 is probed transitively, net2 is not (its ipmpstat MODE): net2 is found."""
    files = solaris11_three(
        "net0        routes     192.168.10.21       192.168.10.5 192.168.10.6\n"
        "net1        transitive <net0>              192.168.10.5\n"
        "net2        disabled   --                  --\n"
    )
    report = check(tmp_path, "IPMP203", files)
    assert found(report) == [("ifconfig-a.txt", 14, 1, "net2")]
    (finding,) = report.findings
    assert "ipadm create-addr -a <address> net2, or turn on transitive probing" in finding.message


def test_each_member_whose_transitive_probing_is_unknown_is_a_skip(tmp_path):
    files = solaris11_three()
    del files["svcprop-ipmp.txt"]
    report = check(tmp_path, "IPMP203", files)
    assert report.findings == ()
    assert skipped(report) == [("host", ("svcprop-ipmp.txt",)), ("host", ("svcprop-ipmp.txt",))]
    assert [k.reason for k in report.skipped] == [
        f"group prod in host: {net} has no test address and whether Solaris 11 probes it transitively was not captured"
        for net in ("net1", "net2")
    ]


def test_a_vnet_without_link_state_does_not_end_the_check_of_the_next(tmp_path):
    """vnet1 has no physical link state (IPMP201's), vnet2 has it and no test address."""
    files = guest(linkprop=True)
    files["ldg1/ifconfig-a.txt"] += stanza("vnet2", DATA, "192.168.102.13", 4, "ipmp0", "0:14:4f:f8:dd:69")
    text = files["ldm-list-l.txt"]
    vnet1 = next(line for line in text.splitlines() if line.startswith("    vnet1 "))
    vnet2 = (
        vnet1.replace("vnet1 ", "vnet2 ")
        .replace("network@1", "network@2")
        .replace("00:14:4f:f8:dd:68", "00:14:4f:f8:dd:69")
        .replace(" 1    network", " 2    network")
    )
    files["ldm-list-l.txt"] = text.replace(vnet1, vnet1.replace("phys-state", "          ") + "\n" + vnet2)
    report = check(tmp_path, "IPMP203", files)
    assert found(report) == [("ldg1/ifconfig-a.txt", 13, 1, "vnet2")]
    assert report.findings[0].nodes == ("interface:ldg1/vnet2", "vnet:ldg1/vnet2")


def test_a_link_based_group_does_not_end_the_check_of_the_next(tmp_path):
    """Group backup (link-based, first) has no test address at all; group prod is judged."""
    files = bare_metal()
    files["ifconfig-a.txt"] = (
        ifconfig(
            stanza("e1000g2", DATA, "192.168.20.20", 4, "backup", "0:21:28:3a:5c:12"),
            stanza("e1000g3", DATA, "192.168.20.21", 5, "backup", "0:21:28:3a:5c:13"),
        )
        + files["ifconfig-a.txt"].split("\n", 2)[2]
    )
    report = check(tmp_path, "IPMP203", files)
    assert found(report) == [("ifconfig-a.txt", 17, 1, "e1000g1")]
    assert report.findings[0].group == "prod"


def test_each_member_whose_link_state_is_unknown_is_a_skip(tmp_path):
    files = seed_guest(vnet1_flags=DATA)
    files["ifconfig-a.txt"] += stanza("vnet2", DATA, "192.168.102.13", 4, "ipmp0", "0:14:4f:f8:dd:69")
    report = check(tmp_path, "IPMP203", files)
    assert report.findings == ()
    missing = ("ldm-list-l.txt", "ldm-list-bindings.txt", "ldm-list-p.txt")
    assert skipped(report) == [("host", missing), ("host", missing)]
    assert [k.reason for k in report.skipped] == [
        f"group ipmp0 in host: whether {vnet} is a NIC or a vnet with physical link state cannot be told"
        for vnet in ("vnet1", "vnet2")
    ]


def service_domain(fixture: str) -> dict[str, str]:
    """A fixture whose primary groups its two plumbed vsws, with a test address given
    to vsw0 alone."""
    root = Path(__file__).parents[2] / "fixtures" / fixture
    files = {str(p.relative_to(root)): p.read_text() for p in root.rglob("*") if p.is_file()}
    files["primary/ifconfig-a.txt"] = files["primary/ifconfig-a.txt"].replace(
        "        ether 0:14:4f:fb:54:f2 \n",
        "        ether 0:14:4f:fb:54:f2 \n"
        "vsw0:1: flags=9040843<UP,BROADCAST,RUNNING,MULTICAST,DEPRECATED,IPv4,NOFAILOVER> mtu 1500 index 2\n"
        "        inet 10.1.1.21 netmask ffffff00 broadcast 10.1.1.255\n",
    )
    return files


def test_a_plumbed_vsw_that_physical_link_state_reaches(tmp_path):
    """A vsw with linkprop=phys-state and a net-dev shows its physical link's state: a
    member of a probed group without a test address is this rule's; without phys-state
    its link state tells nothing and it is IPMP503's."""
    report = check(tmp_path / "fixed", "IPMP203", service_domain("ipmp503-fixed-phys-state"))
    assert found(report) == [("primary/ifconfig-a.txt", 9, 1, "vsw1")]
    assert report.findings[0].group == "ipmp0"
    assert check(tmp_path / "not", "IPMP203", service_domain("ipmp503-vswitch-link-state-not-tracked")).findings == ()
