"""`mkdocs serve` after one entry changes: the time from saving the file to the changed page being served."""
from __future__ import annotations

import socket
import statistics
import subprocess
import sys
import time
import urllib.error
import urllib.request
import re
from dataclasses import dataclass, field
from pathlib import Path

from . import builds


BUILT = re.compile(r"Documentation built in ([0-9.]+) seconds")  # MkDocs's line at the end of every build


@dataclass
class ServeResult:
    first_build_seconds: float
    rebuild_seconds: list[float]  # from saving the file to the edited page being served
    whole_rebuild_seconds: list[float] = field(default_factory=list)  # MkDocs's own time for each whole rebuild

    @property
    def median(self) -> float:
        return statistics.median(self.rebuild_seconds)


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def fetch(url: str) -> str | None:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return response.read().decode("utf-8")
    except (urllib.error.URLError, ConnectionError, TimeoutError):
        return None


def wait_for(predicate, timeout: float, what: str, process: subprocess.Popen, poll: float = 0.05) -> float:
    start = time.perf_counter()
    while time.perf_counter() - start < timeout:
        if predicate():
            return time.perf_counter() - start
        if process.poll() is not None:
            raise SystemExit(f"mkdocs serve dừng (mã {process.returncode}) khi chờ {what}")
        time.sleep(poll)
    raise SystemExit(f"Hết {timeout:.0f} s chờ {what}")


def measure_serve(root: Path, topics: Path, workdir: Path, edits: int = 3, timeout: float = 900) -> ServeResult:
    """Start `mkdocs serve` on a free 127.0.0.1 port watching the bank, then edit one theme `edits` times."""
    port = free_port()
    base = f"http://127.0.0.1:{port}/"
    command = [sys.executable, "-m", "mkdocs", "serve", "--config-file", str(root / "mkdocs.yml"),
               "--dev-addr", f"127.0.0.1:{port}", "--watch", str(topics)]
    entry = sorted((topics / "chuyen-de").glob("*.md"))[-1]
    page_url = f"{base}muc/{entry.stem}/"
    log = (workdir / "serve.log").open("w", encoding="utf-8")
    start = time.perf_counter()
    process = subprocess.Popen(command, cwd=root, env=builds.ours_env(topics), stdout=log, stderr=subprocess.STDOUT)
    try:
        wait_for(lambda: fetch(page_url) is not None, timeout, "bản dựng đầu tiên", process)
        first = time.perf_counter() - start
        original = entry.read_text(encoding="utf-8")
        times = []
        for number in range(edits):
            marker = f"Bản sửa thử {number + 1} lúc {time.time():.0f}"
            time.sleep(1.0)  # let the watcher settle after the previous build
            entry.write_text(original.replace("\nsummary: \"", f"\nsummary: \"{marker}. ", 1), encoding="utf-8")
            changed = time.perf_counter()
            wait_for(lambda: marker in (fetch(page_url) or ""), timeout, "trang được dựng lại", process)
            times.append(time.perf_counter() - changed)
        entry.write_text(original, encoding="utf-8")
        deadline = time.perf_counter() + timeout
        while len(BUILT.findall((workdir / "serve.log").read_text(encoding="utf-8"))) < edits + 1:
            if time.perf_counter() > deadline or process.poll() is not None:
                break
            time.sleep(0.2)  # the last rebuild may still be writing kits and data after its page is served
        built = [float(value) for value in BUILT.findall((workdir / "serve.log").read_text(encoding="utf-8"))]
        return ServeResult(first, times, built[1:edits + 1])
    finally:
        process.terminate()
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            process.kill()
        log.close()
