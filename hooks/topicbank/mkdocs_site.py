"""The MkDocs side of the plugin's steps, kept out of plugin.py so that each event there is one call.

- extend_config: our theme partials, stylesheet and scripts, and the banks to watch under `mkdocs serve`;
- add_files: our assets, the site's one stylesheet and the generated pages, into MkDocs's Files;
- page_content: a generated page's fragment around what MkDocs made of its Markdown;
- ConvertedPage: an entry's page, whose body was converted while the files were read (body.py);
- NavigationCache: the theme's navigation, rendered once per folder for the pages it does not list;
- HeldContent: a generated page's HTML, kept out of Material's search plugin's way until the theme renders it;
- ServedPages and KeptPage: under `mkdocs serve`, the pages that did not change since the last rebuild
  (page_cache.py).

The core (site.SiteBuild, page_cache.PageCache) imports no MkDocs; this module translates between them.
"""
from __future__ import annotations

import html as html_text
import logging
import re
from pathlib import Path
from urllib.parse import urlsplit

from jinja2 import BytecodeCache, ChoiceLoader, Environment, FileSystemLoader, PrefixLoader
from jinja2.bccache import Bucket
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.nav import Navigation
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.structure.pages import Page
from mkdocs.structure.toc import get_toc

from .body import Converted, MarkdownSettings, converted
from .compact import compact_whitespace
from .config import deferred_script, markdown_settings, nav_sources
from .page_cache import CACHED_TEMPLATE, PLACEHOLDER, Finished, PageCache, code_fingerprint, folder_fingerprint
from .render.text import GeneratedPage, anchor_ids
from .resources import PACKAGE_DIR, SITE_CSS, SITE_CSS_PARTS, SITE_JS, THEME_DIR, asset_files
from .site import SiteBuild


def extend_config(config: MkDocsConfig, watched: list[Path]) -> None:
    config.watch.extend(str(path) for path in watched if str(path) not in config.watch)
    config.theme.dirs.insert(1 if config.theme.custom_dir else 0, str(THEME_DIR))  # the site's overrides win
    config.extra_css[:0] = [path for path in SITE_CSS if path not in config.extra_css]
    config.extra_javascript[:0] = [deferred_script(path) for path in SITE_JS
                                   if path not in map(str, config.extra_javascript)]


# Material's lunr search, which our search box never starts (theme/partials/search.html): no page loads these.
UNUSED_THEME_FILES = ("assets/javascripts/lunr/", "assets/javascripts/workers/search.")


def add_files(files: Files, config: MkDocsConfig, generated: list[GeneratedPage]) -> Files:
    material = tuple(f"{folder}/" for folder in _after_ours(config))  # not a site's overrides (custom_dir)
    for file in [file for file in files if file.src_uri.startswith(UNUSED_THEME_FILES)]:
        if file.abs_src_path and file.abs_src_path.startswith(material):
            files.remove(file)  # 1.2 MB of the 1,000-entry site, and of the offline copy
    for path in asset_files():
        if files.get_file_from_path(path) is None:  # a site's own copy of an asset replaces ours
            files.append(File(path, str(PACKAGE_DIR), config.site_dir, config.use_directory_urls))
    if files.get_file_from_path(SITE_CSS[0]) is None:  # the site's one stylesheet, from its parts
        parts = [files.get_file_from_path(path) for path in SITE_CSS_PARTS]
        css = "\n".join(Path(part.abs_src_path).read_text(encoding="utf-8") for part in parts if part and part.abs_src_path)
        files.append(File.generated(config, SITE_CSS[0], content=css))
    listed = nav_sources(config.nav)  # the others are reached from index pages: no "not in nav" list
    for page in generated:
        inclusion = InclusionLevel.UNDEFINED if listed is None or page.src_uri in listed else InclusionLevel.NOT_IN_NAV
        files.append(File.generated(config, page.src_uri, content=page.content, inclusion=inclusion))
    return files


def page_content(build: SiteBuild, page: Page, html: str) -> str:
    finished = build.page_html(page.file.src_uri, html)
    if finished is None:  # a page of the site's own docs/
        return html
    if page.present_anchor_ids is not None:  # links to #ids in the generated parts are valid anchors
        page.present_anchor_ids |= finished.anchor_ids
    return finished.html


class ConvertedPage(Page):
    """An entry's page, whose body was converted while the files were read, with the same extensions and options
    (body.convert_body, reading.py: in both reading processes). MkDocs would convert it again, with a new converter for
    the page: about 2 ms a page, a fifth of a 1,000-entry build's main process.

    render() does what MkDocs's Page.render does, from that conversion: the HTML, the table of contents, the ids a
    link may point to, and the page's links to its own #anchors, which MkDocs checks. It lets MkDocs convert when
    the Markdown is not what was converted (a plugin changed it) or when the body links to a path: MkDocs rewrites
    such a link to the page it names, and warns when there is none."""

    def render(self, config: MkDocsConfig, files: Files) -> None:
        conversion = converted(self.markdown or "")
        self_links = _self_links(conversion) if conversion is not None else None
        if conversion is None or self_links is None:
            super().render(config, files)
            return
        self.content = conversion.html
        self.toc = get_toc(conversion.toc_tokens)
        self._title_from_render = None  # an entry's page has its title in its front matter
        self.present_anchor_ids = anchor_ids(conversion.html) | set(_A_NAME.findall(conversion.html))
        if logging.getLogger("mkdocs.structure.pages").getEffectiveLevel() > logging.DEBUG:  # as Page.render
            self.links_to_anchors = {self.file: self_links} if self_links else {}


_URL = re.compile(r"""<(?:a|img)\s[^>]*?\b(?:href|src)=(?:"([^"]*)"|'([^']*)')""")
_A_NAME = re.compile(r"""<a\s[^>]*?\bname=["']([^"']+)["']""")


def _self_links(conversion: Converted) -> dict[str, str] | None:
    """The body's links to #anchors of its own page (anchor -> the link as written, the first of each), or None if
    a link or picture names a path: those MkDocs resolves (mkdocs.structure.pages._RelativePathTreeprocessor). A
    link with a scheme or a host it leaves as it is, and so do we."""
    found: dict[str, str] = {}
    for quoted, single in _URL.findall(conversion.html):
        url = html_text.unescape(quoted or single)
        parts = urlsplit(url)
        if parts.scheme or parts.netloc:
            continue
        if parts.path:
            return None
        if parts.fragment:
            found.setdefault(parts.fragment, url)
    return found


def convert_entry_pages(files: Files, config: MkDocsConfig, entry_pages: list[str],
                        settings: MarkdownSettings) -> int:
    """Make the entries' pages ConvertedPages (those the navigation does not list and nothing else made a page
    of), unless a plugin has changed the Markdown extensions since the bodies were converted. Returns how many."""
    if markdown_settings(config) != settings:
        return 0
    made = 0
    for src_uri in entry_pages:
        file = files.get_file_from_path(src_uri)
        if file is not None and file.page is None and file.inclusion.is_not_in_nav():
            ConvertedPage(None, file, config)
            made += 1
    return made


class NavigationCache:
    """theme/partials/nav.html asks for a page's navigation here before rendering the theme's own.

    A page the navigation does not list has no active item, and its links are relative to its folder: every
    such page in one folder (all of muc/, say) gets the same navigation. Pages the navigation lists are
    rendered as the theme renders them. One cache a build (on_env runs once a build)."""

    def __init__(self) -> None:
        self.rendered: dict[str, str] = {}

    @staticmethod
    def key(page: Page | None, nav: Navigation | None) -> str | None:
        if page is None or nav is None or page.parent is not None or page in nav.pages:
            return None
        return page.url.rstrip("/").rpartition("/")[0]  # the folder its relative links start from

    def get(self, key: str | None) -> str | None:
        return self.rendered.get(key) if key is not None else None

    def put(self, key: str | None, html: str) -> str:
        if key is not None:
            self.rendered[key] = html
        return html


def cache_navigation(env: Environment, config: MkDocsConfig, compiled: BytecodeCache | None = None) -> Environment:
    """Our partials/nav.html hides the theme's; the theme's stays reachable as theme-original/… (the folders
    after ours), and the cache is the template's global. Under serve, `compiled` keeps the theme's compiled
    templates from one rebuild to the next (each rebuild makes a new Jinja environment)."""
    env.loader = ChoiceLoader([env.loader, PrefixLoader({"theme-original": FileSystemLoader(_after_ours(config))})])
    env.globals["topicbank_navigation"] = NavigationCache()
    if compiled is not None:
        env.bytecode_cache = compiled
    return env


def _after_ours(config: MkDocsConfig) -> list[str]:
    """The theme's folders after our partials: Material's own (a site's custom_dir comes before ours)."""
    return config.theme.dirs[config.theme.dirs.index(str(THEME_DIR)) + 1:]


class CompiledTemplates(BytecodeCache):
    """Jinja's compiled templates in memory, by Jinja's own key; Jinja checks each against its source's
    checksum, so an edited template is compiled again. Compiling Material's templates took about 0.3 s of each
    serve rebuild."""

    def __init__(self) -> None:
        self.compiled: dict[str, bytes] = {}

    def load_bytecode(self, bucket: Bucket) -> None:
        code = self.compiled.get(bucket.key)
        if code is not None:
            bucket.bytecode_from_string(code)

    def dump_bytecode(self, bucket: Bucket) -> None:
        self.compiled[bucket.key] = bucket.bytecode_to_string()


class HeldContent:
    """Material's search plugin rewrites every page's HTML in its on_page_context with a regular expression (it
    drops data-search-* attributes), even on pages it does not index, and none of ours is indexed: we ship our
    own index. Generated pages carry no such attribute, so their HTML waits here from on_page_content until the
    plugin's on_page_context, which runs after every other plugin's and puts it back before the theme renders.
    At 1,000 entries the expression cost about 0.3 s a build, and twice that under serve, where a kept page's
    HTML is the whole page."""

    def __init__(self) -> None:
        self.pages: dict[str, str] = {}

    def hold(self, page: Page, html: str) -> str:
        self.pages[page.file.src_uri] = html
        return ""

    def restore(self, page: Page) -> None:
        html = self.pages.pop(page.file.src_uri, None)
        if html is not None:
            page.content = html


class KeptPage(Page):
    """A generated page the navigation does not list (every entry's), whose key is the previous rebuild's: MkDocs
    reads no source and converts no Markdown (a Python-Markdown converter per page is most of the cost of an
    unchanged page); ServedPages gives it the kept HTML. Pages the navigation lists are made by MkDocs's
    navigation and skip Markdown through ServedPages.markdown instead."""

    def read_source(self, config: MkDocsConfig) -> None:
        self.markdown, self.meta = "", {}

    def render(self, config: MkDocsConfig, files: Files) -> None:
        self.content = ""


class ServedPages:
    """Under `mkdocs serve`, a page whose content key did not change since the last rebuild skips Markdown
    and the theme: MkDocs gets an empty body and a template that prints the kept HTML (page_cache.py)."""

    def __init__(self) -> None:
        # The plugin lives from one rebuild to the next (it has on_startup), and so does this memory.
        self.cache = PageCache()
        self.kept: dict[str, Finished] = {}  # this rebuild's pages taken from the memory

    def start(self, config: MkDocsConfig) -> None:
        self.cache.start(Path(config.config_file_path).read_bytes(), config.site_url or "", code_fingerprint(),
                         folder_fingerprint(Path(config.docs_dir)))
        self.kept = {}

    def key_pages(self, build: SiteBuild, files: Files, generated: list[GeneratedPage], config: MkDocsConfig) -> None:
        """Each generated page's content key for this rebuild (page_cache.py says what it covers); a page whose
        key is the last rebuild's is kept, and one the navigation does not list becomes a KeptPage."""
        assert build.bank is not None
        entries = {build.site.urls.entry_src(entry.id) for entry in build.bank.entries}
        every_page = sorted([file.src_uri for file in files] + [page.src_uri for page in generated])
        self.cache.add_site_parts("\n".join(every_page),
                                  *(page.content for page in generated if page.src_uri not in entries))
        for page in generated:
            parts = page.parts_key() if page.parts_key else None  # cheaper than rendering the parts
            if parts is None:
                parts = page.html(PLACEHOLDER) if page.html else ""
            self.cache.key(page.src_uri, page.content, parts, build.edit_url(page.src_uri))
        self.kept = {page.src_uri: found for page in generated if (found := self.cache.kept(page.src_uri))}
        for src_uri, found in self.kept.items():
            file = files.get_file_from_path(src_uri)
            if file is not None and file.page is None and file.inclusion.is_not_in_nav():
                KeptPage(found.title, file, config)

    def kept_pages(self, files: Files) -> list[str]:
        """Where this rebuild's kept pages are written in the site ("muc/x/index.html")."""
        return [file.dest_uri for src_uri in self.kept if (file := files.get_file_from_path(src_uri)) is not None]

    @property
    def rebuilding(self) -> bool:
        return bool(self.cache.finished)

    def markdown(self, page: Page, markdown: str) -> str:
        if page.file.src_uri not in self.kept:
            return markdown
        page.meta["template"] = CACHED_TEMPLATE
        return ""

    def content(self, page: Page) -> str | None:
        kept = self.kept.get(page.file.src_uri)
        if kept is None:
            return None
        page.present_anchor_ids = set(kept.anchors) if kept.anchors is not None else None
        return kept.output

    def finished(self, page: Page, output: str) -> str:
        """The page as written: a kept one as it was; a new one compacted (compact.py) and kept for next time."""
        if page.file.src_uri in self.kept:
            return output
        output = compact_whitespace(output)
        self.cache.keep(page.file.src_uri, output, page.present_anchor_ids, page.title)
        return output

    def finish(self, log: logging.Logger) -> None:
        self.cache.forget_others()
        log.info(f"Trang sinh ra: {self.cache.renders} trang dựng lại, {self.cache.hits} trang không đổi "
                 "(giữ từ lần dựng trước)")
