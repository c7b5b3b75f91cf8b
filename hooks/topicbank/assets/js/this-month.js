/* "Tháng này" on the home page: the themes suggested for the reader's current month, chosen from
   today's date in the browser (window.__tbMonths, from thang.js), so no monthly rebuild is needed. */
(function () {
  "use strict";
  var box = document.getElementById("tb-this-month");
  var data = window.__tbMonths;
  if (!box || !data || !window.tbFold) return;
  var month = new Date().getMonth() + 1;
  var themes = data.months[String(month)] || [];
  box.textContent = "";
  var heading = document.createElement("p");
  heading.className = "tb-this-month-title";
  heading.textContent = "Tháng " + month + ": " + (themes.length ? themes.length + " chuyên đề gợi ý" : "chưa có chuyên đề gợi ý");
  box.appendChild(heading);
  if (themes.length) {
    var list = document.createElement("ul");
    list.className = "tb-this-month-list";
    themes.forEach(function (theme) {
      var item = document.createElement("li");
      item.className = "tb-item";
      var link = document.createElement("a");
      link.href = window.tbFold.siteHref(theme.u);
      link.textContent = theme.t;
      item.appendChild(link);
      list.appendChild(item);
    });
    box.appendChild(list);
  }
  var more = document.createElement("a");
  var plan = window.tbFold.siteHref(data.plan);
  more.href = plan.replace(/#.*$/, "") + "#thang-" + month;
  more.textContent = "Xem cả kế hoạch 12 tháng";
  box.appendChild(more);
  // The cell's own three steps (sinh-hoat-chi-bo/): plan the year, prepare this month's meeting, write its minutes.
  if (data.steps) {
    var steps = document.createElement("p");
    steps.className = "tb-this-month-steps";
    steps.appendChild(document.createTextNode("Sinh hoạt của chi bộ: "));
    [["plan", "Kế hoạch năm"], ["prepare", "Chuẩn bị buổi sinh hoạt tháng " + month], ["minutes", "Ghi biên bản"]]
      .forEach(function (step, index) {
        if (index) steps.appendChild(document.createTextNode(" → "));
        var link = document.createElement("a");
        link.href = window.tbFold.siteHref(data.steps[step[0]]);
        link.textContent = step[1];
        steps.appendChild(link);
      });
    box.appendChild(steps);
  }
})();
