"""The search index: one compact record per entry, emitted as a script so it loads from file:// too.

Only bank entries are indexed. Kit print pages (bo-tai-lieu/…), slide pages
(trinh-chieu/…) and the index pages repeat entry text, so they stay out by
construction instead of by a list of exclusions.

The title, summary and labels are stored as text, with their diacritics; the browser folds them when the
index loads (assets/js/search.js). An entry's other text (body, objectives, questions…) is stored as the
set of its distinct words, each a number into one shared vocabulary: search matches words, not sentences,
so the set is all it needs, and Vietnamese syllables repeat so much that the vocabulary grows far more
slowly than the bank. Each entry then costs a few hundred small numbers instead of its whole text
(tb-index.js: 480 kB → about 140 kB for the real bank), and the browser folds each word once.

    window.__tbSearchIndex = {"w": [word, …], "d": [{"u", "t", "s", "k", "g", "b": [gap, …]}, …]}

Words are lower-case, NFC, split as the browser splits them (letters and digits); the most frequent come
first. An entry's word numbers are sorted and stored as gaps (the first number, then each one's distance
from the one before), which are small and compress well: decode with a running sum (decode_body).
"""
from __future__ import annotations

import functools
import json
import re
import unicodedata
from collections import Counter
from pathlib import Path
from typing import TYPE_CHECKING

from ..body import parse_body
from ..files import write_site_file
from ..model import Bank, Entry

if TYPE_CHECKING:  # the render package imports this module, so import Urls for type checking only
    from ..render.text import Urls

INDEX_PATH = "search/tb-index.js"
GLOBAL_NAME = "__tbSearchIndex"


def plain_text(markdown: str) -> str:
    """Readable words of a Markdown body: the text of the blocks the handout and slides show, markup left out."""
    return parse_body(markdown).text


def entry_text(entry: Entry) -> str:
    """Everything a reader might remember of an entry besides its title and summary."""
    parts = [*entry.objectives, plain_text(entry.body), *entry.questions, *entry.actions,
             *(quote.text for quote in entry.quotes), *(step.title for step in entry.steps)]
    return " ".join(part for part in parts if part)


_WORD = re.compile(r"[^\W_]+")  # letters and digits, as search.js's /[\p{L}\p{N}]+/u


def distinct_words(text: str) -> list[str]:
    """The distinct lower-case NFC words of a text, in order of first use (what the browser's search needs)."""
    return list(dict.fromkeys(_WORD.findall(unicodedata.normalize("NFC", text.lower()))))


@functools.lru_cache(maxsize=8192)
def entry_words(entry: Entry) -> tuple[str, ...]:
    """distinct_words of entry_text, kept by the entry's value: a long-lived process (`mkdocs serve`, after one
    saved entry) works out only the changed entries' words again."""
    return tuple(distinct_words(entry_text(entry)))


def search_record(entry: Entry, bank: Bank, urls: Urls) -> dict[str, str]:
    labels = [bank.schema.enum_label("kind", entry.kind)]
    if entry.series:
        labels.append(bank.vocabulary.label("series", entry.series))
    labels += [bank.vocabulary.label("tags", tag) for tag in entry.tags]
    if entry.number:
        labels.append(entry.number)
    return {
        "u": urls.page_url(urls.entry_src(entry.id)),
        "t": entry.title,
        "s": entry.summary,
        "k": bank.schema.enum_label("kind", entry.kind),
        "g": " · ".join(labels),
    }


def search_index(bank: Bank, urls: Urls) -> dict[str, list]:
    """The index as a value: the shared vocabulary, and each entry with its other text as word numbers."""
    records = [search_record(entry, bank, urls) for entry in bank.entries]
    bodies = [entry_words(entry) for entry in bank.entries]
    counts = Counter(word for body in bodies for word in body)
    vocabulary = sorted(counts, key=lambda word: (-counts[word], word))
    number = {word: index for index, word in enumerate(vocabulary)}
    for record, body in zip(records, bodies):
        ordered = sorted(number[word] for word in body)
        record["b"] = [value - previous for value, previous in zip(ordered, [0, *ordered])]  # gaps: small numbers
    return {"w": vocabulary, "d": records}


def decode_body(index: dict[str, list], record: dict) -> list[str]:
    """An entry's distinct words back from its gaps (what search.js does in the browser)."""
    words, total = [], 0
    for gap in record["b"]:
        total += gap
        words.append(index["w"][total])
    return words


def search_index_js(bank: Bank, urls: Urls) -> str:
    """`window.__tbSearchIndex = {...}`: a script, because file:// pages cannot fetch JSON."""
    return js_assignment(GLOBAL_NAME, search_index(bank, urls))


class SearchIndexOutput:
    """search/tb-index.js as one of the build's outputs, written after the kits and slides: in a build they run in
    the second process (background.py), where they have already parsed every body (body.parse_body keeps them),
    so the index costs the MkDocs process nothing; it used to parse every body again there, on the critical path."""

    name = "search"

    def links(self, bank: Bank) -> dict[str, dict[str, str]]:
        return {}  # nothing to link from an entry's page

    def write(self, bank: Bank, site_dir: Path, urls: Urls, log: object) -> None:
        write_site_file(site_dir / INDEX_PATH, search_index_js(bank, urls).encode("utf-8"))


def js_assignment(name: str, value: object) -> str:
    """`window.name = <JSON>;` with "</" escaped so the data can never close a script element."""
    data = json.dumps(value, ensure_ascii=False, separators=(",", ":")).replace("</", "<\\/")
    return f"window.{name}={data};\n"
