// Finding in rating tables, all in the browser over the rendered rows: search by surname,
// filters by school and grade, sortable columns. The state lives in the address's #fragment
// (#name=...&school=...&unit=...), so the server's page stays the same for everyone.
(function () {
  "use strict";
  var root = document.querySelector("[data-results-find]");
  var tools = document.querySelector("[data-results-tools]");
  if (!root || !tools) { return; }
  tools.hidden = false;
  var sections = Array.prototype.slice.call(root.querySelectorAll("[data-unit]"));
  var rows = Array.prototype.slice.call(root.querySelectorAll("tbody tr[data-row]"));
  var nameInput = tools.querySelector("[data-find=name]");
  var schoolSelect = tools.querySelector("[data-find=school]");
  var unitSelect = tools.querySelector("[data-find=unit]");
  var count = tools.querySelector("[data-find-count]");
  var empty = tools.querySelector("[data-find-empty]");

  function fold(text) {
    return (text || "").toLocaleLowerCase("ru").replace(/ё/g, "е").replace(/\s+/g, " ").trim();
  }

  // schools as they appear in the rows, alphabetically
  var schools = {};
  rows.forEach(function (row) {
    var school = row.getAttribute("data-school");
    if (school) { schools[school] = true; }
    row._name = fold(row.getAttribute("data-name") || "");
  });
  Object.keys(schools).sort(function (a, b) { return a.localeCompare(b, "ru"); })
    .forEach(function (school) {
      var option = document.createElement("option");
      option.value = school;
      option.textContent = school;
      schoolSelect.appendChild(option);
    });

  function state() {
    return { name: nameInput.value, school: schoolSelect.value, unit: unitSelect.value };
  }

  function apply() {
    var s = state();
    var name = fold(s.name);
    var shown = 0;
    sections.forEach(function (section) {
      var unitOk = !s.unit || section.getAttribute("data-unit") === s.unit;
      var visible = 0;
      section.querySelectorAll("tbody tr[data-row]").forEach(function (row) {
        // a surname is the name's first word; match its start, or any word's start
        var ok = unitOk &&
          (!name || row._name.indexOf(name) === 0 || row._name.indexOf(" " + name) >= 0) &&
          (!s.school || row.getAttribute("data-school") === s.school);
        row.hidden = !ok;
        if (ok) { visible += 1; }
      });
      section.hidden = !unitOk || (visible === 0 && (name || s.school));
      shown += visible;
    });
    var filtered = name || s.school || s.unit;
    count.textContent = filtered ? count.getAttribute("data-template").replace("{n}", shown) : "";
    empty.hidden = !filtered || shown > 0;
    var parts = [];
    Object.keys(s).forEach(function (key) {
      if (s[key]) { parts.push(key + "=" + encodeURIComponent(s[key])); }
    });
    var hash = parts.length ? "#" + parts.join("&") : "";
    if (window.location.hash !== hash && !(hash === "" && !window.location.hash)) {
      history.replaceState(null, "", hash || window.location.pathname + window.location.search);
    }
  }

  function restore() {
    var hash = window.location.hash.replace(/^#/, "");
    if (!hash || hash.indexOf("=") < 0) { return; }
    hash.split("&").forEach(function (pair) {
      var at = pair.indexOf("=");
      var key = pair.slice(0, at);
      var value = decodeURIComponent(pair.slice(at + 1));
      if (key === "name") { nameInput.value = value; }
      if (key === "school") { schoolSelect.value = value; }
      if (key === "unit") { unitSelect.value = value; }
    });
  }

  // sorting: a button in each header cell that has data-sort; numbers with a comma read
  function value(cell, kind) {
    var text = cell ? cell.textContent.trim() : "";
    if (kind === "number") {
      var n = parseFloat(text.replace(/\s/g, "").replace(",", "."));
      return isNaN(n) ? -Infinity : n;
    }
    return fold(text);
  }

  root.querySelectorAll("table").forEach(function (table) {
    var heads = Array.prototype.slice.call(table.querySelectorAll("thead th"));
    heads.forEach(function (th, index) {
      var kind = th.getAttribute("data-sort");
      if (!kind) { return; }
      var button = document.createElement("button");
      button.type = "button";
      button.className = "btn btn-link p-0 text-reset fw-semibold text-decoration-none results-sort";
      while (th.firstChild) { button.appendChild(th.firstChild); }
      th.appendChild(button);
      th._sort = function (ascending) {
        heads.forEach(function (other) { other.removeAttribute("aria-sort"); });
        th.setAttribute("aria-sort", ascending ? "ascending" : "descending");
        var body = table.tBodies[0];
        var list = Array.prototype.slice.call(body.querySelectorAll("tr[data-row]"));
        list.forEach(function (row, i) { row._order = i; });
        list.sort(function (a, b) {
          var x = value(a.cells[index], kind);
          var y = value(b.cells[index], kind);
          var c = x < y ? -1 : (x > y ? 1 : 0);
          if (kind === "text" && typeof x === "string") { c = x.localeCompare(y, "ru"); }
          return (ascending ? c : -c) || a._order - b._order;
        });
        list.forEach(function (row) { body.appendChild(row); });
      };
      button.addEventListener("click", function () {
        th._sort(th.getAttribute("aria-sort") !== "ascending");
      });
    });
  });

  // on a phone the header is folded into the cards: the order is chosen from a list
  var order = tools.querySelector("[data-find=order]");
  if (order) {
    order.addEventListener("change", function () {
      root.querySelectorAll('thead th[data-col="' + order.value + '"]').forEach(function (th) {
        if (th._sort) { th._sort(true); }
      });
    });
  }

  restore();
  nameInput.addEventListener("input", apply);
  schoolSelect.addEventListener("change", apply);
  unitSelect.addEventListener("change", apply);
  tools.addEventListener("submit", function (event) { event.preventDefault(); });
  apply();
})();
