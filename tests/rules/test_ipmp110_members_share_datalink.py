"""IPMP110: Solaris 11 members of one group built on the same datalink."""

from __future__ import annotations

from failure_detection_captures import ldm
from rule_harness import check, found, skipped

IPADM_IF = """\
IFNAME     CLASS    STATE    ACTIVE OVER
lo0        loopback ok       yes    --
vnic1      ip       ok       yes    --
vnic2      ip       ok       yes    --
ipmp0      ipmp     ok       yes    vnic1 vnic2
"""
IPADM_ADDR = """\
ADDROBJ           TYPE     STATE        ADDR
lo0/v4            static   ok           127.0.0.1/8
ipmp0/v4          static   ok           192.168.1.1/24
"""

# The rows of Oracle Solaris 11.3 "Displaying VNICs" (E62566 gmcff), Example 9.
SHOW_VNIC = """\
# dladm show-vnic
LINK      OVER     SPEED      MACADDRESS          MACADDRTYPE       IDS      
vnic1     net0     1000       2:8:20:c2:39:38     random            VID:123   
vnic2     net0     1000       2:8:20:5f:84:ff     random            VID:456
"""

SHOW_LINK = """\
# dladm show-link
LINK                CLASS     MTU    STATE    OVER
net0                phys      1500   up       --
net1                phys      1500   up       --
net2                phys      1500   up       --
net4                phys      1500   up       --
aggr0               aggr      1500   up       net2,net4
vnic1               vnic      1500   up       net0
vnic2               vnic      1500   up       net1
"""


def run(tmp_path, **files):
    base = {"ipadm-show-if.txt": IPADM_IF, "ipadm-show-addr.txt": IPADM_ADDR}
    base.update({name.replace("_", "-") + ".txt": text for name, text in files.items()})
    return check(tmp_path, "IPMP110", base)


def test_two_vnics_over_one_nic(tmp_path):
    report = run(tmp_path, dladm_show_vnic=SHOW_VNIC)
    assert found(report) == [("dladm-show-vnic.txt", 4, 1, "net0")]
    (finding,) = report.findings
    assert finding.group == "ipmp0"
    assert "members vnic1 (over net0), vnic2 (over net0) are all carried by datalink net0" in finding.message


def test_vnics_over_separate_nics(tmp_path):
    report = run(tmp_path, dladm_show_link=SHOW_LINK)
    assert report.findings == () and report.skipped == ()


def test_vnic_over_vlan_over_the_nic_of_the_other(tmp_path):
    text = SHOW_LINK.replace(
        "vnic2               vnic      1500   up       net1",
        "vnic2               vnic      1500   up       web1\nweb1                vlan      1500   up       net0",
    )
    report = run(tmp_path, dladm_show_link=text)
    assert found(report) == [("dladm-show-link.txt", 9, 1, "net0")]
    assert "vnic1 (over net0), vnic2 (over web1, over net0)" in report.findings[0].message


def test_vlan_from_show_vlan_walks_to_its_link(tmp_path):
    vlan = (
        "# dladm show-vlan\nLINK            VID      OVER            FLAGS\n"
        "web1            111      net0            -----\n"
    )
    text = SHOW_LINK.replace("up       net1\n", "up       web1\n")
    report = run(tmp_path, dladm_show_link=text, dladm_show_vlan=vlan)
    assert found(report) == [("dladm-show-link.txt", 9, 1, "net0")]


def test_two_vnics_over_one_aggregation_share_it(tmp_path):
    text = SHOW_LINK.replace("up       net0\n", "up       aggr0\n").replace("up       net1\n", "up       aggr0\n")
    report = run(tmp_path, dladm_show_link=text)
    assert found(report) == [("dladm-show-link.txt", 9, 1, "aggr0")]
    assert "carried by aggregation aggr0 (ports net2, net4)" in report.findings[0].message


def test_vnic_over_an_aggregation_and_one_over_a_nic_outside_it(tmp_path):
    text = SHOW_LINK.replace("up       net0\n", "up       aggr0\n")
    assert run(tmp_path, dladm_show_link=text).findings == ()


def test_member_beside_a_vnic_over_it(tmp_path):
    ipadm = IPADM_IF.replace("vnic1 vnic2", "net0 vnic1").replace("vnic2      ip", "net0       ip")
    report = check(
        tmp_path,
        "IPMP110",
        {"ipadm-show-if.txt": ipadm, "ipadm-show-addr.txt": IPADM_ADDR, "dladm-show-link.txt": SHOW_LINK},
    )
    assert found(report) == [("dladm-show-link.txt", 8, 1, "net0")]
    assert "members net0, vnic1 (over net0)" in report.findings[0].message


def test_guest_vnets_are_their_own_carriers(tmp_path):
    """An LDoms guest: net0/net1 are physical links to the guest (DEVICE vnet0/vnet1)."""
    ipadm = IPADM_IF.replace("vnic1", "net0").replace("vnic2", "net1")
    phys = (
        "# dladm show-phys\nLINK              MEDIA                STATE      SPEED  DUPLEX    DEVICE\n"
        "net0              Ethernet             up         0      unknown   vnet0\n"
        "net1              Ethernet             up         0      unknown   vnet1\n"
    )
    report = check(
        tmp_path,
        "IPMP110",
        {"ipadm-show-if.txt": ipadm, "ipadm-show-addr.txt": IPADM_ADDR, "dladm-show-phys.txt": phys},
    )
    assert report.findings == () and report.skipped == ()


def test_skipped_without_dladm(tmp_path):
    report = run(tmp_path)
    assert report.findings == ()
    assert skipped(report) == [("host", ("dladm-show-link.txt",))]
    assert "what vnic1, vnic2 is built on was not captured" in report.skipped[0].reason


def test_skipped_when_the_walk_reaches_an_undescribed_link(tmp_path):
    vnic = SHOW_VNIC.replace("vnic2     net0", "vnic2     net7")
    report = run(tmp_path, dladm_show_vnic=vnic)
    assert report.findings == ()
    assert skipped(report) == [("host", ("dladm-show-link.txt",))]


def test_shared_undescribed_link_is_still_shared(tmp_path):
    """Both VNICs over net0: they share it whatever net0 is built on."""
    assert len(run(tmp_path, dladm_show_vnic=SHOW_VNIC).findings) == 1


SOLARIS10 = """\
e1000g0: flags=1000843<UP,BROADCAST,RUNNING,MULTICAST,IPv4> mtu 1500 index 2
        inet 192.168.10.20 netmask ffffff00 broadcast 192.168.10.255
        groupname prod
e1000g1: flags=1000843<UP,BROADCAST,RUNNING,MULTICAST,IPv4> mtu 1500 index 3
        inet 192.168.10.21 netmask ffffff00 broadcast 192.168.10.255
        groupname prod
"""


def test_not_on_solaris10(tmp_path):
    files = {
        "ifconfig-a.txt": SOLARIS10,
        "etc/hostname.e1000g0": "192.168.10.20 netmask + broadcast + group prod up\n",
        "etc/hostname.e1000g1": "192.168.10.21 netmask + broadcast + group prod up\n",
    }
    report = check(tmp_path, "IPMP110", files)
    assert report.findings == () and report.skipped == ()


def test_skipped_when_the_release_is_unknown(tmp_path):
    report = check(tmp_path, "IPMP110", {"ifconfig-a.txt": SOLARIS10})
    assert report.findings == ()
    assert skipped(report) == [("host", ("dladm-show-link.txt",))]


def test_single_member_groups_are_not_judged(tmp_path):
    ipadm = IPADM_IF.replace("vnic1 vnic2", "vnic1")
    report = check(tmp_path, "IPMP110", {"ipadm-show-if.txt": ipadm, "ipadm-show-addr.txt": IPADM_ADDR})
    assert report.findings == () and report.skipped == ()


def test_vnics_over_an_aggregation_from_show_vnic_and_show_aggr(tmp_path):
    vnic = SHOW_VNIC.replace("net0", "aggr0")
    aggr = (
        "# dladm show-aggr -x\n"
        "LINK       PORT           SPEED DUPLEX   STATE     ADDRESS            PORTSTATE\n"
        "aggr0      --             1000Mb full    up        8:0:27:49:10:b8    --\n"
        "--         net1           1000Mb full    up        8:0:27:49:10:b8    attached\n"
        "--         net4           1000Mb full    up        8:0:27:e4:d9:46    attached\n"
    )
    report = run(tmp_path, dladm_show_vnic=vnic, dladm_show_aggr=aggr)
    assert found(report) == [("dladm-show-vnic.txt", 4, 1, "aggr0")]
    assert "carried by aggregation aggr0 (ports net1, net4)" in report.findings[0].message


def test_three_vnics_over_one_nic_are_reported_at_the_last_members_row(tmp_path):
    vnic = SHOW_VNIC + "vnic3     net0     1000       2:8:20:11:22:33     random            VID:789\n"
    ipadm = IPADM_IF.replace("vnic1 vnic2", "vnic1 vnic2 vnic3").replace(
        "ipmp0      ipmp", "vnic3      ip       ok       yes    --\nipmp0      ipmp"
    )
    report = check(
        tmp_path,
        "IPMP110",
        {"ipadm-show-if.txt": ipadm, "ipadm-show-addr.txt": IPADM_ADDR, "dladm-show-vnic.txt": vnic},
    )
    assert found(report) == [("dladm-show-vnic.txt", 5, 1, "net0")]
    assert (
        "members vnic1 (over net0), vnic2 (over net0), vnic3 (over net0) are all carried" in report.findings[0].message
    )


def test_the_row_is_the_last_members_own_wherever_dladm_lists_it(tmp_path):
    """show-link lists vnic2 before vnic1: the finding is at vnic1's row, the last member's."""
    ipadm = IPADM_IF.replace("vnic1 vnic2", "net0 vnic1").replace("vnic2      ip", "net0       ip")
    text = SHOW_LINK.replace("vnic1               vnic      1500   up       net0\n", "").replace(
        "vnic2               vnic      1500   up       net1\n",
        "vnic2               vnic      1500   up       net1\nvnic1               vnic      1500   up       net0\n",
    )
    text = text.replace("aggr0               aggr      1500   up       net2,net4\n", "")
    report = check(
        tmp_path,
        "IPMP110",
        {"ipadm-show-if.txt": ipadm, "ipadm-show-addr.txt": IPADM_ADDR, "dladm-show-link.txt": text},
    )
    assert found(report) == [("dladm-show-link.txt", 8, 1, "net0")]


def test_a_domain_passed_over_does_not_end_the_check_of_the_next(tmp_path):
    """ldg1, judged before primary, has only a one-member group, runs Solaris 10, or a release that cannot be told:
    primary's two VNICs over net0 are still reported."""
    primary = {
        "primary/ipadm-show-if.txt": IPADM_IF,
        "primary/ipadm-show-addr.txt": IPADM_ADDR,
        "primary/dladm-show-vnic.txt": SHOW_VNIC,
        "ldm-list-l.txt": ldm(linkprop=True),
    }
    solaris10 = {
        "ldg1/ifconfig-a.txt": SOLARIS10,
        "ldg1/etc/hostname.e1000g0": "192.168.10.20 netmask + broadcast + group prod up\n",
        "ldg1/etc/hostname.e1000g1": "192.168.10.21 netmask + broadcast + group prod up\n",
    }
    one_member = {
        "ldg1/ipadm-show-if.txt": IPADM_IF.replace("vnic1 vnic2", "vnic1"),
        "ldg1/ipadm-show-addr.txt": IPADM_ADDR,
    }
    unknown = {"ldg1/ifconfig-a.txt": SOLARIS10}
    for case, ldg1 in (("solaris10", solaris10), ("one-member", one_member), ("unknown-release", unknown)):
        report = check(tmp_path / case, "IPMP110", {**primary, **ldg1})
        assert found(report) == [("primary/dladm-show-vnic.txt", 4, 1, "net0")], case
        assert skipped(report) == ([("ldg1", ("ldg1/dladm-show-link.txt",))] if ldg1 is unknown else []), case


def test_an_aggregation_of_one_port_is_walked_through_to_its_port(tmp_path):
    """aggr0 over net2 alone: its one port carries both VNICs, named as a datalink."""
    text = (
        SHOW_LINK.replace("up       net0\n", "up       aggr0\n")
        .replace("up       net1\n", "up       aggr0\n")
        .replace("net2,net4", "net2")
    )
    report = run(tmp_path, dladm_show_link=text)
    assert found(report) == [("dladm-show-link.txt", 9, 1, "net2")]
    assert "are all carried by datalink net2;" in report.findings[0].message


def test_a_nic_listed_last_is_reported_at_its_own_row(tmp_path):
    """net0 itself, after a VNIC over it: its show-link row (OVER --) is still the row
    that says what it is."""
    ipadm = IPADM_IF.replace("vnic1 vnic2", "vnic1 net0").replace("vnic2      ip", "net0       ip")
    report = check(
        tmp_path,
        "IPMP110",
        {"ipadm-show-if.txt": ipadm, "ipadm-show-addr.txt": IPADM_ADDR, "dladm-show-link.txt": SHOW_LINK},
    )
    assert found(report) == [("dladm-show-link.txt", 3, 1, "net0")]
