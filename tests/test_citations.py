"""What entries cite: document numbers in the text, superseded documents named as current, home-page sources.

The invalid examples (tests/examples/invalid/) show each warning once; these tests pin what must NOT be
reported, so that the checks stay quiet where the bank is right.
"""
from __future__ import annotations

import datetime as dt
import shutil
import subprocess
import sys
import unicodedata
from pathlib import Path

import pytest

from topicbank import load_bank
from topicbank.citations import number_key, numbers_in

ROOT = Path(__file__).resolve().parent.parent
VALID = ROOT / "tests" / "examples" / "valid"
TODAY = dt.date(2026, 11, 23)
CODES = ("unknown-doc-number", "superseded-as-current", "home-page-url")

GUIDANCE = """---
kind: guidance
title: Hướng dẫn thử
summary: {summary}
status: draft
{extra}sources:
  - title: Nguồn
    url: {url}
---

{body}
"""


def guidance(body: str = "Nội dung.", summary: str = "Tóm tắt.", extra: str = "",
             url: str = "https://example.org/bai") -> str:
    return GUIDANCE.format(body=body, summary=summary, extra=extra, url=url)


def findings(tmp_path: Path, files: dict[str, str]) -> list[str]:
    """Our warnings for the valid examples plus `files` (name -> text), as "file:line:code"."""
    bank = tmp_path / "topics"
    shutil.copytree(VALID, bank)
    for name, text in files.items():
        (bank / name).write_text(text, encoding="utf-8")
    result = load_bank(bank, repo_root=bank, today=TODAY)
    return [f"{item.path}:{item.line}:{item.code}" for item in result.problems if item.code in CODES]  # by line


def messages(tmp_path: Path, files: dict[str, str]) -> list[str]:
    bank = tmp_path / "topics"
    shutil.copytree(VALID, bank, dirs_exist_ok=True)
    for name, text in files.items():
        (bank / name).write_text(text, encoding="utf-8")
    return [item.format() for item in load_bank(bank, repo_root=bank, today=TODAY).problems if item.code in CODES]


@pytest.mark.parametrize("a, b", [
    ("08-QĐi/TW", "8-qđ/tw"), ("21-NQ / TW", "21-NQ/TW"), ("01-CT/TW", "1-CT/TW"), ("18-Ctr/TU", "18-CTr/TU"),
    ("21-NQ/TƯ", "21-NQ/TW"), (unicodedata.normalize("NFD", "17-QĐ/TU"), "17-QĐ/TU"), ("145/2013/nđ-cp", "145/2013/NĐ-CP"),
])
def test_number_spellings_that_match(a: str, b: str) -> None:
    assert number_key(a) == number_key(b)


@pytest.mark.parametrize("a, b", [("17-QĐ/TU", "17-QĐ/TW"), ("16-HD/BTCTW", "16-HD/VPTW"), ("12-HD/BTCTW", "120-HD/BTCTW")])
def test_number_spellings_that_differ(a: str, b: str) -> None:
    assert number_key(a) != number_key(b)


def test_numbers_found_in_prose() -> None:
    text = ("Theo Nghị quyết 21-NQ/TW, Hướng dẫn 49-HD/BTGDVTW, Quy định 08-QĐi/TW, Chương trình 18-CTr/TU, "
            "Nghị định 145/2013/NĐ-CP, Quyết định 990/QĐ-TTg và Luật 59/2020/QH14 (17-QĐ/TU).")
    assert [written for written, _ in numbers_in(text)] == [
        "21-NQ/TW", "49-HD/BTGDVTW", "08-QĐi/TW", "18-CTr/TU", "145/2013/NĐ-CP", "990/QĐ-TTg", "59/2020/QH14", "17-QĐ/TU"]


@pytest.mark.parametrize("text", ["ngày 16/6/2022", "1-2 buổi/tháng", "90–120 phút", "3/2/1930", "năm 2020/2021",
                                  "tỷ lệ 85%/năm", "A-B/C", "số 12-hd/btctw viết thường cả"])
def test_what_is_not_a_number(text: str) -> None:
    assert numbers_in(text) == []


def test_numbers_in_links_code_comments_and_source_titles_are_not_checked(tmp_path: Path) -> None:
    body = ("Xem [bài 999-KH/TW](https://example.org/998-KH/TW), <https://example.org/996-KH/TW>, `997-KH/TW`.\n\n"
            "<!-- ghi chú: 995-KH/TW -->\n\n```\n994-KH/TW\n```\n")
    text = guidance(body).replace("  - title: Nguồn\n", "  - title: Bài về Kế hoạch 993-KH/TW\n")
    assert findings(tmp_path, {"thu.md": text}) == ["thu.md:11:unknown-doc-number"]  # the link's text is read


def test_exact_line_inside_a_block_of_text(tmp_path: Path) -> None:
    text = guidance(summary="|\n  Dòng một.\n  Dòng hai nêu 999-KH/TW.")
    assert findings(tmp_path, {"thu.md": text}) == ["thu.md:6:unknown-doc-number"]


OLD = "Chi bộ làm theo Quy định 1-QĐ/TW."


@pytest.mark.parametrize("case, files", [
    ("its own page", {"vi-du-van-ban-cu.md": (VALID / "vi-du-van-ban-cu.md").read_text(encoding="utf-8") + "\n" + OLD}),
    ("the successor's page", {"vi-du-van-ban.md": (VALID / "vi-du-van-ban.md").read_text(encoding="utf-8") + "\n" + OLD}),
    ("a Hiệu lực section", {"khac.md": (VALID / "vi-du-van-ban.md").read_text(encoding="utf-8")
                            .replace("number: 21-NQ/TW", "number: 2-QĐ/TW") + "\n## Hiệu lực\n\n" + OLD}),
    ("the successor in the same sentence", {"thu.md": guidance(OLD + " Nay thay bằng Nghị quyết 21-NQ/TW.")}),
    ("the successor's short name", {"thu.md": guidance(OLD + " Nay theo Nghị quyết 21.")}),
    ("a link to the successor", {"thu.md": guidance(OLD + " Xem [văn bản mới](vi-du-van-ban.md).")}),
    ("the successor in the heading", {"thu.md": guidance("## Theo Nghị quyết 21-NQ/TW\n\n" + OLD)}),
    ("told as history", {"thu.md": guidance("Cách làm kế thừa Quy định 1-QĐ/TW.\n\n- Thay thế: Quy định 1.")}),
    ("a wrong quiz choice", {"thu.md": (VALID / "vi-du-chuyen-de.md").read_text(encoding="utf-8")
                             .replace("Nghị quyết 21 ban hành ngày nào?", "Văn bản ví dụ ban hành ngày nào?")
                             .replace('choices: ["16/6/2022", "17/8/2022"]', 'choices: ["16/6/2022", "1-QĐ/TW"]')}),
    ("a theme's references", {"thu.md": (VALID / "vi-du-chuyen-de.md").read_text(encoding="utf-8")
                              .replace("  - vi-du-van-ban\n", "  - vi-du-van-ban-cu\n")}),
])
def test_superseded_document_named_without_warning(tmp_path: Path, case: str, files: dict[str, str]) -> None:
    assert findings(tmp_path, files) == [], case


def test_superseded_warnings_name_the_successor(tmp_path: Path) -> None:
    text = guidance(OLD + "\n\n- Quy định 1 vẫn áp dụng.", extra="references: [vi-du-van-ban-cu]\n")
    assert findings(tmp_path, {"thu.md": text}) == ["thu.md:6:superseded-as-current", "thu.md:12:superseded-as-current",
                                                    "thu.md:14:superseded-as-current"]
    first = messages(tmp_path, {"thu.md": text})[0]  # the references line comes first
    assert "21-NQ/TW (vi-du-van-ban)" in first and "thay mã vi-du-van-ban-cu trong references" in first


def test_expired_document_without_successor(tmp_path: Path) -> None:
    expired = (VALID / "vi-du-van-ban-cu.md").read_text(encoding="utf-8").replace(
        "validity: superseded\nsuperseded_by: vi-du-van-ban\n", "validity: expired\n")
    text = guidance(OLD, extra="references: [vi-du-van-ban-cu]\n")
    # Cited as a basis: warned; named in the text: only history can be told of it, so no warning.
    assert findings(tmp_path, {"vi-du-van-ban-cu.md": expired, "thu.md": text}) == ["thu.md:6:superseded-as-current"]
    assert "đã hết hiệu lực" in messages(tmp_path, {"vi-du-van-ban-cu.md": expired, "thu.md": text})[0]


@pytest.mark.parametrize("url, warned", [
    ("https://lawnet.vn", True), ("https://baohatinh.vn/", True), ("http://example.org/index.html", True),
    ("https://example.org/#tin", True), ("https://apag.edu.vn/?p=47864", False), ("https://example.org/a.html", False),
])
def test_home_page_urls(tmp_path: Path, url: str, warned: bool) -> None:
    assert findings(tmp_path, {"thu.md": guidance(url=url)}) == (["thu.md:8:home-page-url"] if warned else [])


def test_new_warnings_fail_only_under_strict(tmp_path: Path) -> None:
    bank = tmp_path / "topics"
    shutil.copytree(VALID, bank)
    (bank / "thu.md").write_text(guidance("Theo Kế hoạch 999-KH/TW."), encoding="utf-8")
    command = [sys.executable, str(ROOT / "scripts" / "validate.py"), "--topics", str(bank)]
    relaxed = subprocess.run(command, capture_output=True, text=True, encoding="utf-8")
    strict = subprocess.run(command + ["--strict"], capture_output=True, text=True, encoding="utf-8")
    assert "[unknown-doc-number] cảnh báo:" in relaxed.stdout and "python3 scripts/new_topic.py --kind document" in relaxed.stdout
    assert relaxed.returncode == 0 and strict.returncode == 1


def test_a_link_to_the_old_document_is_not_one_to_its_successor(tmp_path: Path) -> None:
    # vi-du-van-ban (the successor) is a prefix of vi-du-van-ban-cu: only whole ids count.
    text = guidance(OLD + " Xem [trang](vi-du-van-ban-cu.md).")
    assert findings(tmp_path, {"thu.md": text}) == ["thu.md:11:superseded-as-current"]


def test_a_second_load_in_one_process_checks_the_changed_file_again(tmp_path: Path) -> None:
    """`mkdocs serve` loads the banks after every save in one process, keeping the checks of unchanged files
    (reading._check_entry, citations.entry_units): the file that changed must be checked anew."""
    bank = tmp_path / "topics"
    shutil.copytree(VALID, bank)
    entry = bank / "thu.md"

    def codes(text: str) -> list[str]:
        entry.write_text(text, encoding="utf-8")
        problems = load_bank(bank, repo_root=bank, today=TODAY).problems
        return sorted(f"{item.line}:{item.code}" for item in problems if item.path.endswith("thu.md"))

    clean = guidance()
    assert codes(clean) == []
    assert codes(guidance(OLD + "\n\n- Quy định 1 vẫn áp dụng.", extra="references: [vi-du-van-ban-cu]\n")) == [
        "12:superseded-as-current", "14:superseded-as-current", "6:superseded-as-current"]
    assert codes(clean.replace("status: draft\n", "status: draft\ntieu_de: Sai tên trường\n")) == ["6:unknown-field"]
    assert codes(clean) == []
