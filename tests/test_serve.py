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
