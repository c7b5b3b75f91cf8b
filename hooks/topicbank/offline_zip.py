"""The offline copy's zip (offline.py rewrites its pages), made in parts while the site is built.

Rewriting and compressing a few thousand files takes seconds, so none of it waits for the last page:
- the outputs' process zips the folders it wrote and the static files (start_offline_zip); once MkDocs has
  written every page, the build takes its share of those files in turn (zip_in_turns, background.py);
- the pages are zipped as MkDocs writes them (PageStream): by the outputs' process once it has nothing else
  to do, by a thread of the build until then (background.py);
- write_offline_zip zips what is left, then joins every part into ban-ngoai-tuyen.zip, entry by entry as
  stored (nothing is compressed twice), in the order of the names. So the zip is reproducible, whichever
  process zipped what: one fixed timestamp, names sorted, the same compression of the same bytes.

Deflate is ISA-L's (python-isal), not zlib's: at its level 3 it compresses the 1,000-entry site's files in 0.21 s
of CPU instead of zlib's 0.92 s at level 4, for a zip 5 % larger. Any unzip reads it: it is plain deflate. Its bytes
are the same on every run of one machine; ISA-L picks its code by the processor, so another kind of processor may
compress the same page into other (equally valid) bytes, as another zlib build may.
"""
from __future__ import annotations

import contextlib
import os
import struct
import zipfile
from collections import deque
from collections.abc import Callable, Iterable
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

from isal import isal_zlib

from .offline import LEFT_OUT, OFFLINE_ZIP, ZIP_FOLDER, offline_html, offline_page
from .turns import turns

ZIP_TIME = (2026, 1, 1, 0, 0, 0)
COMPRESS_LEVEL = 3  # ISA-L's highest
WRITES_AHEAD = 16
# Already compressed: storing them as they are saves most of the zip's build time and costs a few bytes.
STORED_SUFFIXES = {".pdf", ".docx", ".pptx", ".woff2", ".png", ".jpg", ".jpeg", ".gz", ".zip", ".webp"}
PART_SUFFIX = ".zip.part"
FOLDERS_PART = f"ban-ngoai-tuyen.thu-muc{PART_SUFFIX}"  # start_offline_zip's
HELPER_FOLDERS_PART = f"ban-ngoai-tuyen.thu-muc-2{PART_SUFFIX}"  # the build's share of the same files
FOLDERS_LIST = "ban-ngoai-tuyen.thu-muc.txt"  # the files both take turns at, one a line
PAGES_PART = f"ban-ngoai-tuyen.trang{PART_SUFFIX}"  # the build's PageStream
BACKGROUND_PAGES_PART = f"ban-ngoai-tuyen.trang-2{PART_SUFFIX}"  # the outputs' process's PageStream
REST_PART = f"ban-ngoai-tuyen.con-lai{PART_SUFFIX}"
PARTS = (FOLDERS_PART, HELPER_FOLDERS_PART, PAGES_PART, BACKGROUND_PAGES_PART, REST_PART)
_LOCAL_HEADER = struct.Struct("<4s5H3L2H")  # a zip entry's local header: its last two fields are the name's and
# the extra field's lengths


@dataclass(frozen=True)
class OfflineCopy:
    files: int
    size: int  # bytes of the zip


class ZipPart:
    """A zip written by one thread, in order, while the caller goes on: ISA-L lets go of the GIL while it compresses.
    At most WRITES_AHEAD files wait, so a part is never all in memory."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.names: set[str] = set()
        path.parent.mkdir(parents=True, exist_ok=True)  # a first build: MkDocs makes the site folder later
        self._archive = zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED)
        self._writer = ThreadPoolExecutor(max_workers=1)
        self._waiting: deque[Future[None]] = deque()

    def add(self, name: str, data: bytes, stored: bool = False) -> None:
        """The file at `name` (its path in the site), as the copy holds it."""
        if name in self.names:
            return
        self.names.add(name)
        info = zipfile.ZipInfo(f"{ZIP_FOLDER}/{name}", date_time=ZIP_TIME)
        info.compress_type = zipfile.ZIP_STORED if stored else zipfile.ZIP_DEFLATED
        info.external_attr = 0o644 << 16
        self._waiting.append(self._writer.submit(self._write, info, data))
        if len(self._waiting) > WRITES_AHEAD:
            self._waiting.popleft().result()  # raises what the write raised

    def _write(self, info: zipfile.ZipInfo, data: bytes) -> None:
        """One entry, compressed here (zipfile would use zlib) and appended as ZipFile.writestr appends it."""
        stored = info.compress_type == zipfile.ZIP_STORED
        payload = data if stored else isal_zlib.compress(data, COMPRESS_LEVEL, wbits=-15)  # raw deflate, as in a zip
        info.CRC, info.file_size, info.compress_size = isal_zlib.crc32(data), len(data), len(payload)
        _append(self._archive, info, info.FileHeader() + payload)

    def add_files(self, site_dir: Path, names: list[str], base_path: str) -> None:
        for name in names:
            data = (site_dir / name).read_bytes()
            if name.endswith(".html"):
                data = offline_page(data, name, base_path)
            self.add(name, data, stored=Path(name).suffix in STORED_SUFFIXES)

    def close(self) -> None:
        """Waits for the last writes; the part is then complete. Raises what a write raised."""
        try:
            while self._waiting:
                self._waiting.popleft().result()
        finally:
            self._writer.shutdown(wait=True)
            self._archive.close()

    def discard(self) -> None:
        """A failed build: drop the writes not begun, wait for the one under way, remove the part."""
        for write in self._waiting:
            write.cancel()
        self._waiting.clear()
        self._writer.shutdown(wait=True)
        self._archive.close()
        self.path.unlink(missing_ok=True)


class PageStream(ZipPart):
    """Pages as MkDocs writes them, their links rewritten for file:// here."""

    def __init__(self, path: Path, base_path: str = "/") -> None:
        super().__init__(path)
        self.base_path = base_path

    def add_page(self, name: str, html: str) -> None:
        if html and not html.isspace():  # as MkDocs, which writes no empty page
            self.add(name, offline_html(html, name, self.base_path))

    def add_encoded_page(self, name: str, data: bytes) -> None:
        """A page as MkDocs writes it: UTF-8, with a character reference for what UTF-8 cannot encode."""
        if data and not data.isspace():
            self.add(name, offline_page(data, name, self.base_path))


def start_offline_zip(site_dir: Path, folders: tuple[str, ...], base_path: str = "/",
                      later: tuple[str, ...] = (), ready: Callable[[], object] | None = None,
                      take: Callable[[int], slice | None] | None = None) -> int:
    """Zip the files of `folders` (those only the outputs write: kits, decks), which are complete before MkDocs has
    finished the pages, and, once `ready()` returns, those of `later` (the static files MkDocs copies before it
    renders pages). Returns how many files this part holds.

    take: shared with another process (background.py), which zips the rest of the same files: the files are listed
    in FOLDERS_LIST, and each process zips the slices take(number of files) hands it, until it hands None."""
    names = _files_in(site_dir, folders)
    if later and ready is not None:
        ready()
        names += _files_in(site_dir, later)
    if take is None:
        return zip_in_turns(site_dir, names, FOLDERS_PART, base_path, [slice(0, len(names))])
    (site_dir / FOLDERS_LIST).write_text("".join(f"{name}\n" for name in names), encoding="utf-8")
    return zip_in_turns(site_dir, names, FOLDERS_PART, base_path, turns(take, len(names)))


def listed_files(site_dir: Path) -> list[str]:
    """The files start_offline_zip listed for zipping in turns."""
    return (site_dir / FOLDERS_LIST).read_text(encoding="utf-8").splitlines()


def zip_in_turns(site_dir: Path, names: list[str], part_name: str, base_path: str, slices: Iterable[slice]) -> int:
    """Zip into the part `part_name` the files of `names` in `slices`. Returns how many files the part holds."""
    part = ZipPart(site_dir / part_name)
    try:
        for turn in slices:
            part.add_files(site_dir, names[turn], base_path)
    except BaseException:
        part.discard()
        raise
    part.close()
    return len(part.names)


def write_offline_zip(site_dir: Path, base_path: str = "/", zipped_folders: tuple[str, ...] = ()) -> OfflineCopy:
    """Zip what no part holds yet, then join the parts into site_dir/ban-ngoai-tuyen.zip and remove them.
    base_path: the path of the site's address (site_url), which MkDocs puts before the 404 page's links.
    zipped_folders: top-level folders start_offline_zip has zipped, which nothing writes to afterwards (not looked
    into again)."""
    parts = {site_dir / name: _entries(site_dir / name) for name in PARTS if (site_dir / name).exists()}
    done = set(LEFT_OUT) | set(PARTS) | {f"{OFFLINE_ZIP}.part", FOLDERS_LIST}
    for entries in parts.values():
        done |= {info.filename.removeprefix(f"{ZIP_FOLDER}/") for info in entries}
    rest = sorted(name for name in _site_files(site_dir, set(zipped_folders)) if name not in done)
    zip_in_turns(site_dir, rest, REST_PART, base_path, [slice(0, len(rest))])
    parts[site_dir / REST_PART] = _entries(site_dir / REST_PART)
    target = site_dir / OFFLINE_ZIP
    temporary = site_dir / f"{OFFLINE_ZIP}.part"
    files = _join(parts, temporary)
    temporary.replace(target)
    for path in parts:
        path.unlink()
    (site_dir / FOLDERS_LIST).unlink(missing_ok=True)
    return OfflineCopy(files=files, size=target.stat().st_size)


def _append(archive: zipfile.ZipFile, info: zipfile.ZipInfo, entry: bytes) -> None:
    """An entry's bytes (its local header, name and data), written at the end of `archive` and listed at that offset;
    the zip writes the central directory when it closes.

    zipfile has no public way to add an entry it did not compress itself. start_dir and _didModify are the two
    attributes it keeps for that (the same in Python 3.11 to 3.13)."""
    info.header_offset = archive.fp.tell()
    archive.fp.write(entry)
    archive.filelist.append(info)
    archive.NameToInfo[info.filename] = info
    archive.start_dir = archive.fp.tell()
    archive._didModify = True  # noqa: SLF001 - see the docstring


def _entries(path: Path) -> list[zipfile.ZipInfo]:
    with zipfile.ZipFile(path) as archive:
        return archive.infolist()


def _join(parts: dict[Path, list[zipfile.ZipInfo]], target: Path) -> int:
    """Every entry of the zips `parts` (each with its entries, as read once), copied as stored into a new zip at
    `target`, sorted by name. The entries are listed at their new offsets in place: the parts are removed after."""
    with contextlib.ExitStack() as stack, zipfile.ZipFile(target, "w") as joined:
        entries = []
        for path, infos in parts.items():
            raw = stack.enter_context(path.open("rb"))
            entries += [(info.filename, info, raw) for info in infos]
        entries.sort(key=lambda entry: entry[0])
        for _, info, raw in entries:
            raw.seek(info.header_offset)
            header = raw.read(_LOCAL_HEADER.size)
            name_length, extra_length = _LOCAL_HEADER.unpack(header)[-2:]
            assert not info.flag_bits & 0x08, "writestr to a file writes no data descriptor"
            body = raw.read(name_length + extra_length + info.compress_size)
            _append(joined, info, header + body)
        return len(entries)


def _files_in(site_dir: Path, folders: tuple[str, ...]) -> list[str]:
    return sorted(f"{folder}/{name}" for folder in folders if (site_dir / folder).is_dir()
                  for name in _site_files(site_dir / folder, set()))


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
