"""What kind of link an interface is (ipmplint.analysis.media): its driver from its
name or from ``dladm show-phys``'s DEVICE, its media from MEDIA or from the driver.
The dladm rows are written here by hand, as Solaris 11 prints them for a T-series
guest with two vanity-named links (dladm(1M), show-phys)."""

from __future__ import annotations

from ipmplint.analysis import media
from ipmplint.model import Datalink, DladmCapture, DomainCapture, Source

S = Source("ldg1/dladm-show-phys.txt")


def domain(*links: Datalink) -> DomainCapture:
    return DomainCapture("ldg1", "s/ldg1", dladm=DladmCapture(S, links))


def test_a_vanity_name_takes_the_driver_of_its_own_row_not_of_an_earlier_one():
    # net0 sorts before net1 and has a device too: only net1's own row names net1's driver
    dc = domain(
        Datalink("net0", S, media="Ethernet", device="e1000g0"), Datalink("net1", S, media="Ethernet", device="vnet0")
    )
    assert media.driver(dc, "net1") == "vnet"
    assert media.is_virtual(dc, "net1") is True
    assert media.driver(dc, "net0:2") == "e1000g"  # a logical interface: its link's row


def test_a_vanity_name_without_a_dladm_row_has_no_driver():
    assert media.driver(domain(), "net0") is None
    assert media.driver(domain(Datalink("net1", S, media="Ethernet", device="ixgbe1")), "net0") is None
    assert media.driver(domain(), "ibp3:1") == "ibp"


def test_a_logical_interface_takes_its_links_media():
    # MEDIA is known, the DEVICE is not: no driver to fall back on, the row must be found
    dc = domain(Datalink("net0", S, media="Ethernet"), Datalink("net4", S, media="InfiniBand"))
    assert media.media(dc, "net4:1") == "InfiniBand"
    assert media.media(dc, "net0:3") == "Ethernet"
    assert media.media(dc, "net7") is None
