"""Content-addressed cache of rendered kits: .cache/kits/<key>/<artifact>.

key = hash(toolchain, kit content). The toolchain part covers this package's code, the
print stylesheet and script, the fonts, and the versions of WeasyPrint and python-docx;
the kit part is everything the kit shows (the entry, the documents it cites with their
validity, the agenda it uses). So a change anywhere a kit reads gives it a new key, and
nothing else is ever rendered twice.
"""
from __future__ import annotations

import hashlib
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
    def __init__(self, root: Path, toolchain: str) -> None:
        self.root = root
        self.toolchain = toolchain

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
        return self.path(key, artifact).is_file()

    def read(self, key: str, artifact: str) -> bytes:
        return self.path(key, artifact).read_bytes()

    def store(self, key: str, artifact: str, data: bytes) -> None:
        write_atomic(self.path(key, artifact), data)
