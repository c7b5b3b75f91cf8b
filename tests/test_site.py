"""The generated site, built for real from the real bank."""
from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import pytest

from conftest import build_site
from topicbank import load_bank

ROOT = Path(__file__).resolve().parent.parent
TOPIC_KEYS = {"id", "kind", "title", "summary", "url", "series", "year", "months", "audience", "status", "bank", "kit",
              "slides", "quiz"}


@pytest.fixture(scope="module")
def bank():
    result = load_bank(ROOT / "topics", repo_root=ROOT)
    assert result.ok, "\n".join(problem.format() for problem in result.errors)
    return result.bank


def read(site: Path, url: str) -> str:
    return (site / url / "index.html").read_text(encoding="utf-8")


def primary_nav(html: str) -> str:
    start = html.index('md-nav--primary')
    return html[start:html.index("</nav>", start)]


def test_every_entry_has_its_page(built_site: Path, bank) -> None:
    for entry in bank.entries:
        html = read(built_site, f"muc/{entry.id}")
        assert '<h1 class="tb-title">' in html
        assert entry.title.replace("&", "&amp;").replace('"', "&quot;") in html


def test_the_bank_has_every_kind(bank) -> None:
    assert {entry.kind for entry in bank.entries} == {"theme", "guidance", "agenda", "document"}


def test_drafts_read_as_drafts_and_reviews_show_their_date(built_site: Path, bank) -> None:
    for entry in bank.entries:
        html = read(built_site, f"muc/{entry.id}")
        if entry.is_draft:
            assert "tb-draft" in html and "Bản nháp" in html
        else:
            day = entry.reviewed_on
            assert "tb-reviewed" in html and f"ngày {day.day}/{day.month}/{day.year}" in html


def test_no_page_nav_lists_the_entries(built_site: Path, bank) -> None:
    pages = [built_site / "index.html", built_site / "muc" / bank.entries[0].id / "index.html",
             built_site / "chuyen-de" / "index.html"]
    for path in pages:
        nav = primary_nav(path.read_text(encoding="utf-8"))
        assert "muc/" not in nav, path
        assert len(re.findall(r"<a ", nav)) < 30, path


def test_document_pages_show_validity_and_who_cites_them(built_site: Path, bank) -> None:
    labels = bank.schema.properties["validity"]["x-enum-labels"]
    for document in bank.of_kind("document"):
        html = read(built_site, f"muc/{document.id}")
        assert labels[document.validity] in html
        assert document.number.replace("&", "&amp;") in html
        for citing in bank.cited_by.get(document.id, ()):
            assert f'href="../{citing.id}/"' in html
        if document.superseded_by:
            assert f'href="../{document.superseded_by}/"' in html


def test_theme_pages_show_their_parts(built_site: Path, bank) -> None:
    for theme in bank.of_kind("theme"):
        html = read(built_site, f"muc/{theme.id}")
        for field in ("objectives", "questions", "actions", "sources"):  # headed by the schema's x-label
            assert f">{bank.schema.label(field)}</h2>" in html, (theme.id, field)
        for reference in theme.references:
            assert f'href="../{reference}/"' in html
        assert "/edit/" not in html and "tb-edit" not in html  # this site sets no edit_url (tests/test_plugin.py)


def test_agenda_pages_show_steps_with_minutes_and_leads(built_site: Path, bank) -> None:
    for agenda in bank.of_kind("agenda"):
        html = read(built_site, f"muc/{agenda.id}")
        assert 'class="tb-steps"' in html
        for step in agenda.steps:
            assert f"<td>{step.minutes}</td>" in html


def test_index_pages(built_site: Path, bank) -> None:
    for url in ("chuyen-de", "huong-dan", "chuong-trinh-mau", "van-ban", "loat", "ke-hoach-12-thang",
                "loai-hinh-chi-bo", "loat/chi-thi-05", "loat/nghi-quyet-21", "loai-hinh-chi-bo/nong-thon"):
        assert (built_site / url / "index.html").exists(), url
    plan = read(built_site, "ke-hoach-12-thang")
    for month in range(1, 13):
        assert f'id="thang-{month}"' in plan
    chi_thi_05 = read(built_site, "loat/chi-thi-05")
    for theme in bank.in_series("chi-thi-05"):
        if theme.year:
            assert f"Năm {theme.year}" in chi_thi_05
    themes = read(built_site, "chuyen-de")
    for theme in bank.of_kind("theme"):
        assert f'href="../muc/{theme.id}/"' in themes


def test_topics_json_lists_every_entry(built_site: Path, bank) -> None:
    records = json.loads((built_site / "topics.json").read_text(encoding="utf-8"))["topics"]
    assert [record["id"] for record in records] == [entry.id for entry in bank.entries]
    for record in records:
        assert set(record) == TOPIC_KEYS  # every key always there (null when the entry has no value)
        assert (built_site / record["url"] / "index.html").exists()
        entry = bank.by_id[record["id"]]
        assert (record["title"], record["status"], record["months"]) == (entry.title, entry.status, list(entry.months))


def test_home_page_explains_the_site(built_site: Path) -> None:
    html = (built_site / "index.html").read_text(encoding="utf-8")
    assert "bí thư chi bộ" in html and 'lang="vi"' in html


def test_no_page_loads_anything_from_another_host(built_site: Path) -> None:
    external = re.compile(r'<(?:link|script|img|iframe)[^>]+(?:href|src)="(?:https?:)?//', re.I)
    for path in built_site.rglob("*.html"):
        assert not external.search(path.read_text(encoding="utf-8")), path


def test_a_broken_bank_fails_the_build_kindly(tmp_path: Path) -> None:
    bank = tmp_path / "topics"
    shutil.copytree(ROOT / "tests" / "examples" / "valid", bank)
    shutil.copy2(ROOT / "tests" / "examples" / "invalid" / "unknown-field.md", bank)
    result = build_site(tmp_path / "site", env={"TOPICBANK_BANKS": str(bank), "TOPICBANK_FORMATS": "html"})
    output = result.stdout + result.stderr
    assert result.returncode != 0
    assert "unknown-field.md:15: [unknown-field]" in output
    assert "Traceback" not in output


@pytest.mark.browser
def test_site_in_chromium_is_self_hosted_and_accessible(page, site_url: str, bank) -> None:
    from axe_playwright_python.sync_playwright import Axe

    theme = bank.of_kind("theme")[0]
    for url in ("", f"muc/{theme.id}/", "chuyen-de/", "van-ban/"):
        page.goto(site_url + url)
        page.wait_for_load_state("networkidle")
        assert page.evaluate("document.fonts.check('16px \"Be Vietnam Pro\"', 'Đảng Cộng sản Việt Nam')")
        results = Axe().run(page)
        assert results.violations_count == 0, (url, results.generate_report())
    assert page.outside_requests == []


def test_every_file_of_the_site_can_be_served(built_site: Path) -> None:
    """Files written through a temporary file (kits, slides) must not keep mkstemp's owner-only mode."""
    unreadable = [str(path.relative_to(built_site)) for path in built_site.rglob("*")
                  if path.is_file() and not path.stat().st_mode & 0o004]
    assert unreadable == []


def test_pages_carry_no_theme_indentation(built_site: Path, bank) -> None:
    """compact.py: a line break in the page's markup is never followed by indentation, outside pre and code."""
    import re

    kept = re.compile(r"<(pre|textarea|script|style)\b.*?</\1\s*>", re.IGNORECASE | re.DOTALL)
    for path in [built_site / "index.html", built_site / "muc" / bank.entries[0].id / "index.html",
                 built_site / "chuyen-de" / "index.html", built_site / "dong-gop" / "index.html"]:
        markup = kept.sub("<kept>", path.read_text(encoding="utf-8"))
        indented = re.search(r"\n[ \t]+\S.{0,60}", markup)
        assert indented is None, (path, indented.group(0) if indented else "")
        assert "\n\n" not in markup, path


def test_navigation_is_the_themes_on_listed_and_unlisted_pages(built_site: Path, bank) -> None:
    """theme/partials/nav.html renders the navigation once per folder of pages it does not list: two entry pages
    get the same navigation, and a listed page still gets its own, with its item active."""
    def navigation(url: str) -> str:
        html = read(built_site, url)
        start = html.index('<nav class="md-nav md-nav--primary"')
        return html[start:html.index('<div class="md-sidebar md-sidebar--secondary"', start)]

    first, second = (navigation(f"muc/{entry.id}") for entry in bank.entries[:2])
    assert first == second and "md-nav__link--active" not in first
    assert 'href="../../chuyen-de/"' in first  # links relative to the entry's folder
    listed = navigation("chuyen-de")
    assert "md-nav__link--active" in listed and listed != first
