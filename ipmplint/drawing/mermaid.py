"""A scene as a Mermaid ``flowchart TB`` (renders in GitHub markdown in a
```` ```mermaid ```` block), the server's name as the front matter title.

Mermaid ids allow only plain characters, so each element gets an id made from its
scene id (``n_vsw_primary_primary_vsw0``), made unique in scene order. Every label is
a quoted string in which ``"``, ``#``, ``<``, ``>``, ``&`` and backticks are written as
Mermaid entity codes (``#quot;`` ...) and lines are joined with ``<br>``; a label
cannot end a node, open markdown or inject HTML. Marked elements get ``style`` lines
in their severity colour; findings about nothing drawn are a ``title`` node.
"""

from __future__ import annotations

import re
from typing import Optional

from ipmplint.drawing.scene import DARK_COLOUR, FAILED_COLOUR, Cluster, Node, Scene

#: Outline of an element no finding marks.
PLAIN = "#404040"

_BRACKETS = {
    "box": ('["', '"]'),
    "rounded": ('("', '")'),
    "hexagon": ('{{"', '"}}'),
    "cylinder": ('[("', '")]'),
    "ellipse": ('(["', '"])'),
    "plain": ('["', '"]'),
}

_ENTITIES = {'"': "#quot;", "#": "#35;", "<": "#lt;", ">": "#gt;", "&": "#amp;", "`": "#96;"}
_UNSAFE = re.compile(r"[^A-Za-z0-9_]")


def write(scene: Scene) -> str:
    """The scene as one Mermaid flowchart."""
    ids = _ids(scene)
    out = ["---", f"title: {_yaml(scene.server)}", "---", "flowchart TB"]
    title = Node("title", "note", scene.title_lines)
    if scene.alarm is not None:
        out.append(f"  {ids[None]}{_shape(title)}")
    _body(scene, None, ids, out, "  ")
    for edge in scene.edges:
        arrow = "-.->" if edge.dashed or edge.dark else ("---" if edge.kind == "uplink" else "-->")
        text = f'|"{text_of((edge.label,))}"|' if edge.label else ""
        out.append(f"  {ids[edge.tail]} {arrow}{text} {ids[edge.head]}")
    for element in scene.elements:
        style = _style(element)
        if style:
            out.append(f"  style {ids[element.id]} {style}")
    if scene.alarm is not None:
        out.append(f"  style {ids[None]} stroke:{scene.alarm.colour},color:{scene.alarm.colour},stroke-width:3px")
    return "\n".join(out) + "\n"


def text_of(lines: tuple[str, ...]) -> str:
    """Label lines as the inside of a quoted Mermaid label."""
    return "<br>".join("".join(_ENTITIES.get(ch, ch if ch.isprintable() else " ") for ch in line) for line in lines)


def _ids(scene: Scene) -> dict[Optional[str], str]:
    ids: dict[Optional[str], str] = {None: "title"}
    taken = {"title"}
    for element in scene.elements:
        prefix = "c" if isinstance(element, Cluster) else "n"
        base = f"{prefix}_{_UNSAFE.sub('_', element.id)}"
        candidate, n = base, 2
        while candidate in taken:
            candidate, n = f"{base}_{n}", n + 1
        ids[element.id] = candidate
        taken.add(candidate)
    return ids


def _body(scene: Scene, parent: Optional[str], ids: dict[Optional[str], str], out: list[str], indent: str) -> None:
    clusters, nodes = scene.children(parent)
    for cluster in clusters:
        out.append(f'{indent}subgraph {ids[cluster.id]} ["{text_of(cluster.lines)}"]')
        _body(scene, cluster.id, ids, out, indent + "  ")
        out.append(f"{indent}end")
    for node in nodes:
        out.append(f"{indent}{ids[node.id]}{_shape(node)}")


def _shape(node: Node) -> str:
    opening, closing = _BRACKETS[node.shape]
    return f"{opening}{text_of(node.lines)}{closing}"


def _style(element: Cluster | Node) -> str:
    parts = []
    if element.alarm is not None:
        colour = element.alarm.colour
        parts += [f"stroke:{colour}", f"color:{colour}", "stroke-width:3px"]
    if isinstance(element, Node) and element.dashed:
        parts.append("stroke-dasharray:5 5")
    if isinstance(element, Cluster) and element.kind == "group" and element.alarm is None:
        parts.append(f"stroke:{PLAIN},stroke-dasharray:5 5")
    if element.failed:  # graph --fail: crossed out in red
        parts = [f"stroke:{FAILED_COLOUR}", f"color:{FAILED_COLOUR}", "stroke-width:3px", "stroke-dasharray:5 5"]
    elif isinstance(element, Node) and element.dark:  # its path went dark
        parts = [f"stroke:{DARK_COLOUR}", f"color:{DARK_COLOUR}", "stroke-dasharray:5 5"]
    return ",".join(parts)


def _yaml(text: str) -> str:
    """A YAML double-quoted scalar (the front matter's title)."""
    printable = "".join(ch if ch.isprintable() else " " for ch in text)
    return '"' + printable.replace("\\", "\\\\").replace('"', '\\"') + '"'
