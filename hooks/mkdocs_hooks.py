"""MkDocs adapter: each event calls the topicbank core for one step, and nothing else.

on_config  load and check topics/ (fail the build on any error)
on_files   add the generated entry and index pages
on_page_context  point "edit this page" at the entry's source file
on_post_build    write topics.json, the schema, the extra outputs (kits, slides…), the search and
                 finder data, the calendar feed, then the offline zip of the whole site
"""
from __future__ import annotations

import json
import logging
import os
import sys
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File, Files
from mkdocs.structure.pages import Page

sys.path.insert(0, str(Path(__file__).resolve().parent))

from topicbank import Bank, load_bank  # noqa: E402
from topicbank.background import BackgroundOutputs, WarningCounter, can_run_in_background, run_outputs  # noqa: E402
from topicbank.outputs import Output, OutputError, collect_links, registered_outputs  # noqa: E402
from topicbank.render import SiteSettings, Urls, site_pages, topics_json  # noqa: E402
from topicbank.offline import write_offline_zip  # noqa: E402
from topicbank.render.calendar import build_stamp  # noqa: E402
from topicbank.render.finding import finding_files  # noqa: E402
from topicbank.render.html_slots import StashedPage, stash_html  # noqa: E402
from topicbank.schema import published_schema  # noqa: E402
from topicbank.staging import StagedSite  # noqa: E402
from topicbank.templates import load_templates  # noqa: E402

log = logging.getLogger("mkdocs.hooks.topicbank")
REPO_ROOT = Path(__file__).resolve().parent.parent
SCHEMA_URL = "schema/topic.schema.json"


class _State:
    bank: Bank | None = None
    settings: SiteSettings = SiteSettings()
    outputs: list[Output] = []
    entry_pages: dict[str, str] = {}  # src_uri -> repository path of the entry
    generated: dict[str, str] = {}  # src_uri of each generated page -> the author's text in it ("" for none)
    stashed: dict[str, StashedPage] = {}  # generated HTML kept out of Markdown, per page being rendered
    background: BackgroundOutputs | None = None  # outputs written by a second process while pages render
    command: str = "build"  # mkdocs command; `serve` skips the offline zip to keep reloads fast
    dirty: bool = False  # --dirty builds reuse the site folder, so they cannot be staged
    staged: StagedSite | None = None  # the build goes to a sibling folder and replaces the site only if it succeeds
    warnings: WarningCounter | None = None


state = _State()


def on_startup(command: str, dirty: bool) -> None:
    state.command = command
    state.dirty = dirty
    if command == "serve":  # outputs read this to stay fast on reloads (kits: HTML only unless KITS_FORMATS)
        os.environ.setdefault("TOPICBANK_SERVE", "1")


def on_config(config: MkDocsConfig) -> MkDocsConfig:
    _stage(config)
    topics_dir = Path(os.environ.get("TOPICBANK_TOPICS", REPO_ROOT / "topics"))
    if str(topics_dir.resolve()) not in config.watch:  # `mkdocs serve` reloads when an entry changes
        config.watch.append(str(topics_dir.resolve()))
    result = load_bank(topics_dir, repo_root=REPO_ROOT)
    for problem in result.warnings:
        log.info(problem.format())
    if result.errors:
        listing = "\n".join(problem.format() for problem in result.errors)
        raise PluginError(f"Ngân hàng có {len(result.errors)} lỗi, dừng dựng trang:\n{listing}")
    state.bank = result.bank
    state.outputs = registered_outputs(REPO_ROOT)
    repository = config.extra.get("repository")
    branch = config.extra.get("branch", "main")
    state.settings = SiteSettings(
        urls=Urls(use_directory_urls=config.use_directory_urls),
        edit_base=f"{repository.rstrip('/')}/edit/{branch}" if repository else None,
        repository=repository, branch=branch, templates=load_templates(state.bank.schema.kinds),
        links=collect_links(state.outputs, state.bank),
    )
    return config


def on_files(files: Files, config: MkDocsConfig) -> Files:
    assert state.bank is not None
    state.entry_pages = {state.settings.urls.entry_src(entry.id): entry.path for entry in state.bank.entries}
    state.generated = {}
    for page in site_pages(state.bank, state.settings):
        files.append(File.generated(config, page.src_uri, content=page.content))
        state.generated[page.src_uri] = ""
    for entry in state.bank.entries:
        state.generated[state.settings.urls.entry_src(entry.id)] = entry.body.strip()
    state.background = None
    if state.command == "build" and can_run_in_background():  # not under serve: forking a threaded server is unsafe
        state.background = BackgroundOutputs(state.outputs, state.bank, Path(config.site_dir), state.settings.urls, log)
        state.background.start()
    return files


def on_page_markdown(markdown: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    """Generated HTML skips Markdown (see render/html_slots.py); only the author's text is converted."""
    # Readers search with our own index (search/tb-index.js). Material's plugin stays only for its search box,
    # so its index of every page, which no browser ever fetches, would cost build time and megabytes for nothing.
    page.meta.setdefault("search", {})["exclude"] = True
    author_text = state.generated.get(page.file.src_uri)
    if author_text is None:
        return markdown
    stashed = stash_html(markdown, author_text)
    state.stashed[page.file.src_uri] = stashed
    return stashed.markdown


def on_page_content(html: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    stashed = state.stashed.pop(page.file.src_uri, None)
    if stashed is None:
        return html
    if page.present_anchor_ids is not None:
        page.present_anchor_ids |= stashed.anchor_ids()
    return stashed.restore(html)


def on_page_context(context: dict, page: Page, config: MkDocsConfig, nav: object) -> dict:
    source = state.entry_pages.get(page.file.src_uri)
    if source and state.settings.edit_base:
        page.edit_url = f"{state.settings.edit_base}/{source}"
    return context


def on_post_build(config: MkDocsConfig) -> None:
    assert state.bank is not None
    site_dir = Path(config.site_dir)
    (site_dir / "topics.json").write_text(topics_json(state.bank, state.settings), encoding="utf-8")
    schema_path = site_dir / SCHEMA_URL
    schema_path.parent.mkdir(parents=True, exist_ok=True)
    schema_path.write_text(json.dumps(published_schema(state.bank.schema, state.bank.vocabulary),
                                      ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    try:
        if state.background is not None:
            state.background.wait()
        else:
            run_outputs(state.outputs, state.bank, site_dir, state.settings.urls, log)
    except OutputError as error:
        raise PluginError(str(error)) from None
    for path, content in finding_files(state.bank, state.settings, config.site_url, build_stamp()).items():
        (site_dir / path).parent.mkdir(parents=True, exist_ok=True)
        (site_dir / path).write_bytes(content)
    # Last, so the zip holds every other output. TOPICBANK_OFFLINE=0 skips it for quick local builds.
    if state.command != "serve" and os.environ.get("TOPICBANK_OFFLINE", "1") != "0":
        copy = write_offline_zip(site_dir)
        log.info(f"Bản ngoại tuyến: {copy.files} tệp, {copy.size / 1e6:.1f} MB")
    _publish(config)  # keep this the very last line: it moves the finished site into place


def on_build_error(error: Exception) -> None:
    """The old site stays as it was; only the half-built staging folder goes."""
    if state.background is not None:  # stop the outputs' writer first, so it cannot refill the folder
        state.background.cancel()
    if state.staged is not None:
        state.staged.discard()
    _stop_counting()


# -- build into a sibling folder, then swap (a failed build leaves the published site untouched) --------


def _stage(config: MkDocsConfig) -> None:
    if state.dirty:
        state.staged = None
        return
    state.staged = StagedSite(Path(config.site_dir))
    config.site_dir = str(state.staged.prepare())
    _stop_counting()
    if config.strict:
        state.warnings = WarningCounter()
        logging.getLogger("mkdocs").addHandler(state.warnings)


def _publish(config: MkDocsConfig) -> None:
    """Swap the staged build in, unless --strict is about to abort on a warning (MkDocs checks after post_build)."""
    aborting = state.warnings is not None and state.warnings.count > 0
    _stop_counting()
    if state.staged is None or aborting:
        return  # on_build_error discards the staging folder
    state.staged.publish()
    config.site_dir = str(state.staged.final)  # for anything after the build, e.g. gh-deploy


def _stop_counting() -> None:
    if state.warnings is not None:
        logging.getLogger("mkdocs").removeHandler(state.warnings)
        state.warnings = None
