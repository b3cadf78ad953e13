"""The HTML report read back with the standard library's ``html.parser``, as a test
sees it: the elements by id, the findings table's rows, every text node, and every
attribute that could reach the network. A module of its own so the reporter tests and
the command-line tests read pages the same way."""

from __future__ import annotations

import json
from html.parser import HTMLParser

import attrs

#: Elements HTML closes by itself (no end tag).
VOID = {"meta", "input", "br", "img", "link", "hr", "rect", "path", "polygon", "ellipse", "polyline"}


@attrs.define
class Element:
    tag: str
    attrs: dict[str, str]
    parent: "Element | None" = None
    #: Child elements and text, in document order.
    content: list["Element | str"] = attrs.field(factory=list)

    @property
    def children(self) -> list["Element"]:
        return [c for c in self.content if isinstance(c, Element)]

    def all_text(self) -> str:
        return "".join(c if isinstance(c, str) else c.all_text() for c in self.content)

    def walk(self):
        yield self
        for child in self.children:
            yield from child.walk()


class Page(HTMLParser):
    """A parsed page; ``errors`` lists end tags that closed nothing open."""

    def __init__(self, text: str) -> None:
        super().__init__(convert_charrefs=True)
        self.root = Element("#document", {})
        self.current = self.root
        self.errors: list[str] = []
        self.feed(text)
        self.close()

    def handle_starttag(self, tag, attributes):
        element = Element(tag, {k: v or "" for k, v in attributes}, self.current)
        self.current.content.append(element)
        if tag not in VOID:
            self.current = element

    def handle_startendtag(self, tag, attributes):
        self.current.content.append(Element(tag, {k: v or "" for k, v in attributes}, self.current))

    def handle_endtag(self, tag):
        node = self.current
        while node is not None and node.tag != tag:
            node = node.parent
        if node is None or node.parent is None:
            self.errors.append(tag)
            return
        self.current = node.parent

    def handle_data(self, data):
        self.current.content.append(data)

    # -- questions ------------------------------------------------------------------------------

    def elements(self, tag: str | None = None):
        return [e for e in self.root.walk() if tag is None or e.tag == tag]

    def by_id(self, ident: str) -> Element:
        (found,) = [e for e in self.root.walk() if e.attrs.get("id") == ident]
        return found

    def data(self, ident: str):
        """A JSON data block's value (``<script type="application/json" id=...>``)."""
        block = self.by_id(ident)
        assert (block.tag, block.attrs.get("type")) == ("script", "application/json")
        return json.loads(block.all_text())

    def finding_rows(self) -> list[Element]:
        """The findings table's rows as the page's script builds them from its data
        block (``html_findings.ROW``): every row, shown or not, in the report's order."""
        found = self.data("findings-data")
        rows = []
        for i, (sev, server, href, where, _key, rule, documented, name, domain, group, message) in enumerate(
            found["rows"]
        ):
            word, symbol = found["severities"][sev]
            server_name, number = found["servers"][server]
            anchor = f"server-{number}" if number else ""
            row = Element("tr", {"data-server": anchor, "data-rule": rule, "data-severity": word, "data-order": str(i)})
            cells = [
                [Element("span", {"aria-hidden": "true"}, content=[symbol]), f" {word}"],
                [_link(f"#{anchor}" if anchor else "", server_name)],
                [_link(href, where)],
                [_link(f"#rule-{rule}" if documented else "", rule), f" {name}"],
                [domain],
                [group],
                [message],
            ]
            for content in cells:
                row.content.append(Element("td", {}, row, content))
            rows.append(row)
        return rows


def _link(href: str, text: str) -> "Element | str":
    return Element("a", {"href": href}, content=[text]) if href else text
