"""Rendering DOT text to SVG or PNG with Graphviz's ``dot`` program.

ipmplint has no Graphviz binding: it runs ``dot -Tsvg`` / ``dot -Tpng`` found on PATH,
with the DOT text on standard input. When ``dot`` is missing or fails, ``RenderError``
says so and names the package to install.
"""

from __future__ import annotations

import shutil
import subprocess
from typing import Optional, Sequence

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
    return _run(dot_text, fmt)


def render_svgs(dot_texts: Sequence[str]) -> list[str]:
    """Several DOT graphs as SVG documents, in the same order, from one ``dot`` run:
    Graphviz starts once instead of once per graph (for 10 small graphs, 0.13 s against
    0.75 s), which is most of the time a fleet's pictures take."""
    if not dot_texts:
        return []
    out = _run("".join(dot_texts), "svg").decode("utf-8", "replace")
    documents = [d + _SVG_END for d in out.split(_SVG_END) if d.strip()]
    if len(documents) != len(dot_texts):
        raise RenderError(f"dot -Tsvg drew {len(documents)} pictures of {len(dot_texts)} graphs")
    return documents


#: How every SVG document Graphviz writes ends.
_SVG_END = "</svg>\n"


def _run(dot_text: str, fmt: str) -> bytes:
    program = dot_program()
    if program is None:
        raise RenderError(
            f"drawing {fmt} needs Graphviz's dot program, which is not on PATH: {INSTALL_HINT}, "
            f"or use --format dot or mermaid"
        )
    try:
        done = subprocess.run(
            [program, f"-T{fmt}"], input=dot_text.encode("utf-8"), capture_output=True, timeout=TIMEOUT, check=False
        )
    except (OSError, subprocess.TimeoutExpired) as exc:
        raise RenderError(f"cannot run {program} -T{fmt}: {exc}") from exc
    if done.returncode != 0:
        message = done.stderr.decode("utf-8", "replace").strip()
        raise RenderError(f"{program} -T{fmt} failed (exit {done.returncode}): {message}")
    return done.stdout
