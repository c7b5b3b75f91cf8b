"""The search index: one compact record per entry, emitted as a script so it loads from file:// too.

Only bank entries are indexed. Kit print pages (bo-tai-lieu/…), slide pages
(trinh-chieu/…) and the index pages repeat entry text, so they stay out by
construction instead of by a list of exclusions.

The text is stored once, with its diacritics; the browser folds it when the index
loads (docs/assets/js/search.js). Storing a folded copy too would nearly double
the download for readers on weak connections.
"""
from __future__ import annotations

import json
from typing import TYPE_CHECKING

from ..body import parse_body
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
        "b": entry_text(entry),
    }


def search_index_js(bank: Bank, urls: Urls) -> str:
    """`window.__tbSearchIndex = [...]`: a script, because file:// pages cannot fetch JSON."""
    records = [search_record(entry, bank, urls) for entry in bank.entries]
    return js_assignment(GLOBAL_NAME, records)


def js_assignment(name: str, value: object) -> str:
    """`window.name = <JSON>;` with "</" escaped so the data can never close a script element."""
    data = json.dumps(value, ensure_ascii=False, separators=(",", ":")).replace("</", "<\\/")
    return f"window.{name}={data};\n"
