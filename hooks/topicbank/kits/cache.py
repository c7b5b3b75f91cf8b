"""Content-addressed cache of rendered kits: .cache/kits/<key[:2]>/<key>/<artifact>, and the print pages
(artifacts named *.html, when bundled) in one file, .cache/kits/print-pages.zip, as <key>/<artifact>.

key = hash(toolchain, kit content). The toolchain part covers this package's code, the
print stylesheet and script, the fonts, and the versions of WeasyPrint and python-docx;
the kit part is everything the kit shows (the entry, the documents it cites with their
validity, the agenda it uses). So a change anywhere a kit reads gives it a new key, and
nothing else is ever rendered twice.
"""
from __future__ import annotations

import hashlib
import io
import zipfile
from pathlib import Path

from ..files import fingerprint, write_atomic
from ..resources import ASSETS_DIR, PACKAGE_DIR
from .content import Kit

KITS_CODE_DIR = Path(__file__).resolve().parent


def toolchain_hash() -> str:
    files = sorted(KITS_CODE_DIR.glob("*.py")) + [PACKAGE_DIR / name for name in ("render/text.py", "body.py",
                                                                                   "file_info.py", "reproducible.py")]
    files += sorted((ASSETS_DIR / "kits").glob("*"))
    files += sorted((ASSETS_DIR / "fonts").glob("noto-serif-*.woff2"))
    return fingerprint(files, ("weasyprint", "python-docx", "markdown"))


class KitCache:
    def __init__(self, root: Path, toolchain: str, bundle_pages: bool = False) -> None:
        self.root = root
        self.toolchain = toolchain
        self.pages = PageBundle(root / PageBundle.NAME) if bundle_pages else None

    def key(self, kit: Kit, extra: str = "") -> str:
        """extra: anything else the files show (their metadata: file_info.FileInfo.fingerprint)."""
        digest = hashlib.sha256(self.toolchain.encode())
        digest.update(kit.fingerprint_data().encode())
        if extra:
            digest.update(b"\0" + extra.encode())
        return digest.hexdigest()[:40]

    def path(self, key: str, artifact: str) -> Path:
        return self.root / key[:2] / key / artifact

    def has(self, key: str, artifact: str) -> bool:
        if self._bundled(artifact):
            return self.pages.has(key, artifact)
        return self.path(key, artifact).is_file()

    def read(self, key: str, artifact: str) -> bytes:
        if self._bundled(artifact):
            return self.pages.read(key, artifact)
        return self.path(key, artifact).read_bytes()

    def store(self, key: str, artifact: str, data: bytes) -> None:
        if self._bundled(artifact):
            self.pages.store(key, artifact, data)
        else:
            write_atomic(self.path(key, artifact), data)

    def save(self) -> None:
        """Write what was stored in the bundle (a build calls this once, when every kit is done)."""
        if self.pages is not None:
            self.pages.save()

    def _bundled(self, artifact: str) -> bool:
        return self.pages is not None and artifact.endswith(".html")


class PageBundle:
    """The cached print pages in one zip file (stored, not compressed), read once and written once a build.

    The pages are small and many: a folder and a file for each made the kits of a cold 1,000-entry build take
    2.61 s of CPU instead of 2.18 s (medians of 6 interleaved pairs). The file is written anew with the pages this
    build used or made, and those of artifacts it did not use (`mkdocs serve`'s html-only pages beside a full
    build's, which list other downloads): so neither drops the other's, and a page no build asks for again goes at
    the next build of its kind. A file that is not a valid zip is taken as empty (the pages are made again)."""

    NAME = "print-pages.zip"

    def __init__(self, path: Path) -> None:
        self.path = path
        self._archive: zipfile.ZipFile | None = None  # the file as the build found it, open until save()
        self._held: set[str] | None = None  # its members' names
        self._new: dict[str, bytes] = {}
        self._used: set[str] = set()

    def has(self, key: str, artifact: str) -> bool:
        name = f"{key}/{artifact}"
        found = name in self._new or name in self._names()
        if found:
            self._used.add(name)
        return found

    def read(self, key: str, artifact: str) -> bytes:
        name = f"{key}/{artifact}"
        if name in self._new:
            return self._new[name]
        self._names()
        assert self._archive is not None, "has() said the bundle holds it"
        return self._archive.read(name)

    def store(self, key: str, artifact: str, data: bytes) -> None:
        self._new[f"{key}/{artifact}"] = data  # from the kits' writer thread: one dict item, safe under the GIL

    def save(self) -> None:
        held = self._names()
        used_artifacts = {name.split("/", 1)[1] for name in self._used | set(self._new)}
        kept = sorted(name for name in held if name not in self._new
                      and (name in self._used or name.split("/", 1)[1] not in used_artifacts))
        changed = bool(self._new) or len(kept) < len(held)  # else the file stays as it is
        entries = {name: self._archive.read(name) for name in kept} if changed and self._archive is not None else {}
        if self._archive is not None:
            self._archive.close()  # before the file is replaced: Windows will not replace an open file
        if changed:
            entries.update(self._new)
            buffer = io.BytesIO()  # a few MB: written whole, beside the file, then renamed over it
            with zipfile.ZipFile(buffer, "w", zipfile.ZIP_STORED) as archive:
                for name in sorted(entries):
                    archive.writestr(zipfile.ZipInfo(name, date_time=(1980, 1, 1, 0, 0, 0)), entries[name])
            try:
                write_atomic(self.path, buffer.getvalue())
            except PermissionError:
                # Windows will not replace a file another process has open (a `mkdocs serve` beside this build, on
                # the same cache): this build's pages are simply not kept, and are made again next time.
                pass
        self._archive, self._held, self._new, self._used = None, None, {}, set()  # the next build reads the file

    def _names(self) -> set[str]:
        if self._held is None:
            self._held = set()
            try:
                archive = zipfile.ZipFile(self.path)
            except (OSError, zipfile.BadZipFile):
                return self._held
            try:
                sound = archive.testzip() is None  # every member's checksum is right: reading one cannot fail
            except (OSError, zipfile.BadZipFile, EOFError):
                sound = False
            if sound:
                self._archive, self._held = archive, set(archive.namelist())
            else:
                archive.close()
        return self._held
