"""What a run produces: findings, skipped checks, and the report that holds them.

Rules yield ``Problem`` and ``Skip``; the runner stamps each problem with its rule's
identity and the configured severity to make a ``Finding``. Reporters render a
``Report`` and decide nothing.
"""

from __future__ import annotations

import enum
from typing import Iterable, Optional

import attrs

from ipmplint.model import LineAccount, Source


class Severity(enum.Enum):
    """error: failover will not happen; warning: only for some failures or until the next
    reboot; info: worth knowing (docs/rules.md)."""

    INFO = "info"
    WARNING = "warning"
    ERROR = "error"

    @property
    def rank(self) -> int:
        return {"info": 0, "warning": 1, "error": 2}[self.value]

    @classmethod
    def parse(cls, text: str) -> "Severity":
        return cls(text.strip().lower())


def _node_texts(nodes: Iterable[object]) -> tuple[str, ...]:
    return tuple(map(str, nodes))


@attrs.frozen
class Problem:
    """What a rule yields: a message about one object, at the line that causes it."""

    message: str
    source: Source
    domain: Optional[str] = None
    group: Optional[str] = None
    object: Optional[str] = None
    #: The topology nodes the problem is about (``ipmplint.topology.NodeId``s, kept as
    #: their text form, the name every output uses), so a drawing can mark them; empty
    #: when the problem is about no node of the graph.
    nodes: tuple[str, ...] = attrs.field(default=(), converter=_node_texts)


@attrs.frozen
class Skip:
    """A check that could not be decided from the captures, and the file it lacked."""

    reason: str
    missing: tuple[str, ...] = ()
    domain: Optional[str] = None


@attrs.frozen
class RuleInfo:
    """A rule's identity and documentation, as every output shows it."""

    id: str
    name: str
    severity: Severity
    summary: str
    doc: str
    source: str
    tags: tuple[str, ...] = ()
    #: The plugin that provides the rule — an installed distribution's name, or a
    #: rule-path folder (ipmplint.engine.plugins) — and its version; None for a built-in.
    plugin: Optional[str] = None
    plugin_version: Optional[str] = None


@attrs.frozen(order=True)
class Finding:
    """A problem stamped with its rule and severity, on one server."""

    server: str
    location: Source
    rule_id: str
    rule_name: str
    severity: Severity = attrs.field(order=lambda s: -s.rank)
    message: str = ""
    domain: Optional[str] = None
    group: Optional[str] = None
    object: Optional[str] = None
    nodes: tuple[str, ...] = attrs.field(default=(), order=False)

    @property
    def sort_key(self) -> tuple:
        return (self.server, self.location.file, self.location.line, self.location.col, self.rule_id, self.message)


@attrs.frozen
class SkippedCheck:
    """A rule the runner could not decide for one server (or one domain of it)."""

    server: str
    rule_id: str
    reason: str
    missing: tuple[str, ...] = ()
    domain: Optional[str] = None


@attrs.frozen
class Picture:
    """A server's failover picture as a report shows it (the html format): the SVG
    Graphviz drew of its scene, marked with the findings the report shows; or, when
    there is none, why not and how to get one."""

    svg: str = ""
    missing: str = ""


@attrs.frozen
class ServerReport:
    """The run's result for one capture root."""

    name: str
    path: str
    findings: tuple[Finding, ...] = ()
    skipped: tuple[SkippedCheck, ...] = ()
    accounts: tuple[LineAccount, ...] = ()
    #: The domains captured, and the IPMP groups seen in them (``domain/group``).
    domains: tuple[str, ...] = ()
    groups: tuple[str, ...] = ()
    #: Its picture, when the run drew them (``ipmplint.drawing.pictures``); else None.
    picture: Optional[Picture] = None


@attrs.frozen
class BaselineEntry:
    """One finding as a baseline file records it (ipmplint.engine.suppression): its fingerprint,
    and for people what it is about; ``file`` is relative to the server's capture root."""

    fingerprint: str
    rule_id: str
    server: str
    domain: Optional[str] = None
    group: Optional[str] = None
    object: Optional[str] = None
    file: str = ""
    message: str = ""


@attrs.frozen
class Suppression:
    """What was hidden between the runner and the reporters (ipmplint.engine.suppression):
    counts, and the baseline entries no longer found (``stale``)."""

    baseline: Optional[str] = None
    by_baseline: int = 0
    by_path: int = 0
    stale: tuple[BaselineEntry, ...] = ()


@attrs.frozen
class Report:
    """Everything one ``ipmplint check`` run found, in a deterministic order."""

    tool_version: str
    inputs: tuple[str, ...]
    rules: tuple[RuleInfo, ...]
    servers: tuple[ServerReport, ...] = ()
    errors: tuple[str, ...] = ()
    suppression: Suppression = attrs.field(factory=Suppression)
    #: Rules that could not be loaded (a broken plugin or rule-path module): the run
    #: went on without them. Not inputs: ``errors`` holds what could not be read.
    rule_errors: tuple[str, ...] = ()
    #: What the run is called where a format needs a name for it (SARIF's
    #: ``automationDetails.id``): ``--category``, else None (derived from the inputs).
    category: Optional[str] = None

    @property
    def findings(self) -> tuple[Finding, ...]:
        return tuple(f for s in self.servers for f in s.findings)

    @property
    def problems(self) -> tuple[str, ...]:
        """Everything that kept the run from being whole: rules not loaded, then inputs
        not read (the machine formats list them together)."""
        return self.rule_errors + self.errors

    @property
    def skipped(self) -> tuple[SkippedCheck, ...]:
        return tuple(k for s in self.servers for k in s.skipped)
