"""Render an ``LdmListing`` as ``ldm ... -p`` prints it, in each command's form.

``variant`` picks the command (FORMATS.md section 4): ``list`` is the short ``ldm list
-p`` (DOMAIN records only, FLAGS letters), ``long`` is ``ldm list -l -p`` (spelled-out
flags, every VSW/VNET key, the other resource records with their continuation lines),
``bindings`` is ``ldm list-bindings -p`` (as ``long``, plus ``|peer=`` lines under each
vnet), and ``constraints`` is the LDoms 1.2 ``ldm list-constraints -p`` (DOMAIN with its
name only, VSW/VNET with the keys of the guide's Example 9-16). An absent value is an
empty one (``mac-addr=``), as ldm prints it.
"""

from __future__ import annotations

from typing import Optional

from ldm_render import cell_text

from ipmplint.model import LdmDomain, LdmListing, VirtualNetwork, VirtualSwitch

VERSIONS = {"list": "1.11", "long": "1.6", "bindings": "1.6", "constraints": "1.0"}


def record(keyword: str, pairs: list[tuple[str, object]]) -> str:
    return keyword + "".join(f"|{k}={cell_text(v)}" for k, v in pairs)


def vsw_record(v: VirtualSwitch, variant: str) -> str:
    if variant == "constraints":
        return record("VSW", [("name", v.name), ("mac-addr", v.mac), ("net-dev", v.net_dev), ("dev", v.device)])
    return record(
        "VSW",
        [
            ("name", v.name),
            ("mac-addr", v.mac),
            ("net-dev", v.net_dev),
            ("dev", v.device),
            ("default-vlan-id", v.default_vlan_id),
            ("pvid", v.pvid),
            ("vid", v.vids),
            ("mtu", v.mtu),
            ("mode", v.mode),
            ("id", v.id),
            ("linkprop", v.linkprop),
            ("inter-vnet-link", v.inter_vnet_link),
            ("vsw-relay-mode", "local"),
        ],
    )


def vnet_record(v: VirtualNetwork, variant: str) -> list[str]:
    service = f"{v.service}@{v.service_domain}" if v.service_domain else v.service
    if variant == "constraints":
        return [record("VNET", [("name", v.name), ("dev", v.device), ("service", service), ("mac-addr", v.mac)])]
    lines = [
        record(
            "VNET",
            [
                ("name", v.name),
                ("dev", v.device),
                ("service", service),
                ("mac-addr", v.mac),
                ("mode", v.mode),
                ("pvid", v.pvid),
                ("vid", v.vids),
                ("mtu", v.mtu),
                ("linkprop", v.linkprop),
                ("id", v.id),
                ("alt-mac-addrs", None),
                ("maxbw", v.maxbw),
                ("cos", None),
            ],
        )
    ]
    lines.extend(record("", [("peer", p), ("mac-addr", "00:14:4f:f8:00:01"), ("pvid", 1)]) for p in v.peers)
    return lines


def render_domain(d: LdmDomain, variant: str) -> list[str]:
    if variant == "constraints":
        out = [record("DOMAIN", [("name", d.name)])]
    else:
        out = [
            record(
                "DOMAIN",
                [
                    ("name", d.name),
                    ("state", d.state),
                    ("flags", d.flags),
                    ("cons", "5000"),
                    ("ncpu", 8),
                    ("mem", 8589934592),
                    ("util", "0.4"),
                    ("uptime", 4772570),
                ],
            )
        ]
    if variant == "list":
        return out
    if variant != "constraints":
        out += [
            record("UUID", [("uuid", "6c908858-12ef-e520-9eb3-f1cd3dbc3a59")]),
            record("MAC", [("mac-addr", "00:14:4f:fa:ed:88")]),
        ]
    out += [
        "VCPU",
        record("", [("vid", 0), ("pid", 0), ("util", "0.9"), ("strand", 100)]),
        record("MEMORY", [("size", 4294967296)]),
        "VARIABLES",
        record("", [("auto-boot?", "true")]),
    ]
    out += [vsw_record(v, variant) for v in d.vswitches]
    for v in d.vnets:
        out += vnet_record(v, variant)
    out.append(record("VDISK", [("name", "vdisk0"), ("vol", "vol0@primary-vds0")]))
    return out


def render_parseable(
    listing: LdmListing, variant: str = "long", prompt: Optional[str] = "primary# ldm list -l -p"
) -> str:
    out: list[str] = [prompt] if prompt else []
    out.append(f"VERSION {VERSIONS[variant]}")
    for d in listing.domains:
        out.extend(render_domain(d, variant))
    return "\n".join(out) + "\n"
