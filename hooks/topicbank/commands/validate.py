"""Kiểm tra ngân hàng chuyên đề: topicbank validate [--bank DIR …] [--strict] [--fix-nfc] (or scripts/validate.py).

Prints every problem as `path:line: [code] message`, exits 1 on any error
(or on any warning with --strict), 0 otherwise. Never a traceback.
--fix-nfc first rewrites every bank file whose text is not in Unicode NFC
(decomposed Vietnamese accents, e.g. typed on macOS), and says which lines changed.
"""
from __future__ import annotations

import os
import sys
import unicodedata
from pathlib import Path

from ..console import VietnameseParser, utf8_console
from .banks import add_bank_arguments, chosen_or_say_why, load_chosen


def main(argv: list[str] | None = None) -> int:
    parser = VietnameseParser(prog="topicbank validate",
                              description="Kiểm tra phần đầu YAML của mọi mục trong ngân hàng (cùng các lớp ngân hàng "
                                          "như khi dựng trang).")
    add_bank_arguments(parser)
    parser.add_argument("--strict", action="store_true", help="coi cảnh báo là lỗi")
    parser.add_argument("--fix-nfc", action="store_true",
                        help="chuyển mọi tệp sang Unicode dựng sẵn (NFC) trước khi kiểm tra, ghi đè tại chỗ")
    args = parser.parse_args(argv)
    utf8_console()
    chosen = chosen_or_say_why(args)
    if chosen is None:
        return 1
    if args.fix_nfc:
        for bank in chosen.banks:
            if bank.shipped:
                continue  # the national bank inside the package is not ours to rewrite
            for path, lines in fix_nfc(bank.path):
                print(f"{_shown(path)}: đã chuyển sang NFC (dòng {', '.join(str(line) for line in lines)}).")
    try:
        result = load_chosen(chosen)
    except Exception as error:  # a bug of ours must still not show a contributor a traceback
        print(f"{chosen.own.name}:1: [internal] Lỗi của chương trình kiểm tra: {error!r}. "
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


def fix_nfc(topics_dir: Path) -> list[tuple[Path, list[int]]]:
    """Rewrite each UTF-8 .md/.yml file below topics_dir in NFC; returns the files changed and their lines.

    Only the text changes: a BOM and the line endings are kept, and files that are
    not UTF-8 are left for the validator to report ([encoding])."""
    changed = []
    for path in sorted(topics_dir.rglob("*")):
        if path.suffix not in (".md", ".yml") or not path.is_file():
            continue
        raw = path.read_bytes()
        bom = b"\xef\xbb\xbf" if raw.startswith(b"\xef\xbb\xbf") else b""
        try:
            text = raw[len(bom):].decode("utf-8")
        except UnicodeDecodeError:
            continue
        fixed = unicodedata.normalize("NFC", text)
        if fixed != text:
            lines = [number for number, (old, new) in enumerate(zip(text.split("\n"), fixed.split("\n")), start=1)
                     if old != new]
            path.write_bytes(bom + fixed.encode("utf-8"))
            changed.append((path, lines))
    return changed


def _shown(path: Path) -> str:
    try:
        return path.resolve().relative_to(Path.cwd()).as_posix()
    except ValueError:
        return path.as_posix()


if __name__ == "__main__":
    sys.exit(main())
