"""CAP004: `ldm list -l` against `ldm list -p` (and `ldm list-services`), on Server
models built here: what each view lists that the other does not, each field that
differs, and what is never compared."""

from __future__ import annotations

from typing import Optional

import attrs
import pytest

from ipmplint.engine import runner
from ipmplint.findings import Severity
from ipmplint.model import LdmDomain, LdmListing, Server, Source, VirtualNetwork, VirtualSwitch
from ipmplint.rules import builtin

L, P, S = "s/ldm-list-l.txt", "s/ldm-list-p.txt", "s/ldm-list-services.txt"
FILES = {"ldm-list-l": L, "ldm-list-p": P}


def vsw(file: str, line: int, name: str = "primary-vsw0", domain: str = "primary", **kw) -> VirtualSwitch:
    fields = {"mac": "00:14:4f:fb:54:f2", "net_dev": "e1000g0", "device": "switch@0", "mode": "prog,promisc", **kw}
    return VirtualSwitch(name, domain, Source(file, line, 5 if file == L else 1), **fields)


def vnet(file: str, line: int, name: str = "vnet0", service: str = "primary-vsw0", **kw) -> VirtualNetwork:
    fields = {"service_domain": "primary", "device": "network@0", "mac": "00:14:4f:f8:91:4f", **kw}
    return VirtualNetwork(name, "ldg1", service, Source(file, line, 5 if file == L else 1), **fields)


def listing(
    file: str, vswitches: tuple = (), vnets: tuple = (), view: str = "list-l", extra: tuple[str, ...] = ()
) -> LdmListing:
    domains = [
        LdmDomain("primary", Source(file, 2, 1), vswitches=vswitches),
        LdmDomain("ldg1", Source(file, 20, 1), vnets=vnets),
    ]
    domains += [LdmDomain(name, Source(file, 40, 1)) for name in extra]
    return LdmListing(Source(file), tuple(domains), view=view)


def server(
    long: LdmListing,
    parseable: Optional[LdmListing],
    services: Optional[LdmListing] = None,
    files: Optional[dict[str, str]] = None,
) -> Server:
    return Server(
        "s", "s", ldm=long, ldm_parseable=parseable, ldm_services=services, files=FILES if files is None else files
    )


def report(s: Server):
    (rule,) = [r for r in builtin() if r.id == "CAP004"]
    return runner.check_server(s, [rule])


def found(s: Server) -> list[tuple[str, int, str]]:
    return [(str(f.location.file), f.location.line, f.message) for f in report(s).findings]


#: How every finding ends: the view the rules read, and why.
USED = (
    ". The rules read ldm list -l (s/ldm-list-l.txt): the first captured of ldm list -l, list-bindings and -p "
    "that lists the domains' resources"
)

LONG = listing(L, (vsw(L, 5),), (vnet(L, 25), vnet(L, 26, "vnet1", device="network@1", mac="00:14:4f:f8:dd:68")))
SAME = listing(
    P, (vsw(P, 6),), (vnet(P, 30), vnet(P, 31, "vnet1", device="network@1", mac="00:14:4f:f8:dd:68")), view="list-p"
)


def test_agreeing_views_are_clean():
    assert found(server(LONG, SAME)) == []
    assert report(server(LONG, SAME)).skipped == ()


def test_a_vnet_on_another_vsw_is_reported_at_the_list_l_row():
    moved = attrs.evolve(
        SAME,
        domains=(
            SAME.domains[0],
            attrs.evolve(
                SAME.domains[1],
                vnets=(
                    vnet(P, 30),
                    vnet(
                        P,
                        31,
                        "vnet1",
                        "alternate-vsw0",
                        service_domain="alternate",
                        device="network@1",
                        mac="00:14:4f:f8:dd:68",
                    ),
                ),
            ),
        ),
    )
    (finding,) = report(server(LONG, moved)).findings
    assert (finding.rule_id, finding.rule_name, finding.severity) == ("CAP004", "ldm-views-disagree", Severity.WARNING)
    assert finding.location == Source(L, 26, 5)
    assert finding.message == (
        "vnet vnet1 of domain ldg1: SERVICE is primary-vsw0@primary in s/ldm-list-l.txt:26:5 (ldm list -l) but "
        "alternate-vsw0@alternate in s/ldm-list-p.txt:31:1 (ldm list -p); the ldm views disagree, so the "
        "captures may not show one configuration" + USED
    )
    assert (finding.domain, finding.object, finding.nodes) == ("ldg1", "vnet1", ("vnet:ldg1/vnet1",))


def test_a_device_only_one_view_lists():
    fewer = attrs.evolve(
        SAME, domains=(attrs.evolve(SAME.domains[0], vswitches=()), attrs.evolve(SAME.domains[1], vnets=(vnet(P, 30),)))
    )
    more = attrs.evolve(
        SAME,
        domains=(
            SAME.domains[0],
            attrs.evolve(
                SAME.domains[1], vnets=(*SAME.domains[1].vnets, vnet(P, 32, "vnet2", device="network@2", mac=None))
            ),
        ),
    )
    assert found(server(LONG, fewer)) == [
        (
            L,
            5,
            "vsw primary-vsw0 of domain primary is in s/ldm-list-l.txt:5:5 (ldm list -l) but not in s/ldm-list-p.txt "
            "(ldm list -p); the ldm views disagree, so the captures may not show one configuration" + USED,
        ),
        (
            L,
            26,
            "vnet vnet1 of domain ldg1 is in s/ldm-list-l.txt:26:5 (ldm list -l) but not in s/ldm-list-p.txt (ldm list -p); "
            "the ldm views disagree, so the captures may not show one configuration" + USED,
        ),
    ]
    # only in list -p: pointed at the domain's row in list -l, where it should have been
    assert found(server(LONG, more)) == [
        (
            L,
            20,
            "vnet vnet2 of domain ldg1 is in s/ldm-list-p.txt:32:1 (ldm list -p) but not in s/ldm-list-l.txt "
            "(ldm list -l); the ldm views disagree, so the captures may not show one configuration" + USED,
        ),
    ]


def test_domains_one_view_lists_alone_are_not_compared():
    extra = listing(P, (vsw(P, 6),), SAME.domains[1].vnets, view="list-p", extra=("ldg9",))
    only_l = attrs.evolve(
        LONG, domains=(*LONG.domains, LdmDomain("ldg8", Source(L, 50, 1), vnets=(vnet(L, 55, "vnet9"),)))
    )
    assert found(server(only_l, extra)) == []


@pytest.mark.parametrize(
    "kind, field, mine, theirs, shown",
    [
        ("vsw", "net_dev", "e1000g0", "nxge0", "NET-DEV is e1000g0 in s/ldm-list-l.txt:5:5 (ldm list -l) but nxge0"),
        (
            "vsw",
            "device",
            "switch@0",
            "switch@1",
            "DEVICE is switch@0 in s/ldm-list-l.txt:5:5 (ldm list -l) but switch@1",
        ),
        ("vsw", "mode", "prog,promisc", "sc", "MODE is prog,promisc in s/ldm-list-l.txt:5:5 (ldm list -l) but sc"),
        ("vsw", "linkprop", "phys-state", "phys-state", None),
        ("vnet", "pvid", 1, 20, "PVID is 1 in s/ldm-list-l.txt:25:5 (ldm list -l) but 20"),
        ("vnet", "vids", (5, 6), (5,), "VID is 5,6 in s/ldm-list-l.txt:25:5 (ldm list -l) but 5"),
        ("vnet", "mtu", 1500, 9000, "MTU is 1500 in s/ldm-list-l.txt:25:5 (ldm list -l) but 9000"),
        ("vnet", "linkprop", "phys-state", None, None),  # one view leaves it empty: not compared
        ("vnet", "mac", "0:14:4f:f8:91:4f", "00:14:4F:F8:91:4F", None),  # one MAC, two notations
        (
            "vnet",
            "mac",
            "00:14:4f:f8:91:4f",
            "00:14:4f:f8:91:40",
            "MAC is 00:14:4f:f8:91:4f in s/ldm-list-l.txt:25:5 (ldm list -l) but 00:14:4f:f8:91:40",
        ),
        ("vnet", "mac", "0:xx:xx:xx:xx:xx", "00:14:4f:f8:91:4f", None),  # anonymised: says nothing
        (
            "vnet",
            "device",
            "network@0",
            "network@3",
            "DEVICE is network@0 in s/ldm-list-l.txt:25:5 (ldm list -l) but network@3",
        ),
    ],
)
def test_each_field_both_views_state(kind, field, mine, theirs, shown):
    if kind == "vsw":
        long = listing(L, (vsw(L, 5, **{field: mine}),))
        other = listing(P, (vsw(P, 6, **{field: theirs}),), view="list-p")
    else:
        long = listing(L, (vsw(L, 5),), (vnet(L, 25, **{field: mine}),))
        other = listing(P, (vsw(P, 6),), (vnet(P, 30, **{field: theirs}),), view="list-p")
    messages = [m for _, _, m in found(server(long, other))]
    if shown is None:
        assert messages == []
    else:
        (message,) = messages
        assert shown in message and "in s/ldm-list-p.txt:" in message


def test_constraints_name_the_vsw_alone():
    # list-constraints -p prints `service=primary-vsw0`: only the vsw names are compared
    same = listing(P, (vsw(P, 6),), (vnet(P, 30, service_domain=None),), view="list-p")
    other = listing(P, (vsw(P, 6),), (vnet(P, 30, "vnet0", "primary-vsw1", service_domain=None),), view="list-p")
    long = listing(L, (vsw(L, 5),), (vnet(L, 25),))
    assert found(server(long, same)) == []
    (message,) = [m for _, _, m in found(server(long, other))]
    assert (
        "SERVICE is primary-vsw0 in s/ldm-list-l.txt:25:5 (ldm list -l) but primary-vsw1 in s/ldm-list-p.txt:30:1"
        in message
    )


def test_list_services_vsws_are_compared_too():
    services = LdmListing(
        Source(S),
        (LdmDomain("primary", Source(S, 8, 22), vswitches=(vsw(S, 8, net_dev="net9"),)),),
        view="list-services",
    )
    f = report(server(LONG, SAME, services)).findings
    assert [(x.location, x.object, x.nodes) for x in f] == [
        (Source(L, 5, 5), "primary-vsw0", ("vsw:primary/primary-vsw0",))
    ]
    assert (
        "NET-DEV is e1000g0 in s/ldm-list-l.txt:5:5 (ldm list -l) but net9 in s/ldm-list-services.txt:8:1 "
        "(ldm list-services)" in f[0].message
    )


def test_the_short_list_p_is_not_compared():
    short = LdmListing(
        Source(P),
        (LdmDomain("primary", Source(P, 2, 1), flags="-n-cv-"), LdmDomain("ldg1", Source(P, 3, 1), flags="-n----")),
        view="list-p",
    )
    r = report(server(LONG, short))
    assert r.findings == ()
    assert [k.reason for k in r.skipped] == [
        "s/ldm-list-p.txt lists no vsw or vnet: ldm list -p and ldm list -l cannot be compared"
    ]


def test_needs_both_captures():
    r = report(server(LONG, None, files={"ldm-list-l": L}))
    assert r.findings == ()
    assert [(k.rule_id, k.missing) for k in r.skipped] == [
        ("CAP004", ("s/ldm-list-p.txt", "s/ldm-list-bindings.txt", "s/ldm-list-services.txt"))
    ]


B = "s/ldm-list-bindings.txt"


def test_list_l_and_list_bindings_are_compared_and_list_l_is_read():
    bindings = listing(
        B,
        (vsw(B, 6),),
        (
            vnet(B, 30),
            vnet(
                B,
                31,
                "vnet1",
                "alternate-vsw0",
                service_domain="alternate",
                device="network@1",
                mac="00:14:4f:f8:dd:68",
            ),
        ),
        view="list-bindings",
    )
    s = Server("s", "s", ldm=LONG, ldm_long=LONG, ldm_bindings=bindings)
    (finding,) = report(s).findings
    assert finding.message == (
        "vnet vnet1 of domain ldg1: SERVICE is primary-vsw0@primary in s/ldm-list-l.txt:26:5 (ldm list -l) but "
        "alternate-vsw0@alternate in s/ldm-list-bindings.txt:31:1 (ldm list-bindings); the ldm views disagree, so "
        "the captures may not show one configuration" + USED
    )


def test_without_list_l_the_bindings_are_read_and_named():
    bindings = attrs.evolve(listing(B, (vsw(B, 6),), (vnet(B, 30),), view="list-bindings"), resources=True)
    other = listing(P, (vsw(P, 6, net_dev="nxge0"),), (vnet(P, 30),), view="list-p")
    s = Server("s", "s", ldm=bindings, ldm_bindings=bindings, ldm_parseable=other)
    (finding,) = report(s).findings
    assert finding.location.file == B
    assert finding.message.endswith(
        "NET-DEV is e1000g0 in s/ldm-list-bindings.txt:6:1 (ldm list-bindings) but nxge0 in s/ldm-list-p.txt:6:1 "
        "(ldm list -p); the ldm views disagree, so the captures may not show one configuration. The rules read "
        "ldm list-bindings (s/ldm-list-bindings.txt): the first captured of ldm list -l, list-bindings and -p that "
        "lists the domains' resources"
    )


def test_a_domain_the_other_view_lacks_does_not_end_the_comparison():
    """ldg8, first in list -l, is not in list -p (passed over); ldg1 after it still differs."""
    first = attrs.evolve(
        LONG, domains=(LdmDomain("ldg8", Source(L, 1, 1), vnets=(vnet(L, 3, "vnet9"),)), *LONG.domains)
    )
    other = attrs.evolve(
        SAME,
        domains=(
            SAME.domains[0],
            attrs.evolve(
                SAME.domains[1], vnets=(vnet(P, 30), vnet(P, 31, "vnet1", device="network@2", mac="00:14:4f:f8:dd:68"))
            ),
        ),
    )
    ((file, line, message),) = found(server(first, other))
    assert (file, line) == (L, 26) and "DEVICE is network@1 in s/ldm-list-l.txt:26:5" in message


def test_list_services_lists_no_vnets_so_none_is_missing_from_it():
    """primary has a vnet of its own (on alternate's vsw); ldm list-services, which prints
    services and not vnets, is not taken to lack it."""

    def own(file: str, line: int) -> VirtualNetwork:
        return VirtualNetwork(
            "vnet5",
            "primary",
            "alternate-vsw0",
            Source(file, line, 5 if file == L else 1),
            service_domain="alternate",
            device="network@5",
            mac="00:14:4f:f8:ee:05",
        )

    long = attrs.evolve(LONG, domains=(attrs.evolve(LONG.domains[0], vnets=(own(L, 6),)), LONG.domains[1]))
    same = attrs.evolve(SAME, domains=(attrs.evolve(SAME.domains[0], vnets=(own(P, 7),)), SAME.domains[1]))
    services = LdmListing(
        Source(S),
        (LdmDomain("primary", Source(S, 8, 22), vswitches=(vsw(S, 8),)),),
        view="-".join(("list", "services")),
    )  # as read: a string of its own
    assert found(server(long, same, services)) == []


def test_a_device_the_other_view_lacks_does_not_end_the_comparison_of_the_next():
    """vnet0 is not in list -p; vnet1, listed after it, is, with another DEVICE."""
    other = attrs.evolve(
        SAME,
        domains=(
            SAME.domains[0],
            attrs.evolve(SAME.domains[1], vnets=(vnet(P, 31, "vnet1", device="network@2", mac="00:14:4f:f8:dd:68"),)),
        ),
    )
    assert [(file, line, message.split(";")[0]) for file, line, message in found(server(LONG, other))] == [
        (
            L,
            25,
            "vnet vnet0 of domain ldg1 is in s/ldm-list-l.txt:25:5 (ldm list -l) but not in s/ldm-list-p.txt "
            "(ldm list -p)",
        ),
        (
            L,
            26,
            "vnet vnet1 of domain ldg1: DEVICE is network@1 in s/ldm-list-l.txt:26:5 (ldm list -l) but "
            "network@2 in s/ldm-list-p.txt:31:1 (ldm list -p)",
        ),
    ]
