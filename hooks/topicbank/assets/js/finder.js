/* The topic finder (tim-chuyen-de/): filters window.__tbTopics (topics.js) as the form changes and
   keeps the filters in the query string, so a link can be shared and survives a reload. */
(function () {
  "use strict";
  var form = document.getElementById("tb-finder");
  var data = window.__tbTopics;
  if (!form || !data || !window.tbFold) return;
  var F = window.tbFold;
  var list = document.getElementById("tb-finder-results");
  var count = document.getElementById("tb-finder-count");
  var text = document.getElementById("tb-f-q");
  var selects = Array.prototype.slice.call(form.querySelectorAll("select[data-field]"));
  /* topics.js (render/finder.py finder_data): one row of values per record, in data.fields' order; a field
     with a value table holds numbers into it (-1: none); the URL is the id between data.url's two parts. */
  var records = data.rows.map(function (row) {
    var r = {};
    data.fields.forEach(function (field, i) {
      var value = row[i], table = data.values[field];
      if (table) value = Array.isArray(value) ? value.map(function (n) { return table[n]; }) : (value < 0 ? null : table[value]);
      r[field] = value;
    });
    r.year = r.year || null;
    r.url = data.url[0] + r.id + data.url[1];
    return { record: r, folded: null };  // folded text: made on the first text query, not on load
  });
  function folded(entry) {
    var r = entry.record;
    if (entry.folded === null) entry.folded = " " + F.words(r.title + " " + r.summary + " " + r.id.replace(/-/g, " ")).join(" ");
    return entry.folded;
  }

  function matches(record, field, value) {
    var actual = record[field];
    if (field === "audience") return actual.indexOf(value) !== -1 || (value !== "tat-ca" && actual.indexOf("tat-ca") !== -1);
    if (Array.isArray(actual)) return actual.map(String).indexOf(value) !== -1;
    return actual !== null && actual !== undefined && String(actual) === value;
  }

  function current() {
    var chosen = selects.filter(function (s) { return s.value; }).map(function (s) { return { field: s.dataset.field, param: s.name, value: s.value }; });
    return { chosen: chosen, terms: F.words(text.value) };
  }

  function badge(textContent) {
    var span = document.createElement("span");
    span.className = "tb-badge";
    span.textContent = textContent;
    return span;
  }

  function render(hits) {
    list.textContent = "";
    hits.forEach(function (r) {
      var item = document.createElement("li");
      item.className = "tb-item";
      var link = document.createElement("a");
      link.href = F.siteHref(r.url);
      link.textContent = r.title;
      item.appendChild(link);
      item.appendChild(document.createTextNode(" "));
      item.appendChild(badge(data.labels.kind[r.kind] || r.kind));
      if (r.months && r.months.length) item.appendChild(badge("Tháng " + r.months.join(", ")));
      if (r.status !== "reviewed") item.appendChild(badge(data.labels.status[r.status] || r.status));
      item.appendChild(document.createElement("br"));
      var summary = document.createElement("span");
      summary.className = "tb-item-summary";
      summary.textContent = r.summary;
      item.appendChild(summary);
      list.appendChild(item);
    });
    count.textContent = hits.length ? "Có " + hits.length + " mục phù hợp." : "Không có mục nào phù hợp. Hãy bỏ bớt điều kiện.";
  }

  function saveToUrl(state) {
    var params = new URLSearchParams();
    if (text.value.trim()) params.set("q", text.value.trim());
    state.chosen.forEach(function (c) { params.set(c.param, c.value); });
    var query = params.toString();
    try { history.replaceState(null, "", location.pathname + (query ? "?" + query : "") + location.hash); } catch (e) { /* file:// may refuse */ }
  }

  function update(save) {
    var state = current();
    var hits = records.filter(function (entry) {
      return state.chosen.every(function (c) { return matches(entry.record, c.field, c.value); }) &&
             state.terms.every(function (term) { return folded(entry).indexOf(" " + term) !== -1; });
    }).map(function (entry) { return entry.record; });
    render(hits);
    if (save) saveToUrl(state);
  }

  var params = new URLSearchParams(location.search);
  text.value = params.get("q") || "";
  selects.forEach(function (s) {
    var value = params.get(s.name);
    if (value && Array.prototype.some.call(s.options, function (o) { return o.value === value; })) s.value = value;
  });
  form.addEventListener("input", function () { update(true); });
  form.addEventListener("change", function () { update(true); });
  form.addEventListener("submit", function (event) { event.preventDefault(); update(true); });
  form.addEventListener("reset", function () { setTimeout(function () { update(true); }, 0); });
  update(false);
})();
