"""Index pages: by kind, by series (Chỉ thị 05 by year), by month, by kind of cell.

Each page lists a slice of the bank, so the total cost stays linear in the bank's size.
"""
from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from ..model import Bank, Entry
from .text import Urls, esc, meta_string, vn_date

KIND_PAGES = {  # kind -> (src_uri, title, intro)
    "theme": ("chuyen-de/index.md", "Chuyên đề sinh hoạt",
              "Các chuyên đề để chi bộ sinh hoạt chuyên đề (ít nhất mỗi quý một lần), xếp theo loạt."),
    "guidance": ("huong-dan/index.md", "Hướng dẫn nghiệp vụ",
                 "Cách chuẩn bị, điều hành, ghi biên bản và đánh giá buổi sinh hoạt chi bộ."),
    "agenda": ("chuong-trinh-mau/index.md", "Chương trình sinh hoạt mẫu",
               "Chương trình buổi sinh hoạt có sẵn thời gian từng phần và người phụ trách, để chi bộ điều chỉnh."),
    "document": ("van-ban/index.md", "Văn bản được trích dẫn",
                 "Văn bản của Đảng, Nhà nước mà các mục trong ngân hàng dựa vào, kèm tình trạng hiệu lực."),
}
NEW_ENTRY_LABELS = {"theme": "Thêm chuyên đề mới", "guidance": "Thêm hướng dẫn mới",
                    "agenda": "Thêm chương trình mẫu mới", "document": "Thêm văn bản mới"}
CONTRIBUTING_SRC = "dong-gop/index.md"
SERIES_INDEX = "loat/index.md"
MONTHS_PAGE = "ke-hoach-12-thang.md"
AUDIENCE_INDEX = "loai-hinh-chi-bo/index.md"
VALIDITY_ORDER = ["in-force", "unknown", "superseded", "expired"]


@dataclass(frozen=True)
class GeneratedPage:
    src_uri: str
    content: str


def series_src(series: str) -> str:
    return f"loat/{series}.md"


def audience_src(audience: str) -> str:
    return f"loai-hinh-chi-bo/{audience}.md"


class IndexRenderer:
    def __init__(self, bank: Bank, urls: Urls, new_file_urls: dict[str, str] | None = None) -> None:
        self.bank = bank
        self.urls = urls
        self.new_file_urls = new_file_urls or {}  # kind -> GitHub's new-file form with the template

    def pages(self) -> list[GeneratedPage]:
        pages = [self._kind_page(kind) for kind in KIND_PAGES]
        pages.append(self._series_index())
        pages += [self._series_page(series) for series in self.bank.vocabulary.labels("series")]
        pages.append(self._months_page())
        pages.append(self._audience_index())
        pages += [self._audience_page(audience) for audience in self.bank.vocabulary.labels("audience")]
        return pages

    # -- pages --------------------------------------------------------------------------------

    def _kind_page(self, kind: str) -> GeneratedPage:
        src, title, intro = KIND_PAGES[kind]
        entries = self.bank.of_kind(kind)
        body = [self._header(title, intro), self._new_entry_link(kind, src)]
        if kind == "theme":
            for series, label in self._series_labels():
                group = [entry for entry in entries if entry.series == series]
                if group:
                    body.append(self._section(label, group, src, link=self.urls.page_url(series_src(series))))
            rest = [entry for entry in entries if entry.series not in self.bank.vocabulary.labels("series")]
            if rest:
                body.append(self._section("Chuyên đề khác", rest, src))
        elif kind == "document":
            for validity in VALIDITY_ORDER:
                group = sorted((entry for entry in entries if entry.validity == validity),
                               key=lambda entry: entry.issued or "", reverse=True)
                if group:
                    body.append(self._section(self.bank.schema.enum_label("validity", validity), group, src))
        else:
            body.append(self._list(entries, src))
        return self._page(src, title, body)

    def _series_index(self) -> GeneratedPage:
        title = "Chuyên đề theo loạt"
        items = []
        for series, label in self._series_labels():
            count = len(self.bank.in_series(series))
            href = self.urls.href(SERIES_INDEX, self.urls.page_url(series_src(series)))
            items.append(f'<li><a href="{esc(href)}">{esc(label)}</a> <span class="tb-count">({count} mục)</span></li>')
        return self._page(SERIES_INDEX, title, [self._header(title, "Chọn một loạt để xem các mục của loạt đó."),
                                                f'<ul class="tb-series-list">{"".join(items)}</ul>'])

    def _series_page(self, series: str) -> GeneratedPage:
        src, label = series_src(series), self.bank.vocabulary.label("series", series)
        entries = self.bank.in_series(series)
        body = [self._header(label, f"Các mục thuộc loạt «{label}».")]
        years = sorted({entry.year for entry in entries if entry.year}, reverse=True)
        if years:
            for year in years:
                body.append(self._section(f"Năm {year}", [entry for entry in entries if entry.year == year], src))
            undated = [entry for entry in entries if not entry.year]
            if undated:
                body.append(self._section("Không gắn với năm", undated, src))
        else:
            body.append(self._list(entries, src) if entries else "<p>Chưa có mục nào.</p>")
        return self._page(src, label, body)

    def _months_page(self) -> GeneratedPage:
        title = "Kế hoạch 12 tháng"
        intro = ("Chuyên đề gợi ý cho từng tháng trong năm, gồm chuyên đề gắn với ngày lễ, ngày kỷ niệm. "
                 "Chi bộ chọn theo hướng dẫn của cấp ủy cấp trên và tình hình của mình.")
        calendar = esc(self.urls.href(MONTHS_PAGE, "lich-sinh-hoat.ics"))
        body = [self._header(title, intro),
                f'<p class="tb-calendar-link"><a href="{calendar}">Thêm vào lịch điện thoại (tệp lich-sinh-hoat.ics)</a>: '
                "mỗi tháng một lời nhắc cả ngày với các chuyên đề gợi ý. Trong ứng dụng lịch, chọn «Thêm lịch theo "
                "đường dẫn» (đăng ký) để lịch tự cập nhật.</p>"]
        for month in range(1, 13):
            themes = self.bank.themes_in_month(month)
            body.append(f'<section class="tb-month" id="thang-{month}">')
            body.append(self._section(f"Tháng {month}", themes, MONTHS_PAGE) if themes
                        else f"<h2>Tháng {month}</h2><p>Chưa có chuyên đề gợi ý.</p>")
            body.append("</section>")
        return self._page(MONTHS_PAGE, title, body)

    def _audience_index(self) -> GeneratedPage:
        title = "Theo loại hình chi bộ"
        items = []
        for audience, label in self.bank.vocabulary.labels("audience").items():
            count = len(self.bank.for_audience(audience))
            href = self.urls.href(AUDIENCE_INDEX, self.urls.page_url(audience_src(audience)))
            items.append(f'<li><a href="{esc(href)}">{esc(label)}</a> <span class="tb-count">({count} mục)</span></li>')
        intro = "Mục dành riêng cho từng loại hình chi bộ. Mục dành cho mọi chi bộ nằm ở trang «Mọi chi bộ»."
        return self._page(AUDIENCE_INDEX, title, [self._header(title, intro), f'<ul class="tb-audience-list">{"".join(items)}</ul>'])

    def _audience_page(self, audience: str) -> GeneratedPage:
        src, label = audience_src(audience), self.bank.vocabulary.label("audience", audience)
        entries = self.bank.for_audience(audience)
        body = [self._header(label, f"Các mục dành cho: {label}.")]
        for kind in KIND_PAGES:
            group = [entry for entry in entries if entry.kind == kind]
            if group:
                body.append(self._section(KIND_PAGES[kind][1], group, src))
        if not entries:
            body.append("<p>Chưa có mục nào dành riêng cho loại hình này.</p>")
        return self._page(src, label, body)

    # -- helpers ------------------------------------------------------------------------------

    def _series_labels(self) -> Iterable[tuple[str, str]]:
        return self.bank.vocabulary.labels("series").items()

    def _page(self, src: str, title: str, body: list[str]) -> GeneratedPage:
        front = f"---\ntitle: {meta_string(title)}\ntb_index: true\n---\n\n"  # labels come from the vocabulary
        return GeneratedPage(src, front + "\n\n".join(body) + "\n")

    def _new_entry_link(self, kind: str, src: str) -> str:
        """"Thêm … mới": GitHub's new-file form with the kind's template, beside the contributing guide."""
        url = self.new_file_urls.get(kind)
        if not url:
            return ""
        guide = esc(self.urls.href(src, self.urls.page_url(CONTRIBUTING_SRC)))
        return (f'<p class="tb-new-entry"><a class="md-button" href="{esc(url)}" rel="noopener noreferrer">'
                f'{esc(NEW_ENTRY_LABELS[kind])}</a> <a href="{guide}">Hướng dẫn đóng góp</a></p>')

    def _header(self, title: str, intro: str) -> str:
        return f'<h1>{esc(title)}</h1>\n<p class="tb-intro">{esc(intro)}</p>'

    def _section(self, heading: str, entries: list[Entry], src: str, link: str | None = None) -> str:
        title = esc(heading)
        if link is not None:
            title = f'<a href="{esc(self.urls.href(src, link))}">{title}</a>'
        return f"<h2>{title}</h2>\n{self._list(entries, src)}"

    def _list(self, entries: list[Entry], src: str) -> str:
        items = []
        for entry in entries:
            href = self.urls.href(src, self.urls.page_url(self.urls.entry_src(entry.id)))
            badges = []
            if entry.is_draft:
                badges.append('<span class="tb-badge tb-draft-badge">Bản nháp</span>')
            if entry.kind == "document":
                badges.append(f'<span class="tb-badge">{esc(vn_date(entry.issued))}</span>')
                badges.append(f'<span class="tb-badge">{esc(self.bank.schema.enum_label("validity", entry.validity or "unknown"))}</span>')
            if entry.months and entry.kind == "theme":
                badges.append(f'<span class="tb-badge">Tháng {esc(", ".join(str(m) for m in entry.months))}</span>')
            items.append(f'<li class="tb-item"><a href="{esc(href)}">{esc(entry.title)}</a> {"".join(badges)}'
                         f'<br><span class="tb-item-summary">{esc(entry.summary)}</span></li>')
        return f'<ul class="tb-list">{"".join(items)}</ul>'
