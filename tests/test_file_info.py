"""What the DOCX, PPTX and PDF files say about themselves, and how the build's date gets in after the cache:
a new commit (a new SOURCE_DATE_EPOCH) re-renders nothing, and two builds of one commit write the same bytes."""
from __future__ import annotations

import datetime as dt
import io
import logging
import zipfile
from pathlib import Path

import pytest

from conftest import ROOT
from topicbank import Bank, load_bank
from topicbank.file_info import PLACEHOLDER_ISO, FileInfo, entry_keywords, file_info, office_text, stamp_office
from topicbank.kits import KitOutput
from topicbank.present.output import SlidesOutput
from topicbank.render.text import Urls

FIRST = dt.datetime(2026, 3, 4, 5, 6, 7, tzinfo=dt.timezone.utc)
SECOND = dt.datetime(2026, 4, 5, 6, 7, 8, tzinfo=dt.timezone.utc)
LOG = logging.getLogger("test")


@pytest.fixture(scope="module")
def bank() -> Bank:
    result = load_bank(ROOT / "tests" / "examples" / "valid", repo_root=ROOT)
    assert result.ok
    return result.bank


def core_xml(data: bytes) -> str:
    return zipfile.ZipFile(io.BytesIO(data)).read("docProps/core.xml").decode("utf-8")


def test_the_info_comes_from_the_entry(bank: Bank) -> None:
    theme = bank.of_kind("theme")[0]
    info = file_info(bank, theme, theme.title, "Đảng bộ tỉnh Ví Dụ")
    assert (info.subject, info.creator, info.language) == (theme.summary, "Đảng bộ tỉnh Ví Dụ", "vi-VN")
    assert info.keywords == entry_keywords(bank, theme)
    assert all(bank.vocabulary.label("tags", tag) in info.keywords for tag in theme.tags)


def test_long_text_is_cut_at_a_word_for_office() -> None:
    text = "Mô hình chi bộ " * 40
    short = office_text(text)
    assert len(short) <= 255 and short.endswith("…") and text.startswith(short[:-1]) and not short[:-1].endswith(" ")
    assert office_text("Ngắn") == "Ngắn"


def test_office_dates_are_stamped_after_the_cache_or_left_out(bank: Bank) -> None:
    from topicbank.kits.content import build_kit
    from topicbank.kits.docx import render_docx

    theme = bank.of_kind("theme")[0]
    cached = render_docx(build_kit(bank, theme), FileInfo("Tiêu đề", "Tóm tắt", ("thẻ",), "Trang"))
    assert cached == render_docx(build_kit(bank, theme), FileInfo("Tiêu đề", "Tóm tắt", ("thẻ",), "Trang"))
    assert core_xml(cached).count(PLACEHOLDER_ISO) == 2  # created, modified: never the clock
    stamped = stamp_office(cached, FIRST)
    assert stamped == stamp_office(cached, FIRST)  # same commit, same bytes
    assert core_xml(stamped).count("2026-03-04T05:06:07Z") == 2 and PLACEHOLDER_ISO not in core_xml(stamped)
    undated = core_xml(stamp_office(cached, None))
    assert "dcterms:created" not in undated and "dcterms:modified" not in undated  # unknown: no date at all
    import docx

    properties = docx.Document(io.BytesIO(stamped)).core_properties
    assert (properties.title, properties.subject, properties.keywords) == ("Tiêu đề", "Tóm tắt", "thẻ")
    assert properties.author == properties.last_modified_by == "Trang" and properties.language == "vi-VN"


def test_a_new_commit_restamps_cached_kits_without_rendering_them(bank: Bank, tmp_path: Path) -> None:
    from pypdf import PdfReader

    cache = tmp_path / "cache"
    first = KitOutput(("html", "pdf", "docx"), cache, publisher="Trang thử", stamp=FIRST)
    first.write(bank, tmp_path / "one", Urls(), LOG)
    second = KitOutput(("html", "pdf", "docx"), cache, publisher="Trang thử", stamp=SECOND)
    second.write(bank, tmp_path / "two", Urls(), LOG)
    assert first.stats["rendered"] > 0 and second.stats["rendered"] == 0
    theme = bank.of_kind("theme")[0]
    for name, stamp in (("one", FIRST), ("two", SECOND)):
        folder = tmp_path / name / "bo-tai-lieu" / theme.id
        for pdf in (folder / f"{theme.id}.pdf", folder / f"{theme.id}-tai-lieu.pdf"):
            reader = PdfReader(pdf, strict=True)  # the stamp moved no offset
            assert reader.metadata.creation_date == reader.metadata.modification_date == stamp
            assert reader.xmp_metadata.xmp_create_date == stamp.replace(tzinfo=None)
            assert reader.metadata.author == "Trang thử" and reader.xmp_metadata.dc_language == ["vi"]
            assert len(reader.pages) >= 1
        assert stamp.strftime("%Y-%m-%dT%H:%M:%SZ") in core_xml((folder / f"{theme.id}.docx").read_bytes())
    undated = KitOutput(("pdf",), tmp_path / "undated-cache", publisher="Trang thử", stamp=None)
    undated.write(bank, tmp_path / "three", Urls(), LOG)
    reader = PdfReader(tmp_path / "three" / "bo-tai-lieu" / theme.id / f"{theme.id}.pdf")
    assert reader.metadata.creation_date is None and reader.xmp_metadata.xmp_create_date is None
    assert reader.xmp_metadata.dc_title  # described all the same


def test_a_new_commit_restamps_cached_decks_without_rendering_them(bank: Bank, tmp_path: Path) -> None:
    from pptx import Presentation

    theme = bank.of_kind("theme")[0]
    first = SlidesOutput(True, tmp_path / "cache", publisher="Trang thử", stamp=FIRST)
    first.write(bank, tmp_path / "one", Urls(), LOG)
    second = SlidesOutput(True, tmp_path / "cache", publisher="Trang thử", stamp=SECOND)
    second.write(bank, tmp_path / "two", Urls(), LOG)
    assert first.last_stats["pptx_built"] > 0 and second.last_stats["pptx_built"] == 0
    for name, stamp in (("one", FIRST), ("two", SECOND)):
        properties = Presentation(str(tmp_path / name / "trinh-chieu" / theme.id / f"{theme.id}.pptx")).core_properties
        assert properties.created == properties.modified == stamp.replace(tzinfo=None)
        assert properties.author == "Trang thử" and properties.subject == office_text(theme.summary)
    renamed = SlidesOutput(True, tmp_path / "cache", publisher="Đảng bộ khác", stamp=SECOND)
    renamed.write(bank, tmp_path / "three", Urls(), LOG)
    assert renamed.last_stats["pptx_built"] > 0  # the creator is part of the file: a new one renders again
