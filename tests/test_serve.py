"""`mkdocs serve` rebuilds when an entry in the bank changes."""
from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def fetch(url: str) -> str | None:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return response.read().decode("utf-8")
    except OSError:
        return None


def wait_for(predicate, seconds: float) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if predicate():
            return True
        time.sleep(0.5)
    return False


@pytest.mark.slow
def test_serve_reloads_when_an_entry_changes(tmp_path: Path) -> None:
    bank = tmp_path / "topics"
    shutil.copytree(ROOT / "tests" / "examples" / "valid", bank)
    port = free_port()
    env = {**os.environ, "TOPICBANK_BANKS": str(bank), "TOPICBANK_FORMATS": "html"}
    server = subprocess.Popen([sys.executable, "-m", "mkdocs", "serve", "--dev-addr", f"127.0.0.1:{port}"],
                              cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    url = f"http://127.0.0.1:{port}/muc/vi-du-huong-dan/"
    try:
        assert wait_for(lambda: "Hướng dẫn ví dụ" in (fetch(url) or ""), 120), "serve did not come up"
        entry = bank / "vi-du-huong-dan.md"
        entry.write_text(entry.read_text(encoding="utf-8").replace("title: Hướng dẫn ví dụ", "title: Hướng dẫn đã sửa"),
                         encoding="utf-8")
        assert wait_for(lambda: "Hướng dẫn đã sửa" in (fetch(url) or ""), 120), "no rebuild after the entry changed"
    finally:
        server.terminate()
        server.wait(timeout=30)


SERVE_URL = "http://127.0.0.1:8000/"


def _site_files(site: Path) -> dict[str, bytes]:
    return {path.relative_to(site).as_posix(): path.read_bytes() for path in sorted(site.rglob("*")) if path.is_file()}


@pytest.mark.slow
def test_a_serve_rebuild_keeps_unchanged_pages_and_equals_a_full_build(tmp_path: Path,
                                                                         monkeypatch: pytest.MonkeyPatch) -> None:
    """Two builds in one process, as `mkdocs serve` runs them (the plugin instance lives on), with an entry
    edited in between: the second keeps the pages that did not change (page_cache.py), and its site is, file by
    file, the site a fresh `mkdocs build` makes of the edited bank."""
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    bank = tmp_path / "topics"
    shutil.copytree(ROOT / "tests" / "examples" / "valid", bank)
    env = {"TOPICBANK_BANKS": str(bank), "TOPICBANK_FORMATS": "html", "TOPICBANK_OFFLINE_ZIP": "0",
           "TOPICBANK_CACHE_DIR": str(tmp_path / "cache"), "SITE_URL": SERVE_URL, "NO_MKDOCS_2_WARNING": "1"}
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    served = tmp_path / "served"

    def serve_build() -> object:
        config = load_config(config_file=str(ROOT / "mkdocs.yml"), site_dir=str(served))
        config.site_url = SERVE_URL
        build(config, serve_url=SERVE_URL)
        return config.plugins["topicbank"]

    # The previous build's files are set aside before a rebuild and deleted only once it has written its pages
    # (deleted alongside, they slowed its writes): record what each deletion starts with.
    from topicbank import plugin as plugin_module

    removals: list[tuple[bool, bool]] = []  # (old files still there, new page written)

    def recorded_removal(old: Path) -> object:
        removals.append(((old / "muc" / "vi-du-huong-dan" / "index.html").is_file(),
                         (served / "muc" / "vi-du-huong-dan" / "index.html").is_file()))
        return remove_in_background(old)

    remove_in_background = plugin_module.remove_in_background
    monkeypatch.setattr(plugin_module, "remove_in_background", recorded_removal)
    first = load_config(config_file=str(ROOT / "mkdocs.yml"), site_dir=str(served))
    first.plugins.on_startup(command="serve", dirty=False)
    plugin = serve_build()
    assert plugin.served.cache.renders > 0 and plugin.served.cache.hits == 0
    deck = served / "trinh-chieu" / "vi-du-chuyen-de" / "index.html"  # does not show the entry edited below
    deck_before = deck.stat()
    unchanged_page = served / "muc" / "vi-du-van-ban" / "index.html"  # neither does this entry's page
    page_before = unchanged_page.stat()
    entry = bank / "vi-du-huong-dan.md"
    entry.write_text(entry.read_text(encoding="utf-8").replace("title: Hướng dẫn ví dụ", "title: Hướng dẫn đã sửa"),
                     encoding="utf-8")
    again = serve_build()
    assert again is plugin, "under serve the plugin instance must live from one build to the next"
    assert plugin.served.cache.hits > 0, "unchanged pages must not be rendered again"
    assert 0 < plugin.served.cache.renders < plugin.served.cache.hits + plugin.served.cache.renders
    assert "Hướng dẫn đã sửa" in (served / "muc" / "vi-du-huong-dan" / "index.html").read_text(encoding="utf-8")
    worker = plugin.worker.process  # the kits, decks and data were written by the long-lived worker (serve_worker.py)
    assert worker is not None and worker.is_alive() and worker.pid != os.getpid()
    # an unchanged page's folder is put back from the previous build, and MkDocs writes the page over its old file
    assert unchanged_page.stat().st_ino == page_before.st_ino
    deck_after = deck.stat()  # put back by the worker, not written again
    assert (deck_after.st_ino, deck_after.st_mtime_ns) == (deck_before.st_ino, deck_before.st_mtime_ns)
    full = tmp_path / "full"
    assert_same_as_full_build(served, full, env)

    # The worker puts back the kits, decks and meeting data of the last build and writes only what changed; what
    # belonged to a deleted entry must go. A theme added, then deleted: the bank is the one just built in full.
    added = bank / "vi-du-chuyen-de-them.md"
    added.write_text((bank / "vi-du-chuyen-de.md").read_text(encoding="utf-8"), encoding="utf-8")
    serve_build()
    assert (served / "bo-tai-lieu" / "vi-du-chuyen-de-them" / "index.html").is_file()
    assert (served / "trinh-chieu" / "vi-du-chuyen-de-them" / "index.html").is_file()
    added.unlink()
    serve_build()
    assert plugin.worker.process is worker, "the same worker, from one rebuild to the next"
    assert not (served / "bo-tai-lieu" / "vi-du-chuyen-de-them").exists()
    assert_same_as_full_build(served, full, env, built=True)
    plugin.on_shutdown()
    assert not worker.is_alive()
    assert removals == [(True, True)] * 3, "each rebuild deletes the old files after writing its own"
    assert not [path.name for path in tmp_path.iterdir() if ".old-" in path.name], "nothing old is left behind"


def assert_same_as_full_build(served: Path, full: Path, env: dict[str, str], built: bool = False) -> None:
    if not built:
        result = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(full)],
                                cwd=ROOT, env={**os.environ, **env}, capture_output=True, text=True, timeout=600)
        assert result.returncode == 0, result.stdout[-2000:] + result.stderr[-3000:]
    served_files, full_files = _site_files(served), _site_files(full)
    assert sorted(served_files) == sorted(full_files)
    differ = [name for name in full_files if served_files[name] != full_files[name]]
    assert differ == [], differ


def test_a_worker_that_cannot_start_leaves_the_outputs_to_the_build(tmp_path: Path) -> None:
    """A worker that dies before its first answer (it could not start) is not started again (serve_worker.py), and
    SiteBuild writes the outputs in its own process."""
    import logging

    from topicbank.serve_worker import OutputsWorker
    from topicbank.settings import BankSource, BuildSettings
    from topicbank.site import SiteBuild

    bank = tmp_path / "topics"
    shutil.copytree(ROOT / "tests" / "examples" / "valid", bank)
    site = tmp_path / "site"
    site.mkdir()
    settings = BuildSettings(banks=(BankSource("topics", bank),), site_root=tmp_path, serving=True, formats=("html",),
                             cache_dir=tmp_path / "cache")
    build = SiteBuild(settings, logging.getLogger("test"))
    build.load()
    worker = OutputsWorker()
    build.start_outputs(site, worker)
    assert worker.process is not None
    worker.process.kill()
    build.write_data(site, None)
    assert worker.unusable and worker.process is None
    assert (site / "bo-tai-lieu" / "vi-du-chuyen-de" / "index.html").is_file()  # written by the build itself
    build.start_outputs(site, worker)
    assert worker.process is None and build.background is None  # not started again
