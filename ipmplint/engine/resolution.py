"""The configuration held against the rules, with the command line over it: which rules
run (selection, ruff's layers), at which severity, with which options. ``resolve`` gives
the run's ``Settings``; what does not fit the rules is a ``ConfigError`` (exit 2).

(ipmplint.engine.config finds and reads the file; this module knows the rules.)
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any, Optional, Sequence

import attrs

from ipmplint.engine import selection
from ipmplint.engine.config import Config, ConfigError, did_you_mean, value_kind
from ipmplint.engine.runner import RunSettings
from ipmplint.findings import Severity
from ipmplint.rule import Rule


@attrs.frozen
class Overrides:
    """What the command line says; ``None`` / empty where it says nothing."""

    select: Sequence[str] = ()
    ignore: Sequence[str] = ()
    extend_select: Sequence[str] = ()
    fail_on: Optional[str] = None
    baseline: Optional[str] = None
    fail_on_stale_baseline: bool = False


@attrs.frozen
class Settings:
    """The run as the configuration and the command line decide it."""

    rules: tuple[Rule, ...]
    run: RunSettings
    fail_on: Severity
    per_path_ignores: tuple[tuple[str, tuple[str, ...]], ...] = ()
    folder: Optional[Path] = None
    baseline: Optional[str] = None
    fail_on_stale_baseline: bool = False
    #: What the user should change but need not yet (an option under its old name):
    #: said once on stderr by the command line.
    notes: tuple[str, ...] = ()


def resolve(config: Config, rules: Sequence[Rule], cli: Optional[Overrides] = None) -> Settings:
    """The run's settings: the configuration checked against ``rules`` (every rule
    known: built-in and plugins), the command line over it.

    Rule selection is ruff's: the configuration's ``select`` / ``extend-select`` /
    ``ignore``, then the command line's on top, where a ``--select`` starts afresh
    (it replaces the configuration's selection, ignores included) and ``--extend-select``
    and ``--ignore`` add to it.
    """
    cli = cli or Overrides()
    for key, selectors in (
        ("select", config.select or ()),
        ("ignore", config.ignore),
        ("extend-select", config.extend_select),
    ):
        _check_selectors(rules, selectors, config.where(), key)
    for pattern, selectors in config.per_path_ignores:
        _check_selectors(rules, selectors, config.where("per-path-ignores"), pattern)
    # The command line's selectors are checked by the caller's usage error, not here.
    selection.select(rules, list(cli.select) + list(cli.ignore) + list(cli.extend_select))

    chosen = _layer(rules, list(rules), config.select, config.ignore, config.extend_select)
    chosen = _layer(rules, chosen, cli.select or None, cli.ignore, cli.extend_select)
    notes: list[str] = []
    run = RunSettings(severity=_severities(config, rules), options=_options(config, rules, notes))
    fail_on = Severity.parse(cli.fail_on) if cli.fail_on else (config.fail_on or Severity.WARNING)
    return Settings(
        rules=tuple(sorted(chosen, key=lambda r: r.id)),
        run=run,
        fail_on=fail_on,
        per_path_ignores=config.per_path_ignores,
        folder=config.folder,
        baseline=cli.baseline if cli.baseline is not None else _shown(config.baseline),
        fail_on_stale_baseline=cli.fail_on_stale_baseline or config.fail_on_stale_baseline,
        notes=tuple(notes),
    )


def _shown(path: Optional[str]) -> Optional[str]:
    """A path from the configuration (absolute) as the user would write it: relative to
    the current directory when it is under it, so reports do not name the checkout."""
    if path is None:
        return None
    relative = os.path.relpath(path)
    return path if relative == os.pardir or relative.startswith(os.pardir + os.sep) else relative


def _layer(
    rules: Sequence[Rule],
    previous: list[Rule],
    select: Optional[Sequence[str]],
    ignore: Sequence[str],
    extend_select: Sequence[str],
) -> list[Rule]:
    """One layer of selection over the previous one (ruff): ``select`` starts afresh,
    ``extend-select`` adds, ``ignore`` takes away (and wins within the layer)."""
    if select is not None:
        base = [r for r in rules if any(selection.matches(r, s) for s in select)]
    else:
        base = list(previous)
    base += [r for r in rules if r not in base and any(selection.matches(r, s) for s in extend_select)]
    return [r for r in base if not any(selection.matches(r, s) for s in ignore)]


def _check_selectors(rules: Sequence[Rule], selectors: Sequence[str], where: str, key: str) -> None:
    try:
        selection.select(rules, list(selectors))
    except selection.SelectionError as exc:
        raise ConfigError(f"{where}: {key}: {exc}") from None


def _severities(config: Config, rules: Sequence[Rule]) -> dict[str, Severity]:
    """Rule id → configured severity. The most specific key wins: a rule's id or name,
    then the longest id prefix, then ``ALL``."""
    where = config.where("severity")
    out: dict[str, Severity] = {}
    for key in config.severity:
        _check_selectors(rules, [key], where, key)
    for rule in rules:
        best: Optional[tuple[int, str]] = None
        for key in config.severity:
            if not selection.matches(rule, key):
                continue
            k = key.strip()
            rank = 10_000 if k.upper() == rule.id or k.lower() == rule.name else 0 if k == "ALL" else len(k)
            if best is None or rank > best[0]:
                best = (rank, key)
        if best is not None:
            out[rule.id] = config.severity[best[1]]
    return out


def _options(config: Config, rules: Sequence[Rule], notes: list[str]) -> dict[str, dict[str, Any]]:
    """Rule id → its configured options, each checked against the rule's ``OPTIONS``
    (its options and their defaults, whose type is the option's type). An option's old
    name (a rule's ``OLD_OPTION_NAMES``: ``max_vnets`` before options were kebab-case
    like every other key) is still read as the option, with a note in ``notes`` naming
    the new key."""
    out: dict[str, dict[str, Any]] = {}
    for key, values in config.options.items():
        where = config.where(f"options.{key}")
        rule = _one_rule(rules, key, config.where("options"))
        if not rule.options:
            raise ConfigError(f"{where}: {rule.id} ({rule.name}) has no options")
        checked: dict[str, Any] = {}
        for name, value in values.items():
            if name in rule.old_option_names:
                new = rule.old_option_names[name]
                notes.append(f"{where}: option '{name}' is now '{new}'; the old name is still read, please rename it")
                name = new
            if name not in rule.options:
                known = ", ".join(sorted(rule.options))
                raise ConfigError(
                    f"{where}: {rule.id} has no option '{name}'"
                    f"{did_you_mean(name, list(rule.options))}; its options: {known}"
                )
            checked[name] = _option_value(value, rule.options[name], where, name)
        if rule.id in out:
            raise ConfigError(f"{config.where('options')}: {rule.id} is configured twice (by id and by name)")
        out[rule.id] = checked
    return out


def _one_rule(rules: Sequence[Rule], key: str, where: str) -> Rule:
    """The rule a key of ``[options]`` names: its id or its name, not a prefix."""
    exact = [r for r in rules if r.id == key.strip().upper() or r.name == key.strip().lower()]
    if exact:
        return exact[0]
    _check_selectors(rules, [key], where, key)  # unknown: with a "did you mean"
    raise ConfigError(f"{where}: '{key}' is a prefix, not a rule; options are set per rule, by its id or name")


def _option_value(value: Any, default: Any, where: str, name: str) -> Any:
    """The value if it has the type of the option's default, else an error. An integer
    is taken where a float is expected; a boolean is never taken as a number."""
    expected = _expected(default)
    if isinstance(default, bool):
        ok = isinstance(value, bool)
    elif isinstance(default, int):
        ok = isinstance(value, int) and not isinstance(value, bool)
    elif isinstance(default, float):
        ok = isinstance(value, (int, float)) and not isinstance(value, bool)
        value = float(value) if ok else value
    elif isinstance(default, str):
        ok = isinstance(value, str)
    elif isinstance(default, (list, tuple)):
        item = _expected(default[0]) if default else None
        ok = isinstance(value, list) and (
            not default
            or all(type(v) is type(default[0]) or (isinstance(default[0], float) and type(v) is int) for v in value)
        )
        value = type(default)(value) if ok else value
        expected = f"an array of {item}s" if item else "an array"
    elif default is None:
        ok = True
    else:
        ok = type(value) is type(default)
    if not ok:
        raise ConfigError(f"{where}: {name} must be {expected}, not {value_kind(value)}")
    return value


def _expected(default: Any) -> str:
    for kind, name in (
        (bool, "a boolean"),
        (int, "an integer"),
        (float, "a number"),
        (str, "a string"),
        ((list, tuple), "an array"),
    ):
        if isinstance(default, kind):
            return name
    return type(default).__name__
