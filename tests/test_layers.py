"""Banks in layers: each layering mistake is caught at its line with its code; the provincial fixture builds."""
from __future__ import annotations

import shutil
from pathlib import Path

import pytest
import yaml

from topicbank import BankSource, load_banks

ROOT = Path(__file__).resolve().parent.parent
VALID = ROOT / "tests" / "examples" / "valid"


def two_banks(tmp_path: Path) -> tuple[Path, Path]:
    """A small "national" bank (the valid examples) and an empty local one, under one site folder."""
    national = tmp_path / "chung"
    shutil.copytree(VALID, national)
    local = tmp_path / "topics"
    local.mkdir()
    return national, local


def copy_entry(source: Path, target: Path, *, override: bool = False, title: str | None = None) -> None:
    text = source.read_text(encoding="utf-8")
    if override:
        text = text.replace("status: draft\n", "status: draft\noverride: true\n", 1)
    if title:
        text = text.replace(text.split("\n")[2], f"title: {title}", 1)
    target.write_text(text, encoding="utf-8")


LAYER_CASES = ROOT / "tests" / "examples" / "layers"
LAYER_EXPECTATIONS: dict[str, list[str]] = yaml.safe_load((LAYER_CASES / "expectations.yml").read_text("utf-8"))


@pytest.mark.parametrize("case", sorted(LAYER_EXPECTATIONS))
def test_each_layering_mistake_is_reported_at_its_line(tmp_path: Path, case: str) -> None:
    national = tmp_path / "chung"
    shutil.copytree(VALID, national)
    shutil.copy2(ROOT / "topics" / "_vocabulary.yml", national / "_vocabulary.yml")
    shutil.copytree(LAYER_CASES / case, tmp_path, dirs_exist_ok=True)
    config = tmp_path / "mkdocs.yml"
    hide = ()
    if config.exists():
        hide = tuple(yaml.safe_load(config.read_text("utf-8"))["plugins"][0]["topicbank"].get("hide", ()))
    result = load_banks([BankSource("chung", national, "Ngân hàng chung"), BankSource("topics", tmp_path / "topics")],
                        tmp_path, hide=hide, config_file=config)
    assert {f"{item.path}:{item.line}:{item.code}" for item in result.problems if item.is_error} \
        == set(LAYER_EXPECTATIONS[case])


def test_override_replaces_the_earlier_entry_everywhere(tmp_path: Path) -> None:
    national, local = two_banks(tmp_path)
    copy_entry(national / "vi-du-huong-dan.md", local / "vi-du-huong-dan.md", override=True, title="Bản của tỉnh")
    result = load_banks([BankSource("chung", national, "Ngân hàng chung"), BankSource("topics", local, "Tỉnh")],
                        tmp_path)
    assert result.ok, [item.format() for item in result.errors]
    entry = result.bank.by_id["vi-du-huong-dan"]
    assert entry.title == "Bản của tỉnh" and entry.bank == "topics" and entry.overrides == "chung"
    assert [e.id for e in result.bank.entries].count("vi-du-huong-dan") == 1
    assert result.bank.bank_label(entry) == "Tỉnh" and result.bank.is_layered


def test_hiding_an_uncited_entry_leaves_it_out(tmp_path: Path) -> None:
    national, local = two_banks(tmp_path)
    result = load_banks([BankSource("chung", national), BankSource("topics", local)], tmp_path,
                        hide=("vi-du-van-ban-cu",))
    assert result.ok, [item.format() for item in result.errors]
    assert "vi-du-van-ban-cu" not in result.bank.by_id


def test_a_later_bank_adds_vocabulary_values(tmp_path: Path) -> None:
    national, local = two_banks(tmp_path)
    shutil.copy2(ROOT / "topics" / "_vocabulary.yml", national / "_vocabulary.yml")
    (local / "_vocabulary.yml").write_text('series:\n  loat-moi: "Loạt mới của tỉnh"\n', encoding="utf-8")
    result = load_banks([BankSource("chung", national), BankSource("topics", local)], tmp_path)
    assert result.ok and result.bank.vocabulary.label("series", "loat-moi") == "Loạt mới của tỉnh"
    assert result.bank.vocabulary.label("series", "chi-thi-05") != "chi-thi-05"  # the national values stay
