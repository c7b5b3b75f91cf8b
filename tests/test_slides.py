"""Slide decks for every theme: PPTX read back with python-pptx, converted by LibreOffice, and the browser deck in Chromium."""
from __future__ import annotations

import json
import math
import re
import shutil
import subprocess
from pathlib import Path

import pytest
from pptx import Presentation
from pptx.util import Emu

from topicbank import Bank, Entry, load_bank
from topicbank.present.output import SlidesOutput
from topicbank.present.slides_content import CELL_BLANK, build_deck

ROOT = Path(__file__).resolve().parent.parent
EMU_PER_PT = 12700
SECTION = re.compile(r"^##\s+(.+?)\s*$", re.MULTILINE)


@pytest.fixture(scope="module")
def bank() -> Bank:
    result = load_bank(ROOT / "topics")
    assert result.ok, [problem.format() for problem in result.errors]
    return result.bank


def _pptx(site: Path, entry: Entry) -> Path:
    return site / "trinh-chieu" / entry.id / f"{entry.id}.pptx"


def _shape_texts(slide: object) -> str:
    return "\n".join(shape.text_frame.text for shape in slide.shapes if shape.has_text_frame)


# -- an independent overflow estimate: average glyph width, no per-letter table ---------------

AVERAGE_EM = 0.48  # Liberation Sans/Arial on Vietnamese text averages 0.45 em; word wrapping wastes a little more
LINE_HEIGHT = 1.15


def _estimated_height_pt(shape: object) -> float:
    frame = shape.text_frame
    inner_width = (shape.width - frame.margin_left - frame.margin_right) / EMU_PER_PT
    total = 0.0
    for index, paragraph in enumerate(frame.paragraphs):
        sizes = [run.font.size.pt for run in paragraph.runs if run.font.size is not None]
        if not sizes:
            continue
        size = max(sizes)
        margin = int(paragraph._pPr.get("marL", "0")) / EMU_PER_PT if paragraph._pPr is not None else 0
        chars = len(paragraph.text)
        lines = max(1, math.ceil(chars * AVERAGE_EM * size / (inner_width - margin)))
        total += lines * size * LINE_HEIGHT
        if index and paragraph.space_before is not None:
            total += paragraph.space_before.pt
    return total


def test_every_theme_has_a_deck_and_topics_json_links_it(built_site: Path, bank: Bank) -> None:
    records = {record["id"]: record
               for record in json.loads((built_site / "topics.json").read_text(encoding="utf-8"))["topics"]}
    themes = bank.of_kind("theme")
    assert themes
    for theme in themes:
        assert (built_site / "trinh-chieu" / theme.id / "index.html").is_file(), theme.id
        assert _pptx(built_site, theme).is_file(), theme.id
        assert records[theme.id]["slides"] == {"html": f"trinh-chieu/{theme.id}/",  # pages as folders, as "url"
                                               "pptx": f"trinh-chieu/{theme.id}/{theme.id}.pptx"}
        page = (built_site / "muc" / theme.id / "index.html").read_text(encoding="utf-8")
        assert f'href="../../trinh-chieu/{theme.id}/index.html"' in page
        assert f'href="../../trinh-chieu/{theme.id}/{theme.id}.pptx"' in page
    assert not list((built_site / "trinh-chieu").rglob("*.tmp")), "a half-written file was left behind"
    search = json.loads((built_site / "search" / "search_index.json").read_text(encoding="utf-8"))
    assert [doc["location"] for doc in search["docs"] if doc["location"].startswith("trinh-chieu/")] == []


def test_pptx_read_back(built_site: Path, bank: Bank) -> None:
    for theme in bank.of_kind("theme"):
        presentation = Presentation(str(_pptx(built_site, theme)))
        assert (presentation.slide_width, presentation.slide_height) == (Emu(12192000), Emu(6858000)), "16:9"
        slides = list(presentation.slides)
        titles = [slide.shapes.title.text_frame.text for slide in slides]
        sections = SECTION.findall(theme.body)
        intro = ["Nội dung"] if theme.body.split("## ")[0].strip() else []  # text before the first heading
        label = bank.schema.label  # headings are the schema's x-label of each field, as on the page
        closing = label("references") if theme.references else label("sources")
        # the expected order, written from the entry itself (not from the code that made the deck)
        expected = ([theme.title, label("objectives")] + intro + sections + [label("quotes")] * len(theme.quotes)
                    + [label("questions"), label("actions"), closing])
        assert [title for title in titles if not title.endswith(" (tiếp)")] == expected, (theme.id, titles)
        for before, title in zip(titles, titles[1:]):
            if title.endswith(" (tiếp)"):  # a continued slide follows its own first part
                assert before.removesuffix(" (tiếp)") == title.removesuffix(" (tiếp)"), (theme.id, title)
        assert titles == [slide.title for slide in build_deck(theme, bank).slides]

        cover = _shape_texts(slides[0])
        assert CELL_BLANK in cover
        for month in theme.months:
            assert f"tháng {month}" in cover
        if theme.series == "chi-thi-05":
            assert f"Chuyên đề năm {theme.year} — Chỉ thị 05-CT/TW" in cover

        everything = "\n".join(_shape_texts(slide) for slide in slides)
        for quote in theme.quotes:
            holders = [slide for slide in slides if slide.shapes.title.text_frame.text.startswith("Trích dẫn")
                       and quote.text.strip()[:40] in _shape_texts(slide)]
            assert holders and all(quote.source in _shape_texts(slide) for slide in holders), (theme.id, quote.source)
        for action in theme.actions:
            assert action in everything
        for document_id in theme.references:
            document = bank.get(document_id)
            assert document.title in everything
            assert bank.schema.enum_label("validity", document.validity) in everything

        for number, slide in enumerate(slides, start=1):
            assert slide.has_notes_slide and slide.notes_slide.notes_text_frame.text.strip(), (theme.id, number)
            for shape in slide.shapes:
                assert shape.left >= 0 and shape.top >= 0, (theme.id, number, shape.name)
                assert shape.left + shape.width <= presentation.slide_width, (theme.id, number, shape.name)
                assert shape.top + shape.height <= presentation.slide_height, (theme.id, number, shape.name)
                if not shape.has_text_frame or not shape.text_frame.text.strip():
                    continue
                for paragraph in shape.text_frame.paragraphs:
                    for run in paragraph.runs:
                        assert run.font.name == "Arial", (theme.id, number, run.text)
                room = (shape.height - shape.text_frame.margin_top - shape.text_frame.margin_bottom) / EMU_PER_PT
                assert _estimated_height_pt(shape) <= room, (theme.id, number, shape.name, shape.text_frame.text[:80])


def test_long_sections_are_split_and_nothing_is_lost(bank: Bank) -> None:
    theme = next(entry for entry in bank.of_kind("theme") if entry.body)
    long_body = "## Phần rất dài\n\n" + "\n\n".join(
        f"Đoạn {n}: chi bộ bàn cách làm cho đảng viên nắm chắc nội dung, liên hệ với công việc hằng ngày "
        f"và đăng ký việc làm cụ thể, có người phụ trách và thời hạn báo cáo kết quả." for n in range(1, 16))
    from dataclasses import replace

    deck = build_deck(replace(theme, body=long_body, quotes=()), bank)
    parts = [slide for slide in deck.slides if slide.title.startswith("Phần rất dài")]
    assert len(parts) >= 3 and parts[1].title == "Phần rất dài (tiếp)"
    shown = " ".join(item.text for slide in parts for item in slide.items)
    assert all(f"Đoạn {n}:" in shown for n in range(1, 16))


@pytest.mark.slow
def test_libreoffice_converts_a_deck_to_pdf(built_site: Path, bank: Bank, tmp_path: Path) -> None:
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if soffice is None:
        pytest.fail("LibreOffice is missing: apt-get install libreoffice-impress (see .ci/run)")
    from pypdf import PdfReader
    from PIL import Image

    theme = max(bank.of_kind("theme"), key=lambda entry: len(entry.body))  # the most slides
    source = tmp_path / "deck.pptx"
    shutil.copy(_pptx(built_site, theme), source)
    profile = tmp_path / "profile"  # our own profile: another soffice running must not get in the way
    result = subprocess.run([soffice, f"-env:UserInstallation=file://{profile}", "--headless", "--convert-to", "pdf",
                             "--outdir", str(tmp_path), str(source)], capture_output=True, text=True, timeout=240)
    assert result.returncode == 0, result.stderr
    assert "error" not in (result.stdout + result.stderr).lower().replace("javaldx", ""), result.stderr
    pdf = tmp_path / "deck.pdf"
    slide_count = len(Presentation(str(source)).slides)
    assert len(PdfReader(str(pdf)).pages) == slide_count

    subprocess.run(["pdftoppm", "-r", "40", "-png", "-f", "1", "-l", "3", str(pdf), str(tmp_path / "page")], check=True)
    pages = sorted(tmp_path.glob("page-*.png"))
    cover, content = Image.open(pages[0]).convert("RGB"), Image.open(pages[2]).convert("RGB")
    assert abs(cover.width / cover.height - 16 / 9) < 0.02
    red = cover.getpixel((cover.width // 20, cover.height // 20))
    assert abs(red[0] - 0xA3) < 12 and red[1] < 40 and red[2] < 40, red  # the cover is Party red
    assert content.getpixel((content.width // 2, content.height - 5)) == (255, 255, 255)  # content slides are white
    dark = sum(1 for pixel in content.get_flattened_data() if sum(pixel) < 200)
    assert dark > content.width * content.height * 0.01, "the content slide shows text"


def test_formats_without_pptx_skips_it(bank: Bank, tmp_path: Path) -> None:
    import logging

    from topicbank.render.text import Urls

    output = SlidesOutput(False, tmp_path / "cache")
    theme = bank.of_kind("theme")[0]
    assert output.links(bank)[theme.id] == {"html": f"trinh-chieu/{theme.id}/index.html"}
    output.write(bank, tmp_path / "site", Urls(), logging.getLogger("test"))
    assert (tmp_path / "site" / "trinh-chieu" / theme.id / "index.html").is_file()
    assert not list((tmp_path / "site").rglob("*.pptx")) and not (tmp_path / "cache").exists()


def test_pptx_cache_is_reused_and_follows_the_content(bank: Bank, tmp_path: Path,
                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    import logging
    from dataclasses import replace

    from topicbank.render.text import Urls

    themes = bank.of_kind("theme")[:3]
    small = Bank(tuple(themes) + tuple(bank.of_kind("document")), bank.schema, bank.vocabulary)
    output = SlidesOutput(True, tmp_path / "cache", workers=2)
    log = logging.getLogger("test")
    output.write(small, tmp_path / "one", Urls(), log)
    assert output.last_stats["pptx_built"] == 3
    output.write(small, tmp_path / "two", Urls(), log)
    assert output.last_stats["pptx_built"] == 0
    assert (tmp_path / "two" / "trinh-chieu" / themes[0].id / f"{themes[0].id}.pptx").read_bytes() == \
        (tmp_path / "one" / "trinh-chieu" / themes[0].id / f"{themes[0].id}.pptx").read_bytes()
    changed = Bank(tuple([replace(themes[0], title=themes[0].title + " (sửa)")] + themes[1:])
                   + tuple(bank.of_kind("document")), bank.schema, bank.vocabulary)
    output.write(changed, tmp_path / "three", Urls(), log)
    assert output.last_stats["pptx_built"] == 1
    assert not list((tmp_path / "cache").glob("*.tmp"))


def test_a_broken_theme_fails_with_its_name(bank: Bank, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import logging

    from topicbank.outputs import OutputError
    from topicbank.present import output as output_module
    from topicbank.render.text import Urls

    def explode(*_: object) -> None:
        raise ValueError("hỏng")

    monkeypatch.setattr(output_module, "build_deck", explode)
    with pytest.raises(OutputError, match=bank.of_kind("theme")[0].id):
        SlidesOutput(True, tmp_path).write(bank, tmp_path / "site", Urls(), logging.getLogger("test"))


# -- the browser deck -------------------------------------------------------------------------

def test_deck_page_has_no_inline_style_and_deck_css_holds_its_rules(bank: Bank) -> None:
    from topicbank.present.html_deck import deck_html, deck_rules
    from topicbank.resources import ASSETS_DIR

    assert deck_rules() in (ASSETS_DIR / "css" / "deck.css").read_text(encoding="utf-8"), \
        "run: python -c 'from topicbank.present.html_deck import deck_rules; print(deck_rules())' and paste it into deck.css"
    theme = max(bank.of_kind("theme"), key=lambda entry: len(entry.body))
    page = deck_html(build_deck(theme, bank), "../../muc/x/", None)
    assert " style=" not in page and "<style" not in page
    assert set(re.findall(r"deck-pt-\d+", page)) <= set(re.findall(r"\.(deck-pt-\d+)\{", deck_rules()))
    assert '<meta name="description" content="Trình chiếu chuyên đề «' in page
    notes = re.findall(r'<aside aria-label="([^"]+)"', page)
    assert notes and len(set(notes)) == len(notes), "each slide's notes landmark has its own label"
    # Lean markup, repeated on every slide of every deck: deck.js names the slides; a box's usual size is its rule.
    assert 'role="group"' not in page and "aria-roledescription=\"trang chiếu\"" not in page
    assert "deck-box" not in page and "deck-item" not in page and "deck-pt-32" not in page.split("deck-title", 1)[1][:12]


def _visible_slide(page: object) -> int:
    return page.evaluate("() => [...document.querySelectorAll('.deck-slide')].findIndex(s => !s.hidden) + 1")


@pytest.mark.browser
def test_browser_deck_moves_with_keys_and_swipe_offline(site_url: str, page: object, bank: Bank) -> None:
    theme = max(bank.of_kind("theme"), key=lambda entry: len(entry.body))
    total = len(build_deck(theme, bank).slides)
    page.set_viewport_size({"width": 1280, "height": 720})
    page.goto(f"{site_url}trinh-chieu/{theme.id}/index.html")
    assert _visible_slide(page) == 1
    assert page.locator(".deck-slide:not([hidden])").count() == 1
    assert page.locator(".deck-slide:not([hidden]) h2").inner_text() == theme.title
    for key, expected in (("ArrowRight", 2), ("PageDown", 3), ("Space", 4), ("ArrowLeft", 3), ("PageUp", 2),
                          ("ArrowDown", 3), ("ArrowUp", 2), ("End", total), ("Home", 1)):
        page.keyboard.press(key)
        assert _visible_slide(page) == expected, key
    assert page.locator("#deck-status").inner_text().startswith("Trang 1/")
    page.get_by_role("button", name="Trang sau").click()
    assert _visible_slide(page) == 2
    swipe = """([from, to]) => {
        const touch = x => new Touch({identifier: 1, target: document.body, clientX: x, clientY: 300});
        document.dispatchEvent(new TouchEvent('touchstart', {changedTouches: [touch(from)], bubbles: true}));
        document.dispatchEvent(new TouchEvent('touchend', {changedTouches: [touch(to)], bubbles: true}));
    }"""
    page.evaluate(swipe, [900, 300])
    assert _visible_slide(page) == 3
    page.evaluate(swipe, [300, 900])
    assert _visible_slide(page) == 2
    assert page.url.endswith("#trang-2")
    # no slide's text runs out of its box in the browser either
    overflowing = page.evaluate("""() => [...document.querySelectorAll('.deck-slide')].flatMap((slide, i) => {
        slide.hidden = false;
        const bad = [...slide.querySelectorAll('.deck-body, .deck-quote, .deck-cover-lines')]
            .filter(box => box.scrollHeight > box.clientHeight + 1).map(() => i + 1);
        slide.hidden = i !== 1;
        return bad; })""")
    assert overflowing == []
    assert page.outside_requests == []


@pytest.mark.browser
def test_browser_deck_is_accessible(site_url: str, page: object, bank: Bank) -> None:
    from axe_playwright_python.sync_playwright import Axe

    theme = bank.of_kind("theme")[0]
    page.goto(f"{site_url}trinh-chieu/{theme.id}/index.html")
    page.keyboard.press("ArrowRight")
    page.get_by_role("button", name="Trang sau").focus()
    results = Axe().run(page)
    assert results.violations_count == 0, results.generate_report()
    page.keyboard.press("n")
    assert page.get_by_role("button", name="Ghi chú").get_attribute("aria-pressed") == "true"
    results = Axe().run(page)
    assert results.violations_count == 0, results.generate_report()
    assert page.outside_requests == []


@pytest.mark.browser
def test_browser_deck_without_javascript_shows_every_slide(site_url: str, browser: object, bank: Bank) -> None:
    theme = bank.of_kind("theme")[0]
    context = browser.new_context(java_script_enabled=False)
    try:
        page = context.new_page()
        page.goto(f"{site_url}trinh-chieu/{theme.id}/index.html")
        count = page.locator(".deck-slide").count()
        assert count == len(build_deck(theme, bank).slides)
        assert all(page.locator(".deck-slide").nth(i).is_visible() for i in range(count))
    finally:
        context.close()
