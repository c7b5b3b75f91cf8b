"""The offline copy: the built site, zipped, with links that work when opened from file://.

No second MkDocs build: with directory URLs a link like "../chuyen-de/" opens a folder
listing from file://, so every relative link to a folder gets "index.html" appended. The 404
page is the one page MkDocs writes with root-absolute links ("/REPO/assets/…", from site_url's
path); in the copy they become relative too. A link to a file the copy does not hold (the zip
itself, the sitemap) loses its href, so nothing in the copy points at a missing file.
Search, the finder and "Tháng này" load their data as scripts, which file:// allows.
The zip is reproducible: one fixed timestamp, and names in a fixed order (sorted; when the outputs' process
starts the zip with its folders and the static files, those first, each sorted, then the rest, sorted).
"""
from __future__ import annotations

import functools
import posixpath
import re
import zipfile
from collections import deque
from collections.abc import Callable, Mapping
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

OFFLINE_ZIP = "ban-ngoai-tuyen.zip"
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


def write_offline_zip(site_dir: Path, base_path: str = "/", pages: Mapping[str, str] | None = None,
                      started: bool = False) -> OfflineCopy:
    """Zip site_dir into site_dir/ban-ngoai-tuyen.zip, rewriting HTML links for file://. base_path: the path of
    the site's address (site_url), which MkDocs puts before the 404 page's links. pages: HTML files as the build
    wrote them, by their path in the site, so they need not be read back (a thousand pages: about 0.3 s).

    started: start_offline_zip has zipped some folders already (the outputs' second process does, while MkDocs
    renders the pages); the rest is added to that zip."""
    target = site_dir / OFFLINE_ZIP
    temporary = target.with_suffix(".zip.part")
    with zipfile.ZipFile(temporary, "a" if started else "w", compression=zipfile.ZIP_DEFLATED) as archive:
        done = {name.removeprefix(f"{ZIP_FOLDER}/") for name in archive.namelist()}
        paths = sorted(path for path in site_dir.rglob("*") if path.is_file() and path != temporary
                       and (name := path.relative_to(site_dir).as_posix()) not in LEFT_OUT and name not in done)
        _add(archive, site_dir, paths, base_path, pages or {})
        files = len(archive.namelist())
    temporary.replace(target)
    return OfflineCopy(files=files, size=target.stat().st_size)


def start_offline_zip(site_dir: Path, folders: tuple[str, ...], base_path: str = "/",
                      later: tuple[str, ...] = (), ready: Callable[[], object] | None = None) -> int:
    """Begin the offline copy with the files of `folders` (those only the outputs write: kits, decks), which are
    complete before MkDocs has finished the pages; then, once `ready()` returns, those of `later` (the static
    files MkDocs copies before it renders pages). Returns how many files it holds."""
    temporary = (site_dir / OFFLINE_ZIP).with_suffix(".zip.part")
    with zipfile.ZipFile(temporary, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        paths = _files_in(site_dir, folders)
        _add(archive, site_dir, paths, base_path, {})
        if later and ready is not None:
            ready()
            more = _files_in(site_dir, later)
            _add(archive, site_dir, more, base_path, {})
            paths += more
    return len(paths)


def _files_in(site_dir: Path, folders: tuple[str, ...]) -> list[Path]:
    return sorted(path for folder in folders if (site_dir / folder).is_dir()
                  for path in (site_dir / folder).rglob("*") if path.is_file())


def _add(archive: zipfile.ZipFile, site_dir: Path, paths: list[Path], base_path: str, pages: Mapping[str, str]) -> None:
    # zlib lets go of the GIL while it compresses, so one thread writes (compresses) the zip while this one reads
    # and rewrites the next pages. At most WRITES_AHEAD files wait, so the copy is never all in memory.
    with ThreadPoolExecutor(max_workers=1) as writer:
        waiting: deque[Future[None]] = deque()
        for path in paths:
            name = path.relative_to(site_dir).as_posix()
            if name.endswith(".html"):
                html = pages.get(name) or path.read_bytes().decode("utf-8")
                html = mark_offline(file_links_html(html, name, base_path, frozenset(LEFT_OUT)))
                data = html.encode("utf-8", errors="xmlcharrefreplace")  # as MkDocs writes pages
            else:
                data = path.read_bytes()
            info = zipfile.ZipInfo(f"{ZIP_FOLDER}/{name}", date_time=ZIP_TIME)
            info.compress_type = zipfile.ZIP_STORED if path.suffix in STORED_SUFFIXES else zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            waiting.append(writer.submit(archive.writestr, info, data, compresslevel=COMPRESS_LEVEL))
            if len(waiting) > WRITES_AHEAD:
                waiting.popleft().result()  # in order: one writer thread; raises what the write raised
        for write in waiting:
            write.result()
