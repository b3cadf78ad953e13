"""Which Solaris a domain runs (10 or 11), judged from what was captured in it.

Several rules hold for one release only (IPMP205: Solaris 10 marks test addresses by
hand; IPMP310: Solaris 11 keeps data addresses on the IPMP interface). No capture
states the release outright, so it is inferred from evidence that only one release
produces, and the evidence is named so ``--verbose`` and the rules can say why:

- Solaris 11 only: ``ipadm``, ``ipmpstat``, ``dladm show-phys`` (with MEDIA), ``dladm``
  links with an OVER or a Solaris 11 CLASS (``show-link``, ``show-vnic``, ``show-vlan``:
  Solaris 10's ``dladm`` prints neither), ``route -p show``, ``svcprop network/ipmp``;
  an ``ifconfig`` interface flagged IPMP (the IPMP interface of the Clearview
  rearchitecture, PSARC/2007/272) or PHYSRUNNING.
- Solaris 10 only: ``/etc/hostname.*`` files (Solaris 11 configures with ipadm and no
  longer reads them), ``/etc/inet/static_routes``.

When both kinds of evidence are present (a Solaris 10 domain upgraded with its old
files left behind), Solaris 11 wins: its evidence is what the running system printed.
When there is none, the release is unknown (None) and release-bound rules do not fire.
"""

from __future__ import annotations

from typing import Optional

import attrs

from ipmplint.analysis import memo
from ipmplint.model import DomainCapture

_S11_FLAGS = frozenset({"IPMP", "PHYSRUNNING"})
#: ``dladm show-link`` CLASS values of Solaris 11 (Solaris 10 prints ``non-vlan``, ``vlan N``, ``legacy``).
_S11_CLASSES = frozenset({"phys", "aggr", "vnic", "vlan", "etherstub", "part", "iptun", "simnet", "bridge"})


@attrs.frozen
class SolarisRelease:
    version: Optional[int]
    evidence: str

    def __str__(self) -> str:
        return f"Solaris {self.version} ({self.evidence})" if self.version else f"unknown ({self.evidence})"


@memo.once_per_server
def solaris(dc: DomainCapture) -> SolarisRelease:
    """The domain's Solaris release and the evidence for it."""
    s11 = [
        name
        for name, present in (
            ("ipadm", dc.ipadm is not None),
            ("ipmpstat", dc.ipmpstat is not None),
            ("dladm show-phys", dc.dladm is not None and any(link.media for link in dc.dladm.links)),
            (
                "dladm OVER/CLASS",
                dc.dladm is not None and any(link.over or link.lclass in _S11_CLASSES for link in dc.dladm.links),
            ),
            ("route -p show", "route-p-show" in dc.files),
            ("svcprop network/ipmp", dc.svcprop_ipmp is not None),
            (
                "ifconfig IPMP/PHYSRUNNING flags",
                dc.ifconfig is not None and any(_S11_FLAGS & lif.flags for lif in dc.ifconfig.interfaces),
            ),
        )
        if present
    ]
    if s11:
        return SolarisRelease(11, "Solaris 11 only: " + ", ".join(s11))
    s10 = [
        name
        for name, present in (
            ("/etc/hostname.*", bool(dc.hostname_files)),
            ("/etc/inet/static_routes", "static-routes" in dc.files),
        )
        if present
    ]
    if s10:
        return SolarisRelease(10, "Solaris 10 only: " + ", ".join(s10))
    return SolarisRelease(None, "no capture that only one Solaris release produces")
