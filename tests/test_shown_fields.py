"""`x-shown-in` (schema.py): a field marked in schema.json shows under its label on the entry page and in the kit's
handout (print page and PDF, DOCX) with no template or writer code of its own. Tried here on two fields that the
schema does not mark (`questions`, `summary`): marking them must add one generic section each, and nothing else."""
from __future__ import annotations

import copy
import io

from docx import Document

from topicbank import load_bank
from topicbank.kits.content import build_kit
from topicbank.kits.docx import render_docx
from topicbank.kits.print_html import PrintPage
from topicbank.render import SiteSettings, site_pages
from topicbank.schema import SHOWN_IN, Schema

from conftest import ROOT

VALID = ROOT / "tests" / "examples" / "valid"
THEME = "vi-du-chuyen-de"


def _bank(marked: dict[str, list[str]]):
    document = copy.deepcopy(Schema.load().document)
    for name, places in marked.items():
        document["properties"][name]["x-shown-in"] = places
    result = load_bank(VALID, repo_root=ROOT, schema=Schema(document))
    assert result.ok, [problem.format() for problem in result.errors]
    return result.bank


def _page(bank) -> str:
    page = next(page for page in site_pages(bank, SiteSettings()) if page.src_uri == f"muc/{THEME}.md")
    return page.html("")


def _docx_texts(bank) -> list[str]:
    document = Document(io.BytesIO(render_docx(build_kit(bank, bank.get(THEME)))))
    return [paragraph.text for paragraph in document.paragraphs]


def test_a_marked_field_shows_on_the_page_and_in_every_kit_format() -> None:
    plain, marked = _bank({}), _bank({"questions": ["kit"], "summary": ["page"]})
    theme = marked.get(THEME)
    label = marked.schema.label("questions")

    assert 'class="tb-field-summary"' not in _page(plain)
    page = _page(marked)
    assert f'<h2 class="tb-field-summary">{marked.schema.label("summary")}</h2>' in page
    assert f'<p class="tb-field-summary-text">{theme.summary}</p>' in page

    def handout(bank) -> str:
        html = PrintPage(build_kit(bank, bank.get(THEME))).document(with_form=False)
        start = html.index('class="kit-part kit-handout')
        return html[start:html.index("</section>", start)]

    assert label not in handout(plain)
    assert f"<h3>{label}</h3><ul>" + "".join(f"<li>{item}</li>" for item in theme.questions) + "</ul>" in handout(marked)

    before, after = _docx_texts(plain), _docx_texts(marked)
    assert after.count(label) == before.count(label) + 1
    for question in theme.questions:
        assert after.count(question) == before.count(question) + 1


def test_only_text_and_list_fields_can_be_marked() -> None:
    assert Schema.load().misplaced_shown_in() == []
    document = copy.deepcopy(Schema.load().document)
    document["properties"]["quiz"]["x-shown-in"] = ["kit"]  # a list of questions with choices: not a text
    document["properties"]["summary"]["x-shown-in"] = ["slides"]  # no such place
    document["properties"]["actions"]["x-shown-in"] = ["page", "kit"]
    assert Schema(document).misplaced_shown_in() == ["summary", "quiz"]
