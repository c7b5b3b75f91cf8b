"""lich-sinh-hoat.ics: the 12-month plan as an iCalendar feed a phone calendar can subscribe to.

One all-day event per month that has suggested themes, repeating every year on the
1st of that month (the plan page says so: a reminder, not a meeting time). UIDs are
derived from the month, so a subscribed calendar updates events in place; DTSTAMP comes
from the caller (SOURCE_DATE_EPOCH or a fixed stamp), so two builds of the same commit
write the same bytes. Every text value goes through the icalendar library, which
escapes commas, semicolons and newlines.

Links need the site's published address (mkdocs.yml's site_url): with it, each event has a
URL property to its month on the plan page and its notes list each theme with its full
address; without it the notes list the titles only, never a relative path a phone cannot open.
"""
from __future__ import annotations

import datetime as dt
from collections.abc import Mapping

from ..model import Bank
from .index_pages import MONTHS_PAGE
from .text import Urls

CALENDAR_PATH = "lich-sinh-hoat.ics"
FIRST_YEAR = 2026  # events start in this year and repeat yearly; calendars show every later year
FIXED_STAMP = dt.datetime(2026, 1, 1, tzinfo=dt.timezone.utc)
UID_DOMAIN = "nganhang-chuyende"
CALENDAR_NAME = "Gợi ý sinh hoạt chuyên đề chi bộ"


def build_stamp(environ: Mapping[str, str]) -> dt.datetime:
    """DTSTAMP for this build: SOURCE_DATE_EPOCH when set (reproducible builds), else a fixed date."""
    epoch = environ.get("SOURCE_DATE_EPOCH", "").strip()
    if epoch.isdigit():
        return dt.datetime.fromtimestamp(int(epoch), tz=dt.timezone.utc)
    return FIXED_STAMP


def absolute(site_url: str | None, url: str) -> str | None:
    return Urls(site_url=site_url).absolute(url)


def subscription_urls(site_url: str | None) -> dict[str, str]:
    """The feed's addresses for subscribing: webcal:// (phones open their calendar app with it) and the plain
    http(s) one (for Google Calendar's "From URL"). Empty when the site's address is unknown."""
    feed = absolute(site_url, CALENDAR_PATH)
    if feed is None:
        return {}
    return {"webcal": "webcal://" + feed.split("://", 1)[1], "https": feed}


def calendar_ics(bank: Bank, urls: Urls, site_url: str | None, stamp: dt.datetime) -> bytes:
    # Imported here: every build imports this module (build_stamp), and icalendar alone took 45 ms of MkDocs's
    # start, on one core; the calendar is written by the outputs' process.
    from icalendar import Calendar, Event

    calendar = Calendar()
    calendar.add("prodid", "-//Ngan hang chuyen de sinh hoat chi bo//Ke hoach 12 thang//VI")
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    calendar.add("x-wr-calname", CALENDAR_NAME)
    calendar.add("x-wr-caldesc", "Chuyên đề gợi ý cho từng tháng, theo Kế hoạch 12 tháng của ngân hàng chuyên đề.")
    calendar.add("x-published-ttl", "P1W")  # ask subscribed calendars to refresh weekly (Apple, Outlook)
    calendar.add("refresh-interval", dt.timedelta(weeks=1), parameters={"VALUE": "DURATION"})  # RFC 7986
    plan_url = urls.page_url(MONTHS_PAGE)
    feed = absolute(site_url, CALENDAR_PATH)
    if feed:
        calendar.add("source", feed, parameters={"VALUE": "URI"})  # RFC 7986: where to fetch updates
        calendar.add("url", absolute(site_url, plan_url), parameters={"VALUE": "URI"})
    for month in range(1, 13):
        themes = bank.themes_in_month(month)
        if not themes:
            continue
        month_url = absolute(site_url, f"{plan_url}#thang-{month}")
        lines = [f"Chuyên đề gợi ý cho tháng {month}:"]
        for theme in themes:
            address = absolute(site_url, urls.page_url(urls.entry_src(theme.id)))
            lines.append(f"- {theme.title}: {address}" if address else f"- {theme.title}")
        lines.append(f"Kế hoạch 12 tháng: {month_url}" if month_url else "Xem trang Kế hoạch 12 tháng của ngân hàng.")
        event = Event()
        event.add("uid", f"thang-{month:02d}@{UID_DOMAIN}")
        event.add("dtstamp", stamp)
        event.add("dtstart", dt.date(FIRST_YEAR, month, 1))
        event.add("dtend", dt.date(FIRST_YEAR, month, 2))
        event.add("rrule", {"freq": "yearly"})
        event.add("summary", f"Sinh hoạt chuyên đề tháng {month}: {len(themes)} chuyên đề gợi ý")
        event.add("description", "\n".join(lines))
        event.add("transp", "TRANSPARENT")  # a suggestion, not a busy block in the reader's day
        if month_url:
            event.add("url", month_url, parameters={"VALUE": "URI"})
        calendar.add_component(event)
    return calendar.to_ical()
