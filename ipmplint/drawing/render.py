"""Rendering DOT text to SVG or PNG with Graphviz's ``dot`` program.

ipmplint has no Graphviz binding: it runs ``dot -Tsvg`` / ``dot -Tpng`` found on PATH,
with the DOT text on standard input. When ``dot`` is missing or fails, ``RenderError``
says so and names the package to install.
"""

from __future__ import annotations

import shutil
import subprocess
from typing import Optional

#: Seconds one ``dot`` run may take.
TIMEOUT = 300

INSTALL_HINT = "install Graphviz (Debian/Ubuntu: apt-get install graphviz)"


class RenderError(Exception):
    """Graphviz could not render the drawing."""


def dot_program() -> Optional[str]:
    """The path of Graphviz's ``dot`` on PATH, or None."""
    return shutil.which("dot")


def render(dot_text: str, fmt: str) -> bytes:
    """The DOT text rendered as ``fmt`` (``svg`` or ``png``)."""
    if fmt not in ("svg", "png"):
        raise ValueError(f"dot renders svg or png here, not {fmt!r}")
    program = dot_program()
    if program is None:
        raise RenderError(f"drawing {fmt} needs Graphviz's dot program, which is not on PATH: {INSTALL_HINT}, "
                          f"or use --format dot or mermaid")
    try:
        done = subprocess.run([program, f"-T{fmt}"], input=dot_text.encode("utf-8"),
                              capture_output=True, timeout=TIMEOUT, check=False)
    except (OSError, subprocess.TimeoutExpired) as exc:
        raise RenderError(f"cannot run {program} -T{fmt}: {exc}") from exc
    if done.returncode != 0:
        message = done.stderr.decode("utf-8", "replace").strip()
        raise RenderError(f"{program} -T{fmt} failed (exit {done.returncode}): {message}")
    return done.stdout
