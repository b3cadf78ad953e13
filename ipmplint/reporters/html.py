"""One self-contained HTML page for a fleet: ``ipmplint check --format html -o report.html``
(and ``ipmplint simulate --format html``, or ``check --format html --simulate``: the
same page with each server's failures × domains matrix).

What an operations team opens in a browser, from disk: the fleet at a glance (servers,
domains and IPMP groups checked; findings by severity and by rule as bar charts; the
servers ranked by risk, those with a single point of failure first), every finding in
one table that filters by server, rule, severity and text and sorts by column, each
server with its failover picture, findings, simulation, skipped checks and parse
warnings, and every rule's documentation.

The page stands alone and asks nothing of the network: CSS, JavaScript and SVG are
inline, and its Content-Security-Policy (``default-src 'none'``) forbids any fetch,
font, image or frame; the one script runs because its SHA-256 is in that policy, so
no other script could. The bytes depend on the report only (no time stamp), and are
ASCII: other characters are character references or JSON escapes.

Untrusted text — server, domain, group and file names, messages, anything a capture
holds — is escaped (``ipmplint.reporters.html_text``): as markup, or as JSON in a data
block (``<script type="application/json">``, never run) that the script writes into
the page as text only. The script never parses text as HTML.

What a large fleet's page would parse for nothing is kept as data until it is shown
(a 1,000-server page is about 20 MB; what Chromium turns into elements before the
page answers decides how soon it does): the findings table's rows
(``html_findings``: the first ``PAGE_ROWS`` that match are built), each server's
skipped checks and simulation matrix (``html_matrix``), built when its server is
opened or the page printed, and each picture. Pictures are not drawn here:
``ServerReport.picture`` carries the SVG Graphviz drew (``ipmplint.drawing.pictures``).
Each is kept gzipped, in base64, as the text of a ``<script type="application/gzip">``
data block, and becomes elements only when its server is opened: decompressed by the
browser's ``DecompressionStream``, parsed by ``DOMParser`` as XML (which runs
nothing), checked to be one ``<svg>``, and inserted. (As a ``<template>``, the
1,000-server benchmark fleet's 57 MB of SVG kept Chromium busy 19 s; gzipped data
blocks make the page 19 MB instead of 64 MB.) Base64 cannot end its block or hold
markup. Graphviz's SVG escapes the labels it writes; the XML prolog, comments and
control characters are removed, its element ids are prefixed per server so two open
pictures never clash, and an SVG with anything that could run or navigate
(``<script>``, ``<foreignObject>``, ``<a>``, an ``on…`` attribute), which Graphviz does
not write, is not embedded.

Links to captures are relative to ``srcroot`` (the CLI passes the report's folder),
so they open from disk (``file:``) beside the report. This module decides no
severity and hides nothing: every finding of the report is in the page.

A server's section is built from ``SERVER_PARTS`` in order. This module is over 400
lines because it is the one page: its summary, server sections and rule documentation
share the page's anchors; the table, the matrix and the escaping are modules of their own.
"""

from __future__ import annotations

import base64
import gzip
import hashlib
import re
import urllib.parse
from collections import Counter
from importlib import resources
from typing import TYPE_CHECKING, Callable, Mapping, Optional

from ipmplint.findings import Report, RuleInfo, ServerReport, Severity, paths
from ipmplint.findings.sorting import order
from ipmplint.reporters import html_findings, html_matrix
from ipmplint.reporters.html_text import CLEAN_SYMBOL, SEVERITIES, SYMBOLS, _visible, data_block, visible
from ipmplint.reporters.html_text import CONTROL as _CONTROL
from ipmplint.reporters.html_text import plural as _plural
from ipmplint.reporters.html_text import text as _text

if TYPE_CHECKING:
    from ipmplint.simulation.model import ServerSimulation

#: zlib's level for the pictures: 6 writes a picture in two thirds of 9's time, and
#: only 1 % larger (measured on the benchmark fleet's pictures).
GZIP_LEVEL = 6

#: Servers the risk table lists as rows at first; the rest are data until asked for
#: (a thousand rows were a fifth of a 1,000-server page's elements).
RISK_ROWS = 100

#: The rule tag that makes an error a single point of failure on the fleet summary.
SPOF_TAG = "single-point-of-failure"

#: Bar colours of the charts (the drawings' palette, ``drawing.scene.COLOURS``).
BAR_COLOURS = {Severity.ERROR: "#d62728", Severity.WARNING: "#ff7f0e", Severity.INFO: "#1f77b4"}

_SVG_JUNK = re.compile(r"<\?xml.*?\?>|<!DOCTYPE.*?>|<!--.*?-->", re.S)
#: An element id as Graphviz writes it (after a space). The literal start lets the
#: search skip ahead: with ``\bid=`` it took 40 times longer, most of a picture's cost.
_SVG_ID = re.compile(r' id="([^"]*)"')
_CODE = re.compile(r"`([^`]+)`")
#: What may run or navigate in an SVG: script, foreign (HTML) content, links, event
#: attributes (inside a tag: a label's text has no raw ``<``), and a comment left over.
#: Read in the lower-cased SVG, its XML white space (tab, CR, LF) made spaces: each
#: starts with a literal, which the search skips ahead to (a pattern that starts with
#: ``\s`` or ``<[^>]*`` is tried at every character: 4 ms a picture instead of 0.1).
_ACTIVE = re.compile(r"<(?:script|foreignobject|iframe|a\b)|<!--")
_EVENT = re.compile(r" on\w+ *=")


def render(
    report: Report,
    *,
    srcroot: Optional[str] = None,
    color: bool = False,
    width: Optional[int] = None,
    simulations: Optional[Mapping[str, "ServerSimulation"]] = None,
) -> str:
    """The report as one HTML document (``color`` and ``width`` do not apply).
    ``simulations``: each server's simulation by its path (``ServerReport.path``), for
    ``simulate --format html`` and ``check --format html --simulate``; None: the page
    has no simulation part."""
    page = _Page(report, srcroot or ".", simulations)
    script = _asset("html.js")
    digest = base64.b64encode(hashlib.sha256(script.encode("utf-8")).digest()).decode("ascii")
    policy = f"default-src 'none'; style-src 'unsafe-inline'; script-src 'sha256-{digest}'"
    findings = len(report.findings)
    title = f"ipmplint: {_plural(len(report.servers), 'server')}, {_plural(findings, 'finding')}"
    body = "\n".join(
        (
            "<!DOCTYPE html>",
            '<html lang="en">',
            "<head>",
            '<meta charset="utf-8">',
            f'<meta http-equiv="Content-Security-Policy" content="{policy}">',
            '<meta name="viewport" content="width=device-width, initial-scale=1">',
            f"<title>{_text(title)}</title>",
            f"<style>\n{_asset('html.css')}</style>",
            "</head>",
            "<body>",
            '<a class="skip" href="#findings">Skip to the findings</a>',
            page.header(),
            "<main>",
            page.summary(),
            page.findings(),
            page.servers(),
            page.rules(),
            "</main>",
            f"<script>{script}</script>",
            "</body>",
            "</html>",
        )
    )
    return body.encode("ascii", "xmlcharrefreplace").decode("ascii") + "\n"


def _asset(name: str) -> str:
    """The page's stylesheet or script, shipped beside this module."""
    return resources.files("ipmplint.reporters").joinpath(name).read_text(encoding="utf-8")


class _Page:
    """The parts of one page; each method returns its HTML."""

    def __init__(
        self, report: Report, srcroot: str, simulations: Optional[Mapping[str, "ServerSimulation"]] = None
    ) -> None:
        self.report = report
        self.srcroot = srcroot
        self.simulations = simulations
        self.known = {r.id: r for r in report.rules}
        self.ordered = sorted(report.findings, key=order)
        self.anchor = {id(s): f"server-{i}" for i, s in enumerate(report.servers, 1)}
        #: A finding names its server: the first server of that name.
        self.by_name: dict[str, str] = {}
        for server in report.servers:
            self.by_name.setdefault(server.name, self.anchor[id(server)])
        #: Each server's single points of failure: errors of a rule so tagged, and with
        #: the simulation, cells of a single failure that harm a domain.
        self.spof = {
            id(s): _spof(s, self.known)
            + (html_matrix.harmful(simulations.get(s.path)) if simulations is not None else 0)
            for s in report.servers
        }

    # -- header and summary ------------------------------------------------------------------

    def header(self) -> str:
        report = self.report
        inputs = ", ".join(f"<code>{_text(i)}</code>" for i in report.inputs)
        return "\n".join(
            (
                "<header>",
                "<h1>ipmplint report</h1>",
                f"<p>ipmplint {_text(report.tool_version)}, inputs: {inputs}</p>",
                '<nav aria-label="Sections"><ul>',
                '<li><a href="#summary">Fleet at a glance</a></li>',
                '<li><a href="#findings">Findings</a></li>',
                '<li><a href="#servers">Servers</a></li>',
                '<li><a href="#rules">Rules</a></li>',
                "</ul></nav>",
                "</header>",
            )
        )

    def summary(self) -> str:
        report = self.report
        servers = report.servers
        counts = (
            ("servers", len(servers)),
            ("domains", sum(len(s.domains) for s in servers)),
            ("IPMP groups", sum(len(s.groups) for s in servers)),
            ("findings", len(report.findings)),
            ("skipped checks", len(report.skipped)),
            ("lines not understood", sum(a.warned for s in servers for a in s.accounts)),
        )
        figures = "\n".join(f"<div><dt>{_text(name)}</dt><dd>{n}</dd></div>" for name, n in counts)
        return "\n".join(
            (
                '<section id="summary" aria-labelledby="summary-h">',
                '<h2 id="summary-h">Fleet at a glance</h2>',
                f'<dl class="counts">\n{figures}\n</dl>',
                self._problems(),
                '<div class="charts">',
                self._severity_chart(),
                self._rule_chart(),
                "</div>",
                self._risk_table(),
                "</section>",
            )
        )

    def _problems(self) -> str:
        report = self.report
        parts = []
        if report.problems:
            items = "".join(f"<li>{_text(p)}</li>" for p in report.problems)
            parts.append(f'<div class="problems" role="alert"><h3>Not checked</h3><ul>{items}</ul></div>')
        hidden = report.suppression
        if hidden.by_baseline or hidden.by_path or hidden.stale:
            said = [
                f"{_plural(hidden.by_baseline, 'finding')} hidden by the baseline"
                + (f" {hidden.baseline}" if hidden.baseline else ""),
                f"{_plural(hidden.by_path, 'finding')} hidden by per-path ignores",
                f"{_plural(len(hidden.stale), 'baseline entry', 'baseline entries')} no longer found",
            ]
            parts.append(f'<p class="note">{_text("; ".join(said))}.</p>')
        return "\n".join(parts)

    def _severity_chart(self) -> str:
        counts = Counter(f.severity for f in self.report.findings)
        bars: list[tuple[str, int, str, Optional[str]]] = [
            (f"{SYMBOLS[s]} {s.value}", counts[s], BAR_COLOURS[s], None) for s in SEVERITIES
        ]
        return _chart("chart-severity", "Findings by severity", bars)

    def _rule_chart(self) -> str:
        counts = Counter(f.rule_id for f in self.report.findings)
        worst: dict[str, Severity] = {}
        for f in self.report.findings:
            if f.rule_id not in worst or f.severity.rank > worst[f.rule_id].rank:
                worst[f.rule_id] = f.severity
        ranked = sorted(counts, key=lambda r: (-counts[r], r))
        bars = [
            (f"{SYMBOLS[worst[r]]} {r}", counts[r], BAR_COLOURS[worst[r]], f"#rule-{r}" if r in self.known else None)
            for r in ranked
        ]
        return _chart("chart-rules", "Findings by rule (worst severity)", bars)

    def _risk_table(self) -> str:
        ranked = [
            server
            for _, server in sorted(
                enumerate(self.report.servers), key=lambda item: (_risk(item[1], self.spof[id(item[1])]), item[0])
            )
        ]
        rows = []
        for server in ranked[:RISK_ROWS]:
            number, name, verdict, figures = self._risk_row(server)
            rows.append(
                f'<tr><th scope="row"><a href="#server-{number}">{_text(name)}</a></th>'
                f"<td>{_verdict_markup(*verdict)}</td>"
                + "".join(f'<td class="num">{n}</td>' for n in figures)
                + "</tr>"
            )
        rest = [self._risk_row(server) for server in ranked[RISK_ROWS:]]
        more = (
            ""
            if not rest
            else f'<p><button type="button" id="risk-more">Show the other {_plural(len(rest), "server")}</button></p>'
            + data_block(
                "risk-rest",
                [[number, visible(name), list(verdict), figures] for number, name, verdict, figures in rest],
            )
        )
        head = (
            '<tr><th scope="col">Server</th><th scope="col">Verdict</th>'
            + "".join(f'<th scope="col">{SYMBOLS[s]} {s.value}</th>' for s in SEVERITIES)
            + '<th scope="col">skipped checks</th><th scope="col">domains</th>'
            '<th scope="col">IPMP groups</th></tr>'
        )
        return "\n".join(
            (
                '<h3 id="risk-h">Servers by risk</h3>',
                "<p>Servers with a single point of failure (an error of a rule tagged "
                f"<code>{SPOF_TAG}</code>"
                + (
                    ", or a single failure the simulation finds loses a domain's network, goes undetected or "
                    "fails falsely"
                    if self.simulations is not None
                    else ""
                )
                + ") come first, then by their worst finding.</p>",
                '<div class="scroll"><table class="risk" aria-labelledby="risk-h">',
                f"<thead>{head}</thead>",
                "<tbody>",
                "".join(rows),
                "</tbody></table></div>",
                more,
            )
        )

    def _risk_row(self, server: ServerReport) -> tuple[int, str, tuple[str, str, str], list[int]]:
        """A server's row of the risk table: its section's number, name, verdict, and
        findings by severity, skipped checks, domains, IPMP groups."""
        n = Counter(f.severity for f in server.findings)
        figures = [n[s] for s in SEVERITIES] + [len(server.skipped), len(server.domains), len(server.groups)]
        return (
            int(self.anchor[id(server)].rsplit("-", 1)[1]),
            server.name,
            _verdict_parts(server, self.spof[id(server)]),
            figures,
        )

    # -- the findings table (ipmplint.reporters.html_findings) ----------------------------------

    def findings(self) -> str:
        return html_findings.section(self)

    def _rule_link(self, rule_id: str) -> str:
        if rule_id in self.known:
            return f'<a href="#rule-{_text(rule_id)}">{_text(rule_id)}</a>'
        return _text(rule_id)

    # -- one section per server ----------------------------------------------------------------

    def servers(self) -> str:
        sections = "\n".join(self._server(s) for s in self.report.servers)
        return "\n".join(
            (
                '<section id="servers" aria-labelledby="servers-h">',
                '<h2 id="servers-h">Servers</h2>',
                "<p>Open a server to see its failover picture (drawn when opened), its findings, "
                "the checks skipped for want of a capture, and the lines not understood"
                + (
                    ", and what each failure of one of its parts does to its domains (the simulation).</p>"
                    if self.simulations is not None
                    else ".</p>"
                ),
                sections,
                "</section>",
            )
        )

    def _server(self, server: ServerReport) -> str:
        anchor = self.anchor[id(server)]
        verdict = _verdict(server, self.spof[id(server)])
        # One line, its parts' own newlines dropped too: a newline between elements is one
        # more text node, and a 1,000-server page had 15,000 of them in its sections.
        parts = "".join(filter(None, (part(self, server, anchor) for part in SERVER_PARTS))).replace("\n", "")
        return (
            f'<details class="server" id="{anchor}"><summary><h3>{_text(server.name)} '
            f'<span class="verdict">{verdict}</span></h3></summary><div class="server-body">{parts}</div>'
            "</details>"
        )

    def _server_facts(self, server: ServerReport, anchor: str) -> str:
        link = paths.link_path(server.path, self.srcroot)
        domains = ", ".join(_text(d) for d in server.domains) or "none captured"
        groups = ", ".join(_text(g) for g in server.groups) or "none"
        return (
            f'<p>Captures: <a href="{_text(link)}">{_text(urllib.parse.unquote(link))}</a>. '
            f"Domains: {domains}. IPMP groups: {groups}.</p>"
        )

    def _picture(self, server: ServerReport, anchor: str) -> str:
        head = "<h4>Failover picture</h4>"
        picture = server.picture
        if picture is None:
            return f'{head}\n<p class="note">This report was made without pictures.</p>'
        if not picture.svg:
            return f'{head}\n<p class="note">No picture: {_text(picture.missing)}</p>'
        svg = _inline_svg(picture.svg, anchor)
        if svg is None:
            return f'{head}\n<p class="note">No picture: Graphviz wrote an SVG this page cannot hold.</p>'
        packed = base64.b64encode(gzip.compress(svg.encode("utf-8"), compresslevel=GZIP_LEVEL, mtime=0)).decode("ascii")
        return "\n".join(
            (
                head,
                f'<div class="picture" data-picture="{anchor}-picture">'
                '<p class="note">The picture is drawn when the server is opened.</p></div>',
                f'<script type="application/gzip" id="{anchor}-picture">{packed}</script>',
            )
        )

    def _server_findings(self, server: ServerReport, anchor: str) -> str:
        """The count here; the rows themselves are the findings table's, copied in by
        the script when the server is opened (the same rows twice would double the
        largest part of a fleet's page)."""
        if not server.findings:
            return "<h4>Findings</h4>\n<p>No findings.</p>"
        n = Counter(f.severity for f in server.findings)
        said = ", ".join(
            f"{SYMBOLS[s]} {_plural(n[s], s.value, s.value if s is Severity.INFO else None)}"
            for s in SEVERITIES
            if n[s]
        )
        return "\n".join(
            (
                "<h4>Findings</h4>",
                f"<p>{_plural(len(server.findings), 'finding')}: {said} "
                f'(<a href="#findings" data-filter-server="{anchor}">in the findings table</a>).</p>',
                f'<div class="server-findings" data-server="{anchor}"></div>',
            )
        )

    def _skipped(self, server: ServerReport, anchor: str) -> str:
        skips = sorted(server.skipped, key=lambda k: (k.rule_id, k.domain or "", k.reason))
        if not skips:
            return "<h4>Skipped checks</h4>\n<p>None: every selected rule ran.</p>"
        items = [
            [
                visible(k.rule_id),
                int(k.rule_id in self.known),
                visible(k.domain or ""),
                visible(k.reason),
                [visible(m) for m in k.missing],
            ]
            for k in skips
        ]
        return "\n".join(
            (
                "<h4>Skipped checks</h4>",
                f'<div class="skipped" data-skipped="{anchor}-skipped"><p>{_plural(len(skips), "check")} skipped for '
                "want of a capture (listed when the server is opened).</p></div>",
                data_block(f"{anchor}-skipped", items),
            )
        )

    def _simulation(self, server: ServerReport, anchor: str) -> str:
        """The failures × domains matrix, on a page made with the simulation."""
        if self.simulations is None:
            return ""
        return html_matrix.part(self.simulations.get(server.path), anchor)

    def _parse_warnings(self, server: ServerReport, anchor: str) -> str:
        warned = [a for a in server.accounts if a.warned]
        if not warned:
            read = sum(a.total for a in server.accounts)
            return f"<h4>Parse warnings</h4>\n<p>None: all {_plural(read, 'line')} read were understood.</p>"
        rows = "".join(
            f'<tr><td><a href="{_text(paths.link_path(a.file, self.srcroot))}">'
            f"{_text(urllib.parse.unquote(paths.link_path(a.file, self.srcroot)))}</a></td>"
            f'<td>{_text(a.kind)}</td><td class="num">{a.warned}</td><td class="num">{a.total}</td></tr>'
            for a in warned
        )
        return "\n".join(
            (
                "<h4>Parse warnings</h4>",
                "<p>Lines not understood, each a CAP001 finding above at its file:line:col.</p>",
                '<div class="scroll"><table><thead><tr><th scope="col">File</th><th scope="col">Format</th>'
                '<th scope="col">lines not understood</th><th scope="col">lines</th></tr></thead>',
                f"<tbody>{rows}</tbody></table></div>",
            )
        )

    # -- the rules' documentation --------------------------------------------------------------

    def rules(self) -> str:
        docs = "\n".join(_rule_doc(r) for r in self.report.rules)
        return "\n".join(
            (
                '<section id="rules" aria-labelledby="rules-h">',
                '<h2 id="rules-h">Rules</h2>',
                "<p>Every rule this run checked: what it checks, why it breaks failover, an example, "
                "the fix, and its source.</p>",
                docs,
                "</section>",
            )
        )


#: A server's section, part by part (a part with nothing to say returns "").
SERVER_PARTS: tuple[Callable[[_Page, ServerReport, str], str], ...] = (
    _Page._server_facts,
    _Page._picture,
    _Page._server_findings,
    _Page._simulation,
    _Page._skipped,
    _Page._parse_warnings,
)


# -- pieces ---------------------------------------------------------------------------------------


def _spof(server: ServerReport, rules: dict[str, RuleInfo]) -> int:
    """How many of the server's findings are errors of a single-point-of-failure rule."""
    return sum(
        1
        for f in server.findings
        if f.severity is Severity.ERROR and f.rule_id in rules and SPOF_TAG in rules[f.rule_id].tags
    )


def _risk(server: ServerReport, spof: int) -> tuple:
    """Sort key, riskiest first: single points of failure, then errors, warnings, infos."""
    n = Counter(f.severity for f in server.findings)
    return (-spof, *(-n[s] for s in SEVERITIES))


def _verdict(server: ServerReport, spof: int) -> str:
    return _verdict_markup(*_verdict_parts(server, spof))


def _verdict_parts(server: ServerReport, spof: int) -> tuple[str, str, str]:
    """A server's verdict as its class, symbol and words: a single point of failure,
    else its worst findings counted, else clean."""
    if spof:
        return "error", SYMBOLS[Severity.ERROR], "single point of failure"
    for severity in SEVERITIES:
        n = sum(1 for f in server.findings if f.severity is severity)
        if n:
            word = severity.value if severity is Severity.INFO or n == 1 else severity.value + "s"
            return severity.value, SYMBOLS[severity], f"{n} {word}"
    return "clean", CLEAN_SYMBOL, "clean"


def _verdict_markup(cls: str, symbol: str, words: str) -> str:
    return f'<span class="sev {cls}"><span aria-hidden="true">{symbol}</span> {words}</span>'


def _chart(ident: str, caption: str, bars: list[tuple[str, int, str, Optional[str]]]) -> str:
    """A horizontal bar chart as inline SVG: each bar labelled with its name and number
    (the colour only repeats what the symbol and word say)."""
    if not bars or not any(n for _, n, _, _ in bars):
        return f'<figure id="{ident}"><figcaption>{_text(caption)}</figcaption><p>No findings.</p></figure>'
    row, label_width, bar_width = 22, 150, 260
    top = max(n for _, n, _, _ in bars)
    height = row * len(bars) + 4
    shapes = []
    for i, (label, n, colour, link) in enumerate(bars):
        y = i * row + 2
        length = round(bar_width * n / top) if top else 0
        name = f'<text x="0" y="{y + 15}">{_text(label)}</text>'
        if link:
            name = f'<a href="{_text(link)}">{name}</a>'
        shapes.append(
            f"<g><title>{_text(label)}: {n}</title>{name}"
            f'<rect x="{label_width}" y="{y + 3}" width="{length}" height="{row - 6}" fill="{colour}"/>'
            f'<text x="{label_width + length + 6}" y="{y + 15}">{n}</text></g>'
        )
    summary = "; ".join(f"{label}: {n}" for label, n, _, _ in bars)
    return "\n".join(
        (
            f'<figure id="{ident}"><figcaption>{_text(caption)}</figcaption>',
            f'<svg class="chart" role="img" aria-label="{_text(summary)}" width="{label_width + bar_width + 60}" '
            f'height="{height}" viewBox="0 0 {label_width + bar_width + 60} {height}">',
            *shapes,
            "</svg></figure>",
        )
    )


def _inline_svg(svg: str, anchor: str) -> Optional[str]:
    """Graphviz's SVG document as the page inserts it: no prolog, comment or control
    character, its ids prefixed with the server's anchor; None unless it is one
    ``<svg>`` element with nothing that could run or navigate (Graphviz, escaping
    every ``<`` of a label and given no URL, writes none)."""
    body = _SVG_JUNK.sub("", svg).strip()
    body = _CONTROL.sub(_visible, body)
    body = _SVG_ID.sub(lambda m: f' id="{anchor}-{m.group(1)}"', body)
    body = re.sub(r">\s+<", "><", body)
    return None if _can_run(body) or not body.startswith("<svg") else body


def _can_run(svg: str) -> bool:
    """Whether the SVG holds an element or an ``on…`` attribute that could run or
    navigate (an ``on…=`` in a label's text, outside every tag, is only text)."""
    low = svg.lower().replace("\t", " ").replace("\r", " ").replace("\n", " ")
    if _ACTIVE.search(low):
        return True
    return any(low.rfind("<", 0, m.start()) > low.rfind(">", 0, m.start()) for m in _EVENT.finditer(low))


def _rule_doc(rule: RuleInfo) -> str:
    tags = ", ".join(f"<code>{_text(t)}</code>" for t in rule.tags) or "none"
    origin = f" Provided by {_text(rule.plugin)} {_text(rule.plugin_version or '')}." if rule.plugin else ""
    return "\n".join(
        (
            f'<details class="rule" id="rule-{_text(rule.id)}">',
            f'<summary><h3>{_text(rule.id)} {_text(rule.name)} <span class="sev {rule.severity.value}">'
            f'(<span aria-hidden="true">{SYMBOLS[rule.severity]}</span> {rule.severity.value})</span></h3></summary>',
            '<div class="rule-body">',
            _markdown(rule.doc),
            f'<p class="meta">Tags: {tags}. Source: {_text(rule.source)}.{origin}</p>',
            "</div>",
            "</details>",
        )
    )


def _markdown(doc: str) -> str:
    """The rule documentation's Markdown as HTML: ``##`` headings, paragraphs, ``-``
    lists, fenced blocks and tables kept as preformatted text, `code` spans."""
    out: list[str] = []
    paragraph: list[str] = []
    items: list[str] = []
    fence: Optional[list[str]] = None

    def flush() -> None:
        if paragraph:
            out.append(f"<p>{_inline(' '.join(paragraph))}</p>")
            paragraph.clear()
        if items:
            out.append("<ul>" + "".join(f"<li>{_inline(i)}</li>" for i in items) + "</ul>")
            items.clear()

    for line in doc.splitlines():
        stripped = line.strip()
        if fence is not None:
            if stripped.startswith("```"):
                out.append(f"<pre>{_text(chr(10).join(fence))}</pre>")
                fence = None
            else:
                fence.append(line)
        elif stripped.startswith("```"):
            flush()
            fence = []
        elif stripped.startswith("#"):
            flush()
            out.append(f"<h4>{_inline(stripped.lstrip('#').strip())}</h4>")
        elif stripped.startswith("|"):
            flush()
            out.append(f"<pre>{_text(line)}</pre>")
        elif stripped.startswith(("- ", "* ")):
            if paragraph:
                flush()
            items.append(stripped[2:])
        elif not stripped:
            flush()
        elif items and line.startswith(" "):
            items[-1] += " " + stripped
        else:
            if items:
                flush()
            paragraph.append(stripped)
    if fence is not None:
        out.append(f"<pre>{_text(chr(10).join(fence))}</pre>")
    flush()
    return "\n".join(out)


def _inline(text: str) -> str:
    """Escaped text with `code` spans as <code>."""
    return _CODE.sub(lambda m: f"<code>{m.group(1)}</code>", _text(text))
