"""IPMP303: a non-deprecated -failover address beside the member's real test address."""

from __future__ import annotations

from rule_harness import check, found

IFCONFIG = """\
bge0: flags=1000843<UP,BROADCAST,RUNNING,MULTICAST,IPv4> mtu 1500 index 2
        inet 192.168.10.20 netmask ffffff00 broadcast 192.168.10.255
        groupname prod
bge0:1: flags=9040843<UP,BROADCAST,RUNNING,MULTICAST,DEPRECATED,IPv4,NOFAILOVER> mtu 1500 index 2
        inet 192.168.10.21 netmask ffffff00 broadcast 192.168.10.255
bge0:2: flags=8000843<UP,BROADCAST,RUNNING,MULTICAST,IPv4,NOFAILOVER> mtu 1500 index 2
        inet 192.168.10.30 netmask ffffff00 broadcast 192.168.10.255
bge0: flags=2000841<UP,RUNNING,MULTICAST,IPv6,NOFAILOVER> mtu 1500 index 2
        inet6 fe80::a00:20ff:feb9:17fa/10
"""


def test_pinned_data_address_is_reported_at_its_address(tmp_path):
    report = check(tmp_path, "IPMP303", {"ifconfig-a.txt": IFCONFIG})
    assert found(report) == [("ifconfig-a.txt", 7, 14, "192.168.10.30")]
    assert "on bge0:2" in report.findings[0].message


def test_the_only_nofailover_address_is_the_test_address_not_a_data_address(tmp_path):
    # a test address lacking `deprecated` is IPMP205's, never this rule's
    text = "\n".join(IFCONFIG.splitlines()[:3] + IFCONFIG.splitlines()[5:7]) + "\n"
    assert check(tmp_path, "IPMP303", {"ifconfig-a.txt": text}).findings == ()


def test_hostname_addif_marked_failover(tmp_path):
    files = {
        "etc/hostname.bge0": (
            "192.168.10.21 deprecated -failover netmask + broadcast + group prod up\n"
            "addif 192.168.10.20 netmask + broadcast + up\n"
            "addif 192.168.10.30 -failover netmask + broadcast + up\n"
        )
    }
    assert found(check(tmp_path, "IPMP303", files)) == [("etc/hostname.bge0", 3, 1, "192.168.10.30")]


def test_an_ipv4_link_local_address_is_judged(tmp_path):
    """Only IPv6 link-local addresses are left undeprecated on purpose; a -failover
    169.254 address that is not deprecated is pinned data like any other."""
    text = IFCONFIG.replace(
        "192.168.10.30 netmask ffffff00 broadcast 192.168.10.255",
        "169.254.10.30 netmask ffff0000 broadcast 169.254.255.255",
    )
    assert found(check(tmp_path, "IPMP303", {"ifconfig-a.txt": text})) == [("ifconfig-a.txt", 7, 14, "169.254.10.30")]
