"""What a Solaris 11 datalink is built on, walked down to the link that carries it.

Solaris 11 stacks datalinks (dladm(1M)): a VNIC is created over one link (``dladm
create-vnic -l net0``), a VLAN over one link (``create-vlan -l net0``), an aggregation
over several ports (``create-aggr -l net1 -l net4``). ``dladm show-link`` prints that in
its OVER column, ``show-vnic`` and ``show-vlan`` in theirs; a physical link and an
etherstub are built on nothing (OVER ``--``).

A link's *carrier* is where the walk down stops: the first link that is not built on
exactly one other. That is a physical link (a NIC port, or in a guest domain its vnet),
an aggregation (built on several ports) or an etherstub. Every frame of the link passes
through its carrier, so two links with one carrier fail together when it does — the
cable or port of a NIC, the switch an aggregation's ports are trunked to, the
aggregation itself when it is deleted or misconfigured. An aggregation's own ports are
not walked: it survives a port's failure, and which ports it has is not what makes two
links over it share it.

A walk that reaches a link no capture describes stops there, *open*: the links below it
are not known, so two open walks with different ends may still share a carrier.
"""

from __future__ import annotations

from typing import Optional

import attrs

from ipmplint.model import Datalink, DladmCapture


@attrs.frozen
class Walk:
    """The links from one link down to its carrier (``path[-1]``); ``closed`` when the
    carrier is known to be built on nothing or on several links."""

    path: tuple[str, ...]
    closed: bool
    #: The carrier's ports when it is an aggregation (its OVER), else ().
    ports: tuple[str, ...] = ()

    @property
    def carrier(self) -> str:
        return self.path[-1]


def built_on(dladm: Optional[DladmCapture]) -> dict[str, Optional[tuple[str, ...]]]:
    """Each described link and what it is built on: its OVER, ``()`` for a link built on
    nothing (a ``show-phys`` row, a ``show-link`` row with OVER ``--``), None when no row
    says (a Solaris 10 ``show-link`` line, which has no OVER)."""
    found: dict[str, Optional[tuple[str, ...]]] = {}
    for link in dladm.links if dladm is not None else ():
        over = _over(link)
        if found.get(link.link) is None:
            found[link.link] = over
    return found


#: dladm CLASSes of links built on nothing (dladm(1M), show-link: ``phys``, ``etherstub``).
_BASE_CLASSES = frozenset({"phys", "etherstub"})


def _over(link: Datalink) -> Optional[tuple[str, ...]]:
    if link.over:
        return link.over
    if link.media is not None or link.lclass in _BASE_CLASSES:
        return ()  # show-phys, or a Solaris 11 show-link row whose OVER is empty
    return None


def walk(links: dict[str, Optional[tuple[str, ...]]], name: str) -> Walk:
    """Walk ``name`` down to its carrier through ``links`` (from ``built_on``); each link
    is visited once, so a loop (which no real system prints) ends the walk, open."""
    path = [name]
    seen = {name}
    while True:
        over = links.get(path[-1])
        if over is None:
            return Walk(tuple(path), closed=False)
        if len(over) != 1:
            return Walk(tuple(path), closed=True, ports=over)
        if over[0] in seen:
            return Walk(tuple(path), closed=False)
        seen.add(over[0])
        path.append(over[0])
