"""The interface between the runner and a rule module — the whole of it.

A rule is a module with ``ID``, ``NAME``, ``SEVERITY``, ``SOURCE``, optional ``TAGS``,
``REQUIRES`` (the facts of the model it cannot decide without, ``ipmplint.model.facts``; a
capture kind's name stands for the fact that kind gives) and ``OPTIONS``, a
docstring whose first line is its summary, and ``check(ctx)``: a generator of
``Problem`` and ``Skip``. Built-in rules, plugins and site rule folders all get exactly
this: the model, the topology, the rule's options.
"""

from __future__ import annotations

import inspect
import re
from types import ModuleType
from typing import TYPE_CHECKING, Any, Callable, Iterator, Mapping, Union

import attrs

from ipmplint.findings import Problem, RuleInfo, Severity, Skip
from ipmplint.model import Server

if TYPE_CHECKING:
    from ipmplint.topology import Topology

__all__ = ["Problem", "Rule", "RuleContext", "RuleError", "Severity", "Skip"]

_ID = re.compile(r"^[A-Z][A-Z0-9]{1,9}\d{3}$")
_NAME = re.compile(r"^[a-z][a-z0-9]*(?:-[a-z0-9]+)*$")


class RuleError(Exception):
    """A rule module that does not have the interface (bad metadata)."""


@attrs.define
class RuleContext:
    """What a rule may look at: one server's model, its topology (built on first use),
    and the rule's options. No file system, no other rule."""

    server: Server
    options: Mapping[str, Any] = attrs.field(factory=dict)
    #: The topology, once built: one holder shared by every ``for_rule`` copy, so the
    #: server's graph is built once however many rules ask for it.
    _topology: list = attrs.field(factory=lambda: [None], init=False)

    @property
    def topology(self) -> "Topology":
        """The server's topology (``ipmplint.topology.Topology``), built once."""
        if self._topology[0] is None:
            from ipmplint import topology  # deferred: networkx is loaded only when a rule asks

            self._topology[0] = topology.build(self.server)
        return self._topology[0]

    def for_rule(self, options: Mapping[str, Any]) -> "RuleContext":
        """The same server and topology with another rule's options."""
        ctx = RuleContext(self.server, options)
        ctx._topology = self._topology
        return ctx


@attrs.frozen
class Rule:
    """A rule module, checked and wrapped."""

    info: RuleInfo
    check: Callable[[RuleContext], Iterator[Union[Problem, Skip]]]
    requires: tuple[str, ...] = ()
    options: Mapping[str, Any] = attrs.field(factory=dict, hash=False)
    origin: str = "builtin"
    #: Old option name → its name now (``OLD_OPTION_NAMES``): a configuration that uses
    #: the old one still works, with a note naming the new one.
    old_option_names: Mapping[str, str] = attrs.field(factory=dict, hash=False)

    @property
    def id(self) -> str:
        return self.info.id

    @property
    def name(self) -> str:
        return self.info.name

    @classmethod
    def from_module(cls, module: ModuleType, origin: str = "builtin") -> "Rule":
        where = getattr(module, "__name__", "?")
        try:
            rid, name, severity = module.ID, module.NAME, module.SEVERITY
            source, check = module.SOURCE, module.check
        except AttributeError as exc:
            raise RuleError(f"rule module {where} lacks {exc.name or exc}") from None
        if not isinstance(rid, str) or not _ID.match(rid):
            raise RuleError(f"rule module {where}: ID {rid!r} is not like IPMP101")
        if not isinstance(name, str) or not _NAME.match(name):
            raise RuleError(f"rule module {where}: NAME {name!r} is not kebab-case")
        if isinstance(severity, str):
            severity = Severity.parse(severity)
        if not isinstance(severity, Severity):
            raise RuleError(f"rule module {where}: SEVERITY must be error, warning or info")
        if not callable(check):
            raise RuleError(f"rule module {where}: check is not callable")
        doc = inspect.cleandoc(module.__doc__ or "")
        if not doc:
            raise RuleError(f"rule module {where}: no docstring (what, why, example, fix, source)")
        summary = doc.splitlines()[0].strip()
        info = RuleInfo(
            id=rid,
            name=name,
            severity=severity,
            summary=summary,
            doc=doc,
            source=str(source),
            tags=tuple(getattr(module, "TAGS", ())),
        )
        return cls(
            info=info,
            check=check,
            requires=tuple(getattr(module, "REQUIRES", ())),
            options=dict(getattr(module, "OPTIONS", {})),
            origin=origin,
            old_option_names=dict(getattr(module, "OLD_OPTION_NAMES", {})),
        )
