"""The sourced quiz: invalid quizzes fail at their line; the self-check on theme pages works offline in Chromium."""
from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from topicbank import load_bank
from topicbank.present.quiz_html import quiz_section

ROOT = Path(__file__).resolve().parent.parent
VALID = ROOT / "tests" / "examples" / "valid"

THEME_HEAD = """---
kind: theme
title: Chuyên đề có câu trắc nghiệm sai
summary: Dùng để kiểm tra bộ kiểm tra câu trắc nghiệm.
status: draft
months: [3]
duration_minutes: 60
objectives:
  - Một mục đích.
questions:
  - Câu hỏi một?
  - Câu hỏi hai?
actions:
  - Việc làm một.
sources:
  - title: Nguồn chuyên đề
quiz:
"""
THEME_TAIL = """---

## Phần một

Nội dung.
"""

# (name, quiz item lines, expected code, the line (by its text) the problem must point at)
INVALID_QUIZZES = [
    ("no-answer", ['  - question: Câu không có đáp án?', '    choices: ["A", "B"]', "    source: Nguồn chuyên đề"],
     "missing-field", "  - question: Câu không có đáp án?"),
    ("answer-not-a-choice", ["  - question: Đáp án không trùng?", '    choices: ["A", "B"]', '    answer: "C"',
                             "    source: Nguồn chuyên đề"], "quiz-answer", '    answer: "C"'),
    ("repeated-choices", ["  - question: Phương án lặp?", '    choices: ["A", "A", "B"]', '    answer: "B"',
                          "    source: Nguồn chuyên đề"], "repeated-value", '    choices: ["A", "A", "B"]'),
    ("one-choice", ["  - question: Một phương án?", '    choices: ["A"]', '    answer: "A"',
                    "    source: Nguồn chuyên đề"], "too-short", '    choices: ["A"]'),
    ("unknown-source", ["  - question: Nguồn lạ?", '    choices: ["A", "B"]', '    answer: "A"',
                        "    source: nguon-khong-co"], "quiz-source", "    source: nguon-khong-co"),
]


@pytest.mark.parametrize("name, item, code, marker", INVALID_QUIZZES, ids=[case[0] for case in INVALID_QUIZZES])
def test_invalid_quiz_fails_at_its_line(tmp_path: Path, name: str, item: list[str], code: str, marker: str) -> None:
    bank_dir = tmp_path / "topics"
    bank_dir.mkdir()
    for example in VALID.glob("*.md"):
        shutil.copy(example, bank_dir / example.name)
    text = THEME_HEAD + "\n".join(item) + "\n" + THEME_TAIL
    (bank_dir / f"quiz-{name}.md").write_text(text, encoding="utf-8")
    expected_line = text.split("\n").index(marker) + 1

    result = load_bank(bank_dir, repo_root=tmp_path)

    found = [(problem.path, problem.line, problem.code) for problem in result.errors]
    assert found == [(f"topics/quiz-{name}.md", expected_line, code)], found
    assert not result.ok


def test_valid_example_quiz_loads() -> None:
    result = load_bank(VALID)
    assert result.ok, [problem.format() for problem in result.errors]
    theme = result.bank.get("vi-du-chuyen-de")
    assert [question.answer for question in theme.quiz] == ["16/6/2022", "B"]


def test_quiz_html_hides_the_answer_and_links_the_source() -> None:
    bank = load_bank(VALID).bank
    theme = bank.get("vi-du-chuyen-de")
    html = quiz_section(theme, bank, lambda entry_id: f"../{entry_id}/", lambda path: f"../../{path}")
    assert html.count("<fieldset>") == len(theme.quiz) == html.count("<legend>")
    assert html.count('type="radio"') == sum(len(question.choices) for question in theme.quiz)
    assert html.count("<label for=") == html.count('type="radio"')
    # the answer is an index in data-answer; explanation and source wait in hidden blocks, buttons appear with JS
    assert 'data-answer="1"' in html and 'data-answer="2"' in html
    assert html.count('<div class="tb-quiz-explain" hidden>') == len(theme.quiz)
    assert "tb-quiz-check" not in html and "tb-quiz-feedback" not in html  # quiz.js adds the buttons and results
    assert "Đáp án" not in html
    assert '<a href="../vi-du-van-ban/">Nghị quyết 21-NQ/TW ngày 16/6/2022 (ví dụ)</a>' in html  # document id
    assert '<a href="https://example.org/chuyen-de" rel="noopener noreferrer">Nguồn chuyên đề</a>' in html  # title
    assert quiz_section(bank.get("vi-du-huong-dan"), bank, str, str) is None


def _quiz_themes(built_site: Path) -> list[dict]:
    records = json.loads((built_site / "topics.json").read_text(encoding="utf-8"))["topics"]
    return [record for record in records if record["kind"] == "theme" and record["quiz"]]


def test_at_least_ten_themes_have_a_quiz_and_topics_json_counts_it(built_site: Path) -> None:
    themes = _quiz_themes(built_site)
    assert len(themes) >= 10, [theme["id"] for theme in themes]
    bank = load_bank(ROOT / "topics").bank
    for record in themes:
        assert record["quiz"] == len(bank.get(record["id"]).quiz)
        page = (built_site / record["url"] / "index.html").read_text(encoding="utf-8")
        assert page.count('class="tb-quiz-question"') == record["quiz"]


@pytest.mark.browser
def test_quiz_marks_right_and_wrong_and_shows_the_source(built_site: Path, site_url: str, page: object) -> None:
    record = _quiz_themes(built_site)[0]
    theme = load_bank(ROOT / "topics").bank.get(record["id"])
    question = theme.quiz[0]
    page.goto(site_url + record["url"])
    block = page.locator("#tb-quiz-1")
    assert block.locator(".tb-quiz-explain").is_hidden()
    assert block.locator("legend").inner_text().endswith(question.question)

    right = question.choices.index(question.answer) + 1
    wrong = 1 if right != 1 else 2
    block.locator(f"label[for='tb-quiz-1-{wrong}']").click()
    block.get_by_role("button", name="Kiểm tra câu 1").click()
    feedback = block.locator(".tb-quiz-feedback").inner_text()
    assert feedback.startswith("Chưa đúng") and question.answer in feedback
    assert block.locator(".tb-quiz-explain").is_visible()
    source = block.locator(".tb-quiz-source").inner_text()
    expected = theme.quiz[0].source
    document = load_bank(ROOT / "topics").bank.get(expected)
    assert (document.title if document else expected) in source
    assert "bạn chọn, chưa đúng" in block.locator(f"label[for='tb-quiz-1-{wrong}']").inner_text()

    block.locator(f"label[for='tb-quiz-1-{right}']").click()
    block.get_by_role("button", name="Kiểm tra câu 1").click()
    assert block.locator(".tb-quiz-feedback").inner_text() == "Đúng."
    assert "đáp án đúng" in block.locator(f"label[for='tb-quiz-1-{right}']").inner_text()
    assert page.evaluate("() => window.localStorage.length + window.sessionStorage.length") == 0
    assert page.outside_requests == []

    from axe_playwright_python.sync_playwright import Axe

    # Scoped to what this feature adds (the quiz, with its answers revealed, and the deck links): the
    # page-wide Material chrome is covered by test_site's axe test.
    results = Axe().run(page, context={"include": [[".tb-quiz"], [".tb-quiz-title"], [".tb-links-slides"]]})
    assert results.violations_count == 0, results.generate_report()


@pytest.mark.browser
def test_quiz_questions_readable_without_javascript(built_site: Path, site_url: str, browser: object) -> None:
    record = _quiz_themes(built_site)[0]
    context = browser.new_context(java_script_enabled=False)
    try:
        page = context.new_page()
        page.goto(site_url + record["url"])
        assert page.locator(".tb-quiz-question legend").count() == record["quiz"]
        assert page.locator(".tb-quiz-question legend").first.is_visible()
        assert page.locator(".tb-quiz-check").count() == 0  # quiz.js adds the buttons
        assert page.locator(".tb-quiz-explain").first.is_hidden()
    finally:
        context.close()
