"""Addresses, netmasks and MACs as Solaris writes them (ipmplint.model.addressing).
Expected values are worked out by hand: ifconfig prints a netmask as 8 hex digits
(``ffffff00``), ifconfig(1M) and netmasks(4) accept ``0x``-prefixed hex and dotted
quads, and Solaris prints MACs without leading zeros (``0:14:4f:f8:91:4f``)."""

from __future__ import annotations

import ipaddress

import pytest

from ipmplint.model import addressing


@pytest.mark.parametrize(
    "text, prefix",
    [
        ("ffffff00", 24),
        ("FFFFFF80", 25),
        ("0xffffff00", 24),
        ("0XFFFF0000", 16),
        (" 255.255.255.192 ", 26),
        ("0", 0),
        ("ffffffff", 32),
        ("255.0.255.0", None),
        ("ffff00ff", None),
        ("0xffzz0000", None),
        ("netmask", None),
    ],
)
def test_prefix_from_netmask(text, prefix):
    assert addressing.prefix_from_netmask(text) == prefix


def test_addresses_and_zones():
    assert addressing.ip("192.168.1.10") == ipaddress.IPv4Address("192.168.1.10")
    assert addressing.ip("fe80::214:4fff:fef8:914f%vnet0") == ipaddress.IPv6Address("fe80::214:4fff:fef8:914f")
    assert addressing.ip("10.888.999.133") is None


def test_macs_as_solaris_and_ldm_print_them_are_one():
    assert (
        addressing.normalize_mac("0:14:4f:f8:91:4f")
        == addressing.normalize_mac("00:14:4F:F8:91:4F")
        == "00:14:4f:f8:91:4f"
    )
    assert addressing.normalize_mac("0:xx:xx:xx:xx:xx") is None
    assert addressing.normalize_mac("") is None and addressing.normalize_mac(None) is None
