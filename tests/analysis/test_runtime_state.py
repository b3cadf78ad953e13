"""The IPMP runtime state machine: what each member and address of a working group is.

Each fixture is one state of the same Solaris 10 (or 11) group; the classification of
every member and address is checked against what the Oracle guides say that state
looks like (docs/runtime-state.md)."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st
from testpaths import FIXTURES

from ipmplint.analysis import groups, runtime_state
from ipmplint.analysis.runtime_state import AddressRole, MemberState
from ipmplint.capture import discovery, loader
from ipmplint.model import Address, DomainCapture, LogicalInterface, Source, addressing
from ipmplint.parsers import ifconfig, ipadm

S = Source("f")


def domain(name: str) -> DomainCapture:
    found = discovery.discover([str(FIXTURES / name)])
    (root,) = found.roots
    (dc,) = loader.load(root).domains
    return dc


def states(name: str) -> dict[str, tuple[MemberState, bool]]:
    dc = domain(name)
    (group,) = dc.groups
    return {
        s.member.interface: (s.state, s.held_back)
        for s in runtime_state.member_statuses(group, dc.ifconfig is not None)
    }


def roles(name: str) -> dict[str, tuple[AddressRole, str, object]]:
    dc = domain(name)
    (group,) = dc.groups
    return {s.address.text: (s.role, s.member, s.home) for s in runtime_state.address_statuses(dc, group)}


# ------------------------------------------------------------------------ members


def test_standby_in_reserve_before_a_failure():
    assert states("s10-standby-before-failure") == {
        "e1000g0": (MemberState.ACTIVE, False),
        "e1000g1": (MemberState.STANDBY, True),
    }


def test_failed_member_and_the_standby_that_took_over():
    assert states("s10-standby-after-failure") == {
        "e1000g0": (MemberState.FAILED, False),
        "e1000g1": (MemberState.ACTIVE, False),
    }


def test_failed_member_shows_its_link_down_too():
    dc = domain("s10-link-based-after-failure")
    (group,) = dc.groups
    status = runtime_state.member_status(group, group.member("e1000g0"), from_ifconfig=True)
    assert status.evidence == "flagged FAILED" and status.link_down == "its link is down (no RUNNING flag)"
    assert status.carries_data  # it was active: the failure, not the configuration, keeps it idle


def test_repaired_member_stays_inactive_with_failback_off():
    assert states("s10-standby-failback-no-after-repair") == {
        "e1000g0": (MemberState.INACTIVE, True),
        "e1000g1": (MemberState.ACTIVE, False),
    }


def test_offlined_member():
    found = states("s10-standby-offline-member")
    assert found["e1000g0"][0] is MemberState.OFFLINE and found["e1000g1"][0] is MemberState.ACTIVE


def test_solaris11_states_from_ipmpstat_and_ipadm():
    assert states("s11-standby-inactive") == {"net0": (MemberState.ACTIVE, False), "net1": (MemberState.STANDBY, True)}
    assert states("s11-standby-failed-member")["net0"] == (MemberState.FAILED, False)
    assert states("s11-standby-offline-member")["net0"] == (MemberState.OFFLINE, False)
    assert states("s11-standby-failback-no-after-repair") == {
        "net0": (MemberState.INACTIVE, True),
        "net1": (MemberState.ACTIVE, False),
    }


def test_persistent_group_knows_only_standby():
    dc = domain("s10-standby-after-failure")
    (group,) = dc.persistent_groups
    found = {s.member.interface: (s.state, s.held_back) for s in runtime_state.member_statuses(group)}
    assert found == {"e1000g0": (MemberState.ACTIVE, False), "e1000g1": (MemberState.STANDBY, True)}


# ---------------------------------------------------------------------- addresses


def test_data_address_moved_off_the_standby_at_boot():
    assert roles("s10-standby-before-failure") == {
        "192.168.10.20": (AddressRole.DATA, "e1000g0", "e1000g0"),
        "192.168.10.21": (AddressRole.TEST, "e1000g0", "e1000g0"),
        "192.168.10.22": (AddressRole.FAILED_OVER, "e1000g0", "e1000g1"),
        "192.168.10.23": (AddressRole.TEST, "e1000g1", "e1000g1"),
    }


def _failed_over(dc, group) -> tuple:
    """The group's data addresses that sit on another member than their own."""
    return tuple(s for s in runtime_state.address_statuses(dc, group) if s.role is AddressRole.FAILED_OVER)


def test_data_addresses_failed_over_onto_the_standby():
    assert roles("s10-standby-after-failure") == {
        "192.168.10.20": (AddressRole.FAILED_OVER, "e1000g1", "e1000g0"),
        "192.168.10.21": (AddressRole.TEST, "e1000g0", "e1000g0"),
        "192.168.10.22": (AddressRole.FAILED_OVER, "e1000g1", "e1000g1"),
        "192.168.10.23": (AddressRole.TEST, "e1000g1", "e1000g1"),
    }


def test_address_that_landed_on_a_placeholder_is_judged_by_its_configuration():
    dc = domain("s10-link-based-after-failure")
    (group,) = dc.groups
    (moved,) = [s for s in _failed_over(dc, group) if s.address.text == "192.168.10.20"]
    assert "DEPRECATED" in moved.address.flags  # the flag of e1000g1's placeholder
    assert moved.own_flags is not None and "DEPRECATED" not in moved.own_flags


def test_failed_over_address_without_its_configuration_has_no_known_flags():
    text = (FIXTURES / "s10-link-based-after-failure" / "ifconfig-a.txt").read_text()
    cap = ifconfig.parse(text, "f").value
    dc = DomainCapture("d", "d", ifconfig=cap, runtime_groups=groups.from_ifconfig("d", cap))
    statuses = list(runtime_state.address_statuses(dc, dc.groups[0]))
    assert {s.address.text: (s.role, s.home, s.own_flags) for s in statuses} == {
        "192.168.10.20": (AddressRole.FAILED_OVER, None, None),
        "192.168.10.22": (AddressRole.FAILED_OVER, None, None),
    }


def test_nothing_fails_over_between_solaris11_members():
    dc = domain("s11-standby-failed-member")
    (group,) = dc.groups
    assert _failed_over(dc, group) == ()


# -------------------------------------------------------------- placeholders, MTU


def _lif(name: str, address: str, mtu: int, flags=frozenset({"IPv4"})) -> LogicalInterface:
    return LogicalInterface(name, S, flags=flags, mtu=mtu, address=Address(address, S, ip=_ip(address)))


def _ip(text: str):
    return addressing.ip(text)


def test_placeholder():
    assert runtime_state.placeholder(Address("0.0.0.0", S, ip=_ip("0.0.0.0")))
    assert runtime_state.placeholder(Address("::", S, family="inet6", ip=_ip("::")))
    assert not runtime_state.placeholder(Address("192.168.10.20", S, ip=_ip("192.168.10.20")))
    assert not runtime_state.placeholder(None)


def test_mtu_of_a_failed_member_is_its_test_address_mtu():
    assert runtime_state.link_mtu([_lif("e1000g0", "0.0.0.0", 0), _lif("e1000g0:1", "192.168.10.21", 1500)]) == 1500


def test_mtu_0_is_no_mtu():
    assert runtime_state.link_mtu([_lif("e1000g1", "0.0.0.0", 0)]) is None


def test_solaris11_placeholder_keeps_a_real_mtu():
    assert runtime_state.link_mtu([_lif("net1", "0.0.0.0", 1500)]) == 1500


def test_ipv4_mtu_before_ipv6():
    v6 = LogicalInterface(
        "e1000g0",
        S,
        flags=frozenset({"IPv6"}),
        mtu=9000,
        address=Address("fe80::1", S, family="inet6", ip=_ip("fe80::1")),
    )
    assert runtime_state.link_mtu([v6, _lif("e1000g0", "192.168.10.20", 1500)]) == 1500


@given(st.lists(st.tuples(st.sampled_from(["0.0.0.0", "192.168.10.20", "::"]), st.integers(0, 65535)), max_size=6))
def test_link_mtu_is_never_0_and_always_one_shown(stanzas):
    lifs = [_lif(f"e1000g0:{i}", address, mtu) for i, (address, mtu) in enumerate(stanzas)]
    found = runtime_state.link_mtu(lifs)
    assert found is None or (found > 0 and found in {lif.mtu for lif in lifs})
    if any(mtu and address == "192.168.10.20" for address, mtu in stanzas):
        assert found in {mtu for address, mtu in stanzas if address == "192.168.10.20"}


# ------------------------------------- the Solaris 10 guide's own failover example

#: Solaris 10 System Administration Guide: IP Services, "What Happens During Interface
#: Failover", Example 30-2 (https://docs.oracle.com/cd/E19253-01/816-4554/eoqse/index.html):
#: the IPv4 stanzas of hme0 and hme1 after hme0 failed, with the guide's wrapped lines
#: joined as ifconfig prints them.
EXAMPLE_30_2 = """\
hme0: flags=19000842<BROADCAST,RUNNING,MULTICAST,IPv4,NOFAILOVER,FAILED> mtu 0 index 2
      inet 0.0.0.0 netmask 0
      groupname test
hme0:1: flags=19040843<UP,BROADCAST,RUNNING,MULTICAST,DEPRECATED,IPv4,NOFAILOVER,FAILED> mtu 1500 index 2
      inet 192.168.85.21 netmask ffffff00 broadcast 10.0.0.255
hme1: flags=9000843<UP,BROADCAST,RUNNING,MULTICAST,IPv4> mtu 1500 index 2
      inet 192.168.85.20 netmask ffffff00 broadcast 192.168.85.255
      groupname test
hme1:1: flags=9000843<UP,BROADCAST,RUNNING,MULTICAST,DEPRECATED,IPv4,NOFAILOVER> mtu 1500 index 2
      inet 192.168.85.22 netmask ffffff00 broadcast 192.168.85.255
"""


def test_the_guides_failover_example():
    cap = ifconfig.parse(EXAMPLE_30_2, "f").value
    (group,) = groups.from_ifconfig("d", cap)
    hme0, hme1 = group.members
    assert (hme0.mtu, hme1.mtu) == (1500, 1500)  # mtu 0 of the placeholder is no MTU
    assert hme0.data_addresses == () and [a.text for a in hme0.test_addresses] == ["192.168.85.21"]
    found = {s.member.interface: s.state for s in runtime_state.member_statuses(group, from_ifconfig=True)}
    assert found == {"hme0": MemberState.FAILED, "hme1": MemberState.ACTIVE}


def ipadm_states(name: str) -> dict[str, tuple[MemberState, bool]]:
    """The member states of a fixture's group read from its ``ipadm show-if`` alone."""
    text = (FIXTURES / name / "ipadm-show-if.txt").read_text()
    (group,) = groups.from_ipadm("d", ipadm.parse(text, "f").value)
    return {s.member.interface: (s.state, s.held_back) for s in runtime_state.member_statuses(group)}


def test_solaris11_inactive_member_from_ipadm_alone():
    assert ipadm_states("s11-standby-inactive") == {
        "net0": (MemberState.ACTIVE, False),
        "net1": (MemberState.INACTIVE, True),
    }


def test_solaris11_failed_member_from_ipadm_alone_is_failed_not_held_back():
    assert ipadm_states("s11-standby-failed-member") == {
        "net0": (MemberState.FAILED, False),
        "net1": (MemberState.ACTIVE, False),
    }


def test_only_the_persistent_configuration_of_the_same_group_places_an_address():
    """An address another group's configuration puts on another interface says nothing
    of where it belongs in this group: it is a data address of the member it sits on."""
    from ipmplint.model import HostnameEntry, HostnameFile

    text = (
        "e1000g0: flags=1000843<UP,BROADCAST,RUNNING,MULTICAST,IPv4> mtu 1500 index 2\n"
        "\tinet 192.168.10.20 netmask ffffff00 broadcast 192.168.10.255\n\tgroupname prod\n"
        "e1000g1: flags=1000843<UP,BROADCAST,RUNNING,MULTICAST,IPv4> mtu 1500 index 3\n"
        "\tinet 192.168.10.22 netmask ffffff00 broadcast 192.168.10.255\n\tgroupname prod\n"
    )
    cap = ifconfig.parse(text, "f").value
    # the boot configuration of a group named "other" (it sorts before "prod")
    files = [HostnameFile("e1000g0", S, entries=(HostnameEntry(S, address="192.168.10.22", group="other", up=True),))]
    dc = DomainCapture(
        "d",
        "d",
        ifconfig=cap,
        runtime_groups=groups.from_ifconfig("d", cap),
        persistent_groups=groups.from_hostname_files("d", files),
    )
    prod = next(g for g in dc.groups if g.name == "prod")
    assert {s.address.text: (s.role, s.member, s.home) for s in runtime_state.address_statuses(dc, prod)} == {
        "192.168.10.20": (AddressRole.DATA, "e1000g0", "e1000g0"),
        "192.168.10.22": (AddressRole.DATA, "e1000g1", "e1000g1"),
    }


def test_mtu_of_a_member_is_its_ipv4_stanzas_before_its_ipv6_one():
    """A failed member's IPv4 placeholder, its IPv4 test address and its IPv6 link-local
    address with another MTU, as ifconfig -a prints them: the IPv4 stanzas tell the MTU."""
    text = (
        "e1000g0: flags=19000842<BROADCAST,RUNNING,MULTICAST,IPv4,NOFAILOVER,FAILED> mtu 0 index 2\n"
        "\tinet 0.0.0.0 netmask 0\n"
        "e1000g0:1: flags=19040843<UP,BROADCAST,RUNNING,MULTICAST,DEPRECATED,IPv4,NOFAILOVER,FAILED> mtu 1500 index 2\n"
        "\tinet 192.168.10.21 netmask ffffff00 broadcast 192.168.10.255\n"
        "e1000g0: flags=20002000841<UP,RUNNING,MULTICAST,IPv6> mtu 9000 index 2\n"
        "\tinet6 fe80::214:4fff:fef8:914f/10\n"
    )
    assert runtime_state.link_mtu(ifconfig.parse(text, "f").value.interfaces) == 1500
