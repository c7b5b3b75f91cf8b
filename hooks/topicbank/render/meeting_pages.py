"""The cell's own pages: plan the year, prepare this month's meeting, write the minutes (section "Sinh hoạt của chi bộ").

Three generated pages (fragments/meeting/*.html) whose forms run in the reader's browser only
(assets/js/cell.js, plan.js, meeting.js, minutes.js): the cell's choices stay in localStorage and
in the file the secretary exports, and the plan's link carries them in its #fragment, which a browser
never sends to any server. Nothing is fetched: the data the scripts read is loaded as <script> files,
which also works from file:// (the offline copy).

    sinh-hoat-chi-bo/du-lieu/ngan-hang.js        themes (months, kinds of cell), sample programmes, labels
    sinh-hoat-chi-bo/du-lieu/chuyen-de/<id>.js   one theme's Word template, and its printed sheets when the build
                                                 makes no print page (theme_file_holds; otherwise meeting.js takes
                                                 them from the theme's print page)
    sinh-hoat-chi-bo/du-lieu/thuong-ky.js        the Word template of a regular meeting with no theme
    sinh-hoat-chi-bo/du-lieu/mau-*.js            the Word templates of the year plan and of the minutes

ngan-hang.js is written here; the templates by meeting/output.py (an Output, beside the kits).

The programme of a meeting comes from the bank's sample programmes (agenda entries) of that meeting
type, the one written for the cell's kind first. Without one, HD 12's three steps (opening, content,
closing; facts sheet §3-4) are used and the page says so: HD 42's own order is not confirmed. The
minimum lengths are the agenda check's (bank_checks.MINIMUM_MINUTES: 90 minutes, 120 for a combined
meeting, HD 42).
"""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from types import SimpleNamespace

from ..bank_checks import MINIMUM_MINUTES
from ..kits.content import default_thematic_programme
from ..model import Bank, Entry
from ..search.index import js_assignment
from .jinja import render
from .text import GeneratedPage, Urls, meta_string

SECTION = "sinh-hoat-chi-bo"
PLAN_SRC = f"{SECTION}/ke-hoach-nam.md"
PREPARE_SRC = f"{SECTION}/chuan-bi.md"
MINUTES_SRC = f"{SECTION}/bien-ban.md"
DATA_DIR = f"{SECTION}/du-lieu"
BANK_JS = f"{DATA_DIR}/ngan-hang.js"
THEME_JS = f"{DATA_DIR}/chuyen-de/{{id}}.js"
REGULAR_JS = f"{DATA_DIR}/thuong-ky.js"
PLAN_TEMPLATE_JS = f"{DATA_DIR}/mau-ke-hoach-nam.js"
MINUTES_TEMPLATE_JS = f"{DATA_DIR}/mau-bien-ban.js"
PREPARE_LINK_TEXT = "Chuẩn bị buổi sinh hoạt với chuyên đề này"
THEME_PARAMETER = "chuyen-de"  # ?chuyen-de=<id> on the prepare page

MEETING_TYPES = ("thuong-ky", "chuyen-de", "ket-hop")
# Sample programmes for one occasion of the year are offered, never chosen by default.
OCCASION_TAGS = {"tong-ket-nam", "ke-hoach-nam"}

PAGES = {  # src -> (title, description, fragment, scripts after the vendored libraries)
    PLAN_SRC: ("Kế hoạch năm của chi bộ",
               "Chọn chuyên đề cho từng tháng hoặc từng quý theo loại hình chi bộ, người chuẩn bị; in, tải bản Word "
               "và lịch của chi bộ. Mọi thứ ở lại trên trình duyệt.",
               "meeting/plan.html", ("assets/js/cell.js", "assets/js/plan.js")),
    PREPARE_SRC: ("Chuẩn bị buổi sinh hoạt",
                  "Soạn bộ tài liệu cho một buổi sinh hoạt của chi bộ: chương trình, tài liệu chuyên đề, danh sách, "
                  "biên bản, phiếu đánh giá, đã điền tên chi bộ, ngày giờ, địa điểm.",
                  "meeting/prepare.html", ("assets/js/cell.js", "assets/js/meeting.js")),
    MINUTES_SRC: ("Ghi biên bản buổi sinh hoạt",
                  "Ghi biên bản sinh hoạt chi bộ theo chương trình đã soạn; bản nháp giữ trên trình duyệt, tải bản Word "
                  "để vào sổ biên bản, hoặc in.",
                  "meeting/minutes.html", ("assets/js/cell.js", "assets/js/minutes.js")),
}
VENDOR_JS = ("assets/vendor/pizzip/pizzip.min.js", "assets/vendor/docxtemplater/docxtemplater.min.js")
ICAL_JS = "assets/vendor/ical.js/ical.min.js"
CSS = ("assets/css/meeting.css",)
PRINT_CSS = "assets/kits/kit.css"  # the kits' print stylesheet, for paper only (media="print")


@dataclass(frozen=True)
class ProgrammeStep:
    title: str
    minutes: int
    lead: str
    notes: str = ""


@dataclass(frozen=True)
class SampleProgramme:
    id: str
    title: str
    meeting_type: str
    audience: tuple[str, ...]
    steps: tuple[ProgrammeStep, ...]
    origin: str
    url: str | None = None
    occasion: bool = False

    @property
    def minutes(self) -> int:
        return sum(step.minutes for step in self.steps)


# -- programmes ---------------------------------------------------------------------------------------

HD12_ORIGIN = ("Ba bước của Hướng dẫn 12-HD/BTCTW (khai mạc, nội dung, bế mạc); ngân hàng chưa có chương trình mẫu "
               "cho hình thức này. Trình tự riêng của Hướng dẫn 42-HD/BTCTW chưa được xác nhận; thời lượng tối thiểu "
               "theo Hướng dẫn 42-HD/BTCTW. Phần bế mạc theo cách các mẫu ở địa phương thường làm. Chi bộ điều chỉnh "
               "cho phù hợp.")
OPENING = ProgrammeStep("Khai mạc", 10, "Bí thư chi bộ",
                        "Nêu lý do, giới thiệu đại biểu; cử thư ký; báo cáo số đảng viên có mặt, vắng mặt có lý do, "
                        "không có lý do; thông qua nội dung, chương trình.")
CLOSING = ProgrammeStep("Kết luận, biểu quyết; đánh giá buổi sinh hoạt; thông qua biên bản; bế mạc", 10,
                        "Bí thư chi bộ; đồng chí ghi biên bản")
REGULAR_STEPS = (
    ProgrammeStep("Thông tin thời sự, văn bản mới của Đảng, Nhà nước, cấp ủy cấp trên; tình hình tư tưởng", 15,
                  "Đồng chí được phân công"),
    ProgrammeStep("Đánh giá kết quả tháng qua; đảng viên báo cáo việc thực hiện nhiệm vụ được giao", 20, "Bí thư chi bộ"),
    ProgrammeStep("Thảo luận vấn đề trọng tâm; tự phê bình và phê bình", 25, "Bí thư chi bộ điều hành"),
    ProgrammeStep("Nhiệm vụ tháng tới, phân công đảng viên", 10, "Bí thư chi bộ"),
)
COMBINED_STEPS = (
    ProgrammeStep("Phần thường kỳ: thông tin thời sự, văn bản mới", 10, "Đồng chí được phân công"),
    ProgrammeStep("Phần thường kỳ: đánh giá tháng qua; đảng viên báo cáo nhiệm vụ được giao", 15, "Bí thư chi bộ"),
    ProgrammeStep("Phần thường kỳ: thảo luận, tự phê bình và phê bình", 15, "Bí thư chi bộ điều hành"),
    ProgrammeStep("Phần thường kỳ: nhiệm vụ tháng tới, phân công đảng viên", 10, "Bí thư chi bộ"),
    ProgrammeStep("Phần chuyên đề: nêu mục đích, yêu cầu", 5, "Bí thư chi bộ"),
    ProgrammeStep("Phần chuyên đề: trình bày dự thảo chuyên đề", 20, "Đồng chí được phân công chuẩn bị chuyên đề"),
    ProgrammeStep("Phần chuyên đề: thảo luận, liên hệ, góp ý hoàn thiện", 25, "Bí thư chi bộ điều hành"),
    ProgrammeStep("Phần chuyên đề: đảng viên đăng ký việc làm", 5, "Từng đảng viên"),
)


def hd12_programme(meeting_type: str) -> SampleProgramme:
    """HD 12's three steps for a meeting type the bank has no sample programme for."""
    if meeting_type == "chuyen-de":
        kit_programme = default_thematic_programme(SimpleNamespace(duration_minutes=None))  # the kits' own default
        steps = tuple(ProgrammeStep(step.title, step.minutes, step.lead, step.notes) for step in kit_programme.steps)
    else:
        steps = (OPENING, *(REGULAR_STEPS if meeting_type == "thuong-ky" else COMBINED_STEPS), CLOSING)
    return SampleProgramme(f"hd12-{meeting_type}", "Ba bước theo Hướng dẫn 12-HD/BTCTW", meeting_type, ("tat-ca",),
                           steps, HD12_ORIGIN)


def sample_programmes(bank: Bank, urls: Urls) -> list[SampleProgramme]:
    """The bank's sample programmes that have steps, then HD 12's steps for each meeting type without one."""
    programmes = []
    for agenda in bank.of_kind("agenda"):
        if not agenda.steps or agenda.meeting_type not in MEETING_TYPES:
            continue
        programmes.append(SampleProgramme(
            agenda.id, agenda.title, agenda.meeting_type, agenda.audience,
            tuple(ProgrammeStep(step.title, step.minutes, step.lead, step.notes or "") for step in agenda.steps),
            f"Theo chương trình mẫu «{agenda.title}» trong ngân hàng.", urls.page_url(urls.entry_src(agenda.id)),
            occasion=bool(OCCASION_TAGS & set(agenda.tags))))
    present = {programme.meeting_type for programme in programmes}
    return programmes + [hd12_programme(kind) for kind in MEETING_TYPES if kind not in present]


def default_programme(programmes: list[SampleProgramme], meeting_type: str, audience: str) -> SampleProgramme:
    """The programme offered first: one written for this kind of cell, then one for every cell; never one for a
    single occasion of the year (year start, year end) unless nothing else exists; the bank's order breaks ties."""
    candidates = [p for p in programmes if p.meeting_type == meeting_type]

    def rank(programme: SampleProgramme) -> tuple[int, int]:
        specific = audience != "tat-ca" and audience in programme.audience
        general = "tat-ca" in programme.audience
        return (int(programme.occasion), 0 if specific else 1 if general else 2)

    return min(candidates, key=rank)


def is_long_enough(programme: SampleProgramme) -> bool:
    return programme.minutes >= MINIMUM_MINUTES[programme.meeting_type]


# -- the data the scripts read ------------------------------------------------------------------------

def theme_record(theme: Entry, bank: Bank, urls: Urls, kit_formats: tuple[str, ...]) -> dict[str, object]:
    from ..kits.output import SITE_FOLDER, site_files  # the kit and deck outputs' paths: one place for each
    from ..present.output import deck_url

    files = site_files(theme.id)
    series = bank.vocabulary.labels("series").get(theme.series or "", "")
    record: dict[str, object] = {
        "id": theme.id, "t": theme.title, "u": urls.page_url(urls.entry_src(theme.id)), "m": list(theme.months),
        "a": list(theme.audience), "y": theme.year, "s": series, "d": theme.is_draft, "x": theme.duration_minutes,
    }
    if "html" in kit_formats:
        record["k"] = f"{SITE_FOLDER}/{theme.id}/"
    if "pdf" in kit_formats:
        record["h"] = files["handout"]
    record["p"] = deck_url(theme.id)
    record["q"] = len(theme.quiz)
    return record


def theme_file_holds(kit_formats: tuple[str, ...]) -> tuple[str, ...]:
    """What a theme's data file carries: its sheets when the build makes no print page to take them from (formats
    without html), its Word template when the build makes Word files; () is no file at all."""
    return (("sheets",) if "html" not in kit_formats else ()) + (("docx",) if "docx" in kit_formats else ())


def meeting_data(bank: Bank, urls: Urls, kit_formats: tuple[str, ...]) -> dict[str, object]:
    programmes = sample_programmes(bank, urls)
    audience = bank.vocabulary.labels("audience")
    return {
        "themes": [theme_record(theme, bank, urls, kit_formats) for theme in bank.of_kind("theme")],
        "programmes": [{"id": p.id, "t": p.title, "type": p.meeting_type, "a": list(p.audience), "u": p.url,
                        "o": p.origin, "occasion": p.occasion,
                        "steps": [{"t": s.title, "n": s.minutes, "l": s.lead, "o": s.notes} for s in p.steps]}
                       for p in programmes],
        "defaults": {kind: {code: default_programme(programmes, kind, code).id for code in audience}
                     for kind in MEETING_TYPES},
        "audience": audience,
        "types": {kind: bank.schema.enum_label("meeting_type", kind) for kind in MEETING_TYPES},
        "minimum": {kind: MINIMUM_MINUTES[kind] for kind in MEETING_TYPES},
        "pages": {"plan": urls.page_url(PLAN_SRC), "prepare": urls.page_url(PREPARE_SRC),
                  "minutes": urls.page_url(MINUTES_SRC)},
        "files": {"theme": THEME_JS if theme_file_holds(kit_formats) else None, "regular": REGULAR_JS, "plan": PLAN_TEMPLATE_JS, "minutes": MINUTES_TEMPLATE_JS},
    }


def meeting_data_js(bank: Bank, urls: Urls, kit_formats: tuple[str, ...]) -> str:
    return js_assignment("__tbMeeting", meeting_data(bank, urls, kit_formats))


def prepare_link(urls: Urls, theme_id: str) -> str:
    """The prepare page for one theme, as a site URL (entry pages and kit pages link it)."""
    return f"{urls.page_url(PREPARE_SRC)}?{THEME_PARAMETER}={theme_id}"


# -- the pages ----------------------------------------------------------------------------------------

def meeting_pages(bank: Bank, urls: Urls, template_dirs: tuple[Path, ...] = ()) -> list[GeneratedPage]:
    from ..kits import forms

    audience = bank.vocabulary.labels("audience")
    types = {kind: bank.schema.enum_label("meeting_type", kind) for kind in MEETING_TYPES}
    pages = []
    for src, (title, description, fragment, scripts) in PAGES.items():
        def href(url: str, src: str = src) -> str:
            return urls.href(src, url)

        html = render(fragment, template_dirs, title=title, forms=forms, audience=audience, types=types,
                      minimum=MINIMUM_MINUTES, href=href, data_js=href(BANK_JS),
                      styles=[href(path) for path in CSS], print_css=href(PRINT_CSS),
                      scripts=[href(path) for path in VENDOR_JS + ((ICAL_JS,) if src == PLAN_SRC else ()) + scripts],
                      plan_url=href(urls.page_url(PLAN_SRC)), prepare_url=href(urls.page_url(PREPARE_SRC)),
                      minutes_url=href(urls.page_url(MINUTES_SRC)))
        front = f"---\ntitle: {meta_string(title)}\ndescription: {meta_string(description)}\n---\n"
        pages.append(GeneratedPage(src, front, lambda _body, html=html: html.rstrip("\n")))
    return pages


__all__ = ["BANK_JS", "MINUTES_SRC", "PLAN_SRC", "PREPARE_LINK_TEXT", "PREPARE_SRC", "SampleProgramme",
           "default_programme", "meeting_data", "meeting_data_js", "meeting_pages", "prepare_link", "sample_programmes",
           "theme_file_holds"]
