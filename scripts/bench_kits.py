"""Benchmark what scripts/bench.py does not: kits, `mkdocs serve` rebuilds and search in Chromium.

    python scripts/bench_kits.py --entries 1000 [--kit-entries 100] [--skip kits,serve,search] [--json out.json]

- kits: the PDF + DOCX kit build cold (caches removed), warm (must render 0 kits) and
  after one theme changes (must render 1 kit), on a bank of --kit-entries entries;
  renders are counted by benchlib/probe in every process, not read from the log;
- serve: `mkdocs serve` on a free 127.0.0.1 port watching the N-entry bank; one theme
  is edited three times and the time until the served page shows the edit is taken;
- search: the N-entry site (KITS_FORMATS=html) served on 127.0.0.1 and searched in
  headless Chromium: index load time and last keystroke to results shown.
"""
from __future__ import annotations

import argparse
import statistics
import sys
from dataclasses import asdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT / "scripts"), str(ROOT / "hooks")]

from benchlib import browser, builds, kits, serve  # noqa: E402
from benchlib.generator import write_bank  # noqa: E402

SEARCH_GOAL_MS = 300


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--entries", type=int, default=1000, help="số mục cho serve và tìm kiếm (mặc định 1000)")
    parser.add_argument("--kit-entries", type=int, default=100, help="số mục cho phép đo bộ tài liệu (mặc định 100)")
    parser.add_argument("--skip", default="", help="bỏ qua các phần, ví dụ kits,serve")
    parser.add_argument("--repeat", type=int, default=3, help="số lần đo tìm kiếm (mặc định 3)")
    parser.add_argument("--workdir", type=Path, help="thư mục làm việc (mặc định: thư mục tạm, xóa khi xong)")
    parser.add_argument("--json", type=Path, help="ghi kết quả dạng JSON vào tệp này")
    return parser.parse_args(argv)


def bench_kits(workdir: Path, entries: int) -> dict[str, object]:
    topics = workdir / "topics-kits"
    write_bank(topics, entries, ROOT)
    runs = kits.measure_kits(ROOT, topics, workdir)
    print(f"\nBộ tài liệu PDF + DOCX, {entries} mục ({runs[0].kit_files} tệp PDF/DOCX):")
    print(f"  {'lần dựng':10} {'thời gian':>10} {'bộ nhớ':>8} {'kit dựng':>9} {'(theo log)':>10} {'PDF':>5} {'DOCX':>5}"
          f" {'mẫu Word trang Chuẩn bị':>24}")
    for run in runs:
        print(f"  {run.label:10} {run.seconds:9.2f}s {run.peak_rss_mb:6.0f}MB {run.kits_rendered:9} "
              f"{run.kits_rendered_by_log if run.kits_rendered_by_log is not None else '?':>10} "
              f"{run.pdf_renders:5} {run.docx_renders:5} {run.meeting_templates:24}")
    warm, edited = runs[1], runs[2]
    warm_renders = warm.pdf_renders + warm.docx_renders + warm.meeting_templates
    one_kit = edited.kits_rendered == 1 and edited.pdf_renders <= 2 and edited.meeting_templates <= 1
    print(f"  mục tiêu: lần ấm dựng lại 0 kit — {'đạt' if warm_renders == 0 else 'CHƯA ĐẠT'}; "
          f"sửa một mục dựng lại 1 kit (và mẫu Word của nó ở trang Chuẩn bị) — {'đạt' if one_kit else 'CHƯA ĐẠT'}")
    return {"entries": entries, "runs": [asdict(run) | {"kits_rendered": run.kits_rendered} for run in runs]}


def bench_serve(workdir: Path, topics: Path) -> dict[str, object]:
    result = serve.measure_serve(ROOT, topics, workdir)
    print(f"\nmkdocs serve: bản dựng đầu {result.first_build_seconds:.1f} s; sau khi sửa một mục: "
          + ", ".join(f"{value:.1f} s" for value in result.rebuild_seconds) + f" (trung vị {result.median:.1f} s)")
    return asdict(result) | {"median": result.median}


def bench_search(workdir: Path, topics: Path, repeat: int) -> dict[str, object]:
    site_dir = workdir / "site-search"
    result = builds.run_measured("search-site", builds.mkdocs_command(ROOT / "mkdocs.yml", site_dir), ROOT,
                                 builds.ours_env(topics), site_dir, workdir / "search-site.log")
    if result.returncode != 0:
        raise SystemExit(f"Bản dựng cho phép đo tìm kiếm lỗi:\n{result.log[-4000:]}")
    timing = browser.measure_search(site_dir, repeat)
    print(f"\nTìm kiếm trong Chromium ({repeat} lần, mỗi lần một phiên mới):")
    print("  tải chỉ mục: " + ", ".join(f"{value:.0f} ms" for value in timing.index_load_ms)
          + f" (trung vị {statistics.median(timing.index_load_ms):.0f} ms)")
    for query, values in timing.keystroke_to_results_ms.items():
        print(f"  «{query}»: phím cuối → kết quả " + ", ".join(f"{value:.0f}" for value in values)
              + f" ms (trung vị {statistics.median(values):.0f} ms, {timing.result_counts[query]} kết quả hiện)")
    worst = timing.worst_median_ms
    print(f"  mục tiêu ≤ {SEARCH_GOAL_MS} ms: {worst:.0f} ms — {'đạt' if worst <= SEARCH_GOAL_MS else 'CHƯA ĐẠT'}")
    return asdict(timing) | {"worst_median_ms": worst}


def run(workdir: Path, args: argparse.Namespace) -> dict[str, object]:
    skip = set(filter(None, args.skip.split(",")))
    data: dict[str, object] = {}
    if "kits" not in skip:
        data["kits"] = bench_kits(workdir, args.kit_entries)
    if skip >= {"serve", "search"}:
        return data
    topics = workdir / "topics"
    write_bank(topics, args.entries, ROOT)
    if "search" not in skip:
        data["search"] = bench_search(workdir, topics, args.repeat)
    if "serve" not in skip:
        data["serve"] = bench_serve(workdir, topics)
    return data


def main(argv: list[str] | None = None) -> int:
    return builds.run_in_workdir(parse_args(argv), run, prefix="tb-bench-kits-")


if __name__ == "__main__":
    sys.exit(main())
