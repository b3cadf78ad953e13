"""IPMP304: data addresses of one group on two subnets, or with two netmasks."""

from __future__ import annotations

from rule_harness import check, found

IFCONFIG = """\
e1000g0: flags=1000843<UP,BROADCAST,RUNNING,MULTICAST,IPv4> mtu 1500 index 2
        inet 192.168.10.20 netmask ffffff00 broadcast 192.168.10.255
        groupname prod
e1000g1: flags=1000843<UP,BROADCAST,RUNNING,MULTICAST,IPv4> mtu 1500 index 3
        inet 192.168.20.20 netmask ffffff00 broadcast 192.168.20.255
        groupname prod
"""


def test_two_subnets(tmp_path):
    report = check(tmp_path, "IPMP304", {"ifconfig-a.txt": IFCONFIG})
    assert found(report) == [("ifconfig-a.txt", 5, 14, "192.168.20.20")]


def test_same_subnet_other_netmask(tmp_path):
    text = IFCONFIG.replace("192.168.20.20 netmask ffffff00", "192.168.10.21 netmask ffff0000")
    assert found(check(tmp_path, "IPMP304", {"ifconfig-a.txt": text})) == [("ifconfig-a.txt", 5, 14, "192.168.10.21")]


def test_one_subnet_and_test_addresses_elsewhere_are_fine(tmp_path):
    text = IFCONFIG.replace("192.168.20.20", "192.168.10.21") + (
        "e1000g1:1: flags=9040843<UP,BROADCAST,RUNNING,MULTICAST,DEPRECATED,IPv4,NOFAILOVER> mtu 1500 index 3\n"
        "        inet 10.9.9.9 netmask ffffff00 broadcast 10.9.9.255\n"
    )
    assert check(tmp_path, "IPMP304", {"ifconfig-a.txt": text}).findings == ()


def test_netmask_plus_resolved_by_etc_netmasks(tmp_path):
    files = {
        "etc/hostname.e1000g0": "192.168.10.20 netmask + broadcast + group prod up\n",
        "etc/hostname.e1000g1": "192.168.10.21 netmask 255.255.0.0 broadcast + group prod up\n",
        "etc/netmasks": "192.168.10.0\t255.255.255.0\n",
    }
    report = check(tmp_path, "IPMP304", files)
    assert found(report) == [("etc/hostname.e1000g1", 1, 1, "192.168.10.21")]
    # without /etc/netmasks the first address's subnet is unknown, and nothing is guessed
    del files["etc/netmasks"]
    assert check(tmp_path / "b", "IPMP304", files).findings == ()


def test_an_ipv6_data_address_is_on_no_ipv4_subnet(tmp_path):
    text = IFCONFIG.replace("192.168.20.20", "192.168.10.21") + (
        "e1000g0: flags=2000841<UP,RUNNING,MULTICAST,IPv6> mtu 1500 index 2\n        inet6 2001:db8::20/64\n"
    )
    assert check(tmp_path, "IPMP304", {"ifconfig-a.txt": text}).findings == ()


def test_an_address_on_the_first_subnet_does_not_end_the_group(tmp_path):
    text = IFCONFIG.replace("192.168.20.20", "192.168.10.21") + (
        "e1000g1:1: flags=1000843<UP,BROADCAST,RUNNING,MULTICAST,IPv4> mtu 1500 index 3\n"
        "        inet 192.168.30.30 netmask ffffff00 broadcast 192.168.30.255\n"
    )
    assert found(check(tmp_path, "IPMP304", {"ifconfig-a.txt": text})) == [("ifconfig-a.txt", 8, 14, "192.168.30.30")]


def test_a_group_without_data_addresses_does_not_end_the_domain(tmp_path):
    """aprobe (only test addresses, judged first) has no data subnet; prod after it
    still spans two."""
    text = (
        "e1000g2: flags=9040843<UP,BROADCAST,RUNNING,MULTICAST,DEPRECATED,IPv4,NOFAILOVER> mtu 1500 index 4\n"
        "        inet 10.9.9.9 netmask ffffff00 broadcast 10.9.9.255\n"
        "        groupname aprobe\n"
    ) + IFCONFIG.replace("groupname prod", "groupname zprod")
    report = check(tmp_path, "IPMP304", {"ifconfig-a.txt": text})
    assert found(report) == [("ifconfig-a.txt", 8, 14, "192.168.20.20")]
    assert report.findings[0].group == "zprod"
