"""Checks of what entries cite: document numbers in the text, superseded documents, home-page sources.

Three warnings (registered in problems.py):

- unknown-doc-number: a document number written in an entry's text (21-NQ/TW, 145/2013/NĐ-CP …)
  that no `document` entry carries in its `number` field. The bank's promise is that every number
  a reader sees can be opened and checked; a number without an entry is the likeliest to be wrong.
- superseded-as-current: a superseded or expired document cited in `references` of a guidance or
  agenda page, or named in a paragraph (list item, table row, field; a quiz question with its choices,
  answer and explain) that does not also name its successor. Not reported, so that telling history stays
  possible: the successor (or one later in the chain) named or linked in the same unit or in the heading
  above it; words that say the document is old ("đã được thay thế", "kế thừa", "trước đây", "thay thế
  Quy định 47" …); the document's own entry or that of a document that replaced it; the "## Hiệu lực"
  section of any document entry; a wrong choice of a quiz question; a theme's references.
- home-page-url: a source whose url is a site's home page, which proves nothing.

The text scanned: the body (except code, HTML comments and link targets) and the fields a reader
reads as prose: title, summary, objectives, questions, actions, quotes, quiz, steps. Source titles
are not scanned: they name someone else's page, not a claim of ours.
"""
from __future__ import annotations

import functools
import re
import unicodedata
from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlsplit

from .checks import field_name
from .load import RawEntry
from .problems import Problem, problem

# Party style: 21-NQ/TW, 08-QĐi/TW, 18-CTr/TU, 49-HD/BTGDVTW. The symbol and the issuer start with a capital
# so that words joined by dashes and slashes in prose ("1-2 buổi/tháng") are not taken for numbers.
_PARTY = re.compile(r"(?<![\w/.-])(\d{1,4})-([A-ZĐ][A-Za-zĐđ]{0,5})/([A-ZĐƯ][A-Za-zĐđƯư]{0,11})(?![\w/-])")
# State style: 145/2013/NĐ-CP, 59/2020/QH14, 990/QĐ-TTg. Without a year a dash is required (dates have none).
_STATE = re.compile(r"(?<![\w/.-])(\d{1,5})/(?:(\d{4})/)?([A-ZĐ][A-Za-zĐđ]{0,5}\d{0,3}(?:-[A-ZĐ][A-Za-zĐđ]{0,9}\d{0,3})*)"
                    r"(?![\w/-])")
# "Quy định 124", "QĐ 124", "Hướng dẫn số 09": how prose names a document after its first full mention.
# Capitalised words only, so "theo quy định 2 năm" is not a mention.
_SHORT_WORDS = {"Quy định": "qd", "QĐ": "qd", "QĐi": "qd", "Hướng dẫn": "hd", "HD": "hd", "Chỉ thị": "ct", "CT": "ct",
                "Nghị quyết": "nq", "NQ": "nq", "Kết luận": "kl", "KL": "kl", "Kế hoạch": "kh", "KH": "kh",
                "Chương trình": "ctr", "CTr": "ctr"}
_SHORT = re.compile(r"(?<!\w)(" + "|".join(sorted(_SHORT_WORDS, key=len, reverse=True)) +
                    r")\s+(?:số\s+)?(\d{1,4})(?![\w/-])")
# What a reader never sees as text: link targets, bare addresses, code, HTML comments.
_HIDDEN = re.compile(r"\]\([^)]*\)|<https?://[^>]*>|https?://\S+|`[^`]*`")
_HIDDEN_MARKS = ("](", "http", "`")  # one of them is in every text _HIDDEN matches
# Every document number and short form has a digit; most paragraphs have none, and are not scanned further.
_DIGIT = re.compile(r"\d")
_COMMENT = re.compile(r"<!--.*?-->", re.S)
_LIST_ITEM = re.compile(r"^\s*(?:[-*+]|\d+[.)])\s")
_HEADING = re.compile(r"^(#{1,6})\s+(.*)")
_TEXT_FIELDS = ("title", "summary", "objectives", "questions", "actions", "quotes", "quiz", "steps")
_SUBFIELDS = {"quotes": ("text", "source"), "quiz": ("question", "choices", "answer", "explain"),
              "steps": ("title", "notes")}
# Words by which a paragraph tells its reader that a document is old, so naming it there is history.
_HISTORY = re.compile(r"được thay thế|được thay bằng|đã thay bằng|kế thừa|trước đây|trước kia|hết hiệu lực|"
                      r"không còn hiệu lực|văn bản cũ|không còn là căn cứ|bắt nguồn từ|cách làm (?:có từ|của|từ)")
_REPLACES = re.compile(r"thay (?:thế|cho)\W*(?:\w+\W+){0,3}$")  # "thay thế Quy định 47", "Thay thế: Quy định 47"
_OUTDATED = ("superseded", "expired")
_CHECKED_REFERENCES = ("guidance", "agenda")  # pages a cell follows as today's rule; themes may tell history
_HOME_PATHS = ("", "/", "/index.html", "/index.htm", "/index.php", "/default.aspx", "/default.asp")


@functools.lru_cache(maxsize=4096)  # the same few hundred numbers are written across the bank
def number_key(number: str) -> str:
    """One spelling per document number: NFC, no spaces, any case, đ = d, TƯ = TW, QĐi = QĐ, no leading zero."""
    key = re.sub(r"\s+", "", unicodedata.normalize("NFC", number)).casefold().replace("đ", "d").replace("ư", "w")
    key = re.sub(r"^0+(?=\d)", "", key)
    return re.sub(r"^(\d+)-qdi/", r"\1-qd/", key)


def _numbers(text: str) -> list[re.Match[str]]:
    if not _DIGIT.search(text):
        return []
    found = list(_PARTY.finditer(text))
    found += [match for match in _STATE.finditer(text) if match.group(2) or "-" in match.group(3)]
    return sorted(found, key=lambda match: match.start())


def numbers_in(text: str) -> list[tuple[str, str]]:
    """Every document number written in text, as (as written, key), in order."""
    return [(match.group(0), number_key(match.group(0))) for match in _numbers(text)]


@dataclass(frozen=True)
class _Part:
    line: int
    text: str  # what a reader sees: link targets, addresses and code blanked out
    where: str  # the field, for the message ("nội dung" in the body)
    in_front_matter: bool
    distractor: bool = False  # a wrong choice of a quiz question: naming an old document there is the point
    # Found once, for both checks: whether the text has a digit at all, and the document numbers in it, in order.
    has_digits: bool = field(default=False, compare=False)
    numbers: tuple[re.Match[str], ...] = field(default=(), compare=False)


def _part(line: int, text: str, where: str, in_front_matter: bool, distractor: bool = False) -> _Part:
    """A part of a unit from its text as written."""
    visible = _visible(text)
    has_digits = _DIGIT.search(visible) is not None
    return _Part(line, visible, where, in_front_matter, distractor, has_digits,
                 tuple(_numbers(visible)) if has_digits else ())


@dataclass(frozen=True)
class Unit:
    """A paragraph, list item, table row or field: the span in which a successor must be named."""
    parts: tuple[_Part, ...]
    raw: str  # with link targets, so a link to the successor's page counts as naming it
    section: str = ""  # the body's level-2 heading above it ("" in the front matter)
    heading: str = ""  # the nearest heading above it, of any level: "Ba bước của Hướng dẫn 12" names the successor


@dataclass(frozen=True)
class _Documents:
    by_key: dict[str, list[str]]  # number key -> document ids
    numbers: dict[str, str]  # id -> number as written
    short: dict[tuple[str, int], str]  # ("qd", 124) -> id, only when one document has that symbol and number
    outdated: dict[str, str]  # id -> validity, for superseded or expired documents
    successors: dict[str, tuple[str, ...]]  # id -> the chain of superseded_by, nearest first


def check_citations(entries: list[RawEntry]) -> list[Problem]:
    documents = _index(entries)
    problems: list[Problem] = []
    for entry in entries:
        problems += _check_home_pages(entry)
        units = entry_units(entry)
        problems += _check_numbers(entry, units, documents)
        problems += _check_superseded(entry, units, documents)
    return problems


def _index(entries: list[RawEntry]) -> _Documents:
    by_key: dict[str, list[str]] = defaultdict(list)
    numbers: dict[str, str] = {}
    shorts: dict[tuple[str, int], list[str]] = defaultdict(list)
    outdated: dict[str, str] = {}
    next_of: dict[str, str] = {}
    for entry in entries:
        data = entry.data
        if data.get("kind") != "document":
            continue
        number = data.get("number")
        if isinstance(number, str) and number.strip():
            key = number_key(number)
            by_key[key].append(entry.id)
            numbers[entry.id] = number.strip()
            party = re.fullmatch(r"(\d+)-([a-z]+)/.*", key)
            if party:
                shorts[(party.group(2), int(party.group(1)))].append(entry.id)
        if data.get("validity") in _OUTDATED:
            outdated[entry.id] = str(data["validity"])
        if isinstance(data.get("superseded_by"), str):
            next_of[entry.id] = data["superseded_by"]
    successors = {}
    for document_id in outdated:
        chain: list[str] = []
        current = next_of.get(document_id)
        while current and current not in chain and current != document_id:  # a cycle is the entries' mistake
            chain.append(current)
            current = next_of.get(current)
        successors[document_id] = tuple(chain)
    short = {key: ids[0] for key, ids in shorts.items() if len(set(ids)) == 1}
    return _Documents(dict(by_key), numbers, short, outdated, successors)


# -- the text of an entry, in units ---------------------------------------------------------------

def _visible(text: str) -> str:
    if not any(mark in text for mark in _HIDDEN_MARKS):
        return text
    return _HIDDEN.sub(lambda match: " " * len(match.group(0)), text)


# Under `mkdocs serve` (a new load after every save) an unchanged file is the same RawEntry object
# (load.read_entry): its units are kept by path, and found again only for the file that changed.
_last_units: dict[str, tuple[RawEntry, list[Unit]]] = {}


def entry_units(entry: RawEntry) -> list[Unit]:
    """The entry's units, which depend on it alone: a build finds them while it reads the files, in two processes
    (reading.py), and the second sends its own back (remember_units)."""
    last = _last_units.get(entry.path)
    if last is not None and last[0] is entry:
        return last[1]
    units = list(_units(entry))
    _last_units[entry.path] = (entry, units)
    return units


def remember_units(entry: RawEntry, units: list[Unit]) -> None:
    """Units another process found for `entry` (as it was sent from there)."""
    _last_units[entry.path] = (entry, units)


def _units(entry: RawEntry) -> Iterator[Unit]:
    """The units that can name a document. One without a digit (most of them) names none, by number or by short
    form, so it is not built; its headings still count for the units below them."""
    yield from _field_units(entry)
    yield from _body_units(entry)


def _field_units(entry: RawEntry) -> Iterator[Unit]:
    for name in _TEXT_FIELDS:
        value = entry.data.get(name)
        items = list(enumerate(value)) if isinstance(value, list) else [(None, value)]
        for index, item in items:
            path: tuple[str | int, ...] = (name,) if index is None else (name, index)
            strings = list(_strings(item, path, _SUBFIELDS.get(name, ())))
            if any(_DIGIT.search(text) for _, text, _ in strings):
                parts = tuple(_part(entry.line_of(*where), text, field_name(where), True, distractor)
                              for where, text, distractor in strings)
                yield Unit(parts, " ".join(text for _, text, _ in strings))


def _strings(item: Any, path: tuple[str | int, ...],
             subfields: tuple[str, ...]) -> Iterator[tuple[tuple[str | int, ...], str, bool]]:
    """The strings of one field value (a quiz question: its question, choices, answer and explain)."""
    if isinstance(item, str):
        yield path, item, False
    elif isinstance(item, dict):
        answer = item.get("answer")
        for key in subfields:
            value = item.get(key)
            if isinstance(value, str):
                yield path + (key,), value, False
            elif isinstance(value, list):
                for index, choice in enumerate(value):
                    if isinstance(choice, str):
                        yield path + (key, index), choice, key == "choices" and choice != answer


def _body_units(entry: RawEntry) -> Iterator[Unit]:
    body = _COMMENT.sub(lambda match: re.sub(r"[^\n]", " ", match.group(0)), entry.body)
    section, heading_text, in_fence = "", "", False
    current: list[tuple[int, str]] = []
    for offset, line in enumerate(body.split("\n")):
        number, stripped = entry.body_line + offset, line.strip()
        if stripped.startswith(("```", "~~~")):
            in_fence = not in_fence
            yield from _flush(current, section, heading_text)
            continue
        if in_fence:
            continue
        heading = _HEADING.match(line)
        if not stripped or heading or _LIST_ITEM.match(line) or stripped.startswith("|"):
            yield from _flush(current, section, heading_text)  # each of these starts a new unit
        if heading:
            heading_text = heading.group(2).strip()
            if len(heading.group(1)) <= 2:
                section = heading_text
        if stripped:
            current.append((number, line))
        if heading:
            yield from _flush(current, section, "")  # a heading is a unit of its own
    yield from _flush(current, section, heading_text)


def _flush(lines: list[tuple[int, str]], section: str, heading: str) -> Iterator[Unit]:
    if any(_DIGIT.search(text) for _, text in lines):
        yield Unit(tuple(_part(number, text, "nội dung", False) for number, text in lines),
                    " ".join(text for _, text in lines), section, heading)
    lines.clear()


def _locate(entry: RawEntry, part: _Part, written: str) -> int:
    """The exact line of a number inside a field that spans several lines (a block of text after | or >)."""
    if not part.in_front_matter:
        return part.line
    lines = entry.front_matter.split("\n")
    start = part.line - 2  # the front matter starts on line 2
    for offset, line in enumerate(lines[max(start, 0):max(start, 0) + 200]):
        if written in line:
            return part.line + offset
        if offset and re.match(r"^\S", line):
            break  # the next top-level field: the number was written across lines or escaped
    return part.line


def _where(part: _Part) -> str:
    return f"Trường \"{part.where}\"" if part.in_front_matter else "Nội dung"


# -- the checks --------------------------------------------------------------------------------------

def _check_numbers(entry: RawEntry, units: list[Unit], documents: _Documents) -> list[Problem]:
    problems, seen = [], set()
    for unit in units:
        for part in unit.parts:
            for match in part.numbers:
                written, key = match.group(0), number_key(match.group(0))
                line = _locate(entry, part, written)
                if key not in documents.by_key and (line, key) not in seen:
                    seen.add((line, key))  # "21-KH/TW … 21-KH/TW" on one line: one warning
                    problems.append(problem("unknown-doc-number", entry.path, line, value=written,
                                            where=_where(part)))
    return problems


@dataclass(frozen=True)
class _Mention:
    part: _Part
    written: str
    start: int  # where in the part's text


def _mentions(unit: Unit, documents: _Documents) -> dict[str, list[_Mention]]:
    """The documents a unit names, by full number or by short form, each with its mentions in order."""
    found: dict[str, list[_Mention]] = defaultdict(list)
    for part in unit.parts:
        if not part.has_digits:
            continue
        spans = []
        for match in part.numbers:
            spans += [(match.start(), document_id, match.group(0))
                      for document_id in documents.by_key.get(number_key(match.group(0)), [])]
        for match in _SHORT.finditer(part.text):
            document_id = documents.short.get((_SHORT_WORDS[match.group(1)], int(match.group(2))))
            if document_id:
                spans.append((match.start(), document_id, match.group(0)))
        for start, document_id, written in sorted(spans):
            found[document_id].append(_Mention(part, written, start))
    return found


def _told_as_old(mentions: list[_Mention], unit: Unit) -> bool:
    """The text itself says the document is old: "đã được thay thế", "kế thừa …", "thay thế Quy định 47"."""
    if _HISTORY.search(unit.raw.casefold()):
        return True
    return any(_REPLACES.search(mention.part.text[max(0, mention.start - 40):mention.start].casefold())
               for mention in mentions)


def _state(document_id: str, documents: _Documents) -> str:
    chain = documents.successors.get(document_id, ())
    if not chain:
        return "đã hết hiệu lực" if documents.outdated.get(document_id) == "expired" else "đã được thay thế"
    names = [f"{documents.numbers.get(item, item)} ({item})" for item in chain]
    return "đã được thay thế bởi " + ", rồi ".join(names)


def _fix(document_id: str, documents: _Documents) -> str:
    chain = documents.successors.get(document_id, ())
    if not chain:
        return "văn bản này chưa ghi văn bản thay thế, nên chỉ nhắc tới nó như một văn bản cũ"
    return f"dùng {documents.numbers.get(chain[-1], chain[-1])} (mã {chain[-1]})"


def _check_superseded(entry: RawEntry, units: list[Unit], documents: _Documents) -> list[Problem]:
    problems = []
    kind = entry.data.get("kind")
    references = entry.data.get("references")
    if kind in _CHECKED_REFERENCES and isinstance(references, list):
        for index, target in enumerate(references):
            if isinstance(target, str) and target in documents.outdated and target != entry.id:
                problems.append(problem(
                    "superseded-as-current", entry.path, entry.line_of("references", index),
                    what="Trường references (văn bản mục này dựa vào) có", value=documents.numbers.get(target, target),
                    state=_state(target, documents), fix=_fix(target, documents) + f", thay mã {target} trong references"))
    for unit in units:
        named = _mentions(unit, documents)
        for document_id, mentions in named.items():
            chain = documents.successors.get(document_id, ())
            if document_id not in documents.outdated or not chain:
                continue  # an expired document without a successor can only be told as history
            if entry.id == document_id or entry.id in chain:
                continue  # its own page, or the page of the document that replaced it
            if kind == "document" and unit.section.casefold().startswith("hiệu lực"):
                continue
            if any(item in named or _links_to(unit.raw, item) for item in chain) or _names_any(unit.heading, chain, documents):
                continue  # the successor is named (or linked) in the same paragraph, item, field or its heading
            current = [mention for mention in mentions if not mention.part.distractor]
            if not current or _told_as_old(mentions, unit):
                continue
            first = current[0]
            problems.append(problem(
                "superseded-as-current", entry.path, _locate(entry, first.part, first.written),
                what=f"{_where(first.part)} nhắc tới", value=first.written, state=_state(document_id, documents),
                fix=_fix(document_id, documents)))
    return problems


def _links_to(text: str, entry_id: str) -> bool:
    """The id as a whole word, so that a link to vi-du-van-ban-cu is not one to vi-du-van-ban."""
    return re.search(rf"(?<![\w-]){re.escape(entry_id)}(?![\w-])", text) is not None


def _names_any(text: str, ids: tuple[str, ...], documents: _Documents) -> bool:
    if not text:
        return False
    return any(item in ids for item in _mentions(Unit((_part(0, text, "", False),), text), documents))


def _check_home_pages(entry: RawEntry) -> list[Problem]:
    problems = []
    sources = entry.data.get("sources")
    for index, source in enumerate(sources if isinstance(sources, list) else []):
        url = source.get("url") if isinstance(source, dict) else None
        if not isinstance(url, str) or not re.match(r"^https?://", url.strip()):
            continue  # no url, or not one at all (bad-format says so)
        if "FIXME" in url:
            continue  # a template's placeholder: the fixme check already points at it
        try:
            parts = urlsplit(url.strip())
        except ValueError:
            continue
        if parts.path in _HOME_PATHS and not parts.query:  # "?p=47864" is an article on some sites
            problems.append(problem("home-page-url", entry.path, entry.line_of("sources", index, "url"), value=url))
    return problems
