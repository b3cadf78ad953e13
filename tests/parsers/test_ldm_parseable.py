"""``ldm list -p`` and its -l / list-bindings / list-constraints forms: the verbatim
examples counted by hand, every key mapped, messy input warned at exact positions, and
property tests."""

from __future__ import annotations

import attrs
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from ldm_parseable_render import render_parseable
from ldm_strategies import names, vnet, vswitch
from parse_checks import assert_accounted, counts, strip

from ipmplint.model import LdmDomain, LdmListing, Source
from ipmplint.parsers import ldm_long, ldm_parseable


def found(result) -> list[tuple[int, int, str]]:
    return [(w.source.line, w.source.col, w.message) for w in result.warnings]


# -- verbatim examples ------------------------------------------------------------------

# FORMATS.md 4.1: LDoms 1.2 Administration Guide, Example 9-16 "Constraints for All
# Domains in a Machine-Readable Format".
CONSTRAINTS_12 = """primary# ldm list-constraints -p
VERSION 1.0
DOMAIN|name=primary
MAC|mac-addr=00:03:ba:d8:b1:46
VCPU|count=4
MEMORY|size=805306368
IO
|dev=pci@780|alias=
|dev=pci@7c0|alias=
VDS|name=primary-vds0
|vol=disk-ldg2|opts=|dev=/ldoms/nv72-ldg2/disk
|vol=vol0|opts=|dev=/ldoms/nv72-ldg1/disk
VCC|name=primary-vcc0|port-range=5000-5100
VSW|name=primary-vsw0|mac-addr=|net-dev=e1000g0|dev=switch@0
DOMAIN|name=ldg1
VCPU|count=8
MEMORY|size=1073741824
VARIABLES
|boot-device=/virtual-devices@100/channel-devices@200/disk@0:a
|nvramrc=devalias vnet0 /virtual-devices@100/channel-devices@200/network@0
|use-nvramrc?=true
VNET|name=vnet0|dev=network@0|service=primary-vsw0|mac-addr=01:14:4f:fa:0f:55
VDISK|name=vdisk0|vol=vol0@primary-vds0
"""


def test_ldoms12_constraints_example():
    result = ldm_parseable.parse(CONSTRAINTS_12, "c.txt")
    assert result.warnings == ()
    # 23 lines: the two DOMAIN, the VSW and the VNET records consumed; the prompt, the
    # VERSION line and the 17 other records and continuation lines skipped
    assert counts(result) == (23, 4, 19, 0, 0)
    listing = result.value
    assert listing.view == "list-p" and listing.linkprop_column is False
    primary, ldg1 = listing.domains
    assert (primary.name, primary.state, primary.flags, primary.source) == (
        "primary",
        None,
        None,
        Source("c.txt", 3, 1),
    )
    (vsw,) = primary.vswitches
    assert (vsw.name, vsw.mac, vsw.net_dev, vsw.device, vsw.source) == (
        "primary-vsw0",
        None,
        "e1000g0",
        "switch@0",
        Source("c.txt", 14, 1),
    )
    assert ldg1.vswitches == ()
    (vnet,) = ldg1.vnets
    # constraints name the vsw alone: no service domain
    assert (vnet.name, vnet.device, vnet.service, vnet.service_domain, vnet.mac, vnet.instance) == (
        "vnet0",
        "network@0",
        "primary-vsw0",
        None,
        "01:14:4f:fa:0f:55",
        0,
    )


# OVM 3.5 Administration Guide, "Using Universally Unique Identifiers": an inactive
# domain's `ldm ls -l -p` has every DOMAIN value empty.
UUID_35 = """primary# ldm ls -l -p ldg1
VERSION 1.6
DOMAIN|name=ldg1|state=inactive|flags=|cons=|ncpu=|mem=|util=|uptime=
UUID|uuid=6c908858-12ef-e520-9eb3-f1cd3dbc3a59
"""


def test_ovm35_inactive_domain_with_empty_values():
    result = ldm_parseable.parse(UUID_35, "u.txt")
    assert result.warnings == ()
    assert counts(result) == (4, 1, 3, 0, 0)
    (ldg1,) = result.value.domains
    assert (ldg1.name, ldg1.state, ldg1.flags) == ("ldg1", "inactive", None)


# `ldm list -p` as a public capacity-planning script quotes it (VERSION 1.11): the
# short form, FLAGS as letters, no resource records.
SHORT_LIST = """VERSION 1.11
DOMAIN|name=primary|state=active|flags=-n-cv-|cons=UART|ncpu=5|mem=47272862140|util=0.4|uptime=4772570|norm_util=0.4
DOMAIN|name=host1|state=active|flags=-n----|cons=5000|ncpu=1|mem=47272862140|util=1.4|uptime=173837|norm_util=1.4
DOMAIN|name=host2|state=active|flags=-n----|cons=5001|ncpu=16|mem=47272862140|util=1.4|uptime=1846649|norm_util=1.4
DOMAIN|name=host3|state=active|flags=-n----|cons=5002|ncpu=16|mem=47272862140|util=1.2|uptime=1847005|norm_util=1.2
"""


def test_short_list_keeps_letter_flags():
    result = ldm_parseable.parse(SHORT_LIST, "p.txt")
    assert result.warnings == ()
    assert counts(result) == (5, 4, 1, 0, 0)
    flags = {d.name: d.flags for d in result.value.domains}
    assert flags == {"primary": "-n-cv-", "host1": "-n----", "host2": "-n----", "host3": "-n----"}
    # the control domain: `c` in the fourth letter (Flag Definitions, column 4)
    assert [name for name, f in flags.items() if f[3] == "c"] == ["primary"]
    assert all(d.vswitches == () and d.vnets == () for d in result.value.domains)


# -- every key, as list-bindings -p prints them (OVM 3.x keys; peers unconfirmed) ------

BINDINGS = """# ldm list-bindings -p
VERSION 1.6
DOMAIN|name=primary|state=active|flags=normal,control,vio-service|cons=UART|ncpu=8|mem=17179869184|util=0.3|uptime=871234
VSW|name=primary-vsw0|mac-addr=00:14:4f:fb:54:f2|net-dev=net0|dev=switch@0|default-vlan-id=1|pvid=1|vid=5,6|mtu=1500|mode=|id=0|linkprop=phys-state|inter-vnet-link=on|vsw-relay-mode=local
|peer=vnet0@ldg1|mac-addr=00:14:4f:f8:91:4f|pvid=1|vid=|mtu=1500
DOMAIN|name=ldg1|state=active|flags=normal|cons=5000|ncpu=8|mem=8589934592|util=0.1|uptime=870990
VNET|name=vnet0|dev=network@0|service=primary-vsw0@primary|mac-addr=00:14:4f:f8:91:4f|mode=|pvid=1|vid=20|mtu=9000|linkprop=phys-state|id=0|alt-mac-addrs=|maxbw=100M|cos=|priority=
|peer=primary-vsw0@primary|mac-addr=00:14:4f:fb:54:f2|pvid=1|vid=|mtu=1500
|peer=vnet3@ldg2|mac-addr=00:14:4f:f8:aa:01|pvid=1|vid=|mtu=1500
"""


def test_bindings_keys_map_onto_the_list_l_fields():
    result = ldm_parseable.parse(BINDINGS, "b.txt")
    assert result.warnings == ()
    assert counts(result) == (9, 7, 2, 0, 0)
    assert result.value.linkprop_column is True
    primary, ldg1 = result.value.domains
    assert primary.flags == "normal,control,vio-service"
    assert "control" in primary.flags.split(",") and "control" not in (ldg1.flags or "").split(",")
    (vsw,) = primary.vswitches
    assert (
        vsw.mac,
        vsw.net_dev,
        vsw.device,
        vsw.default_vlan_id,
        vsw.pvid,
        vsw.vids,
        vsw.mtu,
        vsw.mode,
        vsw.id,
        vsw.linkprop,
        vsw.inter_vnet_link,
        vsw.peers,
    ) == ("00:14:4f:fb:54:f2", "net0", "switch@0", 1, 1, (5, 6), 1500, None, 0, "phys-state", "on", ("vnet0@ldg1",))
    (vnet,) = ldg1.vnets
    assert (
        vnet.service,
        vnet.service_domain,
        vnet.pvid,
        vnet.vids,
        vnet.mtu,
        vnet.linkprop,
        vnet.maxbw,
        vnet.peers,
    ) == ("primary-vsw0", "primary", 1, (20,), 9000, "phys-state", "100M", ("primary-vsw0@primary", "vnet3@ldg2"))


def test_inter_vnet_link_with_an_underscore():
    # the XML property is inter_vnet_link (FORMATS.md section 5); either spelling is read
    text = "DOMAIN|name=p\nVSW|name=v|inter_vnet_link=off\n"
    (d,) = ldm_parseable.parse(text, "x").value.domains
    assert d.vswitches[0].inter_vnet_link == "off"


# -- messy input --------------------------------------------------------------------------


def test_messy_paste_is_warned_at_each_token():
    text = (
        "<pre>  primary# ldm list -l -p\r\n"
        "  VERSION 1.6\r\n"
        "  stray words\r\n"
        "  VSW|name=early-vsw|dev=switch@9\r\n"
        "  DOMAIN|name=primary|state=active|flags=normal,control,vio-service\r\n"
        "  VARIABLES\r\n"
        '  |nvramrc=."devalias net /virtual-devices@100/channel-devices@200/network@0" cr\r\n'
        '  ."ChassisSerialNumber 0704RB0280" cr\r\n'
        "  FROB|a=1\r\n"
        "  |b=2\r\n"
        "  VSW|name=primary-vsw0|mac-addr=0:xx:xx:xx:xx:xx|dev=port@0|pvid=one|colour=blue|junk\r\n"
        "  |unknown=1\r\n"
        "  DOMAIN|state=bound\r\n"
        "  VNET|name=lost|service=primary-vsw0\r\n"
        "  DOMAIN|name=primary\r\n"
        "  VNET|name=twice|service=primary-vsw0\r\n"
        "  \t\r\n"
        "  DOMAIN|name=ldg1|state=bound|flags=normal</pre>\r\n"
        "  VNET|dev=network@0|service=primary-vsw0@primary\r\n"
    )
    result = ldm_parseable.parse(text, "m.txt")
    assert found(result) == [
        (3, 3, "line before any ldm -p record"),
        (4, 3, "VSW record before any DOMAIN record; not read"),
        (9, 3, "unknown ldm -p record type FROB; its lines (9-10) are not read"),
        # the values' columns: mac-addr= ends at 33, dev= at 54, pvid= at 66
        (11, 34, "'0:xx:xx:xx:xx:xx' is not a usable MAC address (anonymised?)"),
        (11, 55, "device 'port@0' is not like switch@N"),
        (11, 67, "pvid 'one' is not usable"),
        (11, 71, "unknown VSW key 'colour'; its value is not read"),
        (11, 83, "'junk' is not key=value; not read"),
        (12, 3, "line under the VSW record is not one of its continuations; not read"),
        (13, 3, "DOMAIN record without a name; the records under it are not read"),
        (15, 3, "domain primary is listed a second time (first at line 5); this block is not read"),
        (19, 3, "VNET record without a name and a service; not read"),
    ]
    # warned: 3, 4, 9, 10 (covered), 11, 12, 13, 14 (covered), 15, 16 (covered), 19;
    # consumed: the DOMAIN lines 5 and 18; skipped: prompt, VERSION, VARIABLES and its
    # two value lines; blank: 17
    assert counts(result) == (19, 2, 5, 11, 1)
    primary, ldg1 = result.value.domains
    (vsw,) = primary.vswitches
    assert (vsw.mac, vsw.device, vsw.pvid) == ("0:xx:xx:xx:xx:xx", "port@0", None)
    assert ldg1.vnets == ()


def test_list_services_p_goes_to_the_parseable_parser():
    text = (
        "primary# ldm list-services -p\nVERSION 1.6\n"
        "VSW|name=primary-vsw0|ldom=primary|mac-addr=00:14:4f:fb:54:f2|net-dev=net0|dev=switch@0|linkprop=\n"
        "VDS|name=primary-vds0|ldom=primary\n|vol=vol0|opts=|dev=/dev/zvol/dsk/rpool/vol0\n"
    )
    result = ldm_long.parse_services(text, "s.txt")
    assert result.warnings == ()
    assert result.account.kind == "ldm-list-services" and counts(result) == (5, 1, 4, 0, 0)
    listing = result.value
    assert listing.view == "list-services" and listing.linkprop_column is True
    (primary,) = listing.domains
    assert (primary.name, primary.source, primary.vswitches[0].net_dev) == ("primary", Source("s.txt", 3, 28), "net0")


@pytest.mark.parametrize("text", ["", "\n\n", "VERSION 1.0\n", "|a=b\n", "IO\n|dev=pci@780\n", "DOMAIN\n"])
def test_degenerate_input(text):
    result = ldm_parseable.parse(text, "d.txt")
    assert_accounted(result, text)
    assert result.value.domains == ()


# -- properties -------------------------------------------------------------------------

FLAGS = {
    "list": ["-n-cv-", "-n----", "-t----", "------", "s-d---"],
    "long": ["normal,control,vio-service", "normal", "normal,vio-service", "transition", None],
}


@st.composite
def listings(draw) -> tuple[LdmListing, str]:
    variant = draw(st.sampled_from(["list", "long", "bindings", "constraints"]))
    domains = []
    full, devices = variant != "constraints", variant != "list"
    for name in draw(st.lists(names, min_size=1, max_size=3, unique=True)):
        domains.append(
            LdmDomain(
                name=name,
                source=Source("x"),
                state=draw(st.sampled_from(["active", "bound", "inactive"])) if variant != "constraints" else None,
                flags=draw(st.sampled_from(FLAGS["list" if variant == "list" else "long"]))
                if variant != "constraints"
                else None,
                vswitches=tuple(draw(st.lists(vswitch(name, full, mode=full), max_size=3))) if devices else (),
                vnets=tuple(
                    draw(st.lists(vnet(name, full, peers=variant == "bindings", service_domain=full), max_size=3))
                )
                if devices
                else (),
            )
        )
    linkprop = variant in ("long", "bindings") and any(d.vswitches or d.vnets for d in domains)
    return LdmListing(Source("x"), tuple(domains), linkprop_column=linkprop, view="list-p"), variant


@settings(max_examples=200, deadline=None)
@given(listings())
def test_render_then_parse_gives_the_model_back(case):
    listing, variant = case
    result = ldm_parseable.parse(render_parseable(listing, variant), "x")
    assert result.warnings == ()
    # the short ``ldm list -p`` prints DOMAIN records only: no resources, so no bindings
    expected = attrs.evolve(listing, resources=variant != "list" and bool(listing.domains))
    assert strip(result.value) == strip(expected)
    assert result.account.warned == 0 and result.account.balanced


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet=st.sampled_from(list('DOMAINVSWETR|=ab01:@,.- \t\n\r"')), max_size=400))
def test_arbitrary_text_never_raises(text):
    assert_accounted(ldm_parseable.parse(text, "fuzz"), text)


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=300))
def test_any_unicode_never_raises(text):
    result = ldm_parseable.parse(text, "fuzz")
    assert result.value is not None and result.account.balanced


def test_a_record_indented_alone_is_warned_at_its_keyword():
    """A record line indented more than the rest (a hand-edited paste) keeps its own
    column: the warning points at the keyword, not at the line's start."""
    result = ldm_parseable.parse("VERSION 1.6\nDOMAIN|name=primary|state=active\n   FROB|a=1\n", "m.txt")
    assert found(result) == [(3, 4, "unknown ldm -p record type FROB; its lines (3-3) are not read")]
