"""The maintainers' report: what in the bank needs a human next.

    report = maintenance_report(bank, today)
    print(format_report(report))

Six lists: drafts (not yet checked against their sources), reviews older than
twelve months, superseded documents that entries still cite, months of the
12-month plan with fewer than two themes, reviewed entries whose sources were
changed after the review (from git history, see history.py), and entries that
still have warnings from the validator.
"""
from __future__ import annotations

import datetime as dt
from collections import Counter
from dataclasses import dataclass
from typing import TYPE_CHECKING

from .history import History, SourceChange, sources_changed_since_review
from .model import Bank, Entry
from .problems import Problem

if TYPE_CHECKING:
    from . import LoadResult

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
class ChangedSources:
    entry: Entry
    changes: tuple[SourceChange, ...]


@dataclass(frozen=True)
class MaintenanceReport:
    today: dt.date
    drafts: tuple[Entry, ...]
    stale_reviews: tuple[StaleReview, ...]
    superseded_citations: tuple[SupersededCitation, ...]
    thin_months: tuple[tuple[int, tuple[Entry, ...]], ...]  # (month, its themes) with fewer than two themes
    changed_sources: tuple[ChangedSources, ...] = ()
    history_unavailable: str = ""  # why the sources' history could not be read ("" when it was, or not asked)
    untracked: tuple[Entry, ...] = ()  # reviewed entries git has no history for
    warned: tuple[tuple[str, tuple[Problem, ...]], ...] = ()  # (file, its warnings)

    @property
    def is_clear(self) -> bool:
        return not (self.drafts or self.stale_reviews or self.superseded_citations or self.thin_months
                    or self.changed_sources or self.warned)


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


def review_history(result: LoadResult) -> History:
    """Git history of the reviewed entries' sources (history.py says what counts as a change)."""
    if result.bank is None:
        return History({})
    files = {raw.path: (raw.source, entry.reviewed_on) for raw in result.raw_entries
             if (entry := result.bank.get(raw.id)) is not None and not entry.is_draft and entry.reviewed_on}
    return sources_changed_since_review(files)


def maintenance_report(bank: Bank, today: dt.date, warnings: list[Problem] | tuple[Problem, ...] = (),
                       history: History | None = None) -> MaintenanceReport:
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
    by_path = {entry.path: entry for entry in bank.entries}
    changed: tuple[ChangedSources, ...] = ()
    untracked: tuple[Entry, ...] = ()
    if history is not None:
        changed = tuple(ChangedSources(by_path[path], changes) for path, changes in sorted(history.changes.items())
                        if path in by_path)
        untracked = tuple(by_path[path] for path in history.untracked if path in by_path)
    warned: dict[str, list[Problem]] = {}
    for item in warnings:
        if not item.is_error:
            warned.setdefault(item.path, []).append(item)
    return MaintenanceReport(today, drafts, stale, tuple(superseded), thin, changed,
                             history.unavailable if history is not None else "", untracked,
                             tuple((path, tuple(items)) for path, items in sorted(warned.items())))


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
    lines += _changed_sources_lines(report) + _warned_lines(report)
    return "\n".join(lines) + "\n"


def _changed_sources_lines(report: MaintenanceReport) -> list[str]:
    lines = ["", f"5. Mục đã đối chiếu nhưng nguồn được sửa sau ngày đối chiếu ({len(report.changed_sources)} mục)"]
    if report.history_unavailable:
        return lines + [f"   Không kiểm tra được: {report.history_unavailable}. Cần git và kho git của ngân hàng để "
                        "biết nguồn của mục nào đã sửa sau khi đối chiếu."]
    for item in report.changed_sources:
        when = "; ".join(f"ngày {_date(change.day)} ({change.commit}: {_short(change.subject)})" if change.day
                         else "sửa chưa commit" for change in item.changes)
        reviewed = _date(item.entry.reviewed_on) if item.entry.reviewed_on else "?"
        lines.append(f"   - {item.entry.path}: đối chiếu ngày {reviewed}, nguồn sửa {when} — {item.entry.title}")
    if not report.changed_sources:
        lines.append("   Không có.")
    if report.untracked:
        lines.append(f"   Chưa có trong lịch sử git nên chưa kiểm tra được ({len(report.untracked)} mục): "
                     + ", ".join(entry.path for entry in report.untracked))
    lines.append("   (Tính các lần sửa khối sources sau lần commit ghi reviewed_on hiện tại, có ngày sau ngày "
                 "reviewed_on, và các sửa chưa commit. Đối chiếu lại rồi cập nhật reviewed_on.)")
    return lines


def _warned_lines(report: MaintenanceReport) -> list[str]:
    total = sum(len(items) for _, items in report.warned)
    lines = ["", f"6. Mục còn cảnh báo ({len(report.warned)} mục, {total} cảnh báo; chi tiết: python scripts/validate.py)"]
    for path, items in report.warned:
        counts = Counter(item.code for item in items)
        codes = ", ".join(f"{code} ×{count}" if count > 1 else code for code, count in sorted(counts.items()))
        lines.append(f"   - {path}: {len(items)} cảnh báo ({codes})")
    if not report.warned:
        lines.append("   Không có.")
    return lines


def _short(text: str, limit: int = 60) -> str:
    return text if len(text) <= limit else text[:limit - 1].rstrip() + "…"


def _date(day: dt.date) -> str:
    return f"{day.day}/{day.month}/{day.year}"
