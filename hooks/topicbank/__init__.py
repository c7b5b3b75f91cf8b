"""The topic bank's core: load, check, model and render. No MkDocs import anywhere in here.

    result = load_bank(Path("topics"))
    for p in result.problems: print(p.format())
    if result.ok: pages = render.site_pages(result.bank, settings)
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path

from .bank_checks import check_bank
from .checks import EntryChecker
from .load import RawEntry, entry_files, read_entry
from .model import Bank, Entry, entry_from_raw
from .problems import Problem, Severity, problem
from .schema import Schema, Vocabulary, VocabularyError, load_vocabulary

__all__ = ["Bank", "Entry", "LoadResult", "Problem", "Schema", "Severity", "load_bank"]


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
    repo_root = (repo_root or topics_dir.parent).resolve()
    schema = schema or Schema.load()
    result = LoadResult()
    try:
        vocabulary = load_vocabulary(topics_dir)
    except VocabularyError as error:
        result.problems.append(problem("yaml-syntax", _display(topics_dir / "_vocabulary.yml", repo_root), 1,
                                       detail=str(error)))
        vocabulary = Vocabulary({})
    checker = EntryChecker(schema, vocabulary, today)
    for source in entry_files(topics_dir):
        raw, problems = read_entry(source, _display(source, repo_root))
        result.problems += problems
        if raw is not None:
            result.raw_entries.append(raw)
            result.problems += checker.check(raw)
    result.problems += check_bank(result.raw_entries, schema.properties["kind"]["x-enum-labels"])
    result.problems.sort(key=lambda item: (item.path, item.line, item.code))
    if not result.errors:
        entries = [entry_from_raw(raw, raw.path) for raw in result.raw_entries]
        result.bank = Bank(tuple(entries), schema, vocabulary)
    return result


def _display(path: Path, repo_root: Path) -> str:
    try:
        return path.resolve().relative_to(repo_root).as_posix()
    except ValueError:
        return path.as_posix()
