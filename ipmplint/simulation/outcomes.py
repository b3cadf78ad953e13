"""What can fail and what can happen, as names only: the command line builds its
``--fail`` and ``--fail-on`` help from them without loading the model (``ipmplint
--version`` and ``--help`` stay light). The data classes are in
ipmplint.simulation.model."""

from __future__ import annotations

import enum


class Kind(enum.Enum):
    """What can fail, from the wire up (the order the reports list failures in)."""

    NIC = "nic"  # a physical NIC, its cable or its switch port
    VSW = "vsw"  # a virtual switch
    SERVICE_DOMAIN = "service-domain"  # a crash or reboot: its vsws and NICs go with it
    VNET = "vnet"  # a guest's virtual network device
    PROBE_TARGET = "probe-target"  # a router or host-route target stops answering


KIND_ORDER = tuple(Kind)


class Outcome(enum.Enum):
    """What a failure does to one group (or one ungrouped address) of a domain."""

    UNAFFECTED = "unaffected"  # the failure does not touch its path
    FAILS_OVER = "fails-over"  # a member is lost, the loss is detected, another carries on
    UNDETECTED = "undetected"  # a member's path is dead and nothing tells IPMP
    FALSE_FAILURE = "false-failure"  # every probed member is declared failed on healthy paths
    LOSES_NETWORK = "loses-network"  # no member survives, or there was one path only
    UNKNOWN = "unknown"  # the captures cannot tell; ``missing`` names what would


#: The outcomes that make ``ipmplint simulate`` exit 1 by default: a single point of failure.
HARMFUL = (Outcome.LOSES_NETWORK, Outcome.UNDETECTED, Outcome.FALSE_FAILURE)
