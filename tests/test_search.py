"""Search as Vietnamese readers type it, in real Chromium against the real built site."""
from __future__ import annotations

import gzip
import json
import re
import subprocess
import sys
import unicodedata
from pathlib import Path

import pytest

from finding_helpers import open_search, real_bank, script_data, typed_results
from topicbank.search import fold, has_diacritics, words

ROOT = Path(__file__).resolve().parent.parent

# query typed by a reader -> the entry (id) it must put in the first five results
QUERIES_WITHOUT_DIACRITICS = {
    "nghi quyet 21": "nghi-quyet-21-nq-tw-2022",
    "bien ban": "ghi-bien-ban-sinh-hoat-chi-bo",
    "tu phe binh": "tu-phe-binh-va-phe-binh",
    "giu tron loi the": "giu-tron-loi-the-dang-vien",
    "chi bo 4 tot": "chi-bo-4-tot",
    "hop chi bo dau nam": "hop-chi-bo-dau-nam",
    "thanh lap dang": "ky-niem-ngay-thanh-lap-dang-3-2",
    "so tay dang vien": "quy-dinh-339-qd-tw-2025",
    "chi thi 50": "chi-thi-50-ct-tw-2025",
    "huong dan 42": "huong-dan-42-hd-btctw-2025",
    "dang vien khong duoc lam": "nhung-dieu-dang-vien-khong-duoc-lam",
    "tu soi tu sua": "tu-soi-tu-sua",
    "dien bien phu": "chien-thang-dien-bien-phu-7-5-1954",
}
QUERIES_WITH_DIACRITICS = {
    "Nghị quyết 21": "nghi-quyet-21-nq-tw-2022",
    "họp chi bộ đầu năm": "hop-chi-bo-dau-nam",
    "phê bình": "tu-phe-binh-va-phe-binh",
    "Điện Biên Phủ": "chien-thang-dien-bien-phu-7-5-1954",
}
FOLDING_SAMPLES = ["Đảng Cộng sản Việt Nam", "ĐẢNG VIÊN", "đ Đ d D", "Nghị quyết 21-NQ/TW", "“Tự” (phê bình)",
                   "«Học để làm việc»", "A\u0301 e\u0300 o\u031b\u0323", "Ữ ữ Ỳ ỵ", "Quy định 08-QĐi/TW", "x_y 4 tốt",
                   "chuyên đề", "hợp họp hớp", "Điện Biên Phủ 7/5/1954", "  khoảng   trắng  "]


def test_fold_strips_tones_and_marks() -> None:
    assert fold("Đảng viên") == "dang vien"
    assert fold("Nghị quyết") == "nghi quyet"
    assert fold("ƯỚC MƠ") == "uoc mo"
    assert words("(Chỉ thị “05-CT/TW”)") == ["chi", "thi", "05", "ct", "tw"]
    assert has_diacritics("họp") and not has_diacritics("hop") and not has_diacritics("HOP")


@pytest.mark.browser
def test_python_and_browser_fold_alike(page, site_url: str) -> None:
    samples = FOLDING_SAMPLES + [entry.title for entry in real_bank().entries]
    page.goto(site_url)
    browser = page.evaluate("samples => samples.map(s => [tbFold.fold(s), tbFold.words(s), tbFold.hasDiacritics(s)])",
                            samples)
    python = [[fold(sample), words(sample), has_diacritics(sample)] for sample in samples]
    assert browser == python


def index_records(site: Path) -> list[dict[str, str]]:
    """The index's entries, each other text ("b") given back as its distinct words (search/index.py)."""
    from topicbank.search.index import decode_body

    index = script_data(site / "search" / "tb-index.js", "__tbSearchIndex")
    return [record | {"b": " ".join(decode_body(index, record))} for record in index["d"]]


def test_index_holds_each_entry_once_and_no_duplicates(built_site: Path) -> None:
    urls = [record["u"] for record in index_records(built_site)]
    assert sorted(urls) == sorted(f"muc/{entry.id}/" for entry in real_bank().entries)
    assert not [url for url in urls if url.startswith(("bo-tai-lieu/", "trinh-chieu/"))]


def test_index_is_smaller_than_materials(built_site: Path, tmp_path: Path) -> None:
    """Ours against the index plain MkDocs + Material writes for the same entries (as scripts/bench.py builds it)."""
    sys.path.insert(0, str(ROOT / "scripts"))
    from benchlib.builds import make_plain_project, mkdocs_command

    config = make_plain_project(ROOT / "topics", tmp_path / "plain")
    plain = subprocess.run(mkdocs_command(config, tmp_path / "plain-site"), cwd=tmp_path / "plain",
                           capture_output=True, text=True)
    assert plain.returncode == 0, plain.stdout + plain.stderr
    ours = gzip.compress((built_site / "search" / "tb-index.js").read_bytes(), 9)
    material = gzip.compress((tmp_path / "plain-site" / "search" / "search_index.json").read_bytes(), 9)
    assert len(ours) <= 1.5 * len(material), (len(ours), len(material))


def test_materials_unused_index_stays_empty(built_site: Path) -> None:
    index = json.loads((built_site / "search" / "search_index.json").read_text(encoding="utf-8"))
    assert index["docs"] == []


def expected_url(bank, entry_id: str) -> str:
    assert bank.get(entry_id), f"the test expects entry {entry_id!r}; it is no longer in the bank"
    return f"/muc/{entry_id}/"


@pytest.mark.browser
def test_typed_queries_find_the_expected_entry_in_the_first_five(page, site_url: str) -> None:
    bank = real_bank()
    page.goto(site_url)
    open_search(page)
    misses = {}
    for query, entry_id in {**QUERIES_WITHOUT_DIACRITICS, **QUERIES_WITH_DIACRITICS}.items():
        results = typed_results(page, query)
        if expected_url(bank, entry_id) not in results[:5]:
            misses[query] = results[:5]
    assert not misses
    assert page.outside_requests == []


@pytest.mark.browser
def test_searching_requests_no_missing_file(page, site_url: str, built_site: Path) -> None:
    """Material's lunr search and its worker are left out of the site (mkdocs_site.UNUSED_THEME_FILES): our
    search box must not ask for them, or for anything else the site lacks."""
    assert not (built_site / "assets" / "javascripts" / "lunr").exists()
    assert not list((built_site / "assets" / "javascripts").glob("workers/search.*"))
    missing: list[str] = []
    page.on("response", lambda response: missing.append(response.url) if response.status >= 400 else None)
    page.goto(site_url)
    open_search(page)
    assert typed_results(page, "sinh hoat chi bo")
    page.goto(site_url + "tim-chuyen-de/")
    page.wait_for_load_state("load")
    assert missing == []


@pytest.mark.browser
def test_enter_opens_the_first_result(page, site_url: str) -> None:
    page.goto(site_url)
    open_search(page)
    first = typed_results(page, "giu tron loi the")[0]
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(re.escape(first) + "$"))
    assert "lời thề" in page.locator("h1").first.inner_text().lower()


def exact_words(record: dict[str, str]) -> set[str]:
    text = unicodedata.normalize("NFC", " ".join([record["t"], record["s"], record["g"], record["b"]]).lower())
    return set(re.findall(r"[^\W_]+", text))


@pytest.mark.browser
@pytest.mark.parametrize("query", ["hợp", "họp", "đề"])
def test_exact_diacritics_rank_first(page, site_url: str, built_site: Path, query: str) -> None:
    by_url = {record["u"]: record for record in index_records(built_site)}
    page.goto(site_url)
    found = page.evaluate("q => tbSearch.load().then(() => tbSearch.search(q).map(r => r.u))", query)
    exact = [query in exact_words(by_url[url]) for url in found]
    assert any(exact) and not all(exact), f"{query!r} must find exact and folded-only matches: {exact}"
    assert exact == sorted(exact, reverse=True), "every exact match must come before every folded-only match"


@pytest.mark.browser
def test_words_after_brackets_and_quotes_are_found(page, site_url: str, built_site: Path) -> None:
    after_mark: dict[str, str] = {}
    for record in index_records(built_site):
        for word in re.findall(r"[(“«\"]([^\W\d_]{4,})", record["t"] + " " + record["s"]):
            after_mark.setdefault(word, record["u"])
    assert len(after_mark) >= 3, "the bank should have words right after ( or “ to test the separator"
    page.goto(site_url)
    for word, url in list(after_mark.items())[:12]:
        found = page.evaluate("q => tbSearch.load().then(() => tbSearch.search(q).map(r => r.u))", word)
        assert url in found, word


def test_data_scripts_cannot_close_a_script_element() -> None:
    from topicbank.search.index import js_assignment, plain_text

    script = js_assignment("__x", {"t": "</script><script>alert(1)</script>"})
    assert "</" not in script and script.startswith("window.__x=")
    assert plain_text("## Mục 1\n\n- **Đậm** và [liên kết](https://a.vn) <b>thẻ</b>") == "Mục 1 Đậm và liên kết thẻ"
