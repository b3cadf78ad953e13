"""Settings of a domain: ``KEY=value`` files (``/etc/default/mpathd``, ``eeprom``), SMF
properties (``svcprop``), and the routing options of ``routeadm`` / ``ipadm show-prop``."""

from __future__ import annotations

from typing import Optional

import attrs

from ipmplint.model.source import Source


@attrs.frozen
class Setting:
    """One ``KEY=value`` (``/etc/default/mpathd``, ``eeprom``) or one SMF property
    (``svcprop``: ``config/transitive-probing boolean false``); ``type`` is the SMF
    type when there is one."""

    key: str
    value: str
    source: Source
    type: Optional[str] = None


@attrs.frozen
class Settings:
    """A file of settings. ``get`` matches keys case-insensitively and the first
    occurrence wins, as for in.mpathd, which reads its file with defread (illumos
    deflt.c)."""

    source: Source
    settings: tuple[Setting, ...] = ()

    def get(self, key: str) -> Optional[Setting]:
        lowered = key.lower()
        return next((s for s in self.settings if s.key.lower() == lowered), None)


@attrs.frozen
class RoutingOption:
    """A row of ``routeadm`` (``IPv4 forwarding  enabled  enabled``), or the forwarding
    property of ``ipadm show-prop`` (``ipv4 forwarding rw on on off on,off``).
    ``configured`` is the persistent setting, ``current`` the running one; each is
    True/False, or None when the capture says neither (``default``, ``--``)."""

    option: str
    source: Source
    configured: Optional[bool] = None
    current: Optional[bool] = None


@attrs.frozen
class RoutingState:
    """``routeadm`` or ``ipadm show-prop`` of one domain: the options it listed."""

    source: Source
    options: tuple[RoutingOption, ...] = ()

    def option(self, name: str) -> Optional[RoutingOption]:
        lowered = name.lower()
        return next((o for o in self.options if o.option.lower() == lowered), None)
