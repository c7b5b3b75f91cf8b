"""The topic bank's core: load, check, model and render. No MkDocs import here (only plugin.py and config.py,
the MkDocs adapter, import it).

    result = load_bank(Path("topics"))           # one folder, or load_banks([...]) for several in order
    for p in result.problems: print(p.format())
    if result.ok: pages = render.site_pages(result.bank, settings)
"""
from __future__ import annotations

import datetime as dt
import hashlib
import json
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from .bank_checks import check_bank
from .checks import EntryChecker
from .load import RawEntry, entry_files, read_entry
from .model import Bank, Entry, entry_from_raw
from .problems import Problem, Severity
from .layers import layer_entries, merge_vocabularies
from .schema import VOCABULARY_FILE_NAME, Schema
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
               schema: Schema | None = None, hide: Sequence[str] = (), config_file: Path | None = None) -> LoadResult:
    """Read, check, layer and model the entries of several banks, in order. Never raises on bad content.

    config_file (mkdocs.yml) is only read to point a wrong `hide` id at its line."""
    site_root = site_root.resolve()
    schema = schema or Schema.load()
    result = LoadResult()
    folders: dict[Path, Path] = {}  # each folder resolved once: a bank has a thousand files in a few folders
    display = {bank.path / VOCABULARY_FILE_NAME: _display(bank, bank.path / VOCABULARY_FILE_NAME, site_root, folders)
               for bank in banks}
    vocabulary, result.problems = merge_vocabularies(banks, display)
    checker = EntryChecker(schema, vocabulary, today)
    rules = _rules_key(schema, vocabulary, checker.today)
    per_bank: list[tuple[BankSource, list[RawEntry]]] = []
    for bank in banks:
        entries: list[RawEntry] = []
        for source in entry_files(bank.path):
            raw, problems = read_entry(source, _display(bank, source, site_root, folders))
            result.problems += problems
            if raw is not None:
                raw.bank = bank.name
                entries.append(raw)
                result.problems += _check_entry(checker, rules, raw)
        per_bank.append((bank, entries))
    config_text = config_file.read_text(encoding="utf-8") if config_file and config_file.is_file() else ""
    layered = layer_entries(per_bank, hide, config_file.name if config_file else "mkdocs.yml", config_text)
    result.problems += layered.problems
    result.problems += check_bank(layered.entries, schema.properties["kind"]["x-enum-labels"])
    result.raw_entries = [raw for raw in layered.entries if raw.id not in layered.hidden]
    result.problems.sort(key=lambda item: (item.path, item.line, item.code))
    if not result.errors:
        entries = [entry_from_raw(raw, raw.path, layered.overridden.get(raw.id)) for raw in result.raw_entries]
        labels = {bank.name: bank.label or bank.name for bank in banks}
        result.bank = Bank(tuple(entries), schema, vocabulary, labels)
    return result


# `mkdocs serve` loads the banks again after every save. A file whose bytes did not change comes back as the same
# RawEntry object (load.read_entry), and its checks find the same problems under the same schema, vocabulary and
# day, so they are kept by the path contributors see. A new process starts empty.
_last_checks: dict[str, tuple[RawEntry, str, list[Problem]]] = {}


def _rules_key(schema: Schema, vocabulary: object, today: dt.date) -> str:
    text = json.dumps([schema.document, getattr(vocabulary, "lists", None), today.isoformat()], sort_keys=True)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def _check_entry(checker: EntryChecker, rules: str, raw: RawEntry) -> list[Problem]:
    last = _last_checks.get(raw.path)
    if last is not None and last[0] is raw and last[1] == rules:
        return list(last[2])
    problems = checker.check(raw)
    _last_checks[raw.path] = (raw, rules, list(problems))
    return problems


def _display(bank: BankSource, path: Path, site_root: Path, folders: dict[Path, Path]) -> str:
    """The path a contributor sees: relative to the site (topics/x.md), or national/x.md for the shipped bank."""
    if bank.shipped:
        return f"{bank.name}/{_resolved(path, folders).relative_to(_resolved_folder(bank.path, folders)).as_posix()}"
    try:
        return _resolved(path, folders).relative_to(site_root).as_posix()
    except ValueError:
        return path.as_posix()


def _resolved(path: Path, folders: dict[Path, Path]) -> Path:
    """path.resolve() with its folder resolved once (in `folders`); a file that is a link is resolved in full."""
    if path.is_symlink():
        return path.resolve()
    return _resolved_folder(path.parent, folders) / path.name


def _resolved_folder(folder: Path, folders: dict[Path, Path]) -> Path:
    if folder not in folders:
        folders[folder] = folder.resolve()
    return folders[folder]
