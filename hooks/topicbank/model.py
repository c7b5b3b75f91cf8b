"""The validated model: immutable entries and the Bank with every index built once."""
from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

from .load import RawEntry
from .schema import Schema, Vocabulary


@dataclass(frozen=True)
class Source:
    title: str
    url: str | None = None
    publisher: str | None = None
    date: str | None = None


@dataclass(frozen=True)
class Quote:
    text: str
    source: str


@dataclass(frozen=True)
class Step:
    title: str
    minutes: int
    lead: str
    notes: str | None = None


@dataclass(frozen=True)
class QuizQuestion:
    question: str
    choices: tuple[str, ...]
    answer: str
    source: str
    explain: str | None = None


@dataclass(frozen=True)
class Entry:
    id: str
    kind: str
    title: str
    summary: str
    status: str
    path: str  # source file, relative to the site's root (national/… for the shipped bank)
    bank: str = ""  # the bank it comes from, as named in the `banks` option
    override: bool = False  # the author asked to replace an earlier bank's entry of the same id
    overrides: str | None = None  # then: the bank whose entry it replaces (set by the layering, not the author)
    body: str = ""
    reviewed_on: dt.date | None = None
    audience: tuple[str, ...] = ("tat-ca",)
    tags: tuple[str, ...] = ()
    series: str | None = None
    related: tuple[str, ...] = ()
    references: tuple[str, ...] = ()
    sources: tuple[Source, ...] = ()
    # theme
    year: int | None = None
    months: tuple[int, ...] = ()
    duration_minutes: int | None = None
    objectives: tuple[str, ...] = ()
    questions: tuple[str, ...] = ()
    actions: tuple[str, ...] = ()
    quotes: tuple[Quote, ...] = ()
    quiz: tuple[QuizQuestion, ...] = ()
    # agenda
    meeting_type: str | None = None
    steps: tuple[Step, ...] = ()
    topics: tuple[str, ...] = ()
    # document
    number: str | None = None
    issued: str | None = None  # YYYY-MM-DD, or YYYY-MM / YYYY when the day is not confirmed
    issuer: str | None = None
    doc_type: str | None = None
    validity: str | None = None
    superseded_by: str | None = None

    @property
    def is_draft(self) -> bool:
        return self.status != "reviewed"


def entry_from_raw(raw: RawEntry, repo_path: str, overrides: str | None = None) -> Entry:
    """Build an Entry from a raw entry that passed every check."""
    data = raw.data
    reviewed_on = data.get("reviewed_on")

    def strings(name: str) -> tuple[str, ...]:
        return tuple(data.get(name) or ())

    return Entry(
        id=raw.id, kind=data["kind"], title=data["title"].strip(), summary=data["summary"].strip(),
        status=data["status"], path=repo_path, bank=raw.bank, override=data.get("override") is True,
        overrides=overrides, body=raw.body.strip("\n"),
        reviewed_on=dt.date.fromisoformat(reviewed_on) if reviewed_on else None,
        audience=strings("audience") or ("tat-ca",), tags=strings("tags"), series=data.get("series"),
        related=strings("related"), references=strings("references"),
        sources=tuple(Source(**source) for source in data.get("sources") or ()),
        year=data.get("year"), months=tuple(sorted(data.get("months") or ())),
        duration_minutes=data.get("duration_minutes"), objectives=strings("objectives"),
        questions=strings("questions"), actions=strings("actions"),
        quotes=tuple(Quote(**quote) for quote in data.get("quotes") or ()),
        quiz=tuple(QuizQuestion(question=item["question"], choices=tuple(item["choices"]), answer=item["answer"],
                                source=item["source"], explain=item.get("explain"))
                   for item in data.get("quiz") or ()),
        meeting_type=data.get("meeting_type"),
        steps=tuple(Step(**step) for step in data.get("steps") or ()), topics=strings("topics"),
        number=data.get("number"), issued=_text(data.get("issued")), issuer=data.get("issuer"),
        doc_type=data.get("doc_type"), validity=data.get("validity"), superseded_by=data.get("superseded_by"),
    )


def _text(value: Any) -> str | None:
    return None if value is None else str(value)


@dataclass(frozen=True)
class Bank:
    """Every entry, sorted by id, with the lookups that pages, indexes and kits need."""

    entries: tuple[Entry, ...]
    schema: Schema
    vocabulary: Vocabulary
    bank_labels: dict[str, str] = field(default_factory=dict)  # bank name -> its label on the pages
    by_id: dict[str, Entry] = field(init=False)
    cited_by: dict[str, tuple[Entry, ...]] = field(init=False)
    agendas_for_theme: dict[str, tuple[Entry, ...]] = field(init=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "entries", tuple(sorted(self.entries, key=lambda entry: entry.id)))
        object.__setattr__(self, "by_id", {entry.id: entry for entry in self.entries})
        cited: dict[str, list[Entry]] = defaultdict(list)
        agendas: dict[str, list[Entry]] = defaultdict(list)
        for entry in self.entries:
            for document_id in entry.references:
                cited[document_id].append(entry)
            for theme_id in entry.topics:
                agendas[theme_id].append(entry)
        object.__setattr__(self, "cited_by", {key: tuple(value) for key, value in cited.items()})
        object.__setattr__(self, "agendas_for_theme", {key: tuple(value) for key, value in agendas.items()})

    def of_kind(self, kind: str) -> list[Entry]:
        return [entry for entry in self.entries if entry.kind == kind]

    def in_series(self, series: str) -> list[Entry]:
        return [entry for entry in self.entries if entry.series == series]

    def themes_in_month(self, month: int) -> list[Entry]:
        return [entry for entry in self.entries if entry.kind == "theme" and month in entry.months]

    def for_audience(self, audience: str) -> list[Entry]:
        """Entries that name this kind of cell (those for every cell name `tat-ca` and are listed under it)."""
        return [entry for entry in self.entries if audience in entry.audience]

    def get(self, entry_id: str) -> Entry | None:
        return self.by_id.get(entry_id)

    def bank_label(self, entry: Entry) -> str:
        return self.bank_labels.get(entry.bank, entry.bank)

    @property
    def is_layered(self) -> bool:
        """More than one bank: pages then say which bank each entry comes from."""
        return len(self.bank_labels) > 1
