/* What the cell's three pages share (Kế hoạch năm, Chuẩn bị buổi sinh hoạt, Ghi biên bản):

   - the cell's data, kept in this browser only (localStorage "tb-chi-bo-v1"), and moved to another
     computer as a small JSON file the secretary saves and opens; nothing is ever sent anywhere;
   - filling a Word template with docxtemplater + PizZip (vendored in assets/vendor/), every value as text;
   - loading a data script of the build (a page opened from file:// may load scripts, not fetch files);
   - dates and the cell's usual meeting day, in Vietnamese;
   - the paper each page prints: kit.css lays it out; it is moved out of Material's layout to print alone.

   Text typed by the cell is only ever shown with textContent or input values, never as HTML. */
(function () {
  "use strict";
  var KEY = "tb-chi-bo-v1";
  var FILE_KIND = "tb-chi-bo";
  var KIT_FORM_KEY = "tb-kit-form-v1";  // the kits' print pages (assets/kits/kit-form.js) remember the cell there
  var PARTS = ["cell", "plan", "meeting", "minutes"];
  var WEEKDAYS = ["Chủ nhật", "Thứ Hai", "Thứ Ba", "Thứ Tư", "Thứ Năm", "Thứ Sáu", "Thứ Bảy"];
  var WEEKS = { 1: "đầu tiên", 2: "thứ hai", 3: "thứ ba", 4: "thứ tư", 5: "cuối cùng" };
  var DOTS = "……………";

  /* -- text ------------------------------------------------------------------------------------ */

  // Characters XML 1.0 cannot hold (a Word file with one would not open), and lone surrogates.
  var INVALID = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(^|[^\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

  function clean(value) {
    if (value === null || value === undefined) return "";
    return String(value).replace(INVALID, "$1").normalize("NFC");
  }
  function upper(text) { return clean(text).toLocaleUpperCase("vi"); }
  function slug(text) {
    var folded = window.tbFold ? window.tbFold.fold(text) : String(text).toLowerCase();
    return folded.replace(/[^a-z0-9]+/g, "-").replace(/^-+|-+$/g, "").slice(0, 40) || "chi-bo";
  }

  /* -- storage ----------------------------------------------------------------------------------- */

  // Only plain JSON values with short ASCII keys survive loading (storage, file or link): nothing else runs or shows.
  function sanitize(value, depth) {
    if (depth > 6) return undefined;
    if (typeof value === "string") return clean(value).slice(0, 100000);
    if (typeof value === "number") return isFinite(value) ? value : undefined;
    if (typeof value === "boolean") return value;
    if (Array.isArray(value)) {
      return value.slice(0, 500).map(function (item) { return sanitize(item, depth + 1); })
        .filter(function (item) { return item !== undefined; });
    }
    if (value && typeof value === "object") {
      var out = {};
      Object.keys(value).slice(0, 500).forEach(function (key) {
        if (!/^[a-z0-9_-]{1,100}$/.test(key)) return;
        var item = sanitize(value[key], depth + 1);
        if (item !== undefined) out[key] = item;
      });
      return out;
    }
    return undefined;
  }
  function shaped(value) {
    var data = sanitize(value, 0) || {};
    var out = {};
    PARTS.forEach(function (part) {
      out[part] = data[part] && typeof data[part] === "object" && !Array.isArray(data[part]) ? data[part] : {};
    });
    return out;
  }
  function load() {
    var state, stored = null;
    try { stored = localStorage.getItem(KEY); } catch (e) { /* storage off */ }
    try { state = shaped(JSON.parse(stored || "{}")); } catch (e) { state = shaped({}); }
    if (stored === null) {  // first visit: what the cell typed on a kit's print page, if anything
      try {
        var kit = sanitize(JSON.parse(localStorage.getItem(KIT_FORM_KEY) || "{}"), 0) || {};
        if (typeof kit["dang-bo"] === "string") state.cell.dang_bo = kit["dang-bo"];
        if (typeof kit["chi-bo"] === "string") state.cell.chi_bo = kit["chi-bo"];
        if (typeof kit["dia-danh"] === "string" && !state.cell.dia_danh) state.cell.dia_danh = kit["dia-danh"];
      } catch (e) { /* nothing typed there */ }
    }
    return state;
  }
  function save(state) {
    try { localStorage.setItem(KEY, JSON.stringify(shaped(state))); return true; } catch (e) { return false; }
  }
  function forget() {  // an empty record, not none: a first visit would fill the cell in from the kit pages again
    save(shaped({}));
  }

  /* -- forms ------------------------------------------------------------------------------------- */

  // The form's named fields <-> one object: text as typed, radio groups by their checked value.
  function readForm(form, names) {
    var out = {};
    names.forEach(function (name) {
      var field = form.elements[name];
      if (!field) return;
      if (field instanceof RadioNodeList) {
        out[name] = field.value || "";
      } else {
        out[name] = clean(field.value);
      }
    });
    return out;
  }
  function writeForm(form, names, values) {
    names.forEach(function (name) {
      var field = form.elements[name];
      if (!field || values[name] === undefined || values[name] === null) return;
      if (field instanceof RadioNodeList) {
        field.value = String(values[name]);
      } else if (field.tagName === "SELECT") {
        var wanted = String(values[name]);
        if (Array.prototype.some.call(field.options, function (option) { return option.value === wanted; })) field.value = wanted;
      } else {
        field.value = String(values[name]);
      }
    });
  }
  function el(tag, attributes, text) {
    var node = document.createElement(tag);
    Object.keys(attributes || {}).forEach(function (name) {
      var value = attributes[name];
      if (value === false || value === null || value === undefined) return;
      if (name === "className") node.className = value; else node.setAttribute(name, value === true ? "" : value);
    });
    if (text !== undefined && text !== null) node.textContent = text;
    return node;
  }

  /* -- dates -------------------------------------------------------------------------------------- */

  function parseDate(iso) {
    var match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso || "");
    if (!match) return null;
    var date = new Date(Number(match[1]), Number(match[2]) - 1, Number(match[3]));
    return date.getMonth() === Number(match[2]) - 1 ? date : null;
  }
  function isoDate(date) {
    return date.getFullYear() + "-" + pad(date.getMonth() + 1) + "-" + pad(date.getDate());
  }
  function pad(n) { return (n < 10 ? "0" : "") + n; }
  function vnDate(date) { return date ? date.getDate() + "/" + (date.getMonth() + 1) + "/" + date.getFullYear() : ""; }
  function weekday(date) { return WEEKDAYS[date.getDay()]; }
  function vnTime(hhmm) {
    var match = /^(\d{2}):(\d{2})/.exec(hhmm || "");
    return match ? parseInt(match[1], 10) + " giờ " + match[2] + " phút" : "";
  }
  function clock(hhmm, offset) {
    var match = /^(\d{2}):(\d{2})/.exec(hhmm || "");
    if (!match) return "";
    var total = parseInt(match[1], 10) * 60 + parseInt(match[2], 10) + offset;
    return pad(Math.floor(total / 60) % 24) + ":" + pad(total % 60);
  }
  // The cell's usual meeting day in one month: a fixed day (the month's last day when it is shorter), or
  // "the n-th (or last) weekday of the month".
  function meetingDay(year, month, rule) {
    rule = rule || {};
    var last = new Date(year, month, 0).getDate();
    if (rule.kieu === "thu") {
      var weekdayWanted = parseInt(rule.thu, 10), week = parseInt(rule.tuan, 10);
      if (!(weekdayWanted >= 0 && weekdayWanted <= 6) || !(week >= 1 && week <= 5)) return null;
      var days = [];
      for (var d = 1; d <= last; d++) if (new Date(year, month - 1, d).getDay() === weekdayWanted) days.push(d);
      return new Date(year, month - 1, week === 5 ? days[days.length - 1] : days[week - 1]);
    }
    var day = parseInt(rule.ngay, 10);
    if (!(day >= 1 && day <= 31)) return null;
    return new Date(year, month - 1, Math.min(day, last));
  }
  function ruleText(rule) {
    rule = rule || {};
    if (rule.kieu === "thu") {
      var weekdayName = WEEKDAYS[parseInt(rule.thu, 10)], week = WEEKS[parseInt(rule.tuan, 10)];
      return weekdayName && week ? weekdayName.toLowerCase() + " tuần " + week + " của tháng" : "";
    }
    var day = parseInt(rule.ngay, 10);
    return day >= 1 && day <= 31 ? "ngày " + day + " hằng tháng" : "";
  }

  /* -- the bank's data ------------------------------------------------------------------------- */

  function data() { return window.__tbMeeting || { themes: [], programmes: [], defaults: {}, audience: {}, types: {}, minimum: {}, pages: {}, files: {} }; }
  // A site URL of the generated data as a link from this page. The site's root is where this script's
  // assets/js/ folder is (Material's own __config, which tbFold.siteHref reads, comes later in the page).
  var ROOT = document.currentScript ? new URL("../../", document.currentScript.src).href : null;
  function href(url) {
    if (!ROOT) return window.tbFold ? window.tbFold.siteHref(url) : url;
    var target = new URL(url, ROOT);
    if (location.protocol === "file:" && /\/$/.test(target.pathname)) target.pathname += "index.html";
    return target.href;
  }
  function theme(id) {
    var themes = data().themes;
    for (var i = 0; i < themes.length; i++) if (themes[i].id === id) return themes[i];
    return null;
  }
  function byTitle(a, b) { return a.t.localeCompare(b.t, "vi"); }
  // Themes for a month: those the bank suggests for it and for this kind of cell (or every cell) first.
  function themeGroups(month, kind, year) {
    var suggested = [], others = [];
    data().themes.slice().sort(byTitle).forEach(function (item) {
      var forMonth = month && item.m.indexOf(month) !== -1 && (!item.y || !year || item.y === year);
      var forCell = !kind || kind === "tat-ca" || item.a.indexOf(kind) !== -1 || item.a.indexOf("tat-ca") !== -1;
      (forMonth && forCell ? suggested : others).push(item);
    });
    return { suggested: suggested, others: others };
  }
  function themeSelect(select, groups, chosen, extraGroups, emptyLabel) {
    select.textContent = "";
    select.appendChild(el("option", { value: "" }, emptyLabel || "— Chưa chọn —"));
    (extraGroups || []).concat([[groups.label || "Gợi ý", groups.suggested], ["Chuyên đề khác", groups.others]])
      .forEach(function (group) {
        if (!group[1].length) return;
        var optgroup = el("optgroup", { label: group[0] });
        group[1].forEach(function (item) { optgroup.appendChild(el("option", { value: item.id }, item.t)); });
        select.appendChild(optgroup);
      });
    select.value = chosen && theme(chosen) ? chosen : "";
  }

  // A data script of the build, once: resolves with window.__tbMeetingFiles[key].
  var loading = {};
  function loadFile(key, path) {
    var files = window.__tbMeetingFiles || {};
    if (files[key]) return Promise.resolve(files[key]);
    if (!loading[key]) {
      loading[key] = new Promise(function (resolve, reject) {
        var script = document.createElement("script");
        script.src = href(path);
        script.onload = function () {
          var loaded = (window.__tbMeetingFiles || {})[key];
          if (loaded) resolve(loaded); else reject(new Error(path));
        };
        script.onerror = function () { delete loading[key]; reject(new Error(path)); };
        document.head.appendChild(script);
      });
    }
    return loading[key];
  }

  /* -- files out ------------------------------------------------------------------------------- */

  function download(blob, name) {
    var url = URL.createObjectURL(blob);
    var link = el("a", { href: url, download: name });
    link.hidden = true;
    document.body.appendChild(link);
    link.click();
    setTimeout(function () { URL.revokeObjectURL(url); link.remove(); }, 1000);
  }
  function bytes(base64) {
    var text = atob(base64), out = new Uint8Array(text.length);
    for (var i = 0; i < text.length; i++) out[i] = text.charCodeAt(i);
    return out;
  }
  // Every value goes in as text: docxtemplater XML-escapes it; a line break becomes a Word line break.
  function textValues(value) {
    if (typeof value === "string") return clean(value);
    if (Array.isArray(value)) return value.map(textValues);
    if (value && typeof value === "object") {
      var out = {};
      Object.keys(value).forEach(function (key) { out[key] = textValues(value[key]); });
      return out;
    }
    return value;
  }
  function fillDocx(base64, values) {
    var zip = new window.PizZip(bytes(base64));
    var doc = new window.docxtemplater(zip, {
      paragraphLoop: true, linebreaks: true, delimiters: { start: "\u27e6", end: "\u27e7" },
      nullGetter: function () { return ""; }
    });
    doc.render(textValues(values));
    return doc.getZip().generate({
      type: "blob", compression: "DEFLATE",
      mimeType: "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
    });
  }
  function orDots(text, dots) { text = clean(text).trim(); return text ? text : (dots || DOTS); }
  // The header tags of every template (HD 36: the bodies in capitals), from the cell and a date.
  function headerValues(cell, date) {
    return {
      dang_bo_hoa: cell.dang_bo ? upper(cell.dang_bo) : DOTS,
      chi_bo_hoa: cell.chi_bo ? upper(cell.chi_bo) : DOTS,
      dia_danh: orDots(cell.dia_danh, "……"),
      ngay_d: date ? String(date.getDate()) : "…", ngay_m: date ? String(date.getMonth() + 1) : "…",
      ngay_y: date ? String(date.getFullYear()) : "20…"
    };
  }

  /* -- paper ------------------------------------------------------------------------------------- */

  function paper() {
    var node = document.getElementById("tb-print");
    if (node && node.parentNode !== document.body) document.body.appendChild(node);  // out of Material's layout
    return node;
  }
  // The blanks the kits use (data-fill="chi-bo" …), filled as text; an empty value keeps the dotted blank.
  function fillBlanks(root, values) {
    root.querySelectorAll("[data-fill]").forEach(function (node) {
      var text = values[node.getAttribute("data-fill")];
      text = text === undefined || text === null ? "" : clean(text);
      node.textContent = text ? text : node.getAttribute("data-blank");
      node.classList.toggle("kit-filled", Boolean(text));
    });
  }
  function blankValues(cell, date) {
    var values = { "dang-bo": cell.dang_bo, "chi-bo": cell.chi_bo, "dia-danh": cell.dia_danh };
    if (date) {
      values["ngay-d"] = String(date.getDate());
      values["ngay-m"] = String(date.getMonth() + 1);
      values["ngay-y"] = String(date.getFullYear());
      values["ngay-vn"] = vnDate(date);
    }
    return values;
  }
  function lines(count) {
    var box = el("div", { className: "kit-lines", "aria-hidden": "true" });
    for (var i = 0; i < count; i++) box.appendChild(el("div", { className: "kit-line" }));
    return box;
  }

  /* -- the file box: export, import, forget -------------------------------------------------- */

  function exportState() {
    var state = load();
    var file = { kind: FILE_KIND, version: 1, saved: new Date().toISOString(), data: state };
    var name = "chi-bo-" + slug(state.cell.chi_bo || "") + "-" + isoDate(new Date()) + ".json";
    download(new Blob([JSON.stringify(file, null, 1)], { type: "application/json" }), name);
  }
  function importText(text) {
    var parsed = JSON.parse(text);
    if (!parsed || parsed.kind !== FILE_KIND || !parsed.data) throw new Error("kind");
    var state = shaped(parsed.data);
    if (!save(state)) throw new Error("storage");
    return state;
  }
  function wireFileBox(onChange) {
    document.querySelectorAll(".tb-cell-file").forEach(function (box) {
      var status = box.querySelector("[data-tb-file-status]");
      var say = function (text) { if (status) status.textContent = text; };
      var exporter = box.querySelector("[data-tb-export]");
      var importer = box.querySelector("[data-tb-import]");
      var forgetter = box.querySelector("[data-tb-forget]");
      if (exporter) exporter.addEventListener("click", function () { exportState(); say("Đã lưu ra tệp."); });
      if (importer) importer.addEventListener("change", function () {
        var file = importer.files && importer.files[0];
        if (!file) return;
        var reader = new FileReader();
        reader.onload = function () {
          try {
            var state = importText(String(reader.result));
            say("Đã mở tệp «" + clean(file.name) + "».");
            onChange(state);
          } catch (e) {
            say("Không đọc được tệp này: cần tệp .json đã lưu từ trang này.");
          }
          importer.value = "";
        };
        reader.readAsText(file, "utf-8");
      });
      if (forgetter) forgetter.addEventListener("click", function () {
        if (!window.confirm("Xóa kế hoạch, buổi sinh hoạt và bản nháp biên bản của chi bộ trên trình duyệt này?")) return;
        forget();
        say("Đã xóa thông tin của chi bộ trên máy này.");
        onChange(load());
      });
    });
  }

  /* -- the plan's link: the choices in the #fragment (base64url of UTF-8 JSON) ----------------- */

  function encodeLink(value) {
    var utf8 = new TextEncoder().encode(JSON.stringify(value)), text = "";
    for (var i = 0; i < utf8.length; i++) text += String.fromCharCode(utf8[i]);
    return btoa(text).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
  }
  function decodeLink(text) {
    try {
      var binary = atob(text.replace(/-/g, "+").replace(/_/g, "/"));
      var utf8 = new Uint8Array(binary.length);
      for (var i = 0; i < binary.length; i++) utf8[i] = binary.charCodeAt(i);
      return sanitize(JSON.parse(new TextDecoder("utf-8", { fatal: true }).decode(utf8)), 0);
    } catch (e) {
      return null;
    }
  }

  window.tbCell = {
    load: load, save: save, forget: forget, sanitize: sanitize, clean: clean, upper: upper, slug: slug,
    readForm: readForm, writeForm: writeForm, el: el,
    parseDate: parseDate, isoDate: isoDate, vnDate: vnDate, vnTime: vnTime, clock: clock, weekday: weekday,
    meetingDay: meetingDay, ruleText: ruleText,
    data: data, href: href, theme: theme, themeGroups: themeGroups, themeSelect: themeSelect, loadFile: loadFile,
    download: download, fillDocx: fillDocx, orDots: orDots, headerValues: headerValues, DOTS: DOTS,
    paper: paper, fillBlanks: fillBlanks, blankValues: blankValues, lines: lines,
    wireFileBox: wireFileBox, importText: importText, encodeLink: encodeLink, decodeLink: decodeLink
  };
})();
