"""Renderers: the validated Bank to pages and data files. They return text; callers write it."""
from __future__ import annotations

import dataclasses
import datetime as dt
import json
from dataclasses import dataclass, field

from pathlib import Path

from ..model import Bank, Entry
from ..schema import Schema
from ..templates import Template, new_file_url
from .editor import EditorPages
from .entry_page import EntryPageRenderer
from .finder import finder_data_js, finder_page
from .index_pages import IndexRenderer
from .meeting_pages import meeting_pages
from .reference import ReferenceRenderer
from .text import EntryLinks, GeneratedPage, Urls
from .topics_api import one_url_form, topics_meta

__all__ = ["NOT_IN_TOPICS_JSON", "TOPICS_JSON_PROPERTIES", "EntryLinks", "GeneratedPage", "SiteSettings", "Urls",
           "site_pages", "topics_js", "topics_json"]


@dataclass
class SiteSettings:
    urls: Urls = field(default_factory=Urls)
    edit_url: str | None = None  # the plugin's edit_url, e.g. https://github.com/owner/repo/edit/main/
    editable_banks: tuple[str, ...] = ()  # the site's own bank folders, in order (not the shipped national bank)
    links: dict[str, EntryLinks] = field(default_factory=dict)  # per entry: kits, slides, …
    templates: dict[str, Template] = field(default_factory=dict)  # kind -> national/_mau/<kind>.md
    template_dirs: tuple[Path, ...] = ()  # the site's fragment overrides, before the package's own fragments
    built: dt.datetime | None = None  # the commit's time (SOURCE_DATE_EPOCH) for topics.json; None when unknown

    def edit_url_for(self, entry: Entry) -> str | None:
        """GitHub's edit form for an entry of the site's own banks; none for the shipped national bank."""
        if not self.edit_url or entry.bank not in self.editable_banks:
            return None
        return f"{self.edit_url.rstrip('/')}/{entry.path}"

    def new_file_urls(self) -> dict[str, str]:
        """"Thêm … mới" links: GitHub's new-file form, which lives at /new/ where the edit form is at /edit/."""
        if not self.edit_url or "/edit/" not in self.edit_url:
            return {}
        new_base = self.edit_url.replace("/edit/", "/new/", 1)
        if not self.editable_banks:
            return {}
        return {kind: new_file_url(new_base, self.editable_banks[-1], kind, template)
                for kind, template in self.templates.items()}


def site_pages(bank: Bank, settings: SiteSettings) -> list[GeneratedPage]:
    """Every generated page: one per entry, then the index pages, the finder and the field reference."""
    dirs = settings.template_dirs
    renderer = EntryPageRenderer(bank, settings.urls, settings.edit_url_for, settings.links, dirs)
    new_file_urls = settings.new_file_urls()
    reference = ReferenceRenderer(bank.schema, bank.vocabulary, settings.templates, new_file_urls)
    editor = editor_pages(bank, settings)
    return ([renderer.page(entry) for entry in bank.entries] + IndexRenderer(bank, settings.urls, new_file_urls, dirs).pages()
            + [finder_page(bank, settings.urls, dirs), reference.page()] + ([editor.guide_page()] if editor.available else [])
            + meeting_pages(bank, settings.urls, dirs))


def editor_pages(bank: Bank, settings: SiteSettings) -> EditorPages:
    """The editing form (soan-thao/): its guide page, and the form's own files written after the build."""
    return EditorPages(bank, settings.urls, settings.templates, settings.editable_banks, settings.edit_url,
                       settings.template_dirs)


# The schema properties topics.json (and topics.js, the finder's copy) carries; every record also has id, url, bank
# and the kit's and slides' links. `quiz` is carried as the number of questions. Every other property is
# named below with why it is left out, so a new property must be placed here deliberately (tests/test_fragments.py
# checks both lists against schema.json). The records stay small: the finder loads them all on a phone.
TOPICS_JSON_PROPERTIES = ("kind", "title", "summary", "status", "series", "year", "months", "audience", "quiz")
NOT_IN_TOPICS_JSON = {
    "reviewed_on": "status says whether the entry was checked against its sources; the date is on the page",
    "tags": "the finder filters by kind, series, year, month, kind of cell and status; tags are on the page",
    "related": "links between entries are on the page; the records are a flat list",
    "references": "links between entries are on the page (and the kit); the records are a flat list",
    "topics": "links between entries are on the page; the records are a flat list",
    "superseded_by": "links between entries are on the page; the records are a flat list",
    "sources": "the entry's content: on the page and in the kit",
    "objectives": "the entry's content: on the page, in the kit and the slides",
    "questions": "the entry's content: on the page, in the kit and the slides",
    "actions": "the entry's content: on the page, in the kit and the slides",
    "quotes": "the entry's content: on the page, in the kit and the slides",
    "duration_minutes": "how the meeting runs: on the page and in the kit",
    "meeting_type": "how the meeting runs: on the page and in the kit",
    "steps": "how the meeting runs: on the page and in the kit",
    "number": "a document's details: on its page and the documents' index",
    "issued": "a document's details: on its page and the documents' index",
    "issuer": "a document's details: on its page",
    "doc_type": "a document's details: on its page",
    "validity": "a document's details: on its page and the documents' index (grouped by validity)",
    "override": "how the banks are layered (which entry replaces which), not part of the entry",
}


def carried_as_is(schema: Schema) -> tuple[str, ...]:
    """Schema properties neither shaped by topic_record nor left out above: topics.json carries them as they are,
    so a property added to schema.json (and the model) reaches topics.json and its published schema with no code."""
    return tuple(name for name in schema.properties
                 if name not in TOPICS_JSON_PROPERTIES and name not in NOT_IN_TOPICS_JSON)


def _as_json(value: object) -> object:
    """A model value as JSON: dataclasses as objects, tuples as lists, dates as text; empty as null."""
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {key: _as_json(item) for key, item in dataclasses.asdict(value).items()}
    if isinstance(value, (tuple, list)):
        return [_as_json(item) for item in value] or None
    if isinstance(value, (dt.date, dt.datetime)):
        return value.isoformat()
    return None if value == "" else value


def topic_record(entry: Entry, settings: SiteSettings, as_is: tuple[str, ...] = ()) -> dict[str, object]:
    """One entry for topics.json (render/topics_api.py documents the shape): every key always there, null when
    the entry has no value, every URL a path relative to the site's base in one form (a page as its folder)."""
    groups = settings.links.get(entry.id, EntryLinks()).groups
    folder_urls = settings.urls.use_directory_urls

    def links(group: str) -> dict[str, str] | None:
        found = groups.get(group)
        return {name: one_url_form(url, folder_urls) for name, url in found.items()} if found else None

    return {
        "id": entry.id, "kind": entry.kind, "title": entry.title, "summary": entry.summary,
        "url": settings.urls.page_url(settings.urls.entry_src(entry.id)),
        "series": entry.series or None, "year": entry.year, "months": list(entry.months),
        "audience": list(entry.audience), "status": entry.status, "bank": entry.bank,
        "kit": links("kit"), "slides": links("slides"), "quiz": len(entry.quiz) or None,
        **{name: _as_json(getattr(entry, name, None)) for name in as_is},
    }


def topics_json(bank: Bank, settings: SiteSettings) -> str:
    """The public API (render/topics_api.py): {"meta": {format, version, built, base_url, schema, count},
    "topics": [records]}."""
    records = [topic_record(entry, settings, carried_as_is(bank.schema)) for entry in bank.entries]
    document = {"meta": topics_meta(len(records), settings.urls.site_url, settings.built), "topics": records}
    return json.dumps(document, ensure_ascii=False, indent=1, sort_keys=True) + "\n"


def topics_js(bank: Bank, settings: SiteSettings) -> str:
    """topics.js: the same records as topics.json, as a script the finder can load from file://."""
    return finder_data_js([topic_record(entry, settings, carried_as_is(bank.schema)) for entry in bank.entries], bank)
