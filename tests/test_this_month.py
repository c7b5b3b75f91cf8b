""""Tháng này" on the home page: chosen in the browser from today's date (faked here)."""
from __future__ import annotations

import datetime as dt

import pytest

from finding_helpers import real_bank


def this_month_titles(page, site_url: str, today: dt.datetime) -> tuple[str, list[str]]:
    page.clock.set_fixed_time(today)
    page.goto(site_url)
    box = page.locator("#tb-this-month")
    return box.locator(".tb-this-month-title").inner_text(), box.locator("li a").all_inner_texts()


@pytest.mark.browser
def test_this_month_follows_the_date(page, site_url: str) -> None:
    bank = real_bank()
    months = [month for month in range(1, 13) if bank.themes_in_month(month)]
    assert len(months) >= 2, "the bank should suggest themes for at least two months"
    seen = []
    for month in months[:2] + [next((m for m in range(1, 13) if m not in months), months[-1])]:
        heading, titles = this_month_titles(page, site_url, dt.datetime(2027, month, 15, 9, 0))
        assert heading.startswith(f"Tháng {month}:")
        assert titles == [theme.title for theme in bank.themes_in_month(month)]
        seen.append(titles)
    assert seen[0] != seen[1]
    plan = page.locator("#tb-this-month > a")
    assert plan.get_attribute("href").endswith(f"#thang-{month}")
    assert page.outside_requests == []
