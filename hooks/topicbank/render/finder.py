"""The topic finder page (tim-chuyen-de/, fragments/finder.html) and the small data scripts the browser filters.

The page is a form whose options come from the schema and the vocabulary; the list
itself is drawn by docs/assets/js/finder.js from topics.js, a script copy of the
records in topics.json (a page opened from file:// cannot fetch JSON). The home page's
"Tháng này" reads thang.js, only the month -> themes table, so phones download little.
"""
from __future__ import annotations

from pathlib import Path

from ..model import Bank
from ..search.index import js_assignment
from .index_pages import MONTHS_PAGE
from .jinja import render
from .text import GeneratedPage, Urls, yaml_string

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


def finder_page(bank: Bank, urls: Urls, template_dirs: tuple[Path, ...] = ()) -> GeneratedPage:
    options = filter_options(bank)
    filters = [{"param": param, "field": field, "label": label, "options": options[field]}
               for param, field, label in FILTERS]
    html = render("finder.html", template_dirs, filters=filters, topics_js=urls.href(FINDER_SRC, TOPICS_JS))
    front = (f'---\ntitle: "Tìm chuyên đề"\ndescription: '
             f'{yaml_string("Lọc các mục của ngân hàng theo loại, loạt, năm, tháng, loại hình chi bộ và tình trạng.")}\n---\n')
    return GeneratedPage(FINDER_SRC, front, lambda _body: html.rstrip("\n"))


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
    from .meeting_pages import MINUTES_SRC, PLAN_SRC, PREPARE_SRC  # the cell's three steps, led into from "Tháng này"

    steps = {"plan": urls.page_url(PLAN_SRC), "prepare": urls.page_url(PREPARE_SRC), "minutes": urls.page_url(MINUTES_SRC)}
    return js_assignment("__tbMonths", {"plan": urls.page_url(MONTHS_PAGE), "months": months, "steps": steps})
