"""Real-shaped captures (fixtures/) loaded as ``check`` loads them, for the topology
tests, and one way to derive a variant the fixtures do not hold."""

from __future__ import annotations

from pathlib import Path

import attrs

from ipmplint.capture import discovery, loader
from ipmplint.model import Server

FIXTURES = Path(__file__).resolve().parents[2] / "fixtures"


def load(fixture: str) -> Server:
    (root,) = discovery.discover([str(FIXTURES / fixture)]).roots
    return loader.load(root)


def with_vnet_service(server: Server, domain: str, vnet: str, service: str) -> Server:
    """The server with one vnet bound (by ldm) to another vsw name."""
    assert server.ldm is not None
    domains = tuple(
        attrs.evolve(d, vnets=tuple(attrs.evolve(v, service=service) if v.name == vnet else v for v in d.vnets))
        if d.name == domain
        else d
        for d in server.ldm.domains
    )
    return attrs.evolve(server, ldm=attrs.evolve(server.ldm, domains=domains))
