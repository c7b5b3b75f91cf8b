"""Banks in layers: a province's bank on top of the national one, each rule explicit.

- A later bank adds entries, and may cite, relate to and use the earlier banks' entries.
- Overriding is explicit: an id that an earlier bank has is an error unless the entry says `override: true`;
  then it replaces the earlier entry everywhere. `override: true` with nothing to override is an error.
- Hiding is explicit: the plugin's `hide` leaves earlier entries out; an unknown id is an error, and so is
  hiding an entry that something left in the site still cites.
- Vocabularies merge: a later `_vocabulary.yml` adds values; giving an existing value another label is an error.
"""
from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from .load import RawEntry
from .problems import Problem, problem
from .schema import VOCABULARY_FILE_NAME, Vocabulary, VocabularyError, load_vocabulary
from .settings import BankSource
from .strict_yaml import parse_mapping

CITING_FIELDS = ("references", "related", "topics")


@dataclass
class Layered:
    entries: list[RawEntry] = field(default_factory=list)
    overridden: dict[str, str] = field(default_factory=dict)  # id -> the bank whose entry it replaced
    hidden: set[str] = field(default_factory=set)  # still in `entries`, so references check as usual; left out after
    problems: list[Problem] = field(default_factory=list)


def layer_entries(banks: Sequence[tuple[BankSource, list[RawEntry]]], hide: Sequence[str],
                  config_path: str = "mkdocs.yml", config_text: str = "") -> Layered:
    """The entries of every bank in order, with overrides applied and hidden entries left out."""
    result = Layered()
    chosen: dict[str, RawEntry] = {}
    for bank, entries in banks:
        earlier = dict(chosen)  # only earlier banks can be overridden; duplicates within a bank are check_bank's
        for entry in entries:
            previous = earlier.get(entry.id)
            wants_override = entry.data.get("override") is True
            if previous is None:
                if wants_override:
                    result.problems.append(problem("override-nothing", entry.path, entry.line_of("override"),
                                                   id=entry.id))
                if entry.id in chosen and entry.bank == chosen[entry.id].bank:
                    result.entries.append(entry)  # same bank twice: check_bank reports duplicate-id
                    continue
                chosen[entry.id] = entry
            elif wants_override:
                chosen[entry.id] = entry
                result.overridden[entry.id] = previous.bank
            else:
                result.problems.append(problem("override-missing", entry.path, 1, id=entry.id, other=previous.path))
    hidden = result.hidden
    for entry_id in hide:
        if entry_id not in chosen:
            result.problems.append(problem("hide-unknown", config_path, _line_of(config_text, entry_id), id=entry_id))
        else:
            hidden.add(entry_id)
    kept = [entry for entry in chosen.values() if entry.id not in hidden]
    for entry in kept:
        for name in CITING_FIELDS:
            for index, target in enumerate(_strings(entry.data.get(name))):
                if target in hidden:
                    result.problems.append(problem("hide-still-cited", config_path, _line_of(config_text, target),
                                                   id=target, other=entry.path, other_line=entry.line_of(name, index),
                                                   field=name))
    result.entries = list(chosen.values()) + result.entries
    return result


def merge_vocabularies(banks: Sequence[BankSource], display: dict[Path, str]) -> tuple[Vocabulary, list[Problem]]:
    """Each bank's _vocabulary.yml in order (a bank without one adds nothing; with none at all, the national one)."""
    problems: list[Problem] = []
    lists: dict[str, dict[str, str]] = {}
    defined_in: dict[tuple[str, str], str] = {}
    files = [bank.path / VOCABULARY_FILE_NAME for bank in banks if (bank.path / VOCABULARY_FILE_NAME).is_file()]
    if not files:
        try:
            return load_vocabulary(banks[0].path if banks else Path(".")), []
        except VocabularyError as error:
            return Vocabulary({}), [problem("yaml-syntax", "_vocabulary.yml", 1, detail=str(error))]
    for path in files:
        shown = display.get(path, path.as_posix())
        parsed = parse_mapping(path.read_text(encoding="utf-8-sig"))
        if parsed.data is None or parsed.issues:
            problems.append(problem("yaml-syntax", shown, parsed.issues[0].line if parsed.issues else 1,
                                    detail="tệp danh mục sai cú pháp YAML"))
            continue
        for name, values in parsed.data.items():
            if not isinstance(values, dict):
                problems.append(problem("yaml-syntax", shown, parsed.lines.get((name,), 1),
                                        detail=f"mục {name} phải là danh sách \"mã: nhãn\""))
                continue
            target = lists.setdefault(name, {})
            for value, label in values.items():
                value, label = str(value), str(label)
                if value in target and target[value] != label:
                    problems.append(problem("vocabulary-redefined", shown, parsed.lines.get((name, value), 1),
                                            list=name, value=value, label=label, other_label=target[value],
                                            other=defined_in[(name, value)]))
                    continue
                target.setdefault(value, label)
                defined_in.setdefault((name, value), shown)
    return Vocabulary(lists), problems


def _strings(value: object) -> list[str]:
    return [item for item in value if isinstance(item, str)] if isinstance(value, list) else []


def _line_of(text: str, needle: str) -> int:
    """The line of mkdocs.yml that names an id in `hide` (1 when it cannot be found, e.g. set through !ENV)."""
    lines = text.splitlines()
    start = next((index for index, line in enumerate(lines) if line.strip().startswith("hide:")), 0)
    for number, line in enumerate(lines[start:], start=start + 1):
        if needle in line:
            return number
    return start + 1 if lines else 1
