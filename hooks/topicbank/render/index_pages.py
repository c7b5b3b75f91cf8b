"""Index pages: by kind, by series (Chỉ thị 05 by year), by month, by kind of cell.

Each page lists a slice of the bank, so the total cost stays linear in the bank's size. The pages are
fragments/index/*.html; here the bank is turned into the plain values they lay out (titles, links, badges).
"""
from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .. import labels
from ..model import Bank, Entry
from ..page_cache import content_key
from .jinja import render
from .text import GeneratedPage, Urls, meta_string, vn_date

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
class ListItem:
    """One entry in a list: its link, summary and badges as (extra CSS class, text)."""

    href: str
    title: str
    summary: str
    badges: tuple[tuple[str, str], ...]


@dataclass(frozen=True)
class Section:
    heading: str | None  # None: the list alone, no heading
    items: tuple[ListItem, ...]
    href: str | None = None  # the heading links here (a series page)


@dataclass(frozen=True)
class Count:
    href: str
    label: str
    count: int


def series_src(series: str) -> str:
    return f"loat/{series}.md"


def audience_src(audience: str) -> str:
    return f"loai-hinh-chi-bo/{audience}.md"


class IndexRenderer:
    def __init__(self, bank: Bank, urls: Urls, new_file_urls: dict[str, str] | None = None,
                 template_dirs: tuple[Path, ...] = ()) -> None:
        self.bank = bank
        self.urls = urls
        self.new_file_urls = new_file_urls or {}  # kind -> GitHub's new-file form with the template
        self.template_dirs = template_dirs

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
        sections = []
        if kind == "theme":
            for series, label in self._series_labels():
                group = [entry for entry in entries if entry.series == series]
                if group:
                    sections.append(self._section(label, group, src, link=self.urls.page_url(series_src(series))))
            rest = [entry for entry in entries if entry.series not in self.bank.vocabulary.labels("series")]
            if rest:
                sections.append(self._section("Chuyên đề khác", rest, src))
        elif kind == "document":
            for validity in VALIDITY_ORDER:
                group = sorted((entry for entry in entries if entry.validity == validity),
                               key=lambda entry: entry.issued or "", reverse=True)
                if group:
                    sections.append(self._section(self.bank.schema.enum_label("validity", validity), group, src))
        else:
            sections.append(self._section(None, entries, src))
        return self._page(src, title, "index/sections.html", intro=intro, sections=sections,
                          new_entry=self._new_entry_link(kind, src), empty=None)

    def _series_index(self) -> GeneratedPage:
        title = "Chuyên đề theo loạt"
        counts = [Count(self.urls.href(SERIES_INDEX, self.urls.page_url(series_src(series))), label,
                        len(self.bank.in_series(series))) for series, label in self._series_labels()]
        return self._page(SERIES_INDEX, title, "index/counts.html", intro="Chọn một loạt để xem các mục của loạt đó.",
                          css="tb-series-list", counts=counts)

    def _series_page(self, series: str) -> GeneratedPage:
        src, label = series_src(series), self.bank.vocabulary.label("series", series)
        entries = self.bank.in_series(series)
        sections, empty = [], None
        years = sorted({entry.year for entry in entries if entry.year}, reverse=True)
        if years:
            sections = [self._section(f"Năm {year}", [entry for entry in entries if entry.year == year], src)
                        for year in years]
            undated = [entry for entry in entries if not entry.year]
            if undated:
                sections.append(self._section("Không gắn với năm", undated, src))
        elif entries:
            sections = [self._section(None, entries, src)]
        else:
            empty = "Chưa có mục nào."
        return self._page(src, label, "index/sections.html", intro=f"Các mục thuộc loạt «{label}».",
                          sections=sections, new_entry=None, empty=empty)

    def _months_page(self) -> GeneratedPage:
        title = "Kế hoạch 12 tháng"
        intro = ("Chuyên đề gợi ý cho từng tháng trong năm, gồm chuyên đề gắn với ngày lễ, ngày kỷ niệm. "
                 "Chi bộ chọn theo hướng dẫn của cấp ủy cấp trên và tình hình của mình.")
        months = [(month, self._section(f"Tháng {month}", self.bank.themes_in_month(month), MONTHS_PAGE))
                  for month in range(1, 13)]
        from .calendar import CALENDAR_PATH, subscription_urls  # calendar imports MONTHS_PAGE from here

        return self._page(MONTHS_PAGE, title, "index/months.html", intro=intro, months=months,
                          calendar_href=self.urls.href(MONTHS_PAGE, CALENDAR_PATH),
                          subscribe=subscription_urls(self.urls.site_url))

    def _audience_index(self) -> GeneratedPage:
        title = "Theo loại hình chi bộ"
        counts = [Count(self.urls.href(AUDIENCE_INDEX, self.urls.page_url(audience_src(audience))), label,
                        len(self.bank.for_audience(audience)))
                  for audience, label in self.bank.vocabulary.labels("audience").items()]
        intro = "Mục dành riêng cho từng loại hình chi bộ. Mục dành cho mọi chi bộ nằm ở trang «Mọi chi bộ»."
        return self._page(AUDIENCE_INDEX, title, "index/counts.html", intro=intro, css="tb-audience-list",
                          counts=counts)

    def _audience_page(self, audience: str) -> GeneratedPage:
        src, label = audience_src(audience), self.bank.vocabulary.label("audience", audience)
        entries = self.bank.for_audience(audience)
        sections = [self._section(KIND_PAGES[kind][1], group, src) for kind in KIND_PAGES
                    if (group := [entry for entry in entries if entry.kind == kind])]
        return self._page(src, label, "index/sections.html", intro=f"Các mục dành cho: {label}.", sections=sections,
                          new_entry=None, empty=None if entries else "Chưa có mục nào dành riêng cho loại hình này.")

    # -- helpers ------------------------------------------------------------------------------

    def _series_labels(self) -> Iterable[tuple[str, str]]:
        return self.bank.vocabulary.labels("series").items()

    def _page(self, src: str, title: str, template: str, **context: Any) -> GeneratedPage:
        """The page's HTML is rendered when MkDocs asks for it; under serve, a page whose values did not change
        is kept from the last rebuild without rendering it (parts_key: the values, as for entry pages)."""
        front = f"---\ntitle: {meta_string(title)}\ntb_index: true\n---\n"  # labels come from the vocabulary
        values = {"template": template, "title": title, **context}  # `labels`, constants of the code, keyed apart
        return GeneratedPage(src, front,
                             lambda _body: render(template, self.template_dirs, title=title, labels=labels,
                                                  **context).rstrip("\n"),
                             lambda: content_key(values))

    def _new_entry_link(self, kind: str, src: str) -> dict[str, str] | None:
        """"Thêm … mới": GitHub's new-file form with the kind's template, beside the contributing guide."""
        url = self.new_file_urls.get(kind)
        if not url:
            return None
        return {"href": url, "label": NEW_ENTRY_LABELS[kind],
                "guide": self.urls.href(src, self.urls.page_url(CONTRIBUTING_SRC))}

    def _section(self, heading: str | None, entries: list[Entry], src: str, link: str | None = None) -> Section:
        return Section(heading, tuple(self._item(entry, src) for entry in entries),
                       self.urls.href(src, link) if link is not None else None)

    def _item(self, entry: Entry, src: str) -> ListItem:
        badges = []
        if entry.is_draft:
            badges.append(("tb-draft-badge", labels.DRAFT))
        if entry.kind == "document":
            badges.append(("", vn_date(entry.issued)))
            badges.append(("", self.bank.schema.enum_label("validity", entry.validity or "unknown")))
        if entry.months and entry.kind == "theme":
            badges.append(("", "Tháng " + ", ".join(str(m) for m in entry.months)))
        href = self.urls.href(src, self.urls.page_url(self.urls.entry_src(entry.id)))
        return ListItem(href, entry.title, entry.summary, tuple(badges))
