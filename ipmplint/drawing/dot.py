"""A scene as Graphviz DOT text.

Every id and label is a quoted DOT string: ``"`` and ``\\`` are escaped, and labels
are Graphviz escape strings whose lines are joined with ``\\n`` (centred) or ended by
``\\l`` (left-aligned, the domains' names), so nothing a capture contains (quotes,
backslashes, ``->``, braces, keywords) can change the graph's structure. Clusters are
``subgraph "cluster_<id>"``. The same scene gives the same bytes: the scene is already
in a deterministic order and this writer keeps it.
"""

from __future__ import annotations

from typing import Optional

from ipmplint import escaping
from ipmplint.drawing.scene import COLOURS, Cluster, Edge, Node, Scene
from ipmplint.drawing.scene import DARK_COLOUR as DARK
from ipmplint.drawing.scene import FAILED_COLOUR as FAILED
from ipmplint.findings import Severity

FONT = "Helvetica"
#: Outline and text of an element no finding marks.
PLAIN = "#404040"
#: Tint behind a marked device, a light shade of its severity's colour.
_FILL = {Severity.ERROR: "#fde0e0", Severity.WARNING: "#ffedd9", Severity.INFO: "#dcebf7"}

_SHAPES = {
    "box": ("box", ""),
    "rounded": ("box", "rounded"),
    "hexagon": ("hexagon", ""),
    "cylinder": ("cylinder", ""),
    "ellipse": ("ellipse", ""),
    "plain": ("plaintext", ""),
}


#: The legend's entries: (id, label, shape word, severity or None), in reading order.
LEGEND = (
    ("interface", "IP interface", "box", None),
    ("vnet", "vnet", "rounded", None),
    ("vsw", "virtual switch", "hexagon", None),
    ("nic", "physical NIC", "cylinder", None),
    ("group", "IPMP group (dashed box)", "group", None),
    ("error", "error: rule ids", "box", Severity.ERROR),
    ("warning", "warning: rule ids", "box", Severity.WARNING),
    ("info", "info: rule ids", "box", Severity.INFO),
)


def write(scene: Scene, legend: bool = False) -> str:
    """The scene as one ``digraph``; with ``legend``, a box explaining the shapes and
    colours (severity is written beside the colour, never told by colour alone)."""
    out = [f"digraph {quote(scene.server)} {{"]
    title = _attrs(
        label=scene.title_lines,
        labelloc="t",
        fontname=FONT,
        fontsize="16",
        fontcolor=scene.alarm.colour if scene.alarm else PLAIN,
        rankdir="TB",
        nodesep="0.4",
        ranksep="0.6",
    )
    out.append(f"  graph [{title}];")
    out.append(f"  node [{_attrs(fontname=FONT, fontsize='11', color=PLAIN, fontcolor=PLAIN)}];")
    out.append(f"  edge [{_attrs(fontname=FONT, fontsize='9', color=PLAIN, fontcolor=PLAIN)}];")
    _body(scene, None, out, "  ")
    for edge in scene.edges:
        out.append(f"  {quote(edge.tail)} -> {quote(edge.head)}{_edge_attrs(edge)};")
    if legend:
        out.extend(_legend())
    out.append("}")
    return "\n".join(out) + "\n"


def _legend() -> list[str]:
    """A cluster of sample shapes on one rank (a ``rank=same`` subgraph inside it)."""
    out = [
        '  subgraph "cluster_legend" {',
        "    graph ["
        + _attrs(label=("legend",), style="rounded", color="#bbbbbb", fontcolor=PLAIN, fontsize="10", labeljust="l")
        + "];",
        '    subgraph "legend_row" {',
        '      rank="same";',
    ]
    # Graphviz lays a rank out last declared first: declared backwards, read forwards.
    for key, text, shape_word, severity in reversed(LEGEND):
        if shape_word == "group":
            attrs = _attrs(label=(text,), shape="box", style="rounded,dashed", fontsize="9")
        else:
            shape, style = _SHAPES[shape_word]
            extra: dict[str, str] = {}
            styles = [style] if style else []
            if severity is not None:
                styles.append("filled")
                extra = dict(
                    color=COLOURS[severity], fontcolor=COLOURS[severity], fillcolor=_FILL[severity], penwidth="3"
                )
            attrs = _attrs(label=(text,), shape=shape, style=",".join(styles), fontsize="9", **extra)
        out.append(f"      {quote('legend:' + key)} [{attrs}];")
    out.extend(("    }", "  }"))
    return out


def quote(text: str) -> str:
    """A DOT quoted string holding ``text`` (an id, or an escape-string label line).
    Control characters (a domain name's bytes) are shown as ``\\x1b``: Graphviz would
    copy them into SVG, where XML cannot hold them. Plain ASCII (most attribute values
    and names) is quoted as it is: a fleet's html page quotes half a million strings."""
    if text.isascii() and text.isprintable() and '"' not in text and "\\" not in text:
        return f'"{text}"'
    escaped = escaping.printable(text, newlines=True).replace("\\", "\\\\").replace('"', '\\"')
    escaped = escaped.replace("\r\n", "\\n").replace("\n", "\\n").replace("\r", "\\n")
    return f'"{escaped}"'


def label(lines: tuple[str, ...], left: bool = False) -> str:
    """Label lines as one quoted escape string: lines centred (joined by ``\\n``) or
    left-aligned (each ended by ``\\l``)."""
    escaped = [quote(line)[1:-1] for line in lines]
    if left:
        return '"' + "".join(f"{line}\\l" for line in escaped) + '"'
    return '"' + "\\n".join(escaped) + '"'


def _body(scene: Scene, parent: Optional[str], out: list[str], indent: str) -> None:
    clusters, nodes = scene.children(parent)
    for cluster in clusters:
        out.append(f"{indent}subgraph {quote('cluster_' + cluster.id)} {{")
        out.append(f"{indent}  graph [{_cluster_attrs(cluster)}];")
        _body(scene, cluster.id, out, indent + "  ")
        out.append(f"{indent}}}")
    for node in nodes:
        out.append(f"{indent}{quote(node.id)} [{_node_attrs(node)}];")


def _cluster_attrs(cluster: Cluster) -> str:
    """A domain: a rounded box named top left; a group: a dashed box named in the middle."""
    domain = cluster.kind == "domain"
    colour = cluster.alarm.colour if cluster.alarm else PLAIN
    colour = FAILED if cluster.failed else colour
    solid = domain and not cluster.failed
    rest = _attrs(
        style="rounded" if solid else "rounded,dashed",
        color=colour,
        fontcolor=colour,
        penwidth="3" if cluster.alarm else "1",
        labeljust="l" if domain else "c",
        fontsize="13" if domain else "12",
    )
    return f"label={label(cluster.lines, left=domain)}, {rest}"


def _node_attrs(node: Node) -> str:
    shape, style = _SHAPES[node.shape]
    styles = [s for s in (style, "dashed" if node.dashed else "") if s]
    extra: dict[str, str] = {}
    if node.alarm is not None:
        styles.append("filled")
        extra = dict(
            color=node.alarm.colour, fontcolor=node.alarm.colour, fillcolor=_FILL[node.alarm.severity], penwidth="3"
        )
    if node.failed:  # ipmplint graph --fail: crossed out in red
        styles = [s for s in styles if s != "dashed"] + ["dashed"]
        extra = dict(extra, color=FAILED, fontcolor=FAILED, penwidth="3")
    elif node.dark:  # its path went dark: grey
        styles = [s for s in styles if s != "dashed"] + ["dashed"]
        extra = dict(extra, color=DARK, fontcolor=DARK)
    return _attrs(label=node.lines, shape=shape, style=",".join(styles), **extra)


def _edge_attrs(edge: Edge) -> str:
    text = _attrs(
        label=(edge.label,) if edge.label else "",
        style="dashed" if edge.dashed or edge.dark else "",
        color=DARK if edge.dark else "",
        arrowhead="none" if edge.kind == "uplink" else "",
    )
    return f" [{text}]" if text else ""


def _attrs(**values: str | tuple[str, ...]) -> str:
    """``key="value"`` pairs, a tuple being label lines; empty values are left out."""
    return ", ".join(
        f"{key}={label(value) if isinstance(value, tuple) else quote(value)}" for key, value in values.items() if value
    )
