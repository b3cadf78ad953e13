"""What a rule needs to decide, as facts of the model — not as files.

A rule's ``REQUIRES`` names facts: "the vnet/vsw bindings of every domain", "the
domain's routing table". Several captures can give one fact (``ldm list -l``, ``ldm
list-bindings`` and their ``-p`` forms all give the bindings), so a rule that asked for
one file would be skipped on a capture that holds another with the same content, and a
run would look clean while no topology check ran. Here each fact says which model
field holds it, in words a user understands, and which captures would give it; the
runner asks ``missing`` before it runs a rule, and the skip it records names the fact
and those captures.

Two scopes. A **server** fact is the control domain's (ldm): without it the rule does
not run on that server. A **domain** fact is one domain's: the rule runs on the server
without the domains that lack it, and each such domain that has an IPMP group gets a
skip of its own (a domain with no group has nothing any rule judges).

The capture-kind names rules used before facts existed (``"ldm-list-l"``,
``"netstat-rn"``, ...) are still accepted: ``fact_for`` maps each kind to the fact it
gives (docs/writing-a-rule.md lists both).
"""

from __future__ import annotations

import functools
import os
from typing import Callable, Optional

import attrs

from ipmplint.capture import kinds
from ipmplint.model import DomainCapture


@attrs.frozen
class Fact:
    """One thing a rule can require, and how a capture gives it."""

    name: str
    #: ``server`` (the control domain's ldm view) or ``domain`` (each domain's own).
    scope: str
    #: What it is, as a skip message names it: "no <what>".
    what: str
    #: The capture kinds that give it (``ipmplint.capture.kinds``), the usual one first.
    captures: tuple[str, ...]
    #: Whether the loaded model holds it (a ``Server`` or a ``DomainCapture``).
    holds: Callable[..., bool] = attrs.field(eq=False, repr=False)
    #: Where the captures are run, for the message.
    where: str = ""

    def capture_hint(self) -> str:
        """``capture `ldm list -l`, `ldm list-bindings` or `ldm list -l -p` on the control domain``."""
        commands = list(dict.fromkeys(_COMMANDS.get(k, kinds.BY_NAME[k].canonical) for k in self.captures))
        listed = commands[0] if len(commands) == 1 else f"{', '.join(commands[:-1])} or {commands[-1]}"
        return f"capture {listed}{self.where}"

    def files(self, folder: str) -> tuple[str, ...]:
        """The canonical files that would give the fact, in ``folder``."""
        return tuple(dict.fromkeys(os.path.join(folder, kinds.BY_NAME[k].canonical) for k in self.captures))


#: How each kind's command is written in a message (the canonical file name otherwise).
_COMMANDS: dict[str, str] = {
    "ldm-list-l": "`ldm list -l`",
    "ldm-list-bindings": "`ldm list-bindings`",
    "ldm-list-p": "`ldm list -l -p` (or `list-bindings -p`, `list-constraints -p`)",
    "ldm-list-services": "`ldm list-services`",
    "ldm-V": "`ldm -V`",
    "ifconfig-a": "`ifconfig -a`",
    "netstat-rn": "`netstat -rn`",
    "hostname": "/etc/hostname.*",
    "static-routes": "/etc/inet/static_routes",
    "route-p-show": "`route -p show`",
    "hosts": "/etc/hosts",
    "netmasks": "/etc/netmasks",
    "defaultrouter": "/etc/defaultrouter",
    "mpathd": "/etc/default/mpathd",
    "svcprop-ipmp": "`svcprop network/ipmp`",
    "eeprom": "`eeprom`",
    "routeadm": "`routeadm`",
    "ipadm-show-prop": "`ipadm show-prop`",
    "ipadm-show-if": "`ipadm show-if -o all`",
    "ipadm-show-addr": "`ipadm show-addr`",
    "ipadm": "`ipadm`",
    "ipmpstat-g": "`ipmpstat -g`",
    "ipmpstat-i": "`ipmpstat -i`",
    "ipmpstat-t": "`ipmpstat -t`",
    "ipmpstat-a": "`ipmpstat -a`",
    "ipmpstat-p": "`ipmpstat -p`",
    "ipmpstat": "`ipmpstat`",
    "dladm-show-phys": "`dladm show-phys`",
    "dladm-show-link": "`dladm show-link`",
    "dladm-show-vnic": "`dladm show-vnic`",
    "dladm-show-vlan": "`dladm show-vlan`",
    "dladm-show-aggr": "`dladm show-aggr -x`",
    "virtinfo": "`virtinfo -ap`",
    "route-get": "`route -n get default`",
}

_CONTROL = " on the control domain"
_EACH = " in the domain"


def _field(name: str) -> Callable[[DomainCapture], bool]:
    return lambda dc: getattr(dc, name) is not None


FACTS: tuple[Fact, ...] = (
    # -- the control domain ---------------------------------------------------------------
    Fact(
        "ldm-bindings",
        "server",
        "vnet/vsw bindings",
        ("ldm-list-l", "ldm-list-bindings", "ldm-list-p"),
        lambda s: s.ldm is not None,
        _CONTROL,
    ),
    Fact(
        "ldm-domains",
        "server",
        "list of logical domains",
        ("ldm-list-l", "ldm-list-bindings", "ldm-list-p"),
        lambda s: s.domain_listing is not None,
        _CONTROL,
    ),
    Fact(
        "ldm-services",
        "server",
        "list of virtual switches",
        ("ldm-list-l", "ldm-list-bindings", "ldm-list-p", "ldm-list-services"),
        lambda s: s.ldm is not None or s.ldm_services is not None,
        _CONTROL,
    ),
    Fact(
        "ldm-second-view",
        "server",
        "second ldm view to cross-check the bindings with",
        ("ldm-list-p", "ldm-list-bindings", "ldm-list-services"),
        lambda s: s.ldm is not None and len(s.ldm_views) > 1,
        _CONTROL,
    ),
    Fact(
        "ldm-release",
        "server",
        "Logical Domains Manager release",
        ("ldm-V", "ldm-list-l"),
        lambda s: s.release is not None,
        _CONTROL,
    ),
    # -- each domain ----------------------------------------------------------------------
    Fact(
        "runtime-interfaces",
        "domain",
        "runtime interface state",
        ("ifconfig-a", "ipadm", "ipmpstat-i"),
        lambda dc: dc.runtime_captured,
        _EACH,
    ),
    Fact(
        "persistent-interfaces",
        "domain",
        "persistent interface configuration",
        ("hostname", "ipadm-show-if"),
        lambda dc: (
            bool(dc.hostname_files)
            or (dc.ipadm is not None and any(i.persistent is not None for i in dc.ipadm.interfaces))
        ),
        _EACH,
    ),
    Fact(
        "ipmp-state",
        "domain",
        "IPMP runtime state (ipmpstat)",
        ("ipmpstat-g", "ipmpstat-i", "ipmpstat-t", "ipmpstat-a", "ipmpstat-p", "ipmpstat"),
        _field("ipmpstat"),
        _EACH,
    ),
    Fact("routes", "domain", "routing table", ("netstat-rn",), _field("routes"), _EACH),
    Fact(
        "persistent-routes",
        "domain",
        "persistent routes",
        ("static-routes", "route-p-show"),
        _field("persistent_routes"),
        _EACH,
    ),
    Fact("hosts", "domain", "host name table", ("hosts",), _field("hosts"), _EACH),
    Fact("netmasks", "domain", "netmasks table", ("netmasks",), _field("netmasks"), _EACH),
    Fact("default-routers", "domain", "default router file", ("defaultrouter",), _field("defaultrouter"), _EACH),
    Fact("mpathd-settings", "domain", "in.mpathd settings", ("mpathd",), _field("mpathd"), _EACH),
    Fact("ipmp-service", "domain", "IPMP service properties", ("svcprop-ipmp",), _field("svcprop_ipmp"), _EACH),
    Fact("eeprom", "domain", "OpenBoot settings", ("eeprom",), _field("eeprom"), _EACH),
    Fact(
        "forwarding",
        "domain",
        "IP forwarding setting",
        ("routeadm", "ipadm-show-prop"),
        lambda dc: dc.routeadm is not None or dc.ipadm_prop is not None,
        _EACH,
    ),
    Fact(
        "datalinks",
        "domain",
        "datalink list",
        ("dladm-show-phys", "dladm-show-link", "dladm-show-vnic", "dladm-show-vlan", "dladm-show-aggr"),
        _field("dladm"),
        _EACH,
    ),
    Fact("domain-role", "domain", "domain role", ("virtinfo",), _field("virtinfo"), _EACH),
    Fact("route-lookup", "domain", "kernel route lookup", ("route-get",), _field("route_lookup"), _EACH),
)

BY_NAME: dict[str, Fact] = {f.name: f for f in FACTS}

#: The fact each capture kind gives, for rules that still name kinds in ``REQUIRES``.
KIND_FACTS: dict[str, str] = {
    "ldm-list-l": "ldm-bindings",
    "ldm-list-bindings": "ldm-bindings",
    "ldm-list-p": "ldm-bindings",
    "ldm-list-services": "ldm-services",
    "ldm-V": "ldm-release",
    "ifconfig-a": "runtime-interfaces",
    "ipadm": "runtime-interfaces",
    "ipadm-show-addr": "runtime-interfaces",
    "ipadm-show-if": "runtime-interfaces",
    "hostname": "persistent-interfaces",
    **{k.name: "ipmp-state" for k in kinds.KINDS if k.field == "ipmpstat"},
    "netstat-rn": "routes",
    "static-routes": "persistent-routes",
    "route-p-show": "persistent-routes",
    "hosts": "hosts",
    "netmasks": "netmasks",
    "defaultrouter": "default-routers",
    "mpathd": "mpathd-settings",
    "svcprop-ipmp": "ipmp-service",
    "eeprom": "eeprom",
    "routeadm": "forwarding",
    "ipadm-show-prop": "forwarding",
    "dladm-show-phys": "datalinks",
    "dladm-show-link": "datalinks",
    "dladm-show-vnic": "datalinks",
    "dladm-show-vlan": "datalinks",
    "dladm-show-aggr": "datalinks",
    "virtinfo": "domain-role",
    "route-get": "route-lookup",
}


def fact_for(name: str) -> Optional[Fact]:
    """The fact a ``REQUIRES`` entry names: a fact's name, or a capture kind's."""
    return BY_NAME.get(name) or BY_NAME.get(KIND_FACTS.get(name, ""))


@functools.cache  # the runner asks it for every rule of every server; FACTS never change
def resolve(requires: tuple[str, ...]) -> tuple[Fact, ...]:
    """The facts of a ``REQUIRES`` tuple, each once, in order; unknown names are left out
    (``ipmplint.engine.plugins`` refuses a rule that names one)."""
    out: dict[str, Fact] = {}
    for name in requires:
        fact = fact_for(name)
        if fact is not None:
            out.setdefault(fact.name, fact)
    return tuple(out.values())


def skip_reason(fact: Fact, domain: Optional[str] = None) -> str:
    """``no vnet/vsw bindings: capture `ldm list -l` (or ...) on the control domain``."""
    whose = f" in domain {domain}" if domain else ""
    return f"no {fact.what}{whose}: {fact.capture_hint()}"
