"""The offline copy: the built site, zipped, with links that work when opened from file://.

No second MkDocs build: with directory URLs a link like "../chuyen-de/" opens a folder
listing from file://, so every relative link to a folder gets "index.html" appended. The 404
page is the one page MkDocs writes with root-absolute links ("/REPO/assets/…", from site_url's
path); in the copy they become relative too. A link to a file the copy does not hold (the zip
itself, the sitemap) loses its href, so nothing in the copy points at a missing file.
Search, the finder and "Tháng này" load their data as scripts, which file:// allows.
This module rewrites pages; offline_zip.py makes the zip.
"""
from __future__ import annotations

import functools
import posixpath
import re

OFFLINE_ZIP = "ban-ngoai-tuyen.zip"
ZIP_FOLDER = "ban-ngoai-tuyen"  # the folder the zip unpacks into
# Not needed offline: Material's own search index (our search uses search/tb-index.js) and the sitemaps.
LEFT_OUT = {OFFLINE_ZIP, "search/search_index.json", "sitemap.xml", "sitemap.xml.gz"}
# The pages are rewritten as the UTF-8 bytes the copy holds: no decoding and encoding again, and a pattern searches
# bytes faster than text. Matched at the "=" and looked back for the attribute's name: a pattern opening with \s is
# tried at every character of the page (about 4x slower on 2,500 pages). Same matches as
# (\s(?:href|src|action)=)(["'])([^"']*)\2.
_LINK_ATTRIBUTE = re.compile(rb"""=(?:(?<=\shref=)|(?<=\ssrc=)|(?<=\saction=))(["'])([^"']*)\1""")
_ANCHOR = re.compile(rb"<a\s[^>]*>", re.I)
_HREF = re.compile(r"""\shref=(["'])([^"']*)\1""")
_DOWNLOAD = re.compile(r"""\sdownload(?:=(["'])[^"']*\1)?(?=[\s>])""")


# A font preload, with its line's indentation (_drop_font_preloads adds that: a pattern opening with [ \t]* would be
# tried at every character of the page).
_FONT_PRELOAD = re.compile(rb'<link rel="preload"[^>]*as="font"[^>]*>\n?')
_ENCODING = ("utf-8", "surrogateescape")  # a link's bytes as text and back, whatever they hold


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


@functools.lru_cache(maxsize=1 << 16)
def _file_link_bytes(url: bytes) -> bytes:
    return file_link(url.decode(*_ENCODING)).encode(*_ENCODING)


def file_links_html(html: str, page: str = "index.html", base_path: str = "/",
                    missing: frozenset[str] = frozenset()) -> str:
    """file_links on text."""
    return file_links(html.encode("utf-8", "surrogatepass"), page, base_path, missing).decode("utf-8", "surrogatepass")


def file_links(html: bytes, page: str = "index.html", base_path: str = "/",
               missing: frozenset[str] = frozenset()) -> bytes:
    """Every link of the page `page` (a path in the site; the page in UTF-8) made to work from file://; `missing`
    are site paths the copy does not hold: links to them lose their href (and download) attributes."""
    def rewrite(match: re.Match[bytes]) -> bytes:
        quote, url = match.group(1, 2)
        if url.startswith(b"/"):  # root-absolute: the 404 page's (relpath asks for the cwd: only where needed)
            link = file_link(relative_to_page(url.decode(*_ENCODING), page, base_path)).encode(*_ENCODING)
        else:
            link = _file_link_bytes(url)
        return b"=" + quote + link + quote

    html = _LINK_ATTRIBUTE.sub(rewrite, html)
    # A font preload is a CORS request, which file:// refuses; the stylesheet loads the same font without it.
    html = _drop_font_preloads(html)
    # Material's scripts read the site's root from its __config; the 404 page gives it as a root-absolute path
    absolute_base = f'"base": "{base_path}"'.encode()
    if absolute_base in html:  # the page's way up to the site's root only where needed
        up = posixpath.relpath(".", posixpath.dirname(page) or ".")
        html = html.replace(absolute_base, f'"base": "{up}"'.encode())
    if missing and _may_link_to(html, page, missing):
        html = _ANCHOR.sub(lambda match: _unlink(match.group(0).decode(*_ENCODING), page, missing).encode(*_ENCODING),
                           html)
    return html


def _may_link_to(html: bytes, page: str, missing: frozenset[str]) -> bool:
    """False when no link of the page can reach a missing path: its last part appears nowhere in the page, and the
    page's own folder is not inside one (a link "." or ".." to it)."""
    return any(path.rsplit("/", 1)[-1].encode() in html or page.startswith(path + "/") for path in missing)


def _drop_font_preloads(html: bytes) -> bytes:
    """The page without its font preloads, each with the spaces and tabs before it (as [ \t]*<link … would)."""
    kept, end = [], 0
    for match in _FONT_PRELOAD.finditer(html):
        start = match.start()
        while start > end and html[start - 1] in b" \t":
            start -= 1
        kept.append(html[end:start])
        end = match.end()
    kept.append(html[end:])
    return b"".join(kept)


def _unlink(tag: str, page: str, missing: frozenset[str]) -> str:
    href = _HREF.search(tag)
    if href is None or ":" in href.group(2).split("/")[0] or href.group(2).startswith(("#", "/")):
        return tag
    target = posixpath.normpath(posixpath.join(posixpath.dirname(page), href.group(2).split("#")[0].split("?")[0]))
    if target not in missing:
        return tag
    return _DOWNLOAD.sub("", _HREF.sub("", tag, count=1))


def offline_html(html: str, name: str, base_path: str) -> bytes:
    """The page at `name`, as the copy holds it: encoded as MkDocs writes pages, then offline_page."""
    return offline_page(html.encode("utf-8", errors="xmlcharrefreplace"), name, base_path)


def offline_page(html: bytes, name: str, base_path: str) -> bytes:
    """The page at `name` (UTF-8), as the copy holds it: links that work from file://, and tagged as the offline
    copy, so CSS can hide what only makes sense online (the zip's own link)."""
    return file_links(html, name, base_path, frozenset(LEFT_OUT)).replace(b"<html", b"<html data-tb-offline", 1)
