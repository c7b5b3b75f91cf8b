"""Run one site build in a fresh subprocess and measure it: wall time, peak memory, sizes.

Two builds are compared on the same Markdown files:
- ours: the project's mkdocs.yml and hooks, with TOPICBANK_TOPICS pointing at the bank;
- plain: MkDocs + Material with the same files copied into a docs folder, out of the nav.
"""
from __future__ import annotations

import gzip
import json
import os
import shutil
import subprocess
import tempfile
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

PLAIN_CONFIG = """\
site_name: Ngân hàng chuyên đề (MkDocs thuần)
docs_dir: docs
theme:
  name: material
  language: vi
plugins:
  - search
nav:
  - Trang chủ: index.md
# Entries may link to pages only the project generates (index pages by series, kind of cell…): plain MkDocs
# has no such page, which must not fail its strict build.
validation:
  links:
    not_found: info
"""


@dataclass
class BuildResult:
    name: str
    seconds: float
    peak_rss_mb: float
    returncode: int
    site_dir: Path
    log: str = ""


@dataclass
class SiteSizes:
    total_bytes: int
    files: int
    by_top: dict[str, int]  # top-level folder or file -> bytes, to explain where size goes
    largest_page: tuple[str, int]  # (path relative to the site, bytes) of the largest entry page
    search_files: dict[str, tuple[int, int]] = field(default_factory=dict)  # path -> (raw, gzip)

    @property
    def search_raw(self) -> int:
        return sum(raw for raw, _ in self.search_files.values())

    @property
    def search_gzip(self) -> int:
        return sum(packed for _, packed in self.search_files.values())


def require_tools() -> None:
    """Builds run with this interpreter: say how to get MkDocs rather than fail inside the first build. Then give
    the package its bytecode, as an installed package (and MkDocs) has it."""
    import importlib.util

    missing = [name for name in ("mkdocs", "material") if importlib.util.find_spec(name) is None]
    if missing:
        raise SystemExit(f"Thiếu {', '.join(missing)} trong Python này. Chạy bằng .venv/bin/python "
                         "(tạo .venv bằng: python3 scripts/dev.py build).")
    import dev  # scripts/, on sys.path: the package gets its bytecode, as MkDocs has its own (see compile_package)

    dev.compile_package(Path(sys.executable))


def run_measured(name: str, command: list[str], cwd: Path, env: dict[str, str], site_dir: Path,
                 log_path: Path) -> BuildResult:
    """Run `command` once in a fresh process; its own peak RSS comes from wait4, not from our process."""
    if site_dir.exists():
        shutil.rmtree(site_dir)
    with log_path.open("w", encoding="utf-8") as log:
        start = time.perf_counter()
        process = subprocess.Popen(command, cwd=cwd, env=env, stdout=log, stderr=subprocess.STDOUT)
        _, status, usage = os.wait4(process.pid, 0)
        seconds = time.perf_counter() - start
    process.returncode = os.waitstatus_to_exitcode(status)
    # ru_maxrss is in kilobytes on Linux (bytes on macOS)
    peak = usage.ru_maxrss / (1024 * 1024 if sys.platform == "darwin" else 1024)
    return BuildResult(name, seconds, peak, process.returncode, site_dir, log_path.read_text(encoding="utf-8"))


def mkdocs_command(config: Path, site_dir: Path) -> list[str]:
    return [sys.executable, "-m", "mkdocs", "build", "--strict", "--config-file", str(config),
            "--site-dir", str(site_dir)]


def ours_env(topics: Path, kits_formats: str = "html", cache: Path | None = None) -> dict[str, str]:
    """The build's environment. Caches live beside the bank (never the repository's .cache, which others use)."""
    cache = cache or topics.parent / "cache"
    return {**os.environ, "TOPICBANK_BANKS": str(topics), "TOPICBANK_FORMATS": kits_formats, "PYTHONHASHSEED": "0",
            "TOPICBANK_CACHE_DIR": str(cache / "kits")}


def clear_caches(topics: Path) -> None:
    """Remove the output caches ours_env points at, so the next build starts cold."""
    shutil.rmtree(topics.parent / "cache", ignore_errors=True)


def make_plain_project(topics: Path, project: Path) -> Path:
    """A minimal Material project whose docs/ holds the same entry files, out of the nav. Returns mkdocs.yml."""
    docs = project / "docs"
    if docs.exists():
        shutil.rmtree(docs)
    for source in sorted(topics.rglob("*.md")):
        target = docs / "muc" / source.name  # the same URL layout as ours: muc/<id>/
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(source, target)
    (docs / "index.md").write_text("# Ngân hàng chuyên đề\n\nTrang chủ của bản dựng đối chứng.\n", encoding="utf-8")
    config = project / "mkdocs.yml"
    config.write_text(PLAIN_CONFIG, encoding="utf-8")
    return config


def gzip_size(data: bytes) -> int:
    return len(gzip.compress(data, compresslevel=6, mtime=0))


def measure_site(site_dir: Path, search_files: list[str]) -> SiteSizes:
    total, count = 0, 0
    largest = ("", 0)
    by_top: dict[str, int] = {}
    for path in site_dir.rglob("*"):
        if not path.is_file():
            continue
        size = path.stat().st_size
        total += size
        count += 1
        relative = path.relative_to(site_dir).as_posix()
        top = relative.split("/")[0]
        by_top[top] = by_top.get(top, 0) + size
        if relative.startswith("muc/") and relative.endswith("/index.html") and size > largest[1]:
            largest = (relative, size)
    sizes = SiteSizes(total, count, dict(sorted(by_top.items(), key=lambda item: -item[1])), largest)
    for relative in search_files:
        data = (site_dir / relative).read_bytes()
        sizes.search_files[relative] = (len(data), gzip_size(data))
    return sizes


def reader_search_files(site_dir: Path) -> list[str]:
    """What a reader's browser downloads to search, judged from the built home page.

    Material's worker fetches search/search_index.json only when the page has Material's
    search component (checked in Chromium: with our own search partial it is never
    requested, though the plugin still writes it); our own search loads
    search/tb-index.js; Pagefind loads its entry file and index chunks (counted whole,
    an upper bound).
    """
    home = (site_dir / "index.html").read_text(encoding="utf-8")
    files = []
    if 'data-md-component="search"' in home and (site_dir / "search/search_index.json").exists():
        files.append("search/search_index.json")
    for script in ("search/tb-index.js",):
        if (site_dir / script).exists():
            files.append(script)
    pagefind = site_dir / "pagefind"
    if pagefind.is_dir():
        files += sorted(path.relative_to(site_dir).as_posix() for path in pagefind.rglob("*")
                        if path.is_file() and path.suffix in (".json", ".js", ".pf_meta", ".pf_index", ".wasm"))
    return files


def run_in_workdir(args: object, run: Callable[[Path, object], dict[str, object]], prefix: str) -> int:
    """A benchmark script's main: run in --workdir (kept) or a temporary folder, then write --json if asked."""
    require_tools()
    workdir: Path | None = getattr(args, "workdir", None)
    if workdir:
        workdir.mkdir(parents=True, exist_ok=True)
        data = run(workdir, args)
    else:
        with tempfile.TemporaryDirectory(prefix=prefix) as folder:
            data = run(Path(folder), args)
    output: Path | None = getattr(args, "json", None)
    if output:
        output.write_text(json.dumps(data, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    return 0
