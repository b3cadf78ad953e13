"""IPMP404: FAILBACK=no (any case, by prefix), only where groups exist."""

from __future__ import annotations

from failure_detection_captures import ldm
from rule_harness import check, found

IFCONFIG = """\
bge0: flags=1000843<UP,BROADCAST,RUNNING,MULTICAST,IPv4> mtu 1500 index 2
        inet 192.168.10.20 netmask ffffff00 broadcast 192.168.10.255
        groupname prod
"""


def test_failback_no(tmp_path):
    mpathd = "#\nFAILURE_DETECTION_TIME=10000\n#\nfailback=No\n"
    report = check(tmp_path, "IPMP404", {"ifconfig-a.txt": IFCONFIG, "etc/default/mpathd": mpathd})
    assert found(report) == [("etc/default/mpathd", 4, 1, "failback")]


def test_failback_yes_or_no_groups(tmp_path):
    assert (
        check(tmp_path / "a", "IPMP404", {"ifconfig-a.txt": IFCONFIG, "etc/default/mpathd": "FAILBACK=yes\n"}).findings
        == ()
    )
    no_group = IFCONFIG.replace("        groupname prod\n", "")
    assert (
        check(tmp_path / "b", "IPMP404", {"ifconfig-a.txt": no_group, "etc/default/mpathd": "FAILBACK=no\n"}).findings
        == ()
    )


def test_svcprop_has_no_failback_property_to_read(tmp_path):
    # Solaris 11 keeps FAILBACK in /etc/default/mpathd; an svcprop line is not read as one
    svcprop = "config/transitive-probing boolean false\nconfig/failback boolean false\n"
    assert check(tmp_path, "IPMP404", {"ifconfig-a.txt": IFCONFIG, "svcprop-ipmp.txt": svcprop}).findings == ()


def test_each_domain_is_judged_on_its_own(tmp_path):
    """A domain without groups, or with failback on, does not end the check: the next
    domain's FAILBACK=no is still reported, once, in that domain."""
    no_group = IFCONFIG.replace("        groupname prod\n", "")
    for case, (ldg1_ifconfig, ldg1_failback) in {"a": (no_group, "no"), "b": (IFCONFIG, "yes")}.items():
        # ldg1 is checked first (domains in name order), primary after it
        files = {
            "ldm-list-l.txt": ldm(linkprop=True),
            "ldg1/ifconfig-a.txt": ldg1_ifconfig,
            "ldg1/etc/default/mpathd": f"FAILBACK={ldg1_failback}\n",
            "primary/ifconfig-a.txt": IFCONFIG,
            "primary/etc/default/mpathd": "FAILBACK=no\n",
        }
        report = check(tmp_path / case, "IPMP404", files)
        assert found(report) == [("primary/etc/default/mpathd", 1, 1, "FAILBACK")], case
        assert report.findings[0].domain == "primary"
