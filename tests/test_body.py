"""The body tree (topicbank.body): every real body parses, and Word, the slides and search read the same words."""
from __future__ import annotations

import dataclasses
import html
import re
from pathlib import Path

import pytest

from topicbank import Bank, Entry, labels, load_bank
from topicbank.body import Block, Run, parse_body
from topicbank.kits.content import build_kit
from topicbank.kits.docx import KitDocx
from topicbank.present.markdown_blocks import body_sections
from topicbank.search.index import plain_text

ROOT = Path(__file__).resolve().parent.parent
WORD = re.compile(r"\w+")


@pytest.fixture(scope="module")
def bank() -> Bank:
    result = load_bank(ROOT / "topics")
    assert result.ok, [problem.format() for problem in result.errors]
    return result.bank


def _words(text: str) -> list[str]:
    return WORD.findall(text)


def _slide_words(entry: Entry, numbers: bool) -> list[str]:
    words: list[str] = []
    for section in body_sections(parse_body(entry.body).blocks, first_title=""):
        words += _words(section.title)
        for item in section.items:
            words += _words((item.label if numbers else "") + item.text)
    return words


def _docx_words(bank: Bank, entry: Entry) -> list[str]:
    """The words Word shows for the body: what follows the objectives in a handout with nothing after the body."""
    kit = build_kit(bank, entry)
    assert kit.handout is not None
    handout = dataclasses.replace(kit.handout, quotes=(), documents=(), sources=())
    writer = KitDocx(dataclasses.replace(kit, handout=handout))
    writer.handout()
    texts: list[str] = []
    for child in writer.doc.element.body.iterchildren():
        if child.tag.endswith("}p"):
            texts.append("".join(node.text or "" for node in child.iter() if node.tag.endswith("}t")))
        elif child.tag.endswith("}tbl"):
            texts += ["".join(node.text or "" for node in cell.iter() if node.tag.endswith("}t"))
                      for cell in child.iter() if cell.tag.endswith("}tc")]
    start = texts.index(labels.OBJECTIVES) + 1 + len(entry.objectives)
    return [word for text in texts[start:] for word in _words(text)]


def test_every_real_body_parses_and_keeps_every_word_the_page_shows(bank: Bank) -> None:
    for entry in bank.entries:
        body = parse_body(entry.body)
        assert bool(body.blocks) == bool(entry.body.strip()), entry.id
        for block in body.blocks:
            assert block.kind in ("heading", "paragraph", "item", "table"), (entry.id, block)
            assert block.text.strip(), (entry.id, block)
        # the page's words, read from the HTML with a regex: independent of the walker that made the blocks
        page_words = _words(html.unescape(re.sub(r"<[^>]+>", " ", body.html)))
        assert _words(body.text) == page_words, entry.id
        assert parse_body(entry.body) is body, "parsed once, then remembered"


def test_word_slides_and_search_read_the_same_words(bank: Bank) -> None:
    themes = [entry for entry in bank.of_kind("theme") if entry.body.strip()]
    assert themes
    for theme in themes:
        search = _words(plain_text(theme.body))
        assert _slide_words(theme, numbers=False) == search, theme.id
        assert _docx_words(bank, theme) == _slide_words(theme, numbers=True), theme.id


SAMPLE = """Mở đầu **đậm** và *nghiêng*, xem [trang](https://example.org/a) hoặc [mục](#muc).
Dòng nối tiếp cùng đoạn.  
Sau ngắt dòng &amp; <b>thẻ</b>.

## Phần một

3. ba
4. bốn
    - lồng

- mục rời

    đoạn thứ hai của mục

> Trích **dẫn**

| Cột | **Đậm** |
|---|---|
| a | b |

### Tiểu mục
"""


def test_the_blocks_of_every_construct_the_validator_allows() -> None:
    blocks = parse_body(SAMPLE).blocks
    kinds = [(block.kind, block.level, block.number, block.marker, block.quote) for block in blocks]
    assert kinds == [("paragraph", 0, None, True, False), ("heading", 2, None, True, False),
                     ("item", 1, 3, True, False), ("item", 1, 4, True, False), ("item", 2, None, True, False),
                     ("item", 1, None, True, False), ("item", 1, None, False, False),
                     ("paragraph", 0, None, True, True), ("table", 0, None, True, False),
                     ("heading", 3, None, True, False)]
    first = blocks[0]
    assert Run("đậm", bold=True) in first.runs and Run("nghiêng", italic=True) in first.runs
    assert Run("trang", link="https://example.org/a") in first.runs
    assert "cùng đoạn.\nSau" in first.text, "a soft break is a space, a hard break a line break"
    assert first.text.endswith("Sau ngắt dòng & thẻ."), "entities decoded, raw tags dropped, their words kept"
    assert blocks[-2].rows[0][1] == (Run("Đậm", bold=True),)


def test_slides_take_sections_links_quotes_and_rows_from_the_blocks() -> None:
    sections = body_sections(parse_body(SAMPLE).blocks, "Nội dung")
    assert [section.title for section in sections] == ["Nội dung", "Phần một"]
    assert sections[0].links == ["trang: https://example.org/a"], "anchors on the page stay out of the notes"
    items = sections[1].items
    assert [(item.label, item.level, item.bullet, item.continuation) for item in items[:5]] == [
        ("3. ", 0, True, False), ("4. ", 0, True, False), ("", 1, True, False), ("", 0, True, False),
        ("", 0, False, True)]
    quote = items[5]
    assert not quote.bullet and all(run.italic for run in quote.runs)
    assert [item.text for item in items[6:]] == ["Cột — Đậm", "a — b", "Tiểu mục"]
    assert items[-1].bold and not items[-1].bullet


def test_word_writes_link_addresses_and_its_own_numbers(bank: Bank) -> None:
    theme = next(entry for entry in bank.of_kind("theme") if entry.body.strip())
    words = _docx_words(bank, dataclasses.replace(theme, body=SAMPLE))
    text = " ".join(words)
    assert "trang https example org a" in text, "paper cannot be clicked: the address follows the link"
    assert "3 ba 4 bốn" in text
    assert words.count("muc") == 0, "an anchor on the page has no address worth printing"


def test_empty_body() -> None:
    assert parse_body("").blocks == () and parse_body(" \n").text == ""
    assert isinstance(parse_body("x").blocks[0], Block)


def test_the_site_settings_convert_the_body_and_a_change_of_them_forgets_the_old_html() -> None:
    from topicbank import body

    text = "## Phần một\n\n!!! note \"Lưu ý\"\n    Chữ trong hộp.\n"
    try:
        body.use_markdown(body.MarkdownSettings(("toc", "admonition"), {"toc": {"permalink": "#"}}))
        boxed = body.parse_body(text)
        assert '<div class="admonition note">' in boxed.html and 'class="headerlink"' in boxed.html
        assert [block.text for block in boxed.blocks] == ["Phần một", "Lưu ý", "Chữ trong hộp."], \
            "the permalink's # is no text; the box's title and words are"
        assert body.convert_body(text).toc_tokens[0]["id"] == "phan-mot"
        assert body.converted(text.strip() + "\n") is body.convert_body(text), "the page's Markdown finds it"
        assert body.converted(text.strip()) is None, "only the exact text the page converts"
        body.use_markdown(body.MarkdownSettings(("toc",)))
        assert "admonition" not in body.parse_body(text).html, "converted again with the new settings"
        assert body.converted(text.strip() + "\n").html == body.parse_body(text).html
    finally:
        body.use_markdown(body.MarkdownSettings())
