"""The cell's own pages: the year plan, this month's meeting kit composed for the cell, the minutes.

Real Chromium (Playwright) against the built site (served on 127.0.0.1) and the offline copy (file://); every
request to another host fails the test (route interception). Files the pages make in the browser are read back:
DOCX with python-docx (and converted by LibreOffice), .ics with icalendar, PDFs (page.pdf) with pdftotext.
"""
from __future__ import annotations

import dataclasses
import datetime as dt
import io
import re
import shutil
import subprocess
import unicodedata
import zipfile
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from finding_helpers import real_bank
from topicbank.bank_checks import MINIMUM_MINUTES
from topicbank.kits import forms
from topicbank.kits.content import build_kit
from topicbank.meeting.docx_templates import CLOSE, OPEN, meeting_template, minutes_template, plan_template
from topicbank.meeting.output import theme_sheets
from topicbank.model import Bank
from topicbank.offline import OFFLINE_ZIP, ZIP_FOLDER
from topicbank.render.meeting_pages import (MEETING_TYPES, default_programme, meeting_data, sample_programmes,
                                            theme_file_holds)
from topicbank.render.text import Urls

PLAN, PREPARE, MINUTES = "sinh-hoat-chi-bo/ke-hoach-nam/", "sinh-hoat-chi-bo/chuan-bi/", "sinh-hoat-chi-bo/bien-ban/"
CELL = {"dang_bo": "xã An Phú", "chi_bo": "thôn Đông", "dia_danh": "An Phú"}
TONES = ("a à á ả ã ạ ă ằ ắ ẳ ẵ ặ â ầ ấ ẩ ẫ ậ e è é ẻ ẽ ẹ ê ề ế ể ễ ệ i ì í ỉ ĩ ị o ò ó ỏ õ ọ ô ồ ố ổ ỗ ộ "
         "ơ ờ ớ ở ỡ ợ u ù ú ủ ũ ụ ư ừ ứ ử ữ ự y ỳ ý ỷ ỹ ỵ đ Đ Ằ Ẵ Ễ Ộ Ữ Ỹ")
HOSTILE = ('<script>window.__pwned = 1</script><img src=x onerror="window.__pwned = 2"> «ngoặc» "kép" \'đơn\' '
           '& &amp; </w:t></w:r><w:r><w:t>⟦chi_bo⟧ {chi_bo}\n' + "Dài" * 1200 + "\n" + TONES)


@pytest.fixture(scope="module")
def bank() -> Bank:
    return real_bank()


# -- without a browser: the programmes and the templates ------------------------------------------------

def test_every_default_programme_is_long_enough_and_in_hd12_order(bank: Bank) -> None:
    programmes = sample_programmes(bank, Urls())
    for kind in MEETING_TYPES:
        for audience in bank.vocabulary.labels("audience"):
            programme = default_programme(programmes, kind, audience)
            assert programme.meeting_type == kind and programme.minutes >= MINIMUM_MINUTES[kind], (kind, audience)
            assert not programme.occasion  # a year-end meeting is never this month's default
            titles = [step.title for step in programme.steps]
            assert titles[0].startswith("Khai mạc") and "bế mạc" in titles[-1].lower()
    village = default_programme(programmes, "thuong-ky", "nong-thon")
    assert "nong-thon" in village.audience  # the programme written for village cells comes first


def test_a_bank_without_sample_programmes_gets_hd12_steps_and_says_so(bank: Bank) -> None:
    bare = Bank(tuple(entry for entry in bank.entries if entry.kind != "agenda"), bank.schema, bank.vocabulary)
    programmes = sample_programmes(bare, Urls())
    assert [p.meeting_type for p in programmes] == list(MEETING_TYPES)
    for programme in programmes:
        assert programme.minutes >= MINIMUM_MINUTES[programme.meeting_type]
        assert "Hướng dẫn 12-HD/BTCTW" in programme.origin and "chưa được xác nhận" in programme.origin
    combined = [step.title for step in programmes[2].steps]
    regular = [i for i, title in enumerate(combined) if title.startswith("Phần thường kỳ")]
    thematic = [i for i, title in enumerate(combined) if title.startswith("Phần chuyên đề")]
    assert regular and thematic and max(regular) < min(thematic)
    data = meeting_data(bare, Urls(), ("html",))
    assert set(data["defaults"]["ket-hop"].values()) == {"hd12-ket-hop"}


def _docx_text(data: bytes) -> str:
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        return archive.read("word/document.xml").decode("utf-8")


def test_templates_hold_tags_and_the_banks_text_cannot_open_one(bank: Bank) -> None:
    theme = next(entry for entry in bank.of_kind("theme") if entry.quiz)
    kit = build_kit(bank, theme)
    import dataclasses
    tricky = dataclasses.replace(kit, title=f"{kit.title} {OPEN}chi_bo{CLOSE}")
    xml = _docx_text(meeting_template(tricky))
    assert f"{OPEN}chi_bo{CLOSE}" in xml and f"[chi_bo]" in xml  # the tag the template needs; the title's made harmless
    for tag in ("dang_bo_hoa", "chi_bo_hoa", "#buoc", "/buoc", "#dong", "#muc", "thoi_gian", "ngay_vn"):
        assert f"{OPEN}{tag}{CLOSE}" in xml, tag
    for template, tags in ((plan_template(), ("#dong", "nam", "chuyen_de", "nguoi")),
                           (minutes_template(), ("#muc", "#y_kien", "ket_luan", "chu_tri", "thu_ky"))):
        xml = _docx_text(template)
        assert all(f"{OPEN}{tag}{CLOSE}" in xml for tag in tags)
    sheets = theme_sheets(kit)
    assert re.findall(r'<section class="kit-part kit-([a-z-]+)', sheets) == ["handout", "questions", "commitment",
                                                                            "quiz", "quiz-key"]


def test_sheets_the_kit_page_rendered_are_the_meeting_pages_and_only_for_that_kit(bank: Bank, tmp_path: Path) -> None:
    from topicbank.kits.print_html import PrintPage, forget_rendered, rendered_sheets

    downloads = {"Tải PDF": "x.pdf"}
    for theme in bank.of_kind("theme"):  # what the kits' output renders: a form, downloads, an organisation
        kit = build_kit(bank, theme)
        with_organisation = dataclasses.replace(kit, organisation="Đảng bộ xã An Phú")
        PrintPage(with_organisation, downloads, keep_sheets=True).document(with_form=True)
        assert rendered_sheets(kit) == theme_sheets(kit), theme.id
        assert rendered_sheets(kit) is None  # taken once
    kit = build_kit(bank, bank.of_kind("theme")[0])
    PrintPage(kit, keep_sheets=True).document(with_form=True)
    assert rendered_sheets(dataclasses.replace(kit, title=kit.title + " (sửa)")) is None  # another content
    PrintPage(kit, keep_sheets=True).document(with_form=True)
    forget_rendered()
    assert rendered_sheets(kit) is None
    override = tmp_path / "overrides"
    override.mkdir()
    (override / "_paper.html").write_text("", encoding="utf-8")  # kit.html imports it: the sheets might differ
    PrintPage(kit, keep_sheets=True).document(with_form=True)
    assert rendered_sheets(kit, (override,)) is None


def test_the_templates_that_show_no_entry_are_made_once_per_toolchain(tmp_path: Path) -> None:
    from topicbank.kits.cache import KitCache
    from topicbank.meeting.output import _fixed_template

    made: list[str] = []

    def make() -> bytes:
        made.append("plan")
        return plan_template()

    cache = KitCache(tmp_path, "toolchain")
    assert _fixed_template(cache, "ke-hoach-nam", make) == _fixed_template(cache, "ke-hoach-nam", make) == plan_template()
    assert made == ["plan"]
    _fixed_template(KitCache(tmp_path, "another toolchain"), "ke-hoach-nam", make)  # new code: made again
    _fixed_template(cache, "bien-ban", make)  # another template: its own file
    assert made == ["plan", "plan", "plan"]


def test_theme_pages_link_to_preparing_a_meeting(built_site: Path, bank: Bank) -> None:
    theme = bank.of_kind("theme")[0]
    html = (built_site / "muc" / theme.id / "index.html").read_text(encoding="utf-8")
    assert f'href="../../sinh-hoat-chi-bo/chuan-bi/?chuyen-de={theme.id}">Chuẩn bị buổi sinh hoạt với chuyên đề này' in html
    data = (built_site / "sinh-hoat-chi-bo" / "du-lieu" / "chuyen-de" / f"{theme.id}.js").read_text(encoding="utf-8")
    assert data.startswith("(window.__tbMeetingFiles=window.__tbMeetingFiles||{})")
    # The sheets come from the theme's print page (it is built): the data file holds the Word template alone.
    assert '"docx":"' in data and '"sheets"' not in data and forms.PART_HANDOUT not in data


def test_a_themes_data_file_holds_only_what_its_print_page_cannot_give(bank: Bank) -> None:
    assert theme_file_holds(("html", "pdf", "docx", "pptx")) == ("docx",)
    assert theme_file_holds(("html",)) == ()  # `mkdocs serve`: no file per theme at all
    assert theme_file_holds(("pdf",)) == ("sheets",)  # no print page to take the sheets from
    assert theme_file_holds(("pdf", "docx")) == ("sheets", "docx")
    for formats, theme_file in ((("html",), None), (("html", "docx"), "sinh-hoat-chi-bo/du-lieu/chuyen-de/{id}.js")):
        assert meeting_data(bank, Urls(), formats)["files"]["theme"] == theme_file


def test_an_html_build_writes_no_theme_file_and_a_pdf_build_writes_the_sheets(bank: Bank, tmp_path: Path) -> None:
    import logging

    from topicbank.meeting.output import MeetingOutput

    themes = bank.of_kind("theme")
    MeetingOutput(("html",), tmp_path / "cache").write(bank, tmp_path / "html", Urls(), logging.getLogger("test"))
    assert not (tmp_path / "html" / "sinh-hoat-chi-bo" / "du-lieu" / "chuyen-de").exists()
    assert (tmp_path / "html" / "sinh-hoat-chi-bo" / "du-lieu" / "ngan-hang.js").is_file()
    MeetingOutput(("pdf",), tmp_path / "cache").write(bank, tmp_path / "pdf", Urls(), logging.getLogger("test"))
    data = (tmp_path / "pdf" / "sinh-hoat-chi-bo" / "du-lieu" / "chuyen-de" / f"{themes[0].id}.js").read_text("utf-8")
    assert forms.PART_HANDOUT in data and '"docx"' not in data


# -- in the browser ------------------------------------------------------------------------------------

class Browser:
    """A fresh browser profile: requests to any host but 127.0.0.1 are aborted and recorded, page errors and
    dialogs (an alert from injected script) are recorded."""

    def __init__(self, browser: object, width: int = 1280) -> None:
        self.context = browser.new_context(locale="vi-VN", viewport={"width": width, "height": 900}, accept_downloads=True)
        self.outside: list[str] = []
        self.errors: list[str] = []
        self.context.route("**/*", self._route)
        self.page = self.context.new_page()
        self.page.on("pageerror", lambda error: self.errors.append(str(error)))
        self.page.on("dialog", self._dialog)

    def _route(self, route: object) -> None:
        url = route.request.url
        if url.startswith(("http:", "https:", "ws:", "wss:")) and urlsplit(url).hostname not in ("127.0.0.1", "localhost"):
            self.outside.append(url)
            route.abort()
        else:
            route.continue_()

    def _dialog(self, dialog: object) -> None:
        self.errors.append(f"dialog: {dialog.message}")
        dialog.dismiss()

    def download(self, button: str, target: Path) -> Path:
        with self.page.expect_download() as info:
            self.page.click(button)
        info.value.save_as(target)
        return target

    def close(self) -> None:
        self.context.close()
        assert self.outside == [], self.outside
        assert self.errors == [], self.errors


@pytest.fixture()
def chromium(browser: object) -> Iterator[Browser]:
    session = Browser(browser)
    yield session
    session.close()


def _squash(text: str) -> str:
    """Extracted text breaks lines anywhere, and pdftotext drops the hyphen where a line broke after one."""
    return re.sub(r"[\s-]+", "", unicodedata.normalize("NFC", text))


def _pdf_text(path: Path) -> str:
    return _squash(subprocess.run(["pdftotext", "-raw", str(path), "-"], capture_output=True, text=True, check=True).stdout)


def _docx_paragraphs(path: Path) -> list[str]:
    """Every paragraph's text, in tables too (python-docx reads a Word line break as \\n)."""
    from docx import Document

    document = Document(str(path))
    texts = [paragraph.text for paragraph in document.paragraphs]
    for table in document.tables:
        for row in table.rows:
            for cell in row.cells:
                texts += [paragraph.text for paragraph in cell.paragraphs]
    return texts


def _fill_cell(page: object, kind: str | None = "nong-thon") -> None:
    for name, value in CELL.items():
        page.fill(f"#tb-{name}", value)
    if kind:
        page.select_option("#tb-loai", kind)


def _plan_choices(page: object) -> dict[int, str]:
    return {month: page.input_value(f"#tb-plan-{month}-c") for month in range(1, 13)}


@pytest.mark.browser
def test_a_village_cell_plans_its_year(chromium: Browser, site_url: str, bank: Bank, tmp_path: Path) -> None:
    page = chromium.page
    page.goto(site_url + PLAN)
    _fill_cell(page)
    page.fill("#tb-nam", "2027")
    page.select_option("#tb-kieu", "ngay")
    page.fill("#tb-ngay", "5")
    page.fill("#tb-gio", "19:30")
    page.fill("#tb-dia_diem", "Nhà văn hóa thôn Đông")
    chosen: dict[int, str] = {}
    for month in range(1, 13):  # a theme the bank suggests for the month where there is one, each theme once
        suggested = page.eval_on_selector_all(f"#tb-plan-{month}-c optgroup:first-of-type option", "os => os.map(o => o.value)")
        others = page.eval_on_selector_all(f"#tb-plan-{month}-c option", "os => os.map(o => o.value).filter(Boolean)")
        value = next(v for v in suggested + others if v not in chosen.values())
        page.select_option(f"#tb-plan-{month}-c", value)
        chosen[month] = value
    page.fill("#tb-plan-3-n", "Nguyễn Văn An")
    assert page.inner_text("#tb-plan-count") == "Đã chọn chuyên đề cho 12/12 tháng."
    assert "Tháng 3 — Thứ Sáu, 5/3/2027" in page.inner_text("#tb-plan-rows")

    page.reload()  # the choices stay
    assert _plan_choices(page) == chosen
    assert page.input_value("#tb-chi_bo") == "thôn Đông" and page.input_value("#tb-plan-3-n") == "Nguyễn Văn An"

    link = page.input_value("#tb-plan-link")
    assert "#k=" in link and "th%C3%B4n" not in link.split("#")[0]  # the choices travel in the fragment only
    other = Browser(chromium.context.browser)  # a fresh browser: nothing stored, only the link
    try:
        other.page.goto(link)
        assert _plan_choices(other.page) == chosen
        assert other.page.input_value("#tb-chi_bo") == "thôn Đông" and other.page.input_value("#tb-loai") == "nong-thon"
        assert other.page.input_value("#tb-plan-3-n") == "Nguyễn Văn An"
        assert other.page.locator("#tb-plan-shared").is_hidden()
    finally:
        other.close()

    titles = {month: bank.by_id[value].title for month, value in chosen.items()}
    printed = tmp_path / "ke-hoach.pdf"
    page.pdf(path=str(printed), format="A4", prefer_css_page_size=True)
    text = _pdf_text(printed)
    for part in ("ĐẢNG CỘNG SẢN VIỆT NAM", "ĐẢNG BỘ XÃ AN PHÚ", "CHI BỘ THÔN ĐÔNG", "KẾ HOẠCH SINH HOẠT CHUYÊN ĐỀ NĂM 2027",
                 "Nguyễn Văn An", "ngày 5 hằng tháng", *titles.values()):
        assert _squash(part) in text, part
    assert _squash("In, tải về, gửi đi") not in text  # the form stays on screen

    document = chromium.download("#tb-plan-docx", tmp_path / "ke-hoach.docx")
    from docx import Document

    word = Document(str(document))
    header = " ".join(cell.text for cell in word.tables[0].rows[0].cells)
    assert "ĐẢNG BỘ XÃ AN PHÚ" in header and "CHI BỘ THÔN ĐÔNG" in header and "ĐẢNG CỘNG SẢN VIỆT NAM" in header
    rows = word.tables[1].rows
    assert len(rows) == 13 and rows[0].cells[2].text == "Chuyên đề"
    assert [row.cells[2].text.strip() for row in rows[1:]] == [titles[month] for month in range(1, 13)]
    assert rows[3].cells[1].text == "Thứ Sáu, 5/3/2027" and rows[3].cells[4].text == "Nguyễn Văn An"
    assert any(text.startswith("Chi bộ thôn Đông — Chi bộ thôn") for text in _docx_paragraphs(document))

    from icalendar import Calendar

    calendar = Calendar.from_ical(chromium.download("#tb-plan-ics", tmp_path / "lich.ics").read_bytes())
    events = list(calendar.walk("VEVENT"))
    assert len(events) == 12
    assert sorted(event.decoded("dtstart") for event in events) == [dt.datetime(2027, m, 5, 19, 30) for m in range(1, 13)]
    for event in events:
        month = event.decoded("dtstart").month
        assert titles[month] in str(event["summary"]) and str(event["location"]) == "Nhà văn hóa thôn Đông"
        assert str(event["url"]).startswith(site_url + "muc/" + chosen[month])
        assert "Bộ tài liệu in: " + site_url + "bo-tai-lieu/" + chosen[month] in str(event["description"])


def _assert_sheets_from_the_kit_page(page: object, theme) -> None:
    """The prepare page's paper holds the theme's own sheets, which it takes from the kit's print page (a hidden
    frame that posts them): the theme's data file no longer carries them."""
    from playwright.sync_api import expect

    sheets = page.locator("#tb-print [data-print-sheets]")
    expect(sheets.locator(".kit-handout .kit-entry-title")).to_have_text(theme.title)
    assert sheets.locator(".kit-questions li").count() == len(theme.questions)
    assert sheets.locator(".kit-commitment").count() == 1
    assert sheets.locator(".kit-part.kit-quiz").count() == (1 if theme.quiz else 0)
    assert page.locator("iframe").count() == 0  # the frame is gone once it has posted


def _programme_rows(page: object) -> list[tuple[str, int]]:
    return [tuple(row) for row in page.eval_on_selector_all(
        "#tb-meeting-steps tbody tr", "rows => rows.map(r => [r.cells[1].firstChild.textContent, +r.querySelector('input').value])")]


@pytest.mark.browser
@pytest.mark.slow
def test_a_combined_meeting_kit_carries_the_cells_details(chromium: Browser, site_url: str, bank: Bank,
                                                          tmp_path: Path) -> None:
    page = chromium.page
    theme = next(entry for entry in bank.of_kind("theme") if entry.quiz)
    page.goto(f"{site_url}{PREPARE}?chuyen-de={theme.id}")
    assert page.input_value("#tb-chuyen-de") == theme.id and "?" not in page.url  # applied once
    _fill_cell(page)
    page.fill("#tb-so_dang_vien", "25")
    page.fill("#tb-ngay_hop", "2027-03-05")
    page.fill("#tb-gio", "19:30")
    page.fill("#tb-dia_diem", "Nhà văn hóa thôn Đông")
    assert page.is_checked("#tb-loai-hop-ket-hop")

    expected = default_programme(sample_programmes(bank, Urls()), "ket-hop", "nong-thon")
    rows = _programme_rows(page)
    assert rows == [(step.title, step.minutes) for step in expected.steps]
    total = sum(minutes for _, minutes in rows)
    assert total >= 120 and page.inner_text("#tb-meeting-total") == f"{total} phút"
    assert "đủ thời lượng tối thiểu 120 phút" in page.inner_text("#tb-meeting-check")
    titles = [title for title, _ in rows]  # HD 12's three steps; the regular part before the thematic part
    assert titles[0].startswith("Khai mạc") and "bế mạc" in titles[-1].lower()
    regular = [i for i, title in enumerate(titles) if title.startswith("Phần thường kỳ")]
    thematic = [i for i, title in enumerate(titles) if title.startswith("Phần chuyên đề")]
    assert max(regular) < min(thematic)
    for index in range(len(rows)):  # five minutes a step: too short now, and the check says so
        page.fill(f"#tb-meeting-steps input[data-step='{index}']", "5")
    assert page.inner_text("#tb-meeting-total") == f"{5 * len(rows)} phút"
    assert "còn thiếu" in page.inner_text("#tb-meeting-check")
    page.click("#tb-meeting-reset")
    assert _programme_rows(page) == rows

    _assert_sheets_from_the_kit_page(page, theme)
    second_start = (dt.datetime(2027, 3, 5, 19, 30) + dt.timedelta(minutes=rows[0][1])).strftime("%H:%M")
    printed = tmp_path / "bo-tai-lieu.pdf"
    page.pdf(path=str(printed), format="A4", prefer_css_page_size=True)
    text = _pdf_text(printed)
    for part in ("CHI BỘ THÔN ĐÔNG", "Chi bộ thôn Đông", "ngày 5 tháng 3 năm 2027", "19 giờ 30 phút, ngày 5/3/2027",
                 "Nhà văn hóa thôn Đông", f"Chuyên đề: {theme.title}", forms.PART_PROGRAMME, forms.PART_HANDOUT,
                 forms.PART_QUESTIONS, forms.PART_COMMITMENT, forms.PART_QUIZ, forms.PART_ATTENDANCE,
                 forms.PART_MINUTES, forms.PART_EVALUATION, second_start, "Tổng thời lượng"):
        assert _squash(part) in text, part
    assert _squash("Bộ tài liệu của buổi sinh hoạt") not in text

    document = chromium.download("#tb-meeting-docx", tmp_path / "buoi-sinh-hoat.docx")
    texts = _docx_paragraphs(document)
    joined = "\n".join(texts)
    for part in ("CHI BỘ THÔN ĐÔNG", "Chi bộ thôn Đông — ngày 5/3/2027", "ngày 5 tháng 3 năm 2027", f"Chuyên đề: {theme.title}",
                 "Thời gian: 19 giờ 30 phút, ngày 5/3/2027. Địa điểm: Nhà văn hóa thôn Đông.", forms.PART_EVALUATION,
                 f"1. {titles[0]}", f"{len(titles)}. {titles[-1]}"):
        assert part in joined, part
    from docx import Document

    word = Document(str(document))
    programme = next(table for table in word.tables if table.rows[0].cells[0].text == "TT")
    assert len(programme.rows) == len(rows) + 2 and programme.rows[-1].cells[3].text == str(total)
    assert [row.cells[1].paragraphs[0].text for row in programme.rows[1:-1]] == titles
    attendance = next(table for table in word.tables if table.rows[0].cells[0].text == "STT")
    assert len(attendance.rows) == 26

    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    assert soffice, "LibreOffice not found: install libreoffice-writer (see .ci/run)."
    result = subprocess.run([soffice, f"-env:UserInstallation={(tmp_path / 'profile').as_uri()}", "--headless",
                             "--convert-to", "pdf", "--outdir", str(tmp_path / "lo"), str(document)],
                            capture_output=True, text=True, timeout=240)
    converted = tmp_path / "lo" / "buoi-sinh-hoat.pdf"
    assert result.returncode == 0 and converted.is_file(), result.stdout + result.stderr
    text = _pdf_text(converted)
    assert _squash("CHI BỘ THÔN ĐÔNG") in text and _squash(theme.title) in text and "5/3/2027" in text


@pytest.mark.browser
def test_minutes_keep_hostile_text_as_text(chromium: Browser, site_url: str, bank: Bank, tmp_path: Path) -> None:
    page = chromium.page
    theme = bank.of_kind("theme")[0]
    page.goto(f"{site_url}{PREPARE}?chuyen-de={theme.id}&ngay=2027-03-05&hinh-thuc=ket-hop")
    _fill_cell(page)
    programme = [title for title, _ in _programme_rows(page)]
    page.goto(site_url + MINUTES)
    items = page.locator("#tb-minutes-items .tb-minutes-item")
    assert items.count() == len(programme)  # one box per programme item
    assert items.nth(0).locator("input").input_value() == programme[0]
    assert page.input_value("#tb-chuyen_de") == theme.title and page.input_value("#tb-ngay_hop") == "2027-03-05"

    name = 'Lê Thị "Ba" <b>Hoa</b> & \'Út\''
    typed = {"#tb-chu_tri": 'Nguyễn Văn <An> "bí thư"', "#tb-thu_ky": "Trần Ðức Bình" + "x" * 300,
             "#tb-ket_luan": HOSTILE, "#tb-vang_co_ly_do": "Phạm Văn C: ốm\nĐỗ Thị D: đi công tác",
             "#tb-tong_so": "25", "#tb-co_mat": "23", "#tb-bq_tan_thanh": "23", "#tb-ket_thuc": "21:50"}
    for selector, value in typed.items():
        page.fill(selector, value)
    items.nth(0).locator("textarea").fill(HOSTILE)
    opinion = page.locator("#tb-minutes-opinions .tb-minutes-item").nth(0)
    opinion.locator("input").fill(name)
    opinion.locator("textarea").fill(HOSTILE)
    assert "92" in page.inner_text("#tb-minutes-attendance")  # 23/25 present
    assert page.evaluate("window.__pwned") is None

    page.reload()  # the draft stays, exactly
    for selector, value in typed.items():
        assert page.input_value(selector) == value, selector
    assert items.nth(0).locator("textarea").input_value() == HOSTILE
    assert opinion.locator("input").input_value() == name and opinion.locator("textarea").input_value() == HOSTILE
    assert page.evaluate("window.__pwned") is None
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")

    page.emulate_media(media="print")  # long text wraps inside the paper
    overflowing = page.evaluate("""() => [...document.querySelectorAll('#tb-print .tb-typed')]
        .filter(el => el.scrollWidth > el.clientWidth + 1).length""")
    assert overflowing == 0
    printed = tmp_path / "bien-ban.pdf"
    page.pdf(path=str(printed), format="A4", prefer_css_page_size=True)
    text = _pdf_text(printed)
    assert _squash(TONES) in text and _squash("<script>window.__pwned = 1</script>") in text
    assert _squash(forms.PART_MINUTES) in text and _squash("CHI BỘ THÔN ĐÔNG") in text
    page.emulate_media(media="null")

    document = chromium.download("#tb-minutes-docx", tmp_path / "bien-ban.docx")
    texts = _docx_paragraphs(document)
    assert HOSTILE in texts  # the first item's content and the conclusion, each one paragraph, exactly
    assert f"Đồng chí {name}: {HOSTILE}" in texts
    assert f"1. {programme[0]}" in texts and typed["#tb-chu_tri"] in texts and typed["#tb-vang_co_ly_do"] in texts
    xml = _docx_text(document.read_bytes())
    assert "&lt;script&gt;" in xml and "<script" not in xml and "<img" not in xml
    assert xml.count("<w:body>") == 1


@pytest.mark.browser
@pytest.mark.parametrize("width", [360, 1280])
def test_the_three_pages_pass_axe_and_fit_the_screen(browser: object, site_url: str, width: int) -> None:
    from axe_playwright_python.sync_playwright import Axe

    session = Browser(browser, width)
    try:
        for url in (PLAN, PREPARE, MINUTES):
            session.page.goto(site_url + url)
            session.page.wait_for_load_state("networkidle")
            results = Axe().run(session.page)
            serious = [v for v in results.response["violations"] if v.get("impact") in ("serious", "critical")]
            assert serious == [], (url, width, results.generate_report())
            assert session.page.evaluate("document.documentElement.scrollWidth <= window.innerWidth"), (url, width)
    finally:
        session.close()


@pytest.mark.browser
def test_home_page_leads_into_the_three_steps(chromium: Browser, site_url: str) -> None:
    page = chromium.page
    page.clock.set_fixed_time(dt.datetime(2027, 3, 2, 9, 0))
    page.goto(site_url)
    steps = page.locator("#tb-this-month .tb-this-month-steps a")
    assert steps.all_inner_texts()[:3] == ["Kế hoạch năm", "Chuẩn bị buổi sinh hoạt tháng 3", "Ghi biên bản"]
    steps.nth(1).click()
    page.wait_for_url(re.compile(r"/sinh-hoat-chi-bo/chuan-bi/"))


# -- the offline copy, from file:// --------------------------------------------------------------------

@pytest.fixture(scope="module")
def offline_copy(built_site: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The zip unpacked, without the kits' and slides' PDF/DOCX/PPTX files these pages only link to."""
    target = tmp_path_factory.mktemp("offline-meeting")
    with zipfile.ZipFile(built_site / OFFLINE_ZIP) as archive:
        archive.extractall(target, [name for name in archive.namelist() if not name.endswith((".pdf", ".pptx", ".docx"))])
    return target / ZIP_FOLDER


@pytest.mark.browser
def test_the_offline_copy_plans_prepares_and_records_from_file(chromium: Browser, offline_copy: Path, bank: Bank,
                                                               tmp_path: Path) -> None:
    page = chromium.page
    page.goto((offline_copy / PLAN / "index.html").as_uri())
    _fill_cell(page)
    page.fill("#tb-nam", "2027")
    page.select_option("#tb-kieu", "thu")
    page.select_option("#tb-tuan", "1")
    page.select_option("#tb-thu", "6")  # the first Saturday
    page.click("#tb-plan-suggest")
    assert page.input_value("#tb-plan-1-c")
    from docx import Document
    from icalendar import Calendar

    rows = Document(str(chromium.download("#tb-plan-docx", tmp_path / "plan.docx"))).tables[1].rows
    assert len(rows) == 13
    events = list(Calendar.from_ical(chromium.download("#tb-plan-ics", tmp_path / "plan.ics").read_bytes()).walk("VEVENT"))
    days = [event.decoded("dtstart") for event in events]
    assert all(day.weekday() == 5 and day.day <= 7 for day in days)  # first Saturdays, all-day (no time given)
    first = page.input_value("#tb-plan-1-c")
    page.click("#tb-plan-rows a:has-text('Chuẩn bị buổi này') >> nth=0")
    page.wait_for_url(re.compile(r"^file://.*/sinh-hoat-chi-bo/chuan-bi/index\.html"))
    assert page.input_value("#tb-chuyen-de") == first and page.input_value("#tb-ngay_hop") == days[0].isoformat()
    assert page.input_value("#tb-chi_bo") == "thôn Đông"
    texts = _docx_paragraphs(chromium.download("#tb-meeting-docx", tmp_path / "meeting.docx"))
    assert f"Chuyên đề: {bank.by_id[first].title}" in texts
    _assert_sheets_from_the_kit_page(page, bank.by_id[first])
    page.click("nav.tb-cell-steps >> text=Ghi biên bản")
    page.wait_for_url(re.compile(r"^file://.*/sinh-hoat-chi-bo/bien-ban/index\.html"))
    page.fill("#tb-ket_luan", HOSTILE)
    assert HOSTILE in _docx_paragraphs(chromium.download("#tb-minutes-docx", tmp_path / "minutes.docx"))


