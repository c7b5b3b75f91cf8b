"""Checks that need the whole bank: ids, links between entries, agenda minutes, quiz answers."""
from __future__ import annotations

from collections import defaultdict
from typing import Any

from .checks import _suggest
from .citations import check_citations
from .load import RawEntry
from .problems import Problem, problem

MINIMUM_MINUTES = {"thuong-ky": 90, "chuyen-de": 90, "ket-hop": 120}  # Hướng dẫn 42-HD/BTCTW, 28/10/2025

# field -> the kind it must point to ("any" for every kind)
_REFERENCE_FIELDS = {"related": "any", "references": "document", "topics": "theme", "superseded_by": "document"}


def check_bank(entries: list[RawEntry], kind_labels: dict[str, str]) -> list[Problem]:
    problems = _check_ids(entries)
    # A kind that is not a string (reported by the entry checks) must not break the lookups below.
    kinds = {entry.id: kind if isinstance(kind := entry.data.get("kind"), str) else "?" for entry in entries}
    for entry in entries:
        problems += _check_references(entry, kinds, kind_labels)
        if entry.data.get("kind") == "agenda":
            problems += _check_agenda_minutes(entry)
        if entry.data.get("kind") == "theme" and isinstance(entry.data.get("quiz"), list):
            problems += _check_quiz(entry, kinds)
    problems += check_citations(entries)  # document numbers, superseded documents, home-page sources
    return problems


def _check_ids(entries: list[RawEntry]) -> list[Problem]:
    problems = []
    by_id: dict[str, list[RawEntry]] = defaultdict(list)
    by_folded: dict[str, list[RawEntry]] = defaultdict(list)
    for entry in entries:
        by_id[entry.id].append(entry)
        by_folded[entry.id.lower()].append(entry)
    for same in by_id.values():
        for entry in same[1:]:
            problems.append(problem("duplicate-id", entry.path, 1, id=entry.id, other=same[0].path))
    for same in by_folded.values():
        distinct = {entry.id for entry in same}
        if len(distinct) > 1:
            first = same[0]
            for entry in same[1:]:
                if entry.id != first.id:
                    problems.append(problem("id-case-collision", entry.path, 1, id=entry.id, other=first.path))
    return problems


def _as_list(value: Any) -> list[Any]:
    if isinstance(value, list):
        return value
    return [value] if isinstance(value, str) else []


def _check_references(entry: RawEntry, kinds: dict[str, Any], kind_labels: dict[str, str]) -> list[Problem]:
    problems = []
    for field, wanted in _REFERENCE_FIELDS.items():
        value = entry.data.get(field)
        targets = _as_list(value)
        for index, target in enumerate(targets):
            if not isinstance(target, str):
                continue  # a wrong type is reported by the entry checks
            path = (field, index) if isinstance(value, list) else (field,)
            line = entry.line_of(*path)
            if target == entry.id:
                problems.append(problem("self-ref", entry.path, line, field=field))
            elif target not in kinds:
                problems.append(problem("unknown-ref", entry.path, line, field=field, value=target,
                                        suggestion=_suggest(target, kinds)))
            elif wanted != "any" and kinds[target] != wanted:
                problems.append(problem("wrong-ref-kind", entry.path, line, field=field, value=target,
                                        actual=kind_labels.get(kinds[target], kinds[target]),
                                        expected=kind_labels.get(wanted, wanted)))
    return problems


def _check_agenda_minutes(entry: RawEntry) -> list[Problem]:
    steps, duration = entry.data.get("steps"), entry.data.get("duration_minutes")
    if not isinstance(steps, list) or not isinstance(duration, int) or isinstance(duration, bool):
        return []
    minutes = [step.get("minutes") for step in steps if isinstance(step, dict)]
    if not all(isinstance(value, int) and not isinstance(value, bool) for value in minutes):
        return []
    problems = []
    line = entry.line_of("duration_minutes")
    total = sum(minutes)
    if total != duration:
        problems.append(problem("minutes-mismatch", entry.path, line, value=duration, total=total))
    minimum = MINIMUM_MINUTES.get(str(entry.data.get("meeting_type")))
    if minimum and duration < minimum:
        problems.append(problem("short-meeting", entry.path, line, value=duration, minimum=minimum))
    return problems


def _check_quiz(entry: RawEntry, kinds: dict[str, Any]) -> list[Problem]:
    problems = []
    source_titles = {source.get("title") for source in _as_list(entry.data.get("sources"))
                     if isinstance(source, dict) and isinstance(source.get("title"), str)}  # other types: entry checks
    for index, question in enumerate(entry.data["quiz"]):
        if not isinstance(question, dict):
            continue
        choices, answer, source = question.get("choices"), question.get("answer"), question.get("source")
        if isinstance(answer, str) and isinstance(choices, list) and choices.count(answer) != 1:
            problems.append(problem("quiz-answer", entry.path, entry.line_of("quiz", index, "answer"), value=answer))
        if isinstance(source, str) and source not in source_titles and kinds.get(source) != "document":
            problems.append(problem("quiz-source", entry.path, entry.line_of("quiz", index, "source"), value=source))
    return problems
