/* Self-check quiz on theme pages: marks the chosen answer, then shows the explanation and the source.
   Keeps nothing (no storage) and sends nothing (no form, no request). Without JavaScript the
   questions stay readable and there is no "Kiểm tra" button: this script adds them. */
(function () {
  "use strict";

  function labelOf(input) {
    return input ? document.querySelector('label[for="' + input.id + '"]') : null;
  }

  function clearMarks(question) {
    question.querySelectorAll(".tb-quiz-mark").forEach(function (mark) { mark.remove(); });
    question.querySelectorAll(".tb-quiz-choice").forEach(function (choice) {
      choice.classList.remove("tb-quiz-right", "tb-quiz-wrong");
    });
  }

  function mark(input, text, css) {
    var label = labelOf(input);
    if (!label) { return; }
    label.parentNode.classList.add(css);
    var span = document.createElement("span");
    span.className = "tb-quiz-mark";
    span.textContent = text;
    label.appendChild(span);
  }

  function check(question) {
    var feedback = question.querySelector(".tb-quiz-feedback");
    var explain = question.querySelector(".tb-quiz-explain");
    var chosen = question.querySelector("input[type=radio]:checked");
    var right = question.querySelector('input[type=radio][value="' + question.getAttribute("data-answer") + '"]');
    clearMarks(question);
    if (!chosen) {
      feedback.className = "tb-quiz-feedback tb-quiz-empty";
      feedback.textContent = "Hãy chọn một phương án rồi bấm «Kiểm tra».";
      return;
    }
    var correct = chosen === right;
    mark(right, " — đáp án đúng", "tb-quiz-right");
    if (!correct) { mark(chosen, " — bạn chọn, chưa đúng", "tb-quiz-wrong"); }
    feedback.className = "tb-quiz-feedback " + (correct ? "tb-quiz-ok" : "tb-quiz-no");
    feedback.textContent = correct ? "Đúng." : "Chưa đúng. Đáp án đúng: " + labelOf(right).firstChild.textContent + ".";
    explain.hidden = false;
  }

  // Each question's button and result line are made here: without JavaScript they would do nothing, and the page
  // leaves them out (they would be repeated on every question of every theme).
  function setUp(root) {
    root.querySelectorAll(".tb-quiz-question").forEach(function (question) {
      if (question.hasAttribute("data-ready")) { return; }
      question.setAttribute("data-ready", "");
      var button = document.createElement("button");
      button.type = "button";
      button.className = "tb-quiz-check";
      button.textContent = "Kiểm tra câu " + question.id.replace(/^tb-quiz-/, "");
      var feedback = document.createElement("p");
      feedback.className = "tb-quiz-feedback";
      feedback.setAttribute("role", "status");
      feedback.setAttribute("aria-live", "polite");
      var fieldset = question.querySelector("fieldset");
      fieldset.after(button, feedback);
      button.addEventListener("click", function () { check(question); });
    });
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", function () { setUp(document); });
  } else {
    setUp(document);
  }
}());
