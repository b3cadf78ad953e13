"""Persistent interface configuration of Solaris 10: ``/etc/hostname.<if>`` files and the
logical interfaces each line or ``addif`` clause configures."""

from __future__ import annotations

from typing import Optional

import attrs

from ipmplint.model.source import Source


@attrs.frozen
class HostnameEntry:
    """One logical interface configured by a ``/etc/hostname.<if>`` file: the first
    line's words, or one ``addif`` clause. ``address`` is the address or host name
    token as written (resolved later against ``/etc/hosts``)."""

    source: Source
    address: Optional[str] = None
    netmask: Optional[str] = None
    broadcast: Optional[str] = None
    group: Optional[str] = None
    deprecated: bool = False
    nofailover: bool = False
    standby: bool = False
    up: bool = False
    mtu: Optional[int] = None
    addif: bool = False
    #: The far end of a tunnel (``addif 10.0.0.1 10.0.0.2 up`` in a hostname.ip.tun0).
    destination: Optional[str] = None
    #: ``ipmp``: the entry makes the interface an IPMP interface (Solaris Express and
    #: OpenSolaris, where /etc/hostname.ipmp0 holds ``ipmp group itops0 ...``).
    ipmp: bool = False


@attrs.frozen
class HostnameFile:
    """``/etc/hostname.<if>`` (or ``hostname6.<if>``): persistent configuration of one
    interface. An empty file plumbs the interface with no address."""

    interface: str
    source: Source
    family: str = "inet"
    entries: tuple[HostnameEntry, ...] = ()
