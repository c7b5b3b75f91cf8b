/* Kế hoạch năm: the cell picks a theme (and who prepares it) for each month or quarter of a year.

   The plan lives in localStorage (tbCell) and in the page's address: #k=<the choices>, which a browser never
   sends to a server, so the link sent to the committee above opens the same plan. A link that differs from
   the plan saved in this browser is shown without replacing it until the reader chooses to save it.
   Out: print (kit.css), a Word file (docxtemplater filling mau-ke-hoach-nam.js) and the cell's own
   calendar (.ics, written with ical.js): one event per month on the cell's meeting day. */
(function () {
  "use strict";
  var C = window.tbCell;
  var form = document.getElementById("tb-plan-form");
  if (!C || !form) return;
  var D = C.data();
  var CELL = ["dang_bo", "chi_bo", "loai", "dia_danh"];
  var SCHEDULE = ["nam", "nhip", "kieu", "ngay", "tuan", "thu", "gio", "dia_diem"];
  var FORMS = { "chuyen-de": "Sinh hoạt chuyên đề", "ket-hop": "Kết hợp với sinh hoạt thường kỳ" };
  var SHORT = { "chuyen-de": "Chuyên đề riêng", "ket-hop": "Kết hợp với thường kỳ" };  // on paper
  var rowsBox = document.getElementById("tb-plan-rows");
  var status = document.getElementById("tb-plan-status");
  var linkField = document.getElementById("tb-plan-link");
  var sharedBox = document.getElementById("tb-plan-shared");
  var viewing = false;  // showing a plan from a link that is not this browser's own
  var state;

  function defaults(current) {
    var plan = current.plan;
    if (!plan.nam) plan.nam = new Date().getFullYear() + (new Date().getMonth() >= 10 ? 1 : 0);
    if (!plan.nhip) plan.nhip = "thang";
    if (!plan.kieu) plan.kieu = "ngay";
    if (!plan.tuan) plan.tuan = "1";
    if (!plan.thu) plan.thu = "6";
    if (!plan.rows || typeof plan.rows !== "object") plan.rows = {};
    if (!current.cell.loai) current.cell.loai = "tat-ca";
    return current;
  }
  function linkPayload() { return { cell: pick(state.cell, CELL), plan: state.plan }; }
  function pick(object, names) {
    var out = {};
    names.forEach(function (name) { if (object[name] !== undefined) out[name] = object[name]; });
    return out;
  }
  function same(a, b) { return JSON.stringify(a) === JSON.stringify(b); }
  function hasPlan(current) {
    return Boolean(current.cell.chi_bo || Object.keys(current.plan.rows || {}).some(function (key) {
      return current.plan.rows[key] && current.plan.rows[key].c;
    }));
  }

  /* -- the months (or quarters) ---------------------------------------------------------------- */

  function slots() {
    if (state.plan.nhip === "quy") {
      return [1, 2, 3, 4].map(function (quarter) {
        var key = "q" + quarter, row = state.plan.rows[key] || {};
        var first = quarter * 3 - 2, month = parseInt(row.thang, 10);
        return { key: key, label: "Quý " + quarter, months: [first, first + 1, first + 2],
                 month: month >= first && month <= first + 2 ? month : first };
      });
    }
    var list = [];
    for (var month = 1; month <= 12; month++) list.push({ key: String(month), label: "Tháng " + month, months: [month], month: month });
    return list;
  }
  function rule() { return { kieu: state.plan.kieu, ngay: state.plan.ngay, tuan: state.plan.tuan, thu: state.plan.thu }; }
  function year() { var value = parseInt(state.plan.nam, 10); return value >= 2000 && value <= 2100 ? value : null; }
  function dayOf(slot) { return year() ? C.meetingDay(year(), slot.month, rule()) : null; }
  function dayText(date) { return date ? C.weekday(date) + ", " + C.vnDate(date) : "chưa rõ ngày"; }
  function row(slot) { return state.plan.rows[slot.key] || {}; }
  function setRow(slot, values) {
    state.plan.rows[slot.key] = Object.assign({}, row(slot), values);
  }
  function prepareHref(slot) {
    var item = row(slot), date = dayOf(slot), params = [];
    if (item.c) params.push("chuyen-de=" + encodeURIComponent(item.c));
    if (date) params.push("ngay=" + C.isoDate(date));
    params.push("hinh-thuc=" + encodeURIComponent(item.h || "ket-hop"));
    if (item.n) params.push("nguoi=" + encodeURIComponent(item.n));
    return C.href(D.pages.prepare) + "?" + params.join("&");
  }

  function drawRows() {
    rowsBox.textContent = "";
    slots().forEach(function (slot) {
      var item = row(slot), date = dayOf(slot);
      var box = C.el("fieldset", { className: "tb-plan-row" });
      box.appendChild(C.el("legend", {}, slot.label + " — " + dayText(date)));
      var id = "tb-plan-" + slot.key;
      if (slot.months.length > 1) {
        var monthField = C.el("p", { className: "tb-cell-field" });
        monthField.appendChild(C.el("label", { "for": id + "-thang" }, "Tháng sinh hoạt chuyên đề"));
        var monthSelect = C.el("select", { id: id + "-thang", "data-slot": slot.key, "data-part": "thang" });
        slot.months.forEach(function (month) { monthSelect.appendChild(C.el("option", { value: String(month) }, "Tháng " + month)); });
        monthSelect.value = String(slot.month);
        monthField.appendChild(monthSelect);
        box.appendChild(monthField);
      }
      var themeField = C.el("p", { className: "tb-cell-field" });
      themeField.appendChild(C.el("label", { "for": id + "-c" }, "Chuyên đề"));
      var select = C.el("select", { id: id + "-c", "data-slot": slot.key, "data-part": "c" });
      var groups = C.themeGroups(slot.month, state.cell.loai, year());
      groups.label = "Gợi ý cho tháng " + slot.month;
      C.themeSelect(select, groups, item.c);
      themeField.appendChild(select);
      box.appendChild(themeField);
      var formField = C.el("p", { className: "tb-cell-field" });
      formField.appendChild(C.el("label", { "for": id + "-h" }, "Hình thức"));
      var formSelect = C.el("select", { id: id + "-h", "data-slot": slot.key, "data-part": "h" });
      Object.keys(FORMS).forEach(function (code) { formSelect.appendChild(C.el("option", { value: code }, FORMS[code])); });
      formSelect.value = item.h === "chuyen-de" ? "chuyen-de" : "ket-hop";
      formField.appendChild(formSelect);
      box.appendChild(formField);
      var whoField = C.el("p", { className: "tb-cell-field" });
      whoField.appendChild(C.el("label", { "for": id + "-n" }, "Đồng chí chuẩn bị"));
      var who = C.el("input", { id: id + "-n", type: "text", "data-slot": slot.key, "data-part": "n" });
      who.value = item.n || "";
      whoField.appendChild(who);
      box.appendChild(whoField);
      var chosen = item.c ? C.theme(item.c) : null;
      if (chosen) {
        var links = C.el("p", { className: "tb-plan-links" });
        links.appendChild(C.el("a", { href: C.href(chosen.u) }, "Xem chuyên đề"));
        links.appendChild(C.el("a", { href: prepareHref(slot), "data-prepare": slot.key }, "Chuẩn bị buổi này"));
        box.appendChild(links);
      }
      rowsBox.appendChild(box);
    });
    var chosenCount = slots().filter(function (slot) { return row(slot).c && C.theme(row(slot).c); }).length;
    document.getElementById("tb-plan-count").textContent =
      "Đã chọn chuyên đề cho " + chosenCount + "/" + slots().length + (state.plan.nhip === "quy" ? " quý." : " tháng.");
  }

  /* -- keeping it ---------------------------------------------------------------------------------- */

  function commit() {
    if (!viewing) {
      var stored = C.load();
      stored.cell = Object.assign(stored.cell, state.cell);
      stored.plan = state.plan;
      C.save(stored);
    }
    var link = location.href.replace(/#.*$/, "") + "#k=" + C.encodeLink(linkPayload());
    history.replaceState(null, "", link);
    linkField.value = link;
    drawPaper();
  }
  function fromForm() {
    Object.assign(state.cell, C.readForm(form, CELL));
    Object.assign(state.plan, C.readForm(form, SCHEDULE));
  }
  function show() {
    C.writeForm(form, CELL, state.cell);
    C.writeForm(form, SCHEDULE, state.plan);
    form.querySelectorAll("[data-kieu]").forEach(function (node) {
      node.hidden = node.getAttribute("data-kieu") !== (state.plan.kieu || "ngay");
    });
    sharedBox.hidden = !viewing;
    drawRows();
    commit();
  }
  function start() {
    var own = defaults(C.load());
    var match = /#k=([A-Za-z0-9_-]+)/.exec(location.hash);
    var linked = match ? C.decodeLink(match[1]) : null;
    viewing = false;
    state = own;
    if (linked && typeof linked === "object") {
      var fromLink = defaults({ cell: linked.cell || {}, plan: linked.plan || {}, meeting: {}, minutes: {} });
      var mine = { cell: pick(own.cell, CELL), plan: own.plan };
      if (!hasPlan(own)) {
        state = Object.assign(own, { cell: Object.assign(own.cell, fromLink.cell), plan: fromLink.plan });
      } else if (!same({ cell: pick(fromLink.cell, CELL), plan: fromLink.plan }, mine)) {
        viewing = true;
        state = fromLink;
      }
    }
    show();
  }

  form.addEventListener("input", function (event) {
    var target = event.target;
    if (target.hasAttribute("data-slot")) {
      var slot = slots().filter(function (item) { return item.key === target.getAttribute("data-slot"); })[0];
      var values = {};
      values[target.getAttribute("data-part")] = C.clean(target.value);
      setRow(slot, values);
      if (target.tagName === "SELECT") { drawRows(); restoreFocus(target.id); }
      else updatePrepareLink(slot);
      commit();
      return;
    }
    fromForm();
    if (["loai", "nam", "nhip", "kieu", "ngay", "tuan", "thu"].indexOf(target.name) !== -1) {
      show();
      restoreFocus(target.id);
    } else {
      commit();
    }
  });
  form.addEventListener("submit", function (event) { event.preventDefault(); });
  function restoreFocus(id) { var node = document.getElementById(id); if (node) node.focus(); }
  function updatePrepareLink(slot) {
    var link = rowsBox.querySelector('a[data-prepare="' + slot.key + '"]');
    if (link) link.href = prepareHref(slot);
  }

  document.getElementById("tb-plan-suggest").addEventListener("click", function () {
    var used = {};
    slots().forEach(function (slot) { if (row(slot).c) used[row(slot).c] = true; });
    var filled = 0;
    slots().forEach(function (slot) {
      if (row(slot).c) return;
      var options = C.themeGroups(slot.month, state.cell.loai, year()).suggested.filter(function (item) { return !used[item.id]; });
      if (!options.length) return;
      used[options[0].id] = true;
      setRow(slot, { c: options[0].id });
      filled++;
    });
    drawRows();
    commit();
    status.textContent = filled ? "Đã điền gợi ý cho " + filled + " tháng; đồng chí xem lại và sửa nếu cần."
      : "Không còn gợi ý cho các tháng chưa chọn: chọn trong «Chuyên đề khác».";
  });
  document.getElementById("tb-plan-clear").addEventListener("click", function () {
    if (!window.confirm("Xóa các chuyên đề đã chọn của kế hoạch năm này?")) return;
    state.plan.rows = {};
    drawRows();
    commit();
    status.textContent = "Đã xóa các chuyên đề đã chọn.";
  });
  document.getElementById("tb-plan-copy").addEventListener("click", function () {
    linkField.select();
    var done = function () { status.textContent = "Đã chép đường dẫn của kế hoạch."; };
    if (navigator.clipboard && window.isSecureContext) {
      navigator.clipboard.writeText(linkField.value).then(done, function () { document.execCommand("copy"); done(); });
    } else {
      document.execCommand("copy");
      done();
    }
  });
  document.getElementById("tb-plan-adopt").addEventListener("click", function () {
    var stored = C.load();
    stored.cell = Object.assign(stored.cell, state.cell);
    stored.plan = state.plan;
    C.save(stored);
    viewing = false;
    show();
    status.textContent = "Đã lưu kế hoạch này trên máy này.";
  });
  document.getElementById("tb-plan-own").addEventListener("click", function () {
    history.replaceState(null, "", location.href.replace(/#.*$/, ""));
    start();
  });
  C.wireFileBox(function () { history.replaceState(null, "", location.href.replace(/#.*$/, "")); start(); });

  /* -- out: paper, Word, calendar --------------------------------------------------------------- */

  function planRows() {
    return slots().map(function (slot) {
      var item = row(slot), chosen = item.c ? C.theme(item.c) : null, date = dayOf(slot);
      return {
        slot: slot, theme: chosen, date: date,
        thang: slot.months.length > 1 ? slot.label + " (tháng " + slot.month + ")" : slot.label,
        ngay: date ? dayText(date) : C.DOTS,
        chuyen_de: chosen ? chosen.t : "(chưa chọn)",
        hinh_thuc: SHORT[item.h === "chuyen-de" ? "chuyen-de" : "ket-hop"],
        nguoi: item.n || ""
      };
    });
  }
  function note() {
    return "Chuyên đề chọn từ Ngân hàng chuyên đề sinh hoạt chi bộ. Thời lượng mỗi buổi: ít nhất " + D.minimum["chuyen-de"] +
      " phút; ít nhất " + D.minimum["ket-hop"] + " phút khi sinh hoạt chuyên đề cùng buổi với sinh hoạt thường kỳ " +
      "(Hướng dẫn 42-HD/BTCTW). Tài liệu đưa lên ứng dụng Sổ tay đảng viên điện tử ít nhất 1 ngày trước buổi sinh hoạt.";
  }
  function drawPaper() {
    var root = C.paper();
    var values = C.blankValues(state.cell, null);
    values["nam"] = year() ? String(year()) : "";
    values["loai-hinh"] = D.audience[state.cell.loai] || "";
    values["ngay-hop"] = C.ruleText(rule()) + (state.plan.gio ? ", " + C.vnTime(state.plan.gio) : "");
    values["dia-diem"] = state.plan.dia_diem;
    values["chu-thich"] = note();
    C.fillBlanks(root, values);
    var body = root.querySelector("[data-plan-rows]");
    body.textContent = "";
    planRows().forEach(function (item) {
      var tr = C.el("tr");
      [item.thang, item.ngay, item.chuyen_de, item.hinh_thuc, item.nguoi].forEach(function (text, index) {
        tr.appendChild(C.el("td", { className: index === 4 || index === 2 ? "tb-typed" : null }, text));
      });
      body.appendChild(tr);
    });
  }
  document.getElementById("tb-plan-print").addEventListener("click", function () { drawPaper(); window.print(); });

  function fileName(extension) {
    return "ke-hoach-nam-" + (year() || "") + "-" + C.slug(state.cell.chi_bo || "") + "." + extension;
  }
  document.getElementById("tb-plan-docx").addEventListener("click", function () {
    C.loadFile("ke-hoach-nam", D.files.plan).then(function (file) {
      var values = Object.assign(C.headerValues(state.cell, null), {
        nam: year() ? String(year()) : "20……", chi_bo: C.orDots(state.cell.chi_bo),
        loai_hinh: D.audience[state.cell.loai] || "", ngay_hop: C.orDots(scheduleText()),
        chu_thich: note(),
        dong: planRows().map(function (item) {
          return { thang: item.thang, ngay: item.ngay, chuyen_de: item.chuyen_de, hinh_thuc: item.hinh_thuc,
                   nguoi: item.nguoi, ghi_chu_co: false, ghi_chu: "" };
        })
      });
      C.download(C.fillDocx(file.docx, values), fileName("docx"));
      status.textContent = "Đã tạo bản Word của kế hoạch.";
    }).catch(function () { status.textContent = "Không nạp được mẫu Word của kế hoạch."; });
  });
  function scheduleText() {
    return C.ruleText(rule()) + (state.plan.gio ? ", " + C.vnTime(state.plan.gio) : "") +
      (state.plan.dia_diem ? ", tại " + state.plan.dia_diem : "");
  }

  // The cell's own calendar, with ical.js (it escapes text values and folds long lines as RFC 5545 asks).
  document.getElementById("tb-plan-ics").addEventListener("click", function () {
    var ICAL = window.ICAL;
    if (!ICAL) { status.textContent = "Không nạp được thư viện lịch."; return; }
    var calendar = new ICAL.Component(["vcalendar", [], []]);
    calendar.updatePropertyWithValue("prodid", "-//Ngan hang chuyen de sinh hoat chi bo//Ke hoach nam cua chi bo//VI");
    calendar.updatePropertyWithValue("version", "2.0");
    calendar.updatePropertyWithValue("calscale", "GREGORIAN");
    calendar.updatePropertyWithValue("x-wr-calname", "Sinh hoạt chi bộ " + (state.cell.chi_bo || "") + " năm " + (year() || ""));
    var stamp = ICAL.Time.fromJSDate(new Date(), true);
    var time = /^(\d{2}):(\d{2})/.exec(state.plan.gio || "");
    var count = 0;
    planRows().forEach(function (item) {
      if (!item.date) return;
      var kind = row(item.slot).h === "chuyen-de" ? "chuyen-de" : "ket-hop";
      var event = new ICAL.Event(new ICAL.Component("vevent"));
      event.uid = "chi-bo-" + C.slug(state.cell.chi_bo || "") + "-" + year() + "-" + item.slot.key + "@nganhang-chuyende";
      event.component.addPropertyWithValue("dtstamp", stamp);
      var start = ICAL.Time.fromData({ year: item.date.getFullYear(), month: item.date.getMonth() + 1, day: item.date.getDate(),
        hour: time ? parseInt(time[1], 10) : 0, minute: time ? parseInt(time[2], 10) : 0, isDate: !time });
      var end = start.clone();
      end.addDuration(time ? ICAL.Duration.fromSeconds(D.minimum[kind] * 60) : ICAL.Duration.fromData({ days: 1 }));
      event.startDate = start;
      event.endDate = end;
      event.summary = (item.theme ? D.types[kind] + ": " + item.theme.t : "Sinh hoạt chi bộ " + item.thang.toLowerCase());
      if (state.plan.dia_diem) event.location = C.clean(state.plan.dia_diem);
      var lines = [];
      if (item.theme) {
        lines.push("Chuyên đề: " + item.theme.t, "Trang chuyên đề: " + C.href(item.theme.u));
        if (item.theme.k) lines.push("Bộ tài liệu in: " + C.href(item.theme.k));
        event.component.addPropertyWithValue("url", C.href(item.theme.u));
      }
      if (item.nguoi) lines.push("Đồng chí chuẩn bị: " + item.nguoi);
      lines.push("Chuẩn bị buổi sinh hoạt: " + prepareHref(item.slot));
      event.description = C.clean(lines.join("\n"));
      calendar.addSubcomponent(event.component);
      count++;
    });
    C.download(new Blob([calendar.toString() + "\r\n"], { type: "text/calendar;charset=utf-8" }), fileName("ics"));
    status.textContent = "Đã tạo lịch " + count + " buổi sinh hoạt.";
  });

  start();
})();
