"""Shared fixtures: the real site built once from the real bank, a localhost server, real Chromium."""
from __future__ import annotations

import contextlib
import functools
import http.server
import os
import shutil
import subprocess
import sys
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest

try:
    import fcntl
except ImportError:  # Windows
    fcntl = None  # type: ignore[assignment]

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "hooks"))

CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync"]


def build_site(site_dir: Path, env: dict[str, str] | None = None, strict: bool = True) -> subprocess.CompletedProcess:
    """Build the real site with the project's MkDocs config into site_dir."""
    command = [sys.executable, "-m", "mkdocs", "build", "--site-dir", str(site_dir)]
    if strict:
        command.append("--strict")
    return subprocess.run(command, cwd=ROOT, capture_output=True, text=True,
                          env={**os.environ, **(env or {})}, timeout=900)


@pytest.fixture(scope="session")
def repo_root() -> Path:
    return ROOT


@pytest.fixture(scope="session")
def built_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The real bank built into a fresh folder with `mkdocs build --strict`, once per test run.

    Under pytest-xdist (scripts/dev.py test runs two workers) the first worker builds into the run's shared
    folder while the others wait on a lock, then every worker reads the same site (tests only read it)."""
    if not os.environ.get("PYTEST_XDIST_WORKER") or fcntl is None:  # one process, or no lock (Windows)
        site_dir = tmp_path_factory.mktemp("site")
        _build_or_fail(site_dir)
        return site_dir
    shared = tmp_path_factory.getbasetemp().parent  # one folder per run, shared by its workers
    site_dir, done = shared / "built-site", shared / "built-site.ok"
    with _locked(shared / "built-site.lock"):
        if not done.exists():
            _build_or_fail(site_dir)
            done.write_text("ok", encoding="utf-8")
    return site_dir


def _build_or_fail(site_dir: Path) -> None:
    result = build_site(site_dir)
    assert result.returncode == 0, f"mkdocs build failed:\n{result.stdout}\n{result.stderr}"


@contextlib.contextmanager
def _locked(path: Path) -> Iterator[None]:
    """An exclusive lock between the test workers (POSIX only: on Windows each worker builds its own site)."""
    assert fcntl is not None
    with path.open("a") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args: object) -> None:
        pass

    def end_headers(self) -> None:
        self.send_header("LinkChecker", "allow")  # lets LinkChecker make more than 10 requests a second
        super().end_headers()


def serve_directory(directory: Path) -> tuple[http.server.ThreadingHTTPServer, str]:
    handler = functools.partial(_QuietHandler, directory=str(directory))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server, f"http://127.0.0.1:{server.server_address[1]}/"


class _SubPathHandler(_QuietHandler):
    """Serves the folder under one sub-path only, as GitHub Pages serves a project site (/REPO/…), and answers a
    missing file with the site's 404.html and status 404, as Pages does."""

    prefix = "/"

    def translate_path(self, path: str) -> str:
        if not path.startswith(self.prefix):
            return str(Path(self.directory) / ".." / "outside-the-sub-path")  # no such file: a 404
        return super().translate_path("/" + path[len(self.prefix):])

    def send_error(self, code: int, message: str | None = None, explain: str | None = None) -> None:
        page = Path(self.directory) / "404.html"
        if code != 404 or not page.is_file():
            return super().send_error(code, message, explain)
        body = page.read_bytes()
        self.send_response(404)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)


def serve_directory_under(directory: Path, prefix: str, port: int = 0) -> tuple[http.server.ThreadingHTTPServer, str]:
    """Like serve_directory, at http://127.0.0.1:PORT/<prefix>/ (the folder may be filled after the server
    starts: the address is known first, so a build can be given it as its site_url)."""
    prefix = "/" + prefix.strip("/") + "/"
    handler = functools.partial(type("Handler", (_SubPathHandler,), {"prefix": prefix}), directory=str(directory))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", port), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server, f"http://127.0.0.1:{server.server_address[1]}{prefix}"


@pytest.fixture(scope="session")
def site_url(built_site: Path) -> Iterator[str]:
    server, url = serve_directory(built_site)
    yield url
    server.shutdown()


@pytest.fixture(scope="session")
def browser() -> Iterator[object]:
    if not Path(CHROMIUM).exists() and not shutil.which("chromium"):
        pytest.fail(f"Chromium not found at {CHROMIUM}: install Debian's chromium (see .ci/run).")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture()
def page(browser: object) -> Iterator[object]:
    """A fresh page that records every request leaving localhost in page.outside_requests."""
    context = browser.new_context(locale="vi-VN", viewport={"width": 1280, "height": 900})
    page = context.new_page()
    outside: list[str] = []

    def watch(request: object) -> None:
        url = request.url
        if not url.startswith(("http://127.0.0.1", "http://localhost", "data:", "blob:", "file:", "about:")):
            outside.append(url)

    page.on("request", watch)
    page.outside_requests = outside
    yield page
    context.close()
