"""Helpers shared by the tests of search, the finder, this month and the offline copy."""
from __future__ import annotations

import json
import re
from pathlib import Path

from topicbank import load_bank
from topicbank.model import Bank

ROOT = Path(__file__).resolve().parent.parent


def real_bank() -> Bank:
    result = load_bank(ROOT / "topics", repo_root=ROOT)
    assert result.ok, "\n".join(problem.format() for problem in result.errors)
    return result.bank


def script_data(path: Path, name: str) -> object:
    """The JSON value a generated `window.name=…;` script assigns."""
    text = path.read_text(encoding="utf-8")
    match = re.fullmatch(rf"window\.{re.escape(name)}=(.*);\n", text, re.S)
    assert match, f"{path} does not assign window.{name}"
    return json.loads(match.group(1))


def open_search(page: object) -> None:
    page.keyboard.press("/")
    page.wait_for_function("document.activeElement && document.activeElement.id === 'tb-search-input'")


def typed_results(page: object, query: str) -> list[str]:
    """Type a query into the header search as a reader does; return the result links' paths."""
    search_input = page.locator("#tb-search-input")
    search_input.fill("")
    search_input.press_sequentially(query, delay=5)
    page.wait_for_function(
        "q => document.getElementById('tb-search-input').value === q && "
        "!/^Gõ/.test(document.getElementById('tb-search-status').textContent) && "
        "window.tbSearch && document.getElementById('tb-search-status').dataset.query === q", arg=query)
    return page.eval_on_selector_all("#tb-search-results a", "links => links.map(a => new URL(a.href).pathname)")
