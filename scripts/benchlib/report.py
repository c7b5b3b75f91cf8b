"""Summaries of repeated builds and the printed table."""
from __future__ import annotations

import statistics
from dataclasses import dataclass

from .builds import BuildResult, SiteSizes

# Issue 15's goals: the full build with HTML kits at most 1.5× plain MkDocs; the site without the offline zip
# at most 2.5× the plain site; one edited entry served by `mkdocs serve` in at most 0.3× our full build.
GOALS = {"build_time_ratio": 1.5, "site_size_ratio_without_zip": 2.5, "search_gzip_ratio": 1.5, "serve_ratio": 0.3}
OFFLINE_ZIP = "ban-ngoai-tuyen.zip"


@dataclass
class Summary:
    name: str
    times: list[float]
    peak_rss_mb: float
    sizes: SiteSizes

    @property
    def median(self) -> float:
        return statistics.median(self.times)


def summarize(name: str, results: list[BuildResult], sizes: SiteSizes) -> Summary:
    return Summary(name, [result.seconds for result in results], max(result.peak_rss_mb for result in results), sizes)


def without_zip(summary: Summary) -> int:
    return summary.sizes.total_bytes - summary.sizes.by_top.get(OFFLINE_ZIP, 0)


def ratios(ours: Summary, plain: Summary, serve_median: float | None = None) -> dict[str, float]:
    return {
        "build_time_ratio": ours.median / plain.median,
        "site_size_ratio": ours.sizes.total_bytes / plain.sizes.total_bytes,
        "site_size_ratio_without_zip": without_zip(ours) / plain.sizes.total_bytes,
        "serve_ratio": serve_median / ours.median if serve_median is not None else float("nan"),
        "search_gzip_ratio": ours.sizes.search_gzip / plain.sizes.search_gzip if plain.sizes.search_gzip else float("nan"),
        "search_raw_ratio": ours.sizes.search_raw / plain.sizes.search_raw if plain.sizes.search_raw else float("nan"),
    }


def _mb(value: int) -> str:
    return f"{value / 1e6:.2f} MB"


def _kb(value: int) -> str:
    return f"{value / 1e3:.1f} kB"


def table(entries: int, ours: Summary, plain: Summary, serve: object | None = None) -> str:
    rows = [
        ("", "dự án (ours)", "MkDocs thuần (plain)", "tỉ lệ"),
        ("thời gian dựng, trung vị", f"{ours.median:.2f} s", f"{plain.median:.2f} s", f"{ours.median / plain.median:.2f}×"),
        ("các lần dựng", " ".join(f"{t:.1f}" for t in ours.times), " ".join(f"{t:.1f}" for t in plain.times), ""),
        ("bộ nhớ đỉnh (RSS)", f"{ours.peak_rss_mb:.0f} MB", f"{plain.peak_rss_mb:.0f} MB",
         f"{ours.peak_rss_mb / plain.peak_rss_mb:.2f}×"),
        ("dung lượng site", f"{_mb(ours.sizes.total_bytes)} ({ours.sizes.files} tệp)",
         f"{_mb(plain.sizes.total_bytes)} ({plain.sizes.files} tệp)",
         f"{ours.sizes.total_bytes / plain.sizes.total_bytes:.2f}×"),
        ("dung lượng site, không tính bản zip", _mb(without_zip(ours)), _mb(plain.sizes.total_bytes),
         f"{without_zip(ours) / plain.sizes.total_bytes:.2f}×"),
        ("trang mục lớn nhất", _kb(ours.sizes.largest_page[1]), _kb(plain.sizes.largest_page[1]),
         f"{ours.sizes.largest_page[1] / max(plain.sizes.largest_page[1], 1):.2f}×"),
        ("chỉ mục tìm kiếm, gốc", _kb(ours.sizes.search_raw), _kb(plain.sizes.search_raw),
         f"{ours.sizes.search_raw / max(plain.sizes.search_raw, 1):.2f}×"),
        ("chỉ mục tìm kiếm, gzip", _kb(ours.sizes.search_gzip), _kb(plain.sizes.search_gzip),
         f"{ours.sizes.search_gzip / max(plain.sizes.search_gzip, 1):.2f}×"),
    ]
    widths = [max(len(row[column]) for row in rows) for column in range(4)]
    lines = [f"N = {entries} mục"]
    for index, row in enumerate(rows):
        lines.append("  ".join(cell.ljust(widths[column]) for column, cell in enumerate(row)).rstrip())
        if index == 0:
            lines.append("  ".join("-" * width for width in widths))
    lines.append("tệp tìm kiếm người đọc tải: ours " + (", ".join(ours.sizes.search_files) or "không có")
                 + "; plain " + (", ".join(plain.sizes.search_files) or "không có"))
    for summary in (ours, plain):
        parts = [f"{name} {_mb(size)}" for name, size in list(summary.sizes.by_top.items())[:6]]
        lines.append(f"phần lớn nhất của site {summary.name}: " + ", ".join(parts))
    if serve is not None:
        lines.append(f"mkdocs serve, sửa một mục: bản dựng đầu {serve.first_build_seconds:.1f} s; trang mới được phục vụ sau "
                     + ", ".join(f"{value:.1f}" for value in serve.rebuild_seconds) + f" s (trung vị {serve.median:.2f} s"
                     f" = {serve.median / ours.median:.2f}× bản dựng đầy đủ)")
        if serve.whole_rebuild_seconds:
            lines.append("  cả lần dựng lại (theo MkDocs, gồm bộ tài liệu, trình chiếu, dữ liệu): "
                         + ", ".join(f"{value:.1f}" for value in serve.whole_rebuild_seconds) + " s")
    measured = ratios(ours, plain, serve.median if serve is not None else None)
    for goal, limit in GOALS.items():
        if measured[goal] != measured[goal]:  # nan: not measured in this run
            continue
        verdict = "đạt" if measured[goal] <= limit else "CHƯA ĐẠT"
        lines.append(f"mục tiêu {goal} ≤ {limit}: {measured[goal]:.2f} — {verdict}")
    return "\n".join(lines)


def as_json(entries: int, ours: Summary, plain: Summary, serve: object | None = None) -> dict[str, object]:
    def one(summary: Summary) -> dict[str, object]:
        return {"median_seconds": round(summary.median, 3), "seconds": [round(t, 3) for t in summary.times],
                "peak_rss_mb": round(summary.peak_rss_mb, 1), "site_bytes": summary.sizes.total_bytes,
                "site_files": summary.sizes.files, "site_by_top": summary.sizes.by_top, "largest_page": list(summary.sizes.largest_page),
                "search_files": {path: {"raw": raw, "gzip": packed}
                                 for path, (raw, packed) in summary.sizes.search_files.items()},
                "search_raw": summary.sizes.search_raw, "search_gzip": summary.sizes.search_gzip}

    data = {"entries": entries, "ours": one(ours), "plain": one(plain),
            "ratios": {key: round(value, 3) for key, value in ratios(ours, plain, serve.median if serve else None).items()
                       if value == value}}
    if serve is not None:
        data["serve"] = {"first_build_seconds": round(serve.first_build_seconds, 3),
                         "rebuild_seconds": [round(value, 3) for value in serve.rebuild_seconds],
                         "median": round(serve.median, 3),
                         "whole_rebuild_seconds": [round(value, 3) for value in serve.whole_rebuild_seconds]}
    return data
