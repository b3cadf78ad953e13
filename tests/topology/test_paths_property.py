"""Property: every interface's path ends at the domain that takes its traffic out of
the server, or is reported incomplete with the reason — on generated LDoms servers
(one or two service domains, vsws with and without a NIC or an aggregation, vnets
bound to listed and unlisted vsws, MACs that match, mismatch or are missing, vnet
instances that collide, vsws plumbed in their service domain, with and without ldm)."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from ipmplint import topology
from ipmplint.model import (
    DomainCapture,
    GroupMember,
    IfconfigCapture,
    IpmpGroup,
    LdmDomain,
    LdmListing,
    LogicalInterface,
    Server,
    Source,
    VirtualNetwork,
    VirtualSwitch,
)
from ipmplint.topology import NodeId, NodeKind

S = Source("f")
MACS = ("0:14:4f:f8:0:1", "0:14:4f:f8:0:2", "0:14:4f:f8:0:3", None)
SERVICE = ("primary", "alternate")


@st.composite
def servers(draw) -> Server:
    services = draw(st.sampled_from([("primary",), SERVICE]))
    vsws = {
        d: tuple(
            VirtualSwitch(
                f"{d}-vsw{i}",
                d,
                S,
                device=f"switch@{i}",
                net_dev=draw(st.sampled_from([None, "e1000g0", "nxge1", "aggr1"])),
            )
            for i in range(draw(st.integers(0, 2)))
        )
        for d in services
    }
    names = [v.name for vs in vsws.values() for v in vs] + ["gone-vsw0"]
    vnets = tuple(
        VirtualNetwork(
            f"vnet{k}",
            "ldg1",
            draw(st.sampled_from(names)),
            S,
            service_domain=draw(st.sampled_from([None, *services])),
            device=f"network@{draw(st.integers(0, 3))}",
            mac=draw(st.sampled_from(MACS)) and "00:14:4f:f8:00:0" + str(k + 1),
        )
        for k in range(draw(st.integers(0, 4)))
    )
    ldm = LdmListing(
        S, domains=(*(LdmDomain(d, S, vswitches=vsws[d]) for d in services), LdmDomain("ldg1", S, vnets=vnets))
    )
    guest = draw(
        st.lists(
            st.sampled_from(["vnet0", "vnet1", "vnet2", "vnet5", "e1000g0", "net0"]),
            min_size=1,
            max_size=4,
            unique=True,
        )
    )
    service = draw(st.lists(st.sampled_from(["vsw0", "vsw1", "vsw3", "e1000g1"]), max_size=3, unique=True))
    domains = tuple(
        _domain(name, interfaces, draw(st.lists(st.sampled_from(MACS), min_size=4, max_size=4)))
        for name, interfaces in (("ldg1", guest), ("primary", service))
        if interfaces
    )
    return Server("s", "s", ldm=ldm if draw(st.booleans()) else None, domains=domains)


def _domain(name: str, interfaces: list[str], macs: list) -> DomainCapture:
    lifs = tuple(
        LogicalInterface(i, S, flags=frozenset({"IPv4", "UP"}), mac=mac, group="ipmp0")
        for i, mac in zip(interfaces, macs)
    )
    group = IpmpGroup("ipmp0", name, "runtime", S, tuple(GroupMember(i, S) for i in interfaces))
    return DomainCapture(name, name, ifconfig=IfconfigCapture(S, lifs), runtime_groups=(group,))


@settings(max_examples=300, deadline=None)
@given(servers())
def test_every_path_ends_at_its_exit_domain_or_is_reported_incomplete(server):
    topo = topology.build(server)
    for dc in server.domains:
        assert {m.interface for g in dc.groups for m in g.members} <= set(topo.interfaces(dc.name))
        for interface in topo.interfaces(dc.name):
            path = topo.path_of(dc.name, interface)
            assert path.start == NodeId.of_interface(dc.name, interface) and all(n in topo for n in path.nodes)
            assert (path.exit is None) != (path.incomplete is None), path
            assert path.vnet is topo.vnet_of(dc.name, interface)
            if path.incomplete is not None:
                lost = topo.is_unmatched(dc.name, interface) or next(
                    (u for u in topo.unplaced if (u.domain, u.interface) == (dc.name, interface)), None
                )
                unbound = path.vnet is not None and topo.vsw_of(path.vnet) is None
                assert (lost is not None and lost.reason == path.incomplete) or unbound, path
                assert server.ldm is not None or lost is not None
            elif path.vsw is not None:  # through a vsw: down to the domain that serves it
                assert path.exit == path.vsw.domain
                assert NodeId.of_domain(path.exit) in path.below
                assert path.vsw is topo.vswitch_of(dc.name, interface)
                assert (NodeId.of_nic(path.exit, path.vsw.net_dev) in path.below) == bool(path.vsw.net_dev)
                assert path.vnet is None or path.vnet in topo.bound_vnets(path.vsw)
                assert path.vnet is not None or interface in topo.plumbed_interfaces(path.vsw)
            else:  # a NIC of its own: the path leaves from its own domain
                assert (path.exit, path.below, path.vnet) == (dc.name, (), None)
            kinds = [n.kind for n in path.below]
            assert kinds[:1] in ([], [NodeKind.VNET], [NodeKind.VSW])
