"""What comes on standard input (``ipmplint check -``): a tar archive of captures, or
one capture recognised by its content. Nothing is written anywhere."""

from __future__ import annotations

import os
from pathlib import Path

from ipmplint.capture import archive, limits
from ipmplint.capture.recognition import walk_archive
from ipmplint.capture.roots import Discovery, capture_file, file_root
from ipmplint.capture.walking import Walk

#: How standard input is named in findings, as ruff and other linters name it.
STDIN = "-"


def discover_stdin(data: bytes, max_file_size: int = limits.MAX_FILE_SIZE) -> Discovery:
    """What came on standard input (``ipmplint check -``): a tar archive of captures
    (``ssh host tar cf - capture | ipmplint check -``), walked in memory like an archive
    file, or one capture (``ssh primary ldm list -l | ipmplint check -``), recognised by
    its content. Its findings are named ``-``; nothing is written anywhere."""
    if archive.looks_like_archive(data):
        walk = Walk(Path(os.curdir), max_file_size)
        found, lost = walk_archive(walk, Path(STDIN), STDIN, data)
        errors = list(walk.errors) if not found else []
        notes = [] if not found else list(walk.errors)
        if not found and not errors:
            errors.append(f"{STDIN}: no capture found in the tar archive on standard input")
        return Discovery(tuple(found), tuple(errors), tuple(notes), tuple(s.note() for s in lost))
    member = archive.in_memory_file("stdin", data, STDIN)
    f = capture_file(member, STDIN)  # type: ignore[arg-type]
    if f.kind is None:
        return Discovery(
            (),
            (
                f"{STDIN}: standard input is no capture ipmplint recognises (ldm, ifconfig -a, "
                f"netstat -rn, ipadm, ipmpstat, dladm ... output, or a tar archive of captures)",
            ),
        )
    return Discovery((file_root(f),), ())
