"""The HTML fragments (hooks/topicbank/fragments/): a site overrides one from its custom_dir, generated parts never go
through Markdown, and every schema property reaches the model, the entry page and (or is deliberately left out of)
topics.json."""
from __future__ import annotations

import dataclasses
import datetime as dt
import html
import json
from pathlib import Path
from typing import Any

import pytest
import yaml

from test_plugin import LOCAL_THEME, mkdocs_build, write_site
from topicbank import load_bank
from topicbank.model import Bank, Entry
from topicbank.render import (NOT_IN_TOPICS_JSON, TOPICS_JSON_PROPERTIES, SiteSettings, carried_as_is, site_pages,
                              topics_json)
from topicbank.render.entry_page import NOT_ON_THE_PAGE, EntryPageRenderer
from topicbank.render.text import EntryLinks, Urls, anchor_ids, vn_date
from topicbank.schema import Schema

ROOT = Path(__file__).resolve().parent.parent
VALID = ROOT / "tests" / "examples" / "valid"
SCHEMA = Schema.load()

OVERRIDDEN_SITE = """\
site_name: Trang thử mẫu riêng
docs_dir: docs
theme:
  name: material
  custom_dir: overrides
plugins:
  - search
  - topicbank:
      banks: [national, topics]
      formats: [html]
      offline_zip: false
"""
OVERRIDE = """\
<p class="site-own-entry">MẪU RIÊNG CỦA ĐẢNG BỘ: {{ entry.title }}</p>
{{ body }}
"""


@pytest.fixture(scope="module")
def bank() -> Bank:
    result = load_bank(VALID, repo_root=ROOT)
    assert result.ok, [problem.format() for problem in result.errors]
    return result.bank


def page_html(bank: Bank, entry_id: str, body: str = "") -> str:
    page = next(page for page in site_pages(bank, SiteSettings()) if page.src_uri == f"muc/{entry_id}.md")
    assert page.html is not None
    return page.html(body)


# -- a site's own fragment ------------------------------------------------------------------------


def test_entry_fragment_from_custom_dir_replaces_the_packages(tmp_path: Path) -> None:
    site = write_site(tmp_path / "site", OVERRIDDEN_SITE, LOCAL_THEME.replace("title: Chuyên đề riêng",
                                                                              "title: Chuyên đề 'riêng' & chung"))
    (site / "overrides" / "topicbank").mkdir(parents=True)
    (site / "overrides" / "topicbank" / "entry.html").write_text(OVERRIDE, encoding="utf-8")
    result = mkdocs_build(site)
    assert result.returncode == 0, result.stderr[-3000:]
    page = (site / "site" / "muc" / "chuyen-de-rieng" / "index.html").read_text(encoding="utf-8")
    # the override's markup, with the value still escaped (autoescaping applies to a site's fragments too)
    assert "MẪU RIÊNG CỦA ĐẢNG BỘ: Chuyên đề &#x27;riêng&#x27; &amp; chung của đảng bộ ví dụ</p>" in page
    assert "Chuyên đề <strong>địa phương</strong>" in page  # the author's body, converted by MkDocs
    assert 'class="tb-meta"' not in page  # the package's entry.html was not used
    for entry_page in (site / "site" / "muc").glob("*/index.html"):  # the national bank's pages too
        assert "MẪU RIÊNG CỦA ĐẢNG BỘ" in entry_page.read_text(encoding="utf-8"), entry_page
    index = (site / "site" / "chuyen-de" / "index.html").read_text(encoding="utf-8")
    assert "MẪU RIÊNG" not in index and 'class="tb-list"' in index  # other fragments stay the package's


# -- generated parts and Markdown -------------------------------------------------------------------


def test_markdown_gets_only_the_authors_body_and_the_parts_go_around_it(bank: Bank) -> None:
    theme = bank.get("vi-du-chuyen-de")
    page = next(page for page in site_pages(bank, SiteSettings()) if page.src_uri == "muc/vi-du-chuyen-de.md")
    front, body = page.content.split("---\n", 2)[1:]
    assert body.strip() == theme.body.strip()  # only the author's text is converted by MkDocs
    assert "<" not in front
    finished = page.html("<p>THÂN BÀI</p>")
    assert finished.index('class="tb-objectives"') < finished.index("<p>THÂN BÀI</p>") < finished.index('class="tb-questions"')
    assert "tu-kiem-tra" in anchor_ids(finished)  # the quiz's anchor, so links to it pass --strict


def test_every_generated_page_finishes_its_html(bank: Bank) -> None:
    for page in site_pages(bank, SiteSettings()):
        assert page.html is not None, page.src_uri
        assert page.html("").strip(), page.src_uri
        assert not page.html("").endswith("\n"), page.src_uri  # MkDocs's own content has no trailing newline


@pytest.mark.parametrize("folder_urls", [True, False])
def test_entry_pages_link_as_each_would_on_its_own(folder_urls: bool) -> None:
    """One renderer works a link out once for all entry pages (EntryPageRenderer._relative); each page is still
    byte for byte what a renderer of its own makes, links to itself and into its own folder included."""
    real = load_bank(ROOT / "topics", repo_root=ROOT).bank  # documents, agendas, citations: many links
    urls = Urls(use_directory_urls=folder_urls)
    links = {entry.id: EntryLinks({"kit": {"html": f"bo-tai-lieu/{entry.id}/", "own": f"muc/{entry.id}/in/",
                                           "self": urls.page_url(urls.entry_src(entry.id))}})
             for entry in real.entries}
    shared = EntryPageRenderer(real, urls, lambda entry: None, links)
    for entry in real.entries:
        alone = EntryPageRenderer(real, urls, lambda entry: None, links)
        assert shared.html(entry, "<p>x</p>") == alone.html(entry, "<p>x</p>"), entry.id


# -- every schema property -------------------------------------------------------------------------

# How a value is shown when its spec alone does not say (path: property, [] for a list item, .sub for a subfield).
def _status(value: str) -> list[str]:
    return ["Bản nháp"] if value == "draft" else ["Đã đối chiếu nguồn"]


SHOWN_AS = {
    "status": _status,
    "months[]": lambda value: [f"tháng {value}"],
    "duration_minutes": lambda value: [f"{value} phút"],
    "steps[].minutes": lambda value: [f"<td>{value}</td>"],
    "sources[].url": lambda value: [f'href="{html.escape(value)}"'],
    "quiz[].answer": lambda value: [f"<label", html.escape(value)],  # one of the choices; checked by quiz.js
}


def shown(path: str, spec: dict[str, Any], value: Any, entry: dict[str, Any], bank: Bank) -> list[str]:
    """The texts an entry's page must contain for one front-matter value, read from its schema spec."""
    if path in SHOWN_AS:
        return SHOWN_AS[path](value)
    if path == "quiz[].source":  # a source's title, or a cited document shown by its title
        return [html.escape(bank.get(value).title if bank.get(value) else value)]
    if spec.get("x-ref-kind"):
        return [f'href="../{value}/"']
    if spec.get("x-vocabulary"):
        return [html.escape(bank.vocabulary.label(spec["x-vocabulary"], value))]
    if "x-enum-labels" in spec:
        return [html.escape(spec["x-enum-labels"][value])]
    if spec.get("format") in ("date", "partial-date") or isinstance(value, dt.date):
        return [vn_date(value if isinstance(value, dt.date) else str(value))]
    if isinstance(value, list):
        return [text for item in value for text in shown(f"{path}[]", spec.get("items", {}), item, entry, bank)]
    if isinstance(value, dict):
        properties = spec.get("properties", {})
        return [text for name, sub in value.items() for text in shown(f"{path}.{name}", properties.get(name, {}), sub, entry, bank)]
    return [html.escape(str(value))]


def front_matters() -> dict[str, dict[str, Any]]:
    return {path.stem: yaml.safe_load(path.read_text(encoding="utf-8").split("---\n", 2)[1]) for path in VALID.glob("*.md")}


def test_every_schema_property_is_a_model_field() -> None:
    fields = {field.name for field in dataclasses.fields(Entry)}
    assert set(SCHEMA.properties) <= fields, sorted(set(SCHEMA.properties) - fields)


def test_every_schema_property_shows_on_the_page_of_an_entry_that_has_it(bank: Bank) -> None:
    assert set(NOT_ON_THE_PAGE) <= set(SCHEMA.properties)
    entries = front_matters()
    for name, spec in SCHEMA.properties.items():
        if name in NOT_ON_THE_PAGE:
            continue
        having = {entry_id: data for entry_id, data in entries.items() if name in data}
        assert having, f"no entry in tests/examples/valid has `{name}`: add one, or list it in NOT_ON_THE_PAGE"
        for entry_id, data in having.items():
            page = page_html(bank, entry_id)
            for text in shown(name, spec, data[name], data, bank):
                assert text in page, (entry_id, name, text)


def test_topics_json_carries_or_deliberately_leaves_out_each_property(bank: Bank) -> None:
    carried, left_out = set(TOPICS_JSON_PROPERTIES), set(NOT_IN_TOPICS_JSON)
    assert not carried & left_out, carried & left_out
    assert left_out <= set(SCHEMA.properties), left_out - set(SCHEMA.properties)  # no stale reason
    as_is = set(carried_as_is(SCHEMA))  # every other property is carried as it is, with no code
    assert carried | left_out | as_is == set(SCHEMA.properties)
    records = {record["id"]: record for record in json.loads(topics_json(bank, SiteSettings()))["topics"]}
    assert all(name in record for record in records.values() for name in as_is)
    for entry in bank.entries:
        record = records[entry.id]
        for name in carried:
            value = getattr(entry, name)
            if name == "quiz":  # carried as a count; null (never 0 or a missing key) when there is none
                assert record["quiz"] == (len(value) or None), entry.id
            else:
                assert record[name] == (list(value) if isinstance(value, tuple) else value), (entry.id, name)


def test_compact_whitespace_keeps_what_shows():
    from topicbank.compact import compact_whitespace

    page = ('<ul>\n      <li><a href="x">Một</a>\n\n        <b>hai</b></li>\n    </ul>\n'
            '<pre><code>giữ\n    nguyên</code></pre>\n<textarea>\n  ô\n</textarea>\n'
            '<script>\n  var a = `x\n  y`;\n</script>  \n  <p>cuối</p>')
    compacted = compact_whitespace(page)
    assert compacted == ('<ul>\n<li><a href="x">Một</a>\n<b>hai</b></li>\n</ul>\n'
                         '<pre><code>giữ\n    nguyên</code></pre>\n<textarea>\n  ô\n</textarea>\n'
                         '<script>\n  var a = `x\n  y`;\n</script>  \n<p>cuối</p>')
    assert compact_whitespace(compacted) == compacted
    # a no-break space at a line's start shows (it is no HTML white space), so it stays
    assert compact_whitespace("<p>một\n\u00a0 hai\n \u2003ba</p>") == "<p>một\n\u00a0 hai\n\u2003ba</p>"


def changed(bank: Bank, entry_id: str, **fields: object) -> Bank:
    """The bank with one entry's fields replaced (as if its file had been edited)."""
    import dataclasses as dc

    from topicbank.model import Bank as BankType

    entries = tuple(dc.replace(entry, **fields) if entry.id == entry_id else entry for entry in bank.entries)
    return BankType(entries, bank.schema, bank.vocabulary, bank.bank_labels)


def test_an_entry_pages_serve_key_follows_what_it_shows_of_other_entries(bank: Bank) -> None:
    """`mkdocs serve` keeps an entry page while its parts key is unchanged (page_cache.py): the key must change
    with what the page shows of another entry, here the title of a document it cites, and with its own text."""
    def key(of: Bank) -> str | None:
        page = next(page for page in site_pages(of, SiteSettings()) if page.src_uri == "muc/vi-du-chuyen-de.md")
        assert page.parts_key is not None
        return page.parts_key()

    before = key(bank)
    assert before is not None and before == key(bank)
    assert key(changed(bank, "vi-du-van-ban", title="Văn bản ví dụ đã đổi tên")) != before
    assert key(changed(bank, "vi-du-chuyen-de", summary="Tóm tắt khác.")) != before
    assert key(changed(bank, "vi-du-van-ban-cu", title="Một mục trang này không nêu")) == before


def test_an_index_pages_serve_key_follows_its_list_and_needs_no_rendering(bank: Bank, monkeypatch) -> None:
    """Index pages are keyed by their template's values (render/index_pages.py), without rendering them: the key
    changes with an entry title the page lists, and not with an entry's text it does not show."""
    from topicbank.render import index_pages

    def key(of: Bank) -> bytes | None:
        page = next(page for page in site_pages(of, SiteSettings()) if page.src_uri == "huong-dan/index.md")
        assert page.parts_key is not None
        return page.parts_key()

    def no_rendering(*args: object, **kwargs: object) -> str:
        raise AssertionError("an index page was rendered to key it")

    monkeypatch.setattr(index_pages, "render", no_rendering)
    before = key(bank)
    assert before is not None and before == key(bank)
    assert key(changed(bank, "vi-du-huong-dan", title="Hướng dẫn đã đổi tên")) != before
    assert key(changed(bank, "vi-du-huong-dan", body="Thân bài khác, không hiện ở trang danh sách.")) == before
