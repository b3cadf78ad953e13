"""How in.mpathd reads FAILURE_DETECTION_TIME and which detection time a group gets
(ipmplint.analysis.mpathd). The expected values are worked out by hand from C's
strtol(value, NULL, 0) and in.mpathd's rules (mpathd.dfl; in.mpathd(1M)): a value that
is no number above 0 is rejected for the 10000 ms default, one below 100 ms is raised
to 100 ms; on Solaris 11 ``ipmpstat -g``'s FDT is the time in force."""

from __future__ import annotations

import pytest

from ipmplint.analysis import mpathd
from ipmplint.model import DomainCapture, IpmpGroup, IpmpstatCapture, IpmpstatGroup, Setting, Settings, Source

S = Source("ldg1/etc/default/mpathd")


@pytest.mark.parametrize(
    "text, expected",
    [
        ("20000", (20000, "", False)),
        ("-200", (-200, "", False)),
        ("+300 # ms", (300, "# ms", False)),
        ("0x3e8", (1000, "", False)),
        ("010", (8, "", True)),  # a leading 0: octal, as strtol(..., 0) reads it
        ("0", (0, "", False)),  # a lone 0 is not octal notation worth a word
        ("ten seconds", (0, "ten seconds", False)),  # no number at all
    ],
)
def test_strtol_reads_like_c(text, expected):
    assert mpathd.strtol(text) == expected


@pytest.mark.parametrize(
    "value, ms",
    [
        ("20000", 20000),
        ("50", 100),
        ("100", 100),
        ("1", 100),
        ("0", None),
        ("-200", None),
        ("-1", None),
        ("ten seconds", None),
    ],
)
def test_configured_fdt_raises_small_values_and_rejects_no_number_above_zero(value, ms):
    assert mpathd.configured_fdt(value) == ms


def group() -> IpmpGroup:
    return IpmpGroup("ipmp0", "ldg1", "ifconfig", Source("ldg1/ifconfig-a.txt", 3))


def domain(fdt_setting=None, ipmpstat=()) -> DomainCapture:
    settings = None if fdt_setting is None else Settings(S, (Setting("FAILURE_DETECTION_TIME", fdt_setting, S),))
    return DomainCapture(
        "ldg1",
        "s/ldg1",
        mpathd=settings,
        ipmpstat=IpmpstatCapture(Source("ldg1/ipmpstat-g.txt"), tuple(ipmpstat)) if ipmpstat else None,
    )


def test_ipmpstat_fdt_beats_the_file():
    row = IpmpstatGroup("ipmp0", Source("ldg1/ipmpstat-g.txt", 2), groupname="ipmp0", state="ok", fdt_ms=5000)
    assert mpathd.detection_time(domain("20000", [row]), group()) == (5000, "ipmpstat -g FDT")


def test_an_ipmpstat_row_without_fdt_leaves_the_file_in_force():
    # ipmpstat prints FDT "--" for a group without probe-based detection
    row = IpmpstatGroup("ipmp0", Source("ldg1/ipmpstat-g.txt", 2), groupname="ipmp0", state="ok")
    assert mpathd.detection_time(domain("20000", [row]), group()) == (
        20000,
        "/etc/default/mpathd FAILURE_DETECTION_TIME",
    )


def test_the_file_then_the_default():
    assert mpathd.detection_time(domain(), group()) == (10000, "in.mpathd's default")
    assert mpathd.detection_time(domain("-5"), group()) == (
        10000,
        "in.mpathd's default (FAILURE_DETECTION_TIME=-5 is rejected)",
    )
    assert mpathd.detection_time(domain("30"), group()) == (100, "/etc/default/mpathd FAILURE_DETECTION_TIME")
