"""The `slides` output: a browser deck and a PPTX for every theme, written after the site is built.

The browser deck is cheap and always built. PPTX files are slow (python-pptx), so each is cached
under a hash of everything that shapes it (the entry, the documents it cites, the labels, this
package's code and python-pptx's version) and only missing ones are built, in parallel.
The plugin's `formats` option (or `formats_on_serve` under `mkdocs serve`) turns PPTX on with "pptx".
Every file is written to a temporary name and renamed, so no reader ever sees half a file.
"""
from __future__ import annotations

import datetime as dt
import functools
import hashlib
import json
import logging
import multiprocessing
import os
import posixpath
import time
from collections.abc import Callable
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

from .. import labels
from ..file_info import FileInfo, file_info, stamp_office
from ..files import fingerprint, write_atomic, write_site_file
from ..canonical import json_fields
from ..model import Bank, Entry
from ..outputs import OutputError
from ..render.text import Urls
from .html_deck import deck_html
from .slides_content import Deck, build_deck

SITE_FOLDER = "trinh-chieu"
CACHE_VERSION = "1"  # bump when the look changes in a way the code hash would not see (e.g. a template)
_CODE_FILES = ("slides_content.py", "markdown_blocks.py", "text_fit.py", "pptx_deck.py")
_PACKAGE_FILES = ("body.py", "file_info.py", "reproducible.py")


def deck_url(entry_id: str) -> str:
    # index.html rather than a folder URL: the link then works from file:// too, offline
    return f"{SITE_FOLDER}/{entry_id}/index.html"


def pptx_url(entry_id: str) -> str:
    return f"{SITE_FOLDER}/{entry_id}/{entry_id}.pptx"


def _build_pptx(deck: Deck, target: str, info: FileInfo | None = None) -> str:
    """Worker: render one deck into the cache. Returns the entry id (for error messages)."""
    from .pptx_deck import render_pptx  # imported in the worker: python-pptx costs nothing when PPTX is off

    write_atomic(Path(target), render_pptx(deck, info))
    return deck.entry_id


_DECK_PAGES: dict[str, bytes] = {}  # key -> a browser deck page, for this process's next build (mkdocs serve)


class _Decks:
    """Each theme's Deck, laid out only when a page or a PPTX needs it, and its content hash, computed once a
    build however many files are keyed by it (the kept page and the PPTX)."""

    def __init__(self, bank: Bank, page_code: str, content_hash: Callable[[Entry, Bank], str]) -> None:
        self.bank = bank
        self.page_code = page_code  # _page_fingerprint, once per build
        self.built: dict[str, Deck] = {}
        self._content_hash = content_hash
        self.hashes: dict[str, str] = {}

    def __getitem__(self, entry: Entry) -> Deck:
        if entry.id not in self.built:
            self.built[entry.id] = build_deck(entry, self.bank)
        return self.built[entry.id]

    def content_hash(self, entry: Entry) -> str:
        if entry.id not in self.hashes:
            self.hashes[entry.id] = self._content_hash(entry, self.bank)
        return self.hashes[entry.id]


def _page_fingerprint(template_dirs: tuple[Path, ...]) -> str:
    """What a deck page adds to its content: the page's code and fragment (the site's override first)."""
    sources = [Path(__file__).with_name("html_deck.py")]
    sources += [folder / "deck.html" for folder in template_dirs if (folder / "deck.html").is_file()]
    sources.append(Path(__file__).parent.parent / "fragments" / "deck.html")
    return hashlib.sha256(b"".join(path.read_bytes() for path in sources)).hexdigest()[:16]


@functools.lru_cache(maxsize=1)
def _code_fingerprint() -> str:
    """The PPTX code, the body parser and their libraries' versions: a change to any rebuilds every deck."""
    package = Path(__file__).parent.parent
    files = [Path(__file__).with_name(name) for name in _CODE_FILES] + [package / name for name in _PACKAGE_FILES]
    return fingerprint(files, ("python-pptx", "markdown"))  # the body's blocks come from Python-Markdown


class SlidesOutput:
    name = "slides"
    keep_pages = False  # under `mkdocs serve`: keep deck pages in memory for the next rebuild (keeping_pages)

    def __init__(self, with_pptx: bool, cache_dir: Path, workers: int = 1, template_dirs: tuple[Path, ...] = (),
                 publisher: str = "topicbank", stamp: dt.datetime | None = None) -> None:
        self.publisher = publisher  # the organisation or the site's name: each PPTX names it as its creator
        self.stamp = stamp  # the commit's time, written into each PPTX after the cache; None: no date
        self.cache_dir = cache_dir
        self.template_dirs = template_dirs  # the site's fragment overrides (deck.html)
        self.workers = workers
        self.with_pptx = with_pptx
        self.last_stats: dict[str, float] = {}

    def keeping_pages(self, keep: bool) -> SlidesOutput:
        """Keep each browser deck page for this process's next build, by content key: under `mkdocs serve` an
        unchanged deck is then not laid out again. Off in a build, where keying would only cost time."""
        self.keep_pages = keep
        return self

    def links(self, bank: Bank) -> dict[str, dict[str, str]]:
        links: dict[str, dict[str, str]] = {}
        for entry in bank.of_kind("theme"):
            links[entry.id] = {"html": deck_url(entry.id)}
            if self.with_pptx:
                links[entry.id]["pptx"] = pptx_url(entry.id)
        return links

    def write(self, bank: Bank, site_dir: Path, urls: Urls, log: logging.Logger) -> None:
        started = time.perf_counter()
        themes = bank.of_kind("theme")
        decks = _Decks(bank, _page_fingerprint(self.template_dirs), self.content_hash)
        for entry in themes:
            try:
                self._write_html(entry, decks, site_dir, urls)
            except Exception as error:  # any failure names the entry; the traceback would not help a writer
                raise OutputError(f"Không tạo được trình chiếu cho «{entry.id}» ({entry.path}): {error}") from error
        built = 0
        if self.with_pptx:
            infos = {entry.id: self.file_info(entry, bank) for entry in themes}
            cached = {entry.id: self.cache_dir / f"{decks.content_hash(entry)}.pptx" for entry in themes}
            missing = [entry for entry in themes if not cached[entry.id].exists()]
            self._build_missing(missing, decks, cached, infos)
            built = len(missing)
            for entry in themes:
                write_site_file(site_dir / pptx_url(entry.id), stamp_office(cached[entry.id].read_bytes(), self.stamp))
        seconds = time.perf_counter() - started
        self.last_stats = {"themes": len(themes), "pptx_built": built, "seconds": seconds}
        log.info("Trình chiếu: %d chuyên đề, %d PPTX mới dựng, %.1f giây.", len(themes), built, seconds)

    # -- pieces -------------------------------------------------------------------------------

    def _write_html(self, entry: Entry, decks: _Decks, site_dir: Path, urls: Urls) -> None:
        page = deck_url(entry.id)
        base = posixpath.dirname(page)
        theme_page = urls.page_url(urls.entry_src(entry.id))
        theme_href = posixpath.relpath(theme_page.rstrip("/") or ".", base) + ("/" if theme_page.endswith("/") else "")
        pptx_href = posixpath.basename(pptx_url(entry.id)) if self.with_pptx else None
        # Under `mkdocs serve` the same process rebuilds after every save: a deck whose content is unchanged
        # is not laid out again (the key is the PPTX cache's, plus what only the page shows).
        if not self.keep_pages:
            write_site_file(site_dir / page, deck_html(decks[entry], theme_href, pptx_href, self.template_dirs).encode("utf-8"))
            return
        key = "\0".join([decks.content_hash(entry), theme_href, pptx_href or "", decks.page_code])
        html = _DECK_PAGES.get(key)
        if html is None:
            html = _DECK_PAGES[key] = deck_html(decks[entry], theme_href, pptx_href, self.template_dirs).encode("utf-8")
        write_site_file(site_dir / page, html)

    def file_info(self, entry: Entry, bank: Bank) -> FileInfo:
        return file_info(bank, entry, entry.title, self.publisher)

    def _build_missing(self, missing: list[Entry], decks: _Decks, cached: dict[str, Path],
                       infos: dict[str, FileInfo]) -> None:
        if not missing:
            return
        self.cache_dir.mkdir(parents=True, exist_ok=True)
        by_id = {entry.id: entry for entry in missing}
        if len(missing) == 1 or self.workers == 1:  # a pool costs more than it saves for one deck
            for entry in missing:
                self._guarded(entry, lambda e=entry: _build_pptx(decks[e], str(cached[e.id]), infos[e.id]))
            return
        context = multiprocessing.get_context("fork" if os.name == "posix" else "spawn")  # like the kits
        with ProcessPoolExecutor(max_workers=min(self.workers, len(missing)), mp_context=context) as pool:
            futures = {entry.id: pool.submit(_build_pptx, decks[entry], str(cached[entry.id]), infos[entry.id])
                       for entry in missing}
            for entry_id, future in futures.items():
                self._guarded(by_id[entry_id], future.result)

    @staticmethod
    def _guarded(entry: Entry, run: Callable[[], object]) -> None:
        try:
            run()
        except Exception as error:
            raise OutputError(f"Không tạo được tệp PowerPoint cho «{entry.id}» ({entry.path}): {error}") from error

    def content_hash(self, entry: Entry, bank: Bank) -> str:
        """Everything the PPTX depends on: the entry, the documents it cites, labels, code and library version."""
        documents = [bank.get(document_id) for document_id in entry.references]
        replacements = [bank.get(d.superseded_by) for d in documents if d is not None and d.superseded_by]
        payload = {
            "version": CACHE_VERSION,
            "entry": entry,
            "documents": [d for d in documents + replacements if d is not None],
            "series": bank.vocabulary.label("series", entry.series) if entry.series else None,
            "validity": bank.schema.properties["validity"].get("x-enum-labels"),
            "code": _code_fingerprint(),
            "labels": {name: getattr(labels, name) for name in labels.__all__ if name.isupper()},  # slide titles
            "file": self.file_info(entry, bank).fingerprint(),  # title, subject, keywords, creator (not the date)
        }
        # json_fields: the text dataclasses.asdict gave (so the keys stay), without its deep copy of every entry
        text = json.dumps(payload, ensure_ascii=False, sort_keys=True, default=json_fields)
        return hashlib.sha256(text.encode("utf-8")).hexdigest()[:32]
