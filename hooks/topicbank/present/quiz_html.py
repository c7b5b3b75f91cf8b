"""A theme's quiz as a self-check block on its page (raw HTML inside the generated Markdown).

Readable without JavaScript: every question and choice is plain HTML. quiz.js adds the
"Kiểm tra" buttons, marks the answer and reveals the explanation and the source. The right
answer is never printed before checking: it is only the data-answer index, and the
explanation sits in a hidden block. Nothing is stored and nothing is sent (no form, no request).
"""
from __future__ import annotations

from collections.abc import Callable

from ..model import Bank, Entry, QuizQuestion
from ..render.text import esc

QUIZ_ANCHOR = "tu-kiem-tra"
QUIZ_JS = "assets/js/quiz.js"
QUIZ_CSS = "assets/css/quiz.css"


def quiz_section(entry: Entry, bank: Bank, href_for: Callable[[str], str],
                 asset_href: Callable[[str], str]) -> str | None:
    """The whole self-check block, or None when the theme has no quiz.

    href_for(entry_id) and asset_href(site path) give links relative to the entry page. The quiz's
    script and styles are linked from here, so pages without a quiz load neither.
    """
    if not entry.quiz:
        return None
    questions = "".join(_question(entry, number, question, bank, href_for)
                        for number, question in enumerate(entry.quiz, start=1))
    intro = (f"{len(entry.quiz)} câu hỏi trắc nghiệm để tự kiểm tra sau buổi sinh hoạt. "
             "Chọn một phương án rồi bấm «Kiểm tra». Trang không lưu và không gửi câu trả lời đi đâu.")
    return (f'\n<h2 id="{QUIZ_ANCHOR}" class="tb-quiz-title">Tự kiểm tra</h2>\n'
            f'<div class="tb-quiz" data-tb-quiz><link rel="stylesheet" href="{esc(asset_href(QUIZ_CSS))}">'
            f'<p class="tb-quiz-intro">{esc(intro)}</p>{questions}'
            f'<script src="{esc(asset_href(QUIZ_JS))}" defer></script></div>\n')


def _question(entry: Entry, number: int, question: QuizQuestion, bank: Bank, href_for: Callable[[str], str]) -> str:
    name = f"tb-quiz-{number}"
    answer = question.choices.index(question.answer) + 1  # the validator guarantees exactly one match
    choices = "".join(
        f'<div class="tb-quiz-choice"><input type="radio" name="{name}" id="{name}-{index}" value="{index}">'
        f'<label for="{name}-{index}">{esc(choice)}</label></div>'
        for index, choice in enumerate(question.choices, start=1))
    explain = f'<p class="tb-quiz-explanation">{esc(question.explain)}</p>' if question.explain else ""
    return (f'<div class="tb-quiz-question" id="{name}" data-answer="{answer}">'
            f'<fieldset><legend><span class="tb-quiz-number">Câu {number}.</span> {esc(question.question)}</legend>'
            f"{choices}</fieldset>"
            f'<button type="button" class="tb-quiz-check" hidden>Kiểm tra câu {number}</button>'
            f'<p class="tb-quiz-feedback" role="status" aria-live="polite"></p>'
            f'<div class="tb-quiz-explain" hidden>{explain}'
            f'<p class="tb-quiz-source">Nguồn: {_source(entry, question.source, bank, href_for)}</p></div></div>')


def _source(entry: Entry, source: str, bank: Bank, href_for: Callable[[str], str]) -> str:
    """A source title from the entry's sources (linked to its URL), or a link to the cited document's page."""
    for item in entry.sources:
        if item.title == source:
            if item.url:
                return f'<a href="{esc(item.url)}" rel="noopener noreferrer">{esc(item.title)}</a>'
            return esc(item.title)
    document = bank.get(source)
    if document is not None:
        return f'<a href="{esc(href_for(document.id))}">{esc(document.title)}</a>'
    return esc(source)
