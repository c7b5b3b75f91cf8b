/* Vietnamese folding, the same rule as hooks/topicbank/search/folding.py:
   lower-case, strip every combining mark (tones, circumflex, breve, horn), đ -> d. */
(function () {
  "use strict";
  function fold(text) {
    return String(text).toLowerCase().normalize("NFD").replace(/\p{M}/gu, "").replace(/đ/g, "d").normalize("NFC");
  }
  function words(text) {
    return fold(text).match(/[\p{L}\p{N}]+/gu) || [];
  }
  function hasDiacritics(text) {
    return fold(text) !== String(text).toLowerCase();
  }
  /* A site URL from the generated data, as a link that also works from file:// (the offline copy),
     where a folder URL must name its index.html. */
  function siteHref(url) {
    var config = document.getElementById("__config");
    var base = config ? JSON.parse(config.textContent).base : ".";
    var href = new URL(base.replace(/\/?$/, "/") + url, location.href);
    if (location.protocol === "file:" && /\/$/.test(href.pathname)) href.pathname += "index.html";
    return href.href;
  }
  window.tbFold = { fold: fold, words: words, hasDiacritics: hasDiacritics, siteHref: siteHref };
})();
