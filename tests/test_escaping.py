"""No front-matter value can put markup into any output.

A bank whose every free-text value carries quotes, ampersands, angle brackets, an
escaped-looking tag and attribute-breaking payloads (all things the validator still
allows: x-no-html fields refuse real tags) is built with every output. Each output
must show the value as text, exactly, and nothing more:
pages and index pages, topics.json, the data scripts, the kits (print page, PDF, DOCX),
the slides (browser deck, PPTX) and the .ics calendar.
"""
from __future__ import annotations

import html.parser
import io
import json
import re
import shutil
import zipfile
from pathlib import Path

import pytest
import yaml

from conftest import build_site

ROOT = Path(__file__).resolve().parent.parent
VALID = ROOT / "tests" / "examples" / "valid"
MARK = "data-tb-injected"
# Attribute breakers for "…" and '…' first (before any >, as an attacker would write them), quotes, &, <, >, ; , \,
# a literal entity (caught if something decodes twice), an "escaped" tag (a real element if something decodes
# then writes raw), and "< /" and "<?" which an HTML parser reads as the start of a bogus comment.
CORE = (f"\" {MARK}=\"1 ' {MARK}='1 \"A & B\" 'x' > y <3 </ 5 ; , \\ &amp; &lt;i {MARK}=1&gt; <? ?>")


def payload(tag: str) -> str:
    return f"{tag} {CORE}"


THEME_TITLE, THEME_SUMMARY = payload("TT"), payload("TS") + "\nEND:VEVENT\nBEGIN:VEVENT\nSUMMARY:chen"
SOURCE_TITLE = payload("NG")
FIELDS_SHOWN = {  # tag -> where it must appear as text
    "TT": "theme title", "TS": "theme summary", "MD": "objective", "CH": "discussion question", "VL": "action",
    "TD": "quote text", "TN": "quote source", "NG": "source title", "NX": "source publisher",
    "QQ": "quiz question", "QA": "quiz choice (answer)", "QB": "quiz choice", "QE": "quiz explanation",
    "AT": "agenda title", "BT": "step title", "BL": "step lead", "BN": "step notes",
    "DT": "document title", "DN": "document number", "DI": "document issuer",
}


def front_matter(path: Path) -> tuple[dict, str]:
    _, header, body = path.read_text(encoding="utf-8").split("---\n", 2)
    return yaml.safe_load(header), body


def write_entry(path: Path, data: dict, body: str) -> None:
    path.write_text("---\n" + yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=10_000) + "---\n" + body,
                    encoding="utf-8")


def hostile_bank(folder: Path) -> Path:
    shutil.copytree(VALID, folder)
    theme, body = front_matter(folder / "vi-du-chuyen-de.md")
    theme.update(
        title=THEME_TITLE, summary=THEME_SUMMARY, objectives=[payload("MD")],
        questions=[payload("CH"), "Câu hỏi hai?"], actions=[payload("VL")],
        quotes=[{"text": payload("TD"), "source": payload("TN")}],
        sources=[{"title": SOURCE_TITLE, "url": "https://example.org/a?b=1&c='2'", "publisher": payload("NX")}],
        quiz=[{"question": payload("QQ"), "choices": [payload("QA"), payload("QB")], "answer": payload("QA"),
               "explain": payload("QE"), "source": SOURCE_TITLE}])
    write_entry(folder / "vi-du-chuyen-de.md", theme, body)
    agenda, body = front_matter(folder / "vi-du-chuong-trinh.md")
    agenda.update(title=payload("AT"), summary=payload("AS"))
    agenda["steps"][1].update(title=payload("BT"), lead=payload("BL"), notes=payload("BN"))
    write_entry(folder / "vi-du-chuong-trinh.md", agenda, body)
    document, body = front_matter(folder / "vi-du-van-ban.md")
    document.update(title=payload("DT"), summary=payload("DS"), number="DN \"&'<3 > ;",
                    issuer=payload("DI"))
    write_entry(folder / "vi-du-van-ban.md", document, body)
    return folder


@pytest.fixture(scope="module")
def hostile_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    base = tmp_path_factory.mktemp("hostile")
    bank = hostile_bank(base / "topics")
    site = base / "site"
    env = {"TOPICBANK_BANKS": str(bank), "TOPICBANK_FORMATS": "html,pdf,docx,pptx",
           "TOPICBANK_CACHE_DIR": str(base / "kits-cache")}
    result = build_site(site, env)
    assert result.returncode == 0, (result.stdout + result.stderr)[-4000:]
    return site


class _Page(html.parser.HTMLParser):
    """Text (outside script and style) and every attribute name of one HTML document."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.attributes: set[str] = set()
        self.text: list[str] = []
        self._skip = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.attributes.update(name for name, _ in attrs)
        if tag in ("script", "style"):
            self._skip += 1

    def handle_endtag(self, tag: str) -> None:
        if tag in ("script", "style"):
            self._skip = max(0, self._skip - 1)

    def handle_data(self, data: str) -> None:
        if not self._skip:
            self.text.append(data)


def parse(path: Path) -> _Page:
    page = _Page()
    page.feed(path.read_text(encoding="utf-8"))
    return page


def spaced(text: str) -> str:
    return " ".join(text.split())


def test_the_hostile_bank_is_valid_as_written(tmp_path: Path) -> None:
    from topicbank import load_bank

    result = load_bank(hostile_bank(tmp_path / "topics"), repo_root=tmp_path)
    assert [item.format() for item in result.problems] == []


@pytest.mark.slow
def test_no_html_file_gains_markup_and_values_show_as_text(hostile_site: Path) -> None:
    pages = [path for path in hostile_site.rglob("*.html") if "assets" not in path.parts]
    assert len(pages) > 20
    for path in pages:
        page = parse(path)
        assert MARK not in page.attributes, path.relative_to(hostile_site)
        assert not re.search(rf"<i\s+{MARK}", path.read_text(encoding="utf-8")), path
    texts = {path.relative_to(hostile_site).as_posix(): spaced(" ".join(parse(path).text)) for path in pages}
    expected_pages = {
        "muc/vi-du-chuyen-de/index.html": ["TT", "TS", "MD", "CH", "VL", "TD", "TN", "NG", "NX"],
        "muc/vi-du-chuong-trinh/index.html": ["AT", "BT", "BL", "BN"],
        "muc/vi-du-van-ban/index.html": ["DT", "DI"],
        "chuyen-de/index.html": ["TT", "TS"], "van-ban/index.html": ["DT"], "ke-hoach-12-thang/index.html": ["TT"],
        "bo-tai-lieu/vi-du-chuyen-de/index.html": ["TT", "CH", "QQ", "QA", "QB"],
        "bo-tai-lieu/vi-du-chuong-trinh/index.html": ["AT", "BT", "BL"],
        "trinh-chieu/vi-du-chuyen-de/index.html": ["TT", "MD", "CH"],
    }
    for page, tags in expected_pages.items():
        assert page in texts, page
        for tag in tags:
            assert spaced(payload(tag)) in texts[page], f"{FIELDS_SHOWN.get(tag, tag)} not shown as text on {page}"


@pytest.mark.slow
def test_topics_json_round_trips_every_value(hostile_site: Path) -> None:
    records = {record["id"]: record
               for record in json.loads((hostile_site / "topics.json").read_text(encoding="utf-8"))["topics"]}
    assert records["vi-du-chuyen-de"]["title"] == THEME_TITLE
    assert records["vi-du-chuyen-de"]["summary"] == THEME_SUMMARY.strip()
    assert records["vi-du-chuong-trinh"]["title"] == payload("AT")


@pytest.mark.slow
@pytest.mark.browser
def test_scripts_render_values_as_text_in_the_browser(hostile_site: Path, browser: object) -> None:
    """The finder, search and the kit form build parts of the page from data files in JavaScript:
    after they run, no value has become an element or attribute, and no script failed."""
    from conftest import serve_directory

    server, url = serve_directory(hostile_site)
    context = browser.new_context(locale="vi-VN")
    try:
        page = context.new_page()
        errors: list[str] = []
        page.on("pageerror", lambda error: errors.append(str(error)))
        for path, tag in [("tim-chuyen-de/", "TT"), ("muc/vi-du-chuyen-de/", "TT"), ("bo-tai-lieu/vi-du-chuyen-de/", "QQ"),
                          ("trinh-chieu/vi-du-chuyen-de/", "TT"), ("ke-hoach-12-thang/", "TT")]:
            page.goto(url + path)
            page.wait_for_load_state("networkidle")
            search = page.locator("input[type=search], input[name=query]").first
            if path == "tim-chuyen-de/" and search.count():
                search.fill("TT")
                page.wait_for_timeout(300)
            assert page.locator(f"[{MARK}]").count() == 0, path
            assert page.locator("i").filter(has_text="data-tb").count() == 0, path
            assert spaced(payload(tag)) in spaced(page.locator("body").inner_text()), path
        assert errors == []
    finally:
        context.close()
        server.shutdown()


@pytest.mark.slow
def test_calendar_keeps_values_as_text(hostile_site: Path) -> None:
    from icalendar import Calendar

    raw = (hostile_site / "lich-sinh-hoat.ics").read_bytes()
    assert raw.count(b"BEGIN:VEVENT") == raw.count(b"END:VEVENT")
    assert not re.search(rb"^SUMMARY:chen", raw, re.M)  # the summary's own lines never reach the feed as lines
    calendar = Calendar.from_ical(raw)
    descriptions = [str(event.get("description")) for event in calendar.walk("VEVENT")]
    assert len(descriptions) == raw.count(b"BEGIN:VEVENT")
    assert any(THEME_TITLE in description for description in descriptions)


def pdf_text(path: Path) -> str:
    from pypdf import PdfReader

    return spaced(" ".join(page.extract_text() for page in PdfReader(str(path)).pages))


def docx_text(path: Path) -> str:
    from docx import Document

    document = Document(str(path))
    parts = [paragraph.text for paragraph in document.paragraphs]
    parts += [cell.text for table in document.tables for row in table.rows for cell in row.cells]
    return spaced(" ".join(parts))


def pptx_text(path: Path) -> str:
    from pptx import Presentation

    presentation = Presentation(str(path))
    return spaced(" ".join(shape.text_frame.text for slide in presentation.slides for shape in slide.shapes
                           if shape.has_text_frame))


@pytest.mark.slow
def test_kits_and_slides_show_values_exactly(hostile_site: Path) -> None:
    kit = hostile_site / "bo-tai-lieu" / "vi-du-chuyen-de"
    agenda_kit = hostile_site / "bo-tai-lieu" / "vi-du-chuong-trinh"
    deck = hostile_site / "trinh-chieu" / "vi-du-chuyen-de" / "vi-du-chuyen-de.pptx"
    texts = {"kit PDF": pdf_text(kit / "vi-du-chuyen-de.pdf"), "kit DOCX": docx_text(kit / "vi-du-chuyen-de.docx"),
             "agenda DOCX": docx_text(agenda_kit / "vi-du-chuong-trinh.docx"), "slides PPTX": pptx_text(deck)}
    expected = {"kit PDF": ["TT", "CH"], "kit DOCX": ["TT", "CH", "QQ"], "agenda DOCX": ["AT", "BT", "BL"],
                "slides PPTX": ["TT", "MD", "CH"]}
    for output, tags in expected.items():
        for tag in tags:
            assert spaced(payload(tag)) in texts[output], f"{FIELDS_SHOWN[tag]} not exact in {output}"
        assert "&amp;amp;" not in texts[output] and "&lt;i" in texts[output]  # shown once-escaped-as-written


@pytest.mark.slow
def test_docx_and_pptx_xml_is_well_formed(hostile_site: Path) -> None:
    from xml.dom import minidom

    for path in list(hostile_site.rglob("*.docx")) + list(hostile_site.rglob("*.pptx")):
        with zipfile.ZipFile(io.BytesIO(path.read_bytes())) as archive:
            for name in archive.namelist():
                if name.endswith(".xml"):
                    minidom.parseString(archive.read(name))  # raises on markup broken by a value


@pytest.mark.parametrize("value", ['Đảng "ta"', "it's", "a & b < c > d", "Chữ thường", "", 7, 2.5, "&amp;",
                                   "'\"&<>"])
def test_fragments_escape_every_value_as_html_escape_does(value: object) -> None:
    """render/jinja.py's finalize leaves quote-free values to autoescaping (markupsafe), which writes the same as
    html.escape for them; values with quotes it escapes itself (&quot; and &#x27;, where markupsafe writes &#34;)."""
    import html as html_module

    from topicbank.render.jinja import Markup, environment

    template = environment().from_string("{{ v }}|<a title=\"{{ v }}\">")
    expected = html_module.escape(str(value), quote=True)
    assert template.render(v=value) == f'{expected}|<a title="{expected}">'
    assert environment().from_string("{{ v }}").render(v=Markup("<b>x</b>")) == "<b>x</b>", "Markup is not escaped"


def test_the_fragments_code_generator_writes_what_jinjas_own_writes() -> None:
    """render/jinja.py compiles each {{ value }} to one call (environment.escaped) instead of Jinja's
    escape(environment.finalize(value)). The output must be Jinja's own, with the same finalize, wherever values
    are written: plain and quoted text, numbers, Markup, macros and their callers, {% set %} blocks, constants,
    filters, loops, and blocks that turn autoescaping off."""
    import jinja2

    from topicbank.render.jinja import Markup, _finalize, environment

    source = ('{% macro box(x) %}<b title="{{ x }}">{{ x }}</b>{% endmacro %}'
              '{% macro wrap(x) %}<u title="{{ x }}">{{ caller() }}</u>{% endmacro %}'
              '{% set kept %}<i>{{ v }}</i>{% endset %}'
              '{{ v }}|{{ n }}|{{ m }}|{{ box(v) }}|{% call wrap(m) %}{{ v }}{% endcall %}|{{ kept }}|{{ "\'q\'" }}|'
              '{{ v | upper }}|{% for item in items %}{{ item }};{% endfor %}|{{ items | length }}|'
              '{% autoescape false %}{{ v }}{{ m }}{% endautoescape %}|{{ none_value }}')
    values = dict(v='Đảng "ta" & <b>bạn</b> \'x\'', n=2.5, m=Markup("<em>đã an toàn</em>"),
                  items=["a<b", 'c"d', 3], none_value=None)
    ours = environment().from_string(source)
    jinjas = jinja2.Environment(autoescape=True, finalize=_finalize, undefined=jinja2.StrictUndefined,
                                trim_blocks=True, lstrip_blocks=True).from_string(source)
    assert ours.render(**values) == jinjas.render(**values)
    assert "escape(environment.finalize(" not in environment().compile("{{ v }}", raw=True)
    with pytest.raises(jinja2.UndefinedError):  # a misspelt name in an override still fails the build
        environment().from_string("{{ missing_name }}").render()
