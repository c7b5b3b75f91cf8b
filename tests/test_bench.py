"""The benchmark's synthetic bank is valid and both builds it compares succeed (no timing asserted here:
speed goals are measured by scripts/bench.py, recorded in docs/hieu-nang.md)."""
from __future__ import annotations

import subprocess
import urllib.error
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


def test_lighthouse_benchmarks_server_gzips_text_and_its_parser_reads_a_report(tmp_path: Path) -> None:
    """scripts/bench_lighthouse.py's pieces without Lighthouse itself: the local server sends text gzip-compressed
    (as GitHub Pages does) and fonts as they are, a folder as its index.html; the report reader takes the figures."""
    import gzip
    import urllib.request

    from benchlib.gzip_server import GzipServer
    from benchlib.lighthouse import PageResult, parse_report, table

    (tmp_path / "muc" / "x").mkdir(parents=True)
    (tmp_path / "muc" / "x" / "index.html").write_text("<p>" + "chi bộ " * 500 + "</p>", encoding="utf-8")
    (tmp_path / "font.woff2").write_bytes(b"wOF2" + bytes(200))
    with GzipServer(tmp_path) as server:
        assert server.url.startswith("http://127.0.0.1:")
        request = urllib.request.Request(server.url + "muc/x/", headers={"Accept-Encoding": "gzip"})
        with urllib.request.urlopen(request, timeout=10) as response:
            assert response.headers["Content-Encoding"] == "gzip"
            assert response.headers["Content-Type"].startswith("text/html")
            body = response.read()
        assert gzip.decompress(body).decode("utf-8").count("chi bộ") == 500 and len(body) < 200
        font = urllib.request.Request(server.url + "font.woff2", headers={"Accept-Encoding": "gzip"})
        with urllib.request.urlopen(font, timeout=10) as response:
            assert response.headers.get("Content-Encoding") is None and len(response.read()) == 204
        try:
            urllib.request.urlopen(server.url + "khong-co/", timeout=10)
            raise AssertionError("a missing page must be a 404")
        except urllib.error.HTTPError as error:
            assert error.code == 404
    report = {"finalDisplayedUrl": "http://127.0.0.1/x/", "categories": {"performance": {"score": 0.97}},
              "audits": {"largest-contentful-paint": {"numericValue": 1712.0},
                         "cumulative-layout-shift": {"numericValue": 0.004},
                         "total-byte-weight": {"numericValue": 104_448},
                         "network-requests": {"details": {"items": [
                             {"url": "http://127.0.0.1/assets/fonts/noto-serif-400-normal.woff2", "resourceType": "Font"},
                             {"url": "http://127.0.0.1/x/", "resourceType": "Document"}]}}}}
    run = parse_report(report)
    assert run.score == 97 and run.metrics["largest-contentful-paint"] == 1712.0 and run.requests == 2
    assert run.fonts == ["noto-serif-400-normal.woff2"]
    result = PageResult("kit", "bo-tai-lieu/x/", [run, parse_report(report | {"categories": {"performance": {"score": 0.99}}})])
    assert result.score == 98 and result.median("cumulative-layout-shift") == 0.004
    printed = table([result])
    assert "102 KiB" in printed and "1.71 s" in printed and "0.004" in printed
