"""One entry to one page: MkDocs converts only the author's Markdown body; fragments/entry.html puts the
generated parts (status, metadata, lists, quiz, links between entries) around the converted body.

Here the entry is turned into plain values (labels, links, rows) for the template; the template only lays
them out, and autoescaping escapes every front-matter value. The body's raw HTML, if any, went through the
validator (which refuses unsafe markup) and then Markdown, as any author text does.
"""
from __future__ import annotations

import posixpath
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .. import labels
from ..model import Bank, Entry
from ..page_cache import content_key
from .jinja import Markup, render
from .text import EntryLinks, GeneratedPage, Link, Urls, meta_string, minutes_text, vn_date, vn_date_long

ENTRY_TEMPLATE = "entry.html"

LINK_GROUP_LABELS = {
    "kit": ("Bộ tài liệu in cho buổi sinh hoạt", {"html": "Trang in (điền trước khi in)", "pdf": "PDF",
                                                  "docx": "Word (DOCX)", "handout": "Tài liệu phát tay (PDF)"}),
    "slides": ("Trình chiếu", {"html": "Trình chiếu trên trình duyệt", "pptx": "PowerPoint (PPTX)"}),
    "meeting": ("Sinh hoạt của chi bộ", {"prepare": "Chuẩn bị buổi sinh hoạt với chuyên đề này"}),  # meeting_pages.py
}

# Schema properties an entry's page does not show, with why (tests/test_fragments.py checks that every other
# property's value appears on the page of an entry that has it).
NOT_ON_THE_PAGE = {
    "override": "how the banks are layered (which entry replaces which), not part of the entry",
}

VALIDITY_CLASSES = {"in-force": "tb-valid", "superseded": "tb-superseded", "expired": "tb-expired", "unknown": "tb-unknown"}


@dataclass(frozen=True)
class Validity:
    label: str
    css: str
    replaced_by: Link | None = None


@dataclass(frozen=True)
class MetaRow:
    label: str
    text: str = ""
    validity: Validity | None = None  # the document's validity badge instead of text


@dataclass(frozen=True)
class LinkGroup:
    group: str
    title: str
    links: tuple[Link, ...]


@dataclass(frozen=True)
class StepRow:
    number: int
    title: str
    start: int
    end: int
    minutes: int
    lead: str
    notes: str


@dataclass(frozen=True)
class EntryList:
    """A heading with links to other entries (cited by, related…); `css` is the list's class."""

    heading: str
    css: str
    links: tuple[Link, ...]


class EntryPageRenderer:
    def __init__(self, bank: Bank, urls: Urls, edit_url_for: Callable[[Entry], str | None],
                 links: dict[str, EntryLinks] | None = None, template_dirs: tuple[Path, ...] = ()) -> None:
        self.bank = bank
        self.urls = urls
        self.edit_url_for = edit_url_for
        self.links = links or {}
        self.template_dirs = template_dirs
        self._relative_urls: dict[str, str] = {}  # site URL -> its link from any entry page (see _relative)

    # -- public -------------------------------------------------------------------------------

    def src_uri(self, entry: Entry) -> str:
        return self.urls.entry_src(entry.id)

    def page(self, entry: Entry) -> GeneratedPage:
        """The Markdown MkDocs converts (front matter and the author's body) and how to finish its HTML."""
        front = "\n".join(["---", f"title: {meta_string(entry.title)}", f"description: {meta_string(entry.summary)}",
                           f"topic_id: {entry.id}", "---", ""])
        body = entry.body.strip()
        return GeneratedPage(self.src_uri(entry), front + (f"\n{body}\n" if body else ""),
                             lambda body_html: self.html(entry, body_html), lambda: self.parts_key(entry))

    def parts_key(self, entry: Entry) -> bytes | None:
        """The template's values: the same values, the same generated parts (the template is keyed apart)."""
        context = self.context(entry)
        del context["labels"]  # a module of constants, part of the package's code
        return content_key(context)

    def html(self, entry: Entry, body_html: str = "") -> str:
        """The page's content: the generated parts around `body_html` (the body as MkDocs converted it)."""
        return render(ENTRY_TEMPLATE, self.template_dirs, **self.context(entry, body_html)).rstrip("\n")

    def context(self, entry: Entry, body_html: str = "") -> dict[str, Any]:
        src = self.src_uri(entry)
        from ..present.quiz_html import quiz_view  # here, not at the top: quiz_html imports this package

        return {
            "entry": entry, "labels": labels, "body": Markup(body_html.strip()),
            "reviewed_on": vn_date_long(entry.reviewed_on), "metadata": self._metadata(entry),
            "link_groups": self._link_groups(entry, src), "steps": self._steps(entry),
            "duration": minutes_text(entry.duration_minutes),
            "quiz": quiz_view(entry, self.bank, lambda entry_id: self._href(src, entry_id),
                              lambda path: self._relative(src, path)),
            "references": [(self._entry_link(src, document_id), self._validity(src, self.bank.get(document_id)))
                           for document_id in entry.references],
            "lists": self._entry_lists(entry, src), "sources": self._sources(entry),
            "shown": self.bank.schema.shown_fields(entry, "page"),  # fields marked x-shown-in: [page]
            "edit_url": self.edit_url_for(entry),
        }

    # -- pieces -------------------------------------------------------------------------------

    def _href(self, src: str, entry_id: str) -> str:
        return self._relative(src, self.urls.page_url(self.urls.entry_src(entry_id)))

    def _relative(self, src: str, url: str) -> str:
        """self.urls.href(src, url), worked out once per URL for all entry pages. Each of them is muc/<id>/ (or
        muc/<id>.html), so a link to a URL reads the same from every one of them, except from the page whose own
        folder holds that URL: that one is worked out for itself."""
        if (posixpath.normpath(url.rstrip("/") or ".") + "/").startswith(self.urls.page_url(src)):
            return self.urls.href(src, url)
        if url not in self._relative_urls:
            self._relative_urls[url] = self.urls.href(src, url)
        return self._relative_urls[url]

    def _entry_link(self, src: str, entry_id: str) -> Link:
        target = self.bank.get(entry_id)
        return Link(target.title if target else entry_id, self._href(src, entry_id))

    def _validity(self, src: str, document: Entry | None) -> Validity | None:
        if document is None:
            return None
        value = document.validity or "unknown"
        replaced = self._entry_link(src, document.superseded_by) if document.superseded_by else None
        return Validity(self.bank.schema.enum_label("validity", value), VALIDITY_CLASSES.get(value, ""), replaced)

    def _metadata(self, entry: Entry) -> list[MetaRow]:
        schema, vocabulary = self.bank.schema, self.bank.vocabulary
        label = schema.label
        rows = [MetaRow(label("kind"), schema.enum_label("kind", entry.kind))]
        if entry.series:
            rows.append(MetaRow(label("series"), vocabulary.label("series", entry.series)))
        if entry.year:
            rows.append(MetaRow(label("year"), str(entry.year)))
        if entry.months:
            rows.append(MetaRow(label("months"), ", ".join(f"tháng {month}" for month in entry.months)))
        if entry.meeting_type:
            rows.append(MetaRow(label("meeting_type"), schema.enum_label("meeting_type", entry.meeting_type)))
        if entry.duration_minutes:
            rows.append(MetaRow(labels.DURATION, minutes_text(entry.duration_minutes)))
        if entry.kind == "document":
            rows += [MetaRow(label("number"), entry.number or ""), MetaRow(label("issued"), vn_date(entry.issued)),
                     MetaRow(label("issuer"), entry.issuer or ""),
                     MetaRow(label("doc_type"), schema.enum_label("doc_type", entry.doc_type or "")),
                     MetaRow(label("validity"), validity=self._validity(self.src_uri(entry), entry))]
        rows.append(MetaRow(label("audience"), ", ".join(vocabulary.label("audience", a) for a in entry.audience)))
        if entry.tags:
            rows.append(MetaRow(label("tags"), ", ".join(vocabulary.label("tags", tag) for tag in entry.tags)))
        status = labels.DRAFT if entry.is_draft else f"{labels.REVIEWED} ({vn_date(entry.reviewed_on)})"
        rows.append(MetaRow(label("status"), status))
        if self.bank.is_layered:  # a committee's site: say which bank each entry comes from
            origin = self.bank.bank_label(entry)
            if entry.overrides:
                origin += f" ({labels.OVERRIDES} {self.bank.bank_labels.get(entry.overrides, entry.overrides)})"
            rows.append(MetaRow(labels.BANK, origin))
        return rows

    def _link_groups(self, entry: Entry, src: str) -> list[LinkGroup]:
        groups = self.links.get(entry.id)
        if not groups:
            return []
        result = []
        for group, formats in groups.groups.items():
            title, names = LINK_GROUP_LABELS.get(group, (group, {}))
            result.append(LinkGroup(group, title, tuple(Link(names.get(name, name), self._relative(src, url))
                                                        for name, url in formats.items())))
        return result

    def _steps(self, entry: Entry) -> list[StepRow]:
        rows, start = [], 0
        for number, step in enumerate(entry.steps, start=1):
            rows.append(StepRow(number, step.title, start, start + step.minutes, step.minutes, step.lead, step.notes or ""))
            start += step.minutes
        return rows

    def _entry_lists(self, entry: Entry, src: str) -> list[EntryList]:
        by_id = self.bank.by_id
        lists = [
            (labels.CITED_BY, "tb-cited-by", self.bank.cited_by.get(entry.id, ())),
            (labels.AGENDA_THEMES, "tb-agenda-topics", [by_id[i] for i in entry.topics if i in by_id]),
            (labels.AGENDAS_USING, "tb-agendas", self.bank.agendas_for_theme.get(entry.id, ())),
            (labels.RELATED, "tb-related", [by_id[i] for i in entry.related if i in by_id]),
        ]
        return [EntryList(heading, css, tuple(self._entry_link(src, item.id) for item in items))
                for heading, css, items in lists if items]

    def _sources(self, entry: Entry) -> list[tuple[Link, str]]:
        """(title, linked when it has a URL; publisher and date)."""
        return [(Link(source.title, source.url, external=True) if source.url else Link(source.title),
                 ", ".join(part for part in (source.publisher, vn_date(source.date)) if part))
                for source in entry.sources]
