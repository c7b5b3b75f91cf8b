"""Kit builds (PDF + DOCX): cold, warm, and after one entry changes, counting real renders.

The count comes from benchlib/probe (it wraps WeasyPrint's and python-docx's writers
in every process of the build), so it does not depend on what the kit code logs.
"""
from __future__ import annotations

import os
import re
from dataclasses import dataclass
from pathlib import Path

from . import builds

PROBE = Path(__file__).resolve().parent / "probe"
KIT_LOG_LINE = re.compile(r"Bộ tài liệu in \([^)]*\): (\d+) bộ, dựng mới (\d+)")  # the kit output's own summary


@dataclass
class KitRun:
    label: str
    seconds: float
    peak_rss_mb: float
    pdf_renders: int
    docx_renders: int  # the kits' DOCX files
    kit_files: int
    kits_rendered_by_log: int | None  # what the kit output says it rendered, to cross-check the probe
    meeting_templates: int = 0  # Word templates of the "Chuẩn bị buổi sinh hoạt" page (one per theme changed)

    @property
    def kits_rendered(self) -> int:
        """Kits really rendered: each kit has exactly one DOCX (its PDFs are the kit and, for themes, the handout)."""
        return self.docx_renders


def kit_env(topics: Path, render_log: Path, formats: str) -> dict[str, str]:
    env = builds.ours_env(topics, formats)
    env["TB_BENCH_RENDER_LOG"] = str(render_log)
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(PROBE), env.get("PYTHONPATH", "")]))
    return env


def count_kit_files(site_dir: Path) -> int:
    folder = site_dir / "bo-tai-lieu"
    return sum(1 for path in folder.rglob("*") if path.suffix in (".pdf", ".docx")) if folder.is_dir() else 0


def run_kit_build(label: str, root: Path, topics: Path, workdir: Path, formats: str) -> KitRun:
    render_log = workdir / f"renders-{label}.log"
    render_log.unlink(missing_ok=True)
    site_dir = workdir / "site-kits"
    result = builds.run_measured(label, builds.mkdocs_command(root / "mkdocs.yml", site_dir), root,
                                 kit_env(topics, render_log, formats), site_dir, workdir / f"kits-{label}.log")
    if result.returncode != 0:
        raise SystemExit(f"Bản dựng bộ tài liệu ({label}) lỗi:\n{result.log[-4000:]}")
    renders = [line.split() for line in render_log.read_text(encoding="utf-8").splitlines()] if render_log.exists() else []
    kinds = [(kind, module.split(".")[1] if module.count(".") else module) for kind, module in renders]
    summary = KIT_LOG_LINE.search(result.log)
    return KitRun(label, result.seconds, result.peak_rss_mb, sum(kind == "pdf" for kind, _ in kinds),
                  kinds.count(("docx", "kits")), count_kit_files(site_dir), int(summary.group(2)) if summary else None,
                  kinds.count(("docx", "meeting")))


def edit_one_theme(topics: Path) -> Path:
    """Change one theme's summary, as an author would; returns the file changed."""
    path = sorted((topics / "chuyen-de").glob("*.md"))[0]
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("\nsummary: \"", "\nsummary: \"Đã sửa. ", 1), encoding="utf-8")
    return path


def measure_kits(root: Path, topics: Path, workdir: Path, formats: str = "html,pdf,docx") -> list[KitRun]:
    """Cold (caches removed), warm (nothing changed), then one theme edited."""
    builds.clear_caches(topics)
    runs = [run_kit_build("cold", root, topics, workdir, formats),
            run_kit_build("warm", root, topics, workdir, formats)]
    edit_one_theme(topics)
    runs.append(run_kit_build("one-edit", root, topics, workdir, formats))
    return runs
