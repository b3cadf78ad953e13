"""Nothing outside ipmplint/topology reads the graph's insides or spells a node id.

Rules, the analysis helpers, the drawing, the simulation and the reporters ask
``Topology`` methods and name nodes with ``NodeId``; this test fails on the shapes the
untyped topology was walked with: ``.graph`` / ``.links`` / ``.index`` of a topology, a
node's ``"kind"`` looked up in an attribute dict, an id written as an f-string
(``f"vsw:{...}"``), networkx imported outside the package that searches with it, and
a private name of the topology imported from outside it.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
TOPOLOGY = REPO / "ipmplint" / "topology"
KINDS = "domain|group|interface|vnet|vsw|nic"

FORBIDDEN = {
    "a topology's graph or adjacency read directly": re.compile(
        r"\b(?:topo|topology|self\.topo|ctx\.topology)\.(?:graph|links|index|down_graph)\b"
    ),
    "a networkx graph walked by hand": re.compile(r"\.(?:successors|predecessors)\(|\bnodes\(data="),
    "a node's kind read from an attribute dict": re.compile(r"""\[\s*["']kind["']\s*\]|\.get\(\s*["']kind["']"""),
    "a node id spelled as an f-string": re.compile(rf"""\bf["'](?:{KINDS}):\{{"""),
    "a node id built by concatenation": re.compile(rf"""["'](?:{KINDS}):["']\s*\+"""),
    "networkx imported outside ipmplint/topology": re.compile(r"^\s*(?:import networkx|from networkx)\b", re.M),
    "a private name of the topology imported": re.compile(r"from ipmplint\.topology(?:\.\w+)? import [^\n]*\b_\w+"),
}


def _outside_topology() -> list[Path]:
    files = sorted((REPO / "ipmplint").rglob("*.py")) + sorted((REPO / "rules").glob("*.py"))
    return [f for f in files if TOPOLOGY not in f.parents]


@pytest.mark.parametrize("what", sorted(FORBIDDEN))
def test_no_module_outside_the_topology_walks_it(what):
    pattern = FORBIDDEN[what]
    hits = [
        f"{f.relative_to(REPO)}:{text[: m.start()].count(chr(10)) + 1}: {m.group(0)!r}"
        for f in _outside_topology()
        for text in [f.read_text(encoding="utf-8")]
        for m in pattern.finditer(text)
    ]
    assert hits == [], f"{what}:\n" + "\n".join(hits)


def test_the_patterns_catch_the_old_shapes():
    """Each pattern matches the code it forbids (a pattern that matched nothing would
    let this test pass for ever)."""
    samples = {
        "a topology's graph or adjacency read directly": "for n in topo.graph.nodes: pass",
        "a networkx graph walked by hand": "g.successors(node)",
        "a node's kind read from an attribute dict": 'data.get("kind") == "vsw"',
        "a node id spelled as an f-string": 'node = f"vsw:{domain}/{name}"',
        "a node id built by concatenation": 'node = "vnet:" + domain',
        "networkx imported outside ipmplint/topology": "    import networkx as nx\n",
        "a private name of the topology imported": "from ipmplint.topology.matching import _VNET_NAME",
    }
    assert set(samples) == set(FORBIDDEN)
    assert all(FORBIDDEN[what].search(text) for what, text in samples.items())


def test_the_topology_modules_import_no_private_name_of_each_other():
    hits = [
        f"{f.name}: {m.group(0)}"
        for f in sorted(TOPOLOGY.glob("*.py"))
        for m in re.finditer(r"from ipmplint\.[\w.]+ import [^\n]*\b_\w+", f.read_text(encoding="utf-8"))
    ]
    assert hits == []


def test_every_topology_module_is_small():
    """One job a module (docstring says which): none near the size that needs a reason."""
    sizes = {f.name: len(f.read_text(encoding="utf-8").splitlines()) for f in TOPOLOGY.glob("*.py")}
    assert max(sizes.values()) <= 400, sizes
