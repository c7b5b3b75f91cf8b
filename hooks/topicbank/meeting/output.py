"""The `meeting` output: what the cell's pages (render/meeting_pages.py) load in the browser.

    sinh-hoat-chi-bo/du-lieu/ngan-hang.js        the bank's themes and sample programmes (render/meeting_pages.py)
    sinh-hoat-chi-bo/du-lieu/chuyen-de/<id>.js   one theme: what its kit's print page cannot give (theme_file_holds):
                                                 its meeting kit as a Word template (formats has docx), and its
                                                 printed sheets (handout, questions, commitment, quiz) only when the
                                                 build makes no print page (formats has no html); no file when neither
    sinh-hoat-chi-bo/du-lieu/thuong-ky.js        the Word template of a regular meeting without a theme
    sinh-hoat-chi-bo/du-lieu/mau-ke-hoach-nam.js the year plan's Word template
    sinh-hoat-chi-bo/du-lieu/mau-bien-ban.js     the minutes' Word template

Word templates travel as base64 inside a script, because a page opened from file:// may load scripts
but not fetch files. A theme's template costs as much as its kit's Word file, so each is cached by the
kit's content (like the kits, in cache_dir/meeting) and rendered in parallel on a cold cache; and only
when the build makes Word files at all (`formats` has docx), so `mkdocs serve` (html only) stays quick.

With print pages, the prepare page takes a theme's sheets from its kit's page, loaded in a hidden frame that
posts them to it (assets/kits/kit-form.js, assets/js/meeting.js): a frame loads from file:// as a script does,
and the sheets are not written twice (6.6 MB at 1,000 entries).

Each theme's entry page gets a link to the prepare page with that theme (`links`, group "meeting").
"""
from __future__ import annotations

import base64
import json
import logging
import multiprocessing
import os
import time
from collections.abc import Callable
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

from .. import labels
from ..files import fingerprint, write_site_file
from ..kits.cache import KitCache, toolchain_hash
from ..kits.content import Kit, build_kit
from ..kits.output import KIT_FRAGMENTS
from ..kits.print_html import THEME_SHEETS, PrintPage, forget_rendered, rendered_sheets, sheets_of
from ..model import Bank
from ..outputs import OutputError
from ..render.jinja import template_files
from ..render.meeting_pages import (BANK_JS, MINUTES_TEMPLATE_JS, PLAN_TEMPLATE_JS, REGULAR_JS, THEME_JS,
                                     meeting_data_js, prepare_link, theme_file_holds)
from ..render.text import Urls
from ..schema import SCHEMA_FILE

SHEETS = THEME_SHEETS  # a theme's own sheets, in the kit's order
SHEETS_FILE, TEMPLATE_FILE = "sheets.html", "template.docx"  # a theme's two artifacts in the cache


def theme_sheets(kit: Kit, template_dirs: tuple[Path, ...] = ()) -> str:
    """The theme's sheets as the kit's print page lays them out (fragments/kit.html), without its programme,
    attendance, minutes and evaluation, which the meeting page composes for the cell."""
    return sheets_of(PrintPage(kit, {}, template_dirs).document(with_form=False), SHEETS)


def _render_theme(task: tuple[Kit, tuple[Path, ...], tuple[str, ...]]) -> tuple[str, dict[str, bytes]]:
    """Runs in a worker: the theme's id and the artifacts asked for."""
    from .docx_templates import meeting_template

    kit, template_dirs, artifacts = task
    out = {}
    if SHEETS_FILE in artifacts:
        out[SHEETS_FILE] = theme_sheets(kit, template_dirs).encode("utf-8")
    if TEMPLATE_FILE in artifacts:
        out[TEMPLATE_FILE] = meeting_template(kit)
    return kit.id, out


def _fixed_template(cache: KitCache, name: str, make: Callable[[], bytes]) -> bytes:
    """A Word template that shows no entry (the year plan, the minutes, a regular meeting): made by the code
    alone, so cached under the toolchain and its name (python-docx takes 0.2 s for the three, every build)."""
    from .docx_templates import regular_kit

    key = cache.key(regular_kit(), f"fixed template {name}")
    if not cache.has(key, TEMPLATE_FILE):
        cache.store(key, TEMPLATE_FILE, make())
    return cache.read(key, TEMPLATE_FILE)


def _script(key: str, value: dict[str, object]) -> bytes:
    """One entry of window.__tbMeetingFiles, keyed by the file's name, so several can load side by side."""
    data = json.dumps(value, ensure_ascii=False, separators=(",", ":")).replace("</", "<\\/")
    return (f"(window.__tbMeetingFiles=window.__tbMeetingFiles||{{}})[{json.dumps(key)}]={data};\n").encode("utf-8")


def _base64(data: bytes) -> str:
    return base64.b64encode(data).decode("ascii")


class MeetingOutput:
    name = "meeting"

    def __init__(self, kit_formats: tuple[str, ...], cache_dir: Path, workers: int = 1,
                 template_dirs: tuple[Path, ...] = (), urls: Urls | None = None) -> None:
        self.kit_formats = kit_formats
        self.cache_dir = cache_dir
        self.workers = workers
        self.template_dirs = template_dirs
        self.urls = urls or Urls()
        self.stats = {"rendered": 0, "reused": 0}

    def links(self, bank: Bank) -> dict[str, dict[str, str]]:
        return {theme.id: {"prepare": prepare_link(self.urls, theme.id)} for theme in bank.of_kind("theme")}

    def write(self, bank: Bank, site_dir: Path, urls: Urls, log: logging.Logger) -> None:
        from .docx_templates import meeting_template, minutes_template, plan_template, regular_kit

        started = time.perf_counter()
        word = "docx" in self.kit_formats
        write_site_file(site_dir / BANK_JS, meeting_data_js(bank, urls, self.kit_formats).encode("utf-8"))
        cache = KitCache(self.cache_dir, self._toolchain())
        fixed = {PLAN_TEMPLATE_JS: ("ke-hoach-nam", plan_template), MINUTES_TEMPLATE_JS: ("bien-ban", minutes_template),
                 REGULAR_JS: ("thuong-ky", lambda: meeting_template(regular_kit()))}
        for path, (key, template) in fixed.items():  # three small files: always, so the plan and minutes have Word
            docx = _fixed_template(cache, key, template)
            write_site_file(site_dir / path, _script(key, {"sheets": "", "docx": _base64(docx)}))
        try:
            kits = [build_kit(bank, theme) for theme in bank.of_kind("theme")]
        except Exception as error:  # noqa: BLE001 - name the entry, as the kits do
            raise OutputError(f"Không soạn được dữ liệu trang «Chuẩn bị buổi sinh hoạt»: {error}") from error
        holds = theme_file_holds(self.kit_formats)
        if not holds:  # the print pages give the sheets and there is no Word template: no file per theme
            self.stats = {"rendered": 0, "reused": len(kits)}
            log.info(f"Chuẩn bị buổi sinh hoạt: {len(kits)} chuyên đề, tài liệu lấy từ trang in của bộ tài liệu, "
                     f"{time.perf_counter() - started:.1f} giây.")
            return
        wanted = tuple(name for name, part in ((SHEETS_FILE, "sheets"), (TEMPLATE_FILE, "docx")) if part in holds)
        keys = {kit.id: cache.key(kit) for kit in kits}
        made: dict[str, dict[str, bytes]] = {}  # theme id -> artifacts made in this build (written to the cache too)
        jobs = []
        for kit in kits:
            missing = [name for name in wanted if not cache.has(keys[kit.id], name)]
            # The kits' output has just rendered this theme's print page in this process: its sheets are these.
            sheets = rendered_sheets(kit, self.template_dirs) if SHEETS_FILE in missing else None
            if sheets is not None:
                made[kit.id] = {SHEETS_FILE: sheets.encode("utf-8")}
                missing.remove(SHEETS_FILE)
            if missing:
                jobs.append((kit, tuple(missing)))
        forget_rendered()  # the pages of themes whose sheets were in the cache
        for theme_id, artifacts in self._render(jobs):
            made.setdefault(theme_id, {}).update(artifacts)
        for theme_id, artifacts in made.items():
            for name, data in artifacts.items():
                cache.store(keys[theme_id], name, data)
        for kit in kits:
            artifacts = made.get(kit.id, {})
            value: dict[str, object] = {}
            if SHEETS_FILE in wanted:
                value["sheets"] = (artifacts.get(SHEETS_FILE) or cache.read(keys[kit.id], SHEETS_FILE)).decode("utf-8")
            if TEMPLATE_FILE in wanted:
                value["docx"] = _base64(artifacts.get(TEMPLATE_FILE) or cache.read(keys[kit.id], TEMPLATE_FILE))
            write_site_file(site_dir / THEME_JS.format(id=kit.id), _script(kit.id, value))
        self.stats = {"rendered": len(made), "reused": len(kits) - len(made)}
        log.info(f"Chuẩn bị buổi sinh hoạt ({'trang in, Word' if word else 'trang in'}): {len(kits)} chuyên đề, "
                 f"dựng mới {len(made)}, dùng lại {len(kits) - len(made)} từ bộ nhớ đệm, "
                 f"{time.perf_counter() - started:.1f} giây.")

    def _toolchain(self) -> str:
        """The kits' code and assets (the sheets and templates are made by it), the kit fragments, the headings
        (labels.py reads schema.json; KitDocx writes them) and this package."""
        files = (template_files(self.template_dirs, KIT_FRAGMENTS) + sorted(Path(__file__).parent.glob("*.py"))
                 + [Path(labels.__file__), SCHEMA_FILE])
        return toolchain_hash() + fingerprint(files, ("jinja2", "python-docx"))[:16]

    def _render(self, jobs: list[tuple[Kit, tuple[str, ...]]]) -> list[tuple[str, dict[str, bytes]]]:
        tasks = [(kit, self.template_dirs, artifacts) for kit, artifacts in jobs]
        if not tasks:
            return []
        heavy = any(TEMPLATE_FILE in artifacts for _, artifacts in jobs)
        try:
            if not heavy or self.workers <= 1 or len(tasks) == 1:
                return [_render_theme(task) for task in tasks]
            context = multiprocessing.get_context("fork" if os.name == "posix" else "spawn")
            with ProcessPoolExecutor(max_workers=min(self.workers, len(tasks)), mp_context=context) as pool:
                return list(pool.map(_render_theme, tasks, chunksize=4))
        except Exception as error:  # noqa: BLE001
            raise OutputError(f"Không dựng được mẫu Word của trang «Chuẩn bị buổi sinh hoạt»: "
                              f"{type(error).__name__}: {error}") from error


__all__ = ["MeetingOutput", "theme_sheets"]
