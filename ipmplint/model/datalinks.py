"""Solaris 11 ``dladm``: physical links, VNICs, VLANs and aggregations."""

from __future__ import annotations

from typing import Optional

import attrs

from ipmplint.model.source import Source


@attrs.frozen
class Datalink:
    """A row of ``dladm show-phys`` (LINK MEDIA STATE SPEED DUPLEX DEVICE), ``dladm
    show-link`` (LINK CLASS MTU STATE OVER), ``dladm show-vnic`` (LINK OVER SPEED ...) or
    ``dladm show-vlan`` (LINK VID OVER FLAGS), or an aggregation and its ports from ``dladm
    show-aggr -x``/``-L``; a field the command did not print is None.
    ``over`` is what the link is built on: an aggregation's ports, a VNIC's or VLAN's link."""

    link: str
    source: Source
    media: Optional[str] = None
    state: Optional[str] = None
    speed: Optional[str] = None
    duplex: Optional[str] = None
    device: Optional[str] = None
    lclass: Optional[str] = None
    mtu: Optional[int] = None
    over: tuple[str, ...] = ()


@attrs.frozen
class DladmCapture:
    source: Source
    links: tuple[Datalink, ...] = ()
