"""Every data file that helps readers find a topic, in one place so the adapter writes them in one loop.

topics.js (the finder) and lich-sinh-hoat.ics (the calendar feed of the
12-month plan). The search index is an output (search/index.py SearchIndexOutput), written beside the kits.
"""
from __future__ import annotations

import datetime as dt

from ..model import Bank
from . import SiteSettings, topics_js
from .calendar import CALENDAR_PATH, calendar_ics
from .finder import TOPICS_JS


def finding_files(bank: Bank, settings: SiteSettings, site_url: str | None, stamp: dt.datetime) -> dict[str, bytes]:
    """Site path -> file content."""
    return {
        TOPICS_JS: topics_js(bank, settings).encode("utf-8"),
        CALENDAR_PATH: calendar_ics(bank, settings.urls, site_url, stamp),
    }
