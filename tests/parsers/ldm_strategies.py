"""Hypothesis strategies for the ldm model objects every ldm view prints.

``full`` draws every field the wide views print (LDoms 1.3 / OVM 3.x columns, or every
``-p`` key); without it only the fields of the oldest views (LDoms 1.2 ``list -l``,
``list-constraints -p``) are drawn and the others stay empty; ``mode`` and
``service_domain`` say whether those are drawn (``list-constraints -p`` prints neither).
``peers`` draws the PEER lists of ``list-bindings``.
"""

from __future__ import annotations

from hypothesis import strategies as st

from ipmplint.model import Source, VirtualNetwork, VirtualSwitch

names = st.tuples(
    st.sampled_from("abcdefghijklmnopqrstuvwxyz"),
    st.text(alphabet="abcdefghijklmnopqrstuvwxyz0123456789_.-", max_size=18),
).map("".join)
macs = st.lists(st.integers(0, 255), min_size=3, max_size=3).map(
    lambda o: "00:14:4f:" + ":".join(f"{b:02x}" for b in o)
)
vids = st.lists(st.integers(1, 4094), max_size=4).map(tuple)
net_devs = st.sampled_from(["e1000g0", "nxge1", "igb2", "net0", "ixgbe3", "aggr1"])


@st.composite
def vswitch(draw, domain: str, full: bool, mode: bool = True) -> VirtualSwitch:
    return VirtualSwitch(
        name=draw(names),
        domain=domain,
        source=Source("x"),
        mac=draw(st.none() | macs),
        net_dev=draw(st.none() | net_devs),
        device=draw(st.none() | st.integers(0, 31).map(lambda i: f"switch@{i}")),
        mode=draw(st.sampled_from([None, "prog,promisc", "routed", "sc"])) if mode else None,
        linkprop=draw(st.sampled_from([None, "phys-state"])) if full else None,
        default_vlan_id=draw(st.none() | st.integers(1, 4094)) if full else None,
        pvid=draw(st.none() | st.integers(1, 4094)) if full else None,
        vids=draw(vids) if full else (),
        mtu=draw(st.none() | st.integers(1500, 16000)) if full else None,
        inter_vnet_link=draw(st.sampled_from([None, "on", "off", "auto"])) if full else None,
        id=draw(st.none() | st.integers(0, 63)) if full else None,
    )


@st.composite
def vnet(draw, domain: str, full: bool, peers: bool = False, service_domain: bool = True) -> VirtualNetwork:
    return VirtualNetwork(
        name=draw(names),
        domain=domain,
        service=draw(names),
        source=Source("x"),
        service_domain=draw(st.none() | names) if service_domain else None,
        device=draw(st.none() | st.integers(0, 31).map(lambda i: f"network@{i}")),
        mac=draw(st.none() | macs),
        mode=draw(st.sampled_from([None, "hybrid"])) if full else None,
        linkprop=draw(st.sampled_from([None, "phys-state"])) if full else None,
        pvid=draw(st.none() | st.integers(1, 4094)) if full else None,
        vids=draw(vids) if full else (),
        mtu=draw(st.none() | st.integers(1500, 16000)) if full else None,
        maxbw=draw(st.sampled_from([None, "100M", "1G"])) if full else None,
        id=draw(st.none() | st.integers(0, 63)) if full else None,
        peers=tuple(draw(st.lists(names.map(lambda n: n + "@ldg2"), max_size=3))) if peers else (),
    )
