"""The maintainers' report: what in the bank needs a human next.

    report = maintenance_report(bank, today)
    print(format_report(report))

Four lists: drafts (not yet checked against their sources), reviews older than
twelve months, superseded documents that entries still cite, and months of the
12-month plan with fewer than two themes.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from .model import Bank, Entry

REVIEW_MONTHS = 12
THEMES_PER_MONTH = 2


@dataclass(frozen=True)
class StaleReview:
    entry: Entry
    reviewed_on: dt.date


@dataclass(frozen=True)
class SupersededCitation:
    document: Entry
    successor: Entry | None
    cited_by: tuple[Entry, ...]


@dataclass(frozen=True)
class MaintenanceReport:
    today: dt.date
    drafts: tuple[Entry, ...]
    stale_reviews: tuple[StaleReview, ...]
    superseded_citations: tuple[SupersededCitation, ...]
    thin_months: tuple[tuple[int, tuple[Entry, ...]], ...]  # (month, its themes) with fewer than two themes

    @property
    def is_clear(self) -> bool:
        return not (self.drafts or self.stale_reviews or self.superseded_citations or self.thin_months)


def months_before(day: dt.date, months: int) -> dt.date:
    """The same day `months` earlier (the month's last day when it has fewer days)."""
    index = day.year * 12 + day.month - 1 - months
    year, month = divmod(index, 12)
    month += 1
    for candidate in range(day.day, 27, -1):
        try:
            return dt.date(year, month, candidate)
        except ValueError:
            continue
    return dt.date(year, month, min(day.day, 28))


def citing_entries(bank: Bank, document_id: str) -> tuple[Entry, ...]:
    """Entries that cite a document: in references, or as the source of a quiz question."""
    citing = {entry.id: entry for entry in bank.cited_by.get(document_id, ())}
    for entry in bank.entries:
        if any(question.source == document_id for question in entry.quiz):
            citing.setdefault(entry.id, entry)
    return tuple(sorted(citing.values(), key=lambda entry: entry.id))


def maintenance_report(bank: Bank, today: dt.date) -> MaintenanceReport:
    cutoff = months_before(today, REVIEW_MONTHS)
    drafts = tuple(sorted((entry for entry in bank.entries if entry.is_draft), key=lambda entry: entry.path))
    stale = tuple(StaleReview(entry, entry.reviewed_on) for entry in bank.entries
                  if not entry.is_draft and entry.reviewed_on is not None and entry.reviewed_on < cutoff)
    superseded = []
    for document in bank.of_kind("document"):
        cited_by = citing_entries(bank, document.id)
        if document.validity == "superseded" and cited_by:
            successor = bank.get(document.superseded_by) if document.superseded_by else None
            superseded.append(SupersededCitation(document, successor, cited_by))
    thin = tuple((month, tuple(bank.themes_in_month(month))) for month in range(1, 13)
                 if len(bank.themes_in_month(month)) < THEMES_PER_MONTH)
    return MaintenanceReport(today, drafts, stale, tuple(superseded), thin)


def format_report(report: MaintenanceReport) -> str:
    """The report as plain Vietnamese text, one item per line with the file to open."""
    day = f"{report.today.day}/{report.today.month}/{report.today.year}"
    lines = [f"Báo cáo bảo trì ngân hàng chuyên đề, ngày {day}", ""]
    lines.append(f"1. Bản nháp, chưa đối chiếu nguồn ({len(report.drafts)} mục)")
    lines += [f"   - {entry.path}: {entry.title}" for entry in report.drafts] or ["   Không có."]
    lines += ["", f"2. Đối chiếu đã quá {REVIEW_MONTHS} tháng ({len(report.stale_reviews)} mục)"]
    lines += [f"   - {item.entry.path}: đối chiếu ngày {_date(item.reviewed_on)} — {item.entry.title}"
              for item in report.stale_reviews] or ["   Không có."]
    lines += ["", f"3. Văn bản đã được thay thế nhưng vẫn được trích dẫn ({len(report.superseded_citations)} văn bản)"]
    for item in report.superseded_citations:
        successor = f"thay bằng {item.successor.title} ({item.successor.id})" if item.successor else "chưa ghi văn bản thay thế"
        lines.append(f"   - {item.document.path}: {item.document.title} — {successor}. Được trích dẫn bởi:")
        lines += [f"       · {entry.path}: {entry.title}" for entry in item.cited_by]
    if not report.superseded_citations:
        lines.append("   Không có.")
    lines += ["", f"4. Tháng có ít hơn {THEMES_PER_MONTH} chuyên đề gợi ý ({len(report.thin_months)} tháng)"]
    for month, themes in report.thin_months:
        names = "; ".join(theme.title for theme in themes) if themes else "chưa có chuyên đề nào"
        lines.append(f"   - Tháng {month}: {len(themes)} chuyên đề ({names})")
    if not report.thin_months:
        lines.append("   Không có.")
    return "\n".join(lines) + "\n"


def _date(day: dt.date) -> str:
    return f"{day.day}/{day.month}/{day.year}"
