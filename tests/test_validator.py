"""The front-matter contract: valid examples pass, every invalid example fails with its code at its line."""
from __future__ import annotations

import datetime as dt
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from topicbank import load_bank
from topicbank.problems import CHECKS, Problem
from topicbank.strict_yaml import parse_mapping

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "tests" / "examples"
VALID = EXAMPLES / "valid"
INVALID = EXAMPLES / "invalid"
EXPECTATIONS: dict[str, list[str]] = yaml.safe_load((INVALID / "expectations.yml").read_text(encoding="utf-8"))
TODAY = dt.date(2026, 11, 23)


def bank_with_case(tmp_path: Path, case: str) -> Path:
    """A temporary bank: the valid examples plus one invalid case (file or folder)."""
    bank = tmp_path / "topics"
    shutil.copytree(VALID, bank)
    source = INVALID / case
    if source.is_dir():
        shutil.copytree(source, bank / case)
    else:
        shutil.copy2(source, bank / case)
    return bank


def found(bank: Path) -> set[str]:
    result = load_bank(bank, repo_root=bank, today=TODAY)
    return {f"{problem.path}:{problem.line}:{problem.code}" for problem in result.problems}


def test_valid_examples_pass_without_any_problem() -> None:
    result = load_bank(VALID, repo_root=VALID, today=TODAY)
    assert [problem.format() for problem in result.problems] == []
    assert result.ok and result.bank is not None
    assert {entry.kind for entry in result.bank.entries} == {"theme", "guidance", "agenda", "document"}


@pytest.mark.parametrize("case", sorted(EXPECTATIONS))
def test_invalid_example_reports_exactly_its_problems(tmp_path: Path, case: str) -> None:
    assert found(bank_with_case(tmp_path, case)) == set(EXPECTATIONS[case])


def test_every_invalid_example_has_expectations() -> None:
    on_disk = {path.name for path in INVALID.iterdir() if path.name != "expectations.yml"}
    assert on_disk == set(EXPECTATIONS)
    assert len(on_disk) >= 25


def test_every_check_is_exercised_by_an_invalid_example() -> None:
    layered = yaml.safe_load((EXAMPLES / "layers" / "expectations.yml").read_text(encoding="utf-8"))  # test_layers.py
    used = {item.rsplit(":", 1)[1] for items in [*EXPECTATIONS.values(), *layered.values()] for item in items}
    assert set(CHECKS) - used == set()


def test_every_check_has_a_vietnamese_message_and_hint() -> None:
    for check in CHECKS.values():
        assert check.message.strip() and check.hint.strip(), check.code
        assert any(letter in check.message + check.hint for letter in "ăâđêôơưạảấầẩẫậắằẳẵặẹẻẽếềểễệỉịọỏốồổỗộớờởỡợụủứừửữựỳỵỷỹ"), check.code


@pytest.mark.parametrize("text, expected", [
    ("a: no", "no"), ("a: yes", "yes"), ("a: on", "on"), ("a: 1:30", "1:30"), ("a: 012", "012"),
    ("a: 0x1F", "0x1F"), ("a: 1e3", "1e3"), ("a: 2022-06-16", "2022-06-16"), ("a: 1.5", "1.5"),
    ("a: 12", 12), ("a: true", True), ("a: ~", None), ("a: '012'", "012"),
])
def test_yaml_never_changes_a_value_quietly(text: str, expected: object) -> None:
    parsed = parse_mapping(text)
    assert parsed.issues == [] and parsed.data == {"a": expected}


def problems_of(tmp_path: Path, case: str) -> dict[int, Problem]:
    """The problems reported for one invalid example, by line."""
    result = load_bank(bank_with_case(tmp_path, case), repo_root=tmp_path, today=TODAY)
    return {problem.line: problem for problem in result.problems if problem.path.endswith(case)}


def test_curly_quotes_from_word_get_their_own_code_and_fix(tmp_path: Path) -> None:
    with_colon = problems_of(tmp_path / "a", "curly-quotes-with-colon.md")[4]
    around = problems_of(tmp_path / "b", "curly-quotes-around-value.md")
    for item in (with_colon, around[3], around[16]):
        assert item.code == "yaml-curly-quotes" and "ngoặc cong" in item.message
        assert 'ngoặc kép thẳng "…"' in item.hint and "« »" in item.hint and "bỏ hẳn ngoặc" in item.hint
    assert "đặt chuỗi trong ngoặc kép" not in with_colon.message
    assert "một phần của văn bản" in around[3].message


@pytest.mark.parametrize("text, value, reported", [
    ("a: “Nêu gương”", "Nêu gương", True),
    ("a: ‘Nêu gương’", "Nêu gương", True),
    ("a:\n  - “vi-du”", ["vi-du"], True),
    ("a: [“x”, “y”]", ["x", "y"], True),
    ("a: “x” và “y”", "“x” và “y”", False),
    ("a: Hội nghị “Diên Hồng”", "Hội nghị “Diên Hồng”", False),
    ("a: “Dân vận” trong thời kỳ mới", "“Dân vận” trong thời kỳ mới", False),
    ("a: '“Nêu gương”'", "“Nêu gương”", False),  # quoted on purpose: kept
    ("a: \"«Nêu gương»: bài học\"", "«Nêu gương»: bài học", False),
])
def test_curly_quotes_around_a_whole_value_are_reported_not_kept(text: str, value: object, reported: bool) -> None:
    parsed = parse_mapping(text)
    assert parsed.data == {"a": value}
    assert [issue.kind for issue in parsed.issues] == (["curly-quotes"] if reported else [])


@pytest.mark.parametrize("text, kind", [
    ("a: “Chủ đề: mới”", "curly-quotes"),
    ("a: “Chủ đề #1”", "curly-quotes"),
    ("a:\n  - “x: y”", "curly-quotes"),
    ('a: "Anh nói "đúng" đấy"', "inner-quote"),
    ('a:\n  - "Anh nói "đúng""\n  - b', "inner-quote"),
    ("a: 'Bác 'x' nhé'", "inner-quote"),
    ("a: Sinh hoạt: chuyên đề", "syntax"),
])
def test_quoting_mistakes_are_named_for_what_they_are(text: str, kind: str) -> None:
    parsed = parse_mapping(text)
    assert [issue.kind for issue in parsed.issues] == [kind]
    assert "thụt lề" not in parsed.issues[0].detail


def test_a_straight_quote_inside_quotes_says_to_use_the_other_quotes(tmp_path: Path) -> None:
    item = problems_of(tmp_path, "quote-inside-quotes.md")[4]
    assert item.code == "yaml-inner-quote" and "thụt lề" not in item.message
    assert "ngoặc đơn" in item.hint and "« »" in item.hint


def test_unknown_ref_never_suggests_the_entrys_own_id(tmp_path: Path) -> None:
    item = problems_of(tmp_path, "unknown-ref-near-own-id.md")[15]
    assert item.code == "unknown-ref"
    assert '"unknown-ref-near-own-id"' not in item.message + item.hint
    assert "new_topic.py" in item.hint and "xóa dòng này" in item.hint


def test_unknown_ref_by_document_number_points_to_the_document(tmp_path: Path) -> None:
    problems = problems_of(tmp_path, "reference-by-number.md")
    known, unknown = problems[16], problems[17]
    assert '"vi-du-van-ban"' in known.message and "số văn bản" in known.message
    assert "new_topic.py --kind document" not in known.hint
    assert "144-QĐ/TW" in unknown.message and "vi-du-van-ban" not in unknown.message
    assert "new_topic.py --kind document" in unknown.hint and "topics/_mau/document.md" in unknown.hint
    assert "xóa dòng này" in unknown.hint


@pytest.mark.parametrize("case, line, cause", [
    ("reviewed-without-date.md", 5, "status: reviewed"),
    ("superseded-without-successor.md", 10, "validity: superseded"),
    ("chi-thi-05-without-year.md", 15, "series: chi-thi-05"),
])
def test_a_field_required_by_a_value_is_reported_at_that_value(tmp_path: Path, case: str, line: int,
                                                                 cause: str) -> None:
    item = problems_of(tmp_path, case)[line]
    assert item.code == "missing-for-value" and cause in item.message


def test_a_new_entry_is_told_to_stay_draft_not_to_add_a_review_date(tmp_path: Path) -> None:
    item = problems_of(tmp_path, "reviewed-without-date.md")[5]
    assert "reviewed_on" in item.message
    assert item.hint.startswith("Mục mới luôn để status: draft")


def test_a_misspelt_required_field_is_one_problem_at_its_line(tmp_path: Path) -> None:
    problems = problems_of(tmp_path, "misspelt-required-field.md")
    assert set(problems) == {8, 14}
    assert 'ý bạn là "objectives"' in problems[8].message and "bắt buộc" in problems[8].message
    assert 'ý bạn là "title"' in problems[14].message


def test_not_nfc_is_one_problem_listing_every_line(tmp_path: Path) -> None:
    problems = problems_of(tmp_path, "not-nfc.md")
    assert list(problems) == [3]
    assert "các dòng 3, 19" in problems[3].message
    assert problems[3].hint.startswith("Chạy python3 scripts/validate.py --fix-nfc")


def test_messages_use_plain_words() -> None:
    from topicbank.checks import _TYPE_NAMES, describe
    texts = [check.message + check.hint for check in CHECKS.values()] + list(_TYPE_NAMES.values()) + [describe({})]
    for text in texts:
        assert "hợp đồng" not in text and "nhóm trường" not in text, text


def run_validator(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, str(ROOT / "scripts" / "validate.py"), *args], cwd=ROOT,
                          capture_output=True, text=True, env={**os.environ, **(env or {})})


def test_cli_prints_path_line_code_and_hint_and_exits_1(tmp_path: Path) -> None:
    bank = bank_with_case(tmp_path, "unknown-field.md")
    result = run_validator("--topics", str(bank))
    assert result.returncode == 1
    line = next(line for line in result.stdout.splitlines() if "[unknown-field]" in line)
    assert line.endswith("unknown-field.md:15: [unknown-field] Trường \"titel\" không có trong quy ước trường của ngân hàng. "
                         "Có phải ý bạn là \"title\"? Cách sửa: Sửa tên trường cho đúng, hoặc xóa nếu không cần. "
                         "Danh sách trường: trang Tra cứu trường.")
    assert "Traceback" not in result.stdout + result.stderr


def test_cli_reports_every_problem_in_one_run(tmp_path: Path) -> None:
    bank = bank_with_case(tmp_path, "unknown-field.md")
    for case in ("yaml-tab.md", "empty-file.md", "encoding-windows-1258.md", "minutes-mismatch.md"):
        shutil.copy2(INVALID / case, bank / case)
    result = run_validator("--topics", str(bank))
    for code in ("unknown-field", "yaml-tab", "empty-file", "encoding", "minutes-mismatch"):
        assert f"[{code}]" in result.stdout
    assert result.returncode == 1


def test_cli_warnings_fail_only_with_strict(tmp_path: Path) -> None:
    bank = bank_with_case(tmp_path, "combined-meeting-too-short.md")
    relaxed, strict = run_validator("--topics", str(bank)), run_validator("--topics", str(bank), "--strict")
    assert "[short-meeting] cảnh báo:" in relaxed.stdout
    assert relaxed.returncode == 0 and strict.returncode == 1


def test_cli_valid_bank_exits_0() -> None:
    result = run_validator("--topics", str(VALID))
    assert result.returncode == 0, result.stdout
    assert "5 mục hợp lệ." in result.stdout


def test_cli_emits_github_annotations_under_actions(tmp_path: Path) -> None:
    bank = bank_with_case(tmp_path, "yaml-tab.md")
    result = run_validator("--topics", str(bank), env={"GITHUB_ACTIONS": "true"})
    assert any(line.startswith("::error file=") and "yaml-tab.md,line=4::[yaml-tab]" in line
               for line in result.stdout.splitlines())


def test_cli_missing_folder_is_reported_kindly(tmp_path: Path) -> None:
    result = run_validator("--topics", str(tmp_path / "khong-co"))
    assert result.returncode == 1 and "[no-topics]" in result.stdout and "Traceback" not in result.stderr


def test_the_real_bank_validates() -> None:
    result = run_validator()
    assert result.returncode == 0, result.stdout[-5000:]
