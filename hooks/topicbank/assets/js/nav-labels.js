/* With navigation.indexes Material labels each section's <nav> by a <label> that holds only an
   icon, so two sections read as two unnamed navigation landmarks (axe: landmark-unique).
   Name each such landmark after its section title. */
(function () {
  "use strict";
  document.querySelectorAll("nav.md-nav[aria-labelledby]").forEach(function (nav) {
    var label = document.getElementById(nav.getAttribute("aria-labelledby"));
    var title = nav.querySelector(":scope > .md-nav__title");
    if (label && !label.textContent.trim() && title && title.textContent.trim()) {
      nav.removeAttribute("aria-labelledby");
      nav.setAttribute("aria-label", title.textContent.trim());
    }
  });
})();
