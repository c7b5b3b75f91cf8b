"""Rebuilds under `mkdocs serve`: a content-keyed memory of the finished pages of the previous build.

After one entry is saved, MkDocs rebuilds the whole site. Most generated pages come out exactly as before,
and converting their Markdown and rendering the theme around it is most of a build's time. So the plugin
keeps, for each generated page, the final HTML the previous build wrote and the key it was made from;
when the key is unchanged, the page skips Markdown and the theme (mkdocs_site.py gives MkDocs an empty body
and a template that only prints the kept HTML).

The key is everything that page's output depends on:
- the site: mkdocs.yml, the site's address, the package's code, fragments, theme partials and assets, the
  versions of MkDocs, Material and Python-Markdown, every file of docs/ (the theme's overrides, the
  hand-written pages, whose titles can be in the navigation), the list of every page of the site and the
  text of every generated page that is not an entry (the index pages are in the navigation);
- the page: its Markdown (front matter and body) and what its generated parts are made from, which holds
  everything it shows of other entries (titles, citing documents, related entries): for an entry page and an
  index page the template's values (content_key), for another page its generated HTML with a
  placeholder for the body; and its "edit this page" address.
Any change there makes a new key, and that page is rendered as in a full build; a cold build (a new
process: `mkdocs build`, CI) never has a memory, so it renders everything. tests/test_serve.py compares a
served site after an edit with a full build of the same bank, file by file.

No MkDocs import here: mkdocs_site.ServedPages does the MkDocs part.
"""
from __future__ import annotations

import hashlib
import os
import pickle
import shutil
import threading
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath

from .files import library_versions
from .resources import PACKAGE_DIR

PLACEHOLDER = "\x00topicbank-body\x00"  # stands for the converted body when a page's generated HTML is keyed
CACHED_TEMPLATE = "topicbank-cached.html"  # theme/topicbank-cached.html: prints page.content, nothing else
_PACKAGES = ("mkdocs", "mkdocs-material", "markdown", "pymdown-extensions", "jinja2")


@dataclass(frozen=True)
class Finished:
    key: str
    output: str  # the page as written to the site
    anchors: frozenset[str] | None  # page.present_anchor_ids, for other pages' links to #ids in it
    title: str | None = None  # the page's title, as MkDocs found it


def _digest(*parts: str | bytes) -> hashlib._Hash:
    digest = hashlib.sha256()
    for part in parts:
        data = part.encode("utf-8", "surrogatepass") if isinstance(part, str) else part
        digest.update(len(data).to_bytes(8, "little"))
        digest.update(data)
    return digest


def content_key(values: object) -> bytes | None:
    """Plain values (dataclasses, lists, dicts, strings, numbers, dates) as bytes, by pickle: equal bytes come
    only from equal values, so an unchanged key means unchanged generated parts. (Equal values filled in another
    order, a set say, can give other bytes: the page is then rendered again, which is only slower.) The key lives
    in one process (`mkdocs serve`) and is never stored. None when a value cannot be pickled (a lambda, say):
    the caller keys the page by its rendered parts instead. Pickle takes half the time of canonical JSON."""
    try:
        return pickle.dumps(values, protocol=pickle.HIGHEST_PROTOCOL)
    except (pickle.PicklingError, TypeError, AttributeError):
        return None


def code_fingerprint() -> str:
    """The package's own files (code, fragments, theme, assets) by name, size and time, and the libraries."""
    digest = _digest()
    for path in sorted(PACKAGE_DIR.rglob("*")):
        if path.is_file() and "__pycache__" not in path.parts:
            stat = path.stat()
            digest.update(f"{path.relative_to(PACKAGE_DIR)}:{stat.st_size}:{stat.st_mtime_ns}\n".encode())
    for version in library_versions(_PACKAGES):
        digest.update(f"{version}\n".encode())
    return digest.hexdigest()


def folder_fingerprint(folder: Path) -> str:
    """Every file under a folder (the site's docs/) by path, size and time."""
    digest = _digest()
    if folder.is_dir():
        for root, dirs, names in os.walk(folder):
            dirs.sort()
            for name in sorted(names):
                path = Path(root) / name
                stat = path.stat()
                digest.update(f"{path.relative_to(folder)}:{stat.st_size}:{stat.st_mtime_ns}\n".encode())
    return digest.hexdigest()


@dataclass
class PageCache:
    """Lives in the plugin, so from one `mkdocs serve` rebuild to the next; empty in every new process."""

    finished: dict[str, Finished] = field(default_factory=dict)  # src_uri -> the previous build's page
    keys: dict[str, str] = field(default_factory=dict)  # this build: src_uri -> key
    site: str = ""  # this build's site part of every key
    hits: int = 0
    renders: int = 0

    def start(self, *site_parts: str | bytes) -> None:
        """A new build: the parts every page's output depends on (see the module's docstring)."""
        self.site = _digest(*site_parts).hexdigest()
        self.keys = {}
        self.hits = self.renders = 0

    def add_site_parts(self, *parts: str | bytes) -> None:
        self.site = _digest(self.site, *parts).hexdigest()

    def key(self, src_uri: str, markdown: str, generated: str | bytes, edit_url: str | None) -> str:
        key = _digest(self.site, src_uri, markdown, generated, edit_url or "").hexdigest()
        self.keys[src_uri] = key
        return key

    def kept(self, src_uri: str) -> Finished | None:
        """The previous build's page when its key is this build's, else None (the page is rendered)."""
        key = self.keys.get(src_uri)
        found = self.finished.get(src_uri)
        if key is not None and found is not None and found.key == key:
            self.hits += 1
            return found
        return None

    def keep(self, src_uri: str, output: str, anchors: set[str] | None, title: str | None = None) -> None:
        key = self.keys.get(src_uri)
        if key is None:
            return
        self.renders += 1
        self.finished[src_uri] = Finished(key, output, frozenset(anchors) if anchors is not None else None, title)

    def forget_others(self) -> None:
        """After a build: drop pages that no longer exist."""
        for src_uri in set(self.finished) - set(self.keys):
            del self.finished[src_uri]


def kept_folders_dir(site_dir: Path) -> Path:
    """Where a serve rebuild sets aside the folders only the outputs write, for the outputs' worker to put back."""
    return site_dir.parent / f".{site_dir.name}.kept"


def empty_site_dir_quickly(site_dir: Path, keep: tuple[str, ...] = ()) -> Path | None:
    """Move the previous build's files out of the way; `keep` (folders of the site, such as "bo-tai-lieu") go to
    kept_folders_dir instead, for the outputs' worker (serve_worker.py). Returns the folder now holding the old
    files, for remove_in_background once the build is done (None: there was no site folder).

    MkDocs empties the site folder before every build, file by file: with a few thousand pages that takes
    seconds under `mkdocs serve`, while the reader waits. A rename of each top-level entry is instant. The old
    files are deleted after the build: deleted while it ran, they slowed its own writes (1,000 entries: a rebuild
    took 1.96-3.23 s with the deletion alongside, 1.23-2.37 s with it after)."""
    if not site_dir.is_dir():
        return None
    kept = kept_folders_dir(site_dir)
    trash = _trash_dir(site_dir)
    if kept.exists():  # not put back last time: stale
        os.replace(kept, trash / kept.name)
    for folder in keep:
        if (site_dir / folder).is_dir():
            (kept / folder).parent.mkdir(parents=True, exist_ok=True)
            os.replace(site_dir / folder, kept / folder)
    for entry in list(site_dir.iterdir()):
        os.replace(entry, trash / entry.name)
    return trash


def put_back_folders(old_files: Path, site_dir: Path, pages: Iterable[str]) -> int:
    """The folders of pages that did not change (their paths in the site, "muc/x/index.html"), moved back from the
    previous build's files when a folder holds that page alone. MkDocs then writes each page over its old file
    rather than making a folder and a file: at 1,000 entries, mkdir and open took 0.55 s of a rebuild under
    cProfile. MkDocs still writes every page, so the site is what it writes, and a page that is gone is never put
    back. Returns how many folders were put back."""
    moved, made = 0, set()
    for page in pages:
        path = PurePosixPath(page)
        if path.parent == PurePosixPath("."):  # a page at the top: its folder is the site's
            continue
        source, target = old_files / path.parent, site_dir / path.parent
        try:
            if os.listdir(source) != [path.name] or target.exists():
                continue
        except OSError:  # not in the previous build
            continue
        if target.parent not in made:
            target.parent.mkdir(parents=True, exist_ok=True)
            made.add(target.parent)
        os.replace(source, target)
        moved += 1
    return moved


def delete_in_background(path: Path) -> None:
    """Move `path` out of the way at once (a rename) and delete it in a background thread."""
    trash = _trash_dir(path)
    os.replace(path, trash / path.name)
    remove_in_background(trash)


def remove_in_background(trash: Path) -> threading.Thread:
    thread = threading.Thread(target=shutil.rmtree, args=(trash,), kwargs={"ignore_errors": True}, daemon=True)
    thread.start()
    return thread


def _trash_dir(beside: Path) -> Path:
    """A new empty folder next to `beside`, for what is to be deleted."""
    trash = beside.parent / f".{beside.name}.old-{os.getpid()}-{threading.get_ident()}"
    index = 0
    while trash.exists():
        index += 1
        trash = trash.with_name(f"{trash.name}-{index}")
    trash.mkdir()
    return trash
