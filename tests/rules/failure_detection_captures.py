"""Capture texts for the failure-detection rule tests (IPMP203-IPMP212), in the shapes
administrators paste: `ifconfig -a` stanzas, `netstat -rn` rows, `/etc/hostname.*`,
and a small `ldm list -l`. Each test states only what differs from the seed's guest."""

from __future__ import annotations

from typing import Optional

LO0 = (
    "lo0: flags=2001000849<UP,LOOPBACK,RUNNING,MULTICAST,IPv4,VIRTUAL> mtu 8232 index 1\n"
    "        inet 127.0.0.1 netmask ff000000 \n"
)

#: ifconfig flags as Solaris prints them: (hex, names).
DATA = ("1000843", "UP,BROADCAST,RUNNING,MULTICAST,IPv4")
TEST = ("9040843", "UP,BROADCAST,RUNNING,MULTICAST,DEPRECATED,IPv4,NOFAILOVER")
TEST_STANDBY = ("69040843", "UP,BROADCAST,RUNNING,MULTICAST,DEPRECATED,IPv4,NOFAILOVER,STANDBY,INACTIVE")
TEST_NOT_DEPRECATED = ("9000843", "UP,BROADCAST,RUNNING,MULTICAST,IPv4,NOFAILOVER")
DEPRECATED_ONLY = ("1040843", "UP,BROADCAST,RUNNING,MULTICAST,DEPRECATED,IPv4")
IPMP_IF = ("8011000803", "UP,BROADCAST,MULTICAST,IPv4,IPMP")


def stanza(
    name: str,
    flags: tuple[str, str],
    address: str,
    index: int,
    group: Optional[str] = None,
    mac: Optional[str] = None,
    netmask: str = "ffffff00",
) -> str:
    """One `ifconfig -a` stanza (header line first)."""
    hexflags, names = flags
    prefix = ".".join(address.split(".")[:3])
    text = (
        f"{name}: flags={hexflags}<{names}> mtu 1500 index {index}\n"
        f"        inet {address} netmask {netmask} broadcast {prefix}.255\n"
    )
    if group:
        text += f"        groupname {group}\n"
    if mac:
        text += f"        ether {mac} \n"
    return text


def ifconfig(*stanzas: str) -> str:
    return LO0 + "".join(stanzas)


def route(destination: str, gateway: str, flags: str, interface: str = "") -> str:
    """One `netstat -rn` row."""
    return f"{destination:<20} {gateway:<20} {flags:<5} {1:>5} {100:>10} {interface:<10}\n"


def netstat(*rows: str) -> str:
    return (
        "\nRouting Table: IPv4\n"
        "  Destination           Gateway           Flags  Ref     Use     Interface \n"
        "-------------------- -------------------- ----- ----- ---------- --------- \n"
        + "".join(rows)
        + route("127.0.0.1", "127.0.0.1", "UH", "lo0")
    )


def seed_guest(
    vnet1_address: str = "192.168.102.12",
    vnet1_flags: tuple[str, str] = TEST_STANDBY,
    vnet0_test_flags: tuple[str, str] = TEST,
    routes: Optional[str] = None,
) -> dict[str, str]:
    """The seed's guest (Figure 7-4), as a single host: vnet0 with data address .10 and
    test address .11, standby vnet1 with test address .12, host routes to .1 and .2."""
    return {
        "ifconfig-a.txt": ifconfig(
            stanza("vnet0", DATA, "192.168.102.10", 2, "ipmp0", "0:14:4f:f8:91:4f"),
            stanza("vnet0:1", vnet0_test_flags, "192.168.102.11", 2),
            stanza("vnet1", vnet1_flags, vnet1_address, 3, "ipmp0", "0:14:4f:f8:dd:68"),
        ),
        "netstat-rn.txt": routes
        if routes is not None
        else netstat(
            route("192.168.102.0", "192.168.102.10", "U", "vnet0"),
            route("192.168.102.1", "192.168.102.1", "UGH", "vnet0"),
            route("192.168.102.2", "192.168.102.2", "UGH", "vnet0"),
        ),
    }


def ldm(linkprop: bool) -> str:
    """`ldm list -l` of a control domain with two vsws (net-dev e1000g0 and e1000g1) and a
    guest ldg1 with vnet0 and vnet1 on them; with LINKPROP columns (LDoms 1.3 and later,
    both vnets `phys-state`) or without (LDoms 1.2)."""
    if linkprop:
        vsw = (
            "VSW\n"
            "    NAME             MAC               NET-DEV   ID   DEVICE     LINKPROP   DEFAULT-VLAN-ID PVID VID"
            "                  MTU   MODE   INTER-VNET-LINK\n"
            "    primary-vsw0     00:14:4f:fb:54:f2 e1000g0   0    switch@0   phys-state 1               1    "
            "                     1500         on\n"
            "    primary-vsw1     00:14:4f:fb:54:f3 e1000g1   1    switch@1   phys-state 1               1    "
            "                     1500         on\n"
        )
        net = (
            "NETWORK\n"
            "    NAME             SERVICE                     ID   DEVICE     MAC               MODE   PVID VID"
            "                  MTU   MAXBW      LINKPROP\n"
            "    vnet0            primary-vsw0@primary        0    network@0  00:14:4f:f8:91:4f        1     "
            "                    1500             phys-state\n"
            "    vnet1            primary-vsw1@primary        1    network@1  00:14:4f:f8:dd:68        1     "
            "                    1500             phys-state\n"
        )
    else:
        vsw = (
            "VSW\n"
            "    NAME             MAC               NET-DEV   DEVICE    MODE\n"
            "    primary-vsw0     00:14:4f:fb:54:f2 e1000g0   switch@0  prog,promisc\n"
            "    primary-vsw1     00:14:4f:fb:54:f3 e1000g1   switch@1  prog,promisc\n"
        )
        net = (
            "NETWORK\n"
            "    NAME             SERVICE                   DEVICE     MAC\n"
            "    vnet0            primary-vsw0@primary      network@0  00:14:4f:f8:91:4f\n"
            "    vnet1            primary-vsw1@primary      network@1  00:14:4f:f8:dd:68\n"
        )
    return (
        "NAME             STATE    FLAGS   CONS    VCPU  MEMORY   UTIL  UPTIME\n"
        "primary          active   -n-cv           4     4G       0.6%  12d 3h 10m\n"
        "\n" + vsw + "\n"
        "------------------------------------------------------------------------------\n"
        "NAME             STATE    FLAGS   CONS    VCPU  MEMORY   UTIL  UPTIME\n"
        "ldg1             active   -n---   5000    8     8G       1.2%  12d 2h 55m\n"
        "\n" + net
    )


def in_domain(domain: str, files: dict[str, str]) -> dict[str, str]:
    """The same files in a domain folder of a server capture."""
    return {f"{domain}/{name}": text for name, text in files.items()}
