/* Chuẩn bị buổi sinh hoạt: one kit composed for one meeting of the cell.

   The programme is a sample programme of the bank for the meeting type (the one for the cell's kind first;
   ngan-hang.js), its minutes adjustable and checked against the minimum of HD 42 (90 minutes, 120 for a
   combined meeting), as the bank's own agenda check does. The theme's sheets (handout, questions,
   commitment, quiz) come from its kit's print page, loaded in a hidden frame that posts them here (or from the
   theme's data file, in a build without print pages); attendance, minutes (one heading per
   programme item) and evaluation follow. Every blank the cell has filled is filled on paper (print, the
   browser's PDF) and in the Word file (docxtemplater filling the theme's template). The meeting is kept in
   localStorage, for the minutes page. ?chuyen-de=&ngay=&hinh-thuc=&nguoi= (links from the plan and from theme
   pages) preset the choices once. */
(function () {
  "use strict";
  var C = window.tbCell;
  var form = document.getElementById("tb-meeting-form");
  if (!C || !form) return;
  var D = C.data();
  var CELL = ["dang_bo", "chi_bo", "loai", "dia_danh", "so_dang_vien"];
  var MEETING = ["ngay_hop", "gio", "dia_diem", "loai_hop", "chuyen_de", "nguoi_chuan_bi", "chuong_trinh"];
  var statusLine = document.getElementById("tb-meeting-status");
  var state, file = null, fileKey = "";

  function programme(id) {
    for (var i = 0; i < D.programmes.length; i++) if (D.programmes[i].id === id) return D.programmes[i];
    return null;
  }
  function kind() { return D.types[state.meeting.loai_hop] ? state.meeting.loai_hop : "ket-hop"; }
  function hasTheme() { return kind() !== "thuong-ky"; }
  function chosenTheme() { return hasTheme() && state.meeting.chuyen_de ? C.theme(state.meeting.chuyen_de) : null; }
  function date() { return C.parseDate(state.meeting.ngay_hop); }
  function current() {
    var chosen = programme(state.meeting.chuong_trinh);
    if (!chosen || chosen.type !== kind()) {
      chosen = programme((D.defaults[kind()] || {})[state.cell.loai || "tat-ca"]) ||
        D.programmes.filter(function (item) { return item.type === kind(); })[0];
      state.meeting.chuong_trinh = chosen ? chosen.id : "";
    }
    return chosen;
  }
  function minutesOf(chosen) {
    var custom = (state.meeting.phut || {})[chosen.id];
    return chosen.steps.map(function (step, index) {
      var value = custom ? parseInt(custom[index], 10) : NaN;
      return value >= 0 && value <= 600 ? value : step.n;
    });
  }
  function steps() {
    var chosen = current();
    if (!chosen) return [];
    var minutes = minutesOf(chosen), start = 0;
    return chosen.steps.map(function (step, index) {
      var item = { tt: index + 1, t: step.t, n: minutes[index], l: step.l, o: step.o || "", start: start };
      start += minutes[index];
      return item;
    });
  }
  function total(list) { return list.reduce(function (sum, step) { return sum + step.n; }, 0); }

  /* -- the plan's row for this meeting's month ------------------------------------------------ */

  function planRow() {
    var when = date(), plan = state.plan || {};
    if (!when || !plan.rows || parseInt(plan.nam, 10) !== when.getFullYear()) return null;
    var month = when.getMonth() + 1;
    if (plan.nhip === "quy") {
      var quarter = Math.ceil(month / 3), item = plan.rows["q" + quarter] || {};
      var planned = parseInt(item.thang, 10) || quarter * 3 - 2;
      return planned === month && item.c ? item : null;
    }
    var row = plan.rows[String(month)];
    return row && row.c ? row : null;
  }

  /* -- the form ------------------------------------------------------------------------------------ */

  function drawThemes() {
    var select = form.elements.chuyen_de;
    var when = date(), month = when ? when.getMonth() + 1 : new Date().getMonth() + 1;
    var groups = C.themeGroups(month, state.cell.loai, when ? when.getFullYear() : null);
    groups.label = "Gợi ý cho tháng " + month;
    var planned = planRow(), extra = [];
    if (planned && C.theme(planned.c)) extra.push(["Theo kế hoạch năm của chi bộ", [C.theme(planned.c)]]);
    C.themeSelect(select, groups, state.meeting.chuyen_de, extra,
      hasTheme() ? "— Chưa chọn chuyên đề —" : "— Sinh hoạt thường kỳ: không có chuyên đề —");
    select.disabled = !hasTheme();
    var box = document.getElementById("tb-meeting-plan");
    box.hidden = !(planned && C.theme(planned.c));
    if (!box.hidden) {
      var text = "Tháng " + month + ": «" + C.theme(planned.c).t + "»" + (planned.n ? ", đồng chí " + planned.n + " chuẩn bị" : "") + ".";
      document.getElementById("tb-meeting-plan-text").textContent = text;
    }
  }
  function drawProgrammes() {
    var select = form.elements.chuong_trinh;
    select.textContent = "";
    D.programmes.filter(function (item) { return item.type === kind(); }).forEach(function (item) {
      var minutes = item.steps.reduce(function (sum, step) { return sum + step.n; }, 0);
      select.appendChild(C.el("option", { value: item.id }, item.t + " (" + minutes + " phút)"));
    });
    select.value = current() ? current().id : "";
  }
  function drawSteps() {
    var list = steps(), body = document.querySelector("#tb-meeting-steps tbody");
    body.textContent = "";
    list.forEach(function (step, index) {
      var tr = C.el("tr");
      tr.appendChild(C.el("td", {}, String(step.tt)));
      var title = C.el("td", {}, step.t);
      if (step.o) title.appendChild(C.el("span", { className: "tb-cell-note" }, step.o));
      tr.appendChild(title);
      tr.appendChild(C.el("td", { "data-start": String(index) }));
      var cell = C.el("td");
      var input = C.el("input", { type: "number", min: "0", max: "600", step: "1", inputmode: "numeric",
        "aria-label": "Số phút: " + step.t, "data-step": String(index) });
      input.value = String(step.n);
      cell.appendChild(input);
      tr.appendChild(cell);
      tr.appendChild(C.el("td", {}, step.l));
      body.appendChild(tr);
    });
    var chosen = current();
    document.getElementById("tb-meeting-origin").textContent = chosen ? chosen.o : "";
    updateSteps();
  }
  // Start times, the total and the check, without redrawing the inputs being typed in.
  function updateSteps() {
    var list = steps(), sum = total(list), minimum = D.minimum[kind()];
    document.querySelectorAll("#tb-meeting-steps [data-start]").forEach(function (cell) {
      var step = list[parseInt(cell.getAttribute("data-start"), 10)];
      cell.textContent = step ? C.clock(state.meeting.gio, step.start) || "phút " + step.start : "";
    });
    document.getElementById("tb-meeting-total").textContent = sum + " phút";
    var check = document.getElementById("tb-meeting-check");
    var label = kind() === "ket-hop" ? "buổi sinh hoạt thường kỳ kết hợp chuyên đề" : "một buổi sinh hoạt chi bộ";
    check.textContent = sum >= minimum
      ? "Tổng " + sum + " phút: đủ thời lượng tối thiểu " + minimum + " phút của " + label + " (Hướng dẫn 42-HD/BTCTW)."
      : "Tổng " + sum + " phút: còn thiếu " + (minimum - sum) + " phút so với thời lượng tối thiểu " + minimum + " phút của " + label + " (Hướng dẫn 42-HD/BTCTW).";
    check.classList.toggle("tb-cell-short", sum < minimum);
  }
  function drawLinks() {
    var box = document.getElementById("tb-meeting-links"), chosen = chosenTheme();
    box.textContent = "";
    var add = function (url, text) {
      var li = C.el("li");
      li.appendChild(C.el("a", { href: url }, text));
      box.appendChild(li);
    };
    if (chosen) {
      if (chosen.h) add(C.href(chosen.h), "Tài liệu phát tay (PDF): đăng lên ứng dụng Sổ tay đảng viên điện tử ít nhất 1 ngày trước buổi sinh hoạt");
      add(C.href(chosen.u), "Trang chuyên đề «" + chosen.t + "»");
      if (chosen.k) add(C.href(chosen.k), "Bộ tài liệu in có sẵn của chuyên đề");
      if (chosen.p) add(C.href(chosen.p), "Trình chiếu chuyên đề");
    }
    add(C.href(D.pages.minutes), "Sau buổi sinh hoạt: ghi biên bản buổi này");
    var parts = ["chương trình (" + total(steps()) + " phút)"];
    if (chosen) parts.push("tài liệu chuyên đề, câu hỏi thảo luận, phiếu đăng ký việc làm" + (chosen.q ? ", câu hỏi trắc nghiệm và đáp án" : ""));
    parts.push("danh sách đảng viên (" + attendanceRows() + " dòng)", "mẫu biên bản theo " + steps().length + " nội dung của chương trình", "phiếu đánh giá");
    document.getElementById("tb-meeting-summary").textContent = "Bộ tài liệu gồm: " + parts.join(", ") + ".";
  }
  function attendanceRows() {
    var count = parseInt(state.cell.so_dang_vien, 10);
    return count >= 1 && count <= 500 ? count : 20;
  }

  /* -- the theme's sheets and its Word template -------------------------------------------------- */

  // The theme's sheets as its kit's print page has them: the page, in a hidden frame, posts them to this page
  // (assets/kits/kit-form.js). A frame loads from file:// too, where fetch() fails; only that frame is listened to.
  var framed = {};
  function kitSheets(chosen) {
    if (!framed[chosen.id]) {
      framed[chosen.id] = new Promise(function (resolve, reject) {
        var frame = document.createElement("iframe");
        var timer = setTimeout(function () { stop(); reject(new Error(chosen.k)); }, 30000);
        function listen(event) {
          if (event.source !== frame.contentWindow || !event.data || event.data.type !== "tb-kit-sheets") return;
          stop();
          resolve(String(event.data.sheets || ""));
        }
        function stop() { clearTimeout(timer); window.removeEventListener("message", listen); frame.remove(); }
        window.addEventListener("message", listen);
        frame.hidden = true;
        frame.tabIndex = -1;
        frame.title = "Bộ tài liệu in của chuyên đề";
        frame.setAttribute("aria-hidden", "true");
        frame.src = C.href(chosen.k);
        document.body.appendChild(frame);
      });
      framed[chosen.id].catch(function () { delete framed[chosen.id]; });
    }
    return framed[chosen.id];
  }
  function loadFile() {
    var chosen = chosenTheme();
    var key = chosen ? chosen.id : "thuong-ky";
    var path = !chosen ? D.files.regular : D.files.theme ? D.files.theme.replace("{id}", chosen.id) : null;
    if (key === fileKey && file) return Promise.resolve(file);
    fileKey = key;
    file = null;
    drawPaper();
    var parts = [path ? C.loadFile(key, path) : Promise.resolve({}), chosen && chosen.k ? kitSheets(chosen) : null];
    return Promise.all(parts).then(function (got) {
      var loaded = { sheets: got[1] !== null ? got[1] : got[0].sheets || "", docx: got[0].docx || null };
      if (fileKey === key) { file = loaded; drawPaper(); }
      return loaded;
    }, function (error) {
      statusLine.textContent = "Không nạp được tài liệu của chuyên đề này.";
      throw error;
    });
  }

  /* -- paper ---------------------------------------------------------------------------------------- */

  function timeText() {
    var parts = [], when = date();
    if (state.meeting.gio) parts.push(C.vnTime(state.meeting.gio));
    if (when) parts.push("ngày " + C.vnDate(when));
    return parts.join(", ");
  }
  function contentText() { var chosen = chosenTheme(); return chosen ? "Chuyên đề «" + chosen.t + "»" : D.types[kind()]; }
  function drawPaper() {
    var root = C.paper(), list = steps(), chosen = chosenTheme(), when = date();
    var values = C.blankValues(state.cell, when);
    Object.assign(values, {
      "thoi-gian": timeText(), "dia-diem": state.meeting.dia_diem, "loai-hop": D.types[kind()],
      "nguon": current() ? current().o : "", "noi-dung-sinh-hoat": contentText(),
      "so-dang-vien": state.cell.so_dang_vien, "nguoi-chuan-bi": state.meeting.nguoi_chuan_bi
    });
    root.querySelector("[data-print-theme]").textContent = chosen ? "Chuyên đề: " + chosen.t : "";
    root.querySelector("[data-print-draft]").hidden = !(chosen && chosen.d);
    root.querySelector("[data-print-preparer]").hidden = !(chosen && state.meeting.nguoi_chuan_bi);
    var body = root.querySelector("[data-print-steps]");
    body.textContent = "";
    list.forEach(function (step) {
      var tr = C.el("tr");
      tr.appendChild(C.el("td", { className: "kit-num" }, String(step.tt)));
      var title = C.el("td", {}, step.t);
      if (step.o) { title.appendChild(C.el("br")); title.appendChild(C.el("span", { className: "kit-note" }, step.o)); }
      tr.appendChild(title);
      tr.appendChild(C.el("td", { className: "kit-num" }, C.clock(state.meeting.gio, step.start) || "phút " + step.start));
      tr.appendChild(C.el("td", { className: "kit-num" }, String(step.n)));
      tr.appendChild(C.el("td", {}, step.l));
      body.appendChild(tr);
    });
    var totalRow = C.el("tr", { className: "kit-total" });
    totalRow.appendChild(C.el("td"));
    totalRow.appendChild(C.el("th", { scope: "row" }, "Tổng thời lượng"));
    totalRow.appendChild(C.el("td"));
    totalRow.appendChild(C.el("td", { className: "kit-num" }, String(total(list))));
    totalRow.appendChild(C.el("td"));
    body.appendChild(totalRow);
    // The theme's sheets: HTML the build wrote from the bank (not anything the cell typed).
    root.querySelector("[data-print-sheets]").innerHTML = file && chosen ? file.sheets : "";
    var rows = root.querySelector("[data-print-attendance]"), columns = parseInt(rows.getAttribute("data-columns"), 10);
    rows.textContent = "";
    for (var number = 1; number <= attendanceRows(); number++) {
      var tr = C.el("tr");
      tr.appendChild(C.el("td", { className: "kit-num" }, String(number)));
      for (var column = 1; column < columns; column++) tr.appendChild(C.el("td"));
      rows.appendChild(tr);
    }
    var proceedings = root.querySelector("[data-print-proceedings]");
    proceedings.textContent = "";
    list.forEach(function (step) {
      proceedings.appendChild(C.el("p", { className: "kit-label" }, step.tt + ". " + step.t));
      proceedings.appendChild(C.lines(2));
    });
    C.fillBlanks(root, values);
  }

  /* -- Word ----------------------------------------------------------------------------------------- */

  function docxValues() {
    var list = steps(), chosen = chosenTheme(), when = date();
    return Object.assign(C.headerValues(state.cell, when), {
      loai_hop: D.types[kind()], thoi_gian: C.orDots(timeText()), dia_diem: C.orDots(state.meeting.dia_diem),
      chi_bo: C.orDots(state.cell.chi_bo), ngay_vn: when ? C.vnDate(when) : "……/……/20……", tong_phut: String(total(list)),
      nguon_chuong_trinh: current() ? current().o : "", nguoi_chuan_bi_co: Boolean(chosen && state.meeting.nguoi_chuan_bi),
      nguoi_chuan_bi: state.meeting.nguoi_chuan_bi || "", noi_dung_sinh_hoat: contentText(),
      so_dang_vien: state.cell.so_dang_vien || "",
      buoc: list.map(function (step) {
        return { tt: String(step.tt), noi_dung: step.t, bat_dau: C.clock(state.meeting.gio, step.start) || "phút " + step.start,
                 so_phut: String(step.n), phu_trach: step.l, ghi_chu_co: Boolean(step.o), ghi_chu: step.o };
      }),
      dong: Array.apply(null, Array(attendanceRows())).map(function (_, index) { return { stt: String(index + 1) }; }),
      muc: list.map(function (step) { return { tt: String(step.tt), noi_dung: step.t }; })
    });
  }
  document.getElementById("tb-meeting-docx").addEventListener("click", function () {
    loadFile().then(function (loaded) {
      if (!loaded.docx) {  // a build without Word files (formats: html, as `mkdocs serve` by default)
        statusLine.textContent = "Bản dựng này không có mẫu Word (tùy chọn formats không có docx): hãy in hoặc lưu PDF.";
        return;
      }
      var chosen = chosenTheme(), when = date();
      var name = "buoi-sinh-hoat-" + (when ? C.isoDate(when) : "") + "-" + C.slug(chosen ? chosen.t : D.types[kind()]) + ".docx";
      C.download(C.fillDocx(loaded.docx, docxValues()), name);
      statusLine.textContent = "Đã tạo bản Word của bộ tài liệu.";
    }).catch(function () { /* said by loadFile */ });
  });
  document.getElementById("tb-meeting-print").addEventListener("click", function () {
    loadFile().then(function () { drawPaper(); window.print(); }).catch(function () { drawPaper(); window.print(); });
  });

  /* -- keeping it ------------------------------------------------------------------------------------- */

  function commit() {
    var stored = C.load();
    stored.cell = Object.assign(stored.cell, state.cell);
    var chosen = chosenTheme(), list = steps();
    stored.meeting = Object.assign({}, state.meeting, {
      // What the minutes page needs, resolved: the programme's items and the theme's title.
      muc: list.map(function (step) { return step.t; }), chuyen_de_ten: chosen ? chosen.t : ""
    });
    C.save(stored);
  }
  function draw() {
    C.writeForm(form, CELL, state.cell);
    C.writeForm(form, MEETING, state.meeting);
    drawThemes();
    drawProgrammes();
    drawSteps();
    drawLinks();
    drawPaper();
    loadFile().catch(function () { /* said */ });
    commit();
  }
  function start() {
    state = C.load();
    var meeting = state.meeting, plan = state.plan || {};
    if (!state.cell.loai) state.cell.loai = "tat-ca";
    var params = new URLSearchParams(location.search);
    if (params.get("chuyen-de") && C.theme(params.get("chuyen-de"))) meeting.chuyen_de = params.get("chuyen-de");
    if (C.parseDate(params.get("ngay"))) meeting.ngay_hop = params.get("ngay");
    if (D.types[params.get("hinh-thuc")]) meeting.loai_hop = params.get("hinh-thuc");
    if (params.has("nguoi")) meeting.nguoi_chuan_bi = C.clean(params.get("nguoi")).slice(0, 200);
    if (params.get("chuyen-de") && !params.get("hinh-thuc") && meeting.loai_hop === "thuong-ky") meeting.loai_hop = "ket-hop";
    if (location.search) history.replaceState(null, "", location.href.replace(/\?[^#]*/, ""));  // applied once
    if (!meeting.loai_hop) meeting.loai_hop = "ket-hop";
    if (!meeting.gio && plan.gio) meeting.gio = plan.gio;
    if (!meeting.dia_diem && plan.dia_diem) meeting.dia_diem = plan.dia_diem;
    if (!meeting.ngay_hop && plan.kieu) {
      var today = new Date(), planned = C.meetingDay(today.getFullYear(), today.getMonth() + 1, plan);
      if (planned) meeting.ngay_hop = C.isoDate(planned);
    }
    draw();
  }

  form.addEventListener("input", function (event) {
    var target = event.target;
    Object.assign(state.cell, C.readForm(form, CELL));
    var before = state.meeting.loai_hop;
    Object.assign(state.meeting, C.readForm(form, MEETING));
    if (target.name === "loai_hop" && before !== state.meeting.loai_hop) state.meeting.chuong_trinh = "";
    if (["loai_hop", "chuyen_de", "chuong_trinh", "loai", "ngay_hop"].indexOf(target.name) !== -1 || target.type === "radio") {
      draw();
    } else {
      updateSteps();
      drawLinks();
      drawPaper();
      commit();
    }
  });
  form.addEventListener("submit", function (event) { event.preventDefault(); });
  document.getElementById("tb-meeting-steps").addEventListener("input", function (event) {
    var index = event.target.getAttribute("data-step");
    if (index === null) return;
    var chosen = current(), minutes = minutesOf(chosen), value = parseInt(event.target.value, 10);
    minutes[parseInt(index, 10)] = value >= 0 && value <= 600 ? value : 0;
    state.meeting.phut = Object.assign({}, state.meeting.phut || {});
    state.meeting.phut[chosen.id] = minutes;
    updateSteps();
    drawLinks();
    drawPaper();
    commit();
  });
  document.getElementById("tb-meeting-reset").addEventListener("click", function () {
    var chosen = current();
    if (chosen && state.meeting.phut) delete state.meeting.phut[chosen.id];
    draw();
  });
  document.getElementById("tb-meeting-use-plan").addEventListener("click", function () {
    var planned = planRow();
    if (!planned) return;
    state.meeting.chuyen_de = planned.c;
    state.meeting.loai_hop = planned.h === "chuyen-de" ? "chuyen-de" : "ket-hop";
    if (planned.n) state.meeting.nguoi_chuan_bi = planned.n;
    draw();
  });
  C.wireFileBox(function () { fileKey = ""; start(); });

  start();
})();
