"""The offline copy: the built site, zipped, with links that work when opened from file://.

No second MkDocs build: with directory URLs a link like "../chuyen-de/" opens a folder
listing from file://, so every relative link to a folder gets "index.html" appended. The 404
page is the one page MkDocs writes with root-absolute links ("/REPO/assets/…", from site_url's
path); in the copy they become relative too. A link to a file the copy does not hold (the zip
itself, the sitemap) loses its href, so nothing in the copy points at a missing file.
Search, the finder and "Tháng này" load their data as scripts, which file:// allows.
The zip is reproducible: sorted names and one fixed timestamp.
"""
from __future__ import annotations

import posixpath
import re
import zipfile
from dataclasses import dataclass
from pathlib import Path

OFFLINE_ZIP = "ban-ngoai-tuyen.zip"
ZIP_FOLDER = "ban-ngoai-tuyen"
# Not needed offline: Material's own search index (our search uses search/tb-index.js) and the sitemaps.
LEFT_OUT = {OFFLINE_ZIP, "search/search_index.json", "sitemap.xml", "sitemap.xml.gz"}
ZIP_TIME = (2026, 1, 1, 0, 0, 0)
# Already compressed: storing them as they are saves most of the zip's build time and costs a few bytes.
STORED_SUFFIXES = {".pdf", ".docx", ".pptx", ".woff2", ".png", ".jpg", ".jpeg", ".gz", ".zip", ".webp"}
_LINK_ATTRIBUTE = re.compile(r"""(\s(?:href|src|action)=)(["'])([^"']*)\2""")
_ANCHOR = re.compile(r"<a\s[^>]*>", re.I)
_HREF = re.compile(r"""\shref=(["'])([^"']*)\1""")
_DOWNLOAD = re.compile(r"""\sdownload(?:=(["'])[^"']*\1)?(?=[\s>])""")


_FONT_PRELOAD = re.compile(r'[ \t]*<link rel="preload"[^>]*as="font"[^>]*>\n?')


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
        return f"{match.group(1)}{match.group(2)}{file_link(relative_to_page(match.group(3), page, base_path))}{match.group(2)}"

    html = _LINK_ATTRIBUTE.sub(rewrite, html)
    # A font preload is a CORS request, which file:// refuses; the stylesheet loads the same font without it.
    html = _FONT_PRELOAD.sub("", html)
    # Material's scripts read the site's root from its __config; the 404 page gives it as a root-absolute path
    html = html.replace(f'"base": "{base_path}"', f'"base": "{posixpath.relpath(".", posixpath.dirname(page) or ".")}"')
    if missing:
        html = _ANCHOR.sub(lambda match: _unlink(match.group(0), page, missing), html)
    return html


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


def write_offline_zip(site_dir: Path, base_path: str = "/") -> OfflineCopy:
    """Zip site_dir into site_dir/ban-ngoai-tuyen.zip, rewriting HTML links for file://. base_path: the path of
    the site's address (site_url), which MkDocs puts before the 404 page's links."""
    target = site_dir / OFFLINE_ZIP
    paths = sorted(path for path in site_dir.rglob("*")
                   if path.is_file() and path.relative_to(site_dir).as_posix() not in LEFT_OUT)
    temporary = target.with_suffix(".zip.part")
    with zipfile.ZipFile(temporary, "w", compression=zipfile.ZIP_DEFLATED, compresslevel=6) as archive:
        for path in paths:
            name = path.relative_to(site_dir).as_posix()
            data = path.read_bytes()
            if name.endswith(".html"):
                html = file_links_html(data.decode("utf-8"), name, base_path, frozenset(LEFT_OUT))
                data = mark_offline(html).encode("utf-8")
            info = zipfile.ZipInfo(f"{ZIP_FOLDER}/{name}", date_time=ZIP_TIME)
            info.compress_type = zipfile.ZIP_STORED if path.suffix in STORED_SUFFIXES else zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            archive.writestr(info, data)
    temporary.replace(target)
    return OfflineCopy(files=len(paths), size=target.stat().st_size)
