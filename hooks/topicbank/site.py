"""One build of the site from the banks, step by step; the MkDocs plugin calls one method per event.

    build = SiteBuild(settings, log)
    build.load()                       # every bank, checked; BankError lists every problem
    build.pages()                      # generated pages (entries, indexes, reference…): src_uri, Markdown
    build.page_html(src_uri, html)     # a generated page's content around what MkDocs made of its Markdown
    build.start_outputs(site_dir)      # kits and slides, in a second process where that helps (under serve: the
                                       # long-lived one of serve_worker.py); a build starts it right after load()
    build.site_cleaned()               # MkDocs has emptied the site folder: the outputs' files may move in
    build.write_data(site_dir, url)    # waits for the outputs (kits, slides, search, topics.json and the site's
                                       # other data), keeps or drops the sitemap
    build.start_offline_copy(site_dir) # the offline copy's pages are zipped as MkDocs writes them (page_written)
    build.write_offline_copy(site_dir) # last: the zip of the whole site

No MkDocs import: another generator or a test can drive it the same way.
"""
from __future__ import annotations

import logging
from dataclasses import dataclass
from html import escape
from pathlib import Path
from urllib.parse import urlsplit

from . import load_banks
from .body import use_markdown
from .background import BackgroundOutputs, OfflineStart, can_run_in_background, run_outputs
from .kits import KitOutput
from .meeting import MeetingOutput
from .model import Bank, Entry
from .offline_zip import PAGES_PART, PageStream, write_offline_zip
from .outputs import Output, OutputError
from .present.output import SlidesOutput
from .render import SiteSettings, Urls, site_pages
from .render.site_data import SiteDataOutput
from .render.text import EntryLinks, GeneratedPage, anchor_ids
from .render.this_month import fill_this_month, this_month_parts
from .search.index import SearchIndexOutput
from .serve_worker import Job, OutputsWorker, WorkerGone, WorkerRun
from .page_cache import kept_folders_dir
from .kits.output import SITE_FOLDER as KITS_FOLDER
from .present.output import SITE_FOLDER as DECKS_FOLDER
from .render.meeting_pages import DATA_DIR as MEETING_DATA_FOLDER
from .settings import BuildSettings
from .templates import load_templates

OUTPUT_FOLDERS = (KITS_FOLDER, DECKS_FOLDER, MEETING_DATA_FOLDER)  # written by the outputs alone
STATIC_FOLDERS = ("assets",)  # MkDocs copies them before it renders pages; nothing writes there after
SITEMAP_FILES = ("sitemap.xml", "sitemap.xml.gz")  # MkDocs writes them
THIS_MONTH_BOX = 'id="tb-this-month"'


class BankError(Exception):
    """The banks have errors; the message lists every one as path:line: [code] message."""


@dataclass(frozen=True)
class FinishedPage:
    html: str
    anchor_ids: set[str]  # every id in the page, so links to the generated parts' #ids count as valid


class SiteBuild:
    def __init__(self, settings: BuildSettings, log: logging.Logger) -> None:
        self.settings = settings
        self.log = log
        self.bank: Bank | None = None
        self.site: SiteSettings = SiteSettings()
        self.outputs: list[Output] = []
        self.background: BackgroundOutputs | WorkerRun | None = None
        self.use_directory_urls = True
        self.entry_pages: dict[str, Entry] | None = None  # src_uri -> entry, for the edit links
        self.generated: dict[str, GeneratedPage] = {}
        self.this_month: tuple[str, str] | None = None  # the home page's "Tháng này" (render/this_month.py)
        self.offline_pages: PageStream | None = None  # the pages as MkDocs wrote them, zipped meanwhile

    # -- on_config ---------------------------------------------------------------------------------

    def load(self, use_directory_urls: bool = True) -> Bank:
        # a build reads its files in two processes; under serve one process keeps what did not change (reading.py)
        workers = 1 if self.settings.serving or not can_run_in_background() else 2
        use_markdown(self.settings.markdown)  # the pages and every output read one conversion of each body
        result = load_banks(self.settings.banks, self.settings.site_root, hide=self.settings.hide,
                            config_file=self.settings.config_file, workers=workers, convert_bodies=True)
        for item in result.warnings:
            self.log.warning(item.format())  # so `mkdocs build --strict` fails on them, as validate --strict does
        if result.errors:
            listing = "\n".join(item.format() for item in result.errors)
            raise BankError(f"Ngân hàng có {len(result.errors)} lỗi, dừng dựng trang:\n{listing}")
        assert result.bank is not None
        self.bank = result.bank
        self.use_directory_urls = use_directory_urls
        urls = Urls(use_directory_urls=use_directory_urls, site_url=self.settings.site_url)
        self.outputs = self._assemble_outputs(urls)
        self.site = SiteSettings(
            urls=urls, edit_url=self.settings.edit_url, built=self.settings.known_stamp,
            editable_banks=tuple(bank.name for bank in self.settings.banks if not bank.shipped),
            templates=load_templates(self.bank.schema.kinds), links=collect_links(self.outputs, self.bank),
            template_dirs=self.settings.template_dirs,
        )
        # last: topics.json lists what the other outputs link to
        self.outputs.append(SiteDataOutput(self.site, self.settings.site_url, self.settings.build_stamp))
        return self.bank

    def _assemble_outputs(self, urls: Urls) -> list[Output]:
        """Every output this build produces, in order: printable kits, slide decks, the cell's pages' data, the search
        index (load() adds the site's data files, SiteDataOutput, once every output's links are known)."""
        cache, workers, dirs = self.settings.cache_dir, self.settings.workers, self.settings.template_dirs
        kit_formats = self.settings.formats_among(KitOutput.formats_offered)
        publisher, stamp = self.settings.publisher, self.settings.known_stamp  # what the files say of themselves
        return [KitOutput(kit_formats, cache / "kits", workers, dirs, self.settings.organisation, publisher=publisher,
                          stamp=stamp),
                SlidesOutput("pptx" in self.settings.formats, cache / "slides", workers, dirs, publisher,
                             stamp).keeping_pages(self.settings.serving),
                MeetingOutput(kit_formats, cache / "meeting", workers, dirs, urls),
                SearchIndexOutput()]  # last: the kits and slides have parsed every body by then

    def watched_folders(self) -> list[Path]:
        """The site's own banks: `mkdocs serve` rebuilds when an entry in them changes."""
        return [bank.path for bank in self.settings.banks if not bank.shipped]

    # -- on_files, on_page_context ---------------------------------------------------------------

    def pages(self) -> list[GeneratedPage]:
        assert self.bank is not None
        pages = site_pages(self.bank, self.site)
        self.generated = {page.src_uri: page for page in pages}
        return pages

    def page_html(self, src_uri: str, converted: str) -> FinishedPage | None:
        """A generated page's content: its fragment around `converted`, what MkDocs made of its Markdown (an
        entry's own body; nothing for the other pages). None for a page that is not ours."""
        page = self.generated.get(src_uri)
        if page is not None and page.html is not None:
            html = page.html(converted)
            return FinishedPage(html, anchor_ids(html))
        # A page of the site's own docs/: only the home page gets anything of ours.
        has_months = THIS_MONTH_BOX in converted
        names_organisation = src_uri == "index.md" and bool(self.settings.organisation)
        if not (has_months or names_organisation):
            return None
        html = fill_this_month(converted, self._this_month()) if has_months else converted  # "Tháng này"
        if names_organisation:  # a committee's site names its organisation first
            html = f'<p class="tb-organisation">{escape(self.settings.organisation or "")}</p>\n{html}'
        return FinishedPage(html, anchor_ids(html))

    def _this_month(self) -> tuple[str, str]:
        assert self.bank is not None
        if self.this_month is None:
            self.this_month = this_month_parts(self.bank, self.site.urls, self.settings.template_dirs)
        return self.this_month

    def edit_url(self, src_uri: str) -> str | None:
        """Material's "edit this page" button: only on entry pages of the site's own banks."""
        entry = self._entry_pages().get(src_uri)
        return self.site.edit_url_for(entry) if entry else None

    def entry_sources(self) -> list[str]:
        """The entries' pages (src_uri): their Markdown is the body that load() converted."""
        return list(self._entry_pages())

    def _entry_pages(self) -> dict[str, Entry]:
        assert self.bank is not None
        if self.entry_pages is None:  # built once: a lookup per page, not a scan of every entry
            self.entry_pages = {self.site.urls.entry_src(entry.id): entry for entry in self.bank.entries}
        return self.entry_pages

    def uses_worker(self) -> bool:
        return self.settings.serving and self.settings.outputs_in_background and can_run_in_background()

    def kept_folders(self) -> tuple[str, ...]:
        """Under serve, the folders a rebuild sets aside for the outputs' worker to put back (serve_worker.py)."""
        return OUTPUT_FOLDERS if self.uses_worker() else ()

    def start_outputs(self, site_dir: Path, worker: OutputsWorker | None = None) -> None:
        """Kits and slides need only the Bank, so a second process writes them while MkDocs renders pages: a fork
        of this one, or under serve the long-lived `worker`."""
        assert self.bank is not None
        self.background = None
        if not (self.settings.outputs_in_background and can_run_in_background()):
            return
        if not self.settings.serving:
            offline = (OfflineStart(OUTPUT_FOLDERS, self._base_path(), STATIC_FOLDERS) if self.settings.offline_zip
                       else None)
            self.background = BackgroundOutputs(self.outputs, self.bank, site_dir, self.site.urls, self.log, offline)
            self.background.start()
        elif worker is not None and not worker.unusable:
            job = Job(self.settings, self.use_directory_urls, site_dir, kept_folders_dir(site_dir), self.kept_folders())
            self.background = worker.submit(job, self.log)

    def site_cleaned(self) -> None:
        """MkDocs has emptied the site folder: the outputs' process, started before, may move its files in."""
        if isinstance(self.background, BackgroundOutputs):
            self.background.site_cleaned()

    def static_files_copied(self) -> None:
        """MkDocs has copied the static files: the outputs' process may add them to the offline copy."""
        if isinstance(self.background, BackgroundOutputs):
            self.background.static_files_copied()

    def start_offline_copy(self, site_dir: Path) -> None:
        """The offline copy's pages are zipped as MkDocs writes them: by a thread of this process until the outputs'
        process has written the outputs, by that process afterwards (offline_pages.py)."""
        if self.settings.offline_zip and not self.settings.serving:
            self.offline_pages = PageStream(site_dir / PAGES_PART, self._base_path())

    def page_written(self, dest_uri: str, html: str) -> None:
        """MkDocs writes this page as `html`: the offline copy takes it from here rather than from the disk."""
        if self.offline_pages is None:
            return
        if not (isinstance(self.background, BackgroundOutputs) and self.background.take_page(dest_uri, html)):
            self.offline_pages.add_page(dest_uri, html)

    # -- on_post_build ---------------------------------------------------------------------------

    def write_data(self, site_dir: Path, site_url: str | None) -> None:
        """Waits for the outputs (their last one writes topics.json and the site's other data: SiteDataOutput), then
        keeps or drops the sitemap."""
        assert self.bank is not None
        self._wait_for_outputs(site_dir)
        self._sitemap(site_dir, site_url)

    def _wait_for_outputs(self, site_dir: Path) -> None:
        """The outputs, written by the second process (waited for here) or by this one."""
        assert self.bank is not None
        if self.background is not None:
            try:
                self.background.wait()
                return
            except WorkerGone as gone:
                self.log.info(f"{gone} Bộ tài liệu, trình chiếu và dữ liệu được dựng ngay trong tiến trình này.")
        run_outputs(self.outputs, self.bank, site_dir, self.site.urls, self.log)

    def _sitemap(self, site_dir: Path, site_url: str | None) -> None:
        """sitemap.xml needs the site's address (MkDocs lists every page there, except those marked noindex: the
        kits' print pages and the decks). Without it, say so once and keep no sitemap rather than an empty one."""
        if site_url:
            return
        for name in SITEMAP_FILES:
            (site_dir / name).unlink(missing_ok=True)
        self.log.info("Chưa có site_url (biến SITE_URL khi dựng): không ghi sitemap.xml; lịch lich-sinh-hoat.ics "
                      "không có liên kết; topics.json ghi base_url: null; trang 404 chỉ đúng khi trang web nằm ở gốc "
                      "tên miền.")

    def write_offline_copy(self, site_dir: Path) -> None:
        if self.settings.serving or not self.settings.offline_zip:
            return
        zipped = (self.background.offline.folders + self.background.offline.static
                  if isinstance(self.background, BackgroundOutputs) and self.background.offline else ())
        if self.offline_pages is not None:
            self.offline_pages.close()
            self.offline_pages = None
        copy = write_offline_zip(site_dir, self._base_path(), zipped)
        self.log.info(f"Bản ngoại tuyến: {copy.files} tệp, {copy.size / 1e6:.1f} MB")

    def _base_path(self) -> str:
        return urlsplit(self.settings.site_url or "/").path

    def cancel(self) -> None:
        """A failed build stops the outputs' writer, so it cannot keep filling the site folder."""
        if self.background is not None:
            self.background.cancel()
        if self.offline_pages is not None:
            self.offline_pages.discard()
            self.offline_pages = None


__all__ = ["BankError", "OutputError", "SiteBuild"]


def collect_links(outputs: list[Output], bank: Bank) -> dict[str, EntryLinks]:
    """What each output adds to each entry (kit, slides…), so pages and topics.json can link to it."""
    links: dict[str, EntryLinks] = {}
    for output in outputs:
        for entry_id, formats in output.links(bank).items():
            if formats:
                links.setdefault(entry_id, EntryLinks()).groups[output.name] = formats
    return links
