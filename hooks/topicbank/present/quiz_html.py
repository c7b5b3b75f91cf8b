"""A theme's quiz as a self-check block on its page (fragments/quiz.html, included by entry.html).

Readable without JavaScript: every question and choice is plain HTML. quiz.js adds the
"Kiểm tra" buttons, marks the answer and reveals the explanation and the source. The right
answer is never printed before checking: it is only the data-answer index, and the
explanation sits in a hidden block. Nothing is stored and nothing is sent (no form, no request).
"""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from .. import labels
from ..model import Bank, Entry, QuizQuestion
from ..render.jinja import render
from ..render.text import Link

QUIZ_ANCHOR = "tu-kiem-tra"
QUIZ_JS = "assets/js/quiz.js"
QUIZ_CSS = "assets/css/quiz.css"  # part of the site's one stylesheet (resources.SITE_CSS_PARTS)
QUIZ_TEMPLATE = "quiz.html"


@dataclass(frozen=True)
class QuestionView:
    number: int
    name: str  # tb-quiz-<number>: the block's id and the radio group's name
    answer: int  # 1-based index of the right choice
    question: str
    choices: tuple[str, ...]
    explain: str
    source: Link


@dataclass(frozen=True)
class QuizView:
    anchor: str
    heading: str
    intro: str
    js_href: str
    questions: tuple[QuestionView, ...]


def quiz_view(entry: Entry, bank: Bank, href_for: Callable[[str], str],
              asset_href: Callable[[str], str]) -> QuizView | None:
    """The quiz as plain values, or None when the theme has none.

    href_for(entry_id) and asset_href(site path) give links relative to the entry page. The quiz's
    script is linked from the block itself, so pages without a quiz do not load it; its few styles are in the
    site's one stylesheet (a stylesheet linked in the page's body would hold up its first paint on a phone).
    """
    if not entry.quiz:
        return None
    intro = (f"{len(entry.quiz)} câu hỏi trắc nghiệm để tự kiểm tra sau buổi sinh hoạt. "
             "Chọn một phương án rồi bấm «Kiểm tra». Trang không lưu và không gửi câu trả lời đi đâu.")
    questions = tuple(_question(entry, number, question, bank, href_for)
                      for number, question in enumerate(entry.quiz, start=1))
    return QuizView(QUIZ_ANCHOR, labels.SELF_CHECK, intro, asset_href(QUIZ_JS), questions)


def quiz_section(entry: Entry, bank: Bank, href_for: Callable[[str], str],
                 asset_href: Callable[[str], str], template_dirs: tuple[Path, ...] = ()) -> str | None:
    """The whole self-check block as HTML, or None when the theme has no quiz."""
    view = quiz_view(entry, bank, href_for, asset_href)
    return None if view is None else render(QUIZ_TEMPLATE, template_dirs, quiz=view)


def _question(entry: Entry, number: int, question: QuizQuestion, bank: Bank,
              href_for: Callable[[str], str]) -> QuestionView:
    answer = question.choices.index(question.answer) + 1  # the validator guarantees exactly one match
    return QuestionView(number, f"tb-quiz-{number}", answer, question.question, question.choices,
                        question.explain or "", _source(entry, question.source, bank, href_for))


def _source(entry: Entry, source: str, bank: Bank, href_for: Callable[[str], str]) -> Link:
    """A source title from the entry's sources (linked to its URL), or a link to the cited document's page."""
    for item in entry.sources:
        if item.title == source:
            return Link(item.title, item.url, external=True) if item.url else Link(item.title)
    document = bank.get(source)
    if document is not None:
        return Link(document.title, href_for(document.id))
    return Link(source)
