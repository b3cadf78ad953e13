"""The configuration: ``[tool.ipmplint]`` in ``pyproject.toml``, or a ``.ipmplint.toml``.

Found from the current directory upward: in each folder, ``.ipmplint.toml`` first, then a
``pyproject.toml`` that has a ``[tool.ipmplint]`` table (one without it is passed by);
the first found is the configuration, and none above it is read. The search stops at
the repository's top (the folder holding ``.git``) or the user's home folder, whichever
comes first, and never goes above: a file planted in ``/tmp`` or in a shared parent
folder is not the user's configuration. Started outside both, only the current folder
is searched. ``--config FILE`` names the file instead; ``--isolated`` reads none.
docs/configuration.md documents every key and the precedence of the command line over
the file; docs/security.md why the search is bounded.

A configuration found by the search is data, not code: its ``rule-paths`` (Python the
run would import) are loaded only when the user opts in (``--config FILE``, or
``IPMPLINT_TRUST_RULE_PATHS=1``), as a checked-out repository's ``.pre-commit-config``
runs nothing until the user installs it. ``trusted`` says whether they may be.

Like yamllint's config.py, everything is checked before anything runs, and loudly: an
unknown key, a rule id that names no rule, an option a rule does not have, a value of
the wrong type is a ``ConfigError`` (exit 2), with a "did you mean" when a known name
is close. ``load`` checks the file's shape (keys and types); ipmplint.engine.resolution
checks it against the rules (built-in and plugins) and gives the run's settings.
"""

from __future__ import annotations

import os
import re
from pathlib import Path
from typing import Any, Iterable, Mapping, Optional, Sequence

import attrs

from ipmplint.engine import suppression
from ipmplint.findings import Severity

#: The configuration files, in the order one folder is searched: .ipmplint.toml wins.
FILE_NAMES = (".ipmplint.toml", "pyproject.toml")

#: Every key of the configuration table, and what its value must be.
KEYS = {
    "select": "a list of rule ids, prefixes or names",
    "ignore": "a list of rule ids, prefixes or names",
    "extend-select": "a list of rule ids, prefixes or names",
    "severity": 'a table: rule id, prefix or name = "error", "warning" or "info"',
    "fail-on": '"error", "warning" or "info"',
    "per-path-ignores": "a table: glob = a list of rule ids, prefixes or names",
    "options": "a table of tables: [options.RULE] option = value",
    "rule-paths": "a list of folders of rule modules",
    "baseline": "the path of a baseline file",
    "fail-on-stale-baseline": "true or false",
}

#: Set to 1 to load the ``rule-paths`` of a configuration found by the search.
TRUST_ENV = "IPMPLINT_TRUST_RULE_PATHS"

SEVERITIES = tuple(s.value for s in sorted(Severity, key=lambda s: -s.rank))


class ConfigError(ValueError):
    """A configuration that cannot be used: ipmplint says why and exits 2."""


@attrs.frozen
class Config:
    """One configuration file, its shape checked (not yet its rule ids: ``resolve``).

    Paths in it (``rule-paths``, ``baseline``) are made absolute against the file's
    folder; ``per_path_ignores`` globs stay as written and match paths relative to it.
    """

    path: Optional[Path] = None
    select: Optional[tuple[str, ...]] = None
    ignore: tuple[str, ...] = ()
    extend_select: tuple[str, ...] = ()
    severity: Mapping[str, Severity] = attrs.field(factory=dict)
    fail_on: Optional[Severity] = None
    per_path_ignores: tuple[tuple[str, tuple[str, ...]], ...] = ()
    options: Mapping[str, Mapping[str, Any]] = attrs.field(factory=dict)
    rule_paths: tuple[str, ...] = ()
    baseline: Optional[str] = None
    fail_on_stale_baseline: bool = False
    #: Named by the user (``--config``), not found by the search: its rule-paths may run.
    named: bool = False

    @property
    def trusted(self) -> bool:
        """Whether this file's ``rule-paths`` may be imported: a file the user named, or
        any when ``$IPMPLINT_TRUST_RULE_PATHS`` is 1."""
        return self.named or os.environ.get(TRUST_ENV, "") == "1"

    @property
    def folder(self) -> Optional[Path]:
        """The folder the file is in: per-path globs and relative paths start there."""
        return self.path.parent if self.path is not None else None

    def where(self, key: str = "") -> str:
        """``pyproject.toml [tool.ipmplint.severity]``: where a key is, for messages."""
        name = str(self.path) if self.path is not None else "configuration"
        table = "tool.ipmplint" if self.path is not None and self.path.name == "pyproject.toml" else ""
        dotted = ".".join(p for p in (table, key) if p)
        return f"{name} [{dotted}]" if dotted else name


# ------------------------------------------------------------------ finding it


def search_path(start: Path) -> list[Path]:
    """The folders searched from ``start``: it and its parents up to the first that
    holds ``.git`` or is the home folder; only ``start`` when neither is above it."""
    home = Path(os.path.expanduser("~")).absolute()
    folders = []
    for candidate in (start, *start.parents):
        folders.append(candidate)
        if candidate == home or os.path.lexists(candidate / ".git"):
            return folders
    return [start]


def find(start: Optional[Path] = None) -> Optional[Path]:
    """The configuration file for a run started in ``start`` (default: the current
    directory): the nearest folder upward (``search_path``) with a ``.ipmplint.toml``,
    or a ``pyproject.toml`` with a ``[tool.ipmplint]`` table; None when there is none."""
    folder = Path(start if start is not None else os.getcwd()).absolute()
    for candidate in search_path(folder):
        dotfile = candidate / FILE_NAMES[0]
        if dotfile.is_file():
            return dotfile
        pyproject = candidate / FILE_NAMES[1]
        if pyproject.is_file() and _has_tool_table(pyproject):
            return pyproject
    return None


def _has_tool_table(path: Path) -> bool:
    try:
        text = path.read_bytes()
    except OSError:
        text = b"ipmplint"  # said by _read_toml
    if b"ipmplint" not in text and b"\\" not in text:  # no such table, however spelt: not parsed
        return False
    data = _read_toml(path)
    tool = data.get("tool")
    return isinstance(tool, dict) and "ipmplint" in tool


def for_run(config: Optional[str] = None, isolated: bool = False, start: Optional[Path] = None) -> Config:
    """The configuration of a run: none with ``isolated``, the file ``config`` when
    given, else the one ``find`` finds (or none: defaults)."""
    if isolated:
        return Config()
    if config is not None:
        path = Path(config)
        if not path.is_file():
            raise ConfigError(f"{config}: no such configuration file")
        return attrs.evolve(load(path), named=True)
    found = find(start)
    return load(found) if found is not None else Config()


# ------------------------------------------------------------------ reading it


def _read_toml(path: Path) -> dict[str, Any]:
    import tomllib  # deferred: start-up (a run without a configuration file never needs it)

    try:
        with open(path, "rb") as fh:
            return tomllib.load(fh)
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        raise ConfigError(f"{path}: not valid TOML: {exc}") from None
    except RecursionError:  # arrays or tables nested hundreds deep
        raise ConfigError(f"{path}: not valid TOML: nested too deep") from None
    except OSError as exc:
        raise ConfigError(f"{path}: cannot read: {exc.strerror or exc}") from None


def load(path: Path) -> Config:
    """Read one configuration file and check its keys and value types.

    A ``pyproject.toml`` is read for its ``[tool.ipmplint]`` table (an error when it has
    none: it was named on purpose); any other file holds the keys at its top level.
    """
    data = _read_toml(path)
    path = Path(os.path.abspath(path))
    probe = Config(path=path)
    if path.name == "pyproject.toml":
        tool = data.get("tool")
        if not isinstance(tool, dict) or "ipmplint" not in tool:
            raise ConfigError(f"{path}: has no [tool.ipmplint] table")
        table = tool["ipmplint"]
        if not isinstance(table, dict):
            raise ConfigError(f"{probe.where()}: must be a table")
    else:
        table = data
        if "tool" in table and isinstance(table["tool"], dict) and "ipmplint" in table["tool"]:
            raise ConfigError(
                f"{path}: keys go at the top level of this file, "
                f"not under [tool.ipmplint] (that table is for pyproject.toml)"
            )
    _unknown_keys(table, KEYS, probe.where(), "key")

    folder = path.parent
    fail_on = table.get("fail-on")
    severity = _table(table, "severity", probe)
    options = _table(table, "options", probe)
    per_path = _table(table, "per-path-ignores", probe)
    baseline = table.get("baseline")
    if baseline is not None and not isinstance(baseline, str):
        raise ConfigError(f"{probe.where()}: baseline must be {KEYS['baseline']}, not {value_kind(baseline)}")
    stale = table.get("fail-on-stale-baseline", False)
    if not isinstance(stale, bool):
        raise ConfigError(f"{probe.where()}: fail-on-stale-baseline must be true or false, not {value_kind(stale)}")
    for pattern in per_path:
        try:
            suppression.glob_regex(pattern)
        except re.error as exc:
            raise ConfigError(f"{probe.where('per-path-ignores')}: {_show(pattern)} is not a glob ({exc})") from None
    for rule, rule_options in options.items():
        if not isinstance(rule_options, dict):
            raise ConfigError(
                f"{probe.where('options')}: {rule} must be a table of the rule's options "
                f"([options.{rule}]), not {value_kind(rule_options)}"
            )
    return Config(
        path=path,
        select=_selectors(table, "select", probe) if "select" in table else None,
        ignore=_selectors(table, "ignore", probe),
        extend_select=_selectors(table, "extend-select", probe),
        severity={key: _severity(value, probe.where("severity"), key) for key, value in severity.items()},
        fail_on=_severity(fail_on, probe.where(), "fail-on") if fail_on is not None else None,
        per_path_ignores=tuple(
            (pattern, _selector_list(value, probe.where("per-path-ignores"), pattern))
            for pattern, value in per_path.items()
        ),
        options={rule: dict(value) for rule, value in options.items()},
        rule_paths=tuple(os.path.normpath(folder / p) for p in _strings(table, "rule-paths", probe)),
        baseline=os.path.normpath(folder / baseline) if baseline is not None else None,
        fail_on_stale_baseline=stale,
    )


def _table(table: Mapping[str, Any], key: str, config: Config) -> dict[str, Any]:
    value = table.get(key, {})
    if not isinstance(value, dict):
        raise ConfigError(f"{config.where()}: {key} must be {KEYS[key]}, not {value_kind(value)}")
    return value


def _strings(table: Mapping[str, Any], key: str, config: Config) -> tuple[str, ...]:
    value = table.get(key, [])
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise ConfigError(f"{config.where()}: {key} must be {KEYS[key]} (strings), not {value_kind(value)}")
    return tuple(value)


def _selectors(table: Mapping[str, Any], key: str, config: Config) -> tuple[str, ...]:
    return _selector_list(table.get(key, []), config.where(), key)


def _selector_list(value: Any, where: str, key: str) -> tuple[str, ...]:
    """A list of selectors. A lone string is a wrong type, as the docs say of every key:
    ``select = "IPMP1"`` is most likely ``["IPMP1"]``, but a gate does not guess."""
    if isinstance(value, str):
        raise ConfigError(
            f"{where}: {key} must be a list of rule ids, prefixes or names, not a string "
            f"(did you mean {key} = [{_show(value)}]?)"
        )
    if not isinstance(value, list) or not all(isinstance(v, str) and v.strip() for v in value):
        raise ConfigError(f"{where}: {key} must be a list of rule ids, prefixes or names, not {value_kind(value)}")
    return tuple(v.strip() for v in value)


def _severity(value: Any, where: str, key: str) -> Severity:
    if isinstance(value, str):
        try:
            return Severity.parse(value)
        except ValueError:
            pass
    import difflib  # deferred: start-up (a mistake only)

    close = difflib.get_close_matches(str(value).lower(), SEVERITIES, n=1)
    hint = f' (did you mean "{close[0]}"?)' if close else ""
    raise ConfigError(f"{where}: {key} = {_show(value)} is not one of {', '.join(SEVERITIES)}{hint}")


def _unknown_keys(table: Mapping[str, Any], known: Iterable[str], where: str, what: str) -> None:
    known = list(known)
    for key in table:
        if key not in known:
            raise ConfigError(f"{where}: unknown {what} '{key}'{did_you_mean(key, known)}")


def did_you_mean(word: str, choices: Sequence[str]) -> str:
    import difflib  # deferred: start-up (a mistake only)

    close = difflib.get_close_matches(word, choices, n=1) or difflib.get_close_matches(
        word.lower().replace("_", "-"), choices, n=1
    )
    return f" (did you mean '{close[0]}'?)" if close else ""


def value_kind(value: Any) -> str:
    """How TOML would call the value: ``a string ("30")``, ``an integer (30)`` ..."""
    names = [
        (bool, "a boolean"),
        (int, "an integer"),
        (float, "a float"),
        (str, "a string"),
        (list, "an array"),
        (dict, "a table"),
    ]
    for kind, name in names:
        if isinstance(value, kind):
            return f"{name} ({_show(value)})" if kind not in (list, dict) else name
    return type(value).__name__


def _show(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, str):
        return f'"{value}"'
    return repr(value)
