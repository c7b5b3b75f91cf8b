"""The offline copy: the built site, zipped, with links that work when opened from file://.

No second MkDocs build: with directory URLs a link like "../chuyen-de/" opens a folder
listing from file://, so every relative link to a folder gets "index.html" appended. The 404
page is the one page MkDocs writes with root-absolute links ("/REPO/assets/…", from site_url's
path); in the copy they become relative too. A link to a file the copy does not hold (the zip
itself, the sitemap) loses its href, so nothing in the copy points at a missing file.
Search, the finder and "Tháng này" load their data as scripts, which file:// allows.
The zip is reproducible: one fixed timestamp, and names in a fixed order: the folders the outputs' process
zips (its own and the static files, each sorted), then the pages as MkDocs wrote them (PageStream, in MkDocs's
order), then the rest, sorted. Each part is compressed once: the parts are joined as they are stored.
"""
from __future__ import annotations

import copy
import functools
import os
import posixpath
import re
import zipfile
from collections import deque
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

OFFLINE_ZIP = "ban-ngoai-tuyen.zip"
PAGES_PART = "ban-ngoai-tuyen.trang.zip.part"  # PageStream's zip, joined to the copy at the end
ZIP_FOLDER = "ban-ngoai-tuyen"
# Not needed offline: Material's own search index (our search uses search/tb-index.js) and the sitemaps.
LEFT_OUT = {OFFLINE_ZIP, "search/search_index.json", "sitemap.xml", "sitemap.xml.gz"}
ZIP_TIME = (2026, 1, 1, 0, 0, 0)
# zlib level 4: on the 1,000-entry site 19.4 MB instead of 18.7 MB at the default 6 (+4 %), in half the time.
COMPRESS_LEVEL = 4
WRITES_AHEAD = 16
# Already compressed: storing them as they are saves most of the zip's build time and costs a few bytes.
STORED_SUFFIXES = {".pdf", ".docx", ".pptx", ".woff2", ".png", ".jpg", ".jpeg", ".gz", ".zip", ".webp"}
# Matched at the "=" and looked back for the attribute's name: a pattern opening with \s is tried at every character
# of the page (about 4x slower on 2,500 pages). Same matches as (\s(?:href|src|action)=)(["'])([^"']*)\2.
_LINK_ATTRIBUTE = re.compile(r"""=(?:(?<=\shref=)|(?<=\ssrc=)|(?<=\saction=))(["'])([^"']*)\1""")
_ANCHOR = re.compile(r"<a\s[^>]*>", re.I)
_HREF = re.compile(r"""\shref=(["'])([^"']*)\1""")
_DOWNLOAD = re.compile(r"""\sdownload(?:=(["'])[^"']*\1)?(?=[\s>])""")


# A font preload, with its line's indentation (_drop_font_preloads adds that: a pattern opening with [ \t]* would be
# tried at every character of the page).
_FONT_PRELOAD = re.compile(r'<link rel="preload"[^>]*as="font"[^>]*>\n?')


@functools.lru_cache(maxsize=1 << 16)  # the same links (navigation, assets) come back on every page
def file_link(url: str) -> str:
    """'../muc/x/#top' -> '../muc/x/index.html#top'; absolute and fragment-only links stay as they are."""
    if not url or url.startswith(("#", "/", "data:", "mailto:", "javascript:", "tel:")) or ":" in url.split("/")[0]:
        return url
    cut = min((index for index in (url.find("?"), url.find("#")) if index != -1), default=len(url))
    path, rest = url[:cut], url[cut:]
    if path.rsplit("/", 1)[-1] in (".", ".."):  # ".", "..", "../.." name folders too
        path += "/"
    if path.endswith("/"):
        path += "index.html"
    return path + rest


def relative_to_page(url: str, page: str, base_path: str) -> str:
    """'/REPO/assets/x.css' on the page '404.html' -> 'assets/x.css'; other URLs stay as they are."""
    if not url.startswith(base_path) or url.startswith("//") or not url.startswith("/"):
        return url
    target = url[len(base_path):]
    cut = min((index for index in (target.find("?"), target.find("#")) if index != -1), default=len(target))
    path, rest = target[:cut], target[cut:]
    folder = path.endswith("/") or path in ("", ".") or path.endswith("/.")
    relative = posixpath.relpath(posixpath.normpath(path or "."), posixpath.dirname(page) or ".")
    return (relative.rstrip("/") + "/" if folder else relative) + rest


def file_links_html(html: str, page: str = "index.html", base_path: str = "/",
                    missing: frozenset[str] = frozenset()) -> str:
    """Every link of the page `page` (a path in the site) made to work from file://; `missing` are site paths
    the copy does not hold: links to them lose their href (and download) attributes."""
    def rewrite(match: re.Match[str]) -> str:
        quote = match.group(1)
        return f"={quote}{file_link(relative_to_page(match.group(2), page, base_path))}{quote}"

    html = _LINK_ATTRIBUTE.sub(rewrite, html)
    # A font preload is a CORS request, which file:// refuses; the stylesheet loads the same font without it.
    html = _drop_font_preloads(html)
    # Material's scripts read the site's root from its __config; the 404 page gives it as a root-absolute path
    absolute_base = f'"base": "{base_path}"'
    if absolute_base in html:  # the page's way up to the site's root only where needed (relpath asks for the cwd)
        html = html.replace(absolute_base, f'"base": "{posixpath.relpath(".", posixpath.dirname(page) or ".")}"')
    if missing and _may_link_to(html, page, missing):
        html = _ANCHOR.sub(lambda match: _unlink(match.group(0), page, missing), html)
    return html


def _may_link_to(html: str, page: str, missing: frozenset[str]) -> bool:
    """False when no link of the page can reach a missing path: its last part appears nowhere in the page, and the
    page's own folder is not inside one (a link "." or ".." to it)."""
    return any(path.rsplit("/", 1)[-1] in html or page.startswith(path + "/") for path in missing)


def _drop_font_preloads(html: str) -> str:
    """The page without its font preloads, each with the spaces and tabs before it (as [ \t]*<link … would)."""
    kept, end = [], 0
    for match in _FONT_PRELOAD.finditer(html):
        start = match.start()
        while start > end and html[start - 1] in " \t":
            start -= 1
        kept.append(html[end:start])
        end = match.end()
    kept.append(html[end:])
    return "".join(kept)


def _unlink(tag: str, page: str, missing: frozenset[str]) -> str:
    href = _HREF.search(tag)
    if href is None or ":" in href.group(2).split("/")[0] or href.group(2).startswith(("#", "/")):
        return tag
    target = posixpath.normpath(posixpath.join(posixpath.dirname(page), href.group(2).split("#")[0].split("?")[0]))
    if target not in missing:
        return tag
    return _DOWNLOAD.sub("", _HREF.sub("", tag, count=1))


def mark_offline(html: str) -> str:
    """Tag the page as the offline copy, so CSS can hide what only makes sense online (the zip's own link)."""
    return html.replace("<html", "<html data-tb-offline", 1)


@dataclass(frozen=True)
class OfflineCopy:
    files: int
    size: int  # bytes of the zip


class PageStream:
    """The pages, zipped while MkDocs renders the next ones: add() rewrites a page's links here, and one writer thread
    compresses it into a zip of its own (zlib lets go of the GIL), which write_offline_zip joins to the copy. Without
    it the build would rewrite and compress every page after the last one (a thousand pages: over a second)."""

    def __init__(self, site_dir: Path, base_path: str = "/") -> None:
        self.path = site_dir / PAGES_PART
        self.base_path = base_path
        self.names: set[str] = set()
        site_dir.mkdir(parents=True, exist_ok=True)  # a first build: MkDocs makes it with the first file it copies
        self._archive = zipfile.ZipFile(self.path, "w", compression=zipfile.ZIP_DEFLATED)
        self._writes = _Writes()

    def add(self, name: str, html: str) -> None:
        """The page at `name` (its path in the site) as MkDocs writes it."""
        if name in self.names or not html.strip():
            return
        self.names.add(name)
        self._writes.submit(self._archive, name, _offline_html(html, name, self.base_path))

    def close(self) -> None:
        """Waits for the last writes; the zip is then complete. Raises what a write raised."""
        try:
            self._writes.finish()
        finally:
            self._archive.close()

    def discard(self) -> None:
        """A failed build: stop writing and remove the part."""
        self._writes.cancel()
        self._archive.close()
        self.path.unlink(missing_ok=True)


def write_offline_zip(site_dir: Path, base_path: str = "/", pages: PageStream | None = None,
                      started: tuple[str, ...] | None = None) -> OfflineCopy:
    """Zip site_dir into site_dir/ban-ngoai-tuyen.zip, rewriting HTML links for file://. base_path: the path of
    the site's address (site_url), which MkDocs puts before the 404 page's links. pages: the pages zipped as MkDocs
    wrote them, which are not read back.

    started: the folders start_offline_zip has zipped already (the outputs' second process does, while MkDocs
    renders the pages), which nothing writes to afterwards; the rest is added to that zip."""
    target = site_dir / OFFLINE_ZIP
    temporary = target.with_suffix(".zip.part")
    if pages is not None:
        pages.close()
    with zipfile.ZipFile(temporary, "w" if started is None else "a", compression=zipfile.ZIP_DEFLATED) as archive:
        if pages is not None:
            _append_as_stored(archive, pages.path)
            pages.path.unlink()
        done = {name.removeprefix(f"{ZIP_FOLDER}/") for name in archive.namelist()} | LEFT_OUT
        names = sorted(name for name in _site_files(site_dir, skip=set(started or ())) if name not in done)
        _add(archive, site_dir, [site_dir / name for name in names if site_dir / name != temporary], base_path)
        files = len(archive.namelist())
    temporary.replace(target)
    return OfflineCopy(files=files, size=target.stat().st_size)


def _site_files(site_dir: Path, skip: set[str]) -> list[str]:
    """Every file's path in the site, as "a/b.html", but for the top-level folders in `skip` (os.walk: a few thousand
    files, three times faster than Path.rglob)."""
    names = []
    for folder, subfolders, files in os.walk(site_dir):
        relative = os.path.relpath(folder, site_dir).replace(os.sep, "/")
        if relative == ".":
            subfolders[:] = [name for name in subfolders if name not in skip]
            names += files
        else:
            names += [f"{relative}/{name}" for name in files]
    return names


def _append_as_stored(archive: zipfile.ZipFile, part: Path) -> None:
    """Every entry of the zip `part`, appended to `archive` as it is stored, compressed data and all.

    zipfile has no public way to copy an entry without compressing it again, so this copies the part's entries
    (local headers and data, the bytes before its central directory) to where `archive` writes next, and lists them
    at their new offsets; `archive` writes the central directory when it closes. start_dir and _didModify are the
    two attributes zipfile keeps for that (the same in Python 3.11 to 3.13)."""
    with zipfile.ZipFile(part) as source, part.open("rb") as raw:
        offset = archive.start_dir
        archive.fp.seek(offset)
        remaining = source.start_dir
        while remaining > 0:
            chunk = raw.read(min(remaining, 1 << 20))
            archive.fp.write(chunk)
            remaining -= len(chunk)
        for info in source.infolist():
            moved = copy.copy(info)
            moved.header_offset += offset
            archive.filelist.append(moved)
            archive.NameToInfo[moved.filename] = moved
        archive.start_dir = archive.fp.tell()
        archive._didModify = True  # noqa: SLF001 - see the docstring


def start_offline_zip(site_dir: Path, folders: tuple[str, ...], base_path: str = "/",
                      later: tuple[str, ...] = (), ready: Callable[[], object] | None = None) -> int:
    """Begin the offline copy with the files of `folders` (those only the outputs write: kits, decks), which are
    complete before MkDocs has finished the pages; then, once `ready()` returns, those of `later` (the static
    files MkDocs copies before it renders pages). Returns how many files it holds."""
    temporary = (site_dir / OFFLINE_ZIP).with_suffix(".zip.part")
    with zipfile.ZipFile(temporary, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        paths = _files_in(site_dir, folders)
        _add(archive, site_dir, paths, base_path)
        if later and ready is not None:
            ready()
            more = _files_in(site_dir, later)
            _add(archive, site_dir, more, base_path)
            paths += more
    return len(paths)


def _files_in(site_dir: Path, folders: tuple[str, ...]) -> list[Path]:
    return sorted(path for folder in folders if (site_dir / folder).is_dir()
                  for path in (site_dir / folder).rglob("*") if path.is_file())


def _add(archive: zipfile.ZipFile, site_dir: Path, paths: list[Path], base_path: str) -> None:
    # zlib lets go of the GIL while it compresses, so one thread writes (compresses) the zip while this one reads
    # and rewrites the next pages.
    writes = _Writes()
    try:
        for path in paths:
            name = path.relative_to(site_dir).as_posix()
            data = path.read_bytes()
            if name.endswith(".html"):
                data = _offline_html(data.decode("utf-8"), name, base_path)
            writes.submit(archive, name, data, stored=path.suffix in STORED_SUFFIXES)
    finally:
        writes.finish()


def _offline_html(html: str, name: str, base_path: str) -> bytes:
    html = mark_offline(file_links_html(html, name, base_path, frozenset(LEFT_OUT)))
    return html.encode("utf-8", errors="xmlcharrefreplace")  # as MkDocs writes pages


class _Writes:
    """One writer thread, in order. At most WRITES_AHEAD files wait, so the copy is never all in memory."""

    def __init__(self) -> None:
        self._writer = ThreadPoolExecutor(max_workers=1)
        self._waiting: deque[Future[None]] = deque()

    def submit(self, archive: zipfile.ZipFile, name: str, data: bytes, stored: bool = False) -> None:
        info = zipfile.ZipInfo(f"{ZIP_FOLDER}/{name}", date_time=ZIP_TIME)
        info.compress_type = zipfile.ZIP_STORED if stored else zipfile.ZIP_DEFLATED
        info.external_attr = 0o644 << 16
        self._waiting.append(self._writer.submit(archive.writestr, info, data, compresslevel=COMPRESS_LEVEL))
        if len(self._waiting) > WRITES_AHEAD:
            self._waiting.popleft().result()  # raises what the write raised

    def finish(self) -> None:
        """Waits for every write; raises what one raised."""
        try:
            while self._waiting:
                self._waiting.popleft().result()
        finally:
            self._writer.shutdown(wait=True)

    def cancel(self) -> None:
        """Drops the writes not begun and waits for the one under way; errors no longer matter."""
        for write in self._waiting:
            write.cancel()
        self._waiting.clear()
        self._writer.shutdown(wait=True)
