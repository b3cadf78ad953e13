"""The addresses of one interface, as the membership helpers read them from a domain's
runtime capture."""

from __future__ import annotations

from ipmplint.analysis import membership
from ipmplint.model import DomainCapture
from ipmplint.parsers import ipadm

# `ipadm show-addr` of a Solaris 11 domain with two interfaces, net1 carrying two addresses
SHOW_ADDR = ("ADDROBJ           TYPE     STATE        ADDR\n"
             "lo0/v4            static   ok           127.0.0.1/8\n"
             "net0/v4           static   ok           10.1.1.11/24\n"
             "net1/v4           static   ok           10.2.2.12/24\n"
             "net1/v4a          static   ok           10.2.2.13/24\n")


def test_interface_addresses_from_ipadm_are_the_named_interfaces_only():
    dc = DomainCapture("ldg1", "ldg1", ipadm=ipadm.parse(SHOW_ADDR, "ipadm.txt").value)
    assert [a.text for a in membership.interface_addresses(dc, "net0")] == ["10.1.1.11"]
    assert [a.text for a in membership.interface_addresses(dc, "net1")] == ["10.2.2.12", "10.2.2.13"]
    assert membership.interface_addresses(dc, "net2") == ()
