"""The MkDocs plugin `topicbank`: each event calls the core (site.SiteBuild) or mkdocs_site.py for one step.

on_startup       note whether this is `mkdocs serve` (cheaper outputs on reloads)
on_config        read the options once, load and check the banks, add our assets and theme partials; in a build,
                 freeze what was loaded out of the garbage collector's way (freeze_the_bank) and start the outputs
on_pre_build     under serve, move the previous build aside (deleted in the background)
on_env           render the theme's navigation once per folder of unlisted pages (mkdocs_site.NavigationCache)
on_pre_template  the static files are copied: the offline copy may take them (background.py)
on_files         add the generated pages and our assets; start the kits and slides writer; the entries' pages take
                 the bodies load() converted (mkdocs_site.ConvertedPage)
on_page_markdown keep every page out of Material's search index (we ship our own); under serve, skip unchanged pages
on_page_content  put the generated parts (fragments/*.html) around what MkDocs made of the author's text, and
                 hold a generated page's HTML back from the search plugin (mkdocs_site.HeldContent)
on_page_context  last of all plugins: give the page its HTML back; point "edit this page" at the entry's file
on_post_page     last of all plugins: drop the theme's indentation (compact.py); keep the page for the offline
                 copy, or under serve for the next rebuild
on_post_build    write the data files and outputs, then the offline copy; thaw
on_build_error   thaw; stop the outputs' writer
on_shutdown      under serve, stop the long-lived outputs' writer (serve_worker.py)
"""
from __future__ import annotations

import atexit
import gc
import logging
import shutil
import threading
from pathlib import Path

from jinja2 import Environment
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, event_priority
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page

from .compact import compact_whitespace
from .config import TopicbankConfig, settings_from
from .mkdocs_site import (CompiledTemplates, HeldContent, ServedPages, add_files, cache_navigation,
                          convert_entry_pages, extend_config, page_content)
from .page_cache import empty_site_dir_quickly, put_back_folders, remove_in_background
from .serve_worker import OutputsWorker
from .settings import SettingsError
from .site import BankError, OutputError, SiteBuild

log = logging.getLogger("mkdocs.plugins.topicbank")


def collect_then_freeze() -> None:
    """At exit, after one collection, leave every object out of the interpreter's own last collections.

    Those walk every object still alive: with a bank's entries, pages and bodies in memory, they took 0.25-0.3 s
    after the site was written (1,000 entries; plain MkDocs: 0.15 s). One collection here frees what is garbage,
    closing what it holds (0.07 s); the frozen rest is what the process exits with anyway."""
    gc.collect()
    gc.freeze()


atexit.register(collect_then_freeze)  # once a process: when MkDocs loads the plugin


def freeze_the_bank() -> None:
    """Leave the loaded banks out of the garbage collector's rounds until the build ends (thaw).

    Every full round walks every object alive, and the bank's entries, checks and conversions are alive from the
    load to the end. At 1,000 entries the build's process spent 0.44-0.47 s collecting without the freeze and
    0.33-0.34 s with it; the outputs' process, forked next and inheriting it, 0.48-0.59 s and 0.33-0.34 s. Not
    under serve: a rebuild's load is small, and the previous bank must go."""
    gc.freeze()


def thaw() -> None:
    """The frozen objects back under the collector: garbage among them is freed from the next round on."""
    gc.unfreeze()


class TopicbankPlugin(BasePlugin[TopicbankConfig]):
    supports_multiple_instances = False

    def __init__(self) -> None:
        self.serving = False
        self.build: SiteBuild | None = None
        self.served = ServedPages()  # lives from one `mkdocs serve` rebuild to the next
        self.held = HeldContent()
        self.worker = OutputsWorker()  # under serve: the outputs' writer, from one rebuild to the next
        self.compiled = CompiledTemplates()  # under serve: the theme's templates, compiled once
        self.old_files: Path | None = None  # under serve: the previous build's files, set aside until this one ends
        self.removals: list[threading.Thread] = []  # their deletion, in the background

    def on_startup(self, *, command: str, dirty: bool) -> None:
        self.serving = command == "serve"

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        try:
            self.build = SiteBuild(settings_from(config, self.config, self.serving), log)
            self.build.load(config.use_directory_urls)
        except (SettingsError, BankError) as error:
            raise PluginError(str(error)) from None
        if not self.serving:  # the outputs start now; their files move in once MkDocs has emptied the site
            freeze_the_bank()
            self.build.start_outputs(Path(config.site_dir))
        extend_config(config, self.build.watched_folders())
        if self.serving:
            self.served.start(config)
        return config

    def on_pre_build(self, *, config: MkDocsConfig) -> None:
        if self.serving and self.served.rebuilding:  # MkDocs would empty the folder file by file
            kept = self.build.kept_folders() if self.build else ()
            self.old_files = empty_site_dir_quickly(Path(config.site_dir), kept)

    def on_files(self, files: Files, *, config: MkDocsConfig) -> Files:
        assert self.build is not None
        if self.serving:  # first: the worker writes the outputs while pages are made
            self.build.start_outputs(Path(config.site_dir), self.worker)
        else:
            self.build.site_cleaned()
        self.build.start_offline_copy(Path(config.site_dir))
        generated = self.build.pages()
        files = add_files(files, config, generated)
        if self.serving:
            self.served.key_pages(self.build, files, generated, config)  # first: a kept page is not converted at all
            if self.old_files is not None:
                put_back_folders(self.old_files, Path(config.site_dir), self.served.kept_pages(files))
        convert_entry_pages(files, config, self.build.entry_sources(), self.build.settings.markdown)
        return files

    def on_env(self, env: Environment, *, config: MkDocsConfig, files: Files) -> Environment:
        return cache_navigation(env, config, self.compiled if self.serving else None)

    def on_pre_template(self, template: object, *, template_name: str, config: MkDocsConfig) -> object:
        assert self.build is not None
        self.build.static_files_copied()  # MkDocs renders the theme's templates right after copying them
        return template

    def on_page_markdown(self, markdown: str, *, page: Page, config: MkDocsConfig, files: Files) -> str:
        # Readers search with our own index (search/tb-index.js); Material's index would cost time for nothing.
        page.meta.setdefault("search", {})["exclude"] = True
        return self.served.markdown(page, markdown) if self.serving else markdown

    def on_page_content(self, html: str, *, page: Page, config: MkDocsConfig, files: Files) -> str:
        assert self.build is not None
        kept = self.served.content(page) if self.serving else None
        html = kept if kept is not None else page_content(self.build, page, html)
        return self.held.hold(page, html) if page.file.src_uri in self.build.generated else html

    @event_priority(-100)  # after the search plugin's (HeldContent)
    def on_page_context(self, context: dict, *, page: Page, config: MkDocsConfig, nav: object) -> dict:
        assert self.build is not None
        self.held.restore(page)
        page.edit_url = self.build.edit_url(page.file.src_uri)
        return context

    @event_priority(-100)  # last: the page as MkDocs writes it, for the offline copy
    def on_post_page(self, output: str, *, page: Page, config: MkDocsConfig) -> str:
        assert self.build is not None
        if self.serving:  # a kept page is already compact; a new one is compacted and kept
            return self.served.finished(page, output)
        output = compact_whitespace(output)
        self.build.page_written(page.file.dest_uri, output)
        return output

    def on_post_build(self, *, config: MkDocsConfig) -> None:
        assert self.build is not None
        if self.serving:
            self.served.finish(log)
        try:
            self.build.write_data(Path(config.site_dir), config.site_url)
        except OutputError as error:
            raise PluginError(str(error)) from None
        self.build.write_offline_copy(Path(config.site_dir))
        thaw()
        self._remove_old_files()

    def on_build_error(self, *, error: Exception) -> None:
        thaw()
        if self.build is not None:
            self.build.cancel()
        self._remove_old_files()

    def on_shutdown(self) -> None:
        self.worker.stop()
        if self.old_files is not None:  # stopped during a rebuild
            shutil.rmtree(self.old_files, ignore_errors=True)
        for removal in self.removals:  # nothing of the old builds is left behind
            removal.join()

    def _remove_old_files(self) -> None:
        """The previous serve build's files (on_pre_build), deleted now that this build has written its own."""
        self.removals = [removal for removal in self.removals if removal.is_alive()]
        if self.old_files is not None:
            self.removals.append(remove_in_background(self.old_files))
            self.old_files = None


__all__ = ["TopicbankPlugin"]
