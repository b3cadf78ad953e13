"""IPMP107: a member whose only probe targets are other domains on its own vsw."""

from __future__ import annotations

from ldoms_models import LDM_FILES, domain, guest, lif, needs_ldm, route, run, server, vnet, vsw, where

from ipmplint.model import IpmpstatCapture, IpmpstatTarget, Source
from ipmplint.rules import ipmp107_inter_vnet_probe_targets as rule

PV0 = vsw("primary-vsw0", "primary", 10, "e1000g0", 0)
AV0 = vsw("alternate-vsw0", "alternate", 20, "nxge0", 0)
VNETS = (
    vnet("vnet0", "ldg1", PV0, 30, 0, "00:14:4f:f8:91:4f"),
    vnet("vnet1", "ldg1", AV0, 31, 1, "00:14:4f:f8:dd:68"),
    vnet("vnet0", "ldg2", PV0, 40, 0, "00:14:4f:f8:aa:01"),
)
MEMBERS = (
    ("vnet0", "0:14:4f:f8:91:4f", "192.168.102.10", "192.168.102.11"),
    ("vnet1", "0:14:4f:f8:dd:68", None, "192.168.102.12"),
)
PRIMARY = domain(
    "primary",
    lif("primary", "e1000g2", 3, "10.1.1.20"),
    lif("primary", "vsw0", 6, "192.168.102.20", mac="0:14:4f:fb:54:f2"),
)
LDG2 = domain("ldg2", lif("ldg2", "vnet0", 3, "192.168.102.21", mac="0:14:4f:f8:aa:1"))


def host_routes(*targets):
    return tuple(route("ldg1", 4 + i, t, t, "UGH", "vnet0") for i, t in enumerate(targets))


def fig_7_4(ldg1):
    return server(
        {"primary": ((PV0,), ()), "alternate": ((AV0,), ()), "ldg1": ((), VNETS[:2]), "ldg2": ((), VNETS[2:])},
        ldg1,
        LDG2,
        PRIMARY,
    )


def test_targets_all_on_the_members_vsw_are_reported_for_that_member_only():
    found = run(rule, fig_7_4(guest("ldg1", *MEMBERS, routes=host_routes("192.168.102.20", "192.168.102.21"))))
    assert where(found) == [("s/ldg1/netstat-rn.txt:4:1", "ldg1", "ipmp0", "vnet0")]
    assert "192.168.102.20 (primary vsw0), 192.168.102.21 (ldg2 vnet0)" in found[0].message
    assert "those probes never cross the vsw's NIC (e1000g0), so they keep succeeding" in found[0].message
    assert found[0].nodes == ("interface:ldg1/vnet0", "vsw:primary/primary-vsw0")


def test_one_target_outside_the_server_is_enough():
    assert run(rule, fig_7_4(guest("ldg1", *MEMBERS, routes=host_routes("192.168.102.1", "192.168.102.21")))) == []


def test_ipmpstat_targets_in_use_beat_the_routes():
    row = IpmpstatTarget(
        "vnet1", Source("s/ldg1/ipmpstat-t.txt", 3, 1), "routes", "192.168.102.12", ("192.168.102.21",)
    )
    ldg1 = guest(
        "ldg1",
        *MEMBERS,
        routes=host_routes("192.168.102.1"),
        ipmpstat=IpmpstatCapture(Source("s/ldg1/ipmpstat-t.txt"), targets=(row,)),
    )
    # vnet1 is on alternate-vsw0: ldg2 on primary-vsw0 is outside for it
    assert run(rule, fig_7_4(ldg1)) == []
    row0 = IpmpstatTarget(
        "vnet0", Source("s/ldg1/ipmpstat-t.txt", 2, 1), "routes", "192.168.102.11", ("192.168.102.21",)
    )
    ldg1 = guest(
        "ldg1",
        *MEMBERS,
        routes=host_routes("192.168.102.1"),
        ipmpstat=IpmpstatCapture(Source("s/ldg1/ipmpstat-t.txt"), targets=(row0, row)),
    )
    assert where(run(rule, fig_7_4(ldg1))) == [("s/ldg1/ipmpstat-t.txt:2:1", "ldg1", "ipmp0", "vnet0")]


def test_no_routing_table_is_skipped_naming_it():
    assert where(run(rule, fig_7_4(guest("ldg1", *MEMBERS)))) == [("skip", "ldg1", ("s/ldg1/netstat-rn.txt",))]


def test_link_based_group_is_not_judged_and_ldm_is_required():
    ldg1 = guest(
        "ldg1",
        ("vnet0", "0:14:4f:f8:91:4f", "192.168.102.10", None),
        ("vnet1", "0:14:4f:f8:dd:68", None, None),
        routes=host_routes("192.168.102.20"),
    )
    assert run(rule, fig_7_4(ldg1)) == []
    assert needs_ldm(rule) == LDM_FILES


def test_a_target_in_a_domain_named_before_the_guest_counts_too():
    """app1 (on primary-vsw0, like ldg1's vnet0) sorts before ldg1: it is still another
    domain on the member's vsw."""
    app1 = domain("app1", lif("app1", "vnet0", 3, "192.168.102.22", mac="0:14:4f:f8:aa:2"))
    srv = server(
        {
            "primary": ((PV0,), ()),
            "alternate": ((AV0,), ()),
            "app1": ((), (vnet("vnet0", "app1", PV0, 45, 0, "00:14:4f:f8:aa:02"),)),
            "ldg1": ((), VNETS[:2]),
        },
        guest("ldg1", *MEMBERS, routes=host_routes("192.168.102.22")),
        app1,
        PRIMARY,
    )
    assert where(run(rule, srv)) == [("s/ldg1/netstat-rn.txt:4:1", "ldg1", "ipmp0", "vnet0")]


def test_each_member_reads_its_own_ipmpstat_row_wherever_it_is_listed():
    row0 = IpmpstatTarget(
        "vnet0", Source("s/ldg1/ipmpstat-t.txt", 3, 1), "routes", "192.168.102.11", ("192.168.102.21",)
    )
    row1 = IpmpstatTarget(
        "vnet1", Source("s/ldg1/ipmpstat-t.txt", 2, 1), "routes", "192.168.102.12", ("192.168.102.21",)
    )
    ldg1 = guest(
        "ldg1",
        *MEMBERS,
        routes=host_routes("192.168.102.1"),
        ipmpstat=IpmpstatCapture(Source("s/ldg1/ipmpstat-t.txt"), targets=(row1, row0)),
    )
    assert where(run(rule, fig_7_4(ldg1))) == [("s/ldg1/ipmpstat-t.txt:3:1", "ldg1", "ipmp0", "vnet0")]


def test_groups_passed_over_do_not_end_the_walk_over_the_domains():
    """ldg2's group, first, is link-based (not judged), or probe-based without its routes
    (skipped): ldg1's after it is still reported."""
    ldg1 = guest("ldg1", *MEMBERS, routes=host_routes("192.168.102.20", "192.168.102.21"))
    for ldg2, skips in (
        (guest("ldg2", ("vnet0", "0:14:4f:f8:aa:1", "192.168.102.21", None)), []),
        (
            guest("ldg2", ("vnet0", "0:14:4f:f8:aa:1", "192.168.102.21", "192.168.102.23")),
            [("skip", "ldg2", ("s/ldg2/netstat-rn.txt",))],
        ),
    ):
        srv = server(
            {"primary": ((PV0,), ()), "alternate": ((AV0,), ()), "ldg1": ((), VNETS[:2]), "ldg2": ((), VNETS[2:])},
            ldg2,
            ldg1,
            PRIMARY,
        )
        assert where(run(rule, srv)) == [*skips, ("s/ldg1/netstat-rn.txt:4:1", "ldg1", "ipmp0", "vnet0")]


def test_a_member_without_targets_does_not_end_the_group():
    """ldg2 sits on alternate-vsw0 here; ipmpstat -t shows vnet1 probing ldg2 only and
    no target for vnet0 (nor a routing table): vnet0 is passed over, vnet1 reported."""
    vnets = (*VNETS[:2], vnet("vnet0", "ldg2", AV0, 40, 0, "00:14:4f:f8:aa:01"))
    row = IpmpstatTarget(
        "vnet1", Source("s/ldg1/ipmpstat-t.txt", 3, 1), "routes", "192.168.102.12", ("192.168.102.21",)
    )
    ldg1 = guest("ldg1", *MEMBERS, ipmpstat=IpmpstatCapture(Source("s/ldg1/ipmpstat-t.txt"), targets=(row,)))
    srv = server(
        {"primary": ((PV0,), ()), "alternate": ((AV0,), ()), "ldg1": ((), vnets[:2]), "ldg2": ((), vnets[2:])},
        ldg1,
        LDG2,
        PRIMARY,
    )
    assert where(run(rule, srv)) == [("s/ldg1/ipmpstat-t.txt:3:1", "ldg1", "ipmp0", "vnet1")]


def test_each_member_reads_only_its_own_ipmpstat_row():
    """ldg2 sits on alternate-vsw0; ipmpstat -t shows vnet0 probing ldg2 (outside
    primary-vsw0) and vnet1 probing a router outside the server: nothing to report, and
    vnet1 must not read vnet0's row (the names are built as a parser builds them: other
    string objects than the members')."""
    vnets = (*VNETS[:2], vnet("vnet0", "ldg2", AV0, 40, 0, "00:14:4f:f8:aa:01"))
    rows = (
        IpmpstatTarget(
            "".join(["vnet", "0"]),
            Source("s/ldg1/ipmpstat-t.txt", 2, 1),
            "routes",
            "192.168.102.11",
            ("192.168.102.21",),
        ),
        IpmpstatTarget(
            "".join(["vnet", "1"]),
            Source("s/ldg1/ipmpstat-t.txt", 3, 1),
            "routes",
            "192.168.102.12",
            ("192.168.102.1",),
        ),
    )
    ldg1 = guest("ldg1", *MEMBERS, ipmpstat=IpmpstatCapture(Source("s/ldg1/ipmpstat-t.txt"), targets=rows))
    srv = server(
        {"primary": ((PV0,), ()), "alternate": ((AV0,), ()), "ldg1": ((), vnets[:2]), "ldg2": ((), vnets[2:])},
        ldg1,
        LDG2,
        PRIMARY,
    )
    assert run(rule, srv) == []
