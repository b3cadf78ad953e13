"""An address's network (``Address.network``), built from the address's number, is the
network ``ipaddress`` reads from the text ``ip/prefix``: the same network, or the same
error for a prefix no network has."""

from __future__ import annotations

import ipaddress

from hypothesis import given
from hypothesis import strategies as st

from ipmplint.model import Address, Source

ADDRESSES = st.one_of(
    st.builds(ipaddress.IPv4Address, st.integers(0, 2**32 - 1)),
    st.builds(ipaddress.IPv6Address, st.integers(0, 2**128 - 1)),
)


def _read(text: str) -> object:
    try:
        network = ipaddress.ip_network(text, strict=False)
    except ValueError as exc:
        return (type(exc), str(exc))
    return (type(network), network)


def _network(address: Address) -> object:
    try:
        network = address.network
    except ValueError as exc:
        return (type(exc), str(exc))
    return (type(network), network)


@given(ip=ADDRESSES, prefixlen=st.integers(-2, 130))
def test_the_network_is_the_one_the_text_ip_slash_prefix_reads(ip, prefixlen):
    address = Address(
        str(ip), Source("f", 1), family="inet" if ip.version == 4 else "inet6", ip=ip, prefixlen=prefixlen
    )
    assert _network(address) == _read(f"{ip}/{prefixlen}")


def test_an_address_without_a_prefix_or_a_readable_address_has_no_network():
    ip = ipaddress.ip_address("10.1.1.5")
    assert Address("10.1.1.5", Source("f", 1), ip=ip).network is None
    assert Address("10.888.1.5", Source("f", 1), prefixlen=24).network is None
    assert Address("10.1.1.5", Source("f", 1), ip=ip, prefixlen=24).network == ipaddress.ip_network("10.1.1.0/24")
