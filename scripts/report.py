"""Báo cáo bảo trì cho người bảo trì: python scripts/report.py [--topics DIR] [--today YYYY-MM-DD].

Lists drafts, reviews older than 12 months, superseded documents still cited
(and by whom), months with fewer than two themes, reviewed entries whose sources
changed after the review (needs git) and entries with warnings. Exit 0 with the report;
exit 1 when the bank does not validate (run scripts/validate.py for the details).
"""
from __future__ import annotations

import argparse
import datetime as dt
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "hooks"))

from topicbank import load_bank  # noqa: E402
from topicbank.report import format_report, maintenance_report, review_history  # noqa: E402


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Báo cáo bảo trì ngân hàng chuyên đề.")
    parser.add_argument("--topics", type=Path, default=ROOT / "topics", help="thư mục ngân hàng (mặc định: topics/)")
    parser.add_argument("--today", type=dt.date.fromisoformat, default=dt.date.today(),
                        help="ngày lập báo cáo, dạng YYYY-MM-DD (mặc định: hôm nay)")
    args = parser.parse_args(argv)
    for stream in (sys.stdout, sys.stderr):  # a Windows console may not print Vietnamese otherwise
        if hasattr(stream, "reconfigure"):
            stream.reconfigure(encoding="utf-8", errors="replace")
    result = load_bank(args.topics, repo_root=Path.cwd(), today=args.today)
    if not result.ok or result.bank is None:
        print(f"Ngân hàng có {len(result.errors)} lỗi nên chưa lập được báo cáo. "
              "Chạy python scripts/validate.py để xem và sửa lỗi.")
        return 1
    report = maintenance_report(result.bank, args.today, result.warnings, review_history(result))
    print(format_report(report), end="")
    return 0


if __name__ == "__main__":
    sys.exit(main())
