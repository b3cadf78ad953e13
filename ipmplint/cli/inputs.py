"""From the command line's PATHs and options to what a run checks: the configuration,
the rules loaded and selected, the per-path ignores, the size limit and the capture
roots found. ``check``, ``graph`` and ``simulate`` all start here, so the three agree on
which rules run and which servers are read; each server is then loaded and checked by
the engine (``ipmplint.engine.fleet`` for ``check``, with its cache and workers;
``ipmplint.engine.runner.load_and_check`` for ``graph`` and ``simulate``).
"""

from __future__ import annotations

import argparse
import os
from typing import TYPE_CHECKING, NamedTuple, Optional, Sequence, Union

from ipmplint.cli.console import say, usage_error
from ipmplint.cli.exits import EXIT_ERROR

if TYPE_CHECKING:  # imported when used: ``ipmplint rules`` need not load the engine
    from ipmplint.capture.discovery import Discovery, Stream
    from ipmplint.engine.config import Config
    from ipmplint.engine.plugins import LoadedRules
    from ipmplint.engine.resolution import Overrides, Settings
    from ipmplint.engine.suppression import PathIgnores


class Inputs(NamedTuple):
    """What a run over captures checks, and with what. (A NamedTuple, not attrs: the
    command line imports no third-party module before it needs one, so ``--version``
    and ``--help`` start at once.)"""

    cfg: "Config"
    #: The rules loaded, and what could not be.
    loaded: "LoadedRules"
    #: The run's settings: the selected rules, their options and severities.
    settings: "Settings"
    #: The configuration's per-path ignores (None without a configuration folder).
    per_path: Optional["PathIgnores"]
    max_size: int
    #: The capture roots found, and what could not be read (None until ``discover``).
    found: Optional["Discovery"] = None


def load_rules(args: argparse.Namespace, cfg: Optional["Config"] = None) -> "LoadedRules":
    """Built-in, plugin and rule-path rules (ipmplint.engine.plugins), with what could not be
    loaded and every id collision said on stderr at once, before anything runs.
    ``cfg``: the run's configuration (ipmplint.engine.config; read here when not given), whose
    ``rule-paths`` come after ``--rule-path``'s."""
    from ipmplint.engine import config, plugins

    if cfg is None:
        cfg = config.for_run(getattr(args, "config", None), getattr(args, "isolated", False))
    from_config = cfg.rule_paths
    if from_config and not cfg.trusted:  # found by the search: data, not code (docs/security.md)
        say(
            f"{cfg.path}: rule-paths not loaded ({', '.join(from_config)}): a configuration found by "
            f"searching upward runs no code; name it with --config {cfg.path}, or set "
            f"{config.TRUST_ENV}=1, to load them"
        )
        from_config = ()
    elif from_config and not cfg.named:
        say(f"loading the rule-paths of {cfg.path} ({config.TRUST_ENV}=1)")
    paths: list[str] = []
    for path in [*(getattr(args, "rule_path", None) or ()), *from_config]:  # each folder once
        if os.path.abspath(path) not in map(os.path.abspath, paths):
            paths.append(path)
    loaded = plugins.load_rules(paths)
    for message in loaded.errors + loaded.collisions:
        say(message)
    return loaded


def configure(
    args: argparse.Namespace, overrides: Optional["Overrides"] = None, verbose: bool = False
) -> Union[Inputs, int]:
    """The configuration, the rules and the settings ``overrides`` (the command line's
    selection) resolve to; an exit code when they cannot be had (said on stderr)."""
    from ipmplint.capture import limits
    from ipmplint.engine import config, resolution, selection, suppression

    cfg = config.for_run(args.config, args.isolated)
    if verbose:
        say(f"configuration: {cfg.path or 'none'}")
    loaded = load_rules(args, cfg)
    if loaded.collisions:  # findings under an id two rules claim would be misattributed
        return EXIT_ERROR
    try:
        settings = resolution.resolve(
            cfg, loaded.rules, overrides or resolution.Overrides(select=args.select, ignore=args.ignore)
        )
    except selection.SelectionError as exc:
        return usage_error(str(exc))
    for note in settings.notes:
        say(note)
    per_path = suppression.PathIgnores(settings.folder, settings.per_path_ignores) if settings.folder else None
    return Inputs(cfg, loaded, settings, per_path, args.max_file_size or limits.MAX_FILE_SIZE)


def discover(
    inputs: Inputs, paths: Sequence[str], found: Optional["Discovery"] = None, allow_none: bool = False
) -> Union[Inputs, int]:
    """``inputs`` with the capture roots under ``paths`` (or ``found``, when the caller
    found them another way: standard input, ``--changed``). Nothing read at all is exit
    2, with why, unless ``allow_none`` (``check --changed``: no capture changed)."""
    from ipmplint.capture import discovery

    if found is None:
        found = discovery.discover(paths, max_file_size=inputs.max_size)
    if not found.roots and not allow_none:  # no report to give, only why
        for error in found.errors + found.notes or ("no capture found",):
            say(error)
        return EXIT_ERROR
    return inputs._replace(found=found)


def gather(args: argparse.Namespace) -> Union[Inputs, int]:
    """``graph`` and ``simulate``: configure, then discover ``args.paths``."""
    inputs = configure(args)
    return inputs if isinstance(inputs, int) else discover(inputs, args.paths)


def said(found: Union["Discovery", "Stream"]) -> None:
    """What discovery could not read, and notes about what it read, after the output."""
    for error in (*found.errors, *found.notes, *found.outside):
        say(error)
