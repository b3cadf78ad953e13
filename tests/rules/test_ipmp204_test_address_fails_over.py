"""IPMP204: a deprecated address without -failover, where the member has no test address."""

from __future__ import annotations

from failure_detection_captures import DATA, DEPRECATED_ONLY, TEST, ifconfig, ldm, stanza
from rule_harness import check, found

HOSTNAME = {"etc/hostname.bge0": "192.168.10.20 netmask + broadcast + group prod up\n"}  # Solaris 10


def runtime(bge0_test=DEPRECATED_ONLY, bge1=DEPRECATED_ONLY, extra: str = "") -> dict[str, str]:
    return {
        **HOSTNAME,
        "ifconfig-a.txt": ifconfig(
            stanza("bge0", DATA, "192.168.10.20", 2, "prod", "0:3:ba:4e:12:a0"),
            stanza("bge0:1", bge0_test, "192.168.10.21", 2),
            stanza("bge1", bge1, "192.168.10.22", 3, "prod", "0:3:ba:4e:12:a1"),
            extra,
        ),
    }


def test_deprecated_addresses_without_failover(tmp_path):
    report = check(tmp_path, "IPMP204", runtime())
    assert found(report) == [("ifconfig-a.txt", 8, 14, "192.168.10.21"), ("ifconfig-a.txt", 10, 14, "192.168.10.22")]
    assert [(f.domain, f.group) for f in report.findings] == [("host", "prod")] * 2
    assert "on bge0:1" in report.findings[0].message


def test_proper_test_addresses_are_clean(tmp_path):
    assert check(tmp_path, "IPMP204", runtime(bge0_test=TEST, bge1=TEST)).findings == ()


def test_deprecated_data_address_beside_a_test_address_is_deliberate(tmp_path):
    # ce6:1 "super-dummy" of a real capture: deprecated so applications do not pick it as source
    extra = stanza("bge1:1", DEPRECATED_ONLY, "192.168.10.30", 3)
    assert check(tmp_path, "IPMP204", runtime(bge0_test=TEST, bge1=TEST, extra=extra)).findings == ()


def test_plain_data_addresses_are_never_flagged(tmp_path):
    assert check(tmp_path, "IPMP204", runtime(bge0_test=TEST, bge1=DATA)).findings == ()


def test_single_interface_group_is_left_alone(tmp_path):
    files = {
        **HOSTNAME,
        "ifconfig-a.txt": ifconfig(stanza("bge0", DEPRECATED_ONLY, "192.168.10.20", 2, "prod", "0:3:ba:4e:12:a0")),
    }
    assert check(tmp_path, "IPMP204", files).findings == ()


def test_persistent_configuration_when_no_runtime_capture(tmp_path):
    files = {
        "etc/hostname.bge0": (
            "192.168.10.20 netmask + broadcast + group prod up \\\n"
            "addif 192.168.10.21 deprecated netmask + broadcast + up\n"
        ),
        "etc/hostname.bge1": "192.168.10.22 deprecated -failover netmask + broadcast + group prod up\n",
    }
    assert found(check(tmp_path, "IPMP204", files)) == [("etc/hostname.bge0", 2, 1, "192.168.10.21")]


def test_not_on_solaris11(tmp_path):
    files = runtime()
    del files["etc/hostname.bge0"]
    files["svcprop-ipmp.txt"] = "config/transitive-probing boolean false\n"  # Solaris 11 only
    assert check(tmp_path, "IPMP204", files).findings == ()


AFTER_FAILOVER = """\
e1000g0: flags=19000802<BROADCAST,MULTICAST,IPv4,NOFAILOVER,FAILED> mtu 0 index 2
        inet 0.0.0.0 netmask 0
        groupname prod
e1000g1: flags=21040842<BROADCAST,RUNNING,MULTICAST,DEPRECATED,IPv4,STANDBY> mtu 1500 index 3
        inet 192.168.10.20 netmask ffffff00 broadcast 192.168.10.255
        groupname prod
e1000g1:1: flags=21000843<UP,BROADCAST,RUNNING,MULTICAST,IPv4,STANDBY> mtu 1500 index 3
        inet 192.168.10.22 netmask ffffff00 broadcast 192.168.10.255
"""
STANDBY_FILE = {"etc/hostname.e1000g1": "192.168.10.22 netmask + broadcast + group prod standby up\n"}


def test_address_that_landed_on_a_placeholder_keeps_its_deprecated_flag_only(tmp_path):
    files = {
        "ifconfig-a.txt": AFTER_FAILOVER,
        **STANDBY_FILE,
        "etc/hostname.e1000g0": "192.168.10.20 netmask + broadcast + group prod up\n",
    }
    assert check(tmp_path, "IPMP204", files).findings == ()


def test_failed_over_address_without_its_hostname_file_is_not_judged(tmp_path):
    assert check(tmp_path, "IPMP204", {"ifconfig-a.txt": AFTER_FAILOVER, **STANDBY_FILE}).findings == ()


def test_failed_over_address_configured_deprecated_without_failover(tmp_path):
    files = {
        "ifconfig-a.txt": AFTER_FAILOVER,
        **STANDBY_FILE,
        "etc/hostname.e1000g0": "192.168.10.20 deprecated netmask + broadcast + group prod up\n",
    }
    report = check(tmp_path, "IPMP204", files)
    assert found(report) == [("ifconfig-a.txt", 5, 14, "192.168.10.20")]
    assert "failed over from e1000g0" in report.findings[0].message


def test_a_group_of_three_members_is_judged(tmp_path):
    extra = stanza("bge2", DATA, "192.168.10.23", 4, "prod", "0:3:ba:4e:12:a2")
    report = check(tmp_path, "IPMP204", runtime(bge0_test=TEST, extra=extra))
    assert found(report) == [("ifconfig-a.txt", 10, 14, "192.168.10.22")]


def test_a_single_interface_group_does_not_end_the_check_of_the_next(tmp_path):
    """Group alone (one member, first) is left alone; group prod after it is judged."""
    files = runtime(bge0_test=TEST)
    files["ifconfig-a.txt"] = (
        ifconfig(
            stanza("bge5", DEPRECATED_ONLY, "192.168.20.20", 7, "alone", "0:3:ba:4e:12:a5"),
        )
        + files["ifconfig-a.txt"].split("\n", 2)[2]
    )
    report = check(tmp_path, "IPMP204", files)
    assert found(report) == [("ifconfig-a.txt", 14, 14, "192.168.10.22")]
    assert report.findings[0].group == "prod"


def test_a_solaris11_domain_does_not_end_the_check_of_the_next(tmp_path):
    """ldg1 runs Solaris 11 (not judged), the control domain after it Solaris 10."""
    files = {f"ldg1/{name}": text for name, text in runtime().items() if name == "ifconfig-a.txt"}
    files["ldg1/svcprop-ipmp.txt"] = "config/transitive-probing boolean false\n"
    files.update({f"primary/{name}": text for name, text in runtime(bge0_test=TEST).items()})
    files["ldm-list-l.txt"] = ldm(linkprop=True)
    report = check(tmp_path, "IPMP204", files)
    assert found(report) == [("primary/ifconfig-a.txt", 10, 14, "192.168.10.22")]
    assert report.findings[0].domain == "primary"


#: IPv6 stanzas as Solaris 10 prints them (flags: UP 0x1, RUNNING 0x40, MULTICAST 0x800,
#: DEPRECATED 0x40000, IPv6 0x2000000, NOFAILOVER 0x8000000).
BGE1_V6_DEPRECATED = (
    "bge1: flags=2040841<UP,RUNNING,MULTICAST,DEPRECATED,IPv6> mtu 1500 index 3\n"
    "        inet6 2001:db8::22/64 \n"
    "        groupname prod\n"
)
BGE1_V6_TEST = (
    "bge1: flags=a040841<UP,RUNNING,MULTICAST,DEPRECATED,IPv6,NOFAILOVER> mtu 1500 index 3\n"
    "        inet6 fe80::203:baff:fe4e:12a1/10 \n"
    "        groupname prod\n"
)


def test_a_deprecated_ipv6_address_is_not_judged(tmp_path):
    """IPv6 addresses are deprecated by their lifetimes, not as test addresses."""
    assert check(tmp_path, "IPMP204", runtime(bge0_test=TEST, bge1=DATA, extra=BGE1_V6_DEPRECATED)).findings == ()


def test_an_ipv6_test_address_does_not_probe_ipv4(tmp_path):
    """bge1 has an IPv6 test address only: its deprecated IPv4 address is still found."""
    report = check(tmp_path, "IPMP204", runtime(bge0_test=TEST, extra=BGE1_V6_TEST))
    assert found(report) == [("ifconfig-a.txt", 10, 14, "192.168.10.22")]


def test_failed_over_address_is_judged_by_the_member_it_came_from(tmp_path):
    """The address failed over from e1000g0 (no test address) to e1000g1, which has a
    test address of its own: e1000g0's lack is what counts."""
    files = {
        "ifconfig-a.txt": AFTER_FAILOVER + stanza("e1000g1:2", TEST, "192.168.10.23", 3),
        **STANDBY_FILE,
        "etc/hostname.e1000g0": "192.168.10.20 deprecated netmask + broadcast + group prod up\n",
    }
    report = check(tmp_path, "IPMP204", files)
    assert found(report) == [("ifconfig-a.txt", 5, 14, "192.168.10.20")]
    assert "failed over from e1000g0" in report.findings[0].message
