"""lich-sinh-hoat.ics: the monthly suggestions as an iCalendar feed, parsed with the icalendar library."""
from __future__ import annotations

import dataclasses
import datetime as dt
from pathlib import Path

from icalendar import Calendar

from finding_helpers import ROOT, real_bank
from topicbank import load_bank
from topicbank.model import Bank
from topicbank.render.calendar import FIXED_STAMP, build_stamp, calendar_ics
from topicbank.render.text import Urls


def test_feed_parses_with_one_yearly_event_per_month_with_themes(built_site: Path) -> None:
    bank = real_bank()
    calendar = Calendar.from_ical((built_site / "lich-sinh-hoat.ics").read_bytes())
    events = list(calendar.walk("VEVENT"))
    months = [month for month in range(1, 13) if bank.themes_in_month(month)]
    assert [event.decoded("dtstart").month for event in events] == months
    assert len({str(event["uid"]) for event in events}) == len(events)
    for event in events:
        month = event.decoded("dtstart").month
        assert isinstance(event.decoded("dtstart"), dt.date) and not isinstance(event.decoded("dtstart"), dt.datetime)
        assert event["rrule"]["FREQ"] == ["YEARLY"]
        assert str(event["uid"]) == f"thang-{month:02d}@nganhang-chuyende"
        description = str(event["description"])
        for theme in bank.themes_in_month(month):
            assert f"- {theme.title}" in description
        # built without site_url: no relative path a phone cannot open, and no URL property
        assert "muc/" not in description and "url" not in event


def test_plan_page_links_the_feed(built_site: Path) -> None:
    html = (built_site / "ke-hoach-12-thang" / "index.html").read_text(encoding="utf-8")
    assert 'href="../lich-sinh-hoat.ics" download' in html
    assert "cả ngày, vào ngày 1 của tháng" in html  # the page says what the events are
    assert "webcal:" not in html  # no site_url: a download only (tests/test_published.py has the subscription)


SITE = "https://example.org/ngan-hang/"


def test_with_the_site_address_three_parsers_read_urls_and_absolute_links() -> None:
    """icalendar, vobject and ics (ics-py) each read the same feed: one all-day yearly event per month with
    themes, a URL to that month on the plan page, and each theme's full address in the notes."""
    import ics
    import vobject

    bank = example_bank()
    data = calendar_ics(bank, Urls(site_url=SITE), SITE, FIXED_STAMP)
    months = [month for month in range(1, 13) if bank.themes_in_month(month)]
    expected = {month: f"{SITE}ke-hoach-12-thang/#thang-{month}" for month in months}

    parsed = Calendar.from_ical(data)
    assert str(parsed["source"]) == f"{SITE}lich-sinh-hoat.ics" and str(parsed["url"]) == f"{SITE}ke-hoach-12-thang/"
    by_icalendar = {event.decoded("dtstart").month: event for event in parsed.walk("VEVENT")}
    assert {month: str(event["url"]) for month, event in by_icalendar.items()} == expected

    by_vobject = {event.dtstart.value.month: event for event in vobject.readOne(data.decode("utf-8")).vevent_list}
    assert {month: event.url.value for month, event in by_vobject.items()} == expected
    assert all(not isinstance(event.dtstart.value, dt.datetime) for event in by_vobject.values())  # all-day

    by_ics = {event.begin.month: event for event in ics.Calendar(data.decode("utf-8")).events}
    assert {month: event.url for month, event in by_ics.items()} == expected
    assert all(event.all_day for event in by_ics.values())

    for month in months:
        notes = {str(by_icalendar[month]["description"]), by_vobject[month].description.value,
                 by_ics[month].description}
        assert len(notes) == 1, month  # the three read the same text
        text = notes.pop()
        for theme in bank.themes_in_month(month):
            assert f"- {theme.title}: {SITE}muc/{theme.id}/" in text
        assert f"Kế hoạch 12 tháng: {expected[month]}" in text


def example_bank() -> Bank:
    result = load_bank(ROOT / "tests" / "examples" / "valid", repo_root=ROOT)
    assert result.ok
    return result.bank


def test_same_commit_same_bytes_and_source_date_epoch_sets_the_stamp() -> None:
    bank = example_bank()
    first = calendar_ics(bank, Urls(), None, build_stamp({}))
    assert first == calendar_ics(bank, Urls(), None, build_stamp({}))
    assert build_stamp({}) == FIXED_STAMP
    assert build_stamp({"SOURCE_DATE_EPOCH": "1767225600"}) == dt.datetime(2026, 1, 1, tzinfo=dt.timezone.utc)
    stamped = Calendar.from_ical(calendar_ics(bank, Urls(), None, build_stamp({"SOURCE_DATE_EPOCH": "1800000000"})))
    assert {event.decoded("dtstamp") for event in stamped.walk("VEVENT")} == {
        dt.datetime.fromtimestamp(1800000000, tz=dt.timezone.utc)}


def test_front_matter_text_is_escaped_by_the_library() -> None:
    bank = example_bank()
    tricky = "Tiêu đề, có; dấu\\ phẩy\nvà END:VEVENT"
    entries = tuple(dataclasses.replace(entry, title=tricky) if entry.kind == "theme" else entry for entry in bank.entries)
    ics = calendar_ics(Bank(entries=entries, schema=bank.schema, vocabulary=bank.vocabulary), Urls(),
                       "https://example.org/site/", FIXED_STAMP)
    assert ics.count(b"\r\nEND:VEVENT\r\n") == len(Calendar.from_ical(ics).walk("VEVENT")) == 2
    event = Calendar.from_ical(ics).walk("VEVENT")[0]
    assert f"- {tricky}: https://example.org/site/muc/" in str(event["description"])
    assert str(event["url"]).startswith("https://example.org/site/ke-hoach-12-thang/#thang-")
