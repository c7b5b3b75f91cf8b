"""Kiểm tra ngân hàng chuyên đề: python scripts/validate.py [--topics DIR] [--strict] [--fix-nfc].

Prints every problem as `path:line: [code] message`, exits 1 on any error
(or on any warning with --strict), 0 otherwise. Never a traceback.
--fix-nfc first rewrites every bank file whose text is not in Unicode NFC
(decomposed Vietnamese accents, e.g. typed on macOS), and says which lines changed.
"""
from __future__ import annotations

import argparse
import os
import sys
import unicodedata
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "hooks"))

from topicbank import load_bank  # noqa: E402


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Kiểm tra phần đầu YAML của mọi mục trong ngân hàng.")
    parser.add_argument("--topics", type=Path, default=ROOT / "topics", help="thư mục ngân hàng (mặc định: topics/)")
    parser.add_argument("--strict", action="store_true", help="coi cảnh báo là lỗi")
    parser.add_argument("--fix-nfc", action="store_true",
                        help="chuyển mọi tệp sang Unicode dựng sẵn (NFC) trước khi kiểm tra, ghi đè tại chỗ")
    args = parser.parse_args(argv)
    _utf8_console()
    if not args.topics.is_dir():
        print(f"{args.topics}: [no-topics] Không tìm thấy thư mục ngân hàng. Cách sửa: chỉ đúng thư mục bằng --topics.")
        return 1
    if args.fix_nfc:
        for path, lines in fix_nfc(args.topics):
            print(f"{_shown(path)}: đã chuyển sang NFC (dòng {', '.join(str(line) for line in lines)}).")
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


def _utf8_console() -> None:
    # A Windows console may default to a legacy code page that cannot print Vietnamese.
    for stream in (sys.stdout, sys.stderr):
        if hasattr(stream, "reconfigure"):
            stream.reconfigure(encoding="utf-8", errors="replace")


if __name__ == "__main__":
    sys.exit(main())
