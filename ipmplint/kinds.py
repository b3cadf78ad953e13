"""Every capture format ipmplint reads: its name, where it lives, its parser, the model
field it fills, and how to recognise it by name or by content.

This table is the one place a format is registered. Discovery names files with it,
the loader dispatches to the parser it names and stores the result in the field it
names, and ``--verbose`` names the canonical file when a rule lacks one. Adding a
format is a grammar, a parser module and one entry here.

A parser is ``parse(text: str, path: str) -> ParseResult`` (``module:function``);
``hostname`` alone also takes the interface and family its file name gives.
"""

from __future__ import annotations

import functools
import re
from typing import Optional

import attrs


@attrs.frozen
class Kind:
    """One capture format."""

    name: str
    #: ``server``: run in the control domain (ldm); ``domain``: run in each domain.
    scope: str
    #: ``module:function`` of the parser.
    parser: str
    #: The ``Server`` / ``DomainCapture`` field the parsed value goes into. Several
    #: kinds may share a field (``ipmpstat -g`` and ``-i``): their values are merged.
    field: str
    #: The canonical file name (CAPTURES.md), for messages.
    canonical: str
    #: Normalised file names that mean this kind (see ``filenames.normalise``),
    #: including the Oracle Explorer names.
    aliases: tuple[str, ...] = ()
    #: A pattern that, found at the start of a line among the first lines of a file
    #: whose name says nothing, identifies the content.
    sniff: Optional[str] = None


KINDS: tuple[Kind, ...] = (
    # -- the control domain: ldm ---------------------------------------------------------
    Kind("ldm-list-l", "server", "ipmplint.parsers.ldm_long:parse", "ldm", "ldm-list-l.txt",
         ("ldm-list-l", "ldm-ls-l", "ldm-list-domain-l", "ldm-list-bindings", "ldm-ls-bindings",
          "ldm-list-bindings-domain", "ldm-list", "ldm-ls", "ldm-list-domain", "ldm-list-e", "ldm-ls-e"),
         r"[ \t]*NAME[ \t]+STATE[ \t]+FLAGS[ \t]+CONS"),
    Kind("ldm-list-p", "server", "ipmplint.parsers.ldm_parseable:parse", "ldm_parseable", "ldm-list-p.txt",
         ("ldm-list-p", "ldm-ls-p", "ldm-list-l-p", "ldm-ls-l-p", "ldm-list-bindings-p",
          "ldm-ls-bindings-p", "ldm-list-constraints-p", "ldm-list-domain-p", "ldm-list-domain-l-p"),
         r"(?:VERSION[ \t]+\d+\.\d+[ \t]*\n)?DOMAIN\|"),
    Kind("ldm-list-services", "server", "ipmplint.parsers.ldm_long:parse_services", "ldm_services",
         "ldm-list-services.txt", ("ldm-list-services", "ldm-ls-services", "ldm-list-services-p"),
         None),
    Kind("ldm-V", "server", "ipmplint.parsers.ldm_version:parse", "ldm_version", "ldm-V.txt",
         ("ldm-v", "ldm-version", "ldm-v-out"),
         r"[ \t]*Logical Domains? Manager \(v"),
    # -- each domain: Solaris 10 and 11 --------------------------------------------------
    Kind("ifconfig-a", "domain", "ipmplint.parsers.ifconfig:parse", "ifconfig", "ifconfig-a.txt",
         ("ifconfig-a", "ifconfig"),
         r"[ \t]*[A-Za-z][\w.-]*(?::\d+)?:[ \t]*flags=[0-9a-fA-F]+"),
    Kind("netstat-rn", "domain", "ipmplint.parsers.netstat:parse", "routes", "netstat-rn.txt",
         ("netstat-rn", "netstat-nr", "netstat-rnv", "netstat-nrv", "netstat-r", "netstat-rn-f-inet",
          "netstat-rnf-inet"),
         r"[ \t]*(?:Routing|IRE)[ \t]+Table:"),
    Kind("hostname", "domain", "ipmplint.parsers.hostname:parse", "hostname_files", "etc/hostname.<if>"),
    Kind("static-routes", "domain", "ipmplint.parsers.persistent_routes:parse", "persistent_routes",
         "etc/inet/static_routes", ("static-routes", "inet-static-routes"),
         r"[ \t]*(?:-host|-net)[ \t]+\S+[ \t]+\S+"),
    Kind("route-p-show", "domain", "ipmplint.parsers.persistent_routes:parse", "persistent_routes",
         "route-p-show.txt", ("route-p-show", "route-show-p"),
         r"[ \t]*persistent:[ \t]+route[ \t]+add"),
    Kind("hosts", "domain", "ipmplint.parsers.hosts:parse", "hosts", "etc/hosts",
         ("hosts", "inet-hosts", "ipnodes", "inet-ipnodes"),
         None),
    Kind("netmasks", "domain", "ipmplint.parsers.netmasks:parse", "netmasks", "etc/netmasks",
         ("netmasks", "inet-netmasks"),
         None),
    Kind("defaultrouter", "domain", "ipmplint.parsers.defaultrouter:parse", "defaultrouter", "etc/defaultrouter",
         ("defaultrouter",),
         None),
    Kind("mpathd", "domain", "ipmplint.parsers.mpathd:parse", "mpathd", "etc/default/mpathd",
         ("mpathd", "default-mpathd", "mpathd-dfl"),
         r"[ \t]*(?:FAILURE_DETECTION_TIME|TRACK_INTERFACES_ONLY_WITH_GROUPS|FAILBACK)[ \t]*="),
    Kind("svcprop-ipmp", "domain", "ipmplint.parsers.svcprop:parse", "svcprop_ipmp", "svcprop-ipmp.txt",
         ("svcprop-ipmp", "svcprop-network-ipmp", "svcprop-svc-network-ipmp", "svcprop-svc-network-ipmp-default",
          "svccfg-ipmp", "svccfg-s-svc-network-ipmp-listprop-config", "svccfg-s-network-ipmp-listprop"),
         r"[ \t]*config/[\w-]+[ \t]+(?:boolean|count|integer|astring|ustring)\b"),
    Kind("eeprom", "domain", "ipmplint.parsers.eeprom:parse", "eeprom", "eeprom.txt",
         ("eeprom", "eeprom-local-mac-address"),
         r"[ \t]*local-mac-address\?="),
    Kind("routeadm", "domain", "ipmplint.parsers.routeadm:parse", "routeadm", "routeadm.txt",
         ("routeadm", "routeadm-p"),
         r"[ \t]*IPv4[ \t]+(?:forwarding|routing)[ \t]+\S"),
    Kind("ipadm-show-prop", "domain", "ipmplint.parsers.ipadm:parse_prop", "ipadm_prop", "ipadm-show-prop.txt",
         ("ipadm-show-prop", "ipadm-show-prop-p-forwarding", "ipadm-show-prop-p-forwarding-ipv4"),
         r"[ \t]*PROTO[ \t]+PROPERTY[ \t]+PERM"),
    Kind("ipadm-show-if", "domain", "ipmplint.parsers.ipadm:parse", "ipadm", "ipadm-show-if.txt",
         ("ipadm-show-if", "ipadm-show-if-o-all"),
         r"[ \t]*IFNAME[ \t]+CLASS[ \t]+STATE"),
    Kind("ipadm-show-addr", "domain", "ipmplint.parsers.ipadm:parse", "ipadm", "ipadm-show-addr.txt",
         ("ipadm-show-addr",),
         r"[ \t]*ADDROBJ[ \t]+TYPE[ \t]+STATE"),
    Kind("ipadm", "domain", "ipmplint.parsers.ipadm:parse", "ipadm", "ipadm.txt",
         ("ipadm",),
         r"[ \t]*NAME[ \t]+CLASS/TYPE[ \t]+STATE"),
    Kind("ipmpstat", "domain", "ipmplint.parsers.ipmpstat:parse", "ipmpstat", "ipmpstat-g.txt",
         ("ipmpstat-g", "ipmpstat-i", "ipmpstat-t", "ipmpstat-nt", "ipmpstat-p", "ipmpstat-a", "ipmpstat-an",
          "ipmpstat-ni", "ipmpstat-ng", "ipmpstat"),
         r"[ \t]*(?:GROUP[ \t]+GROUPNAME|INTERFACE[ \t]+ACTIVE[ \t]+GROUP|INTERFACE[ \t]+MODE[ \t]+TESTADDR"
         r"|ADDRESS[ \t]+STATE[ \t]+GROUP|TIME[ \t]+INTERFACE[ \t]+PROBE|(?:\S*[#$%>][ \t]*)?ipmpstat\b)"),
    Kind("dladm", "domain", "ipmplint.parsers.dladm:parse", "dladm", "dladm-show-phys.txt",
         ("dladm-show-phys", "dladm-show-link", "dladm", "dladm-show-phys-l", "dladm-show-phys-m"),
         r"[ \t]*LINK[ \t]+(?:MEDIA|CLASS)[ \t]+"),
    Kind("virtinfo", "domain", "ipmplint.parsers.virtinfo:parse", "virtinfo", "virtinfo-ap.txt",
         ("virtinfo-ap", "virtinfo-a", "virtinfo-a-p", "virtinfo"),
         r"DOMAINROLE\|"),
    Kind("route-get", "domain", "ipmplint.parsers.route_get:parse", "route_lookup", "route-n-get-default.txt",
         ("route-n-get-default", "route-get-default", "route-n-get", "route-get"),
         r"[ \t]*route to:[ \t]"),
)

BY_NAME: dict[str, Kind] = {k.name: k for k in KINDS}
SERVER_KINDS = frozenset(k.name for k in KINDS if k.scope == "server")
DOMAIN_KINDS = frozenset(k.name for k in KINDS if k.scope == "domain")
ALIASES: dict[str, str] = {alias: k.name for k in KINDS for alias in k.aliases}

#: How many lines of a file sniffing looks at.
SNIFF_LINES = 40


@functools.cache
def _sniffers() -> tuple[tuple[re.Pattern[str], str], ...]:
    return tuple((re.compile(f"^(?:{k.sniff})", re.MULTILINE), k.name) for k in KINDS if k.sniff)


def sniff(text: str) -> Optional[str]:
    """The kind a file's content shows, from its first lines; None when it shows none.

    Kinds are tried in table order, so the specific (``ldm``) come before the general.
    """
    head = "\n".join(text.replace("\r", "").split("\n", SNIFF_LINES)[:SNIFF_LINES])
    for pattern, name in _sniffers():
        if pattern.search(head):
            return name
    return None
