""""Tháng này" on the home page, written into the page by the build: every month's suggested themes as an
inert <template> inside the box `<div id="tb-this-month">` of the site's index.md, and right after the box
the small script assets/js/this-month.js, inlined, that puts the reader's current month in the box.

The script runs while the page is parsed, before it is first painted, so the box shows its final content
from the start and nothing below it moves (it was filled from thang.js after load before: a layout shift of
0.2 on a phone). The month still comes from today's date in the browser, so no monthly rebuild is needed.
Without JavaScript the box keeps what index.md wrote in it (a link to the 12-month plan).
"""
from __future__ import annotations

import re
from pathlib import Path

from ..model import Bank
from ..resources import ASSETS_DIR
from .index_pages import MONTHS_PAGE
from .jinja import Markup, render
from .text import Urls

HOME_SRC = "index.md"
BOX = re.compile(r'(<div id="tb-this-month"[^>]*>)(.*?)(</div>)', re.S)  # what index.md writes: no nested div
SCRIPT = ASSETS_DIR / "js" / "this-month.js"


def this_month_parts(bank: Bank, urls: Urls, template_dirs: tuple[Path, ...] = ()) -> tuple[str, str]:
    """(the twelve months' templates, the inline script) for the home page."""
    def href(src: str) -> str:
        return urls.href(HOME_SRC, urls.page_url(src))

    months = [{"number": month, "themes": [{"title": entry.title, "href": href(urls.entry_src(entry.id))}
                                           for entry in bank.themes_in_month(month)]}
              for month in range(1, 13)]
    steps = _steps(href)
    templates = render("this-month.html", template_dirs, months=months, plan=href(MONTHS_PAGE), steps=steps)
    script = re.sub(r"^/\*.*?\*/\s*", "", SCRIPT.read_text(encoding="utf-8").strip(), count=1, flags=re.S)  # its comment stays in the file
    return templates.strip(), f"<script>{Markup(script)}</script>"


def _steps(href) -> dict[str, str] | None:
    """The cell's three steps (sinh-hoat-chi-bo/: plan the year, prepare this month's meeting, write its minutes),
    which the box leads into; None in a package without those pages."""
    try:
        from .meeting_pages import MINUTES_SRC, PLAN_SRC, PREPARE_SRC
    except ImportError:
        return None
    return {"plan": href(PLAN_SRC), "prepare": href(PREPARE_SRC), "minutes": href(MINUTES_SRC)}


def fill_this_month(html: str, parts: tuple[str, str]) -> str:
    """The page with the months written into its "Tháng này" box (the box's own content kept for readers
    without JavaScript), the script after it; a page without the box is returned as it is."""
    templates, script = parts
    return BOX.sub(lambda match: f"{match.group(1)}{match.group(2)}{templates}{match.group(3)}{script}", html, count=1)
