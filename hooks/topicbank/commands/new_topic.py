"""Tạo mục mới từ mẫu: python scripts/new_topic.py [--kind theme --title "Tên" [--series loạt] [--folder thư-mục]].

Without arguments it asks for the kind and the title (and a theme's series). It
writes topics/<folder>/<id>.md from topics/_mau/<kind>.md, with an ASCII id made
from the title, and never overwrites a file or reuses an existing id.
Without --folder a theme goes in its series' folder (topics/chi-thi-05/, topics/ngay-ky-niem/ …),
guidance in huong-dan, agendas in chuong-trinh-mau and documents in van-ban.
Exit codes: 0 written, 1 refused (the reason is printed), 2 bad arguments.
"""
from __future__ import annotations

import re
import sys
from pathlib import Path

from ..console import VietnameseParser, utf8_console
from ..checks import EntryChecker
from ..load import entry_files, parse_entry
from ..strict_yaml import parse_mapping
from ..schema import Schema, load_vocabulary
from ..templates import DEFAULT_FOLDERS, TemplateError, load_template, slugify

KIND_CHOICES = {"1": "theme", "2": "guidance", "3": "agenda", "4": "document"}
KIND_LABELS = {"theme": "chuyên đề", "guidance": "hướng dẫn nghiệp vụ", "agenda": "chương trình sinh hoạt mẫu",
               "document": "văn bản"}
_FOLDER = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*(/[a-z0-9]+(-[a-z0-9]+)*)*$")
_SERIES_LINE = re.compile(r"^#? ?series:.*$", re.M)  # the template's series line, commented out or not
_STATUS_LINE = re.compile(r"^status:.*$", re.M)
YEAR_SERIES = "chi-thi-05"  # schema.json: a theme of this series needs `year`


class Refused(Exception):
    """The file cannot be written; the message tells the contributor why and what to do."""


def ask(prompt: str) -> str:
    try:
        return input(prompt).strip()
    except EOFError:
        raise Refused("Không nhận được câu trả lời. Hãy chạy lại và dùng --kind, --title "
                      "(với chuyên đề thêm --series).") from None


def ask_kind() -> str:
    print("Chọn loại mục:")
    for number, kind in KIND_CHOICES.items():
        print(f"  {number}. {KIND_LABELS[kind]} ({kind})")
    answer = ask("Số (1-4): ")
    kind = KIND_CHOICES.get(answer, answer)
    if kind not in KIND_LABELS:
        raise Refused(f"Không có loại mục \"{answer}\". Chọn 1, 2, 3 hoặc 4.")
    return kind


def ask_series(series: dict[str, str]) -> str:
    print("Chuyên đề thuộc loạt nào? (tệp sẽ nằm trong thư mục của loạt)")
    choices = dict(enumerate(series, start=1))
    for number, value in choices.items():
        print(f"  {number}. {series[value]} ({value})")
    answer = ask(f"Số (1-{len(choices)}): ")
    value = choices.get(int(answer), "") if answer.isdigit() else answer
    if value not in series:
        raise Refused(f"Không có loạt \"{answer}\". Chọn một số từ 1 đến {len(choices)}.")
    return value


def check_series(value: str, series: dict[str, str]) -> str:
    if value not in series:
        raise Refused(f"Không có loạt \"{value}\" trong topics/_vocabulary.yml. Chọn một trong: {', '.join(series)}; "
                      "hoặc thêm loạt mới vào tệp đó trước.")
    return value


def theme_folder(topics_dir: Path, series: str) -> str:
    """A theme's folder: its series' folder when it exists, else where the series' themes already are.

    Themes live in series folders (topics/chi-thi-05/, topics/ngay-ky-niem/ …); a series with no
    folder and no theme yet gets its own folder, named like the series."""
    if (topics_dir / series).is_dir():
        return series
    counts: dict[str, int] = {}
    for path in entry_files(topics_dir):
        data = _front_matter(path)
        if data.get("kind") == "theme" and data.get("series") == series and path.parent != topics_dir:
            folder = path.parent.relative_to(topics_dir).as_posix()
            counts[folder] = counts.get(folder, 0) + 1
    return max(counts, key=lambda folder: (counts[folder], folder)) if counts else series


def _front_matter(path: Path) -> dict:
    text = path.read_text(encoding="utf-8-sig", errors="replace").replace("\r\n", "\n")
    if not text.startswith("---\n") or "\n---" not in text[3:]:
        return {}
    return parse_mapping(text[4:text.index("\n---", 3)]).data or {}


def with_series(text: str, series: str, kind: str) -> str:
    """The template with `series:` set (and a `year:` placeholder for a Chỉ thị 05 theme, which needs one)."""
    line = f"series: {series}  # loạt (topics/_vocabulary.yml)"
    if kind == "theme" and series == YEAR_SERIES:
        line += "\nyear: 2000  # FIXME: năm của chuyên đề năm, đúng như nguồn"
    if _SERIES_LINE.search(text):
        return _SERIES_LINE.sub(lambda _: line, text, count=1)
    return _STATUS_LINE.sub(lambda match: f"{match.group(0)}\n{line}", text, count=1)


def new_entry_path(topics_dir: Path, kind: str, title: str, folder: str | None, series: str | None = None) -> Path:
    """Where the new entry goes; refuses an empty id, a bad folder and an id already in the bank."""
    entry_id = slugify(title)
    if not entry_id:
        raise Refused("Tiêu đề không có chữ hay số nào để làm mã mục. Hãy nhập tiêu đề bằng chữ.")
    if not folder and kind == "theme":
        if not series:
            raise Refused("Chuyên đề nằm trong thư mục của loạt: thêm --series (ví dụ --series xay-dung-dang) "
                          "hoặc --folder.")
        folder = theme_folder(topics_dir, series)
    folder = (folder or DEFAULT_FOLDERS[kind]).strip("/")
    if not _FOLDER.match(folder):
        raise Refused(f"Thư mục \"{folder}\" không hợp lệ: chỉ dùng chữ thường không dấu, số và dấu gạch ngang, "
                      "không bắt đầu bằng _ (thư mục _ chứa mẫu, không phải mục).")
    path = topics_dir / folder / f"{entry_id}.md"
    if path.exists():
        raise Refused(f"Tệp {path} đã có; không ghi đè. Hãy sửa tệp đó, hoặc đặt tiêu đề khác.")
    for existing in entry_files(topics_dir):
        if existing.stem.lower() == entry_id:
            raise Refused(f"Mã \"{entry_id}\" đã dùng cho {existing}. Mã mục phải duy nhất: hãy đặt tiêu đề khác "
                          "(ví dụ thêm năm hoặc địa phương).")
    return path


def check_text(text: str, path: Path, topics_dir: Path) -> list[str]:
    """Errors the validator would report for the new file (FIXME warnings are expected and not returned)."""
    raw, problems = parse_entry(text.encode("utf-8"), path, path.name)
    if raw is not None:
        problems += EntryChecker(Schema.load(), load_vocabulary(topics_dir)).check(raw)
    return [item.format() for item in problems if item.is_error]


def main(argv: list[str] | None = None) -> int:
    parser = VietnameseParser(prog="topicbank new", description="Tạo một mục mới trong ngân hàng từ tệp mẫu topics/_mau/.")
    parser.add_argument("--kind", choices=sorted(KIND_LABELS), help="loại mục: theme, guidance, agenda, document")
    parser.add_argument("--title", help="tiêu đề tiếng Việt, ví dụ \"Nêu gương nơi cư trú\"")
    parser.add_argument("--series", help="loạt trong topics/_vocabulary.yml, ví dụ chi-thi-05; chuyên đề nằm trong "
                                         "thư mục của loạt")
    parser.add_argument("--folder", help="thư mục trong topics/ (mặc định: chuyên đề theo loạt; hướng dẫn huong-dan, "
                                         "chương trình chuong-trinh-mau, văn bản van-ban)")
    parser.add_argument("--topics", type=Path, default=Path("topics"), help="thư mục ngân hàng (mặc định: topics/)")
    args = parser.parse_args(argv)
    utf8_console()
    try:
        kind = args.kind or ask_kind()
        title = args.title if args.title is not None else ask("Tiêu đề: ")
        title = " ".join(title.split())
        series = load_vocabulary(args.topics).labels("series")
        chosen = check_series(args.series, series) if args.series else None
        if kind == "theme" and not chosen and not args.folder:
            chosen = ask_series(series)
        template = load_template(kind)
        path = new_entry_path(args.topics, kind, title, args.folder, chosen)
        text = template.filled(title)
        if chosen:
            text = with_series(text, chosen, kind)
        errors = check_text(text, path, args.topics)
        if errors:
            raise Refused("Tiêu đề chưa dùng được:\n" + "\n".join(errors))
    except (Refused, TemplateError) as error:
        print(f"Không tạo tệp. {error}")
        return 1
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("x", encoding="utf-8", newline="\n") as handle:  # "x": never overwrite, even in a race
        handle.write(text)
    print(f"Đã tạo {path}")
    print("Tiếp theo: mở tệp, thay mọi chỗ FIXME bằng nội dung lấy từ nguồn, rồi chạy python scripts/validate.py.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
