"""Every rule a run can use: the built-ins, installed plugins, and site rule folders.

A rule from outside this repository gets exactly what a built-in rule gets: it is a
module with the interface of ``ipmplint.rule`` (``ID``, ``NAME``, ``SEVERITY``,
``SOURCE``, ``TAGS``, ``REQUIRES``, ``OPTIONS``, a docstring, ``check(ctx)``), checked
by ``Rule.from_module`` and run by the runner like any other. docs/writing-a-rule.md is
the guide for writing one.

Two ways in:

- **An installed plugin**: a distribution that declares entry points in the group
  ``ipmplint.rules``. Each entry point names either one rule module
  (``acme = "acme_ipmp.naming"``) or a package whose modules are rules
  (``acme = "acme_ipmp"``): every module of the package whose name does not start
  with ``_`` is a rule; ``_``-modules and subpackages are the plugin's own helpers.
  A ``module:attribute`` entry point is accepted when the attribute is such a module.
- **A rule path**: a folder of rule modules (``--rule-path DIR``, or ``rule-paths`` in
  the configuration). Every ``*.py`` in it whose name does not start with ``_`` is a
  rule; ``_``-modules are helpers the rules import relatively
  (``from ._site import ...``): the folder is imported as a package of its own.

Identity. Built-ins come first, then plugins (by distribution, then entry-point name),
then rule paths in the order given (files by name). A rule whose id or name is already
taken is a collision: it is left out of ``LoadedRules.rules`` and named, with the rule
it collides with, in ``LoadedRules.collisions``; the CLI then refuses to run (exit 2),
because findings and suppressions keyed by an id that two rules claim would be
misattributed. Plugins should use a prefix of their own (``ACME101``, ``SITE001``):
``IPMP`` and ``CAP`` belong to ipmplint, and a plugin using them would collide with a
future built-in.

Failure. A plugin or module that cannot be imported, or whose module does not have the
interface, is left out and named in ``LoadedRules.errors``; the other rules still load.
An exception inside ``check()`` is contained by the runner, as an error finding whose
message names the rule's ``origin``. ``Rule.origin`` is ``builtin``, ``plugin
<distribution> (<module>)`` or ``rule-path <file>``; ``RuleInfo.plugin`` (and
``plugin_version``) name the plugin — the distribution, or the rule-path folder as
given — for the reports (SARIF describes each plugin as a tool extension).

This module imports and wraps rules; it never runs one, prints nothing, and decides no
exit code (the CLI does).
"""

from __future__ import annotations

import hashlib
import importlib
import importlib.util
import pkgutil
import sys
from collections.abc import Mapping
from pathlib import Path
from types import ModuleType
from typing import TYPE_CHECKING, Optional, Sequence

import attrs

from ipmplint.engine import distributions
from ipmplint.model import facts
from ipmplint.rule import Rule, RuleError

if TYPE_CHECKING:  # imported when a distribution declares the group (start-up)
    from importlib import metadata

#: The entry-point group a plugin distribution declares its rules in.
ENTRY_POINT_GROUP = "ipmplint.rules"

BUILTIN = "builtin"

#: Frames of the import machinery, left out of an import error's location.
_IMPORTLIB = Path(importlib.__file__).parent

#: The private package each rule-path folder is imported as (one per folder).
_RULE_PATH_PACKAGE = "_ipmplint_rule_path_"


@attrs.frozen
class LoadedRules:
    """The rules of a run, and what could not be made one."""

    #: Built-ins + plugins + rule-path rules, sorted by id; every id and name once.
    rules: tuple[Rule, ...]
    #: One message per plugin or module that could not be loaded (it names it).
    errors: tuple[str, ...] = ()
    #: One message per id (or name) collision (it names both rules).
    collisions: tuple[str, ...] = ()


def load_rules(rule_paths: Sequence[str] = (), entry_points: bool = True) -> LoadedRules:
    """The built-in rules, the installed plugins' rules (unless ``entry_points`` is
    false) and the rules of each folder in ``rule_paths``."""
    from ipmplint.rules import builtin

    importlib.invalidate_caches()  # a plugin installed, or a rule written, since the last import
    found = _Found()
    for rule in builtin():
        found.add(rule)
    if entry_points:
        for entry_point in _entry_points():
            _load_entry_point(entry_point, found)
    for path in rule_paths:
        _load_rule_path(str(path), found)
    return LoadedRules(
        rules=tuple(sorted(found.rules, key=lambda r: r.id)),
        errors=tuple(found.errors),
        collisions=tuple(found.collisions),
    )


@attrs.define
class _Found:
    rules: list[Rule] = attrs.field(factory=list)
    errors: list[str] = attrs.field(factory=list)
    collisions: list[str] = attrs.field(factory=list)
    by_id: dict[str, Rule] = attrs.field(factory=dict)
    by_name: dict[str, Rule] = attrs.field(factory=dict)
    modules: set[str] = attrs.field(factory=set)

    def add(self, rule: Rule) -> None:
        other = self.by_id.get(rule.id)
        if other is not None:
            self.collisions.append(f"rule {rule.id} of {rule.origin} collides with {_describe(other)}")
            return
        other = self.by_name.get(rule.name)
        if other is not None:
            self.collisions.append(f"rule {rule.id} of {rule.origin} is named {rule.name}, like {_describe(other)}")
            return
        self.rules.append(rule)
        self.by_id[rule.id] = rule
        self.by_name[rule.name] = rule


def _describe(rule: Rule) -> str:
    if rule.origin == BUILTIN:
        return f"the built-in {rule.id}"
    return f"rule {rule.id} of {rule.origin}"


# -------------------------------------------------------------------- plugins


def _entry_points() -> list[metadata.EntryPoint]:
    """The group's entry points, in a fixed order: by distribution, then name.
    ``importlib.metadata`` is asked only when a distribution may declare the group:
    importing it (with email, csv, zipfile, socket) costs 10-20 ms of every start-up
    (``-X importtime``), and almost every run has no plugin."""
    if distributions.declares(ENTRY_POINT_GROUP) is False:
        return []
    from importlib import metadata

    found = metadata.entry_points(group=ENTRY_POINT_GROUP)
    return sorted(found, key=lambda ep: (_plugin_name(ep).lower(), ep.name, ep.value))


def _plugin_name(ep: metadata.EntryPoint) -> str:
    dist = getattr(ep, "dist", None)
    name = dist.metadata["Name"] if dist is not None else None
    return name or ep.name


def _load_entry_point(ep: metadata.EntryPoint, found: _Found) -> None:
    plugin = _plugin_name(ep)
    dist = getattr(ep, "dist", None)
    version = dist.version if dist is not None else None
    where = f"plugin {plugin} (entry point {ep.name} = {ep.value})"
    try:
        target = ep.load() if ep.attr else importlib.import_module(ep.module)
    except (Exception, SystemExit) as exc:
        found.errors.append(f"{where}: cannot import {ep.value}: {_why(exc)}")
        return
    if not isinstance(target, ModuleType):
        found.errors.append(f"{where}: names a {type(target).__name__}, not a rule module or a package of rule modules")
        return
    for module in _modules_of(target, where, found):
        _add_module(module, f"plugin {plugin} ({module.__name__})", plugin, version, found)


def _modules_of(target: ModuleType, where: str, found: _Found) -> list[ModuleType]:
    """The module itself, or a package's rule modules (its ``_``-modules and
    subpackages are helpers), each imported; a module that fails is an error."""
    if not hasattr(target, "__path__"):
        return [target]
    modules = []
    for info in sorted(pkgutil.iter_modules(target.__path__), key=lambda i: i.name):
        if info.name.startswith("_") or info.ispkg:
            continue
        name = f"{target.__name__}.{info.name}"
        try:
            modules.append(importlib.import_module(name))
        except (Exception, SystemExit) as exc:
            found.errors.append(f"{where}: cannot import {name}: {_why(exc)}")
    if not modules:
        found.errors.append(f"{where}: package {target.__name__} has no rule module")
    return modules


# ------------------------------------------------------------------ rule paths


def _load_rule_path(path: str, found: _Found) -> None:
    folder = Path(path)
    if not folder.is_dir():
        found.errors.append(f"rule-path {path}: not a folder")
        return
    package = _folder_package(folder)
    for file in sorted(folder.glob("*.py")):
        if file.name.startswith("_"):
            continue
        origin = f"rule-path {Path(path, file.name).as_posix()}"
        try:
            module = importlib.import_module(f"{package}.{file.stem}")
        except (Exception, SystemExit) as exc:
            found.errors.append(f"{origin}: cannot import: {_why(exc)}")
            continue
        _add_module(module, origin, folder.as_posix(), None, found)


def _folder_package(folder: Path) -> str:
    """The private package a rule-path folder is imported as: its modules can then
    import their ``_``-helpers relatively, and two folders never share a name."""
    resolved = folder.resolve()
    name = _RULE_PATH_PACKAGE + hashlib.sha256(str(resolved).encode("utf-8")).hexdigest()[:12]
    if name not in sys.modules:
        spec = importlib.util.spec_from_loader(name, loader=None, is_package=True)
        assert spec is not None
        package = importlib.util.module_from_spec(spec)
        package.__path__ = [str(resolved)]
        sys.modules[name] = package
    return name


# ----------------------------------------------------------------- the module


def _add_module(module: ModuleType, origin: str, plugin: str, version: Optional[str], found: _Found) -> None:
    """Check one rule module and add it as a rule of ``plugin``, or say what is wrong."""
    if module.__name__ in found.modules:  # two entry points naming one module
        return
    found.modules.add(module.__name__)
    try:
        _check_metadata(module)
        rule = Rule.from_module(module, origin=origin)
    except RuleError as exc:
        message = str(exc)
        prefix = f"rule module {module.__name__}"
        message = message[len(prefix) :].lstrip(": ") if message.startswith(prefix) else message
        found.errors.append(f"{origin}: {message}")
        return
    except Exception as exc:  # metadata that Rule.from_module cannot even convert
        found.errors.append(f"{origin}: bad metadata: {type(exc).__name__}: {exc}")
        return
    found.add(attrs.evolve(rule, info=attrs.evolve(rule.info, plugin=plugin, plugin_version=version)))


def _check_metadata(module: ModuleType) -> None:
    """What ``Rule.from_module`` converts without judging: a tuple of tags, the facts
    a rule requires (a misspelt one would skip the rule on every server), and
    options keyed by name. Every built-in rule passes this too."""
    for attr in ("TAGS", "REQUIRES"):
        value = getattr(module, attr, ())
        if isinstance(value, str) or not isinstance(value, (tuple, list)) or not all(isinstance(v, str) for v in value):
            raise RuleError(f"{attr} must be a tuple of strings, not {value!r}")
    unknown = [k for k in getattr(module, "REQUIRES", ()) if facts.fact_for(k) is None]
    if unknown:
        raise RuleError(
            f"REQUIRES names unknown fact(s) {', '.join(unknown)} "
            f"(ipmplint.model.facts: {', '.join(f.name for f in facts.FACTS)}; or a capture kind "
            f"of ipmplint.capture.kinds, which stands for the fact it gives)"
        )
    options = getattr(module, "OPTIONS", {})
    if not isinstance(options, Mapping) or not all(isinstance(k, str) for k in options):
        raise RuleError(f"OPTIONS must be a dict keyed by option name, not {options!r}")


def _why(exc: BaseException) -> str:
    """``ModuleNotFoundError: No module named 'x' at /site/rules/site001.py:3``: the
    error and the last line of the plugin's own code that raised it."""
    import traceback  # an error only

    frames = [
        f
        for f in traceback.extract_tb(exc.__traceback__)
        if not f.filename.startswith("<") and Path(f.filename).parent != _IMPORTLIB and f.filename != __file__
    ]
    where = f" at {frames[-1].filename}:{frames[-1].lineno}" if frames else ""
    if isinstance(exc, SyntaxError):
        where = ""  # its message already says file and line
    return f"{type(exc).__name__}: {exc}{where}"
