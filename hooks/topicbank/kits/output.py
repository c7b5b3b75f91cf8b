"""The `kit` output: a printable meeting kit for every theme and agenda, cached by content, rendered in parallel.

Files, per entry, under bo-tai-lieu/<id>/ in the built site:
    index.html          print page with the fill-in form (not a MkDocs page, not searched)
    <id>.pdf            the whole kit
    <id>.docx           the whole kit for Word / LibreOffice
    <id>-tai-lieu.pdf   the handout alone (themes), to post on the Sổ tay đảng viên điện tử app
and, beside them, bo-tai-lieu/to-chung-<hash>.js and .html: the attendance list, minutes and evaluation sheet
every print page of one kind shares (kits/print_html.py, SharedSheets).

Which of html, pdf and docx are made, the cache folder and the number of worker processes come from
the plugin's options (`formats`, `formats_on_serve`, `cache_dir`, `workers`), passed in as values.
"""
from __future__ import annotations

import dataclasses
import datetime as dt
import logging
import multiprocessing
import os
import time
from concurrent.futures import Future, ProcessPoolExecutor, ThreadPoolExecutor, as_completed
from dataclasses import dataclass
from pathlib import Path

from .. import labels
from ..file_info import FileInfo, file_info, stamp_office
from ..files import fingerprint, write_site_file
from ..model import Bank
from ..outputs import OutputError
from ..render.jinja import template_files
from ..render.text import Urls
from ..resources import PACKAGE_DIR
from ..schema import SCHEMA_FILE
from .cache import KitCache, toolchain_hash
from .content import Kit, build_kit, kit_entries
from .print_html import PrintPage, forget_rendered

KIT_FORMATS = ("html", "pdf", "docx")
KIT_FRAGMENTS = ("kit.html", "_paper.html")  # the fragments the print page (and so the PDF) is made from
SITE_FOLDER = "bo-tai-lieu"


def site_files(entry_id: str) -> dict[str, str]:
    """artifact -> path in the site."""
    folder = f"{SITE_FOLDER}/{entry_id}"
    return {"html": f"{folder}/index.html", "pdf": f"{folder}/{entry_id}.pdf", "docx": f"{folder}/{entry_id}.docx",
            "handout": f"{folder}/{entry_id}-tai-lieu.pdf"}


def artifacts_for(kit: Kit, formats: tuple[str, ...]) -> tuple[str, ...]:
    names = list(formats)
    if "pdf" in formats and kit.handout is not None:
        names.append("handout")
    return tuple(names)


@dataclass(frozen=True)
class RenderJob:
    kit: Kit
    artifacts: tuple[str, ...]  # what is missing from the cache
    formats: tuple[str, ...]  # what the build links to (the print page lists them)
    page_path: Path  # where the page would sit beside the package's assets, for WeasyPrint's relative links
    template_dirs: tuple[Path, ...] = ()  # the site's fragment overrides (kit/*.html)
    info: FileInfo | None = None  # what the PDF and DOCX say about themselves (title, subject, creator…)
    dated: bool = False  # the build knows the commit's time: PDFs carry the dates it stamps after the cache


def _downloads(kit: Kit, formats: tuple[str, ...]) -> dict[str, str]:
    files = site_files(kit.id)
    labels = {"pdf": "Tải PDF", "docx": "Tải bản Word (DOCX)", "handout": "Tải tài liệu phát tay (PDF)"}
    return {labels[name]: files[name].rsplit("/", 1)[1] for name in artifacts_for(kit, formats) if name in labels}


def render_job(job: RenderJob) -> dict[str, bytes]:
    """Runs in a worker process: every missing artifact of one kit, as bytes."""
    # A theme's sheets are kept for the meeting output only when it has no print page to take them from.
    page = PrintPage(job.kit, _downloads(job.kit, job.formats), job.template_dirs, keep_sheets="html" not in job.formats)
    out: dict[str, bytes] = {}
    for artifact in job.artifacts:
        if artifact == "html":
            out[artifact] = page.document(with_form=True).encode("utf-8")
        elif artifact == "pdf":
            from .pdf import render_pdf
            out[artifact] = render_pdf(page.document(with_form=False), job.page_path, job.info, job.dated)
        elif artifact == "handout":
            from .pdf import render_pdf
            out[artifact] = render_pdf(page.handout_document(), job.page_path, job.info, job.dated)
        elif artifact == "docx":
            from .docx import render_docx
            out[artifact] = render_docx(job.kit, job.info)
    return out


class KitOutput:
    name = "kit"
    formats_offered = KIT_FORMATS

    def __init__(self, formats: tuple[str, ...], cache_dir: Path, workers: int = 1,
                 template_dirs: tuple[Path, ...] = (), organisation: str | None = None,
                 publisher: str = "topicbank", stamp: dt.datetime | None = None) -> None:
        self.publisher = publisher  # the organisation or the site's name: the PDF and DOCX name it as creator
        self.stamp = stamp  # the commit's time, written into the files after the cache; None: no date
        self.formats = formats
        self.cache_dir = cache_dir
        self.workers = workers
        self.template_dirs = template_dirs
        self.organisation = organisation
        self.stats = {"rendered": 0, "reused": 0}

    def links(self, bank: Bank) -> dict[str, dict[str, str]]:
        links: dict[str, dict[str, str]] = {}
        for entry in kit_entries(bank):
            files = site_files(entry.id)
            names = list(self.formats) + (["handout"] if "pdf" in self.formats and entry.kind == "theme" else [])
            links[entry.id] = {name: (f"{SITE_FOLDER}/{entry.id}/" if name == "html" else files[name]) for name in names}
        return links

    def write(self, bank: Bank, site_dir: Path, urls: Urls, log: logging.Logger) -> None:
        if not self.formats:
            log.info("Bộ tài liệu in: tùy chọn formats không chọn html, pdf hay docx; bỏ qua.")
            return
        started = time.perf_counter()
        forget_rendered()  # only this build's pages go to the meeting output
        cache = KitCache(self.cache_dir, toolchain_hash() + self._fragments_hash(), bundle_pages=True)
        kits = []
        for entry in kit_entries(bank):
            try:
                kits.append(dataclasses.replace(build_kit(bank, entry), organisation=self.organisation))
            except Exception as error:  # noqa: BLE001 - any failure names the entry
                raise OutputError(f"Không dựng được bộ tài liệu in của mục «{entry.id}» ({entry.path}): {error}") from error
        infos = {kit.id: file_info(bank, bank.by_id[kit.id], f"Bộ tài liệu sinh hoạt chi bộ: {kit.title}",
                                   self.publisher) for kit in kits}
        dated = self.stamp is not None
        keys = {kit.id: cache.key(kit, infos[kit.id].fingerprint() + ("|dated" if dated else "")) for kit in kits}
        jobs = []
        for kit in kits:
            missing = tuple(name for name in artifacts_for(kit, self.formats)
                            if not cache.has(keys[kit.id], self._cache_name(name)))
            if missing:
                jobs.append(RenderJob(kit, missing, self.formats, PACKAGE_DIR / SITE_FOLDER / kit.id / "index.html",
                                      self.template_dirs, infos[kit.id], dated))
        pages = self._render(jobs, cache, keys, log)
        for kit in kits:
            for artifact in artifacts_for(kit, self.formats):
                data = pages.get(kit.id) if artifact == "html" else None
                if data is None:
                    data = cache.read(keys[kit.id], self._cache_name(artifact))
                write_site_file(site_dir / site_files(kit.id)[artifact], self._stamped(artifact, data))
        cache.save()
        if "html" in self.formats:
            self._write_shared(kits, site_dir)
        self.stats = {"rendered": len(jobs), "reused": len(kits) - len(jobs)}
        log.info(f"Bộ tài liệu in ({', '.join(self.formats)}): {len(kits)} bộ, dựng mới {len(jobs)}, "
                 f"dùng lại {len(kits) - len(jobs)} từ bộ nhớ đệm, {time.perf_counter() - started:.1f} giây.")

    def _write_shared(self, kits: list[Kit], site_dir: Path) -> None:
        """The sheets the print pages insert, once per variant (rendered here even when every page was cached)."""
        written: set[str] = set()
        for kit in kits:
            shared = PrintPage(kit, template_dirs=self.template_dirs).shared()
            if shared.name not in written:
                written.add(shared.name)
                for name, data in shared.files().items():
                    write_site_file(site_dir / SITE_FOLDER / name, data)

    def _stamped(self, artifact: str, data: bytes) -> bytes:
        """The build's date, written into a cached file (the cache holds placeholder dates, never the clock)."""
        if artifact == "docx":
            return stamp_office(data, self.stamp)
        if artifact in ("pdf", "handout"):
            from .pdf import stamp_pdf
            return stamp_pdf(data, self.stamp)
        return data

    # -- rendering ------------------------------------------------------------------------------

    def _fragments_hash(self) -> str:
        """The print page's fragments (ours and the site's overrides) and the headings' source (labels.py reads
        schema.json): editing any of them renders every kit again."""
        files = template_files(self.template_dirs, KIT_FRAGMENTS) + [Path(labels.__file__), SCHEMA_FILE]
        return fingerprint(files, ("jinja2",))[:16]

    def _cache_name(self, artifact: str) -> str:
        # The print page lists the downloads this build makes, so its cached copy depends on the formats.
        return f"page-{'+'.join(self.formats)}.html" if artifact == "html" else artifact

    def _render(self, jobs: list[RenderJob], cache: KitCache, keys: dict[str, str],
                log: logging.Logger) -> dict[str, bytes]:
        """Renders the jobs into the cache. Returns the print pages just rendered (small: written from memory)."""
        pages: dict[str, bytes] = {}
        if not jobs:
            return pages
        heavy = any(name != "html" for job in jobs for name in job.artifacts)
        workers = min(self.workers, len(jobs))
        log.info(f"Bộ tài liệu in: dựng {len(jobs)} bộ ({workers} tiến trình)…")
        if not heavy or workers == 1:
            # the cache is written by a thread (file writes let go of the GIL) while the next kit is rendered
            with ThreadPoolExecutor(max_workers=1) as writer:
                stores = []
                for done, job in enumerate(jobs, start=1):
                    result = self._run(job)
                    if "html" in result:
                        pages[job.kit.id] = result["html"]
                    stores.append(writer.submit(self._store, job, result, cache, keys))
                    self._progress(done, len(jobs), log)
                for store in stores:
                    store.result()  # raises what a write raised
            return pages
        context = multiprocessing.get_context("fork" if os.name == "posix" else "spawn")
        with ProcessPoolExecutor(max_workers=workers, mp_context=context) as pool:
            futures: dict[Future, RenderJob] = {pool.submit(render_job, job): job for job in jobs}
            try:
                for done, future in enumerate(as_completed(futures), start=1):
                    job = futures[future]
                    try:
                        result = future.result()
                    except Exception as error:  # noqa: BLE001
                        raise self._failure(job, error) from error
                    self._store(job, result, cache, keys)
                    self._progress(done, len(jobs), log)
            except BaseException:
                for future in futures:
                    future.cancel()
                raise
        return pages

    def _run(self, job: RenderJob) -> dict[str, bytes]:
        try:
            return render_job(job)
        except Exception as error:  # noqa: BLE001
            raise self._failure(job, error) from error

    @staticmethod
    def _failure(job: RenderJob, error: Exception) -> OutputError:
        return OutputError(f"Không dựng được bộ tài liệu in của mục «{job.kit.id}»: {type(error).__name__}: {error}")

    def _store(self, job: RenderJob, result: dict[str, bytes], cache: KitCache, keys: dict[str, str]) -> None:
        for artifact, data in result.items():
            cache.store(keys[job.kit.id], self._cache_name(artifact), data)

    @staticmethod
    def _progress(done: int, total: int, log: logging.Logger) -> None:
        step = max(1, total // 10)
        if done == total or done % step == 0:
            log.info(f"Bộ tài liệu in: {done}/{total}")
