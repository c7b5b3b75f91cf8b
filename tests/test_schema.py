"""schema.json is a real JSON Schema that agrees with the validator, which interprets it."""
from __future__ import annotations

from pathlib import Path
from typing import Any

import jsonschema
import pytest

from topicbank import load_bank
from topicbank.load import read_entry
from topicbank.schema import Schema, load_vocabulary, published_schema

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "tests" / "examples"
# Invalid examples whose only problem is one JSON Schema can express (not bodies, ids or links).
SCHEMA_LEVEL_CASES = [
    "missing-summary.md", "kind-not-allowed.md", "unknown-field.md", "field-not-for-kind.md",
    "wrong-type-duration.md", "leading-zero-integer.md", "months-not-list.md", "month-out-of-range.md",
    "repeated-month.md", "url-not-http.md", "chi-thi-05-without-year.md", "reviewed-without-date.md",
    "theme-too-short.md", "title-too-long.md", "source-without-title.md", "quote-without-source.md",
    "superseded-without-successor.md", "audience-not-in-vocabulary.md", "yaml-no-is-not-false.md",
    "theme-without-sources.md", "step-without-lead.md", "one-question-only.md",
]
SUPPORTED_KEYWORDS = {
    "$schema", "$id", "title", "description", "type", "required", "additionalProperties", "properties",
    "allOf", "if", "then", "const", "propertyNames", "enum", "items", "minItems", "maxItems", "uniqueItems",
    "minLength", "maxLength", "minimum", "maximum", "pattern", "format", "default", "examples",
}


@pytest.fixture(scope="module")
def validator() -> jsonschema.Draft202012Validator:
    document = published_schema(Schema.load(), load_vocabulary(ROOT / "topics"))
    jsonschema.Draft202012Validator.check_schema(document)
    return jsonschema.Draft202012Validator(document)


def front_matter(path: Path) -> dict[str, Any]:
    raw, problems = read_entry(path, path.name)
    assert raw is not None, problems
    return raw.data


def test_schema_uses_only_keywords_the_validator_interprets() -> None:
    found: set[str] = set()

    def walk(node: Any, in_properties: bool = False) -> None:
        if isinstance(node, dict):
            for key, value in node.items():
                if in_properties:  # keys here are field names, values are schemas
                    walk(value)
                    continue
                if not key.startswith("x-"):
                    found.add(key)
                if not key.startswith("x-") and key not in ("examples", "default", "enum", "const", "required"):
                    walk(value, in_properties=(key == "properties"))
        elif isinstance(node, list):
            for value in node:
                walk(value)

    walk(Schema.load().document)
    assert found - SUPPORTED_KEYWORDS == set()


def test_published_schema_lists_the_vocabulary() -> None:
    document = published_schema(Schema.load(), load_vocabulary(ROOT / "topics"))
    assert "tat-ca" in document["properties"]["audience"]["items"]["enum"]
    assert "chi-thi-05" in document["properties"]["series"]["enum"]


@pytest.mark.parametrize("path", sorted((EXAMPLES / "valid").glob("*.md")), ids=lambda p: p.name)
def test_valid_examples_pass_json_schema(validator: jsonschema.Draft202012Validator, path: Path) -> None:
    errors = [error.message for error in validator.iter_errors(front_matter(path))]
    assert errors == []


@pytest.mark.parametrize("case", SCHEMA_LEVEL_CASES)
def test_schema_level_mistakes_fail_json_schema_too(validator: jsonschema.Draft202012Validator, case: str) -> None:
    assert list(validator.iter_errors(front_matter(EXAMPLES / "invalid" / case))), case


def test_every_schema_field_has_a_vietnamese_label_and_description() -> None:
    for name, spec in Schema.load().properties.items():
        assert spec.get("x-label"), name
        assert spec.get("description") or name in ("kind",), name
        assert spec.get("examples"), name


def test_real_bank_entries_pass_json_schema(validator: jsonschema.Draft202012Validator, tmp_path: Path) -> None:
    result = load_bank(ROOT / "topics", repo_root=ROOT)
    assert result.raw_entries
    for raw in result.raw_entries:
        errors = [error.message for error in validator.iter_errors(raw.data)]
        assert errors == [], raw.path
