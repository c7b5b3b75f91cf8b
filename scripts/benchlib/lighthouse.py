"""Lighthouse runs for scripts/bench_lighthouse.py: install the pinned CLI, run it, read its report.

The version is the devDependency in the repository's package.json (package-lock.json pins the rest);
`npm ci` installs it into .cache/npm/ (never node_modules/ in the repository), again only when the lock
changes. Lighthouse runs Debian's Chromium (/usr/bin/chromium) headless, with the flags of
tests/conftest.py, in its default mobile emulation (a Moto G class phone, simulated slow 4G and a 4×
slower CPU), performance category only.
"""
from __future__ import annotations

import hashlib
import json
import os
import shutil
import statistics
import subprocess
from dataclasses import dataclass, field
from pathlib import Path

CHROMIUM = "/usr/bin/chromium"
CHROME_FLAGS = ["--headless=new", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync"]
# audit id -> (name in the table, unit)
METRICS = {"largest-contentful-paint": ("LCP", "ms"), "cumulative-layout-shift": ("CLS", ""),
           "first-contentful-paint": ("FCP", "ms"), "total-blocking-time": ("TBT", "ms"),
           "speed-index": ("SI", "ms"), "total-byte-weight": ("transfer", "bytes"), "dom-size": ("DOM", "")}


def install(root: Path, cache: Path) -> Path:
    """The Lighthouse CLI's entry script, installed from root's package-lock.json into cache (npm ci)."""
    lock = (root / "package-lock.json").read_bytes()
    stamp = hashlib.sha256(lock + (root / "package.json").read_bytes()).hexdigest()
    cli = cache / "node_modules" / "lighthouse" / "cli" / "index.js"
    marker = cache / ".lock-hash"
    if cli.is_file() and marker.is_file() and marker.read_text() == stamp:
        return cli
    if shutil.which("npm") is None:
        raise SystemExit("Cần npm (Debian: apt-get install npm) để cài Lighthouse đã ghim trong package.json.")
    cache.mkdir(parents=True, exist_ok=True)
    for name in ("package.json", "package-lock.json"):
        shutil.copyfile(root / name, cache / name)
    subprocess.run(["npm", "ci", "--ignore-scripts", "--no-audit", "--no-fund"], cwd=cache, check=True)
    marker.write_text(stamp)
    return cli


def version(cli: Path) -> str:
    return json.loads((cli.parent.parent / "package.json").read_text(encoding="utf-8"))["version"]


@dataclass
class Run:
    """One Lighthouse report, reduced to what the table shows."""

    url: str
    score: float  # 0–100
    metrics: dict[str, float]  # audit id -> numeric value
    requests: int = 0
    fonts: list[str] = field(default_factory=list)  # font files the page downloaded


def parse_report(report: dict) -> Run:
    """The numbers of one Lighthouse JSON report (lhr)."""
    if report.get("runtimeError"):
        raise ValueError(f"Lighthouse: {report['runtimeError'].get('message')}")
    audits = report["audits"]
    metrics = {}
    for audit_id in METRICS:
        value = audits.get(audit_id, {}).get("numericValue")
        if value is not None:
            metrics[audit_id] = float(value)
    items = (audits.get("network-requests", {}).get("details") or {}).get("items") or []
    fonts = [item["url"].rsplit("/", 1)[-1] for item in items if item.get("resourceType") == "Font"]
    score = report["categories"]["performance"]["score"]
    return Run(report.get("finalDisplayedUrl") or report.get("finalUrl") or report.get("requestedUrl", ""),
               round((score or 0) * 100, 1), metrics, len(items), fonts)


def run_lighthouse(cli: Path, url: str, output: Path, timeout: float = 300) -> Run:
    command = ["node", str(cli), url, "--quiet", "--output=json", f"--output-path={output}",
               "--only-categories=performance", f"--chrome-flags={' '.join(CHROME_FLAGS)}", "--max-wait-for-load=60000"]
    env = {**os.environ, "CHROME_PATH": os.environ.get("CHROMIUM_PATH", CHROMIUM)}
    result = subprocess.run(command, env=env, capture_output=True, text=True, timeout=timeout)
    if result.returncode != 0 or not output.is_file():
        raise SystemExit(f"Lighthouse lỗi với {url} (mã {result.returncode}):\n{result.stderr[-3000:]}")
    return parse_report(json.loads(output.read_text(encoding="utf-8")))


@dataclass
class PageResult:
    name: str
    path: str
    runs: list[Run]

    @property
    def score(self) -> float:
        return statistics.median(run.score for run in self.runs)

    def median(self, audit_id: str) -> float | None:
        values = [run.metrics[audit_id] for run in self.runs if audit_id in run.metrics]
        return statistics.median(values) if values else None


def _cell(audit_id: str, value: float | None) -> str:
    if value is None:
        return "–"
    unit = METRICS[audit_id][1]
    if unit == "ms":
        return f"{value / 1000:.2f} s"
    if unit == "bytes":
        return f"{value / 1024:.0f} KiB"
    if audit_id == "cumulative-layout-shift":
        return f"{value:.3f}"
    return f"{value:.0f}"


def table(results: list[PageResult]) -> str:
    shown = ["largest-contentful-paint", "cumulative-layout-shift", "first-contentful-paint", "total-blocking-time",
             "total-byte-weight", "dom-size"]
    rows = [["trang", "đường dẫn", "hiệu năng", *[METRICS[audit][0] for audit in shown], "các lần (điểm)"]]
    for result in results:
        rows.append([result.name, result.path or "/", f"{result.score:.0f}",
                     *[_cell(audit, result.median(audit)) for audit in shown],
                     " ".join(f"{run.score:.0f}" for run in result.runs)])
    widths = [max(len(row[column]) for row in rows) for column in range(len(rows[0]))]
    lines = []
    for index, row in enumerate(rows):
        lines.append("  ".join(cell.ljust(widths[column]) for column, cell in enumerate(row)).rstrip())
        if index == 0:
            lines.append("  ".join("-" * width for width in widths))
    return "\n".join(lines)


def as_json(results: list[PageResult], lighthouse_version: str) -> dict[str, object]:
    return {"lighthouse": lighthouse_version, "pages": [
        {"name": result.name, "path": result.path, "score": result.score,
         "median": {audit: result.median(audit) for audit in METRICS},
         "runs": [{"score": run.score, "metrics": run.metrics, "requests": run.requests, "fonts": run.fonts}
                  for run in result.runs]} for result in results]}
