"""The benchmark's synthetic bank is valid and both builds it compares succeed (no timing asserted here:
speed goals are measured by scripts/bench.py, recorded in docs/hieu-nang.md)."""
from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "scripts"))

from benchlib import builds  # noqa: E402
from benchlib.generator import Mix, write_bank  # noqa: E402
from topicbank import load_bank  # noqa: E402

ENTRIES = 20


@pytest.fixture(scope="module")
def bench_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    workdir = tmp_path_factory.mktemp("bench")
    write_bank(workdir / "topics", ENTRIES, ROOT)
    return workdir


def test_synthetic_bank_validates_with_every_kind_and_cross_references(bench_dir: Path) -> None:
    result = load_bank(bench_dir / "topics", repo_root=bench_dir)
    assert [problem.format() for problem in result.problems] == []
    bank = result.bank
    assert bank is not None and len(bank.entries) == ENTRIES
    mix = Mix.for_total(ENTRIES)
    assert [len(bank.of_kind(kind)) for kind in ("document", "agenda", "guidance", "theme")] == \
        [mix.documents, mix.agendas, mix.guidance, mix.themes]
    assert bank.cited_by, "themes must cite documents"
    assert bank.agendas_for_theme, "agendas must use themes"
    theme = bank.of_kind("theme")[0]
    assert 550 <= len(f"{theme.body} {' '.join(theme.objectives)} {' '.join(theme.questions)}".split()) <= 900
    assert any(char in theme.body for char in "ắằẳẵặđươ"), "the text must be Vietnamese with diacritics"


def test_generator_is_deterministic(bench_dir: Path, tmp_path: Path) -> None:
    again = write_bank(tmp_path / "topics", ENTRIES, ROOT)
    for path in again:
        assert path.read_bytes() == (bench_dir / "topics" / path.relative_to(tmp_path / "topics")).read_bytes()


def test_scripts_validate_accepts_the_synthetic_bank(bench_dir: Path) -> None:
    result = subprocess.run([sys.executable, str(ROOT / "scripts" / "validate.py"), "--topics", str(bench_dir / "topics")],
                            capture_output=True, text=True, cwd=ROOT, timeout=60)
    assert result.returncode == 0, result.stdout
    assert f"{ENTRIES} mục hợp lệ." in result.stdout


@pytest.mark.slow
def test_both_builds_succeed_and_are_measured(bench_dir: Path) -> None:
    topics = bench_dir / "topics"
    plain_config = builds.make_plain_project(topics, bench_dir / "plain")
    runs = {
        "ours": builds.run_measured("ours", builds.mkdocs_command(ROOT / "mkdocs.yml", bench_dir / "site-ours"), ROOT,
                                    builds.ours_env(topics), bench_dir / "site-ours", bench_dir / "ours.log"),
        "plain": builds.run_measured("plain", builds.mkdocs_command(plain_config, bench_dir / "site-plain"),
                                     plain_config.parent, builds.ours_env(topics), bench_dir / "site-plain",
                                     bench_dir / "plain.log"),
    }
    for name, result in runs.items():
        assert result.returncode == 0, f"{name}:\n{result.log[-3000:]}"
        assert result.peak_rss_mb > 10  # the child's own memory, not zero and not ours
    theme_id = sorted(path.stem for path in (topics / "chuyen-de").glob("*.md"))[0]
    for name in runs:
        page = bench_dir / f"site-{name}" / "muc" / theme_id / "index.html"
        assert "mẫu thử" in page.read_text(encoding="utf-8")
        sizes = builds.measure_site(bench_dir / f"site-{name}", builds.reader_search_files(bench_dir / f"site-{name}"))
        assert sizes.largest_page[0].startswith("muc/")
        assert sizes.search_files, f"{name}: no search index a reader would download"
        assert all(0 < packed < raw for raw, packed in sizes.search_files.values())
