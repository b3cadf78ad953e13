"""IPMP502: guests route through a plumbed vsw, and its service domain does not forward."""

from __future__ import annotations

from ldoms_models import LDM_FILES, domain, lif, needs_ldm, route, routeadm, run, server, vnet, vsw, where

from ipmplint.model import RoutingOption, RoutingState, Source
from ipmplint.rules import ipmp502_service_domain_not_routing as rule

VSW0 = lif("primary", "vsw0", 11, "192.168.1.1", mac="0:14:4f:fb:54:f2")


def primary(*extra, **fields):
    return domain(
        "primary",
        lif("primary", "e1000g0", 3, "10.1.1.20", group="ipmp0"),
        lif("primary", "e1000g1", 7, "10.1.1.21", group="ipmp0"),
        *extra,
        **fields,
    )


def ldg1(router="192.168.1.1"):
    return domain(
        "ldg1",
        lif("ldg1", "vnet0", 3, "192.168.1.10", mac="0:14:4f:f8:91:4f"),
        routes=(
            route("ldg1", 4, "default", router, "UG"),
            route("ldg1", 5, "192.168.1.0", "192.168.1.10", "U", "vnet0"),
        ),
    )


def fig_7_5(service, net_dev=None, guest=None):
    pv0 = vsw("primary-vsw0", "primary", 10, net_dev, 0)
    return server(
        {"primary": ((pv0,), ()), "ldg1": ((), (vnet("vnet0", "ldg1", pv0, 30, 0, "00:14:4f:f8:91:4f"),))},
        service,
        guest or ldg1(),
    )


def test_forwarding_off_is_reported_at_the_routeadm_line():
    found = run(rule, fig_7_5(primary(VSW0, routeadm=routeadm("primary", False))))
    assert where(found) == [("s/primary/routeadm.txt:7:13", "primary", None, "primary-vsw0@primary")]
    assert "has no net-dev" in found[0].message and "ldg1 routes through 192.168.1.1" in found[0].message
    assert found[0].nodes == ("domain:primary", "vsw:primary/primary-vsw0")


def test_forwarding_on_is_figure_7_5():
    assert run(rule, fig_7_5(primary(VSW0, routeadm=routeadm("primary", True)))) == []


def test_no_forwarding_capture_is_skipped_naming_routeadm():
    assert where(run(rule, fig_7_5(primary(VSW0)))) == [("skip", "primary", ("s/primary/routeadm.txt",))]


def test_ipadm_show_prop_answers_on_solaris_11_and_persistent_is_the_fallback():
    prop = RoutingState(
        Source("s/primary/ipadm-show-prop.txt"),
        (RoutingOption("ipv4 forwarding", Source("s/primary/ipadm-show-prop.txt", 2, 1), configured=False),),
    )
    found = run(rule, fig_7_5(primary(VSW0, ipadm_prop=prop)))
    assert where(found) == [("s/primary/ipadm-show-prop.txt:2:1", "primary", None, "primary-vsw0@primary")]
    assert "ipadm show-prop, persistent setting" in found[0].message


def test_vsw_with_net_dev_counts_only_when_a_guest_routes_through_its_address():
    off = primary(VSW0, routeadm=routeadm("primary", False))
    assert run(rule, fig_7_5(off, net_dev="e1000g2", guest=ldg1("192.168.1.254"))) == []
    assert len(run(rule, fig_7_5(off, net_dev="e1000g2"))) == 1


def test_unplumbed_vsw_is_ipmp501s_and_ldm_is_required():
    assert run(rule, fig_7_5(primary(routeadm=routeadm("primary", False)))) == []
    assert needs_ldm(rule) == LDM_FILES


def test_solaris_11_vanity_named_vsw_from_ipadm_and_dladm():
    import ipaddress

    from ipmplint.model import Address, Datalink, DladmCapture, IpadmAddress, IpadmCapture, IpadmInterface

    ipadm = IpadmCapture(
        Source("s/primary/ipadm.txt"),
        interfaces=(
            IpadmInterface("net0", Source("s/primary/ipadm.txt", 2, 1), iclass="ip"),
            IpadmInterface("net2", Source("s/primary/ipadm.txt", 3, 1), iclass="ip"),
        ),
        addresses=(
            IpadmAddress(
                "net2/v4",
                Source("s/primary/ipadm.txt", 4, 1),
                address=Address(
                    "192.168.1.1",
                    Source("s/primary/ipadm.txt", 4, 30),
                    ip=ipaddress.ip_address("192.168.1.1"),
                    prefixlen=24,
                ),
            ),
        ),
    )
    dladm = DladmCapture(
        Source("s/primary/dladm-show-phys.txt"),
        (Datalink("net2", Source("s/primary/dladm-show-phys.txt", 4, 1), device="vsw0"),),
    )
    prop = RoutingState(
        Source("s/primary/ipadm-show-prop.txt"),
        (
            RoutingOption(
                "ipv4 forwarding", Source("s/primary/ipadm-show-prop.txt", 2, 1), configured=True, current=False
            ),
        ),
    )
    found = run(rule, fig_7_5(domain("primary", ipadm=ipadm, dladm=dladm, ipadm_prop=prop)))
    assert where(found) == [("s/primary/ipadm-show-prop.txt:2:1", "primary", None, "primary-vsw0@primary")]
    assert "plumbs vsw primary-vsw0 as net2" in found[0].message and "current state" in found[0].message


def test_a_plumbed_vsw_without_guests_is_not_judged():
    """No vnet is bound to primary-vsw0: nobody routes through it, whatever its net-dev."""
    pv0 = vsw("primary-vsw0", "primary", 10, None, 0)
    srv = server({"primary": ((pv0,), ())}, primary(VSW0, routeadm=routeadm("primary", False)), ldg1())
    assert run(rule, srv) == []


def test_an_unplumbed_vsw_does_not_end_the_check_of_the_next():
    """primary-vsw1 (listed first) is not plumbed; primary-vsw0 after it is judged."""
    pv1 = vsw("primary-vsw1", "primary", 9, "e1000g3", 1)
    pv0 = vsw("primary-vsw0", "primary", 10, None, 0)
    srv = server(
        {"primary": ((pv1, pv0), ()), "ldg1": ((), (vnet("vnet0", "ldg1", pv0, 30, 0, "00:14:4f:f8:91:4f"),))},
        primary(VSW0, routeadm=routeadm("primary", False)),
        ldg1(),
    )
    assert where(run(rule, srv)) == [("s/primary/routeadm.txt:7:13", "primary", None, "primary-vsw0@primary")]


def test_a_guest_not_captured_does_not_end_the_check_of_the_next():
    """ldg0's vnet (listed first) is bound to the vsw, but ldg0 was not captured; ldg1
    after it routes through the vsw's address."""
    pv0 = vsw("primary-vsw0", "primary", 10, None, 0)
    srv = server(
        {
            "primary": ((pv0,), ()),
            "ldg0": ((), (vnet("vnet0", "ldg0", pv0, 20, 0, "00:14:4f:f8:91:40"),)),
            "ldg1": ((), (vnet("vnet0", "ldg1", pv0, 30, 0, "00:14:4f:f8:91:4f"),)),
        },
        primary(VSW0, routeadm=routeadm("primary", False)),
        ldg1(),
    )
    found = run(rule, srv)
    assert where(found) == [("s/primary/routeadm.txt:7:13", "primary", None, "primary-vsw0@primary")]
    assert "ldg1 routes through 192.168.1.1" in found[0].message


def test_a_guest_routing_twice_through_the_vsw_is_one_reason():
    """ldg1's default route and a network route both go through 192.168.1.1."""
    guest = domain(
        "ldg1",
        lif("ldg1", "vnet0", 3, "192.168.1.10", mac="0:14:4f:f8:91:4f"),
        routes=(
            route("ldg1", 4, "default", "192.168.1.1", "UG"),
            route("ldg1", 5, "10.0.0.0", "192.168.1.1", "UG"),
            route("ldg1", 6, "192.168.1.0", "192.168.1.10", "U", "vnet0"),
        ),
    )
    found = run(rule, fig_7_5(primary(VSW0, routeadm=routeadm("primary", False)), guest=guest))
    assert where(found) == [("s/primary/routeadm.txt:7:13", "primary", None, "primary-vsw0@primary")]
    assert found[0].message.count("routes through 192.168.1.1") == 1


def test_a_guest_named_after_its_service_domain_is_a_guest():
    """Guests are told from the service domain by name, not by where the name sorts."""
    pv0 = vsw("primary-vsw0", "primary", 10, None, 0)
    web1 = domain(
        "web1",
        lif("web1", "vnet0", 3, "192.168.1.10", mac="0:14:4f:f8:91:4f"),
        routes=(
            route("web1", 4, "default", "192.168.1.1", "UG"),
            route("web1", 5, "192.168.1.0", "192.168.1.10", "U", "vnet0"),
        ),
    )
    srv = server(
        {"primary": ((pv0,), ()), "web1": ((), (vnet("vnet0", "web1", pv0, 30, 0, "00:14:4f:f8:91:4f"),))},
        primary(VSW0, routeadm=routeadm("primary", False)),
        web1,
    )
    found = run(rule, srv)
    assert where(found) == [("s/primary/routeadm.txt:7:13", "primary", None, "primary-vsw0@primary")]
    assert "web1 routes through 192.168.1.1" in found[0].message


def two_service_domains(primary_domain, net_dev=None, ldg1_router="192.168.1.1"):
    """primary-vsw0 (primary, the domain given) and alternate-vsw0 (alternate, forwarding
    off), each plumbed, each with a guest routing through its address: ldg1 and ldg2."""
    pv0 = vsw("primary-vsw0", "primary", 10, net_dev, 0)
    av0 = vsw("alternate-vsw0", "alternate", 12, None, 0)
    alternate = domain(
        "alternate",
        lif("alternate", "vsw0", 11, "192.168.2.1", mac="0:14:4f:fb:60:1"),
        routeadm=routeadm("alternate", False),
    )
    ldg2 = domain(
        "ldg2",
        lif("ldg2", "vnet0", 3, "192.168.2.10", mac="0:14:4f:f8:92:1"),
        routes=(
            route("ldg2", 4, "default", "192.168.2.1", "UG"),
            route("ldg2", 5, "192.168.2.0", "192.168.2.10", "U", "vnet0"),
        ),
    )
    return server(
        {
            "primary": ((pv0,), ()),
            "alternate": ((av0,), ()),
            "ldg1": ((), (vnet("vnet0", "ldg1", pv0, 30, 0, "00:14:4f:f8:91:4f"),)),
            "ldg2": ((), (vnet("vnet0", "ldg2", av0, 31, 0, "00:14:4f:f8:92:01"),)),
        },
        primary_domain,
        alternate,
        ldg1(ldg1_router),
        ldg2,
    )


ALTERNATE = ("s/alternate/routeadm.txt:7:13", "alternate", None, "alternate-vsw0@alternate")


def test_a_service_domain_whose_forwarding_is_unknown_does_not_end_the_check_of_the_next():
    assert where(run(rule, two_service_domains(primary(VSW0)))) == [
        ("skip", "primary", ("s/primary/routeadm.txt",)),
        ALTERNATE,
    ]


def test_a_service_domain_that_forwards_does_not_end_the_check_of_the_next():
    assert where(run(rule, two_service_domains(primary(VSW0, routeadm=routeadm("primary", True))))) == [ALTERNATE]


def test_a_vsw_nobody_routes_through_does_not_end_the_check_of_the_next():
    srv = two_service_domains(
        primary(VSW0, routeadm=routeadm("primary", False)), net_dev="e1000g2", ldg1_router="192.168.1.254"
    )
    assert where(run(rule, srv)) == [ALTERNATE]
