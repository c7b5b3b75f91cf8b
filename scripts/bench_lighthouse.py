"""Lighthouse on the built site, as a phone on a weak connection sees it, against a plain Material site.

    .venv/bin/python scripts/bench_lighthouse.py [--site DIR] [--runs 3] [--json out.json]

Builds the project's site (the real bank, HTML kits, no offline zip) unless --site names a built one,
and a plain MkDocs + Material site of five pages (the first four entries of the bank and a home page,
`font: false` like ours, since the machine reaches no font server). Each is served on 127.0.0.1 by
benchlib/gzip_server.py, gzip-compressed as GitHub Pages serves it. Lighthouse (the version pinned in
package.json, installed by `npm ci` into .cache/npm/) runs Debian's Chromium headless in its default
mobile emulation (simulated slow 4G, 4× CPU slowdown), performance only, --runs times per page; the
table shows the median of each figure. Pages: home, a theme page, the finder, the theme's kit page and
its browser deck, and the plain site's home.

A benchmark, not a test: the goals (performance ≥ 98, CLS ≤ 0.02, LCP ≤ 1.8 s, the kit page ≤ 150 KiB)
are printed with the figures; nothing fails when one is missed.
"""
from __future__ import annotations

import argparse
import json
import shutil
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT / "scripts"), str(ROOT / "hooks")]

from benchlib import builds, lighthouse  # noqa: E402
from benchlib.gzip_server import GzipServer  # noqa: E402

GOALS = {"score": 98, "cumulative-layout-shift": 0.02, "largest-contentful-paint": 1800}
KIT_TRANSFER_GOAL = 150 * 1024
PLAIN_PAGES = 4  # entries copied into the plain site, beside its home page: five pages


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--site", type=Path, help="một site đã dựng (mặc định: dựng site của dự án vào thư mục tạm)")
    parser.add_argument("--theme", help="mã chuyên đề dùng cho trang chuyên đề, bộ tài liệu và trình chiếu")
    parser.add_argument("--runs", type=int, default=3, help="số lần chạy Lighthouse mỗi trang (mặc định 3)")
    parser.add_argument("--only", default="", help="chỉ đo các trang này, ví dụ home,kit")
    parser.add_argument("--workdir", type=Path, help="thư mục làm việc (mặc định: thư mục tạm, xóa khi xong)")
    parser.add_argument("--json", type=Path, help="ghi kết quả dạng JSON vào tệp này")
    return parser.parse_args(argv)


def build_ours(workdir: Path) -> Path:
    site = workdir / "site-ours"
    env = builds.ours_env(ROOT / "topics", "html", workdir / "cache") | {"TOPICBANK_OFFLINE_ZIP": "0"}
    result = builds.run_measured("ours", builds.mkdocs_command(ROOT / "mkdocs.yml", site), ROOT, env, site,
                                 workdir / "ours.log")
    if result.returncode != 0:
        raise SystemExit(f"Dựng site của dự án lỗi:\n{result.log[-4000:]}")
    return site


PLAIN_CONFIG = """\
site_name: Ngân hàng chuyên đề (MkDocs thuần)
docs_dir: docs
theme:
  name: material
  language: vi
  font: false
plugins:
  - search
"""


def build_plain(workdir: Path) -> Path:
    """Five pages of plain Material: a home page and the bank's first entries, in the nav."""
    project = workdir / "plain"
    docs = project / "docs"
    shutil.rmtree(project, ignore_errors=True)
    docs.mkdir(parents=True)
    (docs / "index.md").write_text("# Ngân hàng chuyên đề\n\nTrang chủ của bản dựng đối chứng: bốn mục của ngân hàng, "
                                   "MkDocs và Material không thêm gì.\n", encoding="utf-8")
    entries = sorted(path for path in (ROOT / "topics").rglob("*.md")
                     if not any(part.startswith("_") for part in path.relative_to(ROOT / "topics").parts))
    for source in entries[:PLAIN_PAGES]:
        shutil.copyfile(source, docs / source.name)
    (project / "mkdocs.yml").write_text(PLAIN_CONFIG, encoding="utf-8")
    site = workdir / "site-plain"
    result = builds.run_measured("plain", builds.mkdocs_command(project / "mkdocs.yml", site), project,
                                 builds.ours_env(ROOT / "topics"), site, workdir / "plain.log")
    if result.returncode != 0:
        raise SystemExit(f"Dựng site MkDocs thuần lỗi:\n{result.log[-4000:]}")
    return site


def pick_theme(site: Path, wanted: str | None) -> dict:
    """A theme with a kit page and a deck (the first by id, unless --theme names one)."""
    records = json.loads((site / "topics.json").read_text(encoding="utf-8"))
    if isinstance(records, dict):  # a header object around the records
        records = records.get("records") or records.get("topics") or []
    themes = sorted((record for record in records if record.get("kind") == "theme" and record.get("kit")
                     and record.get("slides")), key=lambda record: record["id"])
    if wanted:
        themes = [record for record in themes if record["id"] == wanted]
    if not themes:
        raise SystemExit("Không có chuyên đề nào có bộ tài liệu và trình chiếu trong site" + (f" ({wanted})" if wanted else ""))
    return themes[0]


def pages_of(theme: dict) -> list[tuple[str, str]]:
    kit = theme["kit"].get("html") if isinstance(theme["kit"], dict) else None
    deck = theme["slides"].get("html") if isinstance(theme["slides"], dict) else None
    deck = deck.removesuffix("index.html") if deck else f"trinh-chieu/{theme['id']}/"
    return [("home", ""), ("theme", theme["url"]), ("finder", "tim-chuyen-de/"),
            ("kit", kit or f"bo-tai-lieu/{theme['id']}/"), ("deck", deck)]


def measure(cli: Path, base: str, name: str, path: str, runs: int, workdir: Path) -> lighthouse.PageResult:
    results = []
    for number in range(runs):
        output = workdir / f"lh-{name}-{number + 1}.json"
        run = lighthouse.run_lighthouse(cli, base + path, output)
        print(f"  {name:8} lần {number + 1}: {run.score:5.1f} điểm, LCP {run.metrics.get('largest-contentful-paint', 0) / 1000:.2f} s, "
              f"CLS {run.metrics.get('cumulative-layout-shift', 0):.3f}, "
              f"{run.metrics.get('total-byte-weight', 0) / 1024:.0f} KiB", flush=True)
        results.append(run)
    return lighthouse.PageResult(name, path, results)


def verdicts(results: list[lighthouse.PageResult]) -> list[str]:
    lines = []
    for result in results:
        if result.name == "plain":
            continue
        misses = []
        if result.score < GOALS["score"]:
            misses.append(f"điểm {result.score:.0f} < {GOALS['score']}")
        cls = result.median("cumulative-layout-shift")
        if cls is not None and cls > GOALS["cumulative-layout-shift"]:
            misses.append(f"CLS {cls:.3f} > {GOALS['cumulative-layout-shift']}")
        lcp = result.median("largest-contentful-paint")
        if lcp is not None and lcp > GOALS["largest-contentful-paint"]:
            misses.append(f"LCP {lcp / 1000:.2f} s > {GOALS['largest-contentful-paint'] / 1000:.1f} s")
        transfer = result.median("total-byte-weight")
        if result.name == "kit" and transfer is not None and transfer > KIT_TRANSFER_GOAL:
            misses.append(f"{transfer / 1024:.0f} KiB > {KIT_TRANSFER_GOAL // 1024} KiB")
        lines.append(f"mục tiêu {result.name}: " + ("đạt" if not misses else "CHƯA ĐẠT (" + "; ".join(misses) + ")"))
    return lines


def run(workdir: Path, args: argparse.Namespace) -> dict[str, object]:
    cli = lighthouse.install(ROOT, ROOT / ".cache" / "npm")
    version = lighthouse.version(cli)
    site = args.site.resolve() if args.site else build_ours(workdir)
    plain = build_plain(workdir)
    theme = pick_theme(site, args.theme)
    only = {name.strip() for name in args.only.split(",") if name.strip()}
    print(f"Lighthouse {version}, Chromium {lighthouse.CHROMIUM}, {args.runs} lần mỗi trang; chuyên đề {theme['id']}",
          flush=True)
    results = []
    with GzipServer(site) as server:
        for name, path in pages_of(theme):
            if not only or name in only:
                results.append(measure(cli, server.url, name, path, args.runs, workdir))
    if not only or "plain" in only:
        with GzipServer(plain) as server:
            results.append(measure(cli, server.url, "plain", "", args.runs, workdir))
    print()
    print(lighthouse.table(results))
    for line in verdicts(results):
        print(line)
    return lighthouse.as_json(results, version) | {"theme": theme["id"]}


def main(argv: list[str] | None = None) -> int:
    return builds.run_in_workdir(parse_args(argv), run, prefix="tb-lighthouse-")


if __name__ == "__main__":
    sys.exit(main())
