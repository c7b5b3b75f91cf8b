"""An entry's page takes the body converted while the files were read (mkdocs_site.ConvertedPage): what it makes
must be what MkDocs's own Page.render makes of the same Markdown with the project's mkdocs.yml, and where MkDocs
would do more (rewrite a link to a path, or convert a Markdown a plugin changed), MkDocs does it."""
from __future__ import annotations

import logging
from pathlib import Path

import markdown
import pytest
from mkdocs.config import load_config
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.structure.pages import Page
from mkdocs.structure.toc import AnchorLink

from topicbank import body
from topicbank.config import markdown_settings
from topicbank.mkdocs_site import ConvertedPage, convert_entry_pages

ROOT = Path(__file__).resolve().parent.parent

BODIES = {
    "headings, a footnote, links to its own anchors and out": (
        "## Ý nghĩa của chuyên đề\n\nChữ có chú thích[^1], [về mục sau](#rieng)"
        " và [trang ngoài](https://example.org/a) hay thư <ban@example.org>.\n\n### Đảng viên {#rieng}\n\n#### Câu hỏi?\n\n[^1]: Lời chú thích.\n"),
    "a table, a box, a numbered list": (
        "| Cột | **Đậm** |\n|---|---|\n| a | b |\n\n"
        "!!! note \"Lưu ý\"\n    Chữ trong hộp.\n\n1. một\n2. hai\n"),
    "raw HTML with an id": '<div id="khung" markdown="1">Khung</div>\n\nĐoạn <a name="moc"></a>.\n',
}
RELATIVE_LINK = "Xem [văn bản](../van-ban/quy-dinh.md) và [mục](#y-nghia).\n\n## Ý nghĩa\n"


@pytest.fixture(scope="module")
def config() -> MkDocsConfig:
    config = load_config(config_file=str(ROOT / "mkdocs.yml"))
    body.use_markdown(markdown_settings(config))
    yield config
    body.use_markdown(body.MarkdownSettings())


def _files(config: MkDocsConfig) -> Files:
    # the pages' sources are never read: each test gives the page its Markdown
    return Files([File("van-ban/quy-dinh.md", config.docs_dir, config.site_dir, config.use_directory_urls),
                  File("muc/vi-du.md", config.docs_dir, config.site_dir, config.use_directory_urls,
                       inclusion=InclusionLevel.NOT_IN_NAV)])


def _render(kind: type[Page], text: str, config: MkDocsConfig) -> Page:
    files = _files(config)
    page = kind(None, files.get_file_from_path("muc/vi-du.md"), config)
    page.markdown, page.meta = text, {"title": "Ví dụ"}
    page.render(config, files)
    return page


def _toc(items: list[AnchorLink]) -> list:
    return [(item.title, item.id, item.level, _toc(item.children)) for item in items]


def _same(mine: Page, theirs: Page) -> None:
    assert mine.content == theirs.content
    assert _toc(mine.toc.items) == _toc(theirs.toc.items)
    assert mine.present_anchor_ids == theirs.present_anchor_ids
    assert {file.src_uri: links for file, links in (mine.links_to_anchors or {}).items()} == {
        file.src_uri: links for file, links in (theirs.links_to_anchors or {}).items()}


@pytest.mark.parametrize("name", list(BODIES))
def test_a_converted_body_gives_the_page_mkdocs_gives_without_converting_it_again(
        name: str, config: MkDocsConfig, monkeypatch: pytest.MonkeyPatch) -> None:
    text = BODIES[name]
    theirs = _render(Page, text, config)
    body.convert_body(text)  # as reading.py does while the files are read
    original = markdown.Markdown.convert

    def refused(self: markdown.Markdown, source: str) -> str:
        assert not source.strip(), f"converted again: {source[:40]!r}"
        return original(self, source)

    monkeypatch.setattr(markdown.Markdown, "convert", refused)
    mine = _render(ConvertedPage, text, config)
    _same(mine, theirs)
    assert bool(mine.toc.items) == ("#" in text), "a body with headings has a table of contents"
    assert bool(mine.links_to_anchors) == ("#" in text), "its permalinks (and #rieng) link to its own anchors"


def test_a_link_to_a_path_or_a_changed_markdown_is_left_to_mkdocs(config: MkDocsConfig,
                                                                    caplog: pytest.LogCaptureFixture) -> None:
    body.convert_body(RELATIVE_LINK)
    mine = _render(ConvertedPage, RELATIVE_LINK, config)
    _same(mine, _render(Page, RELATIVE_LINK, config))
    assert 'href="../../van-ban/quy-dinh/"' in mine.content, "MkDocs rewrote the link to the page it names"
    body.convert_body(BODIES["a table, a box, a numbered list"])
    # not what was converted
    changed = BODIES["a table, a box, a numbered list"] + "\nMột plugin thêm đoạn này.\n"
    mine = _render(ConvertedPage, changed, config)
    assert "Một plugin thêm đoạn này." in mine.content
    with caplog.at_level(logging.WARNING, logger="mkdocs"):
        _render(ConvertedPage, "[lạc](../khong-co.md)\n", config)
    assert "khong-co.md" in caplog.text, "MkDocs still warns of a link to a missing page (strict builds fail)"


def test_entry_pages_are_converted_pages_unless_the_extensions_changed_after_reading(config: MkDocsConfig) -> None:
    files = _files(config)
    assert convert_entry_pages(files, config, ["muc/vi-du.md", "muc/khong-co.md"], markdown_settings(config)) == 1
    assert isinstance(files.get_file_from_path("muc/vi-du.md").page, ConvertedPage)
    files = _files(config)
    other = body.MarkdownSettings(("toc",))  # what a plugin's on_config after ours would leave
    assert convert_entry_pages(files, config, ["muc/vi-du.md"], other) == 0
    assert files.get_file_from_path("muc/vi-du.md").page is None, "MkDocs makes and converts the page itself"


def test_the_same_mkdocs_yml_gives_equal_settings_so_serve_keeps_what_it_converted() -> None:
    """`mkdocs serve` reads mkdocs.yml again before every rebuild; body.use_markdown forgets every conversion when
    the settings differ, so equal files must give equal settings (toc's slugify is the same function)."""
    first, second = (markdown_settings(load_config(config_file=str(ROOT / "mkdocs.yml"))) for _ in range(2))
    assert first == second and first.configs["toc"]["slugify"] is second.configs["toc"]["slugify"]
    assert "admonition" in first.extensions and "toc" in first.extensions, "MkDocs's own three are included"
