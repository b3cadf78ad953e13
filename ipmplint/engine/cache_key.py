"""The key that signs ipmplint's cache files (``ipmplint.engine.cache``), and the
signatures made with it.

The key lives outside the cache folder, so whoever can write the cache cannot sign:
``$IPMPLINT_CACHE_KEY`` (a CI secret), else 32 random bytes created once in
``$XDG_CONFIG_HOME/ipmplint/cache-key`` or ``~/.config/ipmplint/cache-key``, mode 0600.
A key file another user owns, or that others can read, is no key (then there is no
cache). docs/security.md says what this protects against.
"""

from __future__ import annotations

import hashlib
import hmac
import os
from pathlib import Path
from typing import Optional

#: Environment variable holding the secret that signs cache files (a CI secret).
KEY_ENV = "IPMPLINT_CACHE_KEY"


def owned(st: os.stat_result) -> bool:
    """Owned by this user, and not writable by group or others."""
    return st.st_uid == os.getuid() and not st.st_mode & 0o022


def key_file() -> Optional[Path]:
    """Where the per-user key is kept: the configuration folder, never the cache one."""
    xdg = os.environ.get("XDG_CONFIG_HOME")
    if xdg and os.path.isabs(xdg):
        return Path(xdg) / "ipmplint" / "cache-key"
    home = os.path.expanduser("~")
    if not home or home == "~":
        return None
    return Path(home) / ".config" / "ipmplint" / "cache-key"


def secret() -> Optional[bytes]:
    """The key cache files are signed with: ``$IPMPLINT_CACHE_KEY``, else the key file
    (created with 32 random bytes on first use); None when there is none to be had
    (then there is no cache)."""
    env = os.environ.get(KEY_ENV)
    if env:
        return hashlib.sha256(env.encode("utf-8", "surrogateescape")).digest()
    path = key_file()
    if path is None:
        return None
    try:  # one lstat, not an open and a read, per cache file a warm run reads
        st = os.lstat(path)
        seen = (str(path), st.st_dev, st.st_ino, st.st_size, st.st_mtime_ns, st.st_ctime_ns, st.st_mode, st.st_uid)
    except OSError:
        seen = None
    if seen is not None and _KNOWN.get("seen") == seen:
        return _KNOWN["key"]
    key = _read_key(path) or _make_key(path)
    _KNOWN.clear()
    if key is not None and seen is not None:
        _KNOWN.update(seen=seen, key=key)
    return key


#: The key file last read (its lstat signature) and its key.
_KNOWN: dict = {}


def _read_key(path: Path) -> Optional[bytes]:
    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0))
    except OSError:
        return None
    with os.fdopen(fd, "rb") as fh:
        st = os.fstat(fh.fileno())
        if not owned(st) or st.st_mode & 0o044:  # another user's, or readable by others
            return None
        data = fh.read(256).strip()
    return bytes.fromhex(data.decode("ascii", "replace")) if _is_hex_key(data) else None


def _is_hex_key(data: bytes) -> bool:
    return len(data) == 64 and all(c in b"0123456789abcdef" for c in data)


def _make_key(path: Path) -> Optional[bytes]:
    key = os.urandom(32)
    try:
        path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:  # another run made it first
        return _read_key(path)
    except OSError:
        return None
    with os.fdopen(fd, "wb") as fh:
        fh.write(key.hex().encode("ascii") + b"\n")
    return key


def sign(data: bytes) -> str:
    """The HMAC of ``data`` under the user's key ("" without one: matches nothing)."""
    key = secret()
    return hmac.new(key, data, hashlib.sha256).hexdigest() if key is not None else ""


def signed(data: bytes, signature: str) -> bool:
    expected = sign(data)
    return bool(expected) and hmac.compare_digest(expected, signature)
