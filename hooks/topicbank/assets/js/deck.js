/* The in-browser slide deck: one slide at a time; arrow keys, Page Up/Down, space, swipe, buttons.
   No library, no request: it only shows and hides slides that are already in the page. */
(function () {
  "use strict";
  var root = document.documentElement;
  var slides = Array.prototype.slice.call(document.querySelectorAll(".deck-slide"));
  if (!slides.length) { return; }
  root.classList.add("deck-js"); // already set by the page's <head>, before the first paint
  var status = document.getElementById("deck-status");
  var counter = document.querySelector('[data-deck="current"]');
  var prev = document.querySelector('[data-deck="prev"]');
  var next = document.querySelector('[data-deck="next"]');
  var notes = document.querySelector('[data-deck="notes"]');
  var fullscreen = document.querySelector('[data-deck="fullscreen"]');
  var index = 0;
  // Each slide is a group named by its number and title while they show one at a time (the page leaves the names
  // out: they would be the same on every slide of every deck).
  slides.forEach(function (slide, number) {
    var title = slide.querySelector("h2");
    slide.setAttribute("role", "group");
    slide.setAttribute("aria-roledescription", "trang chiếu");
    slide.setAttribute("aria-label", "Trang " + (number + 1) + "/" + slides.length + ": " + (title ? title.textContent : ""));
  });

  function fromHash() {
    var match = /^#trang-(\d+)$/.exec(window.location.hash);
    return match ? parseInt(match[1], 10) - 1 : 0;
  }

  function show(target, announce) {
    index = Math.min(Math.max(target, 0), slides.length - 1);
    slides.forEach(function (slide, number) { slide.hidden = number !== index; });
    counter.textContent = String(index + 1);
    prev.setAttribute("aria-disabled", String(index === 0));
    next.setAttribute("aria-disabled", String(index === slides.length - 1));
    if (announce) { status.textContent = slides[index].getAttribute("aria-label"); }
    if (window.history.replaceState) { window.history.replaceState(null, "", "#trang-" + (index + 1)); }
  }

  function go(step) { show(index + step, true); }

  function toggleFullscreen() {
    if (document.fullscreenElement) {
      document.exitFullscreen();
    } else if (root.requestFullscreen) {
      root.requestFullscreen().catch(function () { /* refused (no user gesture): stay in the window */ });
    }
  }

  function toggleNotes() {
    var on = root.classList.toggle("deck-notes-on");
    notes.setAttribute("aria-pressed", String(on));
  }

  prev.addEventListener("click", function () { go(-1); });
  next.addEventListener("click", function () { go(1); });
  notes.addEventListener("click", toggleNotes);
  fullscreen.addEventListener("click", toggleFullscreen);
  document.addEventListener("fullscreenchange", function () {
    fullscreen.setAttribute("aria-pressed", String(Boolean(document.fullscreenElement)));
  });

  document.addEventListener("keydown", function (event) {
    if (event.altKey || event.ctrlKey || event.metaKey) { return; }
    var tag = event.target && event.target.tagName;
    var onControl = tag === "BUTTON" || tag === "A";
    switch (event.key) {
      case "ArrowRight": case "ArrowDown": case "PageDown": go(1); break;
      case "ArrowLeft": case "ArrowUp": case "PageUp": go(-1); break;
      case " ": case "Spacebar":
        if (onControl) { return; } // space presses the focused button instead
        go(event.shiftKey ? -1 : 1); break;
      case "Home": show(0, true); break;
      case "End": show(slides.length - 1, true); break;
      case "f": case "F": toggleFullscreen(); break;
      case "n": case "N": toggleNotes(); break;
      default: return;
    }
    event.preventDefault();
  });

  var touchX = null, touchY = null;
  document.addEventListener("touchstart", function (event) {
    touchX = event.changedTouches[0].clientX;
    touchY = event.changedTouches[0].clientY;
  }, { passive: true });
  document.addEventListener("touchend", function (event) {
    if (touchX === null) { return; }
    var dx = event.changedTouches[0].clientX - touchX, dy = event.changedTouches[0].clientY - touchY;
    touchX = touchY = null;
    if (Math.abs(dx) > 50 && Math.abs(dx) > Math.abs(dy)) { go(dx < 0 ? 1 : -1); }
  }, { passive: true });

  window.addEventListener("hashchange", function () { show(fromHash(), true); });
  show(fromHash(), false);
  root.classList.add("deck-ready"); // the slides' hidden attributes rule from now on (deck.css)
}());
