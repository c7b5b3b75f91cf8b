/* The editing form (soan-thao/bieu-mau/): starts the vendored Sveltia CMS with what the site needs.
 *
 * - Vietnamese interface: the CMS picks its language from the browser; a contributor whose browser is
 *   in English still gets Vietnamese unless they chose another language in the CMS's settings.
 * - Nothing from a CDN: the CMS fetches its translations from unpkg.com; the Vietnamese one is served
 *   from the site (assets/vendor/@sveltia/cms/vi.json). The page's Content-Security-Policy refuses every
 *   other host (GitHub's API only when the site has a repository, after sign-in).
 * - NFC text: what is typed or pasted into a field is normalised, so the validator never sees
 *   decomposed Vietnamese (not-nfc).
 * - Without a repository (no edit_url), the form can only work on a local clone, which Chromium allows
 *   from http://127.0.0.1 or localhost: anywhere else the page explains and does not start the CMS.
 */
(function () {
  "use strict";
  var script = document.currentScript;
  var data = script.dataset;
  var localeUrl = new URL(data.locale, script.src).href;

  var nativeFetch = window.fetch.bind(window);
  var translation = /^https:\/\/unpkg\.com\/@sveltia\/cms@[^/]+\/locales\/([A-Za-z-]+)\.json$/;
  window.fetch = function (resource, options) {
    var url = typeof resource === "string" ? resource : resource && resource.url;
    var match = url && translation.exec(url);
    if (match) {
      if (match[1] === "vi") return nativeFetch(localeUrl, options);
      return Promise.reject(new TypeError("Bản dịch " + match[1] + " không có sẵn trên trang này."));
    }
    return nativeFetch(resource, options);
  };

  try {
    var prefs = JSON.parse(localStorage.getItem("sveltia-cms.prefs") || "{}") || {};
    if (!prefs.locale) {
      prefs.locale = "vi";
      localStorage.setItem("sveltia-cms.prefs", JSON.stringify(prefs));
    }
  } catch (error) { /* private mode: the browser's language decides */ }

  function isTextField(element) {
    return element instanceof HTMLTextAreaElement ||
      (element instanceof HTMLInputElement && /^(text|search|url|email|)$/.test(element.type));
  }
  document.addEventListener("input", function (event) {
    var field = event.target;
    if (!isTextField(field)) return;
    var value = field.value, normal = value.normalize("NFC");
    if (value === normal) return;
    var caret = field.selectionStart;
    field.value = normal;
    if (caret !== null) {
      var at = value.slice(0, caret).normalize("NFC").length;
      field.setSelectionRange(at, at);
    }
  }, true);
  document.addEventListener("paste", function (event) {
    var text = event.clipboardData && event.clipboardData.getData("text/plain");
    if (!text || text === text.normalize("NFC")) return;
    event.preventDefault();
    document.execCommand("insertText", false, text.normalize("NFC"));
  }, true);

  var local = location.hostname === "127.0.0.1" || location.hostname === "localhost" || location.hostname === "[::1]";
  var notice = document.getElementById("tb-editor-notice");
  if (data.configured !== "true" && !local) {
    document.getElementById("tb-editor-unconfigured").hidden = false;
    return;
  }
  if (notice) notice.hidden = true;
  var cms = document.createElement("script");
  cms.src = new URL(data.cms, script.src).href;
  document.body.appendChild(cms);
})();
