"""Search in real Chromium on a built site served on 127.0.0.1: index load time and keystroke-to-results time.

The page's own search script is used as a reader uses it: focus the box (which
loads the index), type the query key by key, and wait for the result list. A
MutationObserver notes when the list last changed; the time from the last
keydown to that change is what the reader waits after typing.
"""
from __future__ import annotations

import functools
import http.server
import statistics
import threading
from dataclasses import dataclass, field
from pathlib import Path

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                 "--disable-sync"]
QUERIES = ["sinh hoat chi bo", "đảng viên nêu gương", "tu phe binh", "ky luat ky cuong"]
TYPING_DELAY_MS = 120  # a quick typist; slower than the script's debounce, so every key may start a search

WATCH_SCRIPT = """() => {
  const input = document.getElementById('tb-search-input');
  const list = document.getElementById('tb-search-results');
  window.__bench = {lastKey: 0, lastChange: 0, changes: 0};
  input.addEventListener('keydown', () => { window.__bench.lastKey = performance.now(); }, true);
  new MutationObserver(() => { window.__bench.lastChange = performance.now(); window.__bench.changes += 1; })
    .observe(list, {childList: true, subtree: true});
}"""

LOAD_SCRIPT = """async () => {
  const start = performance.now();
  document.getElementById('tb-search-input').focus();
  await window.tbSearch.load();
  return performance.now() - start;
}"""


@dataclass
class SearchTiming:
    index_load_ms: list[float] = field(default_factory=list)
    keystroke_to_results_ms: dict[str, list[float]] = field(default_factory=dict)
    result_counts: dict[str, int] = field(default_factory=dict)

    @property
    def worst_median_ms(self) -> float:
        return max(statistics.median(values) for values in self.keystroke_to_results_ms.values())


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args: object) -> None:
        pass


def measure_search(site_dir: Path, repeat: int = 3, queries: list[str] | None = None) -> SearchTiming:
    from playwright.sync_api import sync_playwright

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_QuietHandler, directory=str(site_dir)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    url = f"http://127.0.0.1:{server.server_address[1]}/"
    timing = SearchTiming()
    try:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)
            for _ in range(repeat):
                context = browser.new_context(locale="vi-VN", viewport={"width": 1280, "height": 900})
                page = context.new_page()  # a fresh context: nothing cached, as for a first visit
                page.goto(url, wait_until="load")
                timing.index_load_ms.append(page.evaluate(LOAD_SCRIPT))
                for query in queries or QUERIES:
                    elapsed, count = _type_and_wait(page, query)
                    timing.keystroke_to_results_ms.setdefault(query, []).append(elapsed)
                    timing.result_counts[query] = count
                context.close()
            browser.close()
    finally:
        server.shutdown()
    return timing


def _type_and_wait(page, query: str) -> tuple[float, int]:
    page.fill("#tb-search-input", "")
    page.wait_for_timeout(300)
    page.evaluate(WATCH_SCRIPT)
    page.click("#tb-search-input")
    page.keyboard.type(query, delay=TYPING_DELAY_MS)
    # wait until the list has stopped changing for a while after the last key
    page.wait_for_function("""() => window.__bench.lastChange > window.__bench.lastKey
                                    && performance.now() - window.__bench.lastChange > 400""", timeout=30000)
    elapsed = page.evaluate("() => window.__bench.lastChange - window.__bench.lastKey")
    count = page.locator("#tb-search-results li").count()
    return elapsed, count
