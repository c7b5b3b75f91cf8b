"""Checks that need the whole bank: ids, links between entries, agenda minutes, quiz answers."""
from __future__ import annotations

import re
from collections import defaultdict
from typing import Any

from .checks import _suggest
from .citations import check_citations
from .load import RawEntry
from .problems import Problem, problem
from .search.folding import fold

MINIMUM_MINUTES = {"thuong-ky": 90, "chuyen-de": 90, "ket-hop": 120}  # Hướng dẫn 42-HD/BTCTW, 28/10/2025

# field -> the kind it must point to ("any" for every kind)
_REFERENCE_FIELDS = {"related": "any", "references": "document", "topics": "theme", "superseded_by": "document"}


def check_bank(entries: list[RawEntry], kind_labels: dict[str, str]) -> list[Problem]:
    problems = _check_ids(entries)
    # A kind that is not a string (reported by the entry checks) must not break the lookups below.
    kinds = {entry.id: kind if isinstance(kind := entry.data.get("kind"), str) else "?" for entry in entries}
    numbers = _document_numbers(entries)
    for entry in entries:
        problems += _check_references(entry, kinds, kind_labels, numbers)
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


_ADD_DOCUMENT = (" Nếu văn bản chưa có trong ngân hàng, thêm nó trước: python3 scripts/new_topic.py --kind document "
                 "--title \"…\" (hoặc chép topics/_mau/document.md vào topics/van-ban/), rồi ghi mã của tệp mới; "
                 "hoặc xóa dòng này.")
_ADD_ENTRY = " Nếu mục đó chưa có trong ngân hàng, tạo nó trước (python3 scripts/new_topic.py), hoặc xóa dòng này."
# 144-QĐ/TW, 21-NQ/TW, 145/2013/NĐ-CP: a digit, and a slash or a capital (an id is lower-case ASCII with hyphens)
_LOOKS_LIKE_NUMBER = re.compile(r"^(?=.*\d)(?=.*(?:/|[A-ZĐ]|[^\x00-\x7f])).*$")


def _number_key(text: str) -> str:
    """A document number as compared: no case, diacritics, spaces or leading zeros; – as -."""
    key = re.sub(r"\s+", "", fold(text)).replace("–", "-").replace("—", "-")
    return re.sub(r"(?<!\d)0+(?=\d)", "", key)


def _document_numbers(entries: list[RawEntry]) -> dict[str, list[str]]:
    """number key -> the ids of the document entries with that number."""
    numbers: dict[str, list[str]] = defaultdict(list)
    for entry in entries:
        number = entry.data.get("number")
        if entry.data.get("kind") == "document" and isinstance(number, str) and number.strip():
            numbers[_number_key(number)].append(entry.id)
    return numbers


def _unknown_ref(entry: RawEntry, target: str, wanted: str, kinds: dict[str, Any],
                 numbers: dict[str, list[str]]) -> tuple[str, str]:
    """The suggestion and the how-to-add text for a reference to an id that is not in the bank.

    Never the entry's own id (taking that hint would give [self-ref]); a document number
    such as 144-QĐ/TW leads to the document entry with that number."""
    if wanted in ("document", "any") and _LOOKS_LIKE_NUMBER.search(target):
        key = _number_key(target)
        found = sorted({found_id for number, ids in numbers.items() for found_id in ids
                        if found_id != entry.id and number
                        and (key == number or (key.endswith(number) and not key[-len(number) - 1].isdigit()))})
        if found:
            ids = ", ".join(f"\"{found_id}\"" for found_id in found)
            return (f" Đây là số văn bản, không phải mã; văn bản số này trong ngân hàng có mã {ids}: ghi mã thay cho số.",
                    "")
        return (f" Ngân hàng chưa có văn bản nào số \"{target}\" (trường number); ở đây phải ghi mã của mục "
                "văn bản, tức tên tệp không có .md.", _ADD_DOCUMENT)
    candidates = [other for other, kind in kinds.items()
                  if other != entry.id and (wanted == "any" or kind == wanted)]
    suggestion = _suggest(target, candidates)
    if suggestion:
        return suggestion, ""
    return "", _ADD_DOCUMENT if wanted == "document" else _ADD_ENTRY


def _check_references(entry: RawEntry, kinds: dict[str, Any], kind_labels: dict[str, str],
                      numbers: dict[str, list[str]] | None = None) -> list[Problem]:
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
                suggestion, missing = _unknown_ref(entry, target, wanted, kinds, numbers or {})
                problems.append(problem("unknown-ref", entry.path, line, field=field, value=target,
                                        suggestion=suggestion, missing=missing))
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
