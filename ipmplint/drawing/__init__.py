"""Drawing each server's failover paths (``ipmplint graph``).

``scene`` turns a server's topology and findings into what to draw; ``dot`` and
``mermaid`` spell a scene out as text; ``render`` runs Graphviz's ``dot`` for SVG and
PNG. ``draw`` picks among them by format name.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from ipmplint.drawing.scene import Scene

#: Output formats, and the file name ending of each.
EXTENSIONS = {"dot": "dot", "mermaid": "mmd", "svg": "svg", "png": "png"}
FORMATS = tuple(EXTENSIONS)
#: Formats that need Graphviz's ``dot`` program.
RENDERED = ("svg", "png")


def draw(scene: "Scene", fmt: str, legend: bool = True) -> bytes:
    """The scene in one of ``FORMATS`` (SVG and PNG raise ``render.RenderError`` when
    Graphviz cannot be run); Graphviz's pictures carry a legend of shapes and colours
    unless ``legend`` is False."""
    from ipmplint.drawing import dot, mermaid, render

    if fmt == "mermaid":
        return mermaid.write(scene).encode("utf-8")
    text = dot.write(scene, legend=legend)
    if fmt in RENDERED:
        return render.render(text, fmt)
    if fmt == "dot":
        return text.encode("utf-8")
    raise ValueError(f"unknown drawing format {fmt!r}")


def file_names(servers: list[str], fmt: str) -> list[str]:
    """One file name per server (``<server>.<ext>``), in the same order: characters a
    file name cannot hold become ``_``, and a name taken twice gets ``-2``, ``-3``."""
    names: list[str] = []
    taken: set[str] = set()
    for server in servers:
        base = "".join("_" if ch in "/\\\0" or not ch.isprintable() else ch for ch in server).strip()
        if base.strip(".") == "":
            base = "server"
        name, n = f"{base}.{EXTENSIONS[fmt]}", 2
        while name.lower() in taken:  # case-insensitive file systems too
            name, n = f"{base}-{n}.{EXTENSIONS[fmt]}", n + 1
        taken.add(name.lower())
        names.append(name)
    return names
