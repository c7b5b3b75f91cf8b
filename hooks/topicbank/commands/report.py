"""Báo cáo bảo trì cho người bảo trì: topicbank report [--bank DIR …] [--today YYYY-MM-DD].

Lists drafts, reviews older than 12 months, superseded documents still cited
(and by whom), months with fewer than two themes, reviewed entries whose sources
changed after the review (needs git) and entries with warnings. Exit 0 with the report;
exit 1 when the bank does not validate (run scripts/validate.py for the details).
"""
from __future__ import annotations

import datetime as dt
import sys

from ..console import VietnameseParser, utf8_console
from .banks import add_bank_arguments, chosen_or_say_why, load_chosen
from ..report import format_report, maintenance_report, review_history


def main(argv: list[str] | None = None) -> int:
    parser = VietnameseParser(prog="topicbank report", description="Báo cáo bảo trì ngân hàng chuyên đề.")
    add_bank_arguments(parser)
    parser.add_argument("--today", type=dt.date.fromisoformat, default=dt.date.today(),
                        help="ngày lập báo cáo, dạng YYYY-MM-DD (mặc định: hôm nay)")
    args = parser.parse_args(argv)
    utf8_console()
    chosen = chosen_or_say_why(args)
    if chosen is None:
        return 1
    result = load_chosen(chosen, args.today)
    if not result.ok or result.bank is None:
        print(f"Ngân hàng có {len(result.errors)} lỗi nên chưa lập được báo cáo. "
              "Chạy python scripts/validate.py để xem và sửa lỗi.")
        return 1
    report = maintenance_report(result.bank, args.today, result.warnings, review_history(result))
    print(format_report(report), end="")
    return 0


if __name__ == "__main__":
    sys.exit(main())
