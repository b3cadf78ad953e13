(function () {
  "use strict";
  // Everything below only shows, hides, sorts and moves elements the page already
  // has; no text is ever parsed as HTML, and nothing is fetched.
  var table = document.getElementById("findings-table");
  var rows = table ? Array.prototype.slice.call(table.tBodies[0].rows) : [];
  var texts = null;
  // At most `limit` matching rows are shown until "Show all" is pressed: laying out
  // thousands of rows is what makes a large fleet's page slow to answer.
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

  function applyFilters() {
    var server = filters.server.value, rule = filters.rule.value, severity = filters.severity.value;
    var words = filters.text.value.toLowerCase().split(/\s+/).filter(Boolean);
    if (words.length && texts === null) {
      texts = new Map(rows.map(function (row) { return [row, row.textContent.toLowerCase()]; }));
    }
    var matched = 0, shown = 0;
    rows.forEach(function (row) {
      var keep = (!server || row.dataset.server === server) &&
        (!rule || row.dataset.rule === rule) &&
        (!severity || row.dataset.severity === severity) &&
        words.every(function (w) { return texts.get(row).indexOf(w) !== -1; });
      if (keep) { matched += 1; }
      row.hidden = !keep || (!all && matched > limit);
      if (!row.hidden) { shown += 1; }
    });
    count.textContent = shown + " of " + rows.length + (rows.length === 1 ? " finding" : " findings") + " shown" +
      (shown < matched ? "; " + matched + " match" : "");
    more.hidden = shown >= matched;
  }

  function sortBy(button) {
    var th = button.parentNode;
    var column = Number(button.dataset.column);
    var descending = th.getAttribute("aria-sort") === "ascending";
    Array.prototype.forEach.call(th.parentNode.cells, function (cell) { cell.removeAttribute("aria-sort"); });
    th.setAttribute("aria-sort", descending ? "descending" : "ascending");
    var keyed = rows.map(function (row) {
      var cell = row.cells[column];
      return [cell.dataset.key !== undefined ? cell.dataset.key : cell.textContent, Number(row.dataset.order), row];
    });
    keyed.sort(function (a, b) {
      var c = a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0;
      return (descending ? -c : c) || a[1] - b[1];
    });
    var body = table.tBodies[0];
    rows = keyed.map(function (k) { return k[2]; });
    rows.forEach(function (row) { body.appendChild(row); });
    applyFilters();  // the first rows in the new order are the ones shown
  }

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

  // A server's findings: copies of its rows of the findings table, made when it opens.
  function listFindings(details) {
    var box = details.querySelector(".server-findings");
    if (!box || box.dataset.filled || !table) { return; }
    box.dataset.filled = "1";
    var copy = document.createElement("table");
    var head = copy.createTHead().insertRow();
    Array.prototype.forEach.call(table.tHead.rows[0].cells, function (cell) {
      var th = document.createElement("th");
      th.scope = "col";
      th.textContent = cell.textContent;
      head.appendChild(th);
    });
    var body = copy.createTBody();
    rows.forEach(function (row) {
      if (row.dataset.server === box.dataset.server) {
        var clone = row.cloneNode(true);
        clone.hidden = false;
        body.appendChild(clone);
      }
    });
    box.appendChild(copy);
  }

  function opened(details) {
    draw(details);
    listFindings(details);
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
