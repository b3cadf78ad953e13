"""File names → capture kinds (CAPTURES.md aliases)."""

from __future__ import annotations

import pytest

from ipmplint.capture import filenames


@pytest.mark.parametrize(
    "name, kind",
    [
        ("ldm-list-l.txt", "ldm-list-l"),
        ("ldm_list_-l.out", "ldm-list-l"),
        ("LDM LS -L.log", "ldm-list-l"),
        ("ldm-list-bindings", "ldm-list-bindings"),
        ("ifconfig-a.txt", "ifconfig-a"),
        ("IFCONFIG_-A.OUT", "ifconfig-a"),
        ("netstat-rn.txt", "netstat-rn"),
        ("netstat_-rnv.out", "netstat-rn"),
        ("hostname.vnet0", "hostname"),
        ("hostname6.e1000g1", "hostname"),
        ("hostname.bge0:1", "hostname"),
        ("notes.txt", None),
        ("hostname", None),
        ("hostname.txt", None),
    ],
)
def test_kind_of(name, kind):
    assert filenames.kind_of(name) == kind


def test_hostname_interface_and_family():
    assert filenames.hostname_interface("hostname.vnet0") == ("vnet0", "inet")
    assert filenames.hostname_interface("hostname6.vnet1.txt") == ("vnet1", "inet6")
    assert filenames.hostname_interface("hostname.") is None
