"""IPMP503: a service-domain group over plumbed vsws relying on link state they do not track."""

from __future__ import annotations

from ldoms_models import LDM_FILES, R12, R34, domain, guest, needs_ldm, run, server, vsw, where

from ipmplint.model import Setting, Settings, Source
from ipmplint.rules import ipmp503_vswitch_link_state_not_tracked as rule


def primary(test_address=None, **fields):
    return guest(
        "primary",
        ("vsw0", "0:14:4f:fb:54:f2", "10.1.1.20", None),
        ("vsw1", "0:14:4f:fb:54:f3", None, test_address),
        **fields,
    )


def service(linkprop1="", net_dev1="nxge1", release=R34, **fields):
    pv0 = vsw("primary-vsw0", "primary", 10, "nxge0", 0, linkprop="phys-state")
    pv1 = vsw("primary-vsw1", "primary", 11, net_dev1, 1, linkprop=linkprop1 or None)
    return server({"primary": ((pv0, pv1), ())}, primary(**fields), release=release)


def test_member_vsw_without_phys_state_is_reported_at_its_ldm_row():
    found = run(rule, service())
    assert where(found) == [("s/ldm-list-l.txt:11:5", "primary", "ipmp0", "vsw1")]
    assert "does not have linkprop=phys-state" in found[0].message
    assert found[0].nodes == ("vsw:primary/primary-vsw1",)


def test_phys_state_on_every_member_vsw_is_fine():
    assert run(rule, service("phys-state")) == []


def test_before_ldoms_1_3_every_link_based_vsw_member_is_reported():
    assert [w[3] for w in where(run(rule, service("phys-state", release=R12)))] == ["vsw0", "vsw1"]


def test_a_vsw_without_net_dev_has_no_physical_link_to_track():
    found = run(rule, service("phys-state", net_dev1=None))
    assert where(found) == [("s/ldm-list-l.txt:11:5", "primary", "ipmp0", "vsw1")]
    assert "no net-dev" in found[0].message


def test_test_address_or_transitive_probing_makes_it_probe_based():
    assert run(rule, service(test_address="10.1.1.22")) == []
    svc = Settings(
        Source("s/primary/svcprop-ipmp.txt"),
        (Setting("config/transitive-probing", "true", Source("s/primary/svcprop-ipmp.txt", 3, 1), "boolean"),),
    )
    assert run(rule, service(svcprop_ipmp=svc)) == []
    assert needs_ldm(rule) == LDM_FILES


def test_a_domain_probing_transitively_does_not_end_the_check_of_the_next():
    """ldg1 (first) probes transitively; the control domain after it is still judged."""
    svc = Settings(
        Source("s/ldg1/svcprop-ipmp.txt"),
        (Setting("config/transitive-probing", "true", Source("s/ldg1/svcprop-ipmp.txt", 3, 1), "boolean"),),
    )
    pv0 = vsw("primary-vsw0", "primary", 10, "nxge0", 0, linkprop="phys-state")
    pv1 = vsw("primary-vsw1", "primary", 11, "nxge1", 1)
    srv = server({"primary": ((pv0, pv1), ())}, domain("ldg1", svcprop_ipmp=svc), primary(), release=R34)
    assert where(run(rule, srv)) == [("s/ldm-list-l.txt:11:5", "primary", "ipmp0", "vsw1")]


def test_a_member_with_a_test_address_does_not_end_the_check_of_the_next():
    pv0 = vsw("primary-vsw0", "primary", 10, "nxge0", 0)
    pv1 = vsw("primary-vsw1", "primary", 11, "nxge1", 1)
    members = guest(
        "primary", ("vsw0", "0:14:4f:fb:54:f2", "10.1.1.20", "10.1.1.21"), ("vsw1", "0:14:4f:fb:54:f3", None, None)
    )
    srv = server({"primary": ((pv0, pv1), ())}, members, release=R34)
    assert where(run(rule, srv)) == [("s/ldm-list-l.txt:11:5", "primary", "ipmp0", "vsw1")]
