"""The offline copy: the built site, zipped, with links that work when opened from file://.

No second MkDocs build: with directory URLs a link like "../chuyen-de/" opens a folder
listing from file://, so every relative link to a folder gets "index.html" appended.
Search, the finder and "Tháng này" load their data as scripts, which file:// allows.
The zip is reproducible: sorted names and one fixed timestamp.
"""
from __future__ import annotations

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


def file_links_html(html: str) -> str:
    return _LINK_ATTRIBUTE.sub(lambda m: f"{m.group(1)}{m.group(2)}{file_link(m.group(3))}{m.group(2)}", html)


def mark_offline(html: str) -> str:
    """Tag the page as the offline copy, so CSS can hide what only makes sense online (the zip's own link)."""
    return html.replace("<html", "<html data-tb-offline", 1)


@dataclass(frozen=True)
class OfflineCopy:
    files: int
    size: int  # bytes of the zip


def write_offline_zip(site_dir: Path) -> OfflineCopy:
    """Zip site_dir into site_dir/ban-ngoai-tuyen.zip, rewriting HTML links for file://."""
    target = site_dir / OFFLINE_ZIP
    paths = sorted(path for path in site_dir.rglob("*")
                   if path.is_file() and path.relative_to(site_dir).as_posix() not in LEFT_OUT)
    temporary = target.with_suffix(".zip.part")
    with zipfile.ZipFile(temporary, "w", compression=zipfile.ZIP_DEFLATED, compresslevel=6) as archive:
        for path in paths:
            name = path.relative_to(site_dir).as_posix()
            data = path.read_bytes()
            if name.endswith(".html"):
                data = mark_offline(file_links_html(data.decode("utf-8"))).encode("utf-8")
            info = zipfile.ZipInfo(f"{ZIP_FOLDER}/{name}", date_time=ZIP_TIME)
            info.compress_type = zipfile.ZIP_STORED if path.suffix in STORED_SUFFIXES else zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            archive.writestr(info, data)
    temporary.replace(target)
    return OfflineCopy(files=len(paths), size=target.stat().st_size)
