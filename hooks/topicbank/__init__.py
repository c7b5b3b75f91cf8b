"""The topic bank's core: load, check, model and render. No MkDocs import here (only plugin.py and config.py,
the MkDocs adapter, import it).

    result = load_bank(Path("topics"))           # one folder, or load_banks([...]) for several in order
    for p in result.problems: print(p.format())
    if result.ok: pages = render.site_pages(result.bank, settings)
"""
from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from .bank_checks import check_bank
from .checks import EntryChecker
from .load import RawEntry, entry_files, read_entry
from .model import Bank, Entry, entry_from_raw
from .problems import Problem, Severity, problem
from .schema import Schema, Vocabulary, VocabularyError, load_vocabulary
from .settings import BankSource

__all__ = ["Bank", "BankSource", "Entry", "LoadResult", "Problem", "Schema", "Severity", "load_bank", "load_banks"]


@dataclass
class LoadResult:
    problems: list[Problem] = field(default_factory=list)
    bank: Bank | None = None
    raw_entries: list[RawEntry] = field(default_factory=list)

    @property
    def errors(self) -> list[Problem]:
        return [item for item in self.problems if item.is_error]

    @property
    def warnings(self) -> list[Problem]:
        return [item for item in self.problems if not item.is_error]

    @property
    def ok(self) -> bool:
        return self.bank is not None and not self.errors


def load_bank(topics_dir: Path, repo_root: Path | None = None, today: dt.date | None = None,
              schema: Schema | None = None) -> LoadResult:
    """Read, check and model every entry below topics_dir. Never raises on bad content."""
    topics_dir = topics_dir.resolve()
    source = BankSource(topics_dir.name, topics_dir)
    return load_banks([source], (repo_root or topics_dir.parent), today, schema)


def load_banks(banks: Sequence[BankSource], site_root: Path, today: dt.date | None = None,
               schema: Schema | None = None) -> LoadResult:
    """Read, check and model the entries of several banks, in order. Never raises on bad content."""
    site_root = site_root.resolve()
    schema = schema or Schema.load()
    result = LoadResult()
    vocabularies: list[Vocabulary] = []
    for bank in banks:
        try:
            vocabularies.append(load_vocabulary(bank.path))
        except VocabularyError as error:
            result.problems.append(problem("yaml-syntax", _display(bank, bank.path / "_vocabulary.yml", site_root),
                                           1, detail=str(error)))
    vocabulary = Vocabulary.merged(vocabularies)
    checker = EntryChecker(schema, vocabulary, today)
    for bank in banks:
        for source in entry_files(bank.path):
            raw, problems = read_entry(source, _display(bank, source, site_root))
            result.problems += problems
            if raw is not None:
                raw.bank = bank.name
                result.raw_entries.append(raw)
                result.problems += checker.check(raw)
    result.problems += check_bank(result.raw_entries, schema.properties["kind"]["x-enum-labels"])
    result.problems.sort(key=lambda item: (item.path, item.line, item.code))
    if not result.errors:
        entries = [entry_from_raw(raw, raw.path) for raw in result.raw_entries]
        result.bank = Bank(tuple(entries), schema, vocabulary)
    return result


def _display(bank: BankSource, path: Path, site_root: Path) -> str:
    """The path a contributor sees: relative to the site (topics/x.md), or national/x.md for the shipped bank."""
    if bank.shipped:
        return f"{bank.name}/{path.resolve().relative_to(bank.path.resolve()).as_posix()}"
    try:
        return path.resolve().relative_to(site_root).as_posix()
    except ValueError:
        return path.as_posix()
