"""Writing output files safely: one place for every output that writes into the site or a cache."""
from __future__ import annotations

import hashlib
import os
import tempfile
from collections.abc import Iterable
from importlib import metadata
from pathlib import Path


def write_atomic(path: Path, data: bytes) -> None:
    """Write beside the target and rename, so a reader never sees half a file."""
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(data)
        os.chmod(temporary, 0o644)  # mkstemp makes 0600; the site is served to everyone
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


class KeptFolders:
    """Under `mkdocs serve`, in the outputs' worker (serve_worker.py): what each output file held when it was
    written, by its path and a hash of its bytes. The folders that only outputs write (kits, decks, meeting data)
    are set aside before MkDocs empties the site and put back before the outputs run (serve_worker.restore);
    a file whose bytes would be the same is then not written again, and a file the build did not write this
    time (an entry deleted, say) is removed from them afterwards."""

    def __init__(self) -> None:
        self.digests: dict[str, bytes] = {}  # path -> sha1 of what the last build wrote there
        self.restored: tuple[str, ...] = ()  # folders (as path prefixes ending in "/") put back for this build
        self.written: set[str] = set()

    def begin(self, restored: list[Path]) -> None:
        self.restored = tuple(f"{folder}/" for folder in restored)
        self.written = set()

    def unchanged(self, path: Path, data: bytes) -> bool:
        name = str(path)
        digest = hashlib.sha1(data, usedforsecurity=False).digest()
        self.written.add(name)
        if self.digests.get(name) == digest and name.startswith(self.restored):
            return True
        self.digests[name] = digest
        return False

    def finish(self) -> None:
        """Remove what the restored folders still hold of earlier builds; forget files not written this time."""
        stale = [name for name in self.digests if name not in self.written]
        for name in stale:
            if name.startswith(self.restored):
                path = Path(name)
                path.unlink(missing_ok=True)
                try:  # an entry's own folder (bo-tai-lieu/<id>/), now empty
                    path.parent.rmdir()
                except OSError:
                    pass
            del self.digests[name]
        self.restored = ()


serve_memory: KeptFolders | None = None  # set by the serve worker only; a build writes every file


def write_site_file(path: Path, data: bytes) -> None:
    """A file of the site being built, written in place. The site folder belongs to this build (MkDocs writes its
    pages the same way, and `topicbank build` swaps the folder in only when the build succeeds); write_atomic is
    for caches, which outlive a build. A few thousand files a build: the temporary file and rename cost 0.1 ms
    each. Under serve, a file kept from the last build with the same bytes is left as it is (KeptFolders)."""
    if serve_memory is not None and serve_memory.unchanged(path, data):
        return
    try:
        path.write_bytes(data)
    except FileNotFoundError:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)


def fingerprint(files: Iterable[Path], packages: Iterable[str]) -> str:
    """A hash of the code, assets and library versions an output depends on: a change to any rebuilds its cache."""
    digest = hashlib.sha256()
    for path in files:
        digest.update(path.name.encode())
        digest.update(path.read_bytes())
    for version in library_versions(packages):
        digest.update(version.encode())
    return digest.hexdigest()


def library_versions(packages: Iterable[str]) -> list[str]:
    """"name=version" for each installed library ("name=none" when it is not installed), for cache keys."""
    versions = []
    for package in packages:
        try:
            versions.append(f"{package}={metadata.version(package)}")
        except metadata.PackageNotFoundError:
            versions.append(f"{package}=none")
    return versions
