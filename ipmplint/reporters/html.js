(function () {
  "use strict";
  // Everything below only shows, hides, sorts and moves elements the page already
  // has; no text is ever parsed as HTML, and nothing is fetched.
  var table = document.getElementById("findings-table");
  var rows = table ? Array.prototype.slice.call(table.tBodies[0].rows) : [];
  var texts = null;
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
      texts = rows.map(function (row) { return row.textContent.toLowerCase(); });
    }
    var shown = 0;
    rows.forEach(function (row, i) {
      var keep = (!server || row.dataset.server === server) &&
        (!rule || row.dataset.rule === rule) &&
        (!severity || row.dataset.severity === severity) &&
        words.every(function (w) { return texts[i].indexOf(w) !== -1; });
      row.hidden = !keep;
      if (keep) { shown += 1; }
    });
    count.textContent = shown + " of " + rows.length + (rows.length === 1 ? " finding" : " findings") + " shown";
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
    keyed.forEach(function (k) { body.appendChild(k[2]); });
  }

  function draw(details) {
    var box = details.querySelector(".picture");
    if (!box || box.dataset.drawn) { return; }
    var template = document.getElementById(box.dataset.template);
    box.replaceChildren(template.content.cloneNode(true));
    box.dataset.drawn = "1";
  }

  function openTarget() {
    var target = document.getElementById(decodeURIComponent(location.hash.slice(1)));
    var details = target && target.closest("details");
    if (details) {
      details.open = true;
      draw(details);
      target.scrollIntoView();
    }
  }

  if (table) {
    Object.keys(filters).forEach(function (name) {
      filters[name].addEventListener(name === "text" ? "input" : "change", applyFilters);
    });
    filters.text.form.addEventListener("reset", function () { setTimeout(applyFilters, 0); });
    filters.text.form.addEventListener("submit", function (event) { event.preventDefault(); });
    table.tHead.addEventListener("click", function (event) {
      var button = event.target.closest("button");
      if (button) { sortBy(button); }
    });
  }
  document.addEventListener("toggle", function (event) {
    if (event.target.classList && event.target.classList.contains("server") && event.target.open) {
      draw(event.target);
    }
  }, true);
  window.addEventListener("hashchange", openTarget);
  var closed = [];
  window.addEventListener("beforeprint", function () {
    closed = Array.prototype.filter.call(document.querySelectorAll("details"), function (d) { return !d.open; });
    closed.forEach(function (d) { d.open = true; if (d.classList.contains("server")) { draw(d); } });
  });
  window.addEventListener("afterprint", function () {
    closed.forEach(function (d) { d.open = false; });
    closed = [];
  });
  openTarget();
  document.documentElement.dataset.ready = "1";
}());
