"""Phones: every page fits 360 px without sideways scrolling; topic pages stay light; nothing leaves localhost."""
from __future__ import annotations

import gzip
from pathlib import Path

import pytest

from finding_helpers import open_search, typed_results

TOPIC_PAGE_GZIP_LIMIT = 60 * 1024


WIDEST = """() => { for (const el of document.querySelectorAll("body *")) {
  const box = el.getBoundingClientRect();
  if (box.right > 361) return `${el.tagName.toLowerCase()}.${[...el.classList].join(".")} ends at ${Math.round(box.right)} px`;
} return "?"; }"""


def page_urls(site: Path) -> list[str]:
    return sorted(path.relative_to(site).parent.as_posix() + "/" for path in site.rglob("index.html"))


def test_topic_pages_weigh_under_60_kb_gzip(built_site: Path) -> None:
    sizes = {path.parent.name: len(gzip.compress(path.read_bytes(), 9)) for path in (built_site / "muc").glob("*/index.html")}
    assert sizes
    heavy = {name: size for name, size in sizes.items() if size >= TOPIC_PAGE_GZIP_LIMIT}
    assert not heavy, heavy


@pytest.mark.browser
@pytest.mark.slow
def test_every_page_fits_a_360_px_screen(browser, site_url: str, built_site: Path) -> None:
    context = browser.new_context(viewport={"width": 360, "height": 740}, locale="vi-VN")
    page = context.new_page()
    too_wide = {}
    try:
        for url in page_urls(built_site):
            page.goto(site_url + ("" if url == "./" else url), wait_until="load")
            width = page.evaluate("Math.max(document.documentElement.scrollWidth, document.body.scrollWidth)")
            if width > 360:  # name the first element that sticks out, so the message says what to fix
                too_wide[url] = page.evaluate(WIDEST)
    finally:
        context.close()
    assert not too_wide, too_wide


@pytest.mark.browser
def test_nothing_leaves_localhost(page, site_url: str, built_site: Path) -> None:
    topic = next(iter(sorted((built_site / "muc").iterdir()))).name
    urls = ["", f"muc/{topic}/"]
    kits = sorted(path.parent.name for path in (built_site / "bo-tai-lieu").glob("*/index.html"))
    if kits:
        urls.append(f"bo-tai-lieu/{kits[0]}/")
    for url in urls:
        page.goto(site_url + url)
        page.wait_for_load_state("networkidle")
    page.goto(site_url)
    open_search(page)
    assert typed_results(page, "dang vien")
    page.wait_for_load_state("networkidle")
    assert page.outside_requests == []
    if not kits:
        pytest.skip("no kit page (bo-tai-lieu/<id>/) in the built site: home, topic and search were checked")
