"""The contract: schema.json plus the controlled vocabularies of topics/_vocabulary.yml.

schema.json is plain JSON Schema (2020-12) with a few `x-` keywords. The
validator interprets it (checks.py); `published_schema` fills the vocabulary
enums in so editors and other tools can use it as it is.

`x-shown-in` (a list of "page", "kit") shows a text or list-of-texts field under its `x-label` with no code or
template of its own: on the entry's page, and in the kit's handout (print page, PDF and DOCX). A new field then
takes schema.json, and model.py for its type.
"""
from __future__ import annotations

import copy
import json
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path
from typing import Any

from .resources import national_bank_dir
from .strict_yaml import parse_mapping

SCHEMA_FILE = Path(__file__).with_name("schema.json")
VOCABULARY_FILE_NAME = "_vocabulary.yml"


SHOWN_IN = ("page", "kit")  # the places `x-shown-in` can name


@dataclass(frozen=True)
class ShownField:
    """A field shown under its label by the generic part of the entry page and the kit (x-shown-in)."""

    name: str
    label: str
    text: str = ""  # a text field's value
    items: tuple[str, ...] = ()  # a list field's values


@dataclass(frozen=True)
class Vocabulary:
    """Controlled values with their Vietnamese labels, e.g. vocabularies['audience']['tat-ca']."""

    lists: dict[str, dict[str, str]]

    def labels(self, name: str) -> dict[str, str]:
        return self.lists.get(name, {})

    def label(self, name: str, value: str) -> str:
        return self.labels(name).get(value, value)


def load_vocabulary(topics_dir: Path) -> Vocabulary:
    path = topics_dir / VOCABULARY_FILE_NAME
    if not path.exists():  # a bank folder without its own vocabulary (test examples, benchmarks) uses the national one
        path = national_bank_dir() / VOCABULARY_FILE_NAME
    parsed = parse_mapping(path.read_text(encoding="utf-8-sig"))
    if parsed.data is None or parsed.issues:
        raise VocabularyError(f"{path}: tệp danh mục sai cú pháp YAML.")
    lists = {}
    for name, values in parsed.data.items():
        if not isinstance(values, dict):
            raise VocabularyError(f"{path}: mục {name} phải là danh sách \"mã: nhãn\".")
        lists[name] = {str(key): str(label) for key, label in values.items()}
    return Vocabulary(lists)


class VocabularyError(Exception):
    pass


class Schema:
    """Read-only view of schema.json with the lookups the validator and renderers need."""

    def __init__(self, document: dict[str, Any]) -> None:
        self.document = document

    @classmethod
    def load(cls, path: Path = SCHEMA_FILE) -> "Schema":
        return cls(json.loads(path.read_text(encoding="utf-8")))

    @property
    def properties(self) -> dict[str, dict[str, Any]]:
        return self.document["properties"]

    @property
    def kinds(self) -> list[str]:
        return list(self.properties["kind"]["enum"])

    @cached_property
    def rules_by_kind(self) -> dict[str, dict[str, Any]]:
        """The `then` part of each `if kind == X` rule."""
        rules = {}
        for rule in self.document.get("allOf", []):
            condition = rule["if"]["properties"]
            if list(condition) == ["kind"]:
                rules[condition["kind"]["const"]] = rule["then"]
        return rules

    @property
    def conditional_rules(self) -> list[dict[str, Any]]:
        return list(self.document.get("allOf", []))

    def fields_for(self, kind: str) -> list[str]:
        return list(self.rules_by_kind[kind]["propertyNames"]["enum"])

    def kinds_using(self, field_name: str) -> list[str]:
        return [kind for kind in self.kinds if field_name in self.fields_for(kind)]

    def required_for(self, kind: str) -> list[str]:
        return list(self.document["required"]) + list(self.rules_by_kind[kind].get("required", []))

    def property_for(self, kind: str, field_name: str) -> dict[str, Any]:
        """A field's schema with the kind's overrides (e.g. a theme's minimum duration) merged in."""
        merged = dict(self.properties[field_name])
        merged.update(self.rules_by_kind.get(kind, {}).get("properties", {}).get(field_name, {}))
        return merged

    def label(self, field_name: str) -> str:
        return self.properties.get(field_name, {}).get("x-label", field_name)

    @cached_property
    def _shown(self) -> dict[str, tuple[str, ...]]:
        return {place: tuple(name for name, spec in self.properties.items() if place in spec.get("x-shown-in", ()))
                for place in SHOWN_IN}

    def misplaced_shown_in(self) -> list[str]:
        """Fields whose x-shown-in names an unknown place or that are not text or a list of texts (a developer's
        slip: the generic part could not show them)."""
        wrong = []
        for name, spec in self.properties.items():
            places = spec.get("x-shown-in")
            if places is None:
                continue
            kind, items = spec.get("type"), spec.get("items", {}).get("type")
            if not set(places) <= set(SHOWN_IN) or not (kind == "string" or (kind == "array" and items == "string")):
                wrong.append(name)
        return wrong

    def shown_fields(self, entry: object, place: str) -> tuple[ShownField, ...]:
        """The entry's fields marked `x-shown-in: [place]` that have a value, in the schema's order."""
        shown = []
        for name in self._shown[place]:
            value = getattr(entry, name, None)
            if isinstance(value, str) and value.strip():
                shown.append(ShownField(name, self.label(name), text=value.strip()))
            elif isinstance(value, (list, tuple)) and value:
                shown.append(ShownField(name, self.label(name), items=tuple(str(item) for item in value)))
        return tuple(shown)

    def enum_label(self, field_name: str, value: str) -> str:
        return self.properties[field_name].get("x-enum-labels", {}).get(value, value)


PUBLISHED_PATH = "schema/topic.schema.json"  # where the site publishes it


def published_schema(schema: Schema, vocabulary: Vocabulary, site_url: str | None = None) -> dict[str, Any]:
    """schema.json with each x-vocabulary turned into a real enum, for editors and other tools. Its `$id` is
    the address it is published at, from the site's address; without that it has none (never a made-up host)."""
    document = copy.deepcopy(schema.document)
    document.pop("$id", None)
    if site_url:
        document = {"$schema": document.pop("$schema"), "$id": f"{site_url.rstrip('/')}/{PUBLISHED_PATH}", **document}

    def fill(node: Any) -> None:
        if isinstance(node, dict):
            name = node.get("x-vocabulary")
            if name:
                node["enum"] = list(vocabulary.labels(name))
            for value in node.values():
                fill(value)
        elif isinstance(node, list):
            for value in node:
                fill(value)

    fill(document)
    return document
