/* Ghi biên bản: the minutes of one meeting, typed into a form laid out as the minutes template (HD 16's parts),
   one box per item of the programme composed on the prepare page, the opinions with who gave them.

   The draft is saved in localStorage after every keystroke. Out: a Word file (docxtemplater filling
   mau-bien-ban.js, every value as text, line breaks kept) and the page printed on the kits' paper (kit.css).
   What the secretary types is shown only as text (textContent, input values). */
(function () {
  "use strict";
  var C = window.tbCell;
  var form = document.getElementById("tb-minutes-form");
  if (!C || !form) return;
  var D = C.data();
  var CELL = ["dang_bo", "chi_bo", "dia_danh"];
  var FIELDS = ["ngay_hop", "loai_hop", "chuyen_de", "bat_dau", "dia_diem", "noi_dung", "chu_tri", "thu_ky", "tai_lieu",
    "tong_so", "co_mat", "vang_co_ly_do", "vang_khong_ly_do", "dai_bieu", "ket_luan", "noi_dung_bieu_quyet",
    "bq_tan_thanh", "bq_khong_tan_thanh", "bq_khac", "ket_thuc"];
  var VOTES = ["bq_tan_thanh", "bq_khong_tan_thanh", "bq_khac"];
  var itemsBox = document.getElementById("tb-minutes-items");
  var opinionsBox = document.getElementById("tb-minutes-opinions");
  var statusLine = document.getElementById("tb-minutes-status");
  var state, counter = 0;

  function draft() { return state.minutes; }
  function number(value) { var n = parseInt(value, 10); return n >= 0 ? n : null; }
  function share(part, whole) { return part !== null && whole ? Math.round(part * 1000 / whole) / 10 : null; }
  function percent(value) { return value === null ? "" : String(value).replace(".", ","); }

  /* -- the repeated boxes: programme items and opinions ----------------------------------------- */

  function itemBox(list, index, kind) {
    var item = list[index], id = "tb-m-" + kind + "-" + (counter++);
    var box = C.el("div", { className: "tb-minutes-item", "data-kind": kind, "data-index": String(index) });
    var first = kind === "item" ? ["t", "Nội dung " + (index + 1) + " của chương trình"] : ["n", "Họ tên người phát biểu"];
    var second = kind === "item" ? ["c", "Diễn biến, ý kiến trình bày"] : ["c", "Ý kiến"];
    box.appendChild(C.el("label", { "for": id + "-a" }, first[1]));
    var input = C.el("input", { id: id + "-a", type: "text", "data-field": first[0] });
    input.value = item[first[0]] || "";
    box.appendChild(input);
    box.appendChild(C.el("label", { "for": id + "-b" }, second[1]));
    var area = C.el("textarea", { id: id + "-b", rows: kind === "item" ? "4" : "3", "data-field": second[0] });
    area.value = item[second[0]] || "";
    box.appendChild(area);
    box.appendChild(C.el("button", { type: "button", className: "md-button", "data-remove": "" },
      kind === "item" ? "Bỏ nội dung này" : "Bỏ ý kiến này"));
    return box;
  }
  function drawLists() {
    itemsBox.textContent = "";
    (draft().muc || []).forEach(function (_, index) { itemsBox.appendChild(itemBox(draft().muc, index, "item")); });
    opinionsBox.textContent = "";
    (draft().y_kien || []).forEach(function (_, index) { opinionsBox.appendChild(itemBox(draft().y_kien, index, "opinion")); });
  }
  function listOf(kind) { return kind === "item" ? draft().muc : draft().y_kien; }
  [itemsBox, opinionsBox].forEach(function (box) {
    box.addEventListener("input", function (event) {
      var card = event.target.closest(".tb-minutes-item");
      if (!card) return;
      var list = listOf(card.getAttribute("data-kind")), index = parseInt(card.getAttribute("data-index"), 10);
      list[index][event.target.getAttribute("data-field")] = C.clean(event.target.value);
      changed();
    });
    box.addEventListener("click", function (event) {
      if (!event.target.hasAttribute("data-remove")) return;
      var card = event.target.closest(".tb-minutes-item");
      listOf(card.getAttribute("data-kind")).splice(parseInt(card.getAttribute("data-index"), 10), 1);
      drawLists();
      changed();
    });
  });
  document.getElementById("tb-minutes-add-item").addEventListener("click", function () {
    draft().muc.push({ t: "", c: "" });
    drawLists();
    changed();
    itemsBox.lastChild.querySelector("input").focus();
  });
  document.getElementById("tb-minutes-add-opinion").addEventListener("click", function () {
    draft().y_kien.push({ n: "", c: "" });
    drawLists();
    changed();
    opinionsBox.lastChild.querySelector("input").focus();
  });

  /* -- from the prepared meeting ---------------------------------------------------------------- */

  function fromMeeting(replaceItems) {
    var meeting = state.meeting || {}, minutes = draft();
    var fill = function (name, value) { if (!minutes[name] && value) minutes[name] = value; };
    fill("ngay_hop", meeting.ngay_hop);
    fill("loai_hop", meeting.loai_hop);
    fill("chuyen_de", meeting.loai_hop !== "thuong-ky" ? meeting.chuyen_de_ten : "");
    fill("bat_dau", meeting.gio);
    fill("dia_diem", meeting.dia_diem);
    fill("tong_so", state.cell.so_dang_vien);
    fill("noi_dung", meeting.loai_hop !== "thuong-ky" && meeting.chuyen_de_ten
      ? (D.types[meeting.loai_hop] || "") + ": chuyên đề «" + meeting.chuyen_de_ten + "»" : D.types[meeting.loai_hop]);
    if (replaceItems && Array.isArray(meeting.muc)) {
      minutes.muc = meeting.muc.map(function (title) { return { t: C.clean(title), c: "" }; });
    }
  }
  document.getElementById("tb-minutes-load").addEventListener("click", function () {
    var typed = (draft().muc || []).some(function (item) { return item.c; });
    if (!(state.meeting && Array.isArray(state.meeting.muc))) {
      statusLine.textContent = "Chưa có buổi sinh hoạt nào được chuẩn bị trên máy này (bước «Chuẩn bị buổi sinh hoạt»).";
      return;
    }
    if (typed && !window.confirm("Thay các nội dung đã ghi bằng chương trình của buổi đã chuẩn bị? Phần đã ghi trong các ô nội dung sẽ mất.")) return;
    fromMeeting(true);
    show();
    changed();
  });

  /* -- keeping the draft -------------------------------------------------------------------------- */

  function changed() {
    Object.assign(state.cell, C.readForm(form, CELL));
    Object.assign(draft(), C.readForm(form, FIELDS));
    var stored = C.load();
    stored.cell = Object.assign(stored.cell, state.cell);
    draft().luu = new Date().toISOString();
    stored.minutes = draft();
    var saved = C.save(stored);
    var when = new Date();
    statusLine.textContent = saved ? "Đã lưu bản nháp trên trình duyệt này lúc " + C.clock(("0" + when.getHours()).slice(-2) + ":" + ("0" + when.getMinutes()).slice(-2), 0) + "."
      : "Trình duyệt không cho lưu bản nháp (bộ nhớ đầy hoặc chế độ riêng tư): hãy tải bản Word.";
    drawCounts();
    drawPaper();
  }
  function drawCounts() {
    var minutes = draft(), whole = number(minutes.tong_so), present = number(minutes.co_mat);
    var line = document.getElementById("tb-minutes-attendance");
    line.textContent = whole && present !== null
      ? "Có mặt " + present + "/" + whole + " đảng viên (" + percent(share(present, whole)) + "%)." : "";
    var votes = VOTES.map(function (name) { return number(minutes[name]); });
    var voteLine = document.getElementById("tb-minutes-vote");
    voteLine.textContent = present && votes[0] !== null
      ? "Tán thành " + votes[0] + "/" + present + " đảng viên có mặt (" + percent(share(votes[0], present)) + "%)." : "";
  }
  function show() {
    C.writeForm(form, CELL, state.cell);
    C.writeForm(form, FIELDS, draft());
    drawLists();
    drawCounts();
    drawPaper();
  }
  function start() {
    state = C.load();
    var minutes = state.minutes;
    if (!Array.isArray(minutes.muc)) minutes.muc = [];
    if (!Array.isArray(minutes.y_kien)) minutes.y_kien = [];
    minutes.muc = minutes.muc.filter(function (item) { return item && typeof item === "object"; });
    minutes.y_kien = minutes.y_kien.filter(function (item) { return item && typeof item === "object"; });
    if (!minutes.luu) fromMeeting(!minutes.muc.length);  // a new draft starts from the prepared meeting
    if (!minutes.y_kien.length) minutes.y_kien.push({ n: "", c: "" });
    show();
    statusLine.textContent = minutes.luu ? "Bản nháp lưu trên trình duyệt này." : "";
  }
  form.addEventListener("input", changed);
  form.addEventListener("submit", function (event) { event.preventDefault(); });
  document.getElementById("tb-minutes-clear").addEventListener("click", function () {
    if (!window.confirm("Xóa bản nháp biên bản này? Nên tải bản Word trước.")) return;
    var stored = C.load();
    stored.minutes = {};
    C.save(stored);
    start();
    statusLine.textContent = "Đã xóa bản nháp.";
  });
  C.wireFileBox(function () { start(); });

  /* -- out: paper and Word ------------------------------------------------------------------------ */

  function when() { return C.parseDate(draft().ngay_hop); }
  function startText() {
    var parts = [];
    if (draft().bat_dau) parts.push(C.vnTime(draft().bat_dau));
    if (when()) parts.push("ngày " + C.vnDate(when()));
    return parts.join(", ");
  }
  function items() {
    return (draft().muc || []).filter(function (item) { return item.t || item.c; })
      .map(function (item, index) { return { tt: String(index + 1), tieu_de: item.t || "", noi_dung: item.c || "" }; });
  }
  function opinions() {
    return (draft().y_kien || []).filter(function (item) { return item.n || item.c; })
      .map(function (item) { return { nguoi: item.n || "", noi_dung: item.c || "" }; });
  }
  function voteValues() {
    var present = number(draft().co_mat);
    return VOTES.map(function (name) {
      var value = number(draft()[name]);
      return { count: value === null ? "" : String(value), share: present ? percent(share(value, present)) : "" };
    });
  }
  function drawPaper() {
    var root = C.paper(), minutes = draft();
    var values = C.blankValues(state.cell, when());
    Object.assign(values, {
      "loai-hop": D.types[minutes.loai_hop] || "", "thoi-gian": startText(), "dia-diem": minutes.dia_diem,
      "noi-dung": minutes.noi_dung, "chu-tri": minutes.chu_tri, "thu-ky": minutes.thu_ky, "tai-lieu": minutes.tai_lieu,
      "tong-so": minutes.tong_so, "co-mat": minutes.co_mat, "vang-co-ly-do": minutes.vang_co_ly_do,
      "vang-khong-ly-do": minutes.vang_khong_ly_do, "dai-bieu": minutes.dai_bieu, "ket-luan": minutes.ket_luan,
      "noi-dung-bieu-quyet": minutes.noi_dung_bieu_quyet, "ket-thuc": C.vnTime(minutes.ket_thuc)
    });
    C.fillBlanks(root, values);
    root.querySelector("[data-print-theme]").textContent = minutes.chuyen_de ? "Chuyên đề: " + C.clean(minutes.chuyen_de) : "";
    var box = root.querySelector("[data-print-items]");
    box.textContent = "";
    items().forEach(function (item) {
      box.appendChild(C.el("p", { className: "kit-label tb-typed" }, item.tt + ". " + item.tieu_de));
      box.appendChild(C.el("p", { className: "tb-typed" }, item.noi_dung));
    });
    var talk = root.querySelector("[data-print-opinions]");
    talk.textContent = "";
    opinions().forEach(function (item) {
      var paragraph = C.el("p", { className: "tb-typed tb-minutes-opinion" });
      paragraph.appendChild(C.el("strong", {}, "Đồng chí " + item.nguoi + ": "));
      paragraph.appendChild(document.createTextNode(item.noi_dung));
      talk.appendChild(paragraph);
    });
    voteValues().forEach(function (vote, index) {
      root.querySelector('[data-vote="' + index + '"]').textContent = vote.count;
      root.querySelector('[data-vote-share="' + index + '"]').textContent = vote.share;
    });
    root.querySelector('[data-sign="0"]').textContent = C.clean(minutes.thu_ky);
    root.querySelector('[data-sign="1"]').textContent = C.clean(minutes.chu_tri);
  }
  document.getElementById("tb-minutes-print").addEventListener("click", function () { drawPaper(); window.print(); });

  document.getElementById("tb-minutes-docx").addEventListener("click", function () {
    C.loadFile("bien-ban", D.files.minutes).then(function (file) {
      var minutes = draft(), votes = voteValues(), dots = C.DOTS;
      var values = Object.assign(C.headerValues(state.cell, when()), {
        loai_hop: D.types[minutes.loai_hop] || "", chuyen_de_co: Boolean(minutes.chuyen_de), chuyen_de: minutes.chuyen_de || "",
        bat_dau: startText() || dots, dia_diem: minutes.dia_diem || dots, noi_dung: minutes.noi_dung || dots,
        chu_tri: minutes.chu_tri || "", thu_ky: minutes.thu_ky || "", tai_lieu: minutes.tai_lieu || "",
        tong_so: minutes.tong_so || "", co_mat: minutes.co_mat || "", vang_co_ly_do: minutes.vang_co_ly_do || "",
        vang_khong_ly_do: minutes.vang_khong_ly_do || "", dai_bieu: minutes.dai_bieu || "",
        muc: items(), y_kien: opinions(), ket_luan: minutes.ket_luan || "",
        noi_dung_bieu_quyet: minutes.noi_dung_bieu_quyet || "",
        bq_tan_thanh: votes[0].count, tl_tan_thanh: votes[0].share, bq_khong_tan_thanh: votes[1].count,
        tl_khong_tan_thanh: votes[1].share, bq_khac: votes[2].count, tl_khac: votes[2].share,
        ket_thuc: C.vnTime(minutes.ket_thuc) || "…… giờ …… phút"
      });
      var name = "bien-ban-" + (when() ? C.isoDate(when()) : "") + "-" + C.slug(state.cell.chi_bo || "") + ".docx";
      C.download(C.fillDocx(file.docx, values), name);
      statusLine.textContent = "Đã tạo biên bản bản Word.";
    }).catch(function () { statusLine.textContent = "Không nạp được mẫu Word của biên bản."; });
  });

  start();
})();
