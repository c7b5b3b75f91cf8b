"""The topic finder page (tim-chuyen-de/) and the small data scripts the browser filters.

The page is a form whose options come from the schema and the vocabulary; the list
itself is drawn by docs/assets/js/finder.js from topics.js, a script copy of the
records in topics.json (a page opened from file:// cannot fetch JSON). The home page's
"Tháng này" reads thang.js, only the month -> themes table, so phones download little.
"""
from __future__ import annotations

from ..model import Bank
from ..search.index import js_assignment
from .index_pages import MONTHS_PAGE, GeneratedPage
from .text import Urls, esc, yaml_string

FINDER_SRC = "tim-chuyen-de/index.md"
TOPICS_JS = "topics.js"
MONTHS_JS = "thang.js"

# (URL parameter, record field, label): the parameters are short ASCII words so shared links stay readable.
FILTERS = [("loai", "kind", "Loại mục"), ("loat", "series", "Loạt"), ("nam", "year", "Năm"),
           ("thang", "months", "Tháng gợi ý"), ("chi-bo", "audience", "Loại hình chi bộ"),
           ("tinh-trang", "status", "Tình trạng")]


def filter_options(bank: Bank) -> dict[str, list[tuple[str, str]]]:
    """Record field -> [(value, Vietnamese label)] for each select of the finder."""
    schema, vocabulary = bank.schema, bank.vocabulary
    years = sorted({entry.year for entry in bank.entries if entry.year}, reverse=True)
    return {
        "kind": [(value, schema.enum_label("kind", value)) for value in schema.properties["kind"]["enum"]],
        "series": list(vocabulary.labels("series").items()),
        "year": [(str(year), str(year)) for year in years],
        "months": [(str(month), f"Tháng {month}") for month in range(1, 13)],
        "audience": list(vocabulary.labels("audience").items()),
        "status": [(value, schema.enum_label("status", value)) for value in schema.properties["status"]["enum"]],
    }


def finder_page(bank: Bank, urls: Urls) -> GeneratedPage:
    options = filter_options(bank)
    controls = []
    for param, field, label in FILTERS:
        choices = "".join(f'<option value="{esc(value)}">{esc(text)}</option>' for value, text in options[field])
        controls.append(f'<div class="tb-finder-field"><label for="tb-f-{param}">{esc(label)}</label>'
                        f'<select id="tb-f-{param}" name="{param}" data-field="{field}">'
                        f'<option value="">Tất cả</option>{choices}</select></div>')
    topics_js = urls.href(FINDER_SRC, TOPICS_JS)
    body = f"""---
title: "Tìm chuyên đề"
description: {yaml_string("Lọc các mục của ngân hàng theo loại, loạt, năm, tháng, loại hình chi bộ và tình trạng.")}
---

<h1>Tìm chuyên đề</h1>
<p class="tb-intro">Chọn điều kiện lọc; danh sách thay đổi ngay. Địa chỉ trang giữ các điều kiện đã chọn,
nên có thể gửi đường dẫn này cho người khác. Ô tìm chữ không phân biệt có dấu hay không dấu.</p>

<form class="tb-finder" id="tb-finder" role="search" aria-label="Lọc mục trong ngân hàng">
<div class="tb-finder-field tb-finder-text"><label for="tb-f-q">Có chữ</label>
<input type="search" id="tb-f-q" name="q" autocomplete="off" placeholder="ví dụ: tu phe binh"></div>
{"".join(controls)}
<div class="tb-finder-actions"><button type="reset" class="md-button">Bỏ mọi điều kiện</button></div>
</form>

<p id="tb-finder-count" class="tb-finder-count" role="status" aria-live="polite">Cần bật JavaScript để lọc danh sách.</p>
<ul class="tb-list" id="tb-finder-results"></ul>

<script src="{esc(topics_js)}"></script>
"""
    return GeneratedPage(FINDER_SRC, body)


def finder_data_js(records: list[dict[str, object]], bank: Bank) -> str:
    """topics.js: the topics.json records plus the labels the finder shows."""
    labels = {field: dict(values) for field, values in filter_options(bank).items()}
    return js_assignment("__tbTopics", {"records": records, "labels": labels})


def months_data_js(bank: Bank, urls: Urls) -> str:
    """thang.js: month -> the themes suggested for it, for "Tháng này" on the home page."""
    months = {
        str(month): [{"t": entry.title, "u": urls.page_url(urls.entry_src(entry.id))}
                     for entry in bank.themes_in_month(month)]
        for month in range(1, 13)
    }
    return js_assignment("__tbMonths", {"plan": urls.page_url(MONTHS_PAGE), "months": months})
