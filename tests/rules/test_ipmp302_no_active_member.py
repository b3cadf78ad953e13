"""IPMP302: every member standby (configured) / inactive (runtime) or offline."""

from __future__ import annotations

from rule_harness import check, found, skipped

BOTH_STANDBY = {
    "etc/hostname.e1000g0": "192.168.10.11 deprecated -failover netmask + broadcast + group prod standby up\n",
    "etc/hostname.e1000g1": "192.168.10.12 deprecated -failover netmask + broadcast + group prod standby up\n",
}

RUNTIME = """\
bge2: flags=69040843<UP,BROADCAST,RUNNING,MULTICAST,DEPRECATED,IPv4,NOFAILOVER,STANDBY,INACTIVE> mtu 1380 index 4
 inet 10.1.1.133 netmask fffffff0 broadcast 10.1.1.143
 groupname inner-prod
bge3: flags=89040843<UP,BROADCAST,RUNNING,MULTICAST,DEPRECATED,IPv4,NOFAILOVER,OFFLINE> mtu 1380 index 5
 inet 10.1.1.134 netmask fffffff0 broadcast 10.1.1.143
 groupname inner-prod
"""


def test_all_members_standby_in_the_hostname_files(tmp_path):
    report = check(tmp_path, "IPMP302", BOTH_STANDBY)
    assert found(report) == [("etc/hostname.e1000g0", 1, 1, "prod")]
    assert "e1000g0 (standby), e1000g1 (standby)" in report.findings[0].message


def test_runtime_inactive_standby_and_offline(tmp_path):
    report = check(tmp_path, "IPMP302", {"ifconfig-a.txt": RUNTIME})
    assert found(report) == [("ifconfig-a.txt", 1, 1, "inner-prod")]
    assert "bge2 (standby, inactive), bge3 (offline)" in report.findings[0].message


def test_a_standby_that_took_over_is_active(tmp_path):
    text = RUNTIME.replace("STANDBY,INACTIVE", "STANDBY").replace("69040843", "29040843")
    assert check(tmp_path, "IPMP302", {"ifconfig-a.txt": text}).findings == ()


def test_one_active_member_is_enough(tmp_path):
    files = dict(BOTH_STANDBY)
    files["etc/hostname.e1000g0"] = files["etc/hostname.e1000g0"].replace(" standby", "")
    assert check(tmp_path, "IPMP302", files).findings == ()


def test_members_shown_one_by_one_may_not_be_the_whole_group(tmp_path):
    # '# ifconfig bge2' and '# ifconfig bge3' pasted one after the other (soniah/blog's
    # paste shape): an active member may exist that no command showed
    shown = (
        "# ifconfig bge2\n"
        + "".join(RUNTIME.splitlines(keepends=True)[:3])
        + "# ifconfig bge3\n"
        + "".join(RUNTIME.splitlines(keepends=True)[3:])
    )
    report = check(tmp_path, "IPMP302", {"ifconfig-a.txt": shown})
    assert report.findings == () and skipped(report) == [("host", ("ifconfig-a.txt",))]
    assert "shows bge2, bge3 alone" in report.skipped[0].reason


def test_a_group_without_members_is_not_reported_and_hides_no_other(tmp_path):
    """Solaris 11: ipmp1 (group alpha, first in the file) has no underlying interface
    yet, so no member to be inactive; group inner-prod has no active member."""
    ipmp1 = (
        "ipmp1: flags=8011000803<UP,BROADCAST,MULTICAST,IPv4,IPMP> mtu 1500 index 3\n"
        " inet 10.1.2.20 netmask ffffff00 broadcast 10.1.2.255\n"
        " groupname alpha\n"
    )
    report = check(tmp_path, "IPMP302", {"ifconfig-a.txt": ipmp1 + RUNTIME})
    assert found(report) == [("ifconfig-a.txt", 4, 1, "inner-prod")]
