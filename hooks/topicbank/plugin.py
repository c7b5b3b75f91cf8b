"""The MkDocs plugin `topicbank`: each event calls the core (site.SiteBuild) for one step.

on_startup       note whether this is `mkdocs serve` (cheaper outputs on reloads)
on_config        read the options once, load and check the banks, add our assets and theme partials
on_pre_build     under serve, move the previous build aside (deleted in the background)
on_files         add the generated pages and our assets; start the kits and slides writer
on_page_markdown keep every page out of Material's search index (we ship our own); under serve, skip unchanged pages
on_post_page     under serve, keep each generated page for the next rebuild (page_cache.py)
on_page_content  put the generated parts (fragments/*.html) around what MkDocs made of the author's text
on_page_context  point "edit this page" at the entry's file, for the site's own banks
on_post_build    write the data files and outputs, then the offline copy
on_build_error   stop the outputs' writer
"""
from __future__ import annotations

import logging
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.structure.pages import Page

from .config import TopicbankConfig, deferred_script, nav_sources, settings_from
from .page_cache import CACHED_TEMPLATE, PLACEHOLDER, Finished, PageCache, code_fingerprint, empty_site_dir_quickly, folder_fingerprint
from .render.text import GeneratedPage
from .resources import PACKAGE_DIR, SITE_CSS, SITE_CSS_PARTS, SITE_JS, THEME_DIR, asset_files
from .settings import SettingsError
from .site import BankError, OutputError, SiteBuild

log = logging.getLogger("mkdocs.plugins.topicbank")


class TopicbankPlugin(BasePlugin[TopicbankConfig]):
    supports_multiple_instances = False

    def __init__(self) -> None:
        self.serving = False
        self.build: SiteBuild | None = None
        # Under `mkdocs serve` this instance lives from one rebuild to the next (it has on_startup): the pages
        # of the previous build are kept here, by content key (page_cache.py).
        self.pages = PageCache()
        self.kept: dict[str, Finished] = {}

    def on_startup(self, *, command: str, dirty: bool) -> None:
        self.serving = command == "serve"

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        try:
            settings = settings_from(config, self.config, self.serving)
        except SettingsError as error:
            raise PluginError(str(error)) from None
        self.build = SiteBuild(settings, log)
        try:
            self.build.load(config.use_directory_urls)
        except BankError as error:
            raise PluginError(str(error)) from None
        config.watch.extend(str(path) for path in self.build.watched_folders() if str(path) not in config.watch)
        if self.serving:
            self.pages.start(Path(config.config_file_path).read_bytes(), config.site_url or "", code_fingerprint(),
                             folder_fingerprint(Path(config.docs_dir)))
            self.kept = {}
        config.theme.dirs.insert(1 if config.theme.custom_dir else 0, str(THEME_DIR))  # the site's overrides win
        config.extra_css[:0] = [path for path in SITE_CSS if path not in config.extra_css]
        config.extra_javascript[:0] = [deferred_script(path) for path in SITE_JS
                                       if path not in map(str, config.extra_javascript)]
        return config

    def on_files(self, files: Files, *, config: MkDocsConfig) -> Files:
        assert self.build is not None
        for path in asset_files():
            if files.get_file_from_path(path) is None:  # a site's own copy of an asset replaces ours
                files.append(File(path, str(PACKAGE_DIR), config.site_dir, config.use_directory_urls))
        if files.get_file_from_path(SITE_CSS[0]) is None:  # the site's one stylesheet, from its parts
            parts = [files.get_file_from_path(path) for path in SITE_CSS_PARTS]
            css = "\n".join(Path(part.abs_src_path).read_text(encoding="utf-8") for part in parts if part and part.abs_src_path)
            files.append(File.generated(config, SITE_CSS[0], content=css))
        listed = nav_sources(config.nav)  # the others are reached from index pages: no "not in nav" list
        generated = self.build.pages()
        if self.serving:
            self._key_pages(files, generated)
        for page in generated:
            inclusion = InclusionLevel.UNDEFINED if listed is None or page.src_uri in listed else InclusionLevel.NOT_IN_NAV
            files.append(File.generated(config, page.src_uri, content=page.content, inclusion=inclusion))
        self.build.start_outputs(Path(config.site_dir))
        return files

    def on_pre_build(self, *, config: MkDocsConfig) -> None:
        if self.serving and self.pages.finished:  # a rebuild: MkDocs would empty the folder file by file
            empty_site_dir_quickly(Path(config.site_dir))

    def on_page_markdown(self, markdown: str, *, page: Page, config: MkDocsConfig, files: Files) -> str:
        # Readers search with our own index (search/tb-index.js); Material's index would cost time for nothing.
        page.meta.setdefault("search", {})["exclude"] = True
        kept = self.pages.kept(page.file.src_uri) if self.serving else None
        if kept is not None:  # unchanged since the last rebuild: no Markdown, no theme (page_cache.py)
            self.kept[page.file.src_uri] = kept
            page.meta["template"] = CACHED_TEMPLATE
            return ""
        return markdown

    def on_page_content(self, html: str, *, page: Page, config: MkDocsConfig, files: Files) -> str:
        assert self.build is not None
        kept = self.kept.get(page.file.src_uri)
        if kept is not None:
            page.present_anchor_ids = set(kept.anchors) if kept.anchors is not None else None
            return kept.output
        finished = self.build.page_html(page.file.src_uri, html)
        if finished is None:  # a page of the site's own docs/
            return html
        if page.present_anchor_ids is not None:  # links to #ids in the generated parts are valid anchors
            page.present_anchor_ids |= finished.anchor_ids
        return finished.html

    def on_page_context(self, context: dict, *, page: Page, config: MkDocsConfig, nav: object) -> dict:
        assert self.build is not None
        page.edit_url = self.build.edit_url(page.file.src_uri)
        return context

    def on_post_page(self, output: str, *, page: Page, config: MkDocsConfig) -> str:
        if self.serving and page.file.src_uri not in self.kept:
            self.pages.keep(page.file.src_uri, output, page.present_anchor_ids)
        return output

    def on_post_build(self, *, config: MkDocsConfig) -> None:
        assert self.build is not None
        if self.serving:
            self.pages.forget_others()
            log.info(f"Trang sinh ra: {self.pages.renders} trang dựng lại, {self.pages.hits} trang không đổi "
                     "(giữ từ lần dựng trước)")
        try:
            self.build.write_data(Path(config.site_dir), config.site_url)
        except OutputError as error:
            raise PluginError(str(error)) from None
        self.build.write_offline_copy(Path(config.site_dir))

    def on_build_error(self, *, error: Exception) -> None:
        if self.build is not None:
            self.build.cancel()

    def _key_pages(self, files: Files, generated: list[GeneratedPage]) -> None:
        """Each generated page's content key for this rebuild (page_cache.py says what it covers)."""
        assert self.build is not None and self.build.bank is not None
        entries = {self.build.site.urls.entry_src(entry.id) for entry in self.build.bank.entries}
        self.pages.add_site_parts("\n".join(sorted([file.src_uri for file in files] + [page.src_uri for page in generated])),
                                  *(page.content for page in generated if page.src_uri not in entries))
        for page in generated:
            self.pages.key(page.src_uri, page.content, page.html(PLACEHOLDER) if page.html else "",
                           self.build.edit_url(page.src_uri))


__all__ = ["TopicbankPlugin"]
