"""The maintainers' report (scripts/report.py) on the example bank plus a few purpose-made entries."""
from __future__ import annotations

import datetime as dt
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from topicbank import history, load_bank
from topicbank.report import format_report, maintenance_report, months_before, review_history

ROOT = Path(__file__).resolve().parent.parent
VALID = ROOT / "tests" / "examples" / "valid"
TODAY = dt.date(2026, 11, 23)

CITING_GUIDANCE = """---
kind: guidance
title: Hướng dẫn còn dựa vào văn bản cũ
summary: Trích dẫn một văn bản đã được thay thế.
status: reviewed
reviewed_on: {reviewed_on}
references: [vi-du-van-ban-cu]
sources:
  - title: Nguồn
---
"""


@pytest.fixture()
def bank(tmp_path: Path) -> Path:
    folder = tmp_path / "topics"
    shutil.copytree(VALID, folder)
    (folder / "cu-qua-han.md").write_text(CITING_GUIDANCE.format(reviewed_on="2025-11-22"), encoding="utf-8")
    (folder / "vua-du-han.md").write_text(CITING_GUIDANCE.format(reviewed_on="2025-11-23")
                                          .replace("references: [vi-du-van-ban-cu]\n", ""), encoding="utf-8")
    theme = (VALID / "vi-du-chuyen-de.md").read_text(encoding="utf-8")
    (folder / "chuyen-de-thang-2.md").write_text(theme.replace("months: [2, 5]", "months: [2]")
                                                 .replace("(ví dụ)", "tháng 2"), encoding="utf-8")
    return folder


def test_report_lists_what_needs_a_maintainer(bank: Path) -> None:
    result = load_bank(bank, repo_root=bank, today=TODAY)
    assert result.ok, [item.format() for item in result.errors]
    report = maintenance_report(result.bank, TODAY)
    assert [entry.id for entry in report.drafts] == ["chuyen-de-thang-2", "vi-du-chuong-trinh", "vi-du-chuyen-de",
                                                     "vi-du-huong-dan", "vi-du-van-ban-cu"]
    assert [(item.entry.id, item.reviewed_on) for item in report.stale_reviews] == [("cu-qua-han", dt.date(2025, 11, 22))]
    (citation,) = report.superseded_citations
    assert citation.document.id == "vi-du-van-ban-cu" and citation.successor.id == "vi-du-van-ban"
    assert [entry.id for entry in citation.cited_by] == ["cu-qua-han"]
    assert [month for month, _ in report.thin_months] == [1, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12]
    assert [theme.id for theme in dict(report.thin_months)[5]] == ["vi-du-chuyen-de"]


def test_quiz_sources_count_as_citations(bank: Path) -> None:
    # vi-du-chuyen-de's quiz cites vi-du-van-ban: mark that document superseded and drop the reference.
    document = bank / "vi-du-van-ban.md"
    document.write_text(document.read_text(encoding="utf-8").replace("validity: in-force",
                                                                      "validity: superseded\nsuperseded_by: vi-du-van-ban-cu"),
                        encoding="utf-8")
    (bank / "vi-du-chuyen-de.md").write_text((bank / "vi-du-chuyen-de.md").read_text(encoding="utf-8")
                                              .replace("references:\n  - vi-du-van-ban\n", ""), encoding="utf-8")
    result = load_bank(bank, repo_root=bank, today=TODAY)
    assert result.ok, [item.format() for item in result.errors]
    cited = {item.document.id: [entry.id for entry in item.cited_by]
             for item in maintenance_report(result.bank, TODAY).superseded_citations}
    # chuyen-de-thang-2 still lists it in references; vi-du-chuyen-de only names it as a quiz source.
    assert cited["vi-du-van-ban"] == ["chuyen-de-thang-2", "vi-du-chuyen-de"]


@pytest.mark.parametrize("day, months, expected", [
    (dt.date(2026, 11, 23), 12, dt.date(2025, 11, 23)),
    (dt.date(2028, 2, 29), 12, dt.date(2027, 2, 28)),
    (dt.date(2026, 3, 31), 1, dt.date(2026, 2, 28)),
    (dt.date(2026, 1, 15), 13, dt.date(2024, 12, 15)),
])
def test_months_before(day: dt.date, months: int, expected: dt.date) -> None:
    assert months_before(day, months) == expected


def test_formatted_report_is_vietnamese_and_names_files(bank: Path) -> None:
    result = load_bank(bank, repo_root=bank.parent, today=TODAY)
    text = format_report(maintenance_report(result.bank, TODAY))
    assert text.startswith("Báo cáo bảo trì ngân hàng chuyên đề, ngày 23/11/2026\n")
    assert "   - topics/cu-qua-han.md: đối chiếu ngày 22/11/2025 — Hướng dẫn còn dựa vào văn bản cũ" in text
    assert "thay bằng Nghị quyết 21-NQ/TW ngày 16/6/2022 (ví dụ) (vi-du-van-ban). Được trích dẫn bởi:\n" \
           "       · topics/cu-qua-han.md: Hướng dẫn còn dựa vào văn bản cũ" in text
    assert "   - Tháng 1: 0 chuyên đề (chưa có chuyên đề nào)" in text
    assert "Tháng 2:" not in text


def test_cli_prints_the_report_and_refuses_an_invalid_bank(bank: Path) -> None:
    command = [sys.executable, str(ROOT / "scripts" / "report.py"), "--topics", str(bank), "--today", "2026-11-23"]
    ok = subprocess.run(command, capture_output=True, text=True, encoding="utf-8", cwd=bank.parent)
    assert ok.returncode == 0 and "2. Đối chiếu đã quá 12 tháng (1 mục)" in ok.stdout
    (bank / "hong.md").write_text("---\nkind: [\n---\n", encoding="utf-8")
    broken = subprocess.run(command, capture_output=True, text=True, encoding="utf-8", cwd=bank.parent)
    assert broken.returncode == 1 and "scripts/validate.py" in broken.stdout and "Traceback" not in broken.stderr


def test_report_runs_on_the_real_bank() -> None:
    result = subprocess.run([sys.executable, str(ROOT / "scripts" / "report.py")], capture_output=True, text=True,
                            encoding="utf-8", cwd=ROOT)
    assert result.returncode == 0, result.stdout
    for heading in ("1. Bản nháp", "2. Đối chiếu đã quá 12 tháng", "3. Văn bản đã được thay thế", "4. Tháng có ít hơn",
                    "5. Mục đã đối chiếu nhưng nguồn được sửa", "6. Mục còn cảnh báo"):
        assert heading in result.stdout


# -- sources changed after the review (git history) and entries with warnings ----------------------------------

GIT_ENV = {"GIT_AUTHOR_NAME": "Thử", "GIT_AUTHOR_EMAIL": "thu@example.org", "GIT_COMMITTER_NAME": "Thử",
           "GIT_COMMITTER_EMAIL": "thu@example.org", "GIT_CONFIG_GLOBAL": "/dev/null", "GIT_CONFIG_NOSYSTEM": "1"}


def git(folder: Path, *args: str, day: str = "2026-11-20") -> None:
    stamp = f"{day}T10:00:00+07:00"
    subprocess.run(["git", "-C", str(folder), *args], check=True, capture_output=True,
                   env={**os.environ, **GIT_ENV, "GIT_AUTHOR_DATE": stamp, "GIT_COMMITTER_DATE": stamp})


def commit(folder: Path, message: str, day: str) -> None:
    git(folder, "add", "-A", day=day)
    git(folder, "commit", "-q", "-m", message, day=day)


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, old
    path.write_text(text.replace(old, new), encoding="utf-8")


@pytest.fixture()
def repository(bank: Path) -> Path:
    """The example bank in a git repository, first committed on the day vi-du-van-ban was reviewed (20/11/2026)."""
    git(bank.parent, "init", "-q")
    commit(bank.parent, "Ngân hàng ví dụ", "2026-11-20")
    return bank


@pytest.mark.skipif(shutil.which("git") is None, reason="needs git")
def test_report_lists_sources_changed_after_the_review(repository: Path) -> None:
    document, guidance = repository / "vi-du-van-ban.md", repository / "cu-qua-han.md"
    edit(document, "title: Nghị quyết 21-NQ/TW\n", "title: Toàn văn Nghị quyết 21-NQ/TW\n")
    commit(repository.parent, "Đổi tên nguồn", "2026-11-21")
    edit(document, "summary: Ví dụ một mục văn bản hợp lệ.", "summary: Ví dụ một mục văn bản.")
    commit(repository.parent, "Chỉ sửa tóm tắt", "2026-11-22")  # not the sources: not listed
    edit(guidance, "  - title: Nguồn\n", "  - title: Nguồn khác\n")
    commit(repository.parent, "Sửa nguồn", "2026-11-22")
    edit(guidance, "reviewed_on: 2025-11-22", "reviewed_on: 2026-11-22")
    commit(repository.parent, "Đối chiếu lại", "2026-11-22")  # reviewed again after the change: not listed
    result = load_bank(repository, repo_root=repository.parent, today=TODAY)
    report = maintenance_report(result.bank, TODAY, result.warnings, review_history(result))
    assert [(item.entry.id, [change.subject for change in item.changes]) for item in report.changed_sources] == [
        ("vi-du-van-ban", ["Đổi tên nguồn"])]
    edit(document, "    publisher: Ví dụ\n", "    publisher: Ví dụ khác\n")  # not committed yet
    result = load_bank(repository, repo_root=repository.parent, today=TODAY)
    text = format_report(maintenance_report(result.bank, TODAY, result.warnings, review_history(result)))
    assert "5. Mục đã đối chiếu nhưng nguồn được sửa sau ngày đối chiếu (1 mục)\n" \
           "   - topics/vi-du-van-ban.md: đối chiếu ngày 20/11/2026, nguồn sửa ngày 21/11/2026 (" in text
    assert ": Đổi tên nguồn); sửa chưa commit — Nghị quyết 21-NQ/TW ngày 16/6/2022 (ví dụ)\n" in text


@pytest.mark.skipif(shutil.which("git") is None, reason="needs git")
def test_a_review_dated_the_day_of_the_change_is_not_listed(repository: Path) -> None:
    edit(repository / "vi-du-van-ban.md", "title: Nghị quyết 21-NQ/TW\n", "title: Toàn văn Nghị quyết 21-NQ/TW\n")
    commit(repository.parent, "Sửa nguồn trong ngày đối chiếu", "2026-11-20")
    result = load_bank(repository, repo_root=repository.parent, today=TODAY)
    assert maintenance_report(result.bank, TODAY, history=review_history(result)).changed_sources == ()


def test_report_without_git_says_so(bank: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    result = load_bank(bank, repo_root=bank.parent, today=TODAY)
    outside = review_history(result)  # tmp_path is not inside a git repository
    assert outside.unavailable == "thư mục ngân hàng không nằm trong một kho git" and outside.changes == {}
    monkeypatch.setattr(history.shutil, "which", lambda name: None)
    text = format_report(maintenance_report(result.bank, TODAY, history=review_history(result)))
    assert "   Không kiểm tra được: không tìm thấy chương trình git trên máy này. Cần git" in text


def test_cli_without_git_prints_the_report(bank: Path, tmp_path: Path) -> None:
    # PATH without git: the report still prints, says why section 5 is empty, and shows no traceback.
    empty = tmp_path / "khong-co-git"
    empty.mkdir()
    command = [sys.executable, str(ROOT / "scripts" / "report.py"), "--topics", str(bank), "--today", "2026-11-23"]
    done = subprocess.run(command, capture_output=True, text=True, encoding="utf-8", cwd=bank.parent,
                          env={**os.environ, "PATH": str(empty)})
    assert done.returncode == 0 and "Traceback" not in done.stderr
    assert "Không kiểm tra được: không tìm thấy chương trình git" in done.stdout


def test_report_lists_entries_with_warnings(bank: Path) -> None:
    edit(bank / "vi-du-huong-dan.md", "url: https://example.org/hd", "url: https://example.org/")
    edit(bank / "vi-du-huong-dan.md", "1. Bước một.", "1. Bước một theo Kế hoạch 999-KH/TW.")
    result = load_bank(bank, repo_root=bank.parent, today=TODAY)
    report = maintenance_report(result.bank, TODAY, result.warnings)
    # cu-qua-han (the fixture's guidance) cites the superseded vi-du-van-ban-cu in references.
    assert [(path, [item.code for item in items]) for path, items in report.warned] == [
        ("topics/cu-qua-han.md", ["superseded-as-current"]),
        ("topics/vi-du-huong-dan.md", ["home-page-url", "unknown-doc-number"])]
    text = format_report(report)
    assert "6. Mục còn cảnh báo (2 mục, 3 cảnh báo; chi tiết: python scripts/validate.py)\n" \
           "   - topics/cu-qua-han.md: 1 cảnh báo (superseded-as-current)\n" \
           "   - topics/vi-du-huong-dan.md: 2 cảnh báo (home-page-url, unknown-doc-number)\n" in text
