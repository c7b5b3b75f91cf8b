"""Checks: one raw entry against the schema, then the whole bank across entries.

The schema interpreter covers the subset of JSON Schema that schema.json uses
(tests/test_schema.py keeps the two in step) and turns every breach into a
Vietnamese problem at the field's line.
"""
from __future__ import annotations

import datetime as dt
import difflib
import functools
import re
from collections.abc import Iterable
from typing import Any

from .load import RawEntry
from .problems import Problem, problem
from .schema import Schema, Vocabulary

_TYPE_NAMES = {"string": "chuỗi văn bản", "integer": "số nguyên", "array": "danh sách (mỗi dòng bắt đầu bằng - )",
               "object": "các trường con (mỗi dòng \"tên: giá trị\")", "boolean": "true/false"}
_TYPE_HINTS = {
    "string": "Viết giá trị là văn bản; nếu văn bản có dấu : hoặc bắt đầu bằng số 0, đặt trong ngoặc kép.",
    "integer": "Viết một số nguyên không có số 0 ở đầu và không có ngoặc kép, ví dụ 45.",
    "array": "Viết dạng danh sách: mỗi phần tử một dòng bắt đầu bằng \"- \", hoặc [a, b].",
    "object": "Viết các trường con thụt vào hai dấu cách dưới dòng này.",
}
_HTML_TAG = re.compile(r"<\s*/?\s*[a-zA-Z!]")
_UNSAFE_BODY = [
    (re.compile(r"<\s*(script|iframe|object|embed|style|form|meta|base|link)\b", re.I), "thẻ <{}>"),
    (re.compile(r"<[^>]*\s(on[a-z]+)\s*=", re.I), "thuộc tính {}="),
    (re.compile(r"\b(javascript|vbscript)\s*:", re.I), "liên kết {}:"),
    (re.compile(r"\b(data)\s*:\s*text/html", re.I), "liên kết {}:text/html"),
]
# Whether a body can hold one at all, asked once of the whole body: the same patterns without a leading \b (which
# makes a pattern be tried at every character). Every line that matches a pattern matches its version here.
_UNSAFE_ANYWHERE = [re.compile(pattern.pattern.removeprefix(r"\b"), pattern.flags) for pattern, _ in _UNSAFE_BODY]
_H1 = re.compile(r"^#\s")
_H1_ANYWHERE = re.compile(r"^#\s", re.M)  # the body has a line that may be an H1 (outside code or not)
_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
FIXME_MARK = "FIXME"  # placeholders in topics/_mau/ templates; case-sensitive so "fixme" in prose is not one


def describe(value: Any) -> str:
    if isinstance(value, bool):
        return "true/false"
    if isinstance(value, int):
        return f"số {value}"
    if isinstance(value, str):
        return f"chuỗi \"{value[:40]}\""
    if isinstance(value, list):
        return "danh sách"
    if isinstance(value, dict):
        return "các cặp \"tên: giá trị\" (có dấu hai chấm)"
    if value is None:
        return "trống"
    return type(value).__name__


def field_name(path: tuple[str | int, ...]) -> str:
    """("sources", 0, "title") -> "sources (mục thứ 1) › title", readable for non-programmers."""
    text = ""
    for part in path:
        if isinstance(part, int):
            text += f" (mục thứ {part + 1})"
        else:
            text += f" › {part}" if text else part
    return text


def _matches_type(value: Any, expected: str) -> bool:
    if expected == "integer":
        return isinstance(value, int) and not isinstance(value, bool)
    if expected == "string":
        return isinstance(value, str)
    if expected == "array":
        return isinstance(value, list)
    if expected == "object":
        return isinstance(value, dict)
    if expected == "boolean":
        return isinstance(value, bool)
    return True


@functools.lru_cache(maxsize=256)
def _compiled(pattern: str) -> re.Pattern[str]:
    return re.compile(pattern)


def _suggest(word: str, choices: Iterable[str]) -> str:
    close = difflib.get_close_matches(word, list(choices), n=1, cutoff=0.6)
    return f" Có phải ý bạn là \"{close[0]}\"?" if close else ""


class EntryChecker:
    """Checks one raw entry against the schema and vocabulary."""

    def __init__(self, schema: Schema, vocabulary: Vocabulary, today: dt.date | None = None) -> None:
        self.schema = schema
        self.vocabulary = vocabulary
        self.today = today or dt.date.today()
        # Per kind, once for the bank rather than per entry: its fields, and each field's schema with the kind's
        # overrides merged in (Schema.property_for builds a new dict per call).
        self._allowed = {kind: set(schema.fields_for(kind)) for kind in schema.kinds}
        self._specs = {kind: {name: schema.property_for(kind, name) for name in schema.fields_for(kind)
                              if name in schema.properties}
                       for kind in schema.kinds}

    def check(self, entry: RawEntry) -> list[Problem]:
        self._entry = entry
        self._problems: list[Problem] = []
        self._check_id()
        data = entry.data
        kind = data.get("kind")
        if kind in self.schema.kinds:
            required = self.schema.required_for(kind)
            required = [name for name in required if data.get(name) is None]
        else:
            required = [name for name in self.schema.document["required"] if name not in data]
        misspelt = self._check_unknown_fields(data, self.schema.properties, (), required)
        if "kind" in data:
            self._check_value(data["kind"], self.schema.properties["kind"], ("kind",))
        if kind not in self.schema.kinds:
            for name in required:
                if name not in misspelt:
                    self._missing(name)
            return self._problems
        allowed = self._allowed[kind]
        for name in data:
            if name in self.schema.properties and name not in allowed:
                self._report("field-not-for-kind", (name,), field=name, kind=kind,
                             kinds=", ".join(self.schema.kinds_using(name)))
        for name in required:
            if name not in misspelt:
                self._missing(name)
        for rule in self.schema.conditional_rules:
            if list(rule["if"]["properties"]) != ["kind"] and self._condition_holds(rule["if"]):
                for name in rule["then"].get("required", []):
                    if data.get(name) is None and name not in misspelt:
                        self._missing_for_value(name, rule)
        for name, value in data.items():
            if name in allowed and value is not None:
                self._check_value(value, self._specs[kind][name], (name,))
        self._check_body()
        self._check_fixme()
        return self._problems

    # -- pieces ---------------------------------------------------------------------------

    def _check_id(self) -> None:
        pattern = self.schema.document["x-id-pattern"]
        limit = self.schema.document["x-id-max-length"]
        if not re.fullmatch(pattern, self._entry.id) or len(self._entry.id) > limit:
            self._problems.append(problem("invalid-id", self._entry.path, 1, id=self._entry.id))

    def _condition_holds(self, condition: dict[str, Any]) -> bool:
        data = self._entry.data
        return all(data.get(name) == spec["const"] for name, spec in condition["properties"].items())

    def _missing(self, name: str) -> None:
        spec = self.schema.properties.get(name, {})
        self._problems.append(problem("missing-field", self._entry.path, 1, field=name,
                                      label=spec.get("x-label", name), description=spec.get("description", "")))

    def _missing_for_value(self, name: str, rule: dict[str, Any]) -> None:
        """A field required by another field's value, reported at that field's line (status: reviewed -> reviewed_on)."""
        condition = {field: spec["const"] for field, spec in rule["if"]["properties"].items() if field != "kind"}
        spec = self.schema.properties.get(name, {})
        line = min(self._entry.line_of(field) for field in condition)
        because = ", ".join(f"{field}: {value}" for field, value in condition.items())
        self._problems.append(problem("missing-for-value", self._entry.path, line, field=name, because=because,
                                      label=spec.get("x-label", name),
                                      fix=rule.get("x-missing-hint") or f"Thêm dòng \"{name}: …\". "
                                                                        f"{spec.get('description', '')}"))

    def _check_unknown_fields(self, value: dict[str, Any], properties: dict[str, Any], path: tuple[str | int, ...],
                              missing: list[str]) -> set[str]:
        """Reports each unknown field; returns the missing fields that one of them misspells.

        `objective:` for a missing `objectives:` is one problem at its line, not also a
        missing field at line 1: the suggestion names the field, and it is not reported again."""
        misspelt: set[str] = set()
        for key in value:
            if key in properties:
                continue
            close = difflib.get_close_matches(str(key), [name for name in missing if name not in misspelt], n=1,
                                              cutoff=0.75)
            if close:
                misspelt.add(close[0])
                suggestion = f" Có phải ý bạn là \"{close[0]}\"? Trường này bắt buộc và đang thiếu."
            else:
                suggestion = _suggest(str(key), properties)
            name = f"{field_name(path)} › {key}" if path else key
            self._report("unknown-field", path + (key,), field=name, suggestion=suggestion)
        return misspelt

    def _report(self, code: str, path: tuple[str | int, ...], **values: Any) -> None:
        self._problems.append(problem(code, self._entry.path, self._entry.line_of(*path), **values))

    def _check_value(self, value: Any, spec: dict[str, Any], path: tuple[str | int, ...]) -> None:
        expected = spec.get("type")
        if expected and not _matches_type(value, expected):
            self._report("wrong-type", path, field=field_name(path), expected=_TYPE_NAMES.get(expected, expected),
                         actual=describe(value), type_hint=_TYPE_HINTS.get(expected, ""))
            return
        if "enum" in spec and value not in spec["enum"]:
            self._report("not-allowed", path, field=field_name(path), value=value, allowed=", ".join(spec["enum"]))
        vocabulary_name = spec.get("x-vocabulary")
        if vocabulary_name and value not in self.vocabulary.labels(vocabulary_name):
            self._report("not-in-vocabulary", path, field=field_name(path), value=value, vocabulary=vocabulary_name,
                         suggestion=_suggest(str(value), self.vocabulary.labels(vocabulary_name)))
        if isinstance(value, str):
            self._check_string(value, spec, path)
        elif isinstance(value, int) and not isinstance(value, bool):
            low, high = spec.get("minimum"), spec.get("maximum")
            if (low is not None and value < low) or (high is not None and value > high):
                self._report("out-of-range", path, field=field_name(path), value=value, detail=f"{low}–{high}")
        elif isinstance(value, list):
            self._check_list(value, spec, path)
        elif isinstance(value, dict):
            self._check_object(value, spec, path)

    def _check_string(self, value: str, spec: dict[str, Any], path: tuple[str | int, ...]) -> None:
        if len(value.strip()) < spec.get("minLength", 0):
            self._report("too-short", path, field=field_name(path), detail="không được để trống")
        if "maxLength" in spec and len(value) > spec["maxLength"]:
            self._report("too-long", path, field=field_name(path),
                         detail=f"{len(value)} ký tự, tối đa {spec['maxLength']}")
        if spec.get("x-single-line") and "\n" in value.strip():
            self._report("multi-line", path, field=field_name(path))
        if spec.get("x-no-html") and _HTML_TAG.search(value):
            self._report("html-in-text", path, field=field_name(path))
        if "pattern" in spec and not _compiled(spec["pattern"]).search(value):
            self._report("bad-format", path, field=field_name(path), value=value[:80],
                         pattern_hint=spec.get("x-pattern-hint", f"Giá trị phải khớp mẫu {spec['pattern']}."))
        elif spec.get("format") in ("date", "partial-date"):
            self._check_date(value, spec, path)

    def _check_date(self, value: str, spec: dict[str, Any], path: tuple[str | int, ...]) -> None:
        if spec["format"] == "partial-date" and len(value) < 10:
            parts = value.split("-")
            if len(parts) == 2 and not 1 <= int(parts[1]) <= 12:
                self._report("invalid-date", path, field=field_name(path), value=value)
            return
        try:
            if not _DATE.match(value):
                raise ValueError(value)
            day = dt.date.fromisoformat(value)
        except ValueError:
            self._report("invalid-date", path, field=field_name(path), value=value)
            return
        if spec.get("x-not-future") and day > self.today:
            self._report("future-date", path, field=field_name(path), value=value)

    def _check_list(self, value: list[Any], spec: dict[str, Any], path: tuple[str | int, ...]) -> None:
        if len(value) < spec.get("minItems", 0):
            self._report("too-short", path, field=field_name(path), detail=f"cần ít nhất {spec['minItems']} mục, đang có {len(value)}")
        if "maxItems" in spec and len(value) > spec["maxItems"]:
            self._report("too-long", path, field=field_name(path), detail=f"tối đa {spec['maxItems']} mục, đang có {len(value)}")
        if spec.get("uniqueItems"):
            seen: list[Any] = []
            for index, item in enumerate(value):
                if item in seen:
                    self._report("repeated-value", path + (index,), field=field_name(path), value=item)
                seen.append(item)
        item_spec = spec.get("items")
        if item_spec:
            for index, item in enumerate(value):
                if item is None:
                    self._report("too-short", path + (index,), field=field_name(path), detail="có mục để trống")
                else:
                    self._check_value(item, item_spec, path + (index,))

    def _check_object(self, value: dict[str, Any], spec: dict[str, Any], path: tuple[str | int, ...]) -> None:
        properties = spec.get("properties", {})
        missing = [key for key in spec.get("required", []) if value.get(key) is None]
        misspelt = self._check_unknown_fields(value, properties, path, missing)
        for key in missing:
            if key not in misspelt:
                self._report("missing-field", path, field=f"{field_name(path)} › {key}",
                             label=properties.get(key, {}).get("x-label", key), description="")
        for key, item in value.items():
            if key in properties and item is not None:
                self._check_value(item, properties[key], path + (key,))

    def _check_fixme(self) -> None:
        """One warning per line still holding a template placeholder, comments included (that is where they hint)."""
        if FIXME_MARK not in self._entry.front_matter and FIXME_MARK not in self._entry.body:
            return
        lines = [(2 + offset, line) for offset, line in enumerate(self._entry.front_matter.split("\n"))]
        lines += [(self._entry.body_line + offset, line) for offset, line in enumerate(self._entry.body.split("\n"))]
        for number, line in lines:
            if FIXME_MARK in line:
                self._problems.append(problem("fixme", self._entry.path, number))

    def _check_body(self) -> None:
        body = self._entry.body
        # What no line can match, the whole body does not match either: most bodies skip the line by line scan.
        unsafe = [rule for rule, anywhere in zip(_UNSAFE_BODY, _UNSAFE_ANYWHERE) if anywhere.search(body)]
        if not unsafe and not _H1_ANYWHERE.search(body):
            return
        in_fence = False
        for offset, line in enumerate(body.split("\n")):
            number = self._entry.body_line + offset
            if line.lstrip().startswith(("```", "~~~")):
                in_fence = not in_fence
            if not in_fence and _H1.match(line):
                self._problems.append(problem("h1-in-body", self._entry.path, number))
            for pattern, label in unsafe:
                match = pattern.search(line)
                if match:
                    self._problems.append(problem("unsafe-body", self._entry.path, number,
                                                  what=label.format(match.group(1))))
                    break
