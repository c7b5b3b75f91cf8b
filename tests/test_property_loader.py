"""Property tests: no input, however broken, makes the loader or the checks raise.

Random front matter (any YAML-able structure, Vietnamese text, control characters,
huge integers, nesting) and random bytes go through the same steps as load_bank:
parse -> entry checks -> bank checks -> model -> entry page and topics.json. Every
outcome must be reported problems or a valid entry that renders.
"""
from __future__ import annotations

import datetime as dt
from pathlib import Path

import yaml
from hypothesis import HealthCheck, assume, example, given, settings
from hypothesis import strategies as st

from topicbank import load_bank
from topicbank.bank_checks import check_bank
from topicbank.checks import EntryChecker
from topicbank.load import RawEntry, parse_entry
from topicbank.model import Bank, entry_from_raw
from topicbank.render import SiteSettings, site_pages, topics_json
from topicbank.schema import Schema, load_vocabulary
from topicbank.strict_yaml import parse_mapping

ROOT = Path(__file__).resolve().parent.parent
VALID = ROOT / "tests" / "examples" / "valid"
SCHEMA = Schema.load()
VOCABULARY = load_vocabulary(VALID)
CHECKER = EntryChecker(SCHEMA, VOCABULARY, dt.date(2026, 11, 23))
KIND_LABELS = SCHEMA.properties["kind"]["x-enum-labels"]
BASE = load_bank(VALID, repo_root=VALID, today=dt.date(2026, 11, 23)).raw_entries
FIELDS = list(SCHEMA.properties)
SETTINGS = settings(max_examples=200, deadline=None, derandomize=True,
                    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])

vietnamese = st.text(alphabet=st.sampled_from(list("aăâđeêioôơuưyAĂÂĐƠƯ áàảãạếềểễệốồổỗộớờởỡợứừửữự<>&\"'`:#-[]{},!*|%@\t\n\r\x00\x0b\u2028\ufeff")),
                     max_size=30)
scalars = st.one_of(st.none(), st.booleans(), st.integers(), st.integers(min_value=10**20, max_value=10**30),
                    vietnamese, st.text(max_size=20), st.sampled_from(["theme", "document", "agenda", "guidance",
                                                                      "reviewed", "draft", "2022-06-16", "2025-13",
                                                                      "vi-du-van-ban", "vi-du-chuyen-de", "tat-ca"]))
values = st.recursive(scalars, lambda inner: st.one_of(st.lists(inner, max_size=4),
                                                       st.dictionaries(st.one_of(st.sampled_from(FIELDS + ["title", "url", "minutes", "lead", "answer", "choices", "source", "question"]), st.text(max_size=8)), inner, max_size=4)),
                      max_leaves=12)
front_matters = st.dictionaries(st.one_of(st.sampled_from(FIELDS), st.text(max_size=10)), values, max_size=12)


def run_pipeline(raw_bytes: bytes, name: str = "ngau-nhien.md") -> None:
    """What load_bank does for one file among the valid examples; asserts the outcome is problems or a page."""
    raw, problems = parse_entry(raw_bytes, Path(name), name)
    entries: list[RawEntry] = list(BASE)
    if raw is not None:
        problems += CHECKER.check(raw)
        entries.append(raw)
    problems += check_bank(entries, KIND_LABELS)
    for item in problems:
        assert item.code and item.line >= 1 and item.format()
    if raw is None:
        assert any(item.is_error for item in problems), "an unreadable file must be reported"
        return
    if any(item.is_error for item in problems):
        return
    bank = Bank(tuple(entry_from_raw(item, item.path) for item in entries), SCHEMA, VOCABULARY)
    pages = site_pages(bank, SiteSettings())
    assert any(page.src_uri == f"muc/{raw.id}.md" for page in pages)
    assert topics_json(bank, SiteSettings())


def as_file(front_matter: str, body: str = "") -> bytes:
    return f"---\n{front_matter}---\n{body}".encode("utf-8", "surrogatepass")


@SETTINGS
@given(front_matters, vietnamese)
def test_random_front_matter_never_raises(front_matter: dict, body: str) -> None:
    run_pipeline(as_file(yaml.safe_dump(front_matter, allow_unicode=True), body))


@SETTINGS
@given(st.sampled_from(BASE), st.sampled_from(FIELDS), values)
def test_one_random_field_in_a_valid_entry_never_raises(base: RawEntry, field: str, value: object) -> None:
    data = dict(base.data)
    data[field] = value
    run_pipeline(as_file(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), base.body), f"{base.id}-2.md")


def replace_strings(value: object, text: str) -> object:
    """Every free-text string in an entry replaced (ids, enums, dates, URLs kept so the entry stays checkable)."""
    if isinstance(value, dict):
        return {key: (item if key in KEEP else replace_strings(item, text)) for key, item in value.items()}
    if isinstance(value, list):
        return [replace_strings(item, text) for item in value]
    return text if isinstance(value, str) else value


KEEP = {"kind", "status", "reviewed_on", "audience", "tags", "series", "related", "references", "url", "date",
        "meeting_type", "topics", "issued", "doc_type", "validity", "superseded_by", "source", "answer", "choices"}
line_text = st.text(alphabet=st.characters(blacklist_categories=("Cs",), blacklist_characters="\n\r\x85\u2028\u2029"),
                    min_size=1, max_size=40)


@SETTINGS
@given(st.sampled_from(BASE), line_text)
def test_any_text_in_a_valid_entry_is_reported_or_rendered(base: RawEntry, text: str) -> None:
    data = replace_strings(base.data, text)
    run_pipeline(as_file(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), base.body), f"{base.id}-2.md")


@SETTINGS
@given(st.text(max_size=300), st.text(max_size=50))
@example("a: &x [*x]\n", "")  # a recursive alias
@example("a: &a [1,1,1,1,1,1,1,1,1]\nb: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]\nc: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]\n"
         "d: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c]\ne: [*d,*d,*d,*d,*d,*d,*d,*d,*d]\n", "")  # "billion laughs"
@example("kind: theme\nyear: " + "9" * 5000 + "\n", "")  # beyond Python's int-from-string limit
@example("kind: theme\nsources:\n  - title: [a, b]\nquiz:\n  - source: x\n", "")  # unhashable titles
@example("? [a, b]\n: c\n", "")  # a list as a key
@example("kind: !!python/object/apply:os.system ['echo x']\n", "")
@example("title: \"\\ud800\"\n", "")  # a lone surrogate escape
@example("summary: \u201cCh\u1ee7 \u0111\u1ec1: m\u1edbi\u201d\nrelated:\n  - \u201cx: y\u201d\n", "")  # curly quotes
@example("summary: \"Anh n\u00f3i \"\u0111\u00fang\" \u0111\u1ea5y\"\n", "")  # a quote inside quotes
@example("a: \u2018\n", "")  # a lone curly quote
def test_random_yaml_text_never_raises(front_matter: str, body: str) -> None:
    run_pipeline(as_file(front_matter + "\n", body))


@SETTINGS
@given(line_text, st.sampled_from(["\u201c\u201d", "\u2018\u2019", "\u201e\u201c"]), st.sampled_from(["a: {}", "a:\n  - {}"]))
def test_curly_quotes_around_a_value_are_never_kept_silently(text: str, quotes: str, layout: str) -> None:
    """Whatever Word's curly quotes wrap, the author hears about it: a reported problem, never quiet text."""
    assume(not any(char in "\u201c\u201d\u201e\u201f\u2018\u2019\u201a\u201b" for char in text))  # “a” và “b” is text
    parsed = parse_mapping(layout.format(quotes[0] + text + quotes[1]))
    assert parsed.issues or parsed.data is None
    run_pipeline(as_file(layout.format(quotes[0] + text + quotes[1]) + "\n"))


@SETTINGS
@given(st.binary(max_size=400))
@example(b"\xef\xbb\xbf---\r\nkind: theme\r---\n")
@example(b"---\n\xc3\x28: 1\n---\n")
@example(b"---\nkind: guidance\x00\n---\n")
def test_random_bytes_never_raise(data: bytes) -> None:
    run_pipeline(data)
    run_pipeline(b"---\n" + data + b"\n---\n")


def test_entries_pointing_at_a_broken_entry_never_raise(tmp_path: Path) -> None:
    """Bank checks read other entries' raw data: a list as a kind or titles must not crash them."""
    bank = tmp_path / "topics"
    bank.mkdir()
    (bank / "hong.md").write_text("---\nkind: [document]\ntitle: [x]\n---\n", encoding="utf-8")
    (bank / "tro-toi.md").write_text("---\nkind: guidance\ntitle: A\nsummary: B\nstatus: draft\nrelated: [hong]\n"
                                     "references: [hong]\nsources: [{title: N}]\n---\n", encoding="utf-8")
    result = load_bank(bank, repo_root=bank)
    assert not result.ok and {"wrong-type", "wrong-ref-kind"} <= {item.code for item in result.problems}


def test_aliases_and_oversized_numbers_get_a_kind_message() -> None:
    recursive, _ = parse_entry(as_file("kind: theme\na: &x [*x]\n"), Path("x.md"), "x.md")
    huge, problems = parse_entry(as_file("kind: theme\nyear: " + "9" * 5000 + "\n"), Path("y.md"), "y.md")
    assert recursive is not None
    _, alias_problems = parse_entry(as_file("a: &x [*x]\n"), Path("x.md"), "x.md")
    assert [(item.code, item.line) for item in alias_problems] == [("yaml-syntax", 2)]
    assert "bí danh" in alias_problems[0].message
    assert problems == [] and huge is not None
    assert [item.code for item in CHECKER.check(huge) if item.line == 3] == ["wrong-type"]
