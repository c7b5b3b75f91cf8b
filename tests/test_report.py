"""The maintainers' report (scripts/report.py) on the example bank plus a few purpose-made entries."""
from __future__ import annotations

import datetime as dt
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from topicbank import load_bank
from topicbank.report import format_report, maintenance_report, months_before

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
    for heading in ("1. Bản nháp", "2. Đối chiếu đã quá 12 tháng", "3. Văn bản đã được thay thế", "4. Tháng có ít hơn"):
        assert heading in result.stdout
