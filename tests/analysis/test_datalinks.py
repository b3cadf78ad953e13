"""The walk from a datalink down to its carrier (ipmplint.analysis.datalinks)."""

from __future__ import annotations

from ipmplint.analysis import datalinks
from ipmplint.model import Datalink, DladmCapture, Source

S = Source("x")


def capture(*links: Datalink) -> DladmCapture:
    return DladmCapture(S, links)


def test_what_each_row_says_a_link_is_built_on():
    links = datalinks.built_on(
        capture(
            Datalink("net0", S, media="Ethernet", device="ixgbe0"),  # show-phys: built on nothing
            Datalink("stub0", S, lclass="etherstub", mtu=9000),  # show-link, OVER --
            Datalink("aggr0", S, lclass="aggr", mtu=1500, over=("net1", "net4")),
            Datalink("vnic1", S, over=("net0",), speed="1000"),  # show-vnic
            Datalink("vsw0", S, lclass="non-vlan", mtu=1500, device="vsw0"),  # Solaris 10: no OVER at all
            Datalink("vnic9", S, lclass="vnic", mtu=1500),  # -o without over: unknown
        )
    )
    assert links == {
        "net0": (),
        "stub0": (),
        "aggr0": ("net1", "net4"),
        "vnic1": ("net0",),
        "vsw0": None,
        "vnic9": None,
    }


def test_a_later_row_fills_what_an_earlier_one_left_unknown():
    links = datalinks.built_on(capture(Datalink("vnic1", S, lclass="vnic"), Datalink("vnic1", S, over=("net0",))))
    assert links == {"vnic1": ("net0",)}


def test_walks():
    links = {
        "net0": (),
        "aggr0": ("net1", "net4"),
        "web1": ("net0",),
        "vnic1": ("web1",),
        "vnic2": ("aggr0",),
        "vnic3": ("net9",),
        "a": ("b",),
        "b": ("a",),
    }
    assert datalinks.walk(links, "vnic1") == datalinks.Walk(("vnic1", "web1", "net0"), closed=True)
    assert datalinks.walk(links, "vnic2") == datalinks.Walk(("vnic2", "aggr0"), closed=True, ports=("net1", "net4"))
    assert datalinks.walk(links, "vnic3") == datalinks.Walk(("vnic3", "net9"), closed=False)
    assert datalinks.walk(links, "nothing").carrier == "nothing"
    assert datalinks.walk(links, "a") == datalinks.Walk(("a", "b"), closed=False)


def test_a_long_chain_is_walked_once_per_link():
    links = {f"v{i}": (f"v{i + 1}",) for i in range(20000)}
    links["v20000"] = ()
    w = datalinks.walk(links, "v0")
    assert w.closed and w.carrier == "v20000" and len(w.path) == 20001
