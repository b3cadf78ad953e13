"""IPMP308: two groups with data addresses on one subnet."""

from __future__ import annotations

from rule_harness import check, found

IFCONFIG = """\
e1000g0: flags=1000843<UP,BROADCAST,RUNNING,MULTICAST,IPv4> mtu 1500 index 2
        inet 192.168.10.20 netmask ffffff00 broadcast 192.168.10.255
        groupname prod
e1000g1: flags=1000843<UP,BROADCAST,RUNNING,MULTICAST,IPv4> mtu 1500 index 3
        inet 192.168.10.21 netmask ffffff00 broadcast 192.168.10.255
        groupname prod1
"""


def test_second_group_on_the_subnet(tmp_path):
    report = check(tmp_path, "IPMP308", {"ifconfig-a.txt": IFCONFIG})
    assert found(report) == [("ifconfig-a.txt", 5, 14, "192.168.10.0/24")]
    assert report.findings[0].group == "prod1"


def test_groups_on_their_own_subnets(tmp_path):
    text = IFCONFIG.replace(
        "192.168.10.21 netmask ffffff00 broadcast 192.168.10.255",
        "192.168.20.21 netmask ffffff00 broadcast 192.168.20.255",
    )
    assert check(tmp_path, "IPMP308", {"ifconfig-a.txt": text}).findings == ()


# A typo in a group name (`prdo` for `prod`): the misspelled group holds nothing but
# e1000g1's test address, on prod's subnet. Solaris 10 ifconfig -a shape.
TYPO_IFCONFIG = """\
e1000g0: flags=1000843<UP,BROADCAST,RUNNING,MULTICAST,IPv4> mtu 1500 index 2
        inet 192.168.10.20 netmask ffffff00 broadcast 192.168.10.255
        groupname prod
e1000g0:1: flags=9040843<UP,BROADCAST,RUNNING,MULTICAST,DEPRECATED,IPv4,NOFAILOVER> mtu 1500 index 2
        inet 192.168.10.21 netmask ffffff00 broadcast 192.168.10.255
e1000g1: flags=9040843<UP,BROADCAST,RUNNING,MULTICAST,DEPRECATED,IPv4,NOFAILOVER> mtu 1500 index 3
        inet 192.168.10.22 netmask ffffff00 broadcast 192.168.10.255
        groupname prdo
"""


def test_group_with_only_a_test_address_shares_the_subnet(tmp_path):
    report = check(tmp_path, "IPMP308", {"ifconfig-a.txt": TYPO_IFCONFIG})
    assert found(report) == [("ifconfig-a.txt", 7, 14, "192.168.10.0/24")]
    assert report.findings[0].group == "prdo"
    assert "test address 192.168.10.22 in prdo" in report.findings[0].message


def test_test_addresses_alone_share_a_subnet(tmp_path):
    # prod's data address elsewhere: its test address alone puts it on 192.168.10.0/24.
    text = TYPO_IFCONFIG.replace(
        "inet 192.168.10.20 netmask ffffff00 broadcast 192.168.10.255",
        "inet 192.168.30.20 netmask ffffff00 broadcast 192.168.30.255",
    )
    assert found(check(tmp_path, "IPMP308", {"ifconfig-a.txt": text})) == [("ifconfig-a.txt", 7, 14, "192.168.10.0/24")]


def test_typo_in_hostname_files(tmp_path):
    """Persistent configuration only: `-failover` marks the test address."""
    files = {
        "etc/hostname.e1000g0": (
            "192.168.10.20 netmask + broadcast + group prod up\n"
            "addif 192.168.10.21 netmask + broadcast + deprecated -failover up\n"
        ),
        "etc/hostname.e1000g1": "192.168.10.22 netmask + broadcast + group prdo deprecated -failover up\n",
        "etc/inet/netmasks": "192.168.10.0\t255.255.255.0\n",
    }
    report = check(tmp_path, "IPMP308", files)
    assert found(report) == [("etc/hostname.e1000g1", 1, 1, "192.168.10.0/24")]
    assert report.findings[0].group == "prdo"


def test_second_group_on_its_own_subnet_with_its_test_address(tmp_path):
    text = TYPO_IFCONFIG.replace(
        "192.168.10.22 netmask ffffff00 broadcast 192.168.10.255",
        "192.168.20.22 netmask ffffff00 broadcast 192.168.20.255",
    )
    assert check(tmp_path, "IPMP308", {"ifconfig-a.txt": text}).findings == ()


# Solaris 10 with IPv6: each member has its link-local address; two groups on separate
# IPv4 subnets must not "share fe80::/10".
IPV6_IFCONFIG = """\
e1000g0: flags=1000843<UP,BROADCAST,RUNNING,MULTICAST,IPv4> mtu 1500 index 2
        inet 192.168.10.20 netmask ffffff00 broadcast 192.168.10.255
        groupname prod
e1000g1: flags=1000843<UP,BROADCAST,RUNNING,MULTICAST,IPv4> mtu 1500 index 3
        inet 192.168.20.21 netmask ffffff00 broadcast 192.168.20.255
        groupname backup
e1000g0: flags=2000841<UP,RUNNING,MULTICAST,IPv6> mtu 1500 index 2
        inet6 fe80::214:4fff:fef9:4f38/10
        groupname prod
e1000g1: flags=2000841<UP,RUNNING,MULTICAST,IPv6> mtu 1500 index 3
        inet6 fe80::214:4fff:fef9:4f39/10
        groupname backup
"""


def test_ipv6_link_local_addresses_are_on_every_link(tmp_path):
    assert check(tmp_path, "IPMP308", {"ifconfig-a.txt": IPV6_IFCONFIG}).findings == ()


def test_ipv6_global_prefix_shared(tmp_path):
    text = (
        IPV6_IFCONFIG
        + """\
e1000g0:1: flags=2000841<UP,RUNNING,MULTICAST,ADDRCONF,IPv6> mtu 1500 index 2
        inet6 2001:db8:10::20/64
e1000g1:1: flags=2000841<UP,RUNNING,MULTICAST,ADDRCONF,IPv6> mtu 1500 index 3
        inet6 2001:db8:10::21/64
"""
    )
    report = check(tmp_path, "IPMP308", {"ifconfig-a.txt": text})
    assert found(report) == [("ifconfig-a.txt", 16, 15, "2001:db8:10::/64")]


# Solaris 10: an inactive or failed member keeps 0.0.0.0 on its physical interface
# while its data address sits on another member; 0.0.0.0 is no subnet.
PLACEHOLDER_IFCONFIG = """\
e1000g0: flags=1000843<UP,BROADCAST,RUNNING,MULTICAST,IPv4> mtu 1500 index 2
        inet 192.168.10.20 netmask ffffff00 broadcast 192.168.10.255
        groupname prod
e1000g1: flags=39040803<UP,BROADCAST,MULTICAST,DEPRECATED,IPv4,NOFAILOVER,FAILED,INACTIVE> mtu 1500 index 3
        inet 0.0.0.0 netmask ff000000
        groupname prod
e1000g2: flags=39040803<UP,BROADCAST,MULTICAST,DEPRECATED,IPv4,NOFAILOVER,FAILED,INACTIVE> mtu 1500 index 4
        inet 0.0.0.0 netmask ff000000
        groupname backup
e1000g3: flags=1000843<UP,BROADCAST,RUNNING,MULTICAST,IPv4> mtu 1500 index 5
        inet 192.168.20.21 netmask ffffff00 broadcast 192.168.20.255
        groupname backup
"""


def test_zero_placeholders_are_no_addresses(tmp_path):
    assert check(tmp_path, "IPMP308", {"ifconfig-a.txt": PLACEHOLDER_IFCONFIG}).findings == ()


# Solaris 11: an address on an underlying interface in ipadm is a test address.
IPADM_IF = """\
IFNAME     CLASS    STATE    ACTIVE OVER
lo0        loopback ok       yes    --
net0       ip       ok       yes    --
net1       ip       ok       yes    --
net2       ip       ok       yes    --
ipmp0      ipmp     ok       yes    net0 net1
ipmp1      ipmp     ok       yes    net2
"""
IPADM_ADDR = """\
ADDROBJ           TYPE     STATE        ADDR
lo0/v4            static   ok           127.0.0.1/8
ipmp0/v4          static   ok           192.168.1.1/24
net2/test         static   ok           192.168.1.12/24
"""


def test_solaris11_ipadm_test_address(tmp_path):
    report = check(tmp_path, "IPMP308", {"ipadm-show-if.txt": IPADM_IF, "ipadm-show-addr.txt": IPADM_ADDR})
    assert found(report) == [("ipadm-show-addr.txt", 4, 41, "192.168.1.0/24")]
    assert report.findings[0].group == "ipmp1"


def test_solaris11_ipadm_test_address_elsewhere(tmp_path):
    addr = IPADM_ADDR.replace("192.168.1.12/24", "192.168.2.12/24")
    report = check(tmp_path, "IPMP308", {"ipadm-show-if.txt": IPADM_IF, "ipadm-show-addr.txt": addr})
    assert report.findings == ()


def test_ipv4_link_local_addresses_name_a_link(tmp_path):
    """Only IPv6 link-local addresses are on every link: two groups on 169.254.0.0/16
    (a cluster interconnect's addresses) share that one link."""
    text = IFCONFIG.replace(
        "192.168.10.20 netmask ffffff00 broadcast 192.168.10.255",
        "169.254.10.20 netmask ffff0000 broadcast 169.254.255.255",
    ).replace(
        "192.168.10.21 netmask ffffff00 broadcast 192.168.10.255",
        "169.254.10.21 netmask ffff0000 broadcast 169.254.255.255",
    )
    assert found(check(tmp_path, "IPMP308", {"ifconfig-a.txt": text})) == [("ifconfig-a.txt", 5, 14, "169.254.0.0/16")]
