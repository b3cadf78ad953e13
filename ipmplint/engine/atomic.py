"""Writing an output file so that it is whole or untouched, never half.

A report, a baseline or a drawing is written to a temporary file in the same folder,
flushed to disk, then renamed over the target: a run that fails (an exception, a full
disk, Ctrl-C) leaves the previous file exactly as it was, and a reader never sees a
half-written one. The new file keeps the old one's permission bits, or gets the
usual ones (0666 less the umask), not ``mkstemp``'s 0600.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path
from typing import Union


class OutputError(OSError):
    """An output file that cannot be written: its name and why, for one line on stderr."""


def check_writable(path: Union[str, Path]) -> None:
    """Fail before the run, not after it: the folder must exist and the path must not
    be a folder. (Whether the folder is writable is learnt when writing.)"""
    target = Path(path)
    if target.is_dir():
        raise OutputError(f"cannot write {target}: it is a folder")
    folder = target.parent
    if not folder.is_dir():
        raise OutputError(f"cannot write {target}: no folder {folder}")


def write_bytes(path: Union[str, Path], data: bytes) -> None:
    """Replace ``path`` by ``data`` atomically; ``OutputError`` (the old file intact) when
    it cannot be done."""
    target = Path(path)
    check_writable(target)
    import tempfile  # deferred: start-up (a report to stdout writes no file)

    try:
        fd, tmp = tempfile.mkstemp(prefix=f".{target.name[:40]}.", suffix=".tmp", dir=target.parent)
    except OSError as exc:
        raise OutputError(f"cannot write {target}: {exc.strerror or exc}") from None
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        os.chmod(tmp, _mode(target))
        os.replace(tmp, target)
    except BaseException as exc:
        try:
            os.unlink(tmp)
        except OSError:
            pass
        if isinstance(exc, OSError):
            raise OutputError(f"cannot write {target}: {exc.strerror or exc}") from None
        raise


def write_text(path: Union[str, Path], text: str) -> None:
    write_bytes(path, text.encode("utf-8", "surrogateescape"))


def _mode(target: Path) -> int:
    try:
        return stat.S_IMODE(target.stat().st_mode)
    except OSError:
        umask = os.umask(0)
        os.umask(umask)
        return 0o666 & ~umask
