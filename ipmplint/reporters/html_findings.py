"""The html page's findings table (``ipmplint.reporters.html``): its filters and head as
markup, its rows as one JSON data block that the page's script turns into rows as
they are shown.

Why data and not rows: a 1,000-server fleet has tens of thousands of findings, and
every ``<tr>`` in the markup is parsed into elements before the page answers, shown or
not (about 4 MB of rows: most of what kept its Chromium busy after the pictures were
made data blocks). JSON is read in one call, and the script builds only the rows on
screen (the first ``PAGE_ROWS`` that match, or all of them once asked for or
printed). Every finding of the report is still in the page, in the report's order.

A row is the list ``ROW`` names, its strings made ``visible``: the script writes them
as text (``textContent``), links only to ``#server-N``, ``#rule-ID`` and the capture's
relative path, and lets nothing that reads like a URL scheme become a link.
"""

from __future__ import annotations

import urllib.parse
from typing import TYPE_CHECKING

from ipmplint.findings import Finding, paths
from ipmplint.reporters.html_text import SEVERITIES, SYMBOLS, data_block, plural, text, visible

if TYPE_CHECKING:
    from ipmplint.reporters.html import _Page

#: Findings shown at once until "Show all" (the script keeps to it as filters change):
#: laying out thousands of rows is most of what a large fleet's table costs.
PAGE_ROWS = 500

#: The fields of one row in the data block, in order (html.js reads them by position).
ROW = (
    "severity",
    "server",
    "href",
    "location",
    "location key",
    "rule",
    "documented",
    "rule name",
    "domain",
    "group",
    "message",
)

COLUMNS = ("Severity", "Server", "Location", "Rule", "Domain", "Group", "Message")


def section(page: "_Page") -> str:
    """The findings section: filters, count, table head, and the rows as data."""
    report = page.report
    servers = "".join(f'<option value="{page.anchor[id(s)]}">{text(s.name)}</option>' for s in report.servers)
    rule_ids = sorted({f.rule_id for f in page.ordered} | set(page.known))
    rules = "".join(f'<option value="{text(r)}">{text(r)}</option>' for r in rule_ids)
    severities = "".join(f'<option value="{s.value}">{SYMBOLS[s]} {s.value}</option>' for s in SEVERITIES)
    head = "".join(
        f'<th scope="col"><button type="button" data-column="{i}">{c}</button></th>' for i, c in enumerate(COLUMNS)
    )
    total = len(page.ordered)
    shown = min(total, PAGE_ROWS)
    return "\n".join(
        (
            '<section id="findings" aria-labelledby="findings-h">',
            '<h2 id="findings-h">Findings</h2>',
            '<form class="filters" role="search" aria-label="Filter the findings">',
            f'<label>Server <select id="filter-server"><option value="">all servers</option>{servers}</select></label>',
            f'<label>Rule <select id="filter-rule"><option value="">all rules</option>{rules}</select></label>',
            f'<label>Severity <select id="filter-severity"><option value="">all severities</option>'
            f"{severities}</select></label>",
            '<label>Search <input type="search" id="filter-text" placeholder="text in any column"></label>',
            '<button type="reset">Clear filters</button>',
            "</form>",
            f'<p id="findings-count" aria-live="polite">{shown} of {plural(total, "finding")} '
            f"shown{f'; {total} match' if total > PAGE_ROWS else ''}</p>",
            f'<p><button type="button" id="findings-more"{"" if total > PAGE_ROWS else " hidden"}>'
            "Show all matching findings</button></p>",
            f'<div class="scroll"><table id="findings-table" data-page="{PAGE_ROWS}" aria-labelledby="findings-h">',
            f"<thead><tr>{head}</tr></thead>",
            "<tbody></tbody></table></div>",
            "<p>No findings.</p>"
            if not total
            else "<noscript><p>The findings are listed by the page's script; allow it to see them.</p></noscript>",
            data_block("findings-data", _data(page)),
            "</section>",
        )
    )


def _data(page: "_Page") -> dict:
    """The rows, and the names they share: each finding's server (its name, and the
    number of its section, 0 for none) and each severity's word and symbol."""
    servers: dict[str, int] = {}
    named: list[list] = []
    rows = []
    for f in page.ordered:
        if f.server not in servers:
            servers[f.server] = len(named)
            anchor = page.by_name.get(f.server, "")
            named.append([visible(f.server), int(anchor.rsplit("-", 1)[1]) if anchor else 0])
        rows.append(_row(page, f, servers[f.server]))
    return {"rows": rows, "servers": named, "severities": [[s.value, SYMBOLS[s]] for s in SEVERITIES]}


def _row(page: "_Page", f: Finding, server: int) -> list:
    where = f.location
    link = paths.link_path(where.file, page.srcroot)
    path = urllib.parse.unquote(link)
    shown = f"{path}:{where.line}:{where.col}" if where.line else path
    key = f"{path} {where.line:09d} {where.col:06d}"
    return [
        SEVERITIES.index(f.severity),
        server,
        visible(link),
        visible(shown),
        visible(key),
        visible(f.rule_id),
        int(f.rule_id in page.known),
        visible(f.rule_name),
        visible(f.domain or ""),
        visible(f.group or ""),
        visible(f.message),
    ]
