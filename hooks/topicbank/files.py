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


def write_site_file(path: Path, data: bytes) -> None:
    """A file of the site being built, written in place. The site folder belongs to this build (MkDocs writes its
    pages the same way, and `topicbank build` swaps the folder in only when the build succeeds); write_atomic is
    for caches, which outlive a build. A few thousand files a build: the temporary file and rename cost 0.1 ms
    each."""
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
