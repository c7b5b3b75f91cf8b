"""Benchmark the site build against plain MkDocs + Material on the same bank.

    python scripts/bench.py --entries 1000 [--repeat 3] [--keep] [--json out.json]

Writes N synthetic, contract-valid entries into a temporary folder, then builds
them alternately with the project's hooks (KITS_FORMATS=html) and with plain
MkDocs + Material (same Markdown files, out of the nav), each build in a fresh
process. Prints median build times, their ratio, site sizes, the largest entry
page, the search index a reader downloads (raw and gzip) and peak memory.
Then (unless --no-serve) `mkdocs serve` on the same bank: one theme edited three times, the time until
the edited page is served, and its ratio to our full build. Kits (PDF, DOCX) and in-browser search:
scripts/bench_kits.py; Lighthouse: scripts/bench_lighthouse.py.
"""
from __future__ import annotations

import argparse
import json
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT / "scripts"), str(ROOT / "hooks")]

from benchlib import builds, report, serve  # noqa: E402
from benchlib.generator import write_bank  # noqa: E402


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--entries", type=int, default=1000, help="số mục giả lập (mặc định 1000)")
    parser.add_argument("--repeat", type=int, default=3, help="số lần dựng mỗi bên, xen kẽ (mặc định 3)")
    parser.add_argument("--seed", type=int, default=8, help="hạt giống ngẫu nhiên của ngân hàng giả lập")
    parser.add_argument("--workdir", type=Path, help="thư mục làm việc (mặc định: thư mục tạm)")
    parser.add_argument("--keep", action="store_true", help="giữ lại ngân hàng và các site đã dựng")
    parser.add_argument("--json", type=Path, help="ghi kết quả dạng JSON vào tệp này")
    parser.add_argument("--no-serve", action="store_true", help="không đo mkdocs serve sau khi sửa một mục")
    return parser.parse_args(argv)


def prepare(workdir: Path, entries: int, seed: int) -> tuple[Path, Path]:
    """Write the synthetic bank and the plain project. Returns (bank folder, plain mkdocs.yml)."""
    topics = workdir / "topics"
    write_bank(topics, entries, ROOT, seed)
    return topics, builds.make_plain_project(topics, workdir / "plain")


def run(workdir: Path, entries: int, repeat: int, seed: int, with_serve: bool = True) -> dict[str, object]:
    topics, plain_config = prepare(workdir, entries, seed)
    print(f"Đã viết {entries} mục giả lập vào {topics}", flush=True)
    results: dict[str, list[builds.BuildResult]] = {"ours": [], "plain": []}
    jobs = {
        "ours": (builds.mkdocs_command(ROOT / "mkdocs.yml", workdir / "site-ours"), ROOT,
                 builds.ours_env(topics), workdir / "site-ours"),
        "plain": (builds.mkdocs_command(plain_config, workdir / "site-plain"), plain_config.parent,
                  builds.ours_env(topics), workdir / "site-plain"),
    }
    for round_number in range(repeat):
        order = ("ours", "plain") if round_number % 2 == 0 else ("plain", "ours")  # alternate who goes first
        for name in order:
            command, cwd, env, site_dir = jobs[name]
            builds.clear_caches(topics)  # every build of ours starts cold, as a fresh clone or CI run does
            result = builds.run_measured(name, command, cwd, env, site_dir, workdir / f"{name}.log")
            if result.returncode != 0:
                raise SystemExit(f"Bản dựng {name} lỗi (mã {result.returncode}):\n{result.log[-4000:]}")
            print(f"  lần {round_number + 1} {name:5}: {result.seconds:6.2f} s, {result.peak_rss_mb:5.0f} MB", flush=True)
            results[name].append(result)
    summaries = {}
    for name, (_, _, _, site_dir) in jobs.items():
        sizes = builds.measure_site(site_dir, builds.reader_search_files(site_dir))
        summaries[name] = report.summarize(name, results[name], sizes)
    measured = None
    if with_serve:
        builds.clear_caches(topics)  # serve starts as a developer's first `mkdocs serve` of the day does
        measured = serve.measure_serve(ROOT, topics, workdir)
        print(f"  mkdocs serve: sau khi sửa một mục {', '.join(f'{value:.1f}' for value in measured.rebuild_seconds)} s",
              flush=True)
    print()
    print(report.table(entries, summaries["ours"], summaries["plain"], measured))
    return report.as_json(entries, summaries["ours"], summaries["plain"], measured)


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    builds.require_tools()
    if args.workdir:
        args.workdir.mkdir(parents=True, exist_ok=True)
        data = run(args.workdir, args.entries, args.repeat, args.seed, not args.no_serve)
    elif args.keep:
        workdir = Path(tempfile.mkdtemp(prefix="tb-bench-"))
        data = run(workdir, args.entries, args.repeat, args.seed, not args.no_serve)
        print(f"Giữ lại: {workdir}")
    else:
        with tempfile.TemporaryDirectory(prefix="tb-bench-") as folder:
            data = run(Path(folder), args.entries, args.repeat, args.seed, not args.no_serve)
    if args.json:
        args.json.write_text(json.dumps(data, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
