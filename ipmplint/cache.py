"""Where ipmplint keeps what it can compute again: compiled grammars, parse results,
server reports. Everything here is an accelerator: deleting the folder, or any file in
it, changes no output.

The folder is ``$IPMPLINT_CACHE_DIR`` (for tests and CI), else ``$XDG_CACHE_HOME/ipmplint``,
else ``~/.cache/ipmplint``. It is never inside a capture: ipmplint writes nothing where
it reads. A folder that cannot be created or written is skipped without a word: the run
is as it would be without a cache.

- ``grammars/``: lark's compiled LALR tables, one file per grammar and version of the
  grammar sources (lark checks its own hash of the grammar in the file's first line).
  They live here rather than in lark's default, the shared temporary folder, where
  another user could plant the pickle lark would load.
- ``roots/``: one index and one pack of parse results per capture root, read and
  written by ``ipmplint.fleet`` (``--no-cache`` turns them off):

  - each file's ``ParseResult`` is stored under a key made of the hash of the file's
    bytes, its kind, its path as reported and the parser version (ipmplint's version
    and a hash of the parser, grammar and model sources, lark's and Python's versions):
    a changed parser never reuses an old result;
  - each file's ``os.stat`` signature (device, inode, size, mtime, ctime) is kept with
    its key, as git's index does, so a repeated run need not read a file that has not
    changed since; a signature is trusted only when the file had not changed for two
    seconds when it was recorded (a file written twice within a clock tick keeps its
    mtime);
  - the ``ServerReport`` of the root is stored under a key made of every file's key, the
    rules (their ids, options, severities and sources), the settings and the engine's
    version (a hash of every ipmplint source), so a run over unchanged captures with
    unchanged rules reads one small file per server.

A cache file is a pickle that starts with a magic line and its own key; one that is
truncated, corrupt, foreign (another key, another format) or unreadable is ignored and
written again, never trusted. Files are written to a temporary name (mode 0600) and
renamed, so a reader never sees half a file, and two runs at once cost at worst a
rebuild. Loading a pickle runs code its writer chose: the folder must be writable by
its user only (the default folders are; ``$IPMPLINT_CACHE_DIR`` is the user's choice).
"""

from __future__ import annotations

import functools
import hashlib
import io
import os
import pickle
import sys
from pathlib import Path
from typing import Any, Iterable, Optional, Union

#: Environment variable naming the cache folder (tests, CI).
ENV_DIR = "IPMPLINT_CACHE_DIR"

#: The first bytes of every cache file this version writes.
MAGIC = b"ipmplint-cache 1\n"

_PACKAGE = Path(__file__).resolve().parent


def directory() -> Optional[Path]:
    """The cache folder (not created here); None when no home folder is known."""
    env = os.environ.get(ENV_DIR)
    if env:
        return Path(env)
    xdg = os.environ.get("XDG_CACHE_HOME")
    if xdg and os.path.isabs(xdg):
        return Path(xdg) / "ipmplint"
    home = os.path.expanduser("~")
    if not home or home == "~":
        return None
    return Path(home) / ".cache" / "ipmplint"


def folder(*parts: str) -> Optional[Path]:
    """A sub-folder of the cache, created when missing; None when it cannot be."""
    top = directory()
    if top is None:
        return None
    path = top.joinpath(*parts)
    try:
        path.mkdir(parents=True, exist_ok=True)
    except OSError:
        return None
    return path if os.access(path, os.W_OK | os.X_OK) else None


def digest(data: Union[bytes, str]) -> str:
    if isinstance(data, str):
        data = data.encode("utf-8", "surrogatepass")
    return hashlib.blake2b(data, digest_size=20).hexdigest()


def _grammar_files() -> list[Path]:
    from importlib import resources

    try:
        base = Path(str(resources.files("ipmplint.grammars")))
    except (ModuleNotFoundError, TypeError):  # pragma: no cover - a zipped install
        return []
    return sorted(base.glob("*.lark"))


def _hash_files(paths: Iterable[Path], *extra: str) -> str:
    h = hashlib.blake2b(digest_size=20)
    for part in extra:
        h.update(part.encode() + b"\0")
    for path in paths:
        try:
            data = path.read_bytes()
        except OSError:
            data = b"?"
        h.update(path.name.encode() + b"\0" + data + b"\0")
    return h.hexdigest()


def _versions() -> tuple[str, ...]:
    from ipmplint import __version__

    versions = [__version__, sys.version.split()[0]]
    for name in ("lark", "attrs"):
        try:
            from importlib import metadata

            versions.append(f"{name} {metadata.version(name)}")
        except Exception:  # pragma: no cover - an unusual install
            versions.append(f"{name} ?")
    return tuple(versions)


@functools.cache
def grammar_version() -> str:
    """A hash of every grammar's text and lark's version."""
    return _hash_files(_grammar_files(), *_versions())


@functools.cache
def parser_version() -> str:
    """What a parse result depends on besides the file: the parsers, the grammars, the
    model they build, and the versions of ipmplint, lark, attrs and Python."""
    sources = [*sorted((_PACKAGE / "parsers").glob("*.py")), *_grammar_files()]
    sources += [_PACKAGE / name for name in ("model.py", "addressing.py", "filenames.py", "kinds.py", "__init__.py")]
    return _hash_files(sources, "parser", *_versions())


@functools.cache
def engine_version() -> str:
    """What a server's report depends on besides its files, rules and settings: every
    source of ipmplint (loader, groups, topology, runner, built-in rules, ...)."""
    from ipmplint import rules as builtin_rules

    sources = sorted(_PACKAGE.rglob("*.py"))
    for path in getattr(builtin_rules, "__path__", ()):
        sources += sorted(Path(path).glob("*.py"))
    return _hash_files([*sources, *_grammar_files()], "engine", *_versions())


def grammar_file(name: str) -> Union[str, bool]:
    """Where lark keeps the compiled grammar ``name`` (its ``cache=`` argument), or False
    (compile in memory only) when the cache folder cannot be written."""
    where = folder("grammars")
    if where is None:
        return False
    return str(where / f"{name}-{grammar_version()[:16]}-py{sys.version_info[0]}{sys.version_info[1]}.lark")


# -- cache files ---------------------------------------------------------------------------


def read(path: Path, key: str) -> Any:
    """The object stored at ``path`` under ``key``; None when the file is missing,
    unreadable, truncated, corrupt, or holds another key or format."""
    try:
        with open(path, "rb") as fh:
            if fh.readline() != MAGIC or fh.readline().rstrip(b"\n").decode("ascii", "replace") != key:
                return None
            return pickle.load(fh)
    except Exception:  # any failure at all means: not cached
        return None


def write(path: Path, key: str, value: Any) -> bool:
    """Store ``value`` under ``key`` at ``path`` (atomically); False when it cannot."""
    import tempfile  # only a run that writes pays for it

    try:
        buf = io.BytesIO()
        buf.write(MAGIC + key.encode("ascii") + b"\n")
        pickle.dump(value, buf, protocol=pickle.HIGHEST_PROTOCOL)
        fd, tmp = tempfile.mkstemp(prefix=".tmp-", dir=path.parent)
        try:
            with os.fdopen(fd, "wb") as fh:
                fh.write(buf.getvalue())
            os.replace(tmp, path)
        except BaseException:
            try:
                os.unlink(tmp)
            except OSError:
                pass
            raise
        return True
    except Exception:  # an unwritable folder, a full disk, an unpicklable value: no cache
        return False
