(function () {
  "use strict";
  // Everything below builds elements from the page's JSON data blocks with textContent
  // and attributes only, and shows, hides, sorts and moves them: no text is ever
  // parsed as HTML, and nothing is fetched. Rows, lists and matrices are built when
  // they are first shown: a large fleet's page answers as soon as its first rows are.

  function data(id) {
    var block = document.getElementById(id);
    return block ? JSON.parse(block.textContent) : null;
  }

  function make(tag, text, className) {
    var element = document.createElement(tag);
    if (text !== undefined && text !== null) { element.textContent = text; }
    if (className) { element.className = className; }
    return element;
  }

  // A link the page made relative (to an anchor or a capture file); anything that
  // reads like a scheme ("javascript:") stays text.
  function linkOrText(href, text) {
    if (!href || /^[a-z][a-z0-9+.\-]*:/i.test(href)) { return document.createTextNode(text); }
    var a = make("a", text);
    a.setAttribute("href", href);
    return a;
  }

  function symbolAndWord(symbol, word, className) {
    var cell = make("td", null, className);
    var mark = make("span", symbol);
    mark.setAttribute("aria-hidden", "true");
    cell.append(mark, " " + word);
    return cell;
  }

  // -- the findings table: rows are data until shown ------------------------------------------
  var table = document.getElementById("findings-table");
  var found = data("findings-data") || {rows: [], servers: [], severities: []};
  // A row: [severity, server, href, location, location key, rule, documented, rule name,
  // domain, group, message] (html_findings.ROW).
  var rows = found.rows;
  var order = rows.map(function (row, i) { return i; });
  var built = [];
  var texts = null;
  // At most `limit` matching rows are shown until "Show all" is pressed.
  var limit = table ? Number(table.dataset.page) : 0;
  var all = false;
  var more = document.getElementById("findings-more");
  var filters = {
    server: document.getElementById("filter-server"),
    rule: document.getElementById("filter-rule"),
    severity: document.getElementById("filter-severity"),
    text: document.getElementById("filter-text")
  };
  var count = document.getElementById("findings-count");

  function anchorOf(row) {
    var server = found.servers[row[1]];
    return server[1] ? "server-" + server[1] : "";
  }

  function makeRow(i) {
    var row = rows[i], severity = found.severities[row[0]], anchor = anchorOf(row);
    var tr = make("tr");
    tr.dataset.server = anchor;
    tr.dataset.rule = row[5];
    tr.dataset.severity = severity[0];
    tr.dataset.order = String(i);
    tr.appendChild(symbolAndWord(severity[1], severity[0], "sev " + severity[0]));
    var cells = [
      linkOrText(anchor && "#" + anchor, found.servers[row[1]][0]),
      linkOrText(row[2], row[3]),
      [linkOrText(row[6] ? "#rule-" + row[5] : "", row[5]), " " + row[7]],
      row[8], row[9], row[10]
    ];
    cells.forEach(function (content) {
      var td = make("td");
      if (typeof content === "string") { td.textContent = content; } else { td.append.apply(td, [].concat(content)); }
      tr.appendChild(td);
    });
    return tr;
  }

  function rowOf(i) {
    if (!built[i]) { built[i] = makeRow(i); }
    return built[i];
  }

  function searchText(row) {
    return [found.severities[row[0]][0], found.servers[row[1]][0], row[3], row[5], row[7], row[8], row[9],
      row[10]].join(" ").toLowerCase();
  }

  function applyFilters() {
    var server = filters.server.value, rule = filters.rule.value, severity = filters.severity.value;
    var words = filters.text.value.toLowerCase().split(/\s+/).filter(Boolean);
    if (words.length && texts === null) { texts = rows.map(searchText); }
    var severityIndex = found.severities.map(function (s) { return s[0]; }).indexOf(severity);
    var matched = 0, shown = [];
    order.forEach(function (i) {
      var row = rows[i];
      var keep = (!server || anchorOf(row) === server) && (!rule || row[5] === rule) &&
        (!severity || row[0] === severityIndex) &&
        words.every(function (w) { return texts[i].indexOf(w) !== -1; });
      if (keep) {
        matched += 1;
        if (all || shown.length < limit) { shown.push(i); }
      }
    });
    var fragment = document.createDocumentFragment();  // not replaceChildren(...rows): no argument limit
    shown.forEach(function (i) { fragment.appendChild(rowOf(i)); });
    table.tBodies[0].replaceChildren(fragment);
    count.textContent = shown.length + " of " + rows.length + (rows.length === 1 ? " finding" : " findings") +
      " shown" + (shown.length < matched ? "; " + matched + " match" : "");
    more.hidden = shown.length >= matched;
  }

  // Sort keys by column: severity rank, server, file and line, rule, domain, group, message.
  var KEYS = [
    function (row) { return row[0]; },
    function (row) { return found.servers[row[1]][0]; },
    function (row) { return row[4]; },
    function (row) { return row[5]; },
    function (row) { return row[8]; },
    function (row) { return row[9]; },
    function (row) { return row[10]; }
  ];

  function sortBy(button) {
    var th = button.parentNode;
    var key = KEYS[Number(button.dataset.column)];
    var descending = th.getAttribute("aria-sort") === "ascending";
    Array.prototype.forEach.call(th.parentNode.cells, function (cell) { cell.removeAttribute("aria-sort"); });
    th.setAttribute("aria-sort", descending ? "descending" : "ascending");
    order.sort(function (a, b) {
      var x = key(rows[a]), y = key(rows[b]);
      var c = x < y ? -1 : x > y ? 1 : 0;
      return (descending ? -c : c) || a - b;
    });
    applyFilters();  // the first rows in the new order are the ones shown
  }

  // -- a server's section: built when it is opened ---------------------------------------------

  // A picture is gzipped base64 text in a data block until its server is opened:
  // decompressed then, parsed as XML (which runs nothing), and only an <svg> document
  // is inserted.
  function draw(details) {
    var box = details.querySelector(".picture");
    if (!box || box.dataset.drawn) { return; }
    box.dataset.drawn = "1";
    var packed = atob(document.getElementById(box.dataset.picture).textContent);
    var bytes = new Uint8Array(packed.length);
    for (var i = 0; i < packed.length; i += 1) { bytes[i] = packed.charCodeAt(i); }
    var stream = new Blob([bytes]).stream().pipeThrough(new DecompressionStream("gzip"));
    new Response(stream).text().then(function (text) {
      var svg = new DOMParser().parseFromString(text, "image/svg+xml").documentElement;
      if (svg.namespaceURI !== "http://www.w3.org/2000/svg" || svg.localName !== "svg" ||
          svg.getElementsByTagName("parsererror").length || svg.getElementsByTagName("script").length) {
        box.textContent = "This picture could not be read.";
        return;
      }
      box.replaceChildren(document.importNode(svg, true));
    });
  }

  // A server's findings: its rows of the findings table, built again for its section.
  function listFindings(details) {
    var box = details.querySelector(".server-findings");
    if (!box || box.dataset.filled || !table) { return; }
    box.dataset.filled = "1";
    var copy = make("table");
    var head = copy.createTHead().insertRow();
    Array.prototype.forEach.call(table.tHead.rows[0].cells, function (cell) {
      var th = make("th", cell.textContent);
      th.scope = "col";
      head.appendChild(th);
    });
    var body = copy.createTBody();
    rows.forEach(function (row, i) {
      if (anchorOf(row) === box.dataset.server) { body.appendChild(makeRow(i)); }
    });
    box.appendChild(copy);
  }

  // Skipped checks: [rule, documented, domain, reason, missing files].
  function listSkipped(details) {
    var box = details.querySelector(".skipped[data-skipped]");
    if (!box || box.dataset.filled) { return; }
    box.dataset.filled = "1";
    var list = make("ul");
    data(box.dataset.skipped).forEach(function (skip) {
      var item = make("li");
      item.append(linkOrText(skip[1] ? "#rule-" + skip[0] : "", skip[0]),
        (skip[2] ? " in " + skip[2] : "") + ": " + skip[3]);
      if (skip[4].length) {
        item.append(" (missing: ");
        skip[4].forEach(function (name, i) { item.append(i ? ", " : "", make("code", name)); });
        item.append(")");
      }
      list.appendChild(item);
    });
    box.replaceChildren(list);
  }

  // The simulation: failures (rows) x domains' groups (columns), each cell the outcome
  // as symbol, word and colour; then the reason for every cell that is not unaffected.
  function buildMatrix(details) {
    var box = details.querySelector(".matrix[data-matrix]");
    if (!box || box.dataset.filled) { return; }
    box.dataset.filled = "1";
    var sim = data(box.dataset.matrix);
    var matrix = make("table", null, "matrix");
    matrix.createCaption().textContent = sim.caption;
    var head = matrix.createTHead().insertRow();
    var corner = make("th", "failed part");
    corner.scope = "col";
    head.appendChild(corner);
    sim.subjects.forEach(function (subject) {
      var th = make("th", subject);
      th.scope = "col";
      head.appendChild(th);
    });
    var body = matrix.createTBody();
    sim.rows.forEach(function (row) {
      var tr = body.insertRow();
      var th = make("th", row[0]);
      th.scope = "row";
      tr.appendChild(th);
      row[1].forEach(function (cell) {
        var outcome = sim.outcomes[cell[0]];
        var td = symbolAndWord(outcome[1], outcome[0], "outcome " + outcome[2]);
        if (cell[1]) { td.title = cell[1]; }
        tr.appendChild(td);
      });
    });
    var scroll = make("div", null, "scroll");
    scroll.appendChild(matrix);
    var parts = [scroll];
    if (sim.reasons.length) {
      parts.push(make("h5", "Why"));
      var list = make("ul", null, "reasons");
      sim.reasons.forEach(function (failure) {
        var item = make("li", failure[0] + ":");
        var inner = make("ul");
        failure[1].forEach(function (line) { inner.appendChild(make("li", line)); });
        item.appendChild(inner);
        list.appendChild(item);
      });
      parts.push(list);
    }
    box.replaceChildren.apply(box, parts);
  }

  // The risk table's servers after its first rows: [section number, name,
  // [class, symbol, words], figures...], built when asked for or printed.
  var riskButton = document.getElementById("risk-more");
  function showRisk() {
    if (!riskButton || riskButton.hidden) { return; }
    riskButton.hidden = true;
    var fragment = document.createDocumentFragment();
    data("risk-rest").forEach(function (row) {
      var tr = make("tr");
      var th = make("th");
      th.scope = "row";
      th.appendChild(linkOrText("#server-" + row[0], row[1]));
      var verdict = make("td");
      var span = make("span", null, "sev " + row[2][0]);
      var mark = make("span", row[2][1]);
      mark.setAttribute("aria-hidden", "true");
      span.append(mark, " " + row[2][2]);
      verdict.appendChild(span);
      tr.append(th, verdict);
      row[3].forEach(function (n) { tr.appendChild(make("td", String(n), "num")); });
      fragment.appendChild(tr);
    });
    document.querySelector("table.risk tbody").appendChild(fragment);
  }
  if (riskButton) { riskButton.addEventListener("click", showRisk); }

  function opened(details) {
    draw(details);
    listFindings(details);
    listSkipped(details);
    buildMatrix(details);
  }

  function openTarget() {
    var target = document.getElementById(decodeURIComponent(location.hash.slice(1)));
    var details = target && target.closest("details");
    if (details) {
      details.open = true;
      opened(details);
      target.scrollIntoView();
    }
  }

  if (table) {
    Object.keys(filters).forEach(function (name) {
      filters[name].addEventListener(name === "text" ? "input" : "change", applyFilters);
    });
    filters.text.form.addEventListener("reset", function () { setTimeout(applyFilters, 0); });
    filters.text.form.addEventListener("submit", function (event) { event.preventDefault(); });
    more.addEventListener("click", function () { all = true; applyFilters(); });
    table.tHead.addEventListener("click", function (event) {
      var button = event.target.closest("button");
      if (button) { sortBy(button); }
    });
    applyFilters();
  }
  document.addEventListener("toggle", function (event) {
    if (event.target.classList && event.target.classList.contains("server") && event.target.open) {
      opened(event.target);
    }
  }, true);
  document.addEventListener("click", function (event) {
    var link = event.target.closest && event.target.closest("a[data-filter-server]");
    if (link && table) {
      filters.server.value = link.dataset.filterServer;
      applyFilters();
    }
  });
  window.addEventListener("hashchange", openTarget);
  var closed = [];
  window.addEventListener("beforeprint", function () {
    if (table && !all) { all = true; applyFilters(); }
    showRisk();
    closed = Array.prototype.filter.call(document.querySelectorAll("details"), function (d) { return !d.open; });
    closed.forEach(function (d) { d.open = true; if (d.classList.contains("server")) { opened(d); } });
  });
  window.addEventListener("afterprint", function () {
    closed.forEach(function (d) { d.open = false; });
    closed = [];
  });
  openTarget();
  document.documentElement.dataset.ready = "1";
}());
