"""A small reader of the DOT subset ipmplint writes, so tests judge the structure of a
drawing (nodes, edges, clusters and what sits in them, attributes) rather than its
exact text.

It follows the DOT language: quoted strings in which ``\\"`` is a quote (and ``\\\\``
stays two backslashes, as Graphviz keeps it), bare ids, ``digraph``/``subgraph``
blocks, ``graph``/``node``/``edge`` attribute statements, node and edge statements
with ``[a=b, ...]`` lists, ``;`` or ``,`` separators. Labels are Graphviz escape
strings: ``lines()`` splits one into its lines.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Optional

_TOKEN = re.compile(
    r"""
    (?P<space>\s+|//[^\n]*|/\*.*?\*/)
  | (?P<arrow>->|--)
  | (?P<punct>[{}\[\];,=])
  | (?P<quoted>"(?:[^"\\]|\\.|\\\n)*")
  | (?P<bare>[A-Za-z_\x80-\U0010ffff][A-Za-z_0-9\x80-\U0010ffff]*|-?(?:\.\d+|\d+(?:\.\d*)?))
""",
    re.VERBOSE | re.DOTALL,
)


class DotSyntaxError(ValueError):
    pass


@dataclass
class Cluster:
    name: str
    parent: Optional[str]
    attrs: dict[str, str] = field(default_factory=dict)


@dataclass
class Graph:
    name: str
    attrs: dict[str, str] = field(default_factory=dict)
    nodes: dict[str, dict[str, str]] = field(default_factory=dict)
    #: node id → the name of the innermost subgraph it was declared in (None: top level).
    where: dict[str, Optional[str]] = field(default_factory=dict)
    edges: list[tuple[str, str, dict[str, str]]] = field(default_factory=list)
    clusters: dict[str, Cluster] = field(default_factory=dict)
    #: the order node ids were declared in
    order: list[str] = field(default_factory=list)

    def cluster_of(self, node: str) -> Optional[str]:
        return self.where.get(node)

    def ancestors(self, node: str) -> list[str]:
        """The subgraphs around a node, innermost first."""
        out, here = [], self.where.get(node)
        while here is not None:
            out.append(here)
            here = self.clusters[here].parent
        return out


def _tokens(text: str) -> list[tuple[str, str]]:
    out, pos = [], 0
    while pos < len(text):
        m = _TOKEN.match(text, pos)
        if m is None:
            raise DotSyntaxError(f"unexpected {text[pos : pos + 20]!r} at {pos}")
        pos = m.end()
        if m.lastgroup != "space":
            out.append((m.lastgroup, m.group()))
    return out


def unquote(token: str) -> str:
    """A quoted DOT string's value: ``\\"`` is ``"``; a backslash-newline is nothing;
    every other backslash stays (``\\\\`` is two characters)."""
    body, out, i = token[1:-1], [], 0
    while i < len(body):
        ch = body[i]
        if ch == "\\" and i + 1 < len(body):
            nxt = body[i + 1]
            if nxt == '"':
                out.append('"')
            elif nxt == "\n":
                pass
            else:
                out.append(ch + nxt)
            i += 2
            continue
        out.append(ch)
        i += 1
    return "".join(out)


def lines(label: str) -> list[str]:
    """A label (escape string) as its lines: ``\\n``, ``\\l``, ``\\r`` end lines, ``\\\\`` is
    a backslash."""
    out, line, i = [], [], 0
    while i < len(label):
        ch = label[i]
        if ch == "\\" and i + 1 < len(label):
            nxt = label[i + 1]
            if nxt in "nlr":
                out.append("".join(line))
                line = []
            else:
                line.append(nxt)
            i += 2
            continue
        line.append(ch)
        i += 1
    if line or not out:
        out.append("".join(line))
    return out


class _Parser:
    def __init__(self, text: str) -> None:
        self.toks = _tokens(text)
        self.pos = 0

    def peek(self, offset: int = 0) -> tuple[str, str]:
        i = self.pos + offset
        return self.toks[i] if i < len(self.toks) else ("eof", "")

    def take(self, value: Optional[str] = None) -> tuple[str, str]:
        tok = self.peek()
        if tok[0] == "eof" or (value is not None and tok[1] != value):
            raise DotSyntaxError(f"expected {value or 'a token'}, got {tok[1]!r} (token {self.pos})")
        self.pos += 1
        return tok

    def id(self) -> str:
        kind, value = self.take()
        if kind == "quoted":
            return unquote(value)
        if kind == "bare":
            return value
        raise DotSyntaxError(f"expected an id, got {value!r}")

    def attr_list(self) -> dict[str, str]:
        out: dict[str, str] = {}
        while self.peek()[1] == "[":
            self.take("[")
            while self.peek()[1] != "]":
                key = self.id()
                self.take("=")
                out[key] = self.id()
                if self.peek()[1] in (",", ";"):
                    self.take()
            self.take("]")
        return out

    def graph(self) -> Graph:
        if self.peek()[1] == "strict":
            self.take()
        if self.take()[1] != "digraph":
            raise DotSyntaxError("not a digraph")
        name = self.id() if self.peek()[1] != "{" else ""
        g = Graph(name)
        self.take("{")
        self.stmts(g, None)
        self.take("}")
        if self.peek()[0] != "eof":
            raise DotSyntaxError(f"text after the graph: {self.peek()[1]!r}")
        return g

    def stmts(self, g: Graph, cluster: Optional[str]) -> None:
        while self.peek()[1] != "}":
            self.stmt(g, cluster)
            if self.peek()[1] == ";":
                self.take()

    def stmt(self, g: Graph, cluster: Optional[str]) -> None:
        kind, value = self.peek()
        if kind == "bare" and value in ("graph", "node", "edge"):
            self.take()
            attrs = self.attr_list()
            if value == "graph":
                (g.clusters[cluster].attrs if cluster is not None else g.attrs).update(attrs)
            return
        if kind == "bare" and value == "subgraph":
            self.take()
            name = self.id()
            if name in g.clusters:
                raise DotSyntaxError(f"subgraph {name!r} twice")
            g.clusters[name] = Cluster(name, cluster)
            self.take("{")
            self.stmts(g, name)
            self.take("}")
            return
        if self.peek(1)[1] == "=":
            key = self.id()
            self.take("=")
            (g.clusters[cluster].attrs if cluster is not None else g.attrs)[key] = self.id()
            return
        first = self.id()
        if self.peek()[0] == "arrow":
            ends = [first]
            while self.peek()[0] == "arrow":
                if self.take()[1] != "->":
                    raise DotSyntaxError("undirected edge in a digraph")
                ends.append(self.id())
            attrs = self.attr_list()
            for tail, head in zip(ends, ends[1:]):
                g.edges.append((tail, head, attrs))
                for end in (tail, head):
                    if end not in g.nodes:
                        g.nodes[end] = {}
                        g.where[end] = cluster
            return
        attrs = self.attr_list()
        if first in g.order:
            raise DotSyntaxError(f"node {first!r} declared twice")
        g.order.append(first)
        g.nodes.setdefault(first, {}).update(attrs)
        g.where[first] = cluster


def read(text: str) -> Graph:
    """The graph a DOT text describes (the subset above)."""
    return _Parser(text).graph()
