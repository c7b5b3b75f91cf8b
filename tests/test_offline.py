"""The offline copy (ban-ngoai-tuyen.zip): unzipped and opened from file:// in Chromium, with no server."""
from __future__ import annotations

import re
import zipfile
from pathlib import Path

import pytest

from finding_helpers import open_search, typed_results
from topicbank.offline import OFFLINE_ZIP, ZIP_FOLDER, file_link, file_links_html, offline_html, offline_page
from topicbank.offline_zip import (BACKGROUND_PAGES_PART, FOLDERS_PART, PAGES_PART, ZIP_TIME, PageStream, ZipPart,
                                   start_offline_zip, write_offline_zip)

LINK = re.compile(r"""\s(?:href|src)=["']([^"'#?]+)""")


@pytest.fixture(scope="module")
def offline_root(built_site: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    target = tmp_path_factory.mktemp("offline")
    with zipfile.ZipFile(built_site / OFFLINE_ZIP) as archive:
        archive.extractall(target)
    return target / ZIP_FOLDER


def test_file_links_name_their_index_html() -> None:
    assert file_link("../muc/x/") == "../muc/x/index.html"
    assert file_link("./") == "./index.html" and file_link(".") == "./index.html" and file_link("..") == "../index.html"
    assert file_link("../..") == "../../index.html"
    assert file_link("../muc/x/#phan-1") == "../muc/x/index.html#phan-1"
    assert file_link("tim-chuyen-de/?loai=theme") == "tim-chuyen-de/index.html?loai=theme"
    for unchanged in ("#top", "https://example.org/a/", "mailto:a@b.vn", "assets/x.css", "/abs/", "data:,x"):
        assert file_link(unchanged) == unchanged
    assert file_links_html('<a class="x" href="a/">') == '<a class="x" href="a/index.html">'


def test_pages_are_rewritten_as_the_bytes_mkdocs_writes() -> None:
    """The copy rewrites each page's UTF-8 bytes (a page MkDocs sent, a kit read from the disk): the same bytes as
    rewriting its text, Vietnamese letters, a link with them and a character only a reference can write included."""
    html = ('<html lang="vi"><link rel="preload" href="../assets/f.woff2" as="font">'
            '<a href="../chi-bộ/">Chi bộ</a> <a href="./">Đảng</a> <img src="ảnh.png"> \udc80</html>')
    page = offline_html(html, "muc/index.html", "/")
    assert page == offline_page(html.encode("utf-8", errors="xmlcharrefreplace"), "muc/index.html", "/")
    assert page.decode("utf-8") == ('<html data-tb-offline lang="vi"><a href="../chi-bộ/index.html">Chi bộ</a> '
                                    '<a href="./index.html">Đảng</a> <img src="ảnh.png"> &#56448;</html>')


def test_the_zip_is_reproducible(tmp_path: Path) -> None:
    (tmp_path / "muc").mkdir()
    (tmp_path / "index.html").write_text('<a href="muc/">x</a>', encoding="utf-8")
    (tmp_path / "muc" / "index.html").write_text('<a href="../">home</a>', encoding="utf-8")
    first = (write_offline_zip(tmp_path), (tmp_path / OFFLINE_ZIP).read_bytes())
    second = (write_offline_zip(tmp_path), (tmp_path / OFFLINE_ZIP).read_bytes())
    assert first == second and first[0].files == 2
    with zipfile.ZipFile(tmp_path / OFFLINE_ZIP) as archive:
        assert archive.read(f"{ZIP_FOLDER}/index.html") == b'<a href="muc/index.html">x</a>'


def test_a_zip_started_with_the_outputs_folders_is_finished_with_the_rest(tmp_path: Path) -> None:
    """The outputs' process zips the folders it wrote while MkDocs renders pages; the build adds the rest."""
    (tmp_path / "bo-tai-lieu" / "x").mkdir(parents=True)
    (tmp_path / "bo-tai-lieu" / "x" / "index.html").write_text('<a href="../../muc/">m</a>', encoding="utf-8")
    (tmp_path / "muc").mkdir()
    (tmp_path / "muc" / "index.html").write_text('<a href="../bo-tai-lieu/x/">k</a>', encoding="utf-8")
    (tmp_path / "a.css").write_text("p{}", encoding="utf-8")
    (tmp_path / "assets").mkdir()
    (tmp_path / "assets" / "x.js").write_text("1", encoding="utf-8")
    signals: list[str] = []

    def zipped() -> tuple[bytes, list[str]]:
        # the static files (assets) once MkDocs has copied them, which the build signals: ready() returns
        assert start_offline_zip(tmp_path, ("bo-tai-lieu", "trinh-chieu"), later=("assets",),
                                 ready=lambda: signals.append("copied")) == 2
        assert not (tmp_path / OFFLINE_ZIP).exists()  # not the copy until the rest is in
        copy = write_offline_zip(tmp_path, zipped_folders=("bo-tai-lieu", "trinh-chieu", "assets"))
        assert copy.files == 4
        with zipfile.ZipFile(tmp_path / OFFLINE_ZIP) as archive:
            names = archive.namelist()
            assert archive.read(f"{ZIP_FOLDER}/bo-tai-lieu/x/index.html").endswith(b'href="../../muc/index.html">m</a>')
            assert archive.read(f"{ZIP_FOLDER}/muc/index.html").endswith(b'href="../bo-tai-lieu/x/index.html">k</a>')
        return (tmp_path / OFFLINE_ZIP).read_bytes(), names

    first, names = zipped()
    assert names == [f"{ZIP_FOLDER}/{name}"
                     for name in ("a.css", "assets/x.js", "bo-tai-lieu/x/index.html", "muc/index.html")]  # sorted
    assert signals == ["copied"]
    (tmp_path / OFFLINE_ZIP).unlink()  # a build starts from an empty site folder
    assert zipped()[0] == first  # reproducible


def test_parts_zipped_by_either_process_join_the_copy_as_stored_in_name_order(tmp_path: Path) -> None:
    """The pages are zipped as MkDocs writes them, by the build or by the outputs' process (whichever is free), into
    zips of their own; the copy joins every part without compressing it again. Every entry must read back (CRC
    checked), in name order whoever zipped it, and the parts must be gone."""
    def zipped(split: int) -> tuple[bytes, list[str]]:  # the first `split` pages zipped by the build
        for folder in ("bo-tai-lieu/x", "muc/a", "muc/b", "muc/c"):
            (tmp_path / folder).mkdir(parents=True, exist_ok=True)
        (tmp_path / "bo-tai-lieu" / "x" / "index.html").write_text('<a href="../../muc/a/">a</a>', encoding="utf-8")
        assert start_offline_zip(tmp_path, ("bo-tai-lieu",)) == 1 and (tmp_path / FOLDERS_PART).exists()
        build, background = PageStream(tmp_path / PAGES_PART), PageStream(tmp_path / BACKGROUND_PAGES_PART)
        for number, name in enumerate(("muc/c/index.html", "muc/a/index.html", "muc/b/index.html")):  # MkDocs's order
            html = f'<html><a href="../../">home</a>{"chữ " * 5000}</html>'
            (tmp_path / name).write_text(html, encoding="utf-8")
            (build if number < split else background).add_page(name, html)
        (tmp_path / "topics.json").write_text("{}", encoding="utf-8")  # written after the pages
        build.close()
        background.close()
        copy = write_offline_zip(tmp_path, zipped_folders=("bo-tai-lieu",))
        assert not [path for path in tmp_path.iterdir() if path.name.endswith(".part")]
        assert copy.files == 5
        with zipfile.ZipFile(tmp_path / OFFLINE_ZIP) as archive:
            assert archive.testzip() is None
            names = archive.namelist()
            page = archive.read(f"{ZIP_FOLDER}/muc/a/index.html").decode("utf-8")
            assert page.startswith('<html data-tb-offline><a href="../../index.html">home</a>')
            assert archive.getinfo(f"{ZIP_FOLDER}/muc/a/index.html").compress_size < len(page.encode()) / 10
            assert archive.read(f"{ZIP_FOLDER}/topics.json") == b"{}"
        data = (tmp_path / OFFLINE_ZIP).read_bytes()
        (tmp_path / OFFLINE_ZIP).unlink()  # a build starts from an empty site folder
        return data, names

    copies = {split: zipped(split) for split in (0, 1, 3)}
    assert copies[1][1] == [f"{ZIP_FOLDER}/{name}" for name in (
        "bo-tai-lieu/x/index.html", "muc/a/index.html", "muc/b/index.html", "muc/c/index.html", "topics.json")]
    assert len({data for data, _ in copies.values()}) == 1  # the same bytes, whoever zipped which page


def test_a_part_is_the_zip_zipfile_writes_with_deflate_from_isa_l(tmp_path: Path) -> None:
    """ZipPart compresses with ISA-L and appends each entry itself (zipfile would use zlib). Stored, its part must be
    the very bytes zipfile.writestr makes, headers and directory, a name with Vietnamese letters included; deflated,
    zipfile (zlib's inflate) must read back every byte."""
    files = {"tài-liệu/biên-bản.pdf": b"%PDF-1.7 " * 50, "muc/a/index.html": "<p>Chi bộ sinh hoạt</p>".encode() * 400}

    def part(name: str, stored: bool) -> Path:
        zipped = ZipPart(tmp_path / name)
        for file, data in files.items():
            zipped.add(file, data, stored=stored)
        zipped.close()
        return tmp_path / name

    with zipfile.ZipFile(tmp_path / "zipfile.zip", "w") as reference:
        for file, data in files.items():
            info = zipfile.ZipInfo(f"{ZIP_FOLDER}/{file}", date_time=ZIP_TIME)
            info.external_attr = 0o644 << 16
            reference.writestr(info, data)
    assert part("stored.zip", stored=True).read_bytes() == (tmp_path / "zipfile.zip").read_bytes()
    with zipfile.ZipFile(part("deflated.zip", stored=False)) as archive:
        assert archive.testzip() is None
        for file, data in files.items():
            assert archive.getinfo(f"{ZIP_FOLDER}/{file}").compress_type == zipfile.ZIP_DEFLATED
            assert archive.read(f"{ZIP_FOLDER}/{file}") == data
        assert archive.getinfo(f"{ZIP_FOLDER}/muc/a/index.html").compress_size < len(files["muc/a/index.html"]) / 20


def test_a_failed_build_discards_the_streamed_pages(tmp_path: Path) -> None:
    stream = PageStream(tmp_path / "site" / PAGES_PART)  # a first build: no site folder yet
    stream.add_page("index.html", "<html>x</html>")
    stream.discard()
    assert list((tmp_path / "site").iterdir()) == []


def test_home_page_links_the_zip(built_site: Path, offline_root: Path) -> None:
    assert 'href="ban-ngoai-tuyen.zip"' in (built_site / "index.html").read_text(encoding="utf-8")
    assert (built_site / OFFLINE_ZIP).stat().st_size > 0
    home = (offline_root / "index.html").read_text(encoding="utf-8")
    assert OFFLINE_ZIP not in re.findall(r'href="([^"]*)"', home)  # the copy does not hold itself: no link to it


def test_links_to_files_the_copy_does_not_hold_lose_their_href() -> None:
    html = '<p><a class="x" href="../ban-ngoai-tuyen.zip" download>zip</a> <a href="../sitemap.xml">s</a> <a href="../">t</a>'
    assert file_links_html(html, "muc/index.html", "/", frozenset({OFFLINE_ZIP, "sitemap.xml"})) == (
        '<p><a class="x">zip</a> <a>s</a> <a href="../index.html">t</a>')


def test_the_404_pages_root_links_become_relative() -> None:
    """MkDocs writes the 404 page with root-absolute links (site_url's path, as it may be served at any depth)."""
    html = ('<link href="/repo/assets/site.css"><a href="/repo/.">home</a><a href="/repo/van-ban/">v</a>'
            '<script src="/repo/assets/x.js"></script><script id="__config">{"base": "/repo/"}</script>')
    assert file_links_html(html, "404.html", "/repo/") == (
        '<link href="assets/site.css"><a href="./index.html">home</a><a href="van-ban/index.html">v</a>'
        '<script src="assets/x.js"></script><script id="__config">{"base": "."}</script>')


@pytest.mark.browser
def test_online_home_page_offers_the_zip_and_hides_the_offline_note(page, site_url: str) -> None:
    page.goto(site_url)
    assert page.locator(".tb-online-only a[href='ban-ngoai-tuyen.zip']").is_visible()
    assert page.locator(".tb-offline-only").is_hidden()


def test_every_local_link_in_the_offline_copy_resolves(offline_root: Path) -> None:
    broken = []
    for page in offline_root.rglob("*.html"):
        for url in LINK.findall(page.read_text(encoding="utf-8")):
            if re.match(r"^[a-z][a-z0-9+.-]*:", url, re.I):
                continue  # other hosts
            assert not url.startswith("/"), (page, url)  # a root-absolute link would open the disk's root
            target = (page.parent / url).resolve()
            if not target.is_file():
                broken.append(f"{page.relative_to(offline_root)} -> {url}")
    assert not broken, broken[:20]


@pytest.mark.browser
def test_offline_copy_searches_and_navigates_from_file(page, offline_root: Path) -> None:
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.goto((offline_root / "index.html").as_uri())
    assert page.locator(".tb-online-only").is_hidden()  # no link to the zip from inside the zip
    assert page.locator(".tb-offline-only").is_visible()
    assert page.locator("#tb-this-month li a").count() > 0  # this month's themes, written into the page
    assert page.locator("#tb-this-month .tb-this-month-title").count() == 1

    open_search(page)
    results = typed_results(page, "bien ban")
    assert results and all(url.endswith("/index.html") for url in results)
    assert any(url.endswith("/muc/ghi-bien-ban-sinh-hoat-chi-bo/index.html") for url in results[:5])
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r"^file://.*/muc/[^/]+/index\.html$"))
    assert page.locator("h1").first.inner_text()

    page.click("nav.md-nav--primary >> text=Tìm chuyên đề")
    page.wait_for_url(re.compile(r"^file://.*/tim-chuyen-de/index\.html"))
    total = page.locator("#tb-finder-results li").count()
    page.select_option("#tb-f-loai", "document")
    documents = page.locator("#tb-finder-results li").count()
    assert 0 < documents < total
    page.locator("#tb-finder-results a").first.click()
    page.wait_for_url(re.compile(r"^file://.*/muc/[^/]+/index\.html$"))
    assert errors == []
    assert page.outside_requests == []
