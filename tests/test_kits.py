"""Printable meeting kits (issue 4): content, PDF, DOCX, the print page in Chromium, the cache."""
from __future__ import annotations

import json
import logging
import os
import re
import shutil
import unicodedata
from pathlib import Path

import pytest
from conftest import ROOT, build_site

from topicbank import Bank, load_bank
from topicbank.kits import KitOutput
from topicbank.settings import BuildSettings, check_formats
from topicbank.kits import forms
from topicbank.kits import output as kit_output
from topicbank.kits.body import body_html
from topicbank.kits.cache import KitCache
from topicbank.kits.content import build_kit, default_thematic_programme, kit_entries
from topicbank.outputs import OutputError
from topicbank.render.text import Urls

EXAMPLES = ROOT / "tests" / "examples" / "valid"
THEME_PARTS = [forms.PART_PROGRAMME, forms.PART_HANDOUT, forms.PART_QUESTIONS, forms.PART_COMMITMENT]
COMMON_PARTS = [forms.PART_ATTENDANCE, forms.PART_MINUTES, forms.PART_EVALUATION]


def _bank(topics: Path) -> Bank:
    result = load_bank(topics, repo_root=ROOT)
    assert result.ok, [problem.format() for problem in result.errors]
    return result.bank


@pytest.fixture(scope="module")
def real_bank() -> Bank:
    return _bank(ROOT / "topics")


@pytest.fixture(scope="module")
def example_bank() -> Bank:
    return _bank(EXAMPLES)


def _pdf_text(path: Path) -> str:
    from pypdf import PdfReader

    text = "\n".join(page.extract_text() or "" for page in PdfReader(path).pages)
    return unicodedata.normalize("NFC", text)


def _squash(text: str) -> str:
    """Extracted text breaks lines anywhere: compare without whitespace."""
    return re.sub(r"\s+", "", unicodedata.normalize("NFC", text))


def _vietnamese_letters(text: str) -> set[str]:
    return {char for char in unicodedata.normalize("NFC", text) if char.isalpha() and not char.isascii()}


def _source_text(entry) -> str:
    body = re.sub(r"<[^>]+>", " ", body_html(entry.body))
    quotes = [quote.text + " " + quote.source for quote in entry.quotes]
    return " ".join([entry.title, entry.summary, body, *entry.objectives, *entry.questions, *entry.actions, *quotes])


# -- content, without rendering -----------------------------------------------------------------

def test_default_thematic_programme_follows_hd12_and_lasts_90_minutes(real_bank: Bank) -> None:
    for theme in real_bank.of_kind("theme"):
        programme = default_thematic_programme(theme)
        assert programme.minutes >= 90, theme.id
        assert programme.steps[0].title == "Khai mạc" and programme.steps[-1].title == "Bế mạc"
        assert [step.start for step in programme.steps] == [sum(s.minutes for s in programme.steps[:i])
                                                           for i in range(len(programme.steps))]
        assert "12-HD/BTCTW" in programme.origin


def test_theme_kit_uses_the_agenda_that_lists_it(example_bank: Bank) -> None:
    kit = build_kit(example_bank, example_bank.by_id["vi-du-chuyen-de"])
    agenda = example_bank.by_id["vi-du-chuong-trinh"]
    assert [step.title for step in kit.programme.steps] == [step.title for step in agenda.steps]
    assert [step.start for step in kit.programme.steps] == [0, 10, 70]
    assert agenda.title in kit.programme.origin
    assert build_kit(example_bank, agenda).themes == (example_bank.by_id["vi-du-chuyen-de"].title,)


def test_the_handout_body_is_the_pages_conversion_headings_down_without_their_anchors() -> None:
    from topicbank import body

    text = "## Ý nghĩa {.rieng}\n\nChữ.\n\n### Câu hỏi\n"
    try:
        body.use_markdown(body.MarkdownSettings(("toc", "attr_list"), {"toc": {"permalink": "#"}}))
        assert 'id="y-nghia"' in body.parse_body(text).html and "headerlink" in body.parse_body(text).html
        assert body_html(text) == '<h3 class="rieng">Ý nghĩa</h3>\n<p>Chữ.</p>\n<h4>Câu hỏi</h4>', \
            "paper cannot follow a permalink, and the kit page's own ids must not meet the body's"
    finally:
        body.use_markdown(body.MarkdownSettings())


def test_evaluation_sheet_scores_100_points_in_its_groups() -> None:
    assert forms.evaluation_total() == 100
    for group in forms.EVALUATION_GROUPS:
        assert sum(item.points for item in group.criteria) == group.points, group.title
    assert [name for name, _ in forms.EVALUATION_BANDS] == ["Tốt", "Khá", "Trung bình", "Kém"]


def test_formats_option_picks_each_outputs_formats(tmp_path: Path) -> None:
    settings = BuildSettings(banks=(), site_root=tmp_path, formats=check_formats("formats", "pptx, HTML ,docx"))
    assert settings.formats_among(KitOutput.formats_offered) == ("html", "docx")
    assert BuildSettings(banks=(), site_root=tmp_path, formats=("pptx",)).formats_among(KitOutput.formats_offered) == ()


def test_cache_key_follows_what_the_kit_reads(example_bank: Bank, tmp_path: Path) -> None:
    cache = KitCache(tmp_path, "toolchain")
    theme = example_bank.by_id["vi-du-chuyen-de"]
    key = cache.key(build_kit(example_bank, theme))
    assert cache.key(build_kit(example_bank, theme)) == key
    document = example_bank.by_id["vi-du-van-ban"]
    changed = Bank(tuple(entry if entry is not document else _replace(document, validity="expired")
                         for entry in example_bank.entries), example_bank.schema, example_bank.vocabulary)
    assert cache.key(build_kit(changed, changed.by_id[theme.id])) != key  # a cited document's validity
    assert KitCache(tmp_path, "other toolchain").key(build_kit(example_bank, theme)) != key


def test_print_pages_are_cached_in_one_file_that_keeps_other_formats_pages(tmp_path: Path) -> None:
    from topicbank.kits.cache import PageBundle

    full, served = "page-html+pdf+docx.html", "page-html.html"  # a full build's print page, serve's
    first = KitCache(tmp_path, "toolchain", bundle_pages=True)
    assert not first.has("a" * 40, full)
    first.store("a" * 40, full, b"<p>a</p>")
    first.store("b" * 40, full, b"<p>b</p>")
    first.store("a" * 40, served, b"<p>a, serve</p>")
    first.store("c" * 40, "print.pdf", b"%PDF")  # not a page: its own file, as before
    first.save()
    assert sorted(path.relative_to(tmp_path).as_posix() for path in tmp_path.rglob("*") if path.is_file()) == [
        f"cc/{'c' * 40}/print.pdf", PageBundle.NAME]
    # the next build asks for a's full page only: b's goes, serve's page of a stays (another artifact)
    second = KitCache(tmp_path, "toolchain", bundle_pages=True)
    assert second.has("a" * 40, full) and second.read("a" * 40, full) == b"<p>a</p>"
    second.save()
    third = KitCache(tmp_path, "toolchain", bundle_pages=True)
    assert not third.has("b" * 40, full)
    assert third.has("a" * 40, served) and third.read("a" * 40, served) == b"<p>a, serve</p>"
    assert third.has("c" * 40, "print.pdf")
    # nothing made and nothing dropped: the file is not written again
    written = (tmp_path / PageBundle.NAME).stat().st_mtime_ns
    third.save()
    assert (tmp_path / PageBundle.NAME).stat().st_mtime_ns == written


def test_a_damaged_page_bundle_is_taken_as_empty(tmp_path: Path) -> None:
    from topicbank.kits.cache import PageBundle

    cache = KitCache(tmp_path, "toolchain", bundle_pages=True)
    cache.store("a" * 40, "page-html.html", b"<p>a</p>")
    cache.save()
    bundle = tmp_path / PageBundle.NAME
    data = bundle.read_bytes()
    bundle.write_bytes(data.replace(b"<p>a</p>", b"<p>b</p>"))  # the page's checksum no longer matches
    damaged = KitCache(tmp_path, "toolchain", bundle_pages=True)
    assert not damaged.has("a" * 40, "page-html.html")  # made again, not read wrong
    damaged.store("a" * 40, "page-html.html", b"<p>a</p>")
    damaged.save()
    bundle.write_bytes(b"not a zip")
    assert not KitCache(tmp_path, "toolchain", bundle_pages=True).has("a" * 40, "page-html.html")


def test_a_page_bundle_another_process_holds_open_is_left_as_it_is(tmp_path: Path, monkeypatch) -> None:
    import os

    from topicbank.kits.cache import PageBundle

    def refused(source: object, target: object) -> None:
        raise PermissionError("the file is open in another process")  # what Windows says

    cache = KitCache(tmp_path, "toolchain", bundle_pages=True)
    cache.store("a" * 40, "page-html.html", b"<p>a</p>")
    monkeypatch.setattr(os, "replace", refused)
    cache.save()  # the build goes on; the page is made again next time
    assert not (tmp_path / PageBundle.NAME).exists() and list(tmp_path.iterdir()) == []


def test_fingerprint_is_asdict_json_and_follows_the_body_organisation_and_agenda(example_bank: Bank) -> None:
    import dataclasses

    for entry in kit_entries(example_bank):  # the text the key always hashed, so caches stay valid
        kit = build_kit(example_bank, entry)
        assert kit.fingerprint_data() == json.dumps(dataclasses.asdict(kit), ensure_ascii=False, sort_keys=True,
                                                    default=str)
    theme = example_bank.by_id["vi-du-chuyen-de"]
    kit = build_kit(example_bank, theme)
    edited = build_kit(example_bank, _replace(theme, body=theme.body + "\n\nMột đoạn mới."))
    assert edited.fingerprint_data() != kit.fingerprint_data()
    assert dataclasses.replace(kit, organisation="Đảng bộ xã A").fingerprint_data() != kit.fingerprint_data()
    step = kit.programme.steps[0]
    moved = dataclasses.replace(kit, programme=dataclasses.replace(
        kit.programme, steps=(dataclasses.replace(step, minutes=step.minutes + 1), *kit.programme.steps[1:])))
    assert moved.fingerprint_data() != kit.fingerprint_data()


def test_the_print_page_takes_the_shared_sheets_from_one_file_and_the_pdf_has_them_inline(example_bank: Bank,
                                                                                        tmp_path: Path) -> None:
    import dataclasses

    from topicbank.kits.print_html import PrintPage, sheets_of

    shared_names = set()
    for entry in kit_entries(example_bank):
        kit = build_kit(example_bank, entry)
        page = PrintPage(kit)
        html, pdf_source, shared = page.document(with_form=True), page.document(with_form=False), page.shared()
        assert re.findall(r'<section class="kit-part kit-(attendance|minutes|evaluation)', html) == []
        assert f'<script src="../{shared.name}.js"></script>' in html
        # The fill-in form, the same on every page, comes from the shared file too, where it stands in the page.
        assert 'id="kit-form"' not in html and 'id="kit-form"' in shared.form and 'id="kit-form"' not in pdf_source
        assert f'<p class="kit-screen-title">Bộ tài liệu in — {kit.title}</p><script src="../{shared.name}-bieu-mau.js">' \
            in html
        assert f'placeholder="{kit.attendance_rows}"' in shared.form
        assert f'<a href="../{shared.name}.html">' in html and 'id="kit-shared-link"' in html
        assert sheets_of(pdf_source, ("attendance", "minutes", "evaluation")) == shared.sheets  # the PDF: inline
        for part in COMMON_PARTS:
            assert part in shared.sheets and part in shared.page and part not in html
        assert json.loads(shared.script.split("beforebegin\",", 1)[1].split(");var l=", 1)[0]) == shared.sheets
        shared_names.add(shared.name)
        other = PrintPage(dataclasses.replace(kit, attendance_rows=kit.attendance_rows + 1)).shared()
        assert other.name != shared.name and other.sheets.count("<tr>") > shared.sheets.count("<tr>")
        named = PrintPage(dataclasses.replace(kit, organisation="Đảng bộ xã A")).shared()
        assert named.name != shared.name and "XÃ A" in named.sheets
    assert len(shared_names) == 1  # the example theme and agenda are both combined meetings: one file for both
    site = tmp_path / "site"
    output = KitOutput(("html",), tmp_path / "cache")
    output.write(example_bank, site, Urls(), logging.getLogger("test"))
    (name,) = shared_names
    assert sorted(path.name for path in (site / "bo-tai-lieu").glob("to-chung-*")) == [
        f"{name}-bieu-mau.js", f"{name}.html", f"{name}.js"]
    rendered = {path: path.read_bytes() for path in (site / "bo-tai-lieu").glob("*/index.html")}  # from memory
    shutil.rmtree(site)
    output.write(example_bank, site, Urls(), logging.getLogger("test"))  # every page from the cache: the files still
    assert (site / "bo-tai-lieu" / f"{name}.js").is_file() and output.stats["rendered"] == 0
    assert rendered and {path: path.read_bytes() for path in rendered} == rendered  # the cache holds the same pages


def test_a_sites_kit_template_without_the_shared_sheets_keeps_them_in_the_page(example_bank: Bank,
                                                                              tmp_path: Path) -> None:
    from topicbank.kits.print_html import PrintPage

    (tmp_path / "kit.html").write_text("{% for name in parts %}{{ name }} {% endfor %}", encoding="utf-8")
    page = PrintPage(build_kit(example_bank, example_bank.by_id["vi-du-chuyen-de"]), template_dirs=(tmp_path,))
    assert page.shared() is None
    assert page.document(with_form=True).endswith("attendance minutes evaluation ")


def test_overriding_the_paper_macros_renders_the_kits_again(tmp_path: Path) -> None:
    overrides = tmp_path / "overrides"
    overrides.mkdir()
    before = KitOutput(("html",), tmp_path, template_dirs=(overrides,))._fragments_hash()
    (overrides / "_paper.html").write_text("{% macro blank(key) %}{% endmacro %}", encoding="utf-8")
    assert KitOutput(("html",), tmp_path, template_dirs=(overrides,))._fragments_hash() != before


def _replace(entry, **changes):
    import dataclasses

    return dataclasses.replace(entry, **changes)


def _broken_render(job):
    raise RuntimeError("hỏng")


@pytest.mark.parametrize("workers", [1, 2])
def test_failing_kit_fails_with_the_entry_id_and_writes_nothing(example_bank: Bank, tmp_path: Path, workers: int,
                                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(kit_output, "render_job", _broken_render)  # forked workers inherit the patch
    output = KitOutput(("html", "pdf"), tmp_path / "cache", workers=workers)
    with pytest.raises(OutputError, match="vi-du-chuong-trinh|vi-du-chuyen-de") as error:
        output.write(example_bank, tmp_path / "site", Urls(), logging.getLogger("test"))
    assert "hỏng" in str(error.value)
    assert not (tmp_path / "site").exists() or not any((tmp_path / "site").rglob("*.*"))


# -- the real site --------------------------------------------------------------------------------

@pytest.mark.slow
def test_every_theme_and_agenda_has_all_forms(built_site: Path, real_bank: Bank) -> None:
    records = {record["id"]: record for record in json.loads((built_site / "topics.json").read_text("utf-8"))["topics"]}
    entries = kit_entries(real_bank)
    assert entries
    for entry in entries:
        kit = records[entry.id]["kit"]
        expected = {"html", "pdf", "docx"} | ({"handout"} if entry.kind == "theme" else set())
        assert set(kit) == expected, entry.id
        for name, url in kit.items():
            path = built_site / (url + "index.html" if url.endswith("/") else url)
            assert path.is_file() and path.stat().st_size > 1000, (entry.id, name)
        page = (built_site / "muc" / entry.id / "index.html").read_text("utf-8")
        assert f'bo-tai-lieu/{entry.id}/{entry.id}.pdf"' in page
    for record in records.values():
        if record["kind"] not in ("theme", "agenda"):
            assert record["kit"] is None


@pytest.mark.slow
def test_pdf_holds_every_part_in_order_the_header_the_title_and_every_glyph(built_site: Path, real_bank: Bank) -> None:
    for entry in kit_entries(real_bank):
        text = _pdf_text(built_site / "bo-tai-lieu" / entry.id / f"{entry.id}.pdf")
        flat = _squash(text)
        parts = THEME_PARTS if entry.kind == "theme" else [forms.PART_PROGRAMME]
        if entry.quiz:
            parts = parts + [forms.PART_QUIZ, forms.PART_QUIZ_KEY]
        positions = [flat.find(_squash(part)) for part in parts + COMMON_PARTS]
        assert -1 not in positions and positions == sorted(positions), (entry.id, positions)
        for header in (forms.PARTY_NAME, "ĐẢNG BỘ", "CHI BỘ", "ngày … tháng … năm 20…"):
            assert _squash(header) in flat, (entry.id, header)
        assert _squash(entry.title) in flat, entry.id
        assert _squash("Biên bản đã được đọc lại cho hội nghị nghe và thông qua") in flat, entry.id
        if entry.kind == "theme":
            lost = _vietnamese_letters(_source_text(entry)) - _vietnamese_letters(text)
            assert not lost, (entry.id, sorted(lost))
            for question in entry.questions:
                assert _squash(question) in flat, (entry.id, question)


@pytest.mark.slow
def test_pdfs_are_small_with_embedded_subset_fonts_and_the_handout_stands_alone(built_site: Path,
                                                                                 real_bank: Bank) -> None:
    from pypdf import PdfReader

    theme = max(real_bank.of_kind("theme"), key=lambda entry: len(entry.body))
    folder = built_site / "bo-tai-lieu" / theme.id
    kit_pdf, handout_pdf = folder / f"{theme.id}.pdf", folder / f"{theme.id}-tai-lieu.pdf"
    assert kit_pdf.stat().st_size < 400_000 and handout_pdf.stat().st_size < 250_000
    reader = PdfReader(kit_pdf)
    assert round(float(reader.pages[0].mediabox.width)) == 595 and round(float(reader.pages[0].mediabox.height)) == 842
    fonts = {font["/BaseFont"]: font for page in reader.pages
             for font in (page["/Resources"].get("/Font") or {}).values() for font in [font.get_object()]}
    assert fonts and all("+" in name for name in fonts)  # subset prefix: embedded, only the glyphs used
    for font in fonts.values():
        descriptor = font["/DescendantFonts"][0].get_object()["/FontDescriptor"].get_object()
        assert "/FontFile2" in descriptor
    handout = _squash(_pdf_text(handout_pdf))
    assert _squash(forms.PART_HANDOUT) in handout and _squash(theme.title) in handout
    assert _squash(forms.PART_MINUTES) not in handout and _squash(forms.PART_ATTENDANCE) not in handout


@pytest.mark.slow
def test_docx_has_word_headings_tables_and_the_print_layout(built_site: Path, real_bank: Bank) -> None:
    from docx import Document

    for entry in (real_bank.of_kind("theme")[0], real_bank.of_kind("agenda")[0]):
        document = Document(built_site / "bo-tai-lieu" / entry.id / f"{entry.id}.docx")
        headings = [(p.style.name, p.text) for p in document.paragraphs if p.style.name.startswith("Heading")]
        parts = (THEME_PARTS if entry.kind == "theme" else [forms.PART_PROGRAMME])
        parts += ([forms.PART_QUIZ, forms.PART_QUIZ_KEY] if entry.quiz else []) + COMMON_PARTS
        all_parts = set(THEME_PARTS + COMMON_PARTS + [forms.PART_QUIZ, forms.PART_QUIZ_KEY])
        assert [text for _, text in headings if text in all_parts] == parts
        assert headings[0] == ("Heading 1", forms.PART_PROGRAMME)
        assert ("Heading 2", forms.PART_MINUTES) in headings
        assert ("Heading 3", "IV. Biểu quyết") in headings
        tables = document.tables
        attendance = [t for t in tables if tuple(c.text for c in t.rows[0].cells) == forms.ATTENDANCE_COLUMNS]
        assert len(attendance) == 1 and len(attendance[0].rows) == 1 + 20
        minutes_labels = {row.cells[0].text for table in tables for row in table.rows}
        assert {"Chủ trì", "Thư ký (người ghi biên bản)", "Tán thành", "Không tán thành"} <= minutes_labels
        section = document.sections[0]
        assert (round(section.page_width.mm), round(section.page_height.mm)) == (210, 297)
        assert [round(value.mm) for value in (section.top_margin, section.bottom_margin, section.left_margin,
                                              section.right_margin)] == [25, 25, 35, 15]
        normal = document.styles["Normal"]
        assert normal.font.name == "Times New Roman" and normal.font.size.pt == 14
        assert entry.title in "\n".join(p.text for p in document.paragraphs)


# -- the print page in Chromium ---------------------------------------------------------------------

@pytest.mark.browser
def test_print_page_form_fills_blanks_and_is_remembered(page, site_url: str, real_bank: Bank) -> None:
    from playwright.sync_api import expect

    theme = real_bank.of_kind("theme")[0]
    page.goto(f"{site_url}bo-tai-lieu/{theme.id}/")
    header = page.locator(".kit-programme .kit-header")
    assert "ĐẢNG BỘ ……" in header.inner_text()
    page.get_by_label("Đảng bộ").fill("Xã Hòa Bình")
    page.get_by_label("Chi bộ", exact=True).fill("Thôn Đông")
    page.get_by_label("Ngày sinh hoạt").fill("2026-12-05")
    page.get_by_label("Giờ bắt đầu").fill("19:30")
    page.get_by_label("Địa điểm sinh hoạt").fill("Nhà văn hóa thôn")
    page.get_by_label("Số dòng trong danh sách đảng viên").fill("27")
    page.reload()
    assert page.get_by_label("Đảng bộ").input_value() == "Xã Hòa Bình"
    assert page.get_by_label("Số dòng trong danh sách đảng viên").input_value() == "27"
    header_text = header.inner_text()
    assert "ĐẢNG BỘ XÃ HÒA BÌNH" in header_text and "CHI BỘ THÔN ĐÔNG" in header_text
    assert "ngày 5 tháng 12 năm 2026" in header_text
    assert page.locator(".kit-attendance tbody tr").count() == 27
    assert page.locator("[data-start]").first.inner_text() == "19:30"
    assert "Nhà văn hóa thôn" in page.locator(".kit-minutes .kit-fields").first.inner_text()
    page.emulate_media(media="print")
    assert not page.locator("#kit-form").is_visible()
    page.emulate_media(media="screen")
    page.get_by_role("button", name="Xóa thông tin đã điền").click()
    expect(header).to_contain_text("ĐẢNG BỘ ……")  # the reset handler runs after the form has cleared
    page.reload()
    assert page.get_by_label("Đảng bộ").input_value() == ""
    assert page.outside_requests == []


@pytest.mark.browser
def test_print_page_passes_axe_and_prints_without_the_form(page, site_url: str, real_bank: Bank,
                                                           tmp_path: Path) -> None:
    from axe_playwright_python.sync_playwright import Axe

    for entry in (real_bank.of_kind("theme")[0], real_bank.of_kind("agenda")[0]):
        page.goto(f"{site_url}bo-tai-lieu/{entry.id}/")
        results = Axe().run(page)
        assert results.violations_count == 0, (entry.id, results.generate_report())
    printed = tmp_path / "printed.pdf"
    page.pdf(path=str(printed), format="A4", prefer_css_page_size=True)
    text = _squash(_pdf_text(printed))
    assert _squash("Điền trước khi in") not in text
    # The shared sheets, inserted by their script, are printed in place; the no-script link is gone.
    positions = [text.find(_squash(part)) for part in [forms.PART_PROGRAMME] + COMMON_PARTS]
    assert -1 not in positions and positions == sorted(positions), positions
    assert _squash(forms.SHARED_LINK_TEXT) not in text and page.locator("#kit-shared-link").count() == 0
    assert page.outside_requests == []


@pytest.mark.browser
def test_without_javascript_the_print_page_links_a_printable_page_of_the_shared_sheets(browser, site_url: str,
                                                                                         real_bank: Bank) -> None:
    context = browser.new_context(locale="vi-VN", java_script_enabled=False)
    try:
        page = context.new_page()
        theme = real_bank.of_kind("theme")[0]
        page.goto(f"{site_url}bo-tai-lieu/{theme.id}/")
        assert page.locator(".kit-minutes").count() == 0
        link = page.get_by_role("link", name=forms.SHARED_LINK_TEXT)
        assert link.is_visible()
        link.click()
        page.wait_for_url(re.compile(r"/bo-tai-lieu/to-chung-[0-9a-f]+\.html$"))
        for css in (".kit-attendance tbody tr", ".kit-minutes .kit-fields", ".kit-evaluation .kit-eval"):
            assert page.locator(css).count() >= 1, css
        assert page.locator(".kit-attendance tbody tr").count() == 20
    finally:
        context.close()


# -- the cache, across real builds ------------------------------------------------------------------

def _kit_counts(result) -> tuple[int, int]:
    output = result.stdout + result.stderr
    assert result.returncode == 0, output
    match = re.search(r"Bộ tài liệu in \([^)]*\): \d+ bộ, dựng mới (\d+), dùng lại (\d+)", output)
    assert match, output
    return int(match.group(1)), int(match.group(2))


@pytest.mark.slow
def test_second_build_renders_no_kit_and_an_edit_renders_only_that_kit(tmp_path: Path) -> None:
    bank = tmp_path / "topics"
    shutil.copytree(EXAMPLES, bank)
    env = {"TOPICBANK_BANKS": str(bank), "TOPICBANK_CACHE_DIR": str(tmp_path / "cache"), "TOPICBANK_FORMATS": "html,pdf,docx",
           "TOPICBANK_OFFLINE_ZIP": "0"}
    site = tmp_path / "site"
    assert _kit_counts(build_site(site, env, strict=False)) == (2, 0)
    assert _kit_counts(build_site(site, env, strict=False)) == (0, 2)
    theme = bank / "vi-du-chuyen-de.md"
    theme.write_text(theme.read_text("utf-8").replace("Câu hỏi hai?", "Câu hỏi hai đã sửa?"), "utf-8")
    assert _kit_counts(build_site(site, env, strict=False)) == (1, 1)
    assert "Câu hỏi hai đã sửa?" in _pdf_text(site / "bo-tai-lieu" / "vi-du-chuyen-de" / "vi-du-chuyen-de.pdf")
    document = bank / "vi-du-van-ban.md"  # cited by the theme only: its kit alone changes
    document.write_text(document.read_text("utf-8").replace("validity: in-force", "validity: expired"), "utf-8")
    assert _kit_counts(build_site(site, env, strict=False)) == (1, 1)


@pytest.mark.slow
def test_docx_opens_in_libreoffice(built_site: Path, real_bank: Bank, tmp_path: Path) -> None:
    import subprocess

    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    assert soffice, "LibreOffice not found: install libreoffice-writer (see .ci/run)."
    theme = real_bank.of_kind("theme")[0]
    source = built_site / "bo-tai-lieu" / theme.id / f"{theme.id}.docx"
    result = subprocess.run([soffice, f"-env:UserInstallation={(tmp_path / 'profile').as_uri()}", "--headless",
                             "--convert-to", "pdf", "--outdir", str(tmp_path), str(source)],
                            capture_output=True, text=True, timeout=240)
    converted = tmp_path / f"{theme.id}.pdf"
    assert result.returncode == 0 and converted.is_file(), result.stdout + result.stderr
    # pdftotext, not pypdf: LibreOffice mixes fonts inside a word (fallback glyphs) and pypdf then scrambles the order
    text = _squash(subprocess.run(["pdftotext", str(converted), "-"], capture_output=True, text=True, check=True).stdout)
    for part in [forms.PART_PROGRAMME, forms.PART_ATTENDANCE, forms.PART_MINUTES, forms.PART_EVALUATION, theme.title]:
        assert _squash(part) in text, part
