"""Solaris 11 ``ipmpstat``: what in.mpathd says of its groups, interfaces, probe targets,
data addresses and probes (``-g -i -t -a -p``)."""

from __future__ import annotations

from typing import Optional

import attrs

from ipmplint.model.source import Source


@attrs.frozen
class IpmpstatGroup:
    """A row of ``ipmpstat -g``. ``interfaces`` are the members as printed: a plain name
    is active, ``(name)`` working but inactive, ``[name]`` unusable (failed or offline);
    ``fdt`` is in ms, None when probe-based detection is off (``--``)."""

    group: str
    source: Source
    groupname: Optional[str] = None
    state: Optional[str] = None
    fdt_ms: Optional[int] = None
    active: tuple[str, ...] = ()
    inactive: tuple[str, ...] = ()
    unusable: tuple[str, ...] = ()

    @property
    def members(self) -> tuple[str, ...]:
        return self.active + self.inactive + self.unusable


@attrs.frozen
class IpmpstatInterface:
    """A row of ``ipmpstat -i``: FLAGS letters (``i`` inactive, ``s`` standby, ``m``/``b``
    /``M`` multicast and broadcast, ``d`` down, ``h`` duplicate hardware address), LINK
    up/down/unknown, PROBE ok/failed/unknown/disabled, STATE ok/failed/offline/unknown."""

    interface: str
    source: Source
    active: Optional[bool] = None
    group: Optional[str] = None
    flags: str = ""
    link: Optional[str] = None
    probe: Optional[str] = None
    state: Optional[str] = None


@attrs.frozen
class IpmpstatTarget:
    """A row of ``ipmpstat -t``: MODE routes/multicast/disabled/transitive, the test
    address (None for ``--``) and the probe targets in use."""

    interface: str
    source: Source
    mode: Optional[str] = None
    testaddr: Optional[str] = None
    targets: tuple[str, ...] = ()


@attrs.frozen
class IpmpstatAddress:
    """A row of ``ipmpstat -a``: a data address, its state and group, and the interfaces
    it is received on and sent from."""

    address: str
    source: Source
    state: Optional[str] = None
    group: Optional[str] = None
    inbound: tuple[str, ...] = ()
    outbound: tuple[str, ...] = ()


@attrs.frozen
class IpmpstatProbe:
    """A row of ``ipmpstat -p`` (one probe sent and answered)."""

    interface: str
    source: Source
    target: Optional[str] = None
    rtt: Optional[str] = None


@attrs.frozen
class IpmpstatCapture:
    """``ipmpstat`` output of one domain (any of ``-g -i -t -a -p`` and their ``-P -o``
    forms, one or several per file). ``probe_disabled`` is set when ipmpstat said
    "probe-based failure detection is disabled"."""

    source: Source
    groups: tuple[IpmpstatGroup, ...] = ()
    interfaces: tuple[IpmpstatInterface, ...] = ()
    targets: tuple[IpmpstatTarget, ...] = ()
    addresses: tuple[IpmpstatAddress, ...] = ()
    probes: tuple[IpmpstatProbe, ...] = ()
    probe_disabled: Optional[Source] = None
