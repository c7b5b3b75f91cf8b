"""Contributor tools: templates, scripts/new_topic.py and scripts/validate.py --fix-nfc."""
from __future__ import annotations

import shutil
import subprocess
import sys
import unicodedata
from pathlib import Path

import pytest

from topicbank import load_bank
from topicbank.schema import load_vocabulary
from topicbank.templates import DEFAULT_FOLDERS, TEMPLATE_DIR, load_template, slugify

from topicbank.commands.new_topic import new_entry_path, theme_folder

ROOT = Path(__file__).resolve().parent.parent
VALID = ROOT / "tests" / "examples" / "valid"
KINDS = ["theme", "guidance", "agenda", "document"]


FOLDERS = {**DEFAULT_FOLDERS, "theme": "xay-dung-dang"}  # a theme goes in its series' folder (--series below)
SERIES = ["--series", "xay-dung-dang"]


def run(script: str, *args: str, stdin: str = "") -> subprocess.CompletedProcess:
    """Never waits for a keyboard: a question without an answer in stdin ends the script."""
    return subprocess.run([sys.executable, str(ROOT / "scripts" / script), *args], cwd=ROOT, input=stdin,
                          capture_output=True, text=True, encoding="utf-8")


@pytest.fixture()
def bank(tmp_path: Path) -> Path:
    folder = tmp_path / "topics"
    shutil.copytree(VALID, folder)
    return folder


@pytest.mark.parametrize("title, expected", [
    ("Nêu gương nơi cư trú", "neu-guong-noi-cu-tru"),
    ("Đảng viên ĐỒNG hành, đoàn kết!", "dang-vien-dong-hanh-doan-ket"),
    ("Chỉ thị 05-CT/TW (2016)", "chi-thi-05-ct-tw-2016"),
    ("Nêu gương nơi cư trú".replace("ê", "e\u0302"), "neu-guong-noi-cu-tru"),  # typed decomposed
    ("  —  ", ""),
    ("dài " * 40, ("dai-" * 20)[:79]),
])
def test_slugify_makes_ascii_ids(title: str, expected: str) -> None:
    assert slugify(title) == expected
    assert slugify(title).isascii() and len(slugify(title)) <= 80


def test_every_kind_has_a_template_outside_the_bank() -> None:
    assert sorted(path.stem for path in TEMPLATE_DIR.glob("*.md")) == sorted(KINDS)
    assert TEMPLATE_DIR.name.startswith("_")  # skipped by the loader: templates are not entries


@pytest.mark.parametrize("kind", KINDS)
def test_new_topic_writes_a_file_the_validator_only_flags_for_fixme(bank: Path, kind: str) -> None:
    result = run("new_topic.py", "--kind", kind, "--title", "Nêu gương nơi cư trú", *SERIES, "--topics", str(bank))
    assert result.returncode == 0, result.stdout + result.stderr
    path = bank / FOLDERS[kind] / "neu-guong-noi-cu-tru.md"
    text = path.read_text(encoding="utf-8")
    assert 'title: "Nêu gương nơi cư trú"' in text and f"kind: {kind}" in text
    assert "\nseries: xay-dung-dang " in text
    loaded = load_bank(bank, repo_root=bank)
    assert loaded.ok, [item.format() for item in loaded.errors]
    codes = {item.code for item in loaded.problems if item.path.endswith("neu-guong-noi-cu-tru.md")}
    assert codes == {"fixme"}
    fixme_lines = {item.line for item in loaded.problems if item.code == "fixme"}
    assert fixme_lines == {number for number, line in enumerate(text.split("\n"), start=1) if "FIXME" in line}
    validator = run("validate.py", "--topics", str(bank))
    assert validator.returncode == 0 and "[fixme] cảnh báo:" in validator.stdout


def test_new_topic_refuses_to_overwrite_or_reuse_an_id(bank: Path) -> None:
    first = run("new_topic.py", "--kind", "theme", "--title", "Nêu gương", *SERIES, "--topics", str(bank))
    path = bank / "xay-dung-dang" / "neu-guong.md"
    path.write_text(path.read_text(encoding="utf-8") + "\nđã sửa\n", encoding="utf-8")
    again = run("new_topic.py", "--kind", "theme", "--title", "Nêu gương", *SERIES, "--topics", str(bank))
    elsewhere = run("new_topic.py", "--kind", "guidance", "--title", "Nêu Gương", "--topics", str(bank))
    existing = run("new_topic.py", "--kind", "document", "--title", "Ví dụ văn bản", "--topics", str(bank))
    assert first.returncode == 0
    assert again.returncode == 1 and "không ghi đè" in again.stdout
    assert path.read_text(encoding="utf-8").endswith("đã sửa\n")
    assert elsewhere.returncode == 1 and "đã dùng" in elsewhere.stdout
    assert existing.returncode == 1 and "vi-du-van-ban" in existing.stdout
    assert not (bank / "van-ban").exists()


@pytest.mark.parametrize("args, message", [
    (["--kind", "theme", "--title", "<b>Đậm</b>", *SERIES], "[html-in-text]"),
    (["--kind", "theme", "--title", "???", *SERIES], "không có chữ hay số"),
    (["--kind", "theme", "--title", "Hợp lệ", "--folder", "_mau"], "không hợp lệ"),
    (["--kind", "theme", "--title", "Hợp lệ", "--folder", "../ngoai"], "không hợp lệ"),
    (["--kind", "theme", "--title", "Hợp lệ", "--series", "khong-co"], "Không có loạt \"khong-co\""),
    (["--kind", "theme", "--title", "Hợp lệ"], "--series"),  # asked, no answer: the flag to use is named
])
def test_new_topic_refuses_bad_input_kindly(bank: Path, args: list[str], message: str) -> None:
    result = run("new_topic.py", *args, "--topics", str(bank))
    assert result.returncode == 1 and message in result.stdout and "Traceback" not in result.stderr
    assert sorted(path.name for path in bank.rglob("*.md")) == sorted(path.name for path in VALID.glob("*.md"))


def test_new_topic_asks_when_run_without_arguments(bank: Path) -> None:
    result = run("new_topic.py", "--topics", str(bank), stdin="3\nSinh hoạt tổ dân phố\n")
    assert result.returncode == 0, result.stdout
    assert "kind: agenda" in (bank / "chuong-trinh-mau" / "sinh-hoat-to-dan-pho.md").read_text(encoding="utf-8")


def test_new_topic_asks_a_themes_series_and_puts_it_in_the_series_folder(bank: Path) -> None:
    series = list(load_vocabulary(bank).labels("series"))
    number = series.index("ngay-ky-niem") + 1
    result = run("new_topic.py", "--topics", str(bank), stdin=f"1\nKỷ niệm ngày mới\n{number}\n")
    assert result.returncode == 0, result.stdout
    text = (bank / "ngay-ky-niem" / "ky-niem-ngay-moi.md").read_text(encoding="utf-8")
    assert "\nseries: ngay-ky-niem " in text and "\n# series:" not in text


def test_a_chi_thi_05_theme_gets_a_year_to_fill_in(bank: Path) -> None:
    result = run("new_topic.py", "--kind", "theme", "--title", "Chuyên đề năm mới", "--series", "chi-thi-05",
                 "--topics", str(bank))
    assert result.returncode == 0, result.stdout
    text = (bank / "chi-thi-05" / "chuyen-de-nam-moi.md").read_text(encoding="utf-8")
    assert "\nseries: chi-thi-05 " in text and any(line.startswith("year: ") and "FIXME" in line
                                                   for line in text.splitlines())
    loaded = load_bank(bank, repo_root=bank)
    assert loaded.ok, [item.format() for item in loaded.errors]


@pytest.mark.parametrize("series", sorted(load_vocabulary(ROOT / "topics").labels("series")))
def test_a_theme_goes_in_a_folder_of_the_real_bank(tmp_path: Path, series: str) -> None:
    """Never topics/chuyen-de/ (no such folder): the series' folder, or where its themes already are."""
    topics = ROOT / "topics"
    folder = theme_folder(topics, series)
    themes_of_series = [path for path in topics.rglob("*.md") if not path.name.startswith("_")
                        and "kind: theme" in (text := path.read_text(encoding="utf-8"))
                        and f"\nseries: {series}\n" in text]
    if themes_of_series:
        assert (topics / folder).is_dir(), folder
        assert any(path.parent == topics / folder for path in themes_of_series), folder
    else:
        assert folder == series  # a series without themes yet gets its own folder
    assert new_entry_path(topics, "theme", "Một tiêu đề chưa dùng xyz", None, series).parent == topics / folder


def test_other_kinds_go_in_their_existing_folders() -> None:
    topics = ROOT / "topics"
    for kind in ("guidance", "agenda", "document"):
        path = new_entry_path(topics, kind, "Một tiêu đề chưa dùng xyz", None)
        assert path.parent.is_dir() and path.parent.name == DEFAULT_FOLDERS[kind]


def test_templates_are_filled_with_any_title_safely() -> None:
    text = load_template("theme").filled('Nêu gương: "nơi cư trú" # 2026')
    assert 'title: "Nêu gương: \\"nơi cư trú\\" # 2026"' in text


def test_fix_nfc_rewrites_decomposed_text_and_reports_lines(bank: Path) -> None:
    source = bank / "vi-du-huong-dan.md"
    original = source.read_bytes()
    decomposed = unicodedata.normalize("NFD", original.decode("utf-8"))
    source.write_bytes(b"\xef\xbb\xbf" + decomposed.replace("\n", "\r\n").encode("utf-8"))
    before = run("validate.py", "--topics", str(bank))
    fixed = run("validate.py", "--topics", str(bank), "--fix-nfc")
    assert before.returncode == 1 and "[not-nfc]" in before.stdout
    assert fixed.returncode == 0, fixed.stdout
    assert "vi-du-huong-dan.md: đã chuyển sang NFC (dòng 3, 4, 8, 12, 14)" in fixed.stdout
    assert source.read_bytes() == b"\xef\xbb\xbf" + original.replace(b"\n", b"\r\n")  # BOM and CRLF kept
    assert "NFC" not in run("validate.py", "--topics", str(bank), "--fix-nfc").stdout  # nothing left to fix


def test_validate_sets_itself_up_from_a_fresh_python_without_pyyaml(tmp_path: Path) -> None:
    """A contributor's fresh Python (no PyYAML): scripts/validate.py finds or makes .venv and runs in it."""
    import venv

    fresh = tmp_path / "fresh"
    venv.EnvBuilder(with_pip=False).create(fresh)
    python = fresh / ("Scripts/python.exe" if sys.platform == "win32" else "bin/python")
    assert subprocess.run([str(python), "-c", "import yaml"], capture_output=True).returncode != 0
    result = subprocess.run([str(python), str(ROOT / "scripts" / "validate.py"), "--bank", "tests/examples/valid"],
                            cwd=ROOT, capture_output=True, text=True, timeout=600)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "mục hợp lệ" in result.stdout and "Traceback" not in result.stderr
