"""The addresses of one interface, as the membership helpers read them from a domain's
runtime capture."""

from __future__ import annotations

from ipmplint.analysis import membership
from ipmplint.model import DomainCapture
from ipmplint.parsers import ipadm

# `ipadm show-addr` of a Solaris 11 domain with two interfaces, net1 carrying two addresses
SHOW_ADDR = (
    "ADDROBJ           TYPE     STATE        ADDR\n"
    "lo0/v4            static   ok           127.0.0.1/8\n"
    "net0/v4           static   ok           10.1.1.11/24\n"
    "net1/v4           static   ok           10.2.2.12/24\n"
    "net1/v4a          static   ok           10.2.2.13/24\n"
)


def test_interface_addresses_from_ipadm_are_the_named_interfaces_only():
    dc = DomainCapture("ldg1", "ldg1", ipadm=ipadm.parse(SHOW_ADDR, "ipadm.txt").value)
    assert [a.text for a in membership.interface_addresses(dc, "net0")] == ["10.1.1.11"]
    assert [a.text for a in membership.interface_addresses(dc, "net1")] == ["10.2.2.12", "10.2.2.13"]
    assert membership.interface_addresses(dc, "net2") == ()


# `netstat -rn`: a default router on net0's subnet, a router beyond it that the route
# sends through net0 by name, one sent through net1, and net0's own interface route
NETSTAT = (
    "Routing Table: IPv4\n"
    "  Destination           Gateway           Flags  Ref     Use     Interface\n"
    "-------------------- -------------------- ----- ----- ---------- ---------\n"
    "default              10.1.1.1             UG        2        120 net0\n"
    "10.5.0.0             10.9.9.1             UG        1          0 net0\n"
    "10.6.0.0             10.8.8.1             UG        1          0 net1\n"
    "10.1.1.0             10.1.1.11            U         1          5 net0\n"
)


def test_gateways_via_an_interface_are_on_its_subnet_or_routed_through_it_by_name():
    from ipmplint.parsers import netstat

    dc = DomainCapture(
        "ldg1",
        "ldg1",
        ipadm=ipadm.parse(SHOW_ADDR, "ipadm.txt").value,
        routes=netstat.parse(NETSTAT, "netstat-rn.txt").value,
    )
    assert [(str(ip), source.line) for ip, source in membership.gateways_via(dc, "net0")] == [
        ("10.1.1.1", 4),
        ("10.9.9.1", 5),
    ]
    assert [(str(ip), source.line) for ip, source in membership.gateways_via(dc, "net1")] == [("10.8.8.1", 6)]
