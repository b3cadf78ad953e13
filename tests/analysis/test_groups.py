"""Deriving IPMP groups: runtime from ifconfig, persistent from hostname.*, never merged."""

from __future__ import annotations

from testpaths import FIXTURES

from ipmplint.analysis import groups
from ipmplint.model import HostEntry, HostnameEntry, HostnameFile, HostsFile, NetmaskEntry, NetmasksFile, Source
from ipmplint.parsers import ifconfig

S = Source("f")


def test_runtime_group_of_fig_7_3():
    text = (FIXTURES / "fig-7-3-two-vsw-one-service-domain" / "ldg1" / "ifconfig-a.txt").read_text()
    (group,) = groups.from_ifconfig("ldg1", ifconfig.parse(text, "f").value)
    assert (group.name, group.domain, group.origin) == ("ipmp0", "ldg1", "runtime")
    vnet0, vnet1 = group.members
    assert [a.text for a in vnet0.data_addresses] == ["192.168.102.10"]
    assert [a.text for a in vnet0.test_addresses] == ["192.168.102.11"]
    assert vnet1.data_addresses == () and [a.text for a in vnet1.test_addresses] == ["192.168.102.12"]
    assert vnet1.standby and not vnet0.standby
    assert vnet0.mac == "0:14:4f:f8:91:4f" and group.probe_based


def test_unspecified_address_is_no_address():
    text = "vnet1: flags=1000842<BROADCAST,RUNNING,MULTICAST,IPv4> mtu 1500 index 3\n\tinet 0.0.0.0 netmask 0\n\tgroupname g\n"
    (group,) = groups.from_ifconfig("d", ifconfig.parse(text, "f").value)
    assert group.members[0].data_addresses == () and not group.probe_based


def test_persistent_groups_from_hostname_files():
    files = [
        HostnameFile(
            "vnet1",
            S,
            entries=(
                HostnameEntry(
                    S, address="10.0.0.12", group="ipmp0", nofailover=True, deprecated=True, standby=True, up=True
                ),
            ),
        ),
        HostnameFile(
            "vnet0",
            S,
            entries=(
                HostnameEntry(S, address="10.0.0.10", group="ipmp0", up=True),
                HostnameEntry(
                    S, address="10.0.0.11", nofailover=True, deprecated=True, addif=True, netmask="255.255.255.0"
                ),
            ),
        ),
        HostnameFile("vnet0", S, family="inet6", entries=(HostnameEntry(S, group="ipmp0"),)),
        HostnameFile("bge0", S, entries=(HostnameEntry(S, address="db-host"),)),
    ]
    (group,) = groups.from_hostname_files("ldg1", files)
    assert group.origin == "persistent"
    assert [m.interface for m in group.members] == ["vnet0", "vnet1"]
    vnet0, vnet1 = group.members
    assert [a.text for a in vnet0.test_addresses] == ["10.0.0.11"] and vnet0.test_addresses[0].prefixlen == 24
    assert vnet1.standby and "NOFAILOVER" in vnet1.flags
    # the flags of each file's first (not addif) line: vnet0's addif test address adds none
    assert vnet0.flags == {"UP", "IPv4"}
    assert vnet1.flags == {"UP", "IPv4", "DEPRECATED", "NOFAILOVER", "STANDBY"}


def test_solaris11_ifconfig_puts_data_addresses_on_the_ipmp_interface():
    text = (
        "ipmp0: flags=8011000803<UP,BROADCAST,MULTICAST,IPv4,IPMP> mtu 1500 index 4\n"
        "\tinet 192.168.1.50 netmask ffffff00 broadcast 192.168.1.255\n"
        "\tgroupname ipmp0\n"
        "net0: flags=9040843<UP,BROADCAST,RUNNING,MULTICAST,DEPRECATED,IPv4,NOFAILOVER> mtu 1500 index 2\n"
        "\tinet 192.168.1.51 netmask ffffff00 broadcast 192.168.1.255\n"
        "\tgroupname ipmp0\n"
        "net1: flags=9040843<UP,BROADCAST,RUNNING,MULTICAST,DEPRECATED,IPv4,NOFAILOVER> mtu 1500 index 3\n"
        "\tinet 192.168.1.61 netmask ffffff00 broadcast 192.168.1.255\n"
        "\tgroupname ipmp0\n"
    )
    (group,) = groups.from_ifconfig("d", ifconfig.parse(text, "f").value)
    assert group.interface == "ipmp0" and [m.interface for m in group.members] == ["net0", "net1"]
    assert [a.text for a in group.data_addresses] == ["192.168.1.50"]
    assert [a.text for a in group.test_addresses] == ["192.168.1.51", "192.168.1.61"]
    assert [a.text for a in group.all_data_addresses] == ["192.168.1.50"]
    assert group.source.line == 1  # the IPMP interface's own header, not its first member's


def test_hostname_names_and_netmask_plus_are_resolved_with_hosts_and_netmasks():
    hosts = HostsFile(S, (HostEntry("192.168.102.10", ("host10", "host10-data"), S),))
    netmasks = NetmasksFile(
        S, (NetmaskEntry("192.168.0.0", "255.255.0.0", S), NetmaskEntry("192.168.102.0", "255.255.255.0", S))
    )
    files = [
        HostnameFile("qfe0", S, entries=(HostnameEntry(S, address="HOST10", netmask="+", group="g", up=True),)),
        HostnameFile("qfe4", S, entries=(HostnameEntry(S, address="nowhere", netmask="+", group="g"),)),
    ]
    (group,) = groups.from_hostname_files("d", files, hosts, netmasks)
    qfe0, qfe4 = group.members
    assert str(qfe0.data_addresses[0].ip) == "192.168.102.10" and qfe0.data_addresses[0].prefixlen == 24
    assert qfe4.data_addresses[0].ip is None and qfe4.data_addresses[0].prefixlen is None


def test_members_known_from_ipmpstat_i_alone_point_at_their_own_rows():
    # mnu4513/devfsadm (tests/data/real/SOURCES.md): ipmpstat -i after 'if_mpadm -d vnic0';
    # a finding about vnic0 must point at vnic0's row, not at the group's first one
    from ipmplint.parsers import ipmpstat

    text = (
        "INTERFACE   ACTIVE  GROUP       FLAGS     LINK      PROBE     STATE\n"
        "net1        yes     ipmp1       --mbM--   up        disabled  ok\n"
        "vnic0       no      ipmp1       -----d-   up        disabled  offline\n"
    )
    (group,) = groups.from_ipmpstat("d", ipmpstat.parse(text, "ipmpstat-i.txt").value)
    assert [(m.interface, m.source.line) for m in group.members] == [("net1", 2), ("vnic0", 3)]
    assert group.source.line == 2


def test_netmask_plus_takes_no_netmasks_entry_of_another_network():
    """``netmask +`` looks the address up in ``/etc/netmasks``: 10.1.3.0/24 is not the
    network of 10.1.2.10 (they differ in the last bit of the mask), so no mask is known; 10.1.3.200 is on it."""
    netmasks = NetmasksFile(S, (NetmaskEntry("10.1.3.0", "255.255.255.0", S),))
    files = [
        HostnameFile("qfe0", S, entries=(HostnameEntry(S, address="10.1.2.10", netmask="+", group="g", up=True),)),
        HostnameFile("qfe1", S, entries=(HostnameEntry(S, address="10.1.3.200", netmask="+", group="g", up=True),)),
    ]
    (group,) = groups.from_hostname_files("d", files, None, netmasks)
    assert [(str(m.data_addresses[0].ip), m.data_addresses[0].prefixlen) for m in group.members] == [
        ("10.1.2.10", None),  # another network
        ("10.1.3.200", 24),  # its own, the host part's high bit set
    ]
