"""Build a fleet of real-shaped capture folders, for benchmarks (run by hand).

    python benchmarks/make_fleet.py OUT --servers 1000 --domains 10 [--seed 7]

writes ``OUT/srv0000/`` … one capture root per physical server, in the layout
``ipmplint check`` reads (README "Captures"): the control domain's ``ldm list -l``
and one folder per domain. The shapes are those of the fixtures (``fixtures/*``):

- the release of the Logical Domains Manager: LDoms 1.2 (``ldm list -l``'s narrow
  VSW/NETWORK columns, ``fig-7-3``) or OVM 3.x (the wide columns with LINKPROP,
  PVID, MTU…, ``ipmp201-fixed-link-based-phys-state``);
- one service domain with two vsws (Figure 7-3) or two service domains (Figure 7-4);
- guests running Solaris 10 (``ifconfig -a``, ``/etc/hostname.*``, ``netstat -rn``)
  or Solaris 11 (``ifconfig -a`` with the IPMP interface, ``ipadm``, ``ipmpstat``,
  ``dladm show-phys``);
- group shapes: active/standby and active/active with test addresses and host routes,
  link-based over ``phys-state`` vnets, three members, no group at all;
- and a share broken on purpose, so rules fire: both vnets on one vsw (IPMP101), both
  vsws in one service domain (IPMP102), no probe target (IPMP202), a vnet whose MAC
  ldm does not list (IPMP105), link-based detection before LDoms 1.3 (IPMP201), a
  test address that is not deprecated (IPMP205), a line ipmplint cannot read (CAP001).

Real ``ldm list -l`` listings are long: every domain has its VCPU, MEMORY, VARIABLES,
DISK… sections. They are padded in proportion to each domain's size, so that 1,000
servers × 10 domains are about 80 MB.

The output depends only on the seed and each server's number: the first 10 servers
of a 1,000-server fleet are the 10-server fleet, so fleets of growing size compare.
"""

from __future__ import annotations

import argparse
import os
import random
import sys
from pathlib import Path
from typing import Optional

#: Relative weights of the shapes; broken ones fire at least one rule.
GROUP_SHAPES = (
    ("active-standby", 30),
    ("active-active", 20),
    ("link-based", 10),
    ("three-members", 5),  # three vnets on two vsws: IPMP101
    ("no-group", 5),
    ("shared-vsw", 4),  # IPMP101
    ("no-probe-targets", 4),  # IPMP202
    ("vnet-not-matched", 3),  # IPMP105
    ("not-deprecated", 3),  # IPMP205 (Solaris 10)
)

SEPARATOR = "-" * 78


def table(header: list[str], rows: list[list[str]], indent: str = "    ") -> list[str]:
    """A table as ldm prints it: each column as wide as its widest cell plus blanks,
    every cell starting under its header word; the last column unpadded."""
    widths = [
        max(len(header[i]), *(len(r[i]) for r in rows)) + 2 if rows else len(header[i]) + 2 for i in range(len(header))
    ]

    def line(cells: list[str]) -> str:
        return (indent + "".join(c.ljust(w) for c, w in zip(cells, widths))).rstrip()

    return [line(header)] + [line(r) for r in rows]


class Server:
    """One physical server: its ldm listing and its domains' captures, as text."""

    def __init__(self, seed: int, number: int, domains: int) -> None:
        self.rng = random.Random(f"{seed}/{number}")
        self.number = number
        self.name = f"srv{number:04d}"
        rng = self.rng
        self.ovm3 = rng.random() < 0.6
        self.two_service = rng.random() < 0.7
        names = ["primary"] + (["alternate"] if self.two_service else [])
        self.guests = [f"ldg{i}" for i in range(1, max(1, domains - len(names)) + 1)]
        self.services = names
        self.domains = names + self.guests
        self.octet = number % 250 + 1
        self.macs = 0
        self.files: dict[str, str] = {}
        # Each guest: its Solaris release and group shape.
        shapes, weights = zip(*GROUP_SHAPES)
        self.guest_shape = {g: rng.choices(shapes, weights)[0] for g in self.guests}
        self.guest_s11 = {g: rng.random() < 0.45 for g in self.guests}
        for g, shape in self.guest_shape.items():
            if shape == "link-based" and not self.ovm3:
                rng.random()  # a draw that keeps the published fleets as they are; LDoms 1.2 has no
                # phys-state, so a link-based group there fires IPMP201
            if shape == "not-deprecated":
                self.guest_s11[g] = False  # IPMP205 is about Solaris 10
        self.cap001 = rng.random() < 0.05
        self.disks = {g: rng.randint(2, 6) for g in self.guests}

    # -- identities ---------------------------------------------------------------------

    def mac(self, oui: str = "00:14:4f") -> str:
        self.macs += 1
        n = self.number * 4096 + self.macs
        return f"{oui}:{(n >> 16) & 0xFF:02x}:{(n >> 8) & 0xFF:02x}:{n & 0xFF:02x}"

    def subnet(self, domain_index: int) -> str:
        return f"10.{self.octet}.{domain_index + 100}"

    def vswitches(self) -> list[tuple[str, str, str, str]]:
        """(domain, vsw name, net-dev, device) of the server's virtual switches."""
        if self.two_service:
            nic = "net0" if self.ovm3 else "e1000g0"
            return [
                ("primary", "primary-vsw0", nic, "switch@0"),
                ("alternate", "alternate-vsw0", "net1" if self.ovm3 else "nxge0", "switch@0"),
            ]
        return [
            ("primary", "primary-vsw0", "net0" if self.ovm3 else "e1000g0", "switch@0"),
            ("primary", "primary-vsw1", "net1" if self.ovm3 else "e1000g1", "switch@1"),
        ]

    # -- the whole server ---------------------------------------------------------------

    def build(self) -> dict[str, str]:
        self.vsw = self.vswitches()
        self.vsw_macs = {v[1]: self.mac() for v in self.vsw}
        self.vnets: dict[str, list[tuple[str, str, str, str]]] = {}  # guest → (vnet, vsw@dom, device, mac)
        for g in self.guests:
            shape = self.guest_shape[g]
            count = 3 if shape == "three-members" else 2
            vnets = []
            for k in range(count):
                if shape == "shared-vsw":
                    dom, vsw = self.vsw[0][0], self.vsw[0][1]
                else:
                    dom, vsw = self.vsw[k % 2][0], self.vsw[k % 2][1]
                vnets.append((f"vnet{k}", f"{vsw}@{dom}", f"network@{k}", self.mac()))
            self.vnets[g] = vnets
        self.files["ldm-list-l.txt"] = self.ldm_list()
        for di, d in enumerate(self.services):
            self.service_domain(di, d)
        for gi, g in enumerate(self.guests):
            self.guest(len(self.services) + gi, g)
        if self.cap001:
            # A line pasted by mistake: CAP001 on the ldm capture.
            self.files["ldm-list-l.txt"] += "Connection to primary closed.\n"
        return self.files

    # -- ldm list -l --------------------------------------------------------------------

    def ldm_list(self) -> str:
        rng = self.rng
        out = ["primary# ldm list -l"]
        pid = 0
        for i, d in enumerate(self.domains):
            vcpus = rng.choice((16, 32, 64, 128)) if i < len(self.services) else rng.choice((32, 64, 96, 128, 160, 192))
            mem = vcpus * rng.choice((2, 4))
            if i:
                out.append(SEPARATOR)
            control = d == "primary"
            flags = (
                ("-n-cv-" if control else "-n--v-" if d in self.services else "-n----")
                if self.ovm3
                else ("-n-cv" if control else "-n--v" if d in self.services else "-n---")
            )
            cons = ("UART" if control else str(5000 + i)) if self.ovm3 else ("" if control else str(5000 + i))
            util = f"{rng.uniform(0, 9):.1f}%"
            uptime = f"{rng.randint(1, 400)}d {rng.randint(0, 23)}h {rng.randint(0, 59)}m"
            if self.ovm3:
                header = ["NAME", "STATE", "FLAGS", "CONS", "VCPU", "MEMORY", "UTIL", "NORM", "UPTIME"]
                row = [d, "active", flags, cons, str(vcpus), f"{mem}G", util, util, uptime]
            else:
                header = ["NAME", "STATE", "FLAGS", "CONS", "VCPU", "MEMORY", "UTIL", "UPTIME"]
                row = [d, "active", flags, cons, str(vcpus), f"{mem}G", util, uptime]
            out += table(header, [row], indent="")
            out.append("")
            if self.ovm3:
                out += [
                    "UUID",
                    f"    {rng.getrandbits(128):032x}"[:12] + "-" + f"{rng.getrandbits(64):016x}",
                    "",
                    "MAC",
                    f"    {self.mac('00:10:e0')}",
                    "",
                    "HOSTID",
                    f"    0x{rng.getrandbits(32):08x}",
                    "",
                    "CONTROL",
                    "    failure-policy=ignore",
                    "    extended-mapin-space=on",
                    "    cpu-arch=native",
                    "    rc-add-policy=",
                    "    shutdown-group=0" if control else "    shutdown-group=15",
                    "    perf-counters=global" if control else "    perf-counters=htstrand",
                    "",
                    "DEPENDENCY",
                    "    master=",
                    "",
                ]
                cores = vcpus // 8
                out += ["CORE"] + table(
                    ["CID", "CPUSET"],
                    [
                        [str(pid // 8 + c), "(" + ", ".join(str(pid + 8 * c + t) for t in range(8)) + ")"]
                        for c in range(cores)
                    ],
                )
                out.append("")
            rows = []
            for v in range(vcpus):
                u = rng.uniform(0, 12)
                if self.ovm3:
                    rows.append([str(v), str(pid + v), str((pid + v) // 8), f"{u:.1f}%", f"{u:.1f}%", "100%"])
                else:
                    rows.append([str(v), str(pid + v), f"{u:.1f}%", "100%"])
            pid += vcpus
            out += ["VCPU"] + table(
                ["VID", "PID", "CID", "UTIL", "NORM", "STRAND"] if self.ovm3 else ["VID", "PID", "UTIL", "STRAND"], rows
            )
            out.append("")
            base = 0x30000000 + i * 0x400000000
            chunks = max(1, mem // 16)
            out += ["MEMORY"] + table(
                ["RA", "PA", "SIZE"],
                [
                    [hex(0x10000000 + c * 0x400000000), hex(base + c * 0x400000000), f"{mem // chunks}G"]
                    for c in range(chunks)
                ],
            )
            out.append("")
            if self.ovm3:
                out += ["CONSTRAINT", "    threading=max-throughput", ""]
            out += ["VARIABLES"] + self.variables(d)
            out.append("")
            if d in self.services:
                out += ["IO"] + table(
                    ["DEVICE", "PSEUDONYM", "OPTIONS"],
                    [
                        [f"pci@{0x300 + 0x40 * i:x}", f"pci_{i}", ""],
                        [f"pci@{0x300 + 0x40 * i:x}/pci@1/pci@0/pci@4", f"/SYS/MB/PCIE{i * 4 + 1}", ""],
                    ],
                )
                out.append("")
                if control:
                    out += ["VCC"] + table(["NAME", "PORT-RANGE"], [["primary-vcc0", "5000-5100"]])
                    out.append("")
                vsws = [v for v in self.vsw if v[0] == d]
                out += ["VSW"] + self.vsw_table(vsws)
                out.append("")
                if control:
                    vols = [
                        ["primary-vds0" if k == 0 else "", f"{g}-vol{k}", "", "", f"/dev/zvol/dsk/rpool/{g}/disk{k}"]
                        for g in self.guests
                        for k in range(self.disks[g])
                    ]
                    out += ["VDS"] + table(["NAME", "VOLUME", "OPTIONS", "MPGROUP", "DEVICE"], vols)
                    out.append("")
            else:
                out += ["NETWORK"] + self.network_table(d)
                out.append("")
                out += ["DISK"] + table(
                    ["NAME", "VOLUME", "TOUT", "ID", "DEVICE", "SERVER", "MPGROUP"],
                    [
                        [f"vdisk{k}", f"{d}-vol{k}@primary-vds0", "", str(k), f"disk@{k}", "primary", ""]
                        for k in range(self.disks[d])
                    ],
                )
                out.append("")
            if self.ovm3 or not control:
                out += ["VCONS"] + table(
                    ["NAME", "SERVICE", "PORT", "LOGGING"],
                    [["UART", "", "", ""]] if control else [[d, "primary-vcc0@primary", str(5000 + i), "on"]],
                )
                out.append("")
        return "\n".join(out) + "\n"

    def variables(self, domain: str) -> list[str]:
        rng = self.rng
        lines = [
            "    auto-boot?=true",
            "    boot-device=/virtual-devices@100/channel-devices@200/disk@0:a disk net",
            "    keyboard-layout=US-English",
            "    pm_boot_policy=disabled=1;ttfc=0;ttmr=0;",
        ]
        if domain == "primary":
            lines[1] = "    boot-device=/pci@300/pci@1/pci@0/pci@2/scsi@0/disk@w5000cca0563a5b5d,0:a"
        lines.append("    local-mac-address?=true")
        for k in range(rng.randint(0, 3)):
            lines.append(f"    nvramrc-line{k}=devalias vdisk{k} /virtual-devices@100/channel-devices@200/disk@{k}")
        return lines

    def vsw_table(self, vsws: list[tuple[str, str, str, str]]) -> list[str]:
        if self.ovm3:
            header = [
                "NAME",
                "MAC",
                "NET-DEV",
                "ID",
                "DEVICE",
                "LINKPROP",
                "DEFAULT-VLAN-ID",
                "PVID",
                "VID",
                "MTU",
                "MODE",
                "INTER-VNET-LINK",
            ]
            rows = [
                [name, self.vsw_macs[name], nic, dev.split("@")[1], dev, "phys-state", "1", "1", "", "1500", "", "on"]
                for _, name, nic, dev in vsws
            ]
        else:
            header = ["NAME", "MAC", "NET-DEV", "DEVICE", "MODE"]
            rows = [[name, self.vsw_macs[name], nic, dev, "prog,promisc"] for _, name, nic, dev in vsws]
        return table(header, rows)

    def network_table(self, guest: str) -> list[str]:
        shape = self.guest_shape[guest]
        rows = []
        for k, (vnet, service, device, mac) in enumerate(self.vnets[guest]):
            if shape == "vnet-not-matched" and k == 1:
                mac = "00:14:4f:ff:ff:" + f"{self.number % 256:02x}"  # ldm and the guest disagree
            if self.ovm3:
                linkprop = "phys-state" if shape == "link-based" else ""
                rows.append([vnet, service, str(k), device, mac, "", "1", "", "1500", "", linkprop])
            else:
                rows.append([vnet, service, device, mac])
        if self.ovm3:
            header = ["NAME", "SERVICE", "ID", "DEVICE", "MAC", "MODE", "PVID", "VID", "MTU", "MAXBW", "LINKPROP"]
        else:
            header = ["NAME", "SERVICE", "DEVICE", "MAC"]
        return table(header, rows)

    # -- the domains ----------------------------------------------------------------------

    def service_domain(self, index: int, name: str) -> None:
        net = f"10.{self.octet}.1"
        nic = "net2" if self.ovm3 else ("e1000g2" if name == "primary" else "nxge1")
        ip = f"{net}.{20 + index}"
        mac = self.mac("0:14:4f")
        lines = [
            "lo0: flags=2001000849<UP,LOOPBACK,RUNNING,MULTICAST,IPv4,VIRTUAL> mtu 8232 index 1",
            "        inet 127.0.0.1 netmask ff000000 ",
            f"{nic}: flags=1000843<UP,BROADCAST,RUNNING,MULTICAST,IPv4> mtu 1500 index 2",
            f"        inet {ip} netmask ffffff00 broadcast {net}.255",
            f"        ether {mac} ",
        ]
        self.files[f"{name}/ifconfig-a.txt"] = "\n".join(lines) + "\n"
        self.files[f"{name}/netstat-rn.txt"] = netstat(
            [
                ("default", f"{net}.1", "UG", "1", str(self.rng.randint(100, 9999)), ""),
                (f"{net}.0", ip, "U", "1", str(self.rng.randint(100, 999)), nic),
                ("224.0.0.0", ip, "U", "1", "0", nic),
                ("127.0.0.1", "127.0.0.1", "UH", "2", str(self.rng.randint(10, 200)), "lo0"),
            ]
        )
        if not self.ovm3:
            self.files[f"{name}/etc/hostname.{nic}"] = f"{ip} netmask + broadcast + up\n"

    def guest(self, index: int, name: str) -> None:
        shape = self.guest_shape[name]
        s11 = self.guest_s11[name]
        net = self.subnet(index)
        grouped = shape != "no-group"
        link_based = shape == "link-based"
        # Interfaces: (ifname, data address or None, test address or None, mac, standby)
        ifs = []
        for k, (vnet, _, _, mac) in enumerate(self.vnets[name]):
            ifname = f"net{k}" if s11 else vnet
            guest_mac = mac.replace("00:", "0:", 1)
            data = f"{net}.{10 + 3 * k}" if (k == 0 or shape == "active-active" or not grouped) else None
            test = None if (link_based or not grouped) else f"{net}.{11 + 3 * k}"
            standby = shape == "active-standby" and k == 1
            ifs.append((ifname, data, test, guest_mac, standby))
        if not grouped:
            ifs = ifs[:1]
        targets = [] if shape == "no-probe-targets" or link_based or not grouped else [f"{net}.1", f"{net}.2"]
        if s11:
            self.solaris11(name, net, ifs, grouped, targets, link_based)
        else:
            self.solaris10(name, net, ifs, grouped, targets, shape)

    def solaris10(self, name, net, ifs, grouped, targets, shape) -> None:
        lines = [
            "lo0: flags=2001000849<UP,LOOPBACK,RUNNING,MULTICAST,IPv4,VIRTUAL> mtu 8232 index 1",
            "        inet 127.0.0.1 netmask ff000000 ",
        ]
        routes = []
        index = 2
        for ifname, data, test, mac, standby in ifs:
            first = data or test or "0.0.0.0"
            flags_test = (
                ("9000843", "UP,BROADCAST,RUNNING,MULTICAST,IPv4,NOFAILOVER")
                if shape == "not-deprecated"
                else ("9040843", "UP,BROADCAST,RUNNING,MULTICAST,DEPRECATED,IPv4,NOFAILOVER")
            )
            if data:
                lines.append(f"{ifname}: flags=1000843<UP,BROADCAST,RUNNING,MULTICAST,IPv4> mtu 1500 index {index}")
            elif standby:
                lines.append(
                    f"{ifname}: flags=69040843<UP,BROADCAST,RUNNING,MULTICAST,DEPRECATED,IPv4,NOFAILOVER,"
                    f"STANDBY,INACTIVE> mtu 1500 index {index}"
                )
            else:
                lines.append(f"{ifname}: flags={flags_test[0]}<{flags_test[1]}> mtu 1500 index {index}")
            lines.append(
                f"        inet {first} netmask ff000000"
                if first == "0.0.0.0"
                else f"        inet {first} netmask ffffff00 broadcast {net}.255"
            )
            if grouped:
                lines.append("        groupname ipmp0")
            lines.append(f"        ether {mac} ")
            if first != "0.0.0.0":
                routes.append((f"{net}.0", first, "U", "1", str(self.rng.randint(0, 5000)), ifname))
            if data and test:
                lines.append(f"{ifname}:1: flags={flags_test[0]}<{flags_test[1]}> mtu 1500 index {index}")
                lines.append(f"        inet {test} netmask ffffff00 broadcast {net}.255")
                routes.append((f"{net}.0", test, "U", "1", "0", f"{ifname}:1"))
            hostname = []
            if data:
                hostname.append(f"{data} netmask + broadcast +" + (" group ipmp0" if grouped else "") + " up")
                if test:
                    dep = "" if shape == "not-deprecated" else "deprecated "
                    hostname[-1] += " \\"
                    hostname.append(f"addif {test} {dep}-failover netmask + broadcast + up")
            elif test:
                hostname.append(
                    f"{test} deprecated -failover netmask + broadcast + group ipmp0"
                    + (" standby" if standby else "")
                    + " up"
                )
            else:
                hostname.append("group ipmp0 up")
            self.files[f"{name}/etc/hostname.{ifname}"] = "\n".join(hostname) + "\n"
            index += 1
        self.files[f"{name}/ifconfig-a.txt"] = "\n".join(lines) + "\n"
        for t in targets:
            routes.append((t, t, "UGH", "1", str(self.rng.randint(100, 300)), ifs[0][0]))
        if targets:
            self.files[f"{name}/etc/inet/static_routes"] = "# File generated by route(1M) - do not edit.\n" + "".join(
                f"-host {t} {t}\n" for t in targets
            )
        elif shape != "no-probe-targets":
            routes.insert(0, ("default", f"{net}.254", "UG", "1", str(self.rng.randint(10, 900)), ""))
        routes.append(("224.0.0.0", ifs[0][1] or ifs[0][2] or "0.0.0.0", "U", "1", "0", ifs[0][0]))
        routes.append(("127.0.0.1", "127.0.0.1", "UH", "4", str(self.rng.randint(10, 300)), "lo0"))
        self.files[f"{name}/netstat-rn.txt"] = netstat(routes)

    def solaris11(self, name, net, ifs, grouped, targets, link_based) -> None:
        lines = [
            "lo0: flags=2001000849<UP,LOOPBACK,RUNNING,MULTICAST,IPv4,VIRTUAL> mtu 8232 index 1",
            "        inet 127.0.0.1 netmask ff000000 ",
        ]
        data_addrs = [d for _, d, _, _, _ in ifs if d]
        routes = []
        index = 2
        if grouped:
            lines.append(f"ipmp0: flags=8011000803<UP,BROADCAST,MULTICAST,IPv4,IPMP> mtu 1500 index {len(ifs) + 2}")
            for i, d in enumerate(data_addrs):
                if i:
                    lines.append(
                        f"ipmp0:{i}: flags=8001000803<UP,BROADCAST,MULTICAST,IPv4,IPMP> mtu 1500 index {len(ifs) + 2}"
                    )
                lines.append(f"        inet {d} netmask ffffff00 broadcast {net}.255")
                if not i:
                    lines.append("        groupname ipmp0")
                routes.append(
                    (f"{net}.0", d, "U", "3", str(self.rng.randint(0, 9000)), "ipmp0" + (f":{i}" if i else ""))
                )
        for ifname, data, test, mac, standby in ifs:
            if grouped:
                if test:
                    flags = (
                        "69040843<UP,BROADCAST,RUNNING,MULTICAST,DEPRECATED,IPv4,NOFAILOVER,STANDBY,INACTIVE>"
                        if standby
                        else "9040843<UP,BROADCAST,RUNNING,MULTICAST,DEPRECATED,IPv4,NOFAILOVER>"
                    )
                else:
                    flags = (
                        "61000842<BROADCAST,RUNNING,MULTICAST,IPv4,STANDBY,INACTIVE>"
                        if standby
                        else "1000842<BROADCAST,RUNNING,MULTICAST,IPv4>"
                    )
                lines.append(f"{ifname}: flags={flags} mtu 1500 index {index}")
                lines.append(
                    f"        inet {test or '0.0.0.0'} netmask {'ffffff00' if test else 'ff000000'}"
                    + (f" broadcast {net}.255" if test else "")
                )
                lines.append("        groupname ipmp0")
                if test:
                    routes.append((f"{net}.0", test, "U", "1", "0", ifname))
            else:
                lines.append(
                    f"{ifname}: flags=100001000843<UP,BROADCAST,RUNNING,MULTICAST,IPv4,PHYSRUNNING> "
                    f"mtu 1500 index {index}"
                )
                lines.append(f"        inet {data} netmask ffffff00 broadcast {net}.255")
                routes.append((f"{net}.0", data, "U", "3", str(self.rng.randint(0, 9000)), ifname))
            lines.append(f"        ether {mac} ")
            index += 1
        self.files[f"{name}/ifconfig-a.txt"] = "\n".join(lines) + "\n"
        for t in targets:
            routes.append((t, t, "UGH", "1", str(self.rng.randint(100, 300)), ifs[0][0]))
        if not targets and self.guest_shape[name] != "no-probe-targets":
            routes.insert(0, ("default", f"{net}.254", "UG", "2", str(self.rng.randint(10, 900)), ""))
        routes.append(("127.0.0.1", "127.0.0.1", "UH", "2", str(self.rng.randint(10, 300)), "lo0"))
        self.files[f"{name}/netstat-rn.txt"] = netstat(routes)

        # ipadm: show-if -o all (PERSISTENT says the configuration survives a reboot) and show-addr.
        rows = [["lo0", "loopback", "ok", "yes", "--", "-46--", "--"]]
        if grouped:
            rows.append(["ipmp0", "ipmp", "ok", "yes", "bm4---------", "-46--", " ".join(i[0] for i in ifs)])
        for ifname, *_ in ifs:
            rows.append([ifname, "ip", "ok", "yes", "bm4---------", "-46--", "--"])
        text = ["root@" + name + ":~# ipadm show-if -o all"] + table(
            ["IFNAME", "CLASS", "STATE", "ACTIVE", "CURRENT", "PERSISTENT", "OVER"], rows, indent=""
        )
        self.files[f"{name}/ipadm-show-if.txt"] = "\n".join(text) + "\n"
        rows = [["lo0/v4", "static", "ok", "127.0.0.1/8"]]
        for i, d in enumerate(data_addrs if grouped else []):
            rows.append([f"ipmp0/v4{'abcdefgh'[i]}", "static", "ok", f"{d}/24"])
        for ifname, data, test, *_ in ifs:
            if test:
                rows.append([f"{ifname}/test", "static", "ok", f"{test}/24"])
            elif data and not grouped:
                rows.append([f"{ifname}/v4", "static", "ok", f"{data}/24"])
        text = ["root@" + name + ":~# ipadm show-addr"] + table(["ADDROBJ", "TYPE", "STATE", "ADDR"], rows, indent="")
        self.files[f"{name}/ipadm-show-addr.txt"] = "\n".join(text) + "\n"

        if grouped:
            members = " ".join(f"({i[0]})" if i[4] else i[0] for i in ifs)
            fdt = "--" if link_based else "10.00s"
            self.files[f"{name}/ipmpstat-g.txt"] = (
                "\n".join(
                    ["$ ipmpstat -g"]
                    + table(
                        ["GROUP", "GROUPNAME", "STATE", "FDT", "INTERFACES"],
                        [["ipmp0", "ipmp0", "ok", fdt, members]],
                        indent="",
                    )
                )
                + "\n"
            )
            self.files[f"{name}/ipmpstat-i.txt"] = (
                "\n".join(
                    ["$ ipmpstat -i"]
                    + table(
                        ["INTERFACE", "ACTIVE", "GROUP", "FLAGS", "LINK", "PROBE", "STATE"],
                        [
                            [
                                i[0],
                                "no" if i[4] else "yes",
                                "ipmp0",
                                "is-----" if i[4] else ("--mb---" if k == 0 else "-------"),
                                "up",
                                "disabled" if link_based else "ok",
                                "ok",
                            ]
                            for k, i in enumerate(ifs)
                        ],
                        indent="",
                    )
                )
                + "\n"
            )
            self.files[f"{name}/ipmpstat-t.txt"] = (
                "\n".join(
                    ["$ ipmpstat -nt"]
                    + table(
                        ["INTERFACE", "MODE", "TESTADDR", "TARGETS"],
                        [
                            [
                                i[0],
                                "disabled" if link_based else ("routes" if targets else "multicast"),
                                i[2] or "--",
                                " ".join(targets) or "--",
                            ]
                            for i in ifs
                        ],
                        indent="",
                    )
                )
                + "\n"
            )
        self.files[f"{name}/dladm-show-phys.txt"] = (
            "\n".join(
                ["# dladm show-phys"]
                + table(
                    ["LINK", "MEDIA", "STATE", "SPEED", "DUPLEX", "DEVICE"],
                    [[i[0], "Ethernet", "up", "0", "unknown", f"vnet{k}"] for k, i in enumerate(ifs)],
                    indent="",
                )
            )
            + "\n"
        )


def netstat(routes: list[tuple[str, ...]]) -> str:
    lines = [
        "",
        "Routing Table: IPv4",
        "  Destination           Gateway           Flags  Ref     Use     Interface ",
        "-------------------- -------------------- ----- ----- ---------- --------- ",
    ]
    for dest, gw, flags, ref, use, iface in routes:
        lines.append(f"{dest:<20} {gw:<20} {flags:<5} {ref:>5} {use:>10} {iface:<9} ")
    return "\n".join(lines) + "\n"


def write_server(out: Path, seed: int, number: int, domains: int) -> int:
    """Write one server's folder; returns the bytes written."""
    files = Server(seed, number, domains).build()
    root = out / f"srv{number:04d}"
    total = 0
    for rel, text in files.items():
        path = root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        data = text.encode("utf-8")
        path.write_bytes(data)
        total += len(data)
    return total


def make_fleet(out: Path, servers: int, domains: int, seed: int = 7) -> int:
    """Write ``servers`` capture roots under ``out``; returns the bytes written."""
    out.mkdir(parents=True, exist_ok=True)
    return sum(write_server(out, seed, n, domains) for n in range(servers))


def main(argv: Optional[list[str]] = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("out", type=Path, help="folder to write the fleet into (one sub-folder per server)")
    ap.add_argument("--servers", "-n", type=int, default=10)
    ap.add_argument("--domains", "-m", type=int, default=10, help="domains per server, service domains included")
    ap.add_argument("--seed", type=int, default=7)
    args = ap.parse_args(argv)
    if args.out.exists() and any(args.out.iterdir()):
        print(f"make_fleet: {args.out} is not empty; give a new folder", file=sys.stderr)
        return 2
    total = make_fleet(args.out, args.servers, args.domains, args.seed)
    files = sum(len(f) for _, _, f in os.walk(args.out))
    print(f"{args.servers} servers x {args.domains} domains: {files} files, {total / 1e6:.1f} MB in {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
