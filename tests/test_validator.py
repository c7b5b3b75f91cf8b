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
from topicbank.problems import CHECKS
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
    used = {item.rsplit(":", 1)[1] for items in EXPECTATIONS.values() for item in items}
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


def run_validator(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, str(ROOT / "scripts" / "validate.py"), *args], cwd=ROOT,
                          capture_output=True, text=True, env={**os.environ, **(env or {})})


def test_cli_prints_path_line_code_and_hint_and_exits_1(tmp_path: Path) -> None:
    bank = bank_with_case(tmp_path, "unknown-field.md")
    result = run_validator("--topics", str(bank))
    assert result.returncode == 1
    line = next(line for line in result.stdout.splitlines() if "[unknown-field]" in line)
    assert line.endswith("unknown-field.md:15: [unknown-field] Trường \"titel\" không có trong hợp đồng. "
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
