"""The topic finder (tim-chuyen-de/) in real Chromium: filters narrow the list and live in the URL."""
from __future__ import annotations

import json
from pathlib import Path
from urllib.parse import parse_qs, urlparse

import pytest

from finding_helpers import script_data
from topicbank.search import words

FINDER = "tim-chuyen-de/"


def topics(site: Path) -> list[dict]:
    return json.loads((site / "topics.json").read_text(encoding="utf-8"))["topics"]


def shown(page) -> list[str]:
    """Paths of the entries the finder lists, in order."""
    return page.eval_on_selector_all("#tb-finder-results a", "links => links.map(a => new URL(a.href).pathname)")


def expected(records: list[dict], kind: str | None = None, month: int | None = None,
             audience: str | None = None, text: str | None = None) -> list[str]:
    """What the finder must list, computed here from topics.json with the same rules, in Python."""
    def keep(record: dict) -> bool:
        if kind and record["kind"] != kind:
            return False
        if month and month not in record["months"]:
            return False
        if audience and audience not in record["audience"] and "tat-ca" not in record["audience"]:
            return False
        haystack = " " + " ".join(words(f"{record['title']} {record['summary']} {record['id'].replace('-', ' ')}"))
        return all(f" {term}" in haystack for term in words(text or ""))
    return [f"/{record['url']}" for record in records if keep(record)]


def test_topics_js_carries_the_topics_json_records(built_site: Path) -> None:
    """topics.js is the finder's compact copy: the fields it filters and shows of every topics.json record."""
    from topicbank.render.finder import decode_finder_data

    data = script_data(built_site / "topics.js", "__tbTopics")
    decoded = decode_finder_data(data)
    assert decoded == [{field: record[field] for field in decoded[0]} for record in topics(built_site)]
    assert data["labels"]["kind"]["theme"] == "Chuyên đề"
    assert len((built_site / "topics.js").read_bytes()) < 0.75 * len((built_site / "topics.json").read_bytes())


def test_finder_is_in_the_navigation(built_site: Path) -> None:
    home = (built_site / "index.html").read_text(encoding="utf-8")
    assert 'href="tim-chuyen-de/"' in home
    finder = (built_site / FINDER / "index.html").read_text(encoding="utf-8")
    for label in ("Loại mục", "Loạt", "Năm", "Tháng gợi ý", "Loại hình chi bộ", "Tình trạng", "Có chữ"):
        assert f">{label}</label>" in finder, label


@pytest.mark.browser
def test_filters_narrow_the_list_and_survive_a_reload(page, site_url: str, built_site: Path) -> None:
    records = topics(built_site)
    page.goto(site_url + FINDER)
    assert shown(page) == expected(records)

    page.select_option("#tb-f-loai", "theme")
    themes = expected(records, kind="theme")
    assert shown(page) == themes and 0 < len(themes) < len(records)

    months = {month for record in records if record["kind"] == "theme" for month in record["months"]}
    month = min(months)
    page.select_option("#tb-f-thang", str(month))
    in_month = expected(records, kind="theme", month=month)
    assert shown(page) == in_month and 0 < len(in_month) < len(themes)
    assert page.locator("#tb-finder-count").inner_text() == f"Có {len(in_month)} mục phù hợp."

    page.select_option("#tb-f-thang", "")
    page.select_option("#tb-f-chi-bo", "truong-hoc")
    for_schools = expected(records, kind="theme", audience="truong-hoc")
    assert shown(page) == for_schools

    page.fill("#tb-f-q", "dang vien")  # no diacritics: must find "đảng viên"
    narrowed = expected(records, kind="theme", audience="truong-hoc", text="dang vien")
    assert shown(page) == narrowed and 0 < len(narrowed) < len(for_schools)

    query = parse_qs(urlparse(page.url).query)
    assert query == {"loai": ["theme"], "chi-bo": ["truong-hoc"], "q": ["dang vien"]}
    page.reload()
    assert page.input_value("#tb-f-loai") == "theme" and page.input_value("#tb-f-chi-bo") == "truong-hoc"
    assert page.input_value("#tb-f-q") == "dang vien"
    assert shown(page) == narrowed

    page.click("text=Bỏ mọi điều kiện")
    page.wait_for_function("document.querySelectorAll('#tb-finder-results a').length === %d" % len(records))
    assert urlparse(page.url).query == ""
    assert page.outside_requests == []


@pytest.mark.browser
def test_a_shared_link_opens_with_its_filters(page, site_url: str, built_site: Path) -> None:
    records = topics(built_site)
    years = sorted({record["year"] for record in records if record["year"]})
    assert years, "the bank should have themes tied to a year"
    page.goto(f"{site_url}{FINDER}?nam={years[0]}&tinh-trang=draft")
    want = [f"/{r['url']}" for r in records if r["year"] == years[0] and r["status"] == "draft"]
    assert want and shown(page) == want


@pytest.mark.browser
@pytest.mark.parametrize("url", ["", "topic", FINDER + "?loai=theme", "search"])
def test_home_topic_finder_and_search_are_accessible(page, site_url: str, built_site: Path, url: str) -> None:
    from axe_playwright_python.sync_playwright import Axe

    if url == "topic":
        url = next(f"muc/{r['id']}/" for r in topics(built_site) if r["kind"] == "theme")
    page.goto(site_url + ("" if url == "search" else url))
    if url == "search":  # the search panel open, with results
        page.keyboard.press("/")
        page.locator("#tb-search-input").press_sequentially("chi bo")
        page.wait_for_selector("#tb-search-results a")
    results = Axe().run(page)
    assert results.violations_count == 0, results.generate_report()
