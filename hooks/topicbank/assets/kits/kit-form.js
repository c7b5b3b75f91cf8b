/* Fill-in form of a printable kit: copies what the reader types into the page's blanks,
   remembers it in this browser (localStorage, shared by every kit), sends nothing anywhere. */
(function () {
  "use strict";
  // In a frame of the prepare page (assets/js/meeting.js): hand it this theme's own sheets as the build wrote them,
  // before any blank is filled. A frame loads from file:// (the offline copy) where fetch() cannot.
  if (window.parent !== window) {
    var own = document.querySelectorAll(".kit > .kit-handout, .kit > .kit-questions, .kit > .kit-commitment, " +
      ".kit > .kit-quiz, .kit > .kit-quiz-key");
    window.parent.postMessage({ type: "tb-kit-sheets", sheets: Array.prototype.map.call(own, function (node) {
      return node.outerHTML;
    }).join("") }, "*");
  }
  var KEY = "tb-kit-form-v1";
  var form = document.getElementById("kit-form");
  if (!form) { return; }
  var fields = ["dang-bo", "chi-bo", "dia-danh", "ngay", "gio", "dia-diem", "so-dong"];
  var rowsBody = document.querySelector("tbody[data-rows]");
  var defaultRows = rowsBody ? parseInt(rowsBody.getAttribute("data-rows"), 10) : 0;

  function load() {
    try { return JSON.parse(localStorage.getItem(KEY) || "{}") || {}; } catch (e) { return {}; }
  }
  function save(values) {
    try { localStorage.setItem(KEY, JSON.stringify(values)); } catch (e) { /* private mode: fill only */ }
  }
  function values() {
    var out = {};
    fields.forEach(function (name) { out[name] = (form.elements[name].value || "").trim(); });
    return out;
  }
  function pad(n) { return (n < 10 ? "0" : "") + n; }

  function derived(v) {
    var d = {};
    var date = /^(\d{4})-(\d{2})-(\d{2})$/.exec(v["ngay"] || "");
    if (date) {
      d["ngay-d"] = String(parseInt(date[3], 10));
      d["ngay-m"] = String(parseInt(date[2], 10));
      d["ngay-y"] = date[1];
      d["ngay-vn"] = d["ngay-d"] + "/" + d["ngay-m"] + "/" + date[1];
    }
    var time = /^(\d{2}):(\d{2})/.exec(v["gio"] || "");
    var parts = [];
    if (time) { parts.push(parseInt(time[1], 10) + " giờ " + time[2] + " phút"); }
    if (d["ngay-vn"]) { parts.push("ngày " + d["ngay-vn"]); }
    if (parts.length) { d["thoi-gian"] = parts.join(", "); }
    return d;
  }

  function fillBlanks(v) {
    var all = Object.assign({}, v, derived(v));
    document.querySelectorAll("[data-fill]").forEach(function (el) {
      var text = all[el.getAttribute("data-fill")];
      el.textContent = text ? text : el.getAttribute("data-blank");
      el.classList.toggle("kit-filled", Boolean(text));
    });
    var time = /^(\d{2}):(\d{2})/.exec(v["gio"] || "");
    document.querySelectorAll("[data-start]").forEach(function (el) {
      var offset = parseInt(el.getAttribute("data-start"), 10);
      if (time) {
        var total = parseInt(time[1], 10) * 60 + parseInt(time[2], 10) + offset;
        el.textContent = pad(Math.floor(total / 60) % 24) + ":" + pad(total % 60);
      } else {
        el.textContent = "phút " + offset;
      }
    });
    setRows(parseInt(v["so-dong"], 10));
  }

  function setRows(count) {
    if (!rowsBody) { return; }
    if (!(count >= 1 && count <= 200)) { count = defaultRows; }
    var columns = rowsBody.rows.length ? rowsBody.rows[0].cells.length : 6;
    while (rowsBody.rows.length > count) { rowsBody.deleteRow(-1); }
    while (rowsBody.rows.length < count) {
      var row = rowsBody.insertRow(-1);
      for (var i = 0; i < columns; i++) { row.insertCell(-1); }
      row.cells[0].className = "kit-num";
      row.cells[0].textContent = String(rowsBody.rows.length);
    }
  }

  var stored = load();
  fields.forEach(function (name) { if (stored[name]) { form.elements[name].value = stored[name]; } });
  fillBlanks(values());

  form.addEventListener("input", function () { var v = values(); save(v); fillBlanks(v); });
  form.addEventListener("reset", function () {
    setTimeout(function () { save({}); fillBlanks(values()); }, 0);
  });
  form.addEventListener("submit", function (event) { event.preventDefault(); });
  document.getElementById("kit-print").addEventListener("click", function () { window.print(); });
})();
