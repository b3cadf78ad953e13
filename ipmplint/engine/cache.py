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
  written by ``ipmplint.engine.root_cache`` for ``ipmplint.engine.fleet``
  (``--no-cache`` turns them off):

  - each file's ``ParseResult`` is stored under a key made of the hash of the file's
    bytes, its kind, its path as reported and the parser version (ipmplint's version
    and a hash of the parser, grammar and model sources, lark's and Python's versions):
    a changed parser never reuses an old result;
  - each file's ``os.stat`` signature (device, inode, size, mtime, ctime) is kept with
    its key, as git's index does, so a repeated run need not read a file that has not
    changed since; a signature is trusted only when the file had not changed for two
    seconds when it was recorded (a file written twice within a clock tick keeps its
    mtime);
  - the report of the root (as plain tuples, ``ipmplint.engine.compact``) is stored
    under a key made of every file's key, the rules (their ids, options, severities
    and sources), the settings and the engine's version (a hash of every ipmplint
    source);
  - beside it, the root's *shape* when the report was made: its name, layout and
    domains, and each file's path, kind and trusted signature, under the run's
    fingerprint. A run over unchanged captures with unchanged rules compares the shape
    with what discovery found and a ``stat`` of each file (one per file, never an open):
    equal, the report is reused; a file added, removed, renamed or changed (its
    signature) makes it differ, and the root is checked through the content keys
    above. The signatures and each report are stored as pickles inside the index, and
    unpickled only when asked for: a warm run unpickles the one report it reuses.

A cache file holds data only, and only data its user's ipmplint wrote (docs/security.md):

- it starts with a magic line, its own key, and an HMAC-SHA256 of the rest made with
  a per-user secret kept outside the cache (``$IPMPLINT_CACHE_KEY``, a CI secret, else
  a random key created once in ``$XDG_CONFIG_HOME/ipmplint/cache-key`` or
  ``~/.config/ipmplint/cache-key``, mode 0600): a file planted in the folder, or
  restored from a CI cache written by another job, does not verify and is rebuilt;
- its payload is a pickle read by an unpickler that builds only the model's classes
  (attrs classes and enums of ipmplint's own modules), ``ipaddress`` values and
  plain containers: no function, no other class, so nothing in it can run code even
  if the key leaked;
- lark's compiled grammars (a pickle lark loads itself) are given to lark only when
  a signature file beside them, made with the same key, matches their bytes; one
  without is deleted and compiled again, then signed (``sign_written``).

A file that is truncated, corrupt, foreign (another key, format or signature) or
unreadable is ignored and written again, never trusted. Files are written to a
temporary name (mode 0600) and renamed, so a reader never sees half a file, and two
runs at once cost at worst a rebuild. A cache folder that another user owns, or that
others may write, is not used at all. The folder is kept under ``MAX_BYTES``
(``$IPMPLINT_CACHE_MAX_BYTES``), or what the last run needs when that is more:
``prune`` removes the least recently used entries, never the run's own, after each run
that wrote to the folder (a run answered wholly from it wrote nothing).
``ipmplint cache info`` says where it is and how big; ``ipmplint cache clean`` removes
the files ipmplint wrote there, and nothing else.

A little over 400 lines: the cache's folder, keys, data-only reading and pruning are
one file format's rules; its signing key is in ``cache_key``, its per-server index in
``root_cache``.
"""

from __future__ import annotations

import functools
import hashlib
import importlib
import io
import os
import pickle
import stat
import sys
from pathlib import Path
from typing import Any, Collection, Iterable, Optional, Union

import attrs

from ipmplint import model
from ipmplint.engine import distributions
from ipmplint.engine.cache_key import KEY_ENV, key_file, owned, secret, sign, signed
from ipmplint.parsers import grammar_files

#: Environment variable naming the cache folder (tests, CI).
ENV_DIR = "IPMPLINT_CACHE_DIR"

#: Environment variable bounding the cache folder's size, in bytes.
MAX_ENV = "IPMPLINT_CACHE_MAX_BYTES"

#: The cache folder's size bound when ``$IPMPLINT_CACHE_MAX_BYTES`` does not say.
MAX_BYTES = 256 * 1024 * 1024

#: The first bytes of every cache file this version writes.
MAGIC = b"ipmplint-cache 2\n"

#: The sub-folders ipmplint writes, and what it writes in them (``clean`` removes these).
SUBFOLDERS = {"roots": ("*.index", "*.parses", ".tmp-*"), "grammars": ("*.lark", "*.lark.sig", ".tmp-*")}

#: The ``ipmplint`` package's folder (this module is in its ``engine/``).
_PACKAGE = Path(__file__).resolve().parent.parent


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
    """A sub-folder of the cache, created when missing (mode 0700); None when it cannot
    be, when no signing key is available, or when another user owns it or others may
    write it (then what is in it could be anyone's)."""
    top = directory()
    if top is None or secret() is None:
        return None
    path = top.joinpath(*parts)
    try:
        path.mkdir(mode=0o700, parents=True, exist_ok=True)
        st = path.stat()
    except OSError:
        return None
    if not owned(st):
        return None
    return path if os.access(path, os.W_OK | os.X_OK) else None


def digest(data: Union[bytes, str]) -> str:
    if isinstance(data, str):
        data = data.encode("utf-8", "surrogatepass")
    return hashlib.blake2b(data, digest_size=20).hexdigest()


def _hash_files(paths: Iterable[Path], *extra: str) -> str:
    h = hashlib.blake2b(digest_size=20)
    for part in extra:
        h.update(part.encode() + b"\0")
    for path in paths:
        h.update(path.name.encode() + b"\0" + _file_digest(str(path)) + b"\0")
    return h.hexdigest()


@functools.cache
def _file_digest(path: str) -> bytes:
    """A source's hash, read once per process: the parser's sources are the engine's
    too, and a warm run of one server hashes both (reading them twice cost it ~3 ms)."""
    try:
        with open(path, "rb") as fh:
            data = fh.read()
    except OSError:
        data = b"?"
    return hashlib.blake2b(data, digest_size=20).digest()


@functools.cache
def _versions() -> tuple[str, ...]:
    from ipmplint import __version__

    versions = [__version__, sys.version.split()[0]]
    for name in ("lark", "attrs"):
        versions.append(f"{name} {_version_of(name)}")
    return tuple(versions)


def _version_of(name: str) -> str:
    """An installed distribution's version, read from its metadata folder; from
    ``importlib.metadata`` (20 ms to import) only when that reading cannot tell."""
    found = distributions.version(name)
    if found is not None:
        return found
    try:
        from importlib import metadata

        return metadata.version(name)
    except Exception:  # pragma: no cover - an unusual install
        return "?"


@functools.cache
def grammar_version() -> str:
    """A hash of every grammar's text and lark's version."""
    return _hash_files(grammar_files.files(), *_versions())


@functools.cache
def parser_version() -> str:
    """What a parse result depends on besides the file: the parsers, the grammars, the
    model they build, and the versions of ipmplint, lark, attrs and Python."""
    sources = [
        *sorted((_PACKAGE / "parsers").glob("*.py")),
        *sorted((_PACKAGE / "model").glob("*.py")),
        *grammar_files.files(),
    ]
    sources += [_PACKAGE / name for name in ("capture/filenames.py", "capture/kinds.py", "__init__.py")]
    return _hash_files(sources, "parser", *_versions())


@functools.cache
def engine_version() -> str:
    """What a server's report depends on besides its files, rules and settings: every
    source of ipmplint (loader, groups, topology, runner, built-in rules, ...)."""
    from ipmplint import rules as builtin_rules

    sources = sorted(_PACKAGE.rglob("*.py"))
    for path in getattr(builtin_rules, "__path__", ()):
        sources += sorted(Path(path).glob("*.py"))
    return _hash_files([*sources, *grammar_files.files()], "engine", *_versions())


#: Compiled grammars this process let lark write, to be signed once written.
_UNSIGNED: set[Path] = set()


def grammar_file(name: str) -> Union[str, bool]:
    """Where lark keeps the compiled grammar ``name`` (its ``cache=`` argument), or False
    (compile in memory only) when the cache folder cannot be written. A file there
    whose signature does not match is removed first: lark would unpickle it."""
    where = folder("grammars")
    if where is None:
        return False
    path = where / f"{name}-{grammar_version()[:16]}-py{sys.version_info[0]}{sys.version_info[1]}.lark"
    if not _grammar_signed(path):
        for stale in (path, _signature_of(path)):
            try:
                stale.unlink()
            except FileNotFoundError:
                pass
            except OSError:
                return False
        if not _UNSIGNED:
            import atexit

            atexit.register(sign_written)  # a process that parses outside a fleet run too
        _UNSIGNED.add(path)
    return str(path)


def _signature_of(path: Path) -> Path:
    return path.with_name(path.name + ".sig")


def _grammar_signed(path: Path) -> bool:
    try:
        data = path.read_bytes()
        signature = _signature_of(path).read_text("ascii").strip()
    except (OSError, UnicodeDecodeError):
        return False
    return signed(path.name.encode() + b"\0" + data, signature)


def sign_written() -> None:
    """Sign the compiled grammars lark wrote in this process: after each root a fleet
    run checks (worker processes end without ``atexit``), and at exit."""
    for path in list(_UNSIGNED):
        try:
            data = path.read_bytes()
        except OSError:
            continue
        _UNSIGNED.discard(path)
        _write_atomic(_signature_of(path), sign(path.name.encode() + b"\0" + data).encode("ascii"))


# -- cache files ---------------------------------------------------------------------------


#: What a cache file may build besides plain containers: ``ipaddress`` values.
_IPADDRESS = frozenset({"IPv4Address", "IPv6Address", "IPv4Network", "IPv6Network", "IPv4Interface", "IPv6Interface"})
_BUILTINS = frozenset({"frozenset", "set", "complex", "bytearray", "range", "slice"})
#: The modules whose attrs classes and enums a cache file may build (importing one runs
#: only ipmplint's own model code).
DATA_MODULES = frozenset(
    {
        "ipmplint.model",
        "ipmplint.findings",
        "ipmplint.parsers.base",
        "ipmplint.capture.kinds",
        "ipmplint.analysis.osrelease",
        "ipmplint.analysis.media",
        "ipmplint.model.addressing",
        "ipmplint.drawing.scene",
    }
)  # a server's drawing, kept with its report (html)
DATA_MODULES |= frozenset(model.MODULES)


class _DataOnly(pickle.Unpickler):
    """An unpickler that builds data and nothing else: the model's frozen classes, its
    enums, ``ipaddress`` values, plain containers. Any other global (a function, a
    class of another module, ``os.system``) is refused, so a planted file cannot run
    code even with a valid signature."""

    def find_class(self, module: str, name: str) -> Any:
        import enum
        import ipaddress

        if module == "builtins" and name in _BUILTINS:
            return getattr(__import__("builtins"), name)
        if module == "ipaddress" and name in _IPADDRESS:
            return getattr(ipaddress, name)
        if module in DATA_MODULES and "." not in name:
            found = getattr(importlib.import_module(module), name, None)
            if isinstance(found, type) and (attrs.has(found) or issubclass(found, enum.Enum)):
                return found
        raise pickle.UnpicklingError(f"{module}.{name} is not data")


def read(path: Path, key: str) -> Any:
    """The object stored at ``path`` under ``key``; None when the file is missing,
    unreadable, truncated, corrupt, unsigned, or holds another key or format."""
    try:
        with open(path, "rb") as fh:
            if fh.readline() != MAGIC or fh.readline().rstrip(b"\n").decode("ascii", "replace") != key:
                return None
            signature = fh.readline().rstrip(b"\n").decode("ascii", "replace")
            payload = fh.read()
        if not signed(key.encode("ascii") + b"\n" + payload, signature):
            return None
        return _DataOnly(io.BytesIO(payload)).load()
    except Exception:  # any failure at all means: not cached
        return None


def dumps(value: Any) -> Optional[bytes]:
    """A value as bytes to store inside a cache file (whose signature then covers
    them): unpickled only when asked for (``loads``), so a reader pays for the part it
    uses. None when it cannot be pickled."""
    try:
        return pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL)
    except Exception:
        return None


def loads(data: bytes) -> Any:
    """What ``dumps`` stored, read as ``read`` reads a file (data only); None when it
    does not unpickle."""
    try:
        return _DataOnly(io.BytesIO(data)).load()
    except Exception:
        return None


def write(path: Path, key: str, value: Any) -> bool:
    """Store ``value`` under ``key`` at ``path`` (atomically); False when it cannot."""
    try:
        payload = pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL)
        signature = sign(key.encode("ascii") + b"\n" + payload)
        if not signature:
            return False
        _write_atomic(path, MAGIC + key.encode("ascii") + b"\n" + signature.encode("ascii") + b"\n" + payload)
        return True
    except Exception:  # an unwritable folder, a full disk, an unpicklable value: no cache
        return False


def _write_atomic(path: Path, data: bytes) -> None:
    import tempfile  # only a run that writes pays for it

    fd, tmp = tempfile.mkstemp(prefix=".tmp-", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
        os.replace(tmp, path)
    except BaseException:
        try:
            os.unlink(tmp)
        except OSError:
            pass
        raise


# -- size, info, clean --------------------------------------------------------------------


def max_bytes() -> int:
    value = os.environ.get(MAX_ENV, "")
    return int(value) if value.isdigit() and int(value) > 0 else MAX_BYTES


def _entries() -> list[tuple[Path, os.stat_result]]:
    """Every file ipmplint wrote in the cache folder, with its ``stat``."""
    top = directory()
    out: list[tuple[Path, os.stat_result]] = []
    if top is None:
        return out
    for sub, patterns in SUBFOLDERS.items():
        for pattern in patterns:
            for path in sorted((top / sub).glob(pattern)):
                try:
                    st = path.lstat()
                except OSError:
                    continue
                if stat.S_ISREG(st.st_mode):
                    out.append((path, st))
    return out


def prune(limit: Optional[int] = None, keep: Collection[str] = ()) -> int:
    """Remove the least recently used entries until the folder holds at most ``limit``
    bytes (``max_bytes()``), never one named in ``keep`` (the entries of the run that
    prunes); the number of files removed.

    So the bound is the larger of ``limit`` and what the last run needs: a fleet whose
    entries outgrow a fixed bound (about 65 kB a server, 50 of them parse results, measured on
    the generated fleet of benchmarks/: 256 MB holds some 4,000 servers)
    would otherwise lose, at the end of each run, the entries the next run reads first,
    and every warm run would be a cold one. What other runs left (another checkout,
    other rules' reports kept in an index) is what goes."""
    limit = max_bytes() if limit is None else limit
    entries = _entries()
    total = sum(st.st_size for _, st in entries)
    removed = 0
    for path, st in sorted(entries, key=lambda e: (max(e[1].st_atime_ns, e[1].st_mtime_ns), str(e[0]))):
        if total <= limit:
            break
        if path.name in keep:
            continue
        try:
            path.unlink()
        except OSError:
            continue
        total -= st.st_size
        removed += 1
    return removed


def info() -> dict[str, Any]:
    """Where the cache is, how big, and its bound (``ipmplint cache info``)."""
    entries = _entries()
    return {
        "folder": str(directory()) if directory() is not None else None,
        "files": len(entries),
        "bytes": sum(st.st_size for _, st in entries),
        "max_bytes": max_bytes(),
        "key": f"${KEY_ENV}" if os.environ.get(KEY_ENV) else str(key_file()),
    }


def clean() -> int:
    """Remove every file ipmplint wrote in the cache folder (only those: the folder may
    be one the user shares with other things); the number removed."""
    removed = 0
    for path, _ in _entries():
        try:
            path.unlink()
            removed += 1
        except OSError:
            pass
    return removed
