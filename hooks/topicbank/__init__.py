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
from .load import RawEntry, entry_files
from .model import Bank, Entry, entry_from_raw
from .problems import Problem, Severity
from .reading import EntryFile, read_and_check
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
               schema: Schema | None = None, hide: Sequence[str] = (), config_file: Path | None = None,
               workers: int = 1, convert_bodies: bool = False) -> LoadResult:
    """Read, check, layer and model the entries of several banks, in order. Never raises on bad content.

    config_file (mkdocs.yml) is only read to point a wrong `hide` id at its line. workers: 2 reads and checks the
    files in two processes (reading.py; for a build, not for `mkdocs serve`). convert_bodies: convert each body
    meanwhile (body.convert_body, with the settings of body.use_markdown), for a build of the site."""
    site_root = site_root.resolve()
    schema = schema or Schema.load()
    result = LoadResult()
    folders: dict[Path, Path] = {}  # each folder resolved once: a bank has a thousand files in a few folders
    display = {bank.path / VOCABULARY_FILE_NAME: _display(bank, bank.path / VOCABULARY_FILE_NAME, site_root, folders)
               for bank in banks}
    vocabulary, result.problems = merge_vocabularies(banks, display)
    checker = EntryChecker(schema, vocabulary, today)
    files = [EntryFile(bank, source, _display(bank, source, site_root, folders))
             for bank in banks for source in entry_files(bank.path)]
    per_bank: dict[BankSource, list[RawEntry]] = {bank: [] for bank in banks}
    for file, (raw, problems) in zip(files, read_and_check(files, checker, workers, convert_bodies)):
        result.problems += problems
        if raw is not None:
            per_bank[file.bank].append(raw)
    config_text = config_file.read_text(encoding="utf-8") if config_file and config_file.is_file() else ""
    layered = layer_entries(list(per_bank.items()), hide, config_file.name if config_file else "mkdocs.yml",
                            config_text)
    result.problems += layered.problems
    result.problems += check_bank(layered.entries, schema.properties["kind"]["x-enum-labels"])
    result.raw_entries = [raw for raw in layered.entries if raw.id not in layered.hidden]
    result.problems.sort(key=lambda item: (item.path, item.line, item.code))
    if not result.errors:
        entries = [entry_from_raw(raw, raw.path, layered.overridden.get(raw.id)) for raw in result.raw_entries]
        labels = {bank.name: bank.label or bank.name for bank in banks}
        result.bank = Bank(tuple(entries), schema, vocabulary, labels)
    return result


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
