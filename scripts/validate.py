"""Kiểm tra ngân hàng chuyên đề: python scripts/validate.py [--topics DIR] [--strict].

Prints every problem as `path:line: [code] message`, exits 1 on any error
(or on any warning with --strict), 0 otherwise. Never a traceback.
"""
from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "hooks"))

from topicbank import load_bank  # noqa: E402


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Kiểm tra phần đầu YAML của mọi mục trong ngân hàng.")
    parser.add_argument("--topics", type=Path, default=ROOT / "topics", help="thư mục ngân hàng (mặc định: topics/)")
    parser.add_argument("--strict", action="store_true", help="coi cảnh báo là lỗi")
    args = parser.parse_args(argv)
    _utf8_console()
    if not args.topics.is_dir():
        print(f"{args.topics}: [no-topics] Không tìm thấy thư mục ngân hàng. Cách sửa: chỉ đúng thư mục bằng --topics.")
        return 1
    try:
        result = load_bank(args.topics, repo_root=Path.cwd())
    except Exception as error:  # a bug of ours must still not show a contributor a traceback
        print(f"{args.topics}:1: [internal] Lỗi của chương trình kiểm tra: {error!r}. "
              "Cách sửa: báo cho nhóm phát triển kèm tệp vừa sửa.")
        return 1
    annotate = os.environ.get("GITHUB_ACTIONS") == "true"
    for item in result.problems:
        print(item.format())
        if annotate:
            print(item.github_annotation())
    errors, warnings = len(result.errors), len(result.warnings)
    entries = len(result.raw_entries)
    if errors or warnings:
        print(f"\n{entries} mục: {errors} lỗi, {warnings} cảnh báo.")
    else:
        print(f"{entries} mục hợp lệ.")
    return 1 if errors or (args.strict and warnings) else 0


def _utf8_console() -> None:
    # A Windows console may default to a legacy code page that cannot print Vietnamese.
    for stream in (sys.stdout, sys.stderr):
        if hasattr(stream, "reconfigure"):
            stream.reconfigure(encoding="utf-8", errors="replace")


if __name__ == "__main__":
    sys.exit(main())
