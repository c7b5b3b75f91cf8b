"""A small static server for a built site on 127.0.0.1, compressing text with gzip as GitHub Pages does.

    with GzipServer(site_dir) as server:
        server.url  # http://127.0.0.1:<port>/

GitHub Pages sends HTML, CSS, JS, JSON, SVG, XML and calendar files gzip-compressed to a browser that
accepts gzip, with `Cache-Control: max-age=600`; WOFF2, images, PDF and ZIP go as they are (already
compressed). Lighthouse's transfer sizes are then the ones a reader's phone pays. A directory is served
as its index.html; anything else is a 404 (the site's own 404.html when there is one). Only loopback
addresses are served, and the server stops when the `with` block ends.
"""
from __future__ import annotations

import gzip
import http.server
import mimetypes
import posixpath
import threading
import urllib.parse
from functools import lru_cache
from pathlib import Path

COMPRESSED_TYPES = ("text/", "application/javascript", "application/json", "image/svg+xml", "application/xml",
                    "application/manifest+json")
EXTRA_TYPES = {".js": "application/javascript", ".mjs": "application/javascript", ".json": "application/json",
               ".woff2": "font/woff2", ".ics": "text/calendar", ".webmanifest": "application/manifest+json",
               ".svg": "image/svg+xml", ".xml": "application/xml", ".css": "text/css", ".html": "text/html"}
CACHE_CONTROL = "max-age=600"


def content_type(path: Path) -> str:
    kind = EXTRA_TYPES.get(path.suffix.lower()) or mimetypes.guess_type(path.name)[0] or "application/octet-stream"
    return f"{kind}; charset=utf-8" if kind.startswith("text/") or kind in ("application/javascript",
                                                                            "application/json") else kind


def compressible(kind: str) -> bool:
    return kind.startswith(COMPRESSED_TYPES)


@lru_cache(maxsize=4096)
def _gzipped(path: str, mtime_ns: int) -> bytes:
    return gzip.compress(Path(path).read_bytes(), compresslevel=6, mtime=0)


def resolve(root: Path, url_path: str) -> Path | None:
    """The file a URL path names inside root (a folder gives its index.html), or None."""
    clean = posixpath.normpath(urllib.parse.unquote(urllib.parse.urlsplit(url_path).path))
    parts = [part for part in clean.split("/") if part and part not in (".", "..")]
    target = root.joinpath(*parts)
    if target.is_dir():
        target = target / "index.html"
    try:
        target.resolve().relative_to(root.resolve())
    except ValueError:
        return None
    return target if target.is_file() else None


class Handler(http.server.BaseHTTPRequestHandler):
    root: Path
    protocol_version = "HTTP/1.1"

    def log_message(self, *args: object) -> None:
        pass

    def do_HEAD(self) -> None:  # noqa: N802 (http.server's naming)
        self._serve(send_body=False)

    def do_GET(self) -> None:  # noqa: N802
        self._serve(send_body=True)

    def _serve(self, send_body: bool) -> None:
        path = resolve(self.root, self.path)
        status = 200
        if path is None:
            status, path = 404, (self.root / "404.html" if (self.root / "404.html").is_file() else None)
        if path is None:
            body, kind = b"404", "text/plain; charset=utf-8"
        else:
            kind = content_type(path)
            body = b""
        gzip_it = path is not None and compressible(kind) and "gzip" in self.headers.get("Accept-Encoding", "")
        if path is not None:
            body = _gzipped(str(path), path.stat().st_mtime_ns) if gzip_it else path.read_bytes()
        self.send_response(status)
        self.send_header("Content-Type", kind)
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Cache-Control", CACHE_CONTROL)
        if compressible(kind):
            self.send_header("Vary", "Accept-Encoding")
        if gzip_it:
            self.send_header("Content-Encoding", "gzip")
        self.end_headers()
        if send_body:
            self.wfile.write(body)


class GzipServer:
    """Serve `root` on 127.0.0.1 (a free port unless one is given) in a background thread."""

    def __init__(self, root: Path, port: int = 0, host: str = "127.0.0.1") -> None:
        if not host.startswith("127.") and host not in ("localhost", "::1"):
            raise ValueError("only loopback addresses are served")
        handler = type("SiteHandler", (Handler,), {"root": Path(root)})
        self.httpd = http.server.ThreadingHTTPServer((host, port), handler)
        self.httpd.daemon_threads = True
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)

    @property
    def url(self) -> str:
        host, port = self.httpd.server_address[:2]
        return f"http://{host}:{port}/"

    def __enter__(self) -> "GzipServer":
        self.thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()
