"""Small text helpers shared by every renderer: escaping, Vietnamese dates, URLs."""
from __future__ import annotations

import datetime as dt
import html
import functools
import json
import posixpath
import re
from collections.abc import Callable
from dataclasses import dataclass, field


def esc(value: object) -> str:
    """Escape any front-matter value for HTML text and attributes."""
    return html.escape(str(value), quote=True)


# Matched at "id=" and looked back for the space before it: a pattern opening with \s is tried at every character of
# the page (five times slower on entry pages). Same matches as \sid=["']([^"']+)["'].
_ID = re.compile(r"""id=(?<=\sid=)["']([^"']+)["']""")


def anchor_ids(html_text: str) -> set[str]:
    """Every id="…" in a page's HTML (MkDocs checks links to #anchors against these)."""
    return set(_ID.findall(html_text))


def yaml_string(value: str) -> str:
    """A YAML scalar that reads back as exactly `value` (JSON strings are valid YAML)."""
    return json.dumps(value, ensure_ascii=False)


def meta_string(value: str) -> str:
    """A page-meta value (title, description) for a generated page's front matter. MkDocs and Material write
    these into HTML unescaped (the header, <meta name="description" content="…">), so escape them here."""
    return yaml_string(esc(value))


def vn_date(value: dt.date | str | None) -> str:
    """16/6/2022; a partial date (2025-09, 2025) becomes tháng 9/2025 or năm 2025."""
    if value is None:
        return ""
    if isinstance(value, dt.date):
        return f"{value.day}/{value.month}/{value.year}"
    parts = [int(part) for part in str(value).split("-")]
    if len(parts) == 3:
        return f"{parts[2]}/{parts[1]}/{parts[0]}"
    if len(parts) == 2:
        return f"tháng {parts[1]}/{parts[0]}"
    return f"năm {parts[0]}"


def vn_date_long(value: dt.date | str | None) -> str:
    """ngày 16/6/2022, tháng 9/2025 or năm 2025."""
    text = vn_date(value)
    return f"ngày {text}" if text and text[0].isdigit() else text


def minutes_text(minutes: int | None) -> str:
    return f"{minutes} phút" if minutes else ""


@functools.lru_cache(maxsize=65536)
def _relative_path(target: str, start: str) -> str:
    """posixpath.relpath for two paths inside the site, without its two calls for the current folder (an entry
    page asks for dozens of links, and a build for tens of thousands)."""
    target, start = posixpath.normpath(target), posixpath.normpath(start)
    if target.startswith("..") or start.startswith("..") or target.startswith("/") or start.startswith("/"):
        return posixpath.relpath(target, start)  # not a site path: as posixpath says
    target_parts = [part for part in target.split("/") if part != "."]
    start_parts = [part for part in start.split("/") if part != "."]
    common = 0
    for mine, theirs in zip(target_parts, start_parts):
        if mine != theirs:
            break
        common += 1
    parts = [".."] * (len(start_parts) - common) + target_parts[common:]
    return "/".join(parts) if parts else "."


@dataclass(frozen=True)
class Urls:
    """Where generated pages live and how pages link to each other."""

    use_directory_urls: bool = True
    site_url: str | None = None  # the published address (mkdocs.yml's site_url), ending in "/"; None when unknown

    def absolute(self, url: str) -> str | None:
        """A site URL ("muc/x/") as the full published address, or None when the site's address is unknown."""
        return f"{self.site_url.rstrip('/')}/{url}" if self.site_url else None

    def entry_src(self, entry_id: str) -> str:
        return f"muc/{entry_id}.md"

    def page_url(self, src_uri: str) -> str:
        """The site URL of a Markdown file, as MkDocs computes it."""
        stem = src_uri[:-3]
        if stem == "index" or stem.endswith("/index"):
            folder = stem[:-5]
            return folder if self.use_directory_urls else f"{folder}index.html"
        return f"{stem}/" if self.use_directory_urls else f"{stem}.html"

    def href(self, from_src: str, to_url: str) -> str:
        """A relative link from the page built from from_src to a site URL."""
        from_url = self.page_url(from_src)
        base = from_url.rstrip("/") if from_url.endswith("/") or not from_url else posixpath.dirname(from_url)
        relative = _relative_path(to_url.rstrip("/") or ".", base or ".")
        if to_url.endswith("/") or not to_url:
            relative = "./" if relative == "." else relative + "/"
        return relative


@dataclass(frozen=True)
class GeneratedPage:
    """A page the bank adds to the site. MkDocs converts `content` (front matter, and an entry's own body);
    `html`, given what MkDocs made of that, returns the page's content with the generated parts, so
    generated HTML never goes through Markdown."""

    src_uri: str
    content: str
    html: Callable[[str], str] | None = None
    # What the generated parts are made from (page_cache.content_key), when that is cheaper to get than the
    # parts themselves: `mkdocs serve` keys a page by it. None: the page is keyed by html(placeholder).
    parts_key: Callable[[], bytes | None] | None = None


@dataclass(frozen=True)
class Link:
    """A link for a template: href None means plain text; external links get rel="noopener noreferrer"."""

    title: str
    href: str | None = None
    external: bool = False


@dataclass
class EntryLinks:
    """Links other outputs (kits, slides, quiz) add to an entry: group -> format -> site URL."""

    groups: dict[str, dict[str, str]] = field(default_factory=dict)
