/* "Tháng này" on the home page: the build writes each month's suggestions into the box as a <template>
   (render/this_month.py) and inlines this script right after the box, so it runs before the page is first
   painted: it puts the reader's current month (from today's date in the browser, so no monthly rebuild is
   needed) in the box, and nothing on the page moves afterwards. Without JavaScript the box keeps its link
   to the 12-month plan. */
(function () {
  "use strict";
  var box = document.getElementById("tb-this-month");
  if (!box || box.hasAttribute("data-month")) return;
  var month = new Date().getMonth() + 1;
  var chosen = box.querySelector('template[data-month="' + month + '"]');
  if (!chosen || !chosen.content) return;
  var content = chosen.content.cloneNode(true);
  while (box.firstChild) box.removeChild(box.firstChild);
  box.appendChild(content);
  box.setAttribute("data-month", String(month));
})();
